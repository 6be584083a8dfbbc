import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError, loadConfig } from './load-config';
import { enumListSetting, integerSetting, stringSetting } from './settings';

const schema = {
  nodeId: integerSetting('node-id', 'this node id', undefined, { min: 0 }),
  dataDirectory: stringSetting('data-dir', 'where data lives', './data'),
  port: integerSetting('port', 'client port', 9092, { min: 0, max: 65535 }),
  roles: enumListSetting('roles', 'process roles', ['controller', 'broker'], ['controller', 'broker']),
};

let directory: string;
beforeEach(() => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'samsa-config-'));
});
afterEach(() => fs.rmSync(directory, { recursive: true, force: true }));

describe('loadConfig', () => {
  it('takes flags over env over file over defaults', () => {
    const file = path.join(directory, 'samsa.yaml');
    fs.writeFileSync(file, 'node-id: 3\ndataDir: /from/file\nport: 7000\n');
    const config = loadConfig(schema, {
      flags: { 'node-id': '1' },
      env: { SAMSA_NODE_ID: '2', SAMSA_DATA_DIR: './from-env' },
      configFile: file,
    });
    expect(config.nodeId).toBe(1);
    expect(config.dataDirectory).toBe('./from-env');
    expect(config.port).toBe(7000);
    expect(config.roles).toEqual(['controller', 'broker']);
  });

  it.each([
    [{ 'node-id': 'abc' }, {}, 'invalid --node-id: expected an integer in [0, 9007199254740991], got "abc"'],
    [{ 'node-id': '1', roles: 'broker,gateway' }, {}, 'invalid --roles: "gateway" is not one of controller, broker, got "broker,gateway"'],
    [{ 'node-id': '1' }, { SAMSA_PORT: 'localhost' }, 'invalid SAMSA_PORT: expected an integer in [0, 65535], got "localhost"'],
    [{}, {}, 'missing required setting --node-id (or SAMSA_NODE_ID): this node id'],
  ])('fails with one line naming the setting: %j %j', (flags, env, message) => {
    expect(() => loadConfig(schema, { flags, env })).toThrow(new ConfigError(message));
  });

  it('refuses unknown keys and unreadable files', () => {
    const file = path.join(directory, 'bad.yaml');
    fs.writeFileSync(file, 'node-id: 1\nlisten_port: 9\n');
    expect(() => loadConfig(schema, { configFile: file })).toThrow(/unknown setting "listen_port"/);
    expect(() => loadConfig(schema, { configFile: path.join(directory, 'missing.yaml') })).toThrow(/cannot read config file/);
  });
});

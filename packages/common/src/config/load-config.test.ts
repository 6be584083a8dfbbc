import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError, loadConfig } from './load-config';
import { enumListSetting, hostPortSetting, integerSetting, quorumSetting, stringSetting } from './settings';

const schema = {
  nodeId: integerSetting('node-id', 'this node id', undefined, { min: 0 }),
  dataDirectory: stringSetting('data-dir', 'where data lives', './data'),
  listen: hostPortSetting('listen', 'client listener', { host: '127.0.0.1', port: 9092 }),
  roles: enumListSetting('roles', 'process roles', ['controller', 'broker'], ['controller', 'broker']),
  quorum: quorumSetting('controller-quorum', 'voters', [{ id: 1, host: '127.0.0.1', port: 9093 }]),
};

let directory: string;
beforeEach(() => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'samsa-config-'));
});
afterEach(() => fs.rmSync(directory, { recursive: true, force: true }));

describe('loadConfig', () => {
  it('takes flags over env over file over defaults', () => {
    const file = path.join(directory, 'samsa.yaml');
    fs.writeFileSync(file, 'node-id: 3\ndataDir: /from/file\nlisten: 127.0.0.1:7000\n');
    const config = loadConfig(schema, {
      flags: { 'node-id': '1' },
      env: { SAMSA_NODE_ID: '2', SAMSA_DATA_DIR: './from-env' },
      configFile: file,
    });
    expect(config.nodeId).toBe(1);
    expect(config.dataDirectory).toBe('./from-env');
    expect(config.listen).toEqual({ host: '127.0.0.1', port: 7000 });
    expect(config.roles).toEqual(['controller', 'broker']);
  });

  it('parses quorum voters and IPv6 listeners', () => {
    const config = loadConfig(schema, { flags: { 'node-id': '1', 'controller-quorum': '1@a:1,2@[::1]:2', listen: '[::1]:9092' } });
    expect(config.quorum).toEqual([{ id: 1, host: 'a', port: 1 }, { id: 2, host: '::1', port: 2 }]);
    expect(config.listen.host).toBe('::1');
  });

  it.each([
    [{ 'node-id': 'abc' }, {}, 'invalid --node-id: expected an integer in [0, 9007199254740991], got "abc"'],
    [{ 'node-id': '1', roles: 'broker,gateway' }, {}, 'invalid --roles: "gateway" is not one of controller, broker, got "broker,gateway"'],
    [{ 'node-id': '1' }, { SAMSA_LISTEN: 'localhost' }, 'invalid SAMSA_LISTEN: expected HOST:PORT with a port from 0 to 65535, got "localhost"'],
    [{ 'node-id': '1', 'controller-quorum': '1@a:1,1@b:2' }, {}, 'invalid --controller-quorum: voter ids must be unique, got "1@a:1,1@b:2"'],
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

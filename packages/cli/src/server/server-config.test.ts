import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { planLocalCluster } from './local-cluster-plan';
import { loadServerPlan } from './server-config';

// `samsa server` settings: each bad value stops the process with one line naming the setting.

const plan = (flags: Record<string, string>, env: Record<string, string> = {}) => loadServerPlan(flags, env);

describe('samsa server settings', () => {
  test('the defaults start one combined node on a laptop', () => {
    const defaults = plan({});
    expect(defaults).toMatchObject({
      nodeId: 1,
      clusterId: 'samsa-local',
      roles: ['controller', 'broker'],
      runController: true,
      runBroker: true,
      dataDirectory: './data',
      controllerListen: { host: '127.0.0.1', port: 9093 },
      httpListen: { host: '127.0.0.1', port: 9644 },
      listen: { host: '127.0.0.1', port: 9092 },
      advertisedListen: { host: '127.0.0.1', port: 9092 },
      quorum: [{ id: 1, host: '127.0.0.1', port: 9093 }],
      rack: null,
      logLevel: 'info',
      metadataSnapshotEntries: 10_000,
      groupSessionTimeoutMs: 45_000,
      groupHeartbeatIntervalMs: 5_000,
      offsetsTopicPartitions: 16,
    });
    expect(defaults.warnings).toEqual([]);
    expect(plan({ roles: 'controller' }).warnings).toEqual([]);
  });

  test('group settings: a heartbeat interval not below the session timeout is refused', () => {
    expect(plan({ 'group-session-timeout-ms': '6000', 'group-heartbeat-interval-ms': '1000', 'offsets-topic-partitions': '3' })).toMatchObject({ groupSessionTimeoutMs: 6000, groupHeartbeatIntervalMs: 1000, offsetsTopicPartitions: 3 });
    expect(() => plan({ 'group-session-timeout-ms': '5000' })).toThrow('invalid --group-heartbeat-interval-ms: 5000 must be below --group-session-timeout-ms (5000)');
    expect(() => plan({ 'offsets-topic-partitions': '0' })).toThrow(/offsets-topic-partitions/);
  });

  test('the DESIGN example parses', () => {
    const example = plan({
      'node-id': '2',
      roles: 'controller',
      'data-dir': './data/2',
      listen: '127.0.0.1:19092',
      'controller-listen': '127.0.0.1:19093',
      'http-listen': '127.0.0.1:19644',
      'controller-quorum': '1@127.0.0.1:9093,2@127.0.0.1:19093,3@127.0.0.1:29093',
      'advertised-listen': 'broker-2.example:9092',
      rack: 'eu-1b',
    });
    expect(example.quorum.map((voter) => voter.id)).toEqual([1, 2, 3]);
    expect(example.advertisedListen).toEqual({ host: 'broker-2.example', port: 9092 });
    expect(example.rack).toBe('eu-1b');
  });

  test('IPv6 addresses in listeners and quorum voters', () => {
    const ipv6 = plan({ listen: '[::1]:9092', 'controller-listen': '[::1]:9093', 'controller-quorum': '1@[::1]:9093,2@b:2' });
    expect(ipv6.quorum).toEqual([{ id: 1, host: '::1', port: 9093 }, { id: 2, host: 'b', port: 2 }]);
    expect(ipv6.listen).toEqual({ host: '::1', port: 9092 });
  });

  test('flags beat SAMSA_* variables, which beat the config file', () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'samsa-cli-'));
    const file = path.join(directory, 'server.yaml');
    fs.writeFileSync(file, 'node-id: 3\nclusterId: from-file\nrack: from-file\n');
    try {
      const loaded = plan({ config: file, 'node-id': '5', 'controller-quorum': '5@127.0.0.1:9093' }, { SAMSA_CLUSTER_ID: 'from-env', SAMSA_NODE_ID: '4' });
      expect([loaded.nodeId, loaded.clusterId, loaded.rack]).toEqual([5, 'from-env', 'from-file']);
      expect(plan({ 'controller-quorum': '3@127.0.0.1:9093' }, { SAMSA_CONFIG: file }).nodeId).toBe(3);
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });

  test.each([
    [{ 'node-id': 'abc' }, {}, 'invalid --node-id: expected an integer in [0, 2147483647], got "abc"'],
    [{ 'node-id': '-1' }, {}, 'invalid --node-id: expected an integer in [0, 2147483647], got "-1"'],
    [{}, { SAMSA_NODE_ID: 'x' }, 'invalid SAMSA_NODE_ID: expected an integer in [0, 2147483647], got "x"'],
    [{ roles: 'broker' }, {}, 'missing --controller-quorum: a broker-only node must be told where the controllers are'],
    [{ roles: 'router' }, {}, 'invalid --roles: "router" is not one of controller, broker, got "router"'],
    [{ 'controller-listen': 'localhost' }, {}, 'invalid --controller-listen: expected HOST:PORT with a port from 0 to 65535, got "localhost"'],
    [{ 'http-listen': '127.0.0.1:99999' }, {}, 'invalid --http-listen: expected HOST:PORT with a port from 0 to 65535, got "127.0.0.1:99999"'],
    [{ 'controller-quorum': '1@127.0.0.1:9093,1@127.0.0.1:19093' }, {}, 'invalid --controller-quorum: voter ids must be unique, got "1@127.0.0.1:9093,1@127.0.0.1:19093"'],
    [{ 'controller-quorum': '127.0.0.1:9093' }, {}, 'invalid --controller-quorum: "127.0.0.1:9093" is not ID@HOST:PORT, got "127.0.0.1:9093"'],
    [{ 'node-id': '4', 'controller-quorum': '1@127.0.0.1:9093,2@127.0.0.1:19093' }, {}, 'invalid --controller-quorum: node id 4 is not one of its voters (1, 2); a controller must be a voter'],
    [{ 'controller-listen': '127.0.0.1:9094', 'controller-quorum': '1@127.0.0.1:9093' }, {}, "invalid --controller-listen: port 9094 differs from this node's quorum entry 1@127.0.0.1:9093"],
    [{ 'controller-quorum': '1@127.0.0.1:9093,2@127.0.0.1:9093' }, {}, 'invalid --controller-quorum: voters 1 and 2 share 127.0.0.1:9093'],
    [{ 'http-listen': '0.0.0.0:9093' }, {}, 'invalid --http-listen: 0.0.0.0:9093 is also --controller-listen'],
    [{ 'log-level': 'loud' }, {}, 'invalid --log-level: expected one of fatal, error, warn, info, debug, trace, silent, got "loud"'],
    [{ 'cluster-id': 'a b' }, {}, 'invalid --cluster-id: expected 1 to 64 letters, digits, ".", "_" or "-", got "a b"'],
    [{ rack: ' ' }, {}, 'invalid --rack: expected a non-empty value, got " "'],
    [{ config: '/nonexistent/samsa.yaml' }, {}, 'cannot read config file /nonexistent/samsa.yaml'],
  ])('%j %j → %s', (flags, env, message) => {
    expect(() => plan(flags, env)).toThrow(message);
    try {
      plan(flags, env);
    } catch (error) {
      expect((error as Error).name).toBe('ConfigError');
      expect((error as Error).message).not.toContain('\n');
    }
  });
});

describe('samsa cluster start plan', () => {
  test('nodes 1..N on the DESIGN ports, one quorum, data under <data-dir>/<id>', () => {
    const nodes = planLocalCluster({ nodeCount: 3, dataDirectory: '/tmp/d' });
    expect(nodes.map((node) => [node.id, node.controllerListen.port, node.httpListen.port, node.dataDirectory])).toEqual([
      [1, 9093, 9644, '/tmp/d/1'],
      [2, 19093, 19644, '/tmp/d/2'],
      [3, 29093, 29644, '/tmp/d/3'],
    ]);
    expect(nodes[1]!.serverArguments).toEqual([
      '--node-id', '2', '--roles', 'controller,broker', '--data-dir', '/tmp/d/2', '--listen', '127.0.0.1:19092',
      '--controller-listen', '127.0.0.1:19093', '--http-listen', '127.0.0.1:19644',
      '--controller-quorum', '1@127.0.0.1:9093,2@127.0.0.1:19093,3@127.0.0.1:29093',
    ]);
  });
  test('every planned node passes the server checks', () => {
    for (const node of planLocalCluster({ nodeCount: 5, dataDirectory: 'd' })) {
      const flags: Record<string, string> = {};
      for (let index = 0; index < node.serverArguments.length; index += 2) flags[node.serverArguments[index]!.slice(2)] = node.serverArguments[index + 1]!;
      expect(loadServerPlan(flags, {}).nodeId).toBe(node.id);
    }
  });
  test('refuses node counts whose ports would not fit', () => {
    expect(() => planLocalCluster({ nodeCount: 6, dataDirectory: 'd' })).toThrow(RangeError);
    expect(() => planLocalCluster({ nodeCount: 0, dataDirectory: 'd' })).toThrow(RangeError);
  });
});

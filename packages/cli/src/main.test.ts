import { ControllerUnavailableError } from '@samsa/metadata';
import { type ControllerWire, SamsaError } from '@samsa/protocol';
import type { ControllerAdmin } from './command-line/command';
import { run } from './main';

// The admin commands through `run`, against a fake controller client: what reaches the
// controller, what is printed, and the exit code. The real client is tested in
// @samsa/metadata; the real server in the integration tests.

interface Captured {
  stdout: string;
  stderr: string;
  code: number;
  requests: [string, unknown][];
  addresses: readonly string[] | undefined;
  closed: boolean;
}

const none = null;
const topic: ControllerWire.TopicDescription__Output = {
  name: 'orders',
  topicId: 'id-1',
  partitions: [{ topic: 'orders', topicId: 'id-1', partition: 0, leader: 1, leaderEpoch: 0, partitionEpoch: 0, replicas: [1], isr: [1], addingReplicas: [], removingReplicas: [], elr: [], lastKnownElr: [] }],
  configs: [],
  error: none,
};

async function samsa(argv: string[], answers: Partial<Record<keyof ControllerAdmin, (request: unknown) => unknown>> = {}, env: Record<string, string> = {}): Promise<Captured> {
  const captured: Captured = { stdout: '', stderr: '', code: -1, requests: [], addresses: undefined, closed: false };
  const method = (name: keyof ControllerAdmin) => async (request: unknown) => {
    captured.requests.push([name, request]);
    const answer = answers[name];
    if (answer === undefined) throw new Error(`unexpected call ${name}`);
    return answer(request);
  };
  const fake = {
    describeCluster: method('describeCluster'),
    describeTopics: method('describeTopics'),
    createTopics: method('createTopics'),
    deleteTopics: method('deleteTopics'),
    createPartitions: method('createPartitions'),
    alterConfigs: method('alterConfigs'),
    close: () => {
      captured.closed = true;
    },
  } as unknown as ControllerAdmin;
  const io = { stdout: (text: string) => void (captured.stdout += text), stderr: (text: string) => void (captured.stderr += text), env };
  captured.code = await run(argv, io, {
    connectController: (addresses) => {
      captured.addresses = addresses;
      return fake;
    },
  });
  return captured;
}

describe('samsa admin commands', () => {
  test('cluster describe --json prints the DESIGN shape on one line and closes the client', async () => {
    const result = await samsa(['cluster', 'describe', '--json'], {
      describeCluster: () => ({ error: none, clusterId: 'c', metadataOffset: 1, controllers: [{ id: 1, address: 'a:1', leader: true }], brokers: [] }),
    });
    expect(result).toMatchObject({ code: 0, stderr: '', closed: true });
    expect(result.stdout).toBe('{"clusterId":"c","controllers":[{"id":1,"address":"a:1","leader":true}],"brokers":[]}\n');
  });

  test('controllers come from --controller (before or after the command), else SAMSA_CONTROLLER, else 127.0.0.1:9093', async () => {
    const answers = { describeCluster: () => ({ error: none, clusterId: 'c', metadataOffset: 0, controllers: [], brokers: [] }) };
    expect((await samsa(['cluster', 'describe'], answers)).addresses).toEqual(['127.0.0.1:9093']);
    expect((await samsa(['cluster', 'describe'], answers, { SAMSA_CONTROLLER: 'h1:1, h2:2' })).addresses).toEqual(['h1:1', 'h2:2']);
    expect((await samsa(['--controller', 'x:1', 'cluster', 'describe'], answers, { SAMSA_CONTROLLER: 'h1:1' })).addresses).toEqual(['x:1']);
    expect((await samsa(['cluster', 'describe', '--controller=[::1]:9093'], answers)).addresses).toEqual(['[::1]:9093']);
    const bad = await samsa(['--controller', 'nope', 'cluster', 'describe'], answers);
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toBe('samsa: invalid --controller: "nope": expected HOST:PORT with a port from 0 to 65535, got "nope"\n');
  });

  test('topic create sends the name, counts and configs, and reports the new topic', async () => {
    const result = await samsa(['topic', 'create', 'orders', '--partitions', '6', '--replication-factor', '3', '--config', 'retention.ms=1000', '-c', 'cleanup.policy=delete'], {
      createTopics: () => ({ error: none, topics: [{ name: 'orders', topicId: 'id-9', error: none }] }),
    });
    expect(result.requests).toEqual([['createTopics', { topics: [{ name: 'orders', partitions: 6, replicationFactor: 3, configs: [{ key: 'retention.ms', value: '1000' }, { key: 'cleanup.policy', value: 'delete' }] }] }]]);
    expect(result).toMatchObject({ code: 0, stdout: 'Created topic orders (6 partitions, replication factor 3, id id-9).\n' });
  });

  test("a topic's error is one line with its code, exit 1", async () => {
    const result = await samsa(['topic', 'create', 'orders', '-r', '3'], {
      createTopics: () => ({ error: none, topics: [{ name: 'orders', topicId: '', error: { code: 38, name: 'INVALID_REPLICATION_FACTOR', message: 'replication factor 3 is larger than the 1 unfenced brokers', leader: null } }] }),
    });
    expect(result).toMatchObject({ code: 1, stdout: '', stderr: 'samsa: INVALID_REPLICATION_FACTOR: replication factor 3 is larger than the 1 unfenced brokers\n' });
  });

  test('bad flags fail before any request, exit 2', async () => {
    for (const argv of [
      ['topic', 'create', 'orders', '--partitions', '0'],
      ['topic', 'create', 'orders', '--config', 'retention.ms'],
      ['topic', 'create'],
      ['topic', 'create', 'a', 'b'],
      ['topic', 'alter', 'orders'],
      ['topic', 'alter', 'orders', '--config', 'a=1', '--delete-config', 'a'],
      ['topic', 'describe', 'orders', '--nope'],
      ['topic', 'frobnicate'],
    ]) {
      const result = await samsa(argv);
      expect({ argv, code: result.code, requests: result.requests }).toEqual({ argv, code: 2, requests: [] });
      expect(result.stderr).toMatch(/^samsa: [^\n]+\n$/);
    }
    expect((await samsa(['topic', 'create', 'orders', '--partitions', '0'])).stderr).toBe('samsa: invalid --partitions: expected an integer in [1, 10000], got "0"\n');
    expect((await samsa(['topic', 'alter', 'orders'])).stderr).toBe('samsa: topic alter needs --partitions, --config or --delete-config\n');
  });

  test('topic describe --json prints the DESIGN shape; an unknown topic is UNKNOWN_TOPIC_OR_PARTITION', async () => {
    const found = await samsa(['topic', 'describe', 'orders', '--json'], { describeTopics: () => ({ error: none, topics: [topic] }) });
    expect(found.requests).toEqual([['describeTopics', { names: ['orders'] }]]);
    expect(JSON.parse(found.stdout)).toEqual({ name: 'orders', partitions: [{ partition: 0, leader: 1, leaderEpoch: 0, replicas: [1], isr: [1] }], configs: {} });
    const missing = await samsa(['topic', 'describe', 'nope'], {
      describeTopics: () => ({ error: none, topics: [{ ...topic, name: 'nope', partitions: [], error: { code: 3, name: 'UNKNOWN_TOPIC_OR_PARTITION', message: 'topic "nope" does not exist', leader: null } }] }),
    });
    expect(missing).toMatchObject({ code: 1, stderr: 'samsa: UNKNOWN_TOPIC_OR_PARTITION: topic "nope" does not exist\n' });
  });

  test('topic list asks for every topic', async () => {
    const result = await samsa(['topic', 'list', '--json'], { describeTopics: () => ({ error: none, topics: [topic] }) });
    expect(result.requests).toEqual([['describeTopics', { names: [] }]]);
    expect(JSON.parse(result.stdout)).toEqual([{ name: 'orders', partitions: 1, replicationFactor: 1 }]);
  });

  test('topic delete', async () => {
    const result = await samsa(['topic', 'delete', 'orders'], { deleteTopics: () => ({ error: none, topics: [{ name: 'orders', error: none }] }) });
    expect(result).toMatchObject({ code: 0, stdout: 'Deleted topic orders.\n', requests: [['deleteTopics', { names: ['orders'] }]] });
  });

  test('topic alter adds partitions first, then sets and deletes configs', async () => {
    const result = await samsa(['topic', 'alter', 'orders', '--partitions', '8', '--config', 'retention.ms=5', '--delete-config', 'segment.ms'], {
      createPartitions: () => ({ error: none }),
      alterConfigs: () => ({ error: none }),
    });
    expect(result.requests).toEqual([
      ['createPartitions', { name: 'orders', partitions: 8 }],
      ['alterConfigs', { resourceType: 'topic', name: 'orders', changes: [{ key: 'retention.ms', hasValue: true, value: '5' }, { key: 'segment.ms', hasValue: false }] }],
    ]);
    expect(result.code).toBe(0);
  });

  test('topic alter stops at a failed partition increase (the client throws it)', async () => {
    const result = await samsa(['topic', 'alter', 'orders', '--partitions', '1', '--config', 'a=1'], {
      createPartitions: () => {
        throw new SamsaError('INVALID_PARTITIONS', 'topic orders has 6 partitions; it can only grow');
      },
    });
    expect(result).toMatchObject({ code: 1, stderr: 'samsa: INVALID_PARTITIONS: topic orders has 6 partitions; it can only grow\n' });
    expect(result.requests.map(([name]) => name)).toEqual(['createPartitions']);
  });

  test('an unreachable cluster is one line naming the addresses tried, exit 1', async () => {
    const result = await samsa(['topic', 'list'], {
      describeTopics: () => {
        throw new ControllerUnavailableError('NETWORK_EXCEPTION', 'cannot reach a controller at 127.0.0.1:9093 after 8 attempts (last: …)', ['127.0.0.1:9093']);
      },
    });
    expect(result).toMatchObject({ code: 1, stderr: 'samsa: NETWORK_EXCEPTION: cannot reach a controller at 127.0.0.1:9093 after 8 attempts (last: …)\n', closed: true });
  });
});

describe('samsa help', () => {
  test('--help prints to stdout and exits 0; no command prints help to stderr and exits 2', async () => {
    const asked = await samsa(['--help']);
    expect(asked.code).toBe(0);
    expect(asked.stdout).toContain('topic create NAME');
    const nothing = await samsa([]);
    expect(nothing).toMatchObject({ code: 2, stdout: '' });
    expect(nothing.stderr).toContain('Usage: samsa');
    const command = await samsa(['topic', 'create', '--help']);
    expect(command.code).toBe(0);
    expect(command.stdout).toContain('--replication-factor R');
    expect((await samsa(['server', '--help'])).stdout).toContain('--controller-quorum ID@HOST:PORT,...');
  });
  test('unknown commands name themselves', async () => {
    expect(await samsa(['topics', 'list'])).toMatchObject({ code: 2, stderr: 'samsa: unknown command topics (see samsa --help)\n' });
    expect(await samsa(['topic', 'nuke'])).toMatchObject({ code: 2, stderr: 'samsa: unknown command topic nuke (see samsa topic --help)\n' });
  });
});

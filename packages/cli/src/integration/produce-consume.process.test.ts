import { spawn } from 'node:child_process';
import { LocalCluster, SAMSA_BIN } from '../local-cluster/local-cluster';

/**
 * `samsa produce` and `samsa consume` as a user runs them, against three combined nodes
 * started by the local-cluster module: 1,000 lines piped in come back exactly, keys
 * included, in order per partition; an unknown topic and an unreachable cluster are one
 * line and a non-zero exit.
 */
jest.setTimeout(90_000);

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function samsa(argv: readonly string[], input?: string, timeoutMs = 30_000): Promise<Result> {
  // A clean environment: SAMSA_* variables of the person running the tests must not leak in.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('SAMSA_')));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SAMSA_BIN, ...argv], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`samsa ${argv.join(' ')} did not finish within ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input ?? '');
  });
}

describe('samsa produce | samsa consume against real nodes', () => {
  let cluster: LocalCluster | undefined;

  afterAll(async () => {
    await cluster?.destroy();
  });

  test('1,000 lines in, the same 1,000 records out; errors are one line', async () => {
    cluster = await LocalCluster.combined(3, { logLevel: 'warn' });
    await cluster.startAndWait(60_000);
    const bootstrap = cluster.bootstrap.join(',');

    const created = await samsa(['topic', 'create', 'lines', '--partitions', '3', '--replication-factor', '3', '--controller', cluster.controllerAddresses]);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);

    const lines = Array.from({ length: 1000 }, (_, index) => `key-${index % 17}\tvalue-${index}`);
    // Metadata may lag the topic's creation for a moment: produce asks again for 2 s.
    const produced = await samsa(['produce', 'lines', '-b', bootstrap, '--key-separator', '\t'], `${lines.join('\n')}\n`);
    expect(produced.stderr).toBe('');
    expect(produced.code).toBe(0);

    const consumed = await samsa(['consume', 'lines', '-b', bootstrap, '--from-beginning', '--max-messages', '1000', '--json', '--timeout-ms', '20000']);
    expect(consumed.stderr).toBe('');
    expect(consumed.code).toBe(0);
    const records = consumed.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { topic: string; partition: number; offset: string; timestamp: string; key: string; value: string; headers: unknown[] });
    expect(records).toHaveLength(1000);
    expect(Object.keys(records[0]!)).toEqual(['topic', 'partition', 'offset', 'timestamp', 'key', 'value', 'headers']);
    // Exactly the lines, keys honoured; a key always lands on one partition; per partition,
    // offsets run 0, 1, 2, ... and values keep the order they were written in.
    expect(records.map((record) => `${record.key}\t${record.value}`).sort()).toEqual([...lines].sort());
    const partitionOfKey = new Map<string, number>();
    for (const record of records) {
      expect(partitionOfKey.get(record.key) ?? record.partition).toBe(record.partition);
      partitionOfKey.set(record.key, record.partition);
    }
    for (const partition of [0, 1, 2]) {
      const own = records.filter((record) => record.partition === partition);
      expect(own.map((record) => record.offset)).toEqual(own.map((_, index) => String(index)));
      const order = own.map((record) => Number(record.value.slice('value-'.length)));
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }

    const plain = await samsa(['consume', 'lines', '-b', bootstrap, '--partition', '1', '--offset', '0', '--max-messages', '3']);
    expect(plain.code).toBe(0);
    expect(plain.stdout.split('\n').slice(0, 3)).toEqual(records.filter((record) => record.partition === 1).slice(0, 3).map((record) => record.value));

    const unknown = await samsa(['produce', 'no-such-topic', '-b', bootstrap], 'x\n');
    expect(unknown).toEqual({ code: 1, stdout: '', stderr: 'samsa: UNKNOWN_TOPIC_OR_PARTITION: topic "no-such-topic" does not exist\n' });

    const unreachable = await samsa(['produce', 'lines', '-b', '127.0.0.1:1'], 'x\n');
    expect(unreachable.code).toBe(1);
    expect(unreachable.stdout).toBe('');
    expect(unreachable.stderr.split('\n')).toHaveLength(2);
    expect(unreachable.stderr).toMatch(/^samsa: NETWORK_EXCEPTION: .*127\.0\.0\.1:1/);
  });
});

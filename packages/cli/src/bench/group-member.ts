/**
 * One member of `samsa bench consume --group G --members N`, run as a child process by
 * group-bench.ts: `node group-member.js '{"bootstrap":[...],"topic":"t","group":"g","records":N}'`.
 * It joins the group from the earliest offsets and counts records with `run({ eachBatch })`
 * (or `for await` with "iterator": true), printing one JSON line of progress every 100 ms:
 * `{"records","bytes","firstMs","lastMs","cpuUs"}` (wall clock, shared by the processes of one
 * machine; cpuUs: this process's CPU time since its first record).
 * It stops when it has counted `records` (a group of one) or when "stop" arrives on stdin;
 * then it closes the consumer (commit, leave), prints a last line with `"done":true` and exits.
 */
import { Samsa } from '@samsa/client';

interface MemberConfig {
  readonly bootstrap: string[];
  readonly topic: string;
  readonly group: string;
  /** Stop after this many records; 0: only on "stop". */
  readonly records: number;
  readonly iterator?: boolean;
}

async function main(config: MemberConfig): Promise<void> {
  const samsa = new Samsa({ bootstrap: config.bootstrap, clientId: `bench-${config.group}-${process.pid}` });
  const consumer = samsa.consumer({ groupId: config.group, autoOffsetReset: 'earliest', maxPartitionBytes: 4 * 1024 * 1024, maxWaitMs: 100 });
  const progress = { records: 0, bytes: 0, firstMs: 0, lastMs: 0, cpuUs: 0 };
  let cpuAtFirst: NodeJS.CpuUsage | undefined;
  const report = (done: boolean) => {
    if (cpuAtFirst !== undefined) {
      const used = process.cpuUsage(cpuAtFirst);
      progress.cpuUs = used.user + used.system;
    }
    process.stdout.write(`${JSON.stringify({ ...progress, done })}\n`);
  };
  const timer = setInterval(() => report(false), 100);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void consumer.close();
  };
  process.stdin.on('data', (chunk: Buffer) => {
    if (chunk.toString().includes('stop')) stop();
  });
  process.stdin.on('end', stop);
  await consumer.subscribe([config.topic]);
  const count = (records: number, bytes: number) => {
    const nowMs = Date.now();
    if (progress.records === 0) {
      progress.firstMs = nowMs;
      cpuAtFirst = process.cpuUsage();
    }
    progress.records += records;
    progress.bytes += bytes;
    progress.lastMs = nowMs;
    if (config.records > 0 && progress.records >= config.records) stop();
  };
  if (config.iterator === true) {
    for await (const record of consumer) count(1, record.value?.length ?? 0);
  } else {
    await consumer.run({
      eachBatch: ({ records }) => {
        let bytes = 0;
        for (const record of records) bytes += record.value?.length ?? 0;
        count(records.length, bytes);
      },
    });
  }
  await consumer.close();
  clearInterval(timer);
  report(true);
  await samsa.close();
}

main(JSON.parse(process.argv[2] ?? '{}') as MemberConfig).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`group-member: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);

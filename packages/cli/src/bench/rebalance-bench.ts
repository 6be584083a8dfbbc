/**
 * Rebalance times of the group consumer (issue 10): `node packages/cli/dist/bench/rebalance-bench.js`
 * (after `npx tsc -b`). Three combined nodes on loopback with --group-session-timeout-ms
 * (REBALANCE_SESSION_MS, default 6000) and --group-heartbeat-interval-ms 500; a topic of 12
 * partitions; member A (this process) owns them all. Then ROUNDS times (default 10):
 * - join: a second member (another Samsa client here) subscribes; time until both own 6;
 * - leave: it closes (commit, leave with -1); time until A owns 12 again;
 * - crash: a member in a child process (group-member.js) joins, the two are balanced, it is
 *   SIGKILLed; time until A owns 12 (the session timeout, then one rebalance).
 * Prints the median, minimum and maximum of each and writes bench-results/rebalance.json.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Consumer, Samsa } from '@samsa/client';
import { waitFor } from '@samsa/protocol';
import { LocalCluster } from '../local-cluster/local-cluster';

const ROUNDS = Number(process.env['REBALANCE_ROUNDS'] ?? 10);
const SESSION_MS = Number(process.env['REBALANCE_SESSION_MS'] ?? 6_000);
const TOPIC = 'rebalance';
const PARTITIONS = 12;
const GROUP = 'rebalance-bench';

function consumerOf(samsa: Samsa): Consumer {
  return samsa.consumer({ groupId: GROUP, autoOffsetReset: 'earliest', sessionTimeoutMs: SESSION_MS, maxWaitMs: 200 });
}

async function drive(consumer: Consumer): Promise<void> {
  await consumer.subscribe([TOPIC]);
  await consumer.run({ eachBatch: () => undefined });
}

const owns = (consumer: Consumer, count: number) => (consumer.assignment().length === count ? true : undefined);

function summary(values: number[]): { medianMs: number; minMs: number; maxMs: number; runsMs: number[] } {
  const sorted = [...values].sort((a, b) => a - b);
  return { medianMs: sorted[Math.floor(sorted.length / 2)] as number, minMs: sorted[0] as number, maxMs: sorted[sorted.length - 1] as number, runsMs: values };
}

async function main(): Promise<void> {
  const cluster = await LocalCluster.combined(3, { logLevel: 'warn', tempPrefix: 'samsa-rebalance-', extraArgs: ['--group-session-timeout-ms', String(SESSION_MS), '--group-heartbeat-interval-ms', '500'] });
  const clients: Samsa[] = [];
  try {
    await cluster.startAndWait(60_000);
    const admin = new Samsa({ bootstrap: cluster.bootstrap, clientId: 'rebalance-admin' });
    clients.push(admin);
    await admin.admin().createTopic({ name: TOPIC, partitions: PARTITIONS, replicationFactor: 3 });
    const a = new Samsa({ bootstrap: cluster.bootstrap, clientId: 'member-a' });
    clients.push(a);
    const memberA = consumerOf(a);
    void drive(memberA).catch(() => undefined);
    await waitFor('A owns every partition', 60_000, () => owns(memberA, PARTITIONS));
    const join: number[] = [];
    const leave: number[] = [];
    const crash: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const b = new Samsa({ bootstrap: cluster.bootstrap, clientId: `member-b-${round}` });
      const memberB = consumerOf(b);
      let startedMs = Date.now();
      const running = drive(memberB).catch(() => undefined);
      await waitFor('A and B own 6 each', 60_000, () => (owns(memberA, PARTITIONS / 2) && owns(memberB, PARTITIONS / 2)) || undefined);
      join.push(Date.now() - startedMs);
      startedMs = Date.now();
      await memberB.close();
      await waitFor('A owns every partition again', 60_000, () => owns(memberA, PARTITIONS));
      leave.push(Date.now() - startedMs);
      await running;
      await b.close();

      const child = spawn(process.execPath, [path.join(__dirname, 'group-member.js'), JSON.stringify({ bootstrap: cluster.bootstrap, topic: TOPIC, group: GROUP, records: 0 })], { stdio: ['pipe', 'ignore', 'inherit'] });
      await waitFor('A and the child own 6 each', 60_000, () => owns(memberA, PARTITIONS / 2));
      startedMs = Date.now();
      child.kill('SIGKILL');
      await waitFor('A owns every partition after the crash', 120_000, () => owns(memberA, PARTITIONS));
      crash.push(Date.now() - startedMs);
      process.stderr.write(`round ${round + 1}: join ${join[round]} ms, leave ${leave[round]} ms, crash ${crash[round]} ms\n`);
    }
    const result = { rounds: ROUNDS, partitions: PARTITIONS, sessionTimeoutMs: SESSION_MS, heartbeatIntervalMs: 500, join: summary(join), leave: summary(leave), crash: summary(crash) };
    process.stdout.write(`rebalance (12 partitions, 2 members, session ${SESSION_MS} ms, heartbeat 500 ms, ${ROUNDS} rounds): join median ${result.join.medianMs} ms (${result.join.minMs}-${result.join.maxMs}), leave median ${result.leave.medianMs} ms (${result.leave.minMs}-${result.leave.maxMs}), crash median ${result.crash.medianMs} ms (${result.crash.minMs}-${result.crash.maxMs})\n`);
    const out = process.env['BENCH_OUT'] ?? path.join('bench-results', 'rebalance.json');
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    await memberA.close();
  } finally {
    await Promise.allSettled(clients.map((client) => client.close()));
    await cluster.destroy();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`rebalance-bench: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exit(1);
  },
);

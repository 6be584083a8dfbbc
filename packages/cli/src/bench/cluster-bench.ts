/**
 * The issue-5 benchmark, end to end with its own cluster (`npm run bench` at the root):
 * three combined nodes on loopback, topics of 6 partitions with replication factor 3;
 * produce throughput for 100-byte and 1 KiB records with acks=all and acks=1; send→ack
 * latency at half the 100-byte acks=all peak; consume throughput (a reader per partition);
 * end-to-end latency at half that peak. Prints one table and writes
 * `bench-results/cluster.json` (relative to the working directory).
 *
 * Environment: BENCH_RECORDS (records per throughput run, default 2000000), BENCH_SECONDS
 * (cap of each throughput run, default 10), BENCH_PACED_SECONDS (length of each paced run,
 * default 10), BENCH_OUT (the JSON file, default bench-results/cluster.json).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type Goal, renderBenchTable, workloadLine } from './bench-output';
import type { BenchResult } from './bench-result';
import { type ProgressSink, type RunSettings, consumeBench, e2eBench, produceBench } from './bench-runs';
import { type BenchTarget, createBenchTopic, openBenchTarget } from './bench-target';

const PARTITIONS = 6;
const REPLICATION_FACTOR = 3;

function envInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) {
    process.stderr.write(`cluster-bench: invalid ${name}: expected a positive integer, got "${raw}"\n`);
    process.exit(2);
  }
  return value;
}

async function main(): Promise<number> {
  const records = envInteger('BENCH_RECORDS', 2_000_000);
  const seconds = envInteger('BENCH_SECONDS', 10);
  const pacedSeconds = envInteger('BENCH_PACED_SECONDS', 10);
  const out = process.env['BENCH_OUT'] ?? path.join('bench-results', 'cluster.json');
  const sink: ProgressSink = { isTty: process.stderr.isTTY === true, write: (text) => void process.stderr.write(text) };
  const note = (text: string) => void process.stderr.write(`${text}\n`);
  const startedAt = new Date().toISOString();

  let target: BenchTarget | undefined;
  const stop = () => {
    // Ctrl-C: the nodes are killed by LocalCluster's exit hook.
    process.stderr.write('\ncluster-bench: interrupted\n');
    process.exit(130);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    target = await openBenchTarget({ nodes: 3, note });
    const small = 'bench-100b';
    const large = 'bench-1kib';
    await createBenchTopic(target.samsa, small, PARTITIONS, REPLICATION_FACTOR);
    await createBenchTopic(target.samsa, large, PARTITIONS, REPLICATION_FACTOR);
    const base = { partitions: PARTITIONS, replicationFactor: REPLICATION_FACTOR, records, maxSeconds: seconds };
    const s100: RunSettings = { ...base, topic: small, recordSize: 100, acks: 'all' };
    const s1k: RunSettings = { ...base, topic: large, recordSize: 1024, acks: 'all' };
    const results: BenchResult[] = [];
    const goals = new Map<BenchResult, Goal>();
    const step = async (result: Promise<BenchResult>, goal?: Goal) => {
      const done = await result;
      results.push(done);
      if (goal !== undefined) goals.set(done, goal);
      note(`  ${done.workload.name}: ${done.recordsPerSec.toLocaleString('en-US')} records/s, ${done.mbPerSec} MB/s${done.latencyMs === null ? '' : `, p99 ${done.latencyMs.p99} ms`}`);
      return done;
    };

    note(`measuring (each throughput run: ${records.toLocaleString('en-US')} records or ${seconds} s; paced runs: ${pacedSeconds} s) ...`);
    const peak = await step(produceBench(target, s100, sink), { metric: 'recordsPerSec', target: 300_000 });
    await step(produceBench(target, { ...s100, acks: 1 }, sink));
    await step(produceBench(target, s1k, sink), { metric: 'mbPerSec', target: 100 });
    await step(produceBench(target, { ...s1k, acks: 1 }, sink));
    const half = Math.max(1, Math.floor(peak.recordsPerSec / 2));
    const paced = { ...s100, rate: half, records: half * pacedSeconds, maxSeconds: pacedSeconds + 5 };
    await step(produceBench(target, paced, sink));
    await step(consumeBench(target, { ...s100, maxSeconds: 60 }, sink));
    await step(consumeBench(target, { ...s1k, maxSeconds: 60 }, sink));
    await step(e2eBench(target, paced, sink), { metric: 'p99', target: 50 });

    process.stdout.write(workloadLine(target, { partitions: PARTITIONS, replicationFactor: REPLICATION_FACTOR }));
    process.stdout.write(`Runs: throughput runs send ${records.toLocaleString('en-US')} records or stop after ${seconds} s; "@N/s" runs are paced at half the 100 B acks=all peak for ${pacedSeconds} s; consume reads each whole topic.\n`);
    process.stdout.write(renderBenchTable(results, goals));
    const report = {
      benchmark: 'cluster',
      startedAt,
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', node: process.version, platform: `${os.platform()} ${os.release()}` },
      settings: { records, seconds, pacedSeconds, partitions: PARTITIONS, replicationFactor: REPLICATION_FACTOR, brokers: target.brokers, layout: 'combined' },
      runs: results,
    };
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    fs.writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`Wrote ${out}\n`);
    return results.some((result) => result.errors > 0) ? 1 : 0;
  } finally {
    await target?.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`cluster-bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);

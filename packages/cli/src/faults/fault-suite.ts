#!/usr/bin/env node
/**
 * `npm run test:faults`: the fault suite. Runs the Jepsen-style workload against 3 combined
 * nodes and against 3 controllers + 3 brokers, with SIGKILL, power cuts (SIGKILL plus a cut
 * segment tail), SIGSTOP/SIGCONT and network partitions, and checks that every acknowledged
 * record is present exactly once, at its acknowledged offset, in order. Prints a table,
 * writes JSON, exits 1 on any anomaly.
 *
 * Network partitions need a network namespace of our own and nftables: as root, the suite
 * re-runs itself under `unshare -n` (loopback only inside); elsewhere it runs without them
 * and says so.
 *
 * Environment: FAULTS_RUNS (runs per layout, default 1), FAULTS_PER_RUN (default 40),
 * FAULTS_POWER_CUT_SHARE (default 0.6), FAULTS_SEED (first seed, default: from the clock),
 * FAULTS_LAYOUTS (combined,split), FAULTS_OUT (default bench-results/faults.json).
 * A failing run prints its seed; FAULTS_SEED=<seed> FAULTS_RUNS=1 replays its schedule.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderTable } from '../output/table';
import { type FaultRunResult, type Layout, runFaults } from './fault-run';
import { NetworkFaults } from './network-faults';

const IN_NETNS = 'SAMSA_FAULTS_IN_NETNS';
const MAX_CUT_BYTES = 64 * 1024;

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    process.stderr.write(`fault-suite: invalid ${name}: "${raw}"\n`);
    process.exit(2);
  }
  return value;
}

/** Re-runs this script in a fresh network namespace; returns its exit code, or undefined if that cannot be done. */
function reexecInNetworkNamespace(): number | undefined {
  if (process.env[IN_NETNS] !== undefined || process.getuid?.() !== 0) return undefined;
  const probe = spawnSync('unshare', ['-n', 'true']);
  if (probe.status !== 0) return undefined;
  const result = spawnSync('unshare', ['-n', '--', 'sh', '-c', 'ip link set lo up && exec "$0" "$@"', process.execPath, __filename, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, [IN_NETNS]: '1' },
  });
  return result.status ?? 1;
}

async function main(): Promise<number> {
  const runs = envNumber('FAULTS_RUNS', 1);
  const faults = envNumber('FAULTS_PER_RUN', 40);
  const powerCutShare = envNumber('FAULTS_POWER_CUT_SHARE', 0.6);
  const firstSeed = envNumber('FAULTS_SEED', Date.now() % 1_000_000);
  const layouts = (process.env['FAULTS_LAYOUTS'] ?? 'combined,split').split(',').map((layout) => layout.trim()) as Layout[];
  const out = process.env['FAULTS_OUT'] ?? path.join('bench-results', 'faults.json');
  const log = (line: string) => void process.stderr.write(`${line}\n`);

  const network = process.env[IN_NETNS] === undefined ? 'not in a network namespace of our own (run as root with unshare)' : NetworkFaults.open();
  if (typeof network === 'string') log(`fault-suite: no network partitions: ${network}`);
  const results: FaultRunResult[] = [];
  let seed = firstSeed;
  for (let run = 0; run < runs; run++) {
    for (const layout of layouts) {
      log(`fault-suite: ${layout}, seed ${seed}, ${faults} faults`);
      results.push(await runFaults({ layout, seed, faults, powerCutShare, maxCutBytes: MAX_CUT_BYTES, network: typeof network === 'string' ? undefined : network, log, evidenceDirectory: path.join(path.dirname(out), 'faults-evidence') }));
      const last = results.at(-1)!;
      log(`fault-suite: ${layout} seed ${seed}: ${summary(last)}`);
      for (const example of last.check.examples) log(`    ${example}`);
      seed += 1;
    }
  }
  if (typeof network !== 'string') network.close();

  process.stdout.write(
    renderTable(
      ['layout', 'seed', 'faults (power cuts)', 'kill/pause/partition', 'acknowledged', 'failed', 'lost', 'moved', 'duplicated', 'reordered', 'unknown', 'longest no-ack gap', 'seconds'],
      results.map((result) => [
        result.layout,
        result.seed,
        `${total(result)} (${result.faultsByKind['power-cut']})`,
        `${result.faultsByKind.kill}/${result.faultsByKind.pause}/${result.faultsByKind.partition}`,
        result.check.acknowledged.toLocaleString('en-US'),
        result.check.failed,
        result.check.lost,
        result.check.moved,
        result.check.duplicated,
        result.check.reordered,
        result.check.unknown,
        `${(result.check.longestGapMs / 1000).toFixed(1)} s`,
        result.seconds,
      ]),
    ),
  );
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify({ workload: { partitions: 6, replicationFactor: 3, minInsyncReplicas: 2, producers: 4, batch: 50, acks: 'all', idempotent: true, maxCutBytes: MAX_CUT_BYTES, networkPartitions: typeof network !== 'string' }, results }, null, 2)}\n`);
  process.stderr.write(`fault-suite: wrote ${out}\n`);
  const bad = results.filter((result) => anomalies(result) > 0);
  if (bad.length > 0) process.stderr.write(`fault-suite: ANOMALIES in ${bad.map((result) => `${result.layout} seed ${result.seed}`).join(', ')}\n`);
  return bad.length > 0 ? 1 : 0;
}

function total(result: FaultRunResult): number {
  return Object.values(result.faultsByKind).reduce((sum, count) => sum + count, 0);
}

function anomalies(result: FaultRunResult): number {
  const check = result.check;
  return check.lost + check.moved + check.duplicated + check.reordered + check.unknown;
}

function summary(result: FaultRunResult): string {
  const check = result.check;
  return `${check.acknowledged.toLocaleString('en-US')} acknowledged, ${check.failed} failed; lost ${check.lost}, moved ${check.moved}, duplicated ${check.duplicated}, reordered ${check.reordered}, unknown ${check.unknown}; longest gap ${(check.longestGapMs / 1000).toFixed(1)} s`;
}

// Ctrl-C or SIGTERM: exit through process.exit, whose hook kills the nodes and removes their data.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
const code = reexecInNetworkNamespace();
if (code !== undefined) process.exit(code);
main().then(
  (exitCode) => process.exit(exitCode),
  (error: unknown) => {
    process.stderr.write(`fault-suite: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);

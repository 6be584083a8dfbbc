import Table from 'cli-table3';
import type { BenchResult } from './bench-result';

/** A goal from issue 5, shown beside the figure it is about. */
export interface Goal {
  /** Which figure: records/s, MB/s, or a latency percentile. */
  readonly metric: 'recordsPerSec' | 'mbPerSec' | 'p99';
  readonly target: number;
}

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

function ms(value: number | undefined): string {
  if (value === undefined) return '-';
  return value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : number.format(value);
}

export function goalText(result: BenchResult, goal: Goal | undefined): string {
  if (goal === undefined) return '';
  const [value, shown] =
    goal.metric === 'recordsPerSec' ? [result.recordsPerSec, `>= ${number.format(goal.target)} rec/s`] : goal.metric === 'mbPerSec' ? [result.mbPerSec, `>= ${goal.target} MB/s`] : [result.latencyMs?.p99 ?? Infinity, `p99 <= ${goal.target} ms`];
  const met = goal.metric === 'p99' ? value <= goal.target : value >= goal.target;
  return `${shown} ${met ? 'met' : 'NOT met'}`;
}

/**
 * One row a run: records, seconds, records/s, MB/s (2^20 bytes of values), latency
 * percentiles in ms (send→ack for produce, produce→seen for e2e), and errors.
 */
export function renderBenchTable(results: readonly BenchResult[], goals: ReadonlyMap<BenchResult, Goal> = new Map()): string {
  const withGoals = goals.size > 0;
  const table = new Table({
    head: ['run', 'records', 'seconds', 'records/s', 'MB/s', 'p50 ms', 'p99 ms', 'p99.9 ms', 'max ms', 'errors', ...(withGoals ? ['goal (issue 5)'] : [])],
    colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', ...(withGoals ? ['left' as const] : [])],
    style: { head: [], border: [] },
  });
  for (const result of results) {
    const latency = result.latencyMs;
    table.push([
      result.workload.name,
      number.format(result.records),
      result.seconds.toFixed(2),
      number.format(result.recordsPerSec),
      decimal.format(result.mbPerSec),
      ms(latency?.p50),
      ms(latency?.p99),
      ms(latency?.p999),
      ms(latency?.max),
      number.format(result.errors),
      ...(withGoals ? [goalText(result, goals.get(result))] : []),
    ]);
  }
  return `${table.toString()}\n`;
}

/** The workload in one line, as DESIGN.md asks a benchmark to state it. */
export function workloadLine(target: { brokers: number; cluster: 'own' | 'external' }, topic: { partitions: number; replicationFactor: number }): string {
  const where = target.cluster === 'own' ? `${target.brokers} combined nodes started on 127.0.0.1 for this run` : `${target.brokers} brokers (existing cluster)`;
  return `Workload: ${where}; topics of ${topic.partitions} partitions, replication factor ${topic.replicationFactor}; producer with 1 MiB batches and otherwise the client's defaults (linger 5 ms, idempotent with acks=all); MB = 2^20 bytes of record values.\n`;
}

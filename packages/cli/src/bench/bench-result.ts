import type { LatencySummary } from './stats';
import { MB } from './stats';

export type BenchKind = 'produce' | 'consume' | 'e2e';

/** What a run did, stated with its figures (DESIGN.md: brokers, partitions, RF, acks, size, records). */
export interface Workload {
  readonly name: string;
  readonly kind: BenchKind;
  readonly brokers: number;
  /** `own` when the benchmark started its cluster (3 combined nodes on loopback), else `external`. */
  readonly cluster: 'own' | 'external';
  readonly topic: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  /** null for consume runs. */
  readonly acks: 'all' | 1 | null;
  readonly recordSize: number;
  /** Records asked for (the run may stop earlier at `maxSeconds`). */
  readonly records: number;
  /** Target records/s for a paced run; null = as fast as possible. */
  readonly rate: number | null;
  readonly maxSeconds: number;
  /** What latencyMs measures: send→ack, produce→seen by a reader, or nothing. */
  readonly latency: 'send-to-ack' | 'end-to-end' | null;
}

/** DESIGN.md's bench shape, plus `errors` (records not acknowledged / not seen). */
export interface BenchResult {
  readonly workload: Workload;
  readonly records: number;
  readonly seconds: number;
  readonly recordsPerSec: number;
  readonly mbPerSec: number;
  readonly latencyMs: LatencySummary | null;
  readonly errors: number;
}

export function benchResult(workload: Workload, measured: { records: number; bytes: number; seconds: number; latencyMs: LatencySummary | null; errors: number }): BenchResult {
  const seconds = Math.max(measured.seconds, 1e-9);
  return {
    workload,
    records: measured.records,
    seconds: Math.round(measured.seconds * 1000) / 1000,
    recordsPerSec: Math.round(measured.records / seconds),
    mbPerSec: Math.round((measured.bytes / MB / seconds) * 100) / 100,
    latencyMs: measured.latencyMs,
    errors: measured.errors,
  };
}

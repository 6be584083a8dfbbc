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

/** `bench partitions`: what the run was asked to do (always on its own cluster). */
export interface PartitionsWorkload {
  readonly name: string;
  readonly kind: 'partitions';
  readonly brokers: number;
  readonly cluster: 'own';
  readonly topic: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  /** Length of the idle window over which CPU and log lines are measured. */
  readonly idleSeconds: number;
  /** The nodes' SAMSA_LOG_LEVEL: the idle log lines are those at this level and above. */
  readonly nodeLogLevel: string;
}

/** One node over the idle window: CPU as % of one core, RSS and descriptors at its end. */
export interface NodeIdleFigures {
  readonly node: number;
  readonly cpuPercent: number;
  readonly rssMiB: number;
  readonly logLinesPerSec: number;
  readonly openFds: number;
  /** The most frequent log messages of the window, most frequent first (at most 3). */
  readonly topLogMessages: readonly { readonly msg: string; readonly count: number }[];
}

/** The steps of `bench partitions`, in order. */
export type PartitionsStep = 'create' | 'all-led-full-isr' | 'idle' | 'failover' | 'rejoin';

/**
 * DESIGN.md's bench shape for `bench partitions`: `workload` and `seconds` (the whole run) as
 * every kind has, then its own figures. A figure is null when its step did not complete;
 * `failure` then says which step missed its deadline and what it had reached.
 */
export interface PartitionsBenchResult {
  readonly workload: PartitionsWorkload;
  readonly seconds: number;
  /** Until the createTopics call returned. */
  readonly createSeconds: number | null;
  /** True when the first createTopics attempt failed and a retry found the topic created. */
  readonly createRetried: boolean;
  /** From the start of the create until every partition has a leader and ISR = replicas. */
  readonly allLedFullIsrSeconds: number | null;
  readonly idle: readonly NodeIdleFigures[] | null;
  readonly failover: {
    /** The node killed: the one that led the most partitions. */
    readonly node: number;
    readonly wasControllerLeader: boolean;
    readonly partitionsLed: number;
    /** From the SIGKILL until every partition it led has another leader. */
    readonly leadershipsMovedSeconds: number | null;
    /** Partitions of the topic without a leader at that moment. */
    readonly offlineAfterKill: number | null;
  } | null;
  readonly rejoin: {
    /** Partitions of which the killed node is a replica. */
    readonly partitionsReplicated: number;
    /** From its restart until it is in the ISR of every one of them. */
    readonly backInEveryIsrSeconds: number | null;
  } | null;
  readonly failure: { readonly step: PartitionsStep; readonly message: string } | null;
  /** What each node logged from the cluster's start to the end of the run (at the nodes' level and above). */
  readonly runLog: readonly { readonly node: number; readonly lines: number; readonly topLogMessages: readonly { readonly msg: string; readonly count: number }[] }[];
}

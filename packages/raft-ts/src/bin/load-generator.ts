import type { RaftNode } from '../node/raft-node';

export interface LoadOptions {
  /** Entries to commit. */
  readonly count: number;
  /** Proposals outstanding at any moment (a closed loop: one finishes, the next starts). */
  readonly inflight: number;
  /** Bytes of each entry's data. */
  readonly bytes: number;
}

export interface LoadResult {
  readonly count: number;
  readonly seconds: number;
  readonly entriesPerSecond: number;
  readonly latencyMs: { readonly p50: number; readonly p99: number; readonly max: number };
}

/** Distinct payloads reused round-robin; entries are immutable, so sharing them is safe. */
const PAYLOAD_KEYS = 1024;

/**
 * Proposes `count` entries on `node` (the leader) with `inflight` outstanding, and measures
 * each from `propose` to its promise resolving (committed and applied here). Running in
 * the leader's process measures Raft, not a client protocol in front of it.
 */
export function runLoad(node: RaftNode, options: LoadOptions): Promise<LoadResult> {
  if (!Number.isInteger(options.count) || options.count <= 0) throw new RangeError('count must be a positive integer');
  if (!Number.isInteger(options.inflight) || options.inflight <= 0) throw new RangeError('inflight must be a positive integer');
  if (!Number.isInteger(options.bytes) || options.bytes < 8) throw new RangeError('bytes must be an integer of at least 8');
  const payloads = Array.from({ length: PAYLOAD_KEYS }, (_, key) => {
    const text = `b${key}=`;
    return Buffer.from(text.padEnd(options.bytes, 'x'));
  });
  const latencies = new Float64Array(options.count);
  const startedAt = performance.now();
  return new Promise((resolve, reject) => {
    let next = 0;
    let done = 0;
    let failed = false;
    const launch = (): void => {
      if (next >= options.count || failed) return;
      const position = next++;
      const proposedAt = performance.now();
      node.propose(payloads[position % PAYLOAD_KEYS]!).then(
        () => {
          latencies[position] = performance.now() - proposedAt;
          done += 1;
          if (done === options.count) resolve(summarize(latencies, performance.now() - startedAt));
          else launch();
        },
        (error: unknown) => {
          failed = true;
          reject(error);
        },
      );
    };
    for (let started = 0; started < options.inflight; started += 1) launch();
  });
}

function summarize(latencies: Float64Array, elapsedMs: number): LoadResult {
  const sorted = Float64Array.from(latencies).sort();
  const at = (fraction: number): number => round(sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!);
  return {
    count: latencies.length,
    seconds: round(elapsedMs / 1000),
    entriesPerSecond: Math.round(latencies.length / (elapsedMs / 1000)),
    latencyMs: { p50: at(0.5), p99: at(0.99), max: round(sorted[sorted.length - 1]!) },
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/**
 * Latency samples in milliseconds, kept whole (a Float64Array that grows): a benchmark of a
 * few million records keeps a few tens of MB, and percentiles are exact.
 */
export class LatencyRecorder {
  private samples = new Float64Array(1024);
  private size = 0;

  get count(): number {
    return this.size;
  }

  /** Adds `value` `times` times (a send of many records, all acknowledged together). */
  record(value: number, times = 1): void {
    if (this.size + times > this.samples.length) {
      let capacity = this.samples.length * 2;
      while (capacity < this.size + times) capacity *= 2;
      const grown = new Float64Array(capacity);
      grown.set(this.samples.subarray(0, this.size));
      this.samples = grown;
    }
    this.samples.fill(value, this.size, this.size + times);
    this.size += times;
  }

  summary(): LatencySummary | null {
    return summarize(this.samples.subarray(0, this.size));
  }
}

export interface LatencySummary {
  readonly p50: number;
  readonly p99: number;
  readonly p999: number;
  readonly max: number;
}

/** Nearest-rank percentiles (the smallest sample with at least p of the samples at or below it); null without samples. */
export function summarize(samples: Float64Array | readonly number[]): LatencySummary | null {
  if (samples.length === 0) return null;
  const sorted = Float64Array.from(samples).sort();
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
  return { p50: round(at(0.5)), p99: round(at(0.99)), p999: round(at(0.999)), max: round(sorted[sorted.length - 1]!) };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** MB in the benchmark's figures: 2^20 bytes, as kafka-producer-perf-test reports. */
export const MB = 1024 * 1024;

/** A monotonic clock in ms with sub-ms resolution, comparable across processes on one machine. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

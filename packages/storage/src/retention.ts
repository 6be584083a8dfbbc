/** What retention needs to know of a segment. */
export interface RetentionSegment {
  readonly baseOffset: number;
  readonly nextOffset: number;
  readonly sizeBytes: number;
  readonly maxTimestampMs: number;
}

export interface RetentionInput {
  /** Segments in offset order; the last is the active one. */
  readonly segments: readonly RetentionSegment[];
  readonly retentionMs: number;
  readonly retentionBytes: number;
  readonly nowMs: number;
  /** No segment holding an offset at or above this may go (replicas may still need it). */
  readonly highWatermark: number;
}

/**
 * How many segments, from the oldest, retention deletes. Pure. Whole segments only; never
 * a segment with offsets at or above the high watermark; the active (last) segment only
 * when it holds data, all of it below the high watermark (the caller rolls first). A
 * segment is expired by time when its newest timestamp is older than `retentionMs`, and by
 * size while the log without it is still at least `retentionBytes`, as in Kafka.
 */
export function segmentsToDelete(input: RetentionInput): number {
  const { segments, retentionMs, retentionBytes, nowMs, highWatermark } = input;
  let totalBytes = 0;
  for (const segment of segments) totalBytes += segment.sizeBytes;
  let count = 0;
  while (count < segments.length) {
    const segment = segments[count]!;
    if (segment.nextOffset > highWatermark || segment.sizeBytes === 0) break;
    const expiredByTime = retentionMs >= 0 && segment.maxTimestampMs >= 0 && nowMs - segment.maxTimestampMs > retentionMs;
    const expiredBySize = retentionBytes >= 0 && totalBytes - segment.sizeBytes >= retentionBytes;
    if (!expiredByTime && !expiredBySize) break;
    totalBytes -= segment.sizeBytes;
    count += 1;
  }
  return count;
}

import type { OffsetResetPolicy } from '../reader/partition-reader';

/** Where a partition starts: an offset, or the log start ('earliest'), or the end ('latest'). */
export type FetchStart = bigint | 'earliest' | 'latest';

/**
 * Whole batches of one partition from one Fetch answer: a view into the answer's bytes
 * (never copied), the offset they were fetched from, and the offset after the last batch.
 */
export interface FetchedChunk {
  readonly bytes: Buffer;
  readonly fetchOffset: bigint;
  readonly nextOffset: bigint;
  readonly highWatermark: bigint;
}

/** What the owner of a partition takes from it, in order: records, or an error to surface. */
export type FetchItem = { readonly kind: 'records'; readonly chunk: FetchedChunk } | { readonly kind: 'error'; readonly error: Error };

/** Per-partition settings, fixed when the partition is added to a fetcher. */
export interface PartitionFetchOptions {
  /** What OFFSET_OUT_OF_RANGE does: jump to 'earliest' or 'latest', or 'none': surface the error. */
  readonly offsetReset: OffsetResetPolicy;
  /** Consecutive retriable failures before the partition surfaces RetriesExhaustedError (Infinity: never). */
  readonly retries: number;
  /** Bytes asked for this partition in one Fetch (grown for one fetch when a single batch is larger). */
  readonly partitionMaxBytes: number;
  /** Overrides of the fetcher's long-poll settings; a request takes the smallest of its partitions'. */
  readonly maxWaitMs?: number | undefined;
  readonly minBytes?: number | undefined;
}

/**
 * One partition a fetcher reads for one owner (a consumer or a reader): the fetch position,
 * the queue of fetched items not yet taken, and the scheduling flags. Mutated only by the
 * `Fetcher`; owners read `highWatermark` and `generation`. A seek bumps `generation`, so an
 * answer to a request sent before it is dropped.
 */
export class FetchPartition {
  readonly key: string;
  /** The next offset to fetch (ahead of what the owner has taken); undefined while `start` is resolved. */
  position: bigint | undefined;
  start: 'earliest' | 'latest' | undefined;
  generation = 0;
  readonly items: FetchItem[] = [];
  bufferedBytes = 0;
  fetchBytes: number;
  paused = false;
  removed = false;
  inFlight = false;
  /** A ListOffsets or a metadata lookup for this partition is running. */
  resolving = false;
  failures = 0;
  retryAtMs = 0;
  /** Answers received (with or without records): a reader's fetch() returns [] after an empty one. */
  answers = 0;
  highWatermark = -1n;
  logStartOffset = -1n;
  /** In the fetcher's round-robin queue of partitions with items. */
  queued = false;

  constructor(
    readonly topic: string,
    readonly partition: number,
    start: FetchStart,
    readonly options: PartitionFetchOptions,
  ) {
    this.key = `${topic}\u0000${partition}`;
    this.position = typeof start === 'bigint' ? start : undefined;
    this.start = typeof start === 'bigint' ? undefined : start;
    this.fetchBytes = options.partitionMaxBytes;
  }

  get hasError(): boolean {
    return this.items.length > 0 && this.items[this.items.length - 1]?.kind === 'error';
  }
}

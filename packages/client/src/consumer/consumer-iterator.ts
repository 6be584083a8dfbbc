import type { ConsumedRecord } from '../reader/partition-reader';
import type { OwnedPartition } from './owned-partition';

/** The decoded records of one fetched chunk of an owned partition. */
export interface Batch {
  readonly owner: OwnedPartition;
  readonly records: ConsumedRecord[];
  /** The offset after the chunk (past trailing control records too). */
  readonly nextOffset: bigint;
  readonly highWatermark: bigint;
}

/** Where the iterator gets batches: undefined once the consumer stops; rejects with its errors. */
export interface BatchSource {
  nextBatch(): Promise<Batch | undefined>;
  /** The iterator ended (break, return, error): the consumer may start another. */
  released(iterator: ConsumerIterator): void;
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });

/**
 * The consumer's async iterator, written out for speed like the reader's: a record costs an
 * index step and one resolved promise. At-least-once bookkeeping: a record counts as taken
 * when the application asks for the next one (`next()` after it), so `settle()` writes the
 * offset after the last such record to its partition's `taken`; a record handed out and not
 * followed by another `next()` (the loop body threw, or broke out) is not taken.
 */
export class ConsumerIterator implements AsyncIterableIterator<ConsumedRecord> {
  private batch: Batch | undefined;
  private index = 0;
  /** Records of the batch handed out before the latest next(): those are taken. */
  private takenCount = 0;
  private finished = false;
  private pending: Promise<IteratorResult<ConsumedRecord>> | undefined;

  constructor(private readonly source: BatchSource) {}

  next(): Promise<IteratorResult<ConsumedRecord>> {
    if (this.pending !== undefined) {
      const after = (): Promise<IteratorResult<ConsumedRecord>> => this.next();
      return this.pending.then(after, after);
    }
    if (this.finished) return Promise.resolve(DONE);
    const batch = this.batch;
    if (batch !== undefined) {
      this.takenCount = this.index;
      if (this.index < batch.records.length && batch.owner.yieldable) return Promise.resolve({ value: batch.records[this.index++] as ConsumedRecord, done: false });
      this.settle();
      this.batch = undefined;
    }
    const pending = this.refill();
    this.pending = pending;
    const clear = (): void => {
      if (this.pending === pending) this.pending = undefined;
    };
    pending.then(clear, clear);
    return pending;
  }

  return(): Promise<IteratorResult<ConsumedRecord>> {
    this.finish();
    return Promise.resolve(DONE);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** Writes the taken position of the current batch's partition (before a commit, at a batch's end). */
  settle(): void {
    const batch = this.batch;
    if (batch === undefined || !batch.owner.active || this.takenCount === 0) return;
    const records = batch.records;
    batch.owner.taken = this.takenCount >= records.length ? batch.nextOffset : (records[this.takenCount - 1] as ConsumedRecord).offset + 1n;
  }

  /** The partition was sought, paused or let go of: drop the rest of its batch (after settling). */
  invalidate(owner: OwnedPartition): bigint | undefined {
    const batch = this.batch;
    if (batch === undefined || batch.owner !== owner) return undefined;
    this.settle();
    const rest = batch.records[this.index];
    this.batch = undefined;
    this.index = 0;
    this.takenCount = 0;
    return rest?.offset ?? batch.nextOffset;
  }

  private finish(): void {
    if (this.finished) return;
    this.settle();
    this.finished = true;
    this.batch = undefined;
    this.source.released(this);
  }

  private async refill(): Promise<IteratorResult<ConsumedRecord>> {
    try {
      for (;;) {
        const batch = await this.source.nextBatch();
        if (batch === undefined || this.finished) {
          this.finish();
          return DONE;
        }
        if (batch.records.length === 0 || !batch.owner.yieldable) {
          if (batch.owner.active && batch.records.length === 0) batch.owner.taken = batch.nextOffset;
          continue;
        }
        this.batch = batch;
        this.index = 1;
        this.takenCount = 0;
        return { value: batch.records[0] as ConsumedRecord, done: false };
      }
    } catch (error: unknown) {
      this.finish();
      throw error;
    }
  }
}

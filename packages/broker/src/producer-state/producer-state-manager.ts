import { assert } from '@samsa/protocol';
import {
  type PlacedProducerBatch,
  type ProducerBatch,
  MAX_SEQUENCE,
  isIdempotent,
  isNextSequence,
  lastSequenceOf,
} from './producer-batch';
import { type ProducerStateEntry, findDuplicate, lastBatchOf, withBatch } from './producer-state-entry';
import { decodeProducerSnapshot, encodeProducerSnapshot } from './producer-state-snapshot';

/** Kafka's `producer.id.expiration.ms` default: one day. */
export const DEFAULT_PRODUCER_ID_EXPIRATION_MS = 86_400_000;

export type AppendCheckError =
  | 'OUT_OF_ORDER_SEQUENCE_NUMBER'
  | 'INVALID_PRODUCER_EPOCH'
  | 'DUPLICATE_SEQUENCE_NUMBER'
  | 'INVALID_RECORD';

/**
 * The verdict on batches about to be appended as leader:
 * - `append`: write them;
 * - `duplicate`: a retry of a batch already in the log; answer success with its offsets
 *   and write nothing;
 * - `error`: refuse the whole request with that code and write nothing.
 */
export type AppendCheck =
  | { readonly kind: 'append' }
  | { readonly kind: 'duplicate'; readonly firstOffset: number; readonly lastOffset: number }
  | { readonly kind: 'error'; readonly error: AppendCheckError; readonly message: string };

/** Where an appended batch landed, and its timestamp (the batch's max timestamp, or append time). */
export interface AppendPlacement {
  readonly firstOffset: number;
  readonly lastOffset: number;
  readonly timestampMs: number;
}

interface SequencePosition {
  readonly producerEpoch: number;
  readonly lastSequence: number;
}

const APPEND: AppendCheck = { kind: 'append' };

/**
 * Idempotent producer state of one partition (Kafka's `ProducerStateManager`): for each
 * producer id its epoch and last five batches. The leader checks batches before appending;
 * leader and followers both record every appended batch, so a follower that becomes leader
 * already holds the state it needs. Pure: the driver persists `toSnapshot()` beside the log
 * and feeds batches read from the log on recovery.
 *
 * Recovery, as in Kafka: `fromSnapshot(latest snapshot)`, then `rebuildFrom` the headers of
 * every batch from the snapshot's `endOffset` to the log end (batches below `endOffset` are
 * skipped, so overlapping is harmless). With no usable snapshot, rebuild from the log start.
 */
export class ProducerStateManager {
  private entries = new Map<bigint, ProducerStateEntry>();
  private endOffsetValue: number;

  constructor(options: { readonly endOffset?: number } = {}) {
    this.endOffsetValue = options.endOffset ?? 0;
    assert(Number.isSafeInteger(this.endOffsetValue) && this.endOffsetValue >= 0, 'invalid end offset');
  }

  /** Decodes a snapshot (a damaged one throws `CORRUPT_MESSAGE`). */
  static fromSnapshot(snapshot: Buffer): ProducerStateManager {
    const image = decodeProducerSnapshot(snapshot);
    const manager = new ProducerStateManager({ endOffset: image.endOffset });
    for (const entry of image.entries) manager.entries.set(entry.producerId, entry);
    return manager;
  }

  /** Every batch below this offset has been recorded (Kafka's map end offset). */
  get endOffset(): number {
    return this.endOffsetValue;
  }

  get producerCount(): number {
    return this.entries.size;
  }

  entry(producerId: bigint): ProducerStateEntry | undefined {
    return this.entries.get(producerId);
  }

  checkAppend(batch: ProducerBatch): AppendCheck {
    return this.checkAppends([batch]);
  }

  /**
   * Checks the batches of one produce request for this partition, in order, as Kafka's
   * `analyzeAndValidateProducerState` does with its accumulating `ProducerAppendInfo`:
   * later batches of the same producer must follow earlier ones in the request.
   *
   * Rules per idempotent batch (non-idempotent batches pass unchecked):
   * - an epoch older than the producer's is `INVALID_PRODUCER_EPOCH` (a zombie producer);
   * - the same epoch and exactly the sequence range of one of the last five batches is a
   *   duplicate, answered with that batch's offsets. Only a request of one batch can be
   *   answered that way; a duplicate inside a larger request is
   *   `DUPLICATE_SEQUENCE_NUMBER` (Kafka would ack the whole request with the duplicate's
   *   offsets and silently drop the rest);
   * - a newer epoch must start at sequence 0; the same epoch must continue at last + 1,
   *   wrapping from 2^31-1 to 0; anything else is `OUT_OF_ORDER_SEQUENCE_NUMBER`;
   * - a producer id unknown here must start at sequence 0. Kafka (since KIP-360) accepts any
   *   sequence there, relying on a TCP connection delivering one producer's requests in order;
   *   gRPC calls on one HTTP/2 connection are served concurrently, so a later batch can arrive
   *   first and must be refused (retriable) rather than accepted ahead of a gap.
   */
  checkAppends(batches: readonly ProducerBatch[]): AppendCheck {
    assert(batches.length > 0, 'an append holds at least one batch');
    const inRequest = new Map<bigint, SequencePosition>();
    for (const batch of batches) {
      if (!isIdempotent(batch)) continue;
      const check = this.checkOne(batch, inRequest.get(batch.producerId), batches.length);
      if (check.kind !== 'append') return check;
      inRequest.set(batch.producerId, { producerEpoch: batch.producerEpoch, lastSequence: lastSequenceOf(batch) });
    }
    return APPEND;
  }

  /**
   * Records a batch written to the log, by the leader or a follower. Followers do not
   * check: the leader already did, and the log is the truth (Kafka's replication origin).
   */
  onAppended(batch: ProducerBatch, placement: AppendPlacement): void {
    const { firstOffset, lastOffset } = placement;
    assert(firstOffset >= this.endOffsetValue, `batch at ${firstOffset} is below the recorded end ${this.endOffsetValue}`);
    assert(lastOffset - firstOffset === batch.lastOffsetDelta, `offsets ${firstOffset}..${lastOffset} do not match the batch`);
    if (isIdempotent(batch)) {
      const metadata = { firstSequence: batch.baseSequence, lastSequence: lastSequenceOf(batch), firstOffset, lastOffset };
      const current = this.entries.get(batch.producerId);
      this.entries.set(batch.producerId, withBatch(current, batch.producerId, batch.producerEpoch, metadata, placement.timestampMs));
    }
    this.endOffsetValue = lastOffset + 1;
  }

  /** Replays stored batches in log order; ones below `endOffset` are already recorded. */
  rebuildFrom(batches: Iterable<PlacedProducerBatch>): void {
    for (const batch of batches) {
      const lastOffset = batch.baseOffset + batch.lastOffsetDelta;
      if (lastOffset < this.endOffsetValue) continue;
      this.onAppended(batch, { firstOffset: batch.baseOffset, lastOffset, timestampMs: batch.maxTimestampMs });
    }
  }

  /**
   * After the log was truncated to `offset`: forgets every batch holding an offset at or
   * above it, and producers left with none. Exact for producers that keep a batch below
   * `offset`. A producer whose five remembered batches all went is forgotten although older
   * batches of it remain; it is then treated as unknown (accepted at any sequence). For
   * exact state, reload the latest snapshot below `offset` and `rebuildFrom` the log
   * instead, as Kafka's `truncateAndReload` does.
   */
  truncateTo(offset: number): void {
    assert(Number.isSafeInteger(offset) && offset >= 0, `invalid truncation offset ${offset}`);
    for (const [producerId, entry] of this.entries) {
      const kept = entry.batches.filter((batch) => batch.lastOffset < offset);
      if (kept.length === 0) this.entries.delete(producerId);
      else if (kept.length < entry.batches.length) this.entries.set(producerId, { ...entry, batches: kept });
    }
    this.endOffsetValue = Math.min(this.endOffsetValue, offset);
  }

  /** After the log restarted empty at `offset` (a follower far behind): nothing is known. */
  truncateFullyAndStartAt(offset: number): void {
    assert(Number.isSafeInteger(offset) && offset >= 0, `invalid start offset ${offset}`);
    this.entries.clear();
    this.endOffsetValue = offset;
  }

  /**
   * Forgets producers idle for `producerIdExpirationMs` by their newest batch timestamp
   * (Kafka's `removeExpiredProducers`); returns how many. Optional: without it, state grows
   * with the number of distinct producer ids ever seen. Call it periodically, e.g. every
   * ten minutes as Kafka does.
   */
  removeExpiredProducers(nowMs: number, producerIdExpirationMs = DEFAULT_PRODUCER_ID_EXPIRATION_MS): number {
    assert(producerIdExpirationMs > 0, `producerIdExpirationMs ${producerIdExpirationMs} must be positive`);
    let removed = 0;
    for (const [producerId, entry] of this.entries) {
      if (nowMs - entry.lastTimestampMs < producerIdExpirationMs) continue;
      this.entries.delete(producerId);
      removed += 1;
    }
    return removed;
  }

  /** The whole state with its end offset and a CRC; see `producer-state-snapshot.ts`. */
  toSnapshot(): Buffer {
    const entries = [...this.entries.values()].sort((a, b) => (a.producerId < b.producerId ? -1 : 1));
    return encodeProducerSnapshot({ endOffset: this.endOffsetValue, entries });
  }

  private checkOne(batch: ProducerBatch, earlierInRequest: SequencePosition | undefined, batchCount: number): AppendCheck {
    const { producerId, producerEpoch, baseSequence } = batch;
    if (producerEpoch < 0 || baseSequence < 0 || baseSequence > MAX_SEQUENCE || batch.lastOffsetDelta < 0) {
      return error('INVALID_RECORD', `producer ${producerId}: epoch ${producerEpoch} or sequence ${baseSequence} is invalid`);
    }
    const entry = this.entries.get(producerId);
    if (earlierInRequest === undefined && entry !== undefined) {
      const duplicate = findDuplicate(entry, producerEpoch, baseSequence, lastSequenceOf(batch));
      if (duplicate !== undefined && batchCount === 1) {
        return { kind: 'duplicate', firstOffset: duplicate.firstOffset, lastOffset: duplicate.lastOffset };
      }
      if (duplicate !== undefined) {
        return error('DUPLICATE_SEQUENCE_NUMBER', `producer ${producerId}: sequence ${baseSequence} is a duplicate inside a larger request`);
      }
    }
    const last = earlierInRequest ?? (entry === undefined ? undefined : positionOf(entry));
    return checkSequence(producerId, batch, last);
  }
}

function checkSequence(producerId: bigint, batch: ProducerBatch, last: SequencePosition | undefined): AppendCheck {
  const { producerEpoch, baseSequence } = batch;
  if (last === undefined) {
    if (baseSequence === 0) return APPEND;
    return error('OUT_OF_ORDER_SEQUENCE_NUMBER', `producer ${producerId} is new here and starts at sequence ${baseSequence}, not 0`);
  }
  if (producerEpoch < last.producerEpoch) {
    return error('INVALID_PRODUCER_EPOCH', `producer ${producerId}: epoch ${producerEpoch} is older than ${last.producerEpoch}`);
  }
  if (producerEpoch > last.producerEpoch) {
    if (baseSequence === 0) return APPEND;
    return error('OUT_OF_ORDER_SEQUENCE_NUMBER', `producer ${producerId}: new epoch ${producerEpoch} starts at ${baseSequence}, not 0`);
  }
  if (isNextSequence(last.lastSequence, baseSequence)) return APPEND;
  return error(
    'OUT_OF_ORDER_SEQUENCE_NUMBER',
    `producer ${producerId}: sequence ${baseSequence} does not follow ${last.lastSequence} (epoch ${producerEpoch})`,
  );
}

function positionOf(entry: ProducerStateEntry): SequencePosition {
  return { producerEpoch: entry.producerEpoch, lastSequence: lastBatchOf(entry).lastSequence };
}

function error(code: AppendCheckError, message: string): AppendCheck {
  return { kind: 'error', error: code, message };
}

import { assert } from '@samsa/protocol';
import type { BatchHeader } from '@samsa/protocol';

/** Kafka's `RecordBatch.NO_PRODUCER_ID`: a batch from a producer without idempotence. */
export const NO_PRODUCER_ID = -1n;
/** The largest sequence number; the next one after it is 0 (Kafka wraps the same way). */
export const MAX_SEQUENCE = 2147483647;

/** The header fields producer state needs; a protocol `BatchHeader` fits. */
export interface ProducerBatch {
  readonly producerId: bigint;
  readonly producerEpoch: number;
  readonly baseSequence: number;
  /** Records in the batch minus one: the last record's sequence is `baseSequence` + this. */
  readonly lastOffsetDelta: number;
}

/** A batch with its place in the log, for rebuilding state from stored batches. */
export interface PlacedProducerBatch extends ProducerBatch {
  readonly baseOffset: number;
  /** The batch's max timestamp, for producer expiry; -1 when unknown. */
  readonly maxTimestampMs: number;
}

export function isIdempotent(batch: ProducerBatch): boolean {
  return batch.producerId !== NO_PRODUCER_ID;
}

/** `sequence + increment` with Kafka's wraparound past `MAX_SEQUENCE` to 0. */
export function addToSequence(sequence: number, increment: number): number {
  assert(sequence >= 0 && sequence <= MAX_SEQUENCE && increment >= 0, `bad sequence arithmetic ${sequence} + ${increment}`);
  if (sequence > MAX_SEQUENCE - increment) return increment - (MAX_SEQUENCE - sequence) - 1;
  return sequence + increment;
}

/** The sequence of the batch's last record (Kafka's `lastSequence`). */
export function lastSequenceOf(batch: ProducerBatch): number {
  return addToSequence(batch.baseSequence, batch.lastOffsetDelta);
}

/** Kafka's `inSequence`: `next` directly follows `last`, wrapping at `MAX_SEQUENCE`. */
export function isNextSequence(last: number, next: number): boolean {
  return next === last + 1 || (next === 0 && last === MAX_SEQUENCE);
}

/** The producer fields of a stored batch header, with its offset as a number. */
export function placedBatchOf(header: BatchHeader): PlacedProducerBatch {
  return {
    producerId: header.producerId,
    producerEpoch: header.producerEpoch,
    baseSequence: header.baseSequence,
    lastOffsetDelta: header.lastOffsetDelta,
    baseOffset: Number(header.baseOffset),
    maxTimestampMs: Number(header.maxTimestamp),
  };
}

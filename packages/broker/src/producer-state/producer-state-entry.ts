import { assert } from '@samsa/protocol';

/** How many of a producer's latest batches a partition remembers (Kafka's 5). */
export const BATCHES_REMEMBERED = 5;

/** One appended batch of a producer: its sequence range and where it landed. */
export interface BatchMetadata {
  readonly firstSequence: number;
  readonly lastSequence: number;
  readonly firstOffset: number;
  readonly lastOffset: number;
}

/**
 * What one partition knows of one producer (Kafka's `ProducerStateEntry`): its epoch and
 * the metadata of its last `BATCHES_REMEMBERED` batches, oldest first, all of that epoch
 * (a new epoch starts the list afresh). A producer sends at most five batches in flight per
 * partition, so any retry it can make is one of these five.
 */
export interface ProducerStateEntry {
  readonly producerId: bigint;
  readonly producerEpoch: number;
  /** Never empty: an entry without batches is removed. */
  readonly batches: readonly BatchMetadata[];
  /** The newest batch timestamp seen, for expiry; -1 when unknown. */
  readonly lastTimestampMs: number;
}

export function lastBatchOf(entry: ProducerStateEntry): BatchMetadata {
  const last = entry.batches[entry.batches.length - 1];
  assert(last !== undefined, `producer ${entry.producerId} has an entry without batches`);
  return last;
}

/** Kafka's `findDuplicateBatch`: the same epoch and exactly the same sequence range. */
export function findDuplicate(
  entry: ProducerStateEntry,
  producerEpoch: number,
  firstSequence: number,
  lastSequence: number,
): BatchMetadata | undefined {
  if (entry.producerEpoch !== producerEpoch) return undefined;
  return entry.batches.find((batch) => batch.firstSequence === firstSequence && batch.lastSequence === lastSequence);
}

/** The entry after appending `batch` in `producerEpoch`; a different epoch starts afresh. */
export function withBatch(
  entry: ProducerStateEntry | undefined,
  producerId: bigint,
  producerEpoch: number,
  batch: BatchMetadata,
  timestampMs: number,
): ProducerStateEntry {
  const kept = entry !== undefined && entry.producerEpoch === producerEpoch ? entry.batches : [];
  const previous = kept[kept.length - 1];
  assert(previous === undefined || batch.firstOffset > previous.lastOffset, `producer ${producerId}: offsets go backwards`);
  const batches = [...kept, batch].slice(-BATCHES_REMEMBERED);
  return { producerId, producerEpoch, batches, lastTimestampMs: Math.max(timestampMs, entry?.lastTimestampMs ?? -1) };
}

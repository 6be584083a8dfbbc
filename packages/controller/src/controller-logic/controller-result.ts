import type { MetadataImage, MetadataRecord } from '@samsa/metadata';

/**
 * What a decision function returns: the records to append, as one atomic batch, and the
 * answer to give the caller once (and only once) those records are committed. An empty
 * `records` means the request changes nothing and may be answered at once.
 */
export interface ControllerResult<T> {
  readonly records: readonly MetadataRecord[];
  readonly response: T;
}

/**
 * The image the leader would hold after appending `records`. Decisions that are made of
 * several steps (fencing several brokers, creating several topics) decide each step
 * against the image the earlier steps produce.
 */
export function imageAfter(image: MetadataImage, records: readonly MetadataRecord[]): MetadataImage {
  return records.length === 0 ? image : image.applyBatch(records, image.lastAppliedOffset + 1);
}

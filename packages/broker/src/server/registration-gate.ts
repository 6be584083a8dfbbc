import type { MetadataImage } from '@samsa/metadata';

/**
 * Whether this process may act on the partition assignments of `image`: only once the image
 * holds this process's own registration (its broker epoch). An image from before that
 * describes the previous incarnation, which may have led partitions whose unflushed tail this
 * one lost in a crash; leading them again, even for a moment, makes the followers truncate to
 * the shorter log and lose acknowledged records. The registration that brings the new epoch
 * also fences the broker and moves its leaderships and ISR places away, so every image from
 * then on is safe to follow. (A KRaft broker likewise starts its replica manager only after
 * its registration is in the metadata it has caught up with.)
 */
export function mayFollowAssignments(image: MetadataImage, brokerId: number, brokerEpoch: number): boolean {
  return brokerEpoch >= 0 && image.broker(brokerId)?.brokerEpoch === brokerEpoch;
}

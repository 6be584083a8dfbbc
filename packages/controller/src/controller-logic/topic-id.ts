import type { MetadataImage } from '@samsa/metadata';
import { createHash } from 'node:crypto';

/**
 * A new topic's id, in UUID form. Kafka draws a random UUID; ours is a hash of the name
 * and the metadata offset the topic record will follow, which is just as unique (offsets
 * never repeat on the committed log, and a topic deleted and created again does so at a
 * later offset) and keeps the decision functions deterministic. The driver may pass its
 * own id instead.
 */
export function deriveTopicId(image: MetadataImage, name: string): string {
  const hex = createHash('sha256').update(`${image.lastAppliedOffset + 1}/${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

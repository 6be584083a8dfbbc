import type { MetadataImage } from '@samsa/metadata';
import { SamsaError } from '@samsa/protocol';
import type { ControllerResult } from './controller-result';

/**
 * Deletes a topic: one RemoveTopic record, which also drops its partitions and configs.
 * Brokers delete the partition logs when they apply it.
 */
export function deleteTopic(image: MetadataImage, name: string): ControllerResult<{ readonly topicId: string }> {
  const topic = image.topic(name);
  if (topic === undefined) throw new SamsaError('UNKNOWN_TOPIC_OR_PARTITION', `topic ${name} does not exist`);
  return { records: [{ type: 'RemoveTopic', topicId: topic.topicId }], response: { topicId: topic.topicId } };
}

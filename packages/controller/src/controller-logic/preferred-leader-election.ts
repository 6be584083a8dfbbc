import { type MetadataImage, partitionChange, type PartitionChangeRecord } from '@samsa/metadata';
import type { ControllerResult } from './controller-result';

export interface PreferredLeaderElected {
  readonly topicName: string;
  readonly partition: number;
  readonly leader: number;
}

/**
 * Moves leadership back to each partition's preferred (first) replica where it is in the
 * ISR and unfenced but not leading, so leaders stay spread after failures heal. Of all the
 * partitions, or those of the named topics. Run periodically by the driver, and on demand.
 */
export function electPreferredLeaders(
  image: MetadataImage,
  topicNames?: readonly string[],
): ControllerResult<readonly PreferredLeaderElected[]> {
  const records: PartitionChangeRecord[] = [];
  const elected: PreferredLeaderElected[] = [];
  for (const topicName of topicNames ?? image.topicNames()) {
    for (const partition of image.topic(topicName)?.partitions ?? []) {
      const preferred = partition.replicas[0] as number;
      if (partition.leader === preferred || !partition.isr.includes(preferred) || !image.isUnfenced(preferred)) continue;
      const change = partitionChange(partition, { ...partition, leader: preferred });
      if (change === null) continue;
      records.push(change);
      elected.push({ topicName, partition: partition.partition, leader: preferred });
    }
  }
  return { records, response: elected };
}

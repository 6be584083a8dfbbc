import type { Samsa } from '@samsa/client';
import { SamsaError, errorNameOf } from '@samsa/protocol';

/** How long an unknown topic is asked for again before it is reported. */
export const UNKNOWN_TOPIC_WAIT_MS = 2_000;

/**
 * The partition count of `topic` from fresh metadata. An unknown topic is a
 * `SamsaError('UNKNOWN_TOPIC_OR_PARTITION')` naming it (the CLI prints one line, exit 1); an
 * unreachable cluster is the client's error after its retries.
 */
export async function topicPartitionCount(samsa: Samsa, topic: string, waitMs = UNKNOWN_TOPIC_WAIT_MS): Promise<number> {
  // A topic created a moment ago may not have reached every broker's metadata yet.
  const deadline = Date.now() + waitMs;
  await samsa.refreshMetadata([topic]);
  let info = samsa.metadata.topic(topic);
  while ((info === undefined || info.errorCode !== 0 || info.partitions.length === 0) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    await samsa.refreshMetadata([topic]);
    info = samsa.metadata.topic(topic);
  }
  if (info === undefined || info.errorCode !== 0 || info.partitions.length === 0) {
    const code = info === undefined || info.errorCode === 0 ? 'UNKNOWN_TOPIC_OR_PARTITION' : errorNameOf(info.errorCode);
    throw new SamsaError(code, code === 'UNKNOWN_TOPIC_OR_PARTITION' ? `topic "${topic}" does not exist` : `topic "${topic}" is not available`);
  }
  return info.partitions.length;
}

/** `--partition P` must name one of the topic's partitions. */
export function checkPartition(topic: string, partition: number, count: number): void {
  if (partition >= count) throw new SamsaError('UNKNOWN_TOPIC_OR_PARTITION', `topic "${topic}" has ${count} partition${count === 1 ? '' : 's'} (0-${count - 1}), not ${partition}`);
}

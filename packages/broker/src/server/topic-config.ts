import type { MetadataImage } from '@samsa/metadata';
import type { LogConfig } from '@samsa/storage';

/** A topic's effective setting: the topic's own value, then the cluster default (''), then none. */
export function topicSetting(image: MetadataImage, topic: string, key: string): string | undefined {
  return image.topicConfig(topic).get(key) ?? image.brokerConfig('').get(key);
}

const LOG_CONFIG_KEYS: readonly [string, keyof LogConfig][] = [
  ['retention.ms', 'retentionMs'],
  ['retention.bytes', 'retentionBytes'],
  ['segment.bytes', 'segmentBytes'],
  ['segment.ms', 'segmentMs'],
  ['max.message.bytes', 'maxBatchBytes'],
  ['flush.messages', 'flushMessages'],
  ['flush.ms', 'flushMs'],
];

/** The storage settings a topic's configs ask for; unset keys keep the storage defaults. */
export function logConfigFor(image: MetadataImage, topic: string): Partial<LogConfig> {
  const config: Record<string, number> = {};
  for (const [key, field] of LOG_CONFIG_KEYS) {
    const value = topicSetting(image, topic, key);
    if (value !== undefined) config[field] = Number(value);
  }
  return config as Partial<LogConfig>;
}

export function minInsyncReplicas(image: MetadataImage, topic: string): number {
  const value = Number(topicSetting(image, topic, 'min.insync.replicas') ?? '1');
  return Number.isSafeInteger(value) && value >= 1 ? value : 1;
}

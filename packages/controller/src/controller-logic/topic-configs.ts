import type { MetadataImage } from '@samsa/metadata';
import { SamsaError } from '@samsa/protocol';

/**
 * The topic configs Samsa knows, with Kafka's names and value rules. A value is always a
 * string, as on Kafka's wire; `validateTopicConfig` throws `INVALID_CONFIG` naming the key.
 * The defaults are what the broker uses when a key is not set (documented here; the broker
 * owns them).
 */
interface ConfigDefinition {
  readonly check: (value: string) => boolean;
  readonly expected: string;
  readonly defaultValue: string;
}

const INT32_MAX = 2 ** 31 - 1;
const DAY_MS = 24 * 60 * 60 * 1000;

const integerAtLeast = (min: number, max = Number.MAX_SAFE_INTEGER) => ({
  check: (value: string) => /^-?\d+$/.test(value) && Number(value) >= min && Number(value) <= max,
  expected: `an integer in [${min}, ${max}]`,
});
const oneOf = (...values: string[]) => ({
  check: (value: string) => values.includes(value),
  expected: `one of ${values.join(', ')}`,
});

export const TOPIC_CONFIGS: { readonly [key: string]: ConfigDefinition } = {
  'retention.ms': { ...integerAtLeast(-1), defaultValue: String(7 * DAY_MS) },
  'retention.bytes': { ...integerAtLeast(-1), defaultValue: '-1' },
  'segment.bytes': { ...integerAtLeast(14, INT32_MAX), defaultValue: String(1024 ** 3) },
  'segment.ms': { ...integerAtLeast(1), defaultValue: String(7 * DAY_MS) },
  'max.message.bytes': { ...integerAtLeast(0, INT32_MAX), defaultValue: String(1024 * 1024 + 12) },
  'min.insync.replicas': { ...integerAtLeast(1, INT32_MAX), defaultValue: '1' },
  // Only deletion: log compaction is not built, and accepting `compact` would be a lie.
  'cleanup.policy': { ...oneOf('delete'), defaultValue: 'delete' },
  'unclean.leader.election.enable': { ...oneOf('true', 'false'), defaultValue: 'false' },
  'message.timestamp.type': { ...oneOf('CreateTime', 'LogAppendTime'), defaultValue: 'CreateTime' },
  // -1 leaves flushing to the OS page cache, as the storage package does by default.
  'flush.messages': { ...integerAtLeast(-1), defaultValue: '-1' },
  'flush.ms': { ...integerAtLeast(-1), defaultValue: '-1' },
};

export function validateTopicConfig(key: string, value: string | null): void {
  const definition = Object.hasOwn(TOPIC_CONFIGS, key) ? TOPIC_CONFIGS[key] : undefined;
  if (definition === undefined) throw new SamsaError('INVALID_CONFIG', `unknown config ${key}`);
  if (value === null) return;
  if (!definition.check(value)) {
    throw new SamsaError('INVALID_CONFIG', `config ${key} must be ${definition.expected}, got ${JSON.stringify(value)}`);
  }
  if (key === 'flush.messages' && value === '0') {
    throw new SamsaError('INVALID_CONFIG', 'config flush.messages must be -1 (off) or at least 1, got "0"');
  }
}

/**
 * Whether a partition of the topic may elect a leader from outside its ISR (losing
 * acknowledged records). The topic's setting wins, then the cluster default (the broker
 * config resource ''), then false.
 */
export function isUncleanLeaderElectionEnabled(image: MetadataImage, topicName: string): boolean {
  const key = 'unclean.leader.election.enable';
  const value = image.topicConfig(topicName).get(key) ?? image.brokerConfig('').get(key);
  return value === 'true';
}

/**
 * The topic's effective `min.insync.replicas`: its own setting, then the cluster default (the
 * broker config resource ''), then 1, as brokers read it. The ELR rules depend on it (KIP-966).
 */
export function minInsyncReplicasOf(image: MetadataImage, topicName: string): number {
  const key = 'min.insync.replicas';
  const value = image.topicConfig(topicName).get(key) ?? image.brokerConfig('').get(key);
  const parsed = value === undefined ? 1 : Number(value);
  return Number.isSafeInteger(parsed) && parsed >= 1 ? parsed : 1;
}

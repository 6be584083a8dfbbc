import { assert } from '@samsa/protocol';
import {
  checkShape,
  corrupt,
  type FieldCheck,
  isArrayOf,
  isBigInt,
  isBoolean,
  isInteger,
  isNullableString,
  isObjectWith,
  isPlainObject,
  isString,
  type ObjectShape,
} from './field-checks';
import type { BrokerRegistration, ConfigEntries, ImageState, TopicImage } from './image-state';
import { assertPartitionInvariants } from './partition-state';
import { decodeVersioned, encodeVersioned } from './record-codec';
import { eligibleLeaderFields, partitionFields } from './record-shapes';
import type { PartitionState } from './records';

/**
 * The snapshot of a `MetadataImage`: the image's state as versioned JSON (the same format
 * family as the records). Maps are written as lists sorted by key, so equal images give
 * equal bytes and a snapshot can be compared or hashed.
 */
interface SnapshotBody {
  readonly lastAppliedOffset: number;
  readonly lastBrokerEpoch: number;
  readonly nextProducerId: bigint;
  readonly brokers: readonly BrokerRegistration[];
  readonly topics: readonly TopicImage[];
  readonly topicConfigs: readonly ConfigSnapshot[];
  readonly brokerConfigs: readonly ConfigSnapshot[];
}

interface ConfigSnapshot {
  readonly name: string;
  readonly entries: readonly (readonly [string, string])[];
}

const isListener = isObjectWith({ name: isString, host: isString, port: isInteger });
const isBroker = isObjectWith({
  brokerId: isInteger,
  incarnationId: isString,
  brokerEpoch: isInteger,
  listeners: isArrayOf(isListener),
  rack: isNullableString,
  fenced: isBoolean,
  registrationOffset: isInteger,
});
const partitionShape: ObjectShape = { required: partitionFields, optional: eligibleLeaderFields };
const isPartition: FieldCheck = (value) => {
  if (!isPlainObject(value)) return false;
  try {
    checkShape(value, partitionShape, 'partition');
    return true;
  } catch {
    return false;
  }
};
const isTopic = isObjectWith({ name: isString, topicId: isString, partitions: isArrayOf(isPartition) });
const isEntry = (value: unknown): boolean => Array.isArray(value) && value.length === 2 && value.every(isString);
const isConfig = isObjectWith({ name: isString, entries: isArrayOf(isEntry) });

const snapshotShape: ObjectShape = {
  required: {
    lastAppliedOffset: isInteger,
    lastBrokerEpoch: isInteger,
    nextProducerId: isBigInt,
    brokers: isArrayOf(isBroker),
    topics: isArrayOf(isTopic),
    topicConfigs: isArrayOf(isConfig),
    brokerConfigs: isArrayOf(isConfig),
  },
};

export function encodeImageState(state: ImageState): Uint8Array {
  const body: SnapshotBody = {
    lastAppliedOffset: state.lastAppliedOffset,
    lastBrokerEpoch: state.lastBrokerEpoch,
    nextProducerId: state.nextProducerId,
    brokers: [...state.brokers.values()].sort((a, b) => a.brokerId - b.brokerId),
    topics: [...state.topicsById.values()].sort((a, b) => compareText(a.name, b.name)),
    topicConfigs: configsToList(state.topicConfigs),
    brokerConfigs: configsToList(state.brokerConfigs),
  };
  return encodeVersioned(body);
}

export function decodeImageState(bytes: Uint8Array): ImageState {
  const value = decodeVersioned(bytes);
  if (!isPlainObject(value)) throw corrupt('metadata snapshot: not an object');
  checkShape(value, snapshotShape, 'metadata snapshot');
  const body = value as unknown as SnapshotBody;
  const topics = body.topics.map(checkTopic);
  return {
    lastAppliedOffset: body.lastAppliedOffset,
    lastBrokerEpoch: body.lastBrokerEpoch,
    nextProducerId: body.nextProducerId,
    brokers: new Map(body.brokers.map((broker) => [broker.brokerId, broker])),
    topicsById: new Map(topics.map((topic) => [topic.topicId, topic])),
    topicIdsByName: new Map(topics.map((topic) => [topic.name, topic.topicId])),
    topicConfigs: configsFromList(body.topicConfigs),
    brokerConfigs: configsFromList(body.brokerConfigs),
  };
}

function checkTopic(topic: TopicImage): TopicImage {
  // Snapshots written before KIP-966's fields existed lack them: none then.
  const partitions = topic.partitions.map((partition: PartitionState, index) => {
    assert(partition.topicId === topic.topicId && partition.partition === index, `snapshot: topic ${topic.name} is inconsistent`);
    const complete: PartitionState = { ...partition, elr: partition.elr ?? [], lastKnownElr: partition.lastKnownElr ?? [] };
    assertPartitionInvariants(complete);
    return complete;
  });
  return { ...topic, partitions };
}

function configsToList(configs: ReadonlyMap<string, ConfigEntries>): ConfigSnapshot[] {
  return [...configs.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([name, entries]) => ({ name, entries: [...entries.entries()].sort(([a], [b]) => compareText(a, b)) }));
}

function configsFromList(list: readonly ConfigSnapshot[]): ReadonlyMap<string, ConfigEntries> {
  return new Map(list.map((config) => [config.name, new Map(config.entries)]));
}

/** Code-unit order, not locale order: the same on every machine. */
function compareText(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

import type { Listener, PartitionState } from './records';

/** A registered broker as the image knows it. */
export interface BrokerRegistration {
  readonly brokerId: number;
  readonly incarnationId: string;
  readonly brokerEpoch: number;
  readonly listeners: readonly Listener[];
  readonly rack: string | null;
  readonly fenced: boolean;
  /**
   * The metadata offset of the registration record. A broker is caught up, and may be
   * unfenced, once it has applied the log up to here (Kafka's rule since KRaft 3.3).
   */
  readonly registrationOffset: number;
}

/** A topic and its partitions, indexed by partition number (partitions are 0..n-1). */
export interface TopicImage {
  readonly name: string;
  readonly topicId: string;
  readonly partitions: readonly PartitionState[];
}

/** Config keys and values of one resource. */
export type ConfigEntries = ReadonlyMap<string, string>;

/**
 * Everything a `MetadataImage` holds, as plain immutable data. Maps are never mutated:
 * a change copies the map it touches and shares every other one with the previous state.
 */
export interface ImageState {
  readonly brokers: ReadonlyMap<number, BrokerRegistration>;
  readonly topicsById: ReadonlyMap<string, TopicImage>;
  readonly topicIdsByName: ReadonlyMap<string, string>;
  readonly topicConfigs: ReadonlyMap<string, ConfigEntries>;
  /** Keyed by broker id as a string, or '' for the cluster-wide default. */
  readonly brokerConfigs: ReadonlyMap<string, ConfigEntries>;
  /** The first producer id of the next block to hand out. */
  readonly nextProducerId: bigint;
  /** The highest broker epoch ever handed out; never goes down, even on unregistration. */
  readonly lastBrokerEpoch: number;
  /** -1 before anything was applied. */
  readonly lastAppliedOffset: number;
}

export const EMPTY_IMAGE_STATE: ImageState = {
  brokers: new Map(),
  topicsById: new Map(),
  topicIdsByName: new Map(),
  topicConfigs: new Map(),
  brokerConfigs: new Map(),
  nextProducerId: 0n,
  lastBrokerEpoch: 0,
  lastAppliedOffset: -1,
};

export function withEntry<K, V>(map: ReadonlyMap<K, V>, key: K, value: V): ReadonlyMap<K, V> {
  const copy = new Map(map);
  copy.set(key, value);
  return copy;
}

export function withoutEntry<K, V>(map: ReadonlyMap<K, V>, key: K): ReadonlyMap<K, V> {
  const copy = new Map(map);
  copy.delete(key);
  return copy;
}

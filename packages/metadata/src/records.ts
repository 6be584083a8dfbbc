/**
 * The metadata records of the controller's Raft log, after Kafka's KRaft records. The
 * controller leader turns requests into these; every controller (and every broker) applies
 * the committed ones, in log order, to its `MetadataImage`. A record states a fact that has
 * already been decided: applying one never fails for a reason a client could cause.
 */

/** The leader id of a partition that has no leader (it is offline). */
export const NO_LEADER = -1;

/** One endpoint a broker serves clients on. */
export interface Listener {
  readonly name: string;
  readonly host: string;
  readonly port: number;
}

/**
 * A broker (re)registered. A registration always starts fenced: the broker may lead or join
 * an ISR only after it has caught up with the metadata log and been unfenced.
 */
export interface RegisterBrokerRecord {
  readonly type: 'RegisterBroker';
  readonly brokerId: number;
  /** Random per process start: a new incarnation means the broker restarted. */
  readonly incarnationId: string;
  /** Strictly greater than every broker epoch handed out before, for any broker. */
  readonly brokerEpoch: number;
  readonly listeners: readonly Listener[];
  readonly rack: string | null;
}

/** The broker may no longer lead or be in an ISR (session expired or controlled shutdown). */
export interface FenceBrokerRecord {
  readonly type: 'FenceBroker';
  readonly brokerId: number;
  readonly brokerEpoch: number;
}

/** The broker caught up with the metadata log and may lead and join ISRs. */
export interface UnfenceBrokerRecord {
  readonly type: 'UnfenceBroker';
  readonly brokerId: number;
  readonly brokerEpoch: number;
}

/** The broker was removed from the cluster. */
export interface UnregisterBrokerRecord {
  readonly type: 'UnregisterBroker';
  readonly brokerId: number;
  readonly brokerEpoch: number;
}

/** A topic was created; its partitions follow as `Partition` records. */
export interface TopicRecord {
  readonly type: 'Topic';
  readonly name: string;
  /** Unique forever: a topic deleted and created again gets a new id. */
  readonly topicId: string;
}

/** A topic was deleted, with its partitions and its configs. */
export interface RemoveTopicRecord {
  readonly type: 'RemoveTopic';
  readonly topicId: string;
}

/** The full replication state of one partition. */
export interface PartitionState {
  readonly topicId: string;
  readonly partition: number;
  /**
   * Replica order matters: the first replica is the preferred leader. During a
   * reassignment this is the target followed by the replicas being removed.
   */
  readonly replicas: readonly number[];
  /**
   * In-sync replicas: every member is unfenced and holds every committed record. Empty only
   * while the partition has no leader (KIP-966: a fenced last member leaves for the ELR).
   */
  readonly isr: readonly number[];
  /** `NO_LEADER` when the partition is offline. */
  readonly leader: number;
  /** Bumped every time the leader changes; fences requests from older leaders. */
  readonly leaderEpoch: number;
  /** Bumped on every change; guards AlterPartition against lost updates. */
  readonly partitionEpoch: number;
  /** Replicas joining in a reassignment (a subset of `replicas`). */
  readonly addingReplicas: readonly number[];
  /** Replicas leaving in a reassignment (a subset of `replicas`). */
  readonly removingReplicas: readonly number[];
  /**
   * Eligible leader replicas (KIP-966): replicas that left the ISR while it fell below
   * `min.insync.replicas`, in replica order. The high watermark cannot advance while the ISR
   * is that small, so each still holds every committed record and may lead when no ISR member
   * can. Empty whenever the ISR holds `min.insync.replicas` members; disjoint from the ISR. A
   * broker that comes back from an unclean shutdown leaves it (it may have lost a tail).
   */
  readonly elr: readonly number[];
  /**
   * Replicas that lost their place in the ISR or the ELR to an unclean restart, in replica
   * order: the ones that held every acknowledged record before they lost power. When the ISR
   * and the ELR are both empty (every eligible replica restarted uncleanly: a whole-cluster
   * power loss), the controller waits for all of these to come back and report their logs,
   * then elects the replica with the longest log of the last epoch. Cleared once a leader is
   * known to be alive; disjoint from the ISR and the ELR.
   */
  readonly lastKnownElr: readonly number[];
}

/**
 * A partition was created, with its whole initial state. `elr` and `lastKnownElr` are absent
 * from records written before they existed, and read as empty.
 */
export interface PartitionRecord extends Omit<PartitionState, 'elr' | 'lastKnownElr'> {
  readonly type: 'Partition';
  readonly elr?: readonly number[];
  readonly lastKnownElr?: readonly number[];
}

/**
 * A partition changed. Only the changed fields are present. Applying it bumps
 * `partitionEpoch`, and bumps `leaderEpoch` too when `leader` is present and differs.
 */
export interface PartitionChangeRecord {
  readonly type: 'PartitionChange';
  readonly topicId: string;
  readonly partition: number;
  /**
   * The partition epoch the change was decided against. When the partition is at another
   * epoch by the time the record applies, another decision made on the same state got there
   * first, and the record's whole batch is refused: applied as a no-op at its offset, alike
   * on every replica (`MetadataImage.tryApplyBatch`). Absent in records written before the
   * field existed, which apply unchecked.
   */
  readonly expectedPartitionEpoch?: number;
  readonly leader?: number;
  readonly isr?: readonly number[];
  readonly replicas?: readonly number[];
  readonly addingReplicas?: readonly number[];
  readonly removingReplicas?: readonly number[];
  readonly elr?: readonly number[];
  readonly lastKnownElr?: readonly number[];
}

export type ConfigResourceType = 'topic' | 'broker';

/**
 * A config key was set, or deleted when `value` is null. A `broker` resource is named by
 * the broker id, or by the empty string for the cluster-wide default.
 */
export interface ConfigRecord {
  readonly type: 'Config';
  readonly resourceType: ConfigResourceType;
  readonly name: string;
  readonly key: string;
  readonly value: string | null;
}

/** A block of producer ids was handed to a broker; the next block starts at `nextProducerId`. */
export interface ProducerIdsRecord {
  readonly type: 'ProducerIds';
  readonly brokerId: number;
  readonly brokerEpoch: number;
  readonly nextProducerId: bigint;
}

export type MetadataRecord =
  | RegisterBrokerRecord
  | FenceBrokerRecord
  | UnfenceBrokerRecord
  | UnregisterBrokerRecord
  | TopicRecord
  | RemoveTopicRecord
  | PartitionRecord
  | PartitionChangeRecord
  | ConfigRecord
  | ProducerIdsRecord;

export type MetadataRecordType = MetadataRecord['type'];

import { assert } from '@samsa/protocol';

/**
 * The replication state of one partition as the controller committed it: the subset of the
 * controller's `PartitionState` the replica state machines need. It reaches a broker through
 * the metadata log, or as the answer to an AlterPartition the broker sent.
 */
export interface PartitionAssignment {
  /** Every replica, the preferred leader first. */
  readonly replicas: readonly number[];
  /**
   * In-sync replicas as committed by the controller, a subset of `replicas`; empty only when
   * the partition has no leader (KIP-966: a fenced last member leaves for the ELR).
   */
  readonly isr: readonly number[];
  /** -1 when the partition is offline. */
  readonly leader: number;
  /** Bumped whenever the leader changes; fences an older leader and its followers. */
  readonly leaderEpoch: number;
  /** Bumped on every change; AlterPartition carries it to detect lost updates. */
  readonly partitionEpoch: number;
}

/** Checks the shape the controller guarantees; a violation is a bug upstream, so it throws. */
export function assertAssignment(assignment: PartitionAssignment): void {
  const { replicas, isr, leader, leaderEpoch, partitionEpoch } = assignment;
  assert(Number.isInteger(leaderEpoch) && leaderEpoch >= 0, `leader epoch ${leaderEpoch} must be >= 0`);
  assert(Number.isInteger(partitionEpoch) && partitionEpoch >= 0, `partition epoch ${partitionEpoch} must be >= 0`);
  assert(new Set(replicas).size === replicas.length, `replicas [${replicas.join(', ')}] hold a duplicate`);
  assert(new Set(isr).size === isr.length, `ISR [${isr.join(', ')}] holds a duplicate`);
  assert(isr.length > 0 || leader < 0, 'the ISR of a partition with a leader is never empty');
  for (const id of isr) assert(replicas.includes(id), `ISR member ${id} is not a replica`);
}

/**
 * Whether `incoming` may replace `current`. Metadata is applied in log order, but an
 * AlterPartition answer can race it, so an update that is not newer (by partition epoch,
 * which every change bumps) is stale and ignored, as Kafka does.
 */
export function isNewerAssignment(current: PartitionAssignment, incoming: PartitionAssignment): boolean {
  if (incoming.leaderEpoch !== current.leaderEpoch) return incoming.leaderEpoch > current.leaderEpoch;
  return incoming.partitionEpoch > current.partitionEpoch;
}

import { applyPartitionChange, isDistinct, isSubset, type MetadataImage, partitionChange, type PartitionState, sameList } from '@samsa/metadata';
import { SamsaError } from '@samsa/protocol';
import { requireBrokerEpoch } from './broker-epoch';
import type { BrokerIdAndEpoch } from './broker-heartbeat-tracker';
import type { ControllerResult } from './controller-result';
import { type ElectionRules, electionRules, withIsr, withoutBroker } from './leader-election';
import { withReassignmentCompleted } from './reassignment-completion';

/** A partition leader asks to shrink or expand its ISR. */
export interface AlterPartitionRequest {
  readonly brokerId: number;
  readonly brokerEpoch: number;
  readonly topicId: string;
  readonly partition: number;
  /** The leader epoch and partition epoch the leader last saw. */
  readonly leaderEpoch: number;
  readonly partitionEpoch: number;
  readonly newIsr: readonly number[];
  /**
   * KIP-903: each new ISR member's broker epoch as the leader saw it in that member's replica
   * fetches (a negative epoch: not known). Empty or absent from a leader that does not send
   * them; then only today's checks apply.
   */
  readonly newIsrWithEpochs?: readonly BrokerIdAndEpoch[];
}

/**
 * AlterPartition, checked as Kafka does: the broker's epoch, then the leader epoch (an
 * older one is FENCED_LEADER_EPOCH: a newer leader exists), then that the sender leads,
 * then the partition epoch (see below), then the new ISR itself: a member that is fenced
 * (controlled shutdown fences at once here), unregistered, or (KIP-903) joining with a
 * broker epoch other than its current registration's is INELIGIBLE_REPLICA. Returns the PartitionChange
 * (partition epoch + 1) and the partition as it will be; an unchanged ISR writes nothing.
 * When the new ISR holds every target replica of a reassignment, the reassignment completes
 * in the same change. A new ISR without the leader is the leader stepping down (see
 * `leaderLeaves`).
 *
 * KIP-966: members the ISR loses join the ELR when it falls below min.insync.replicas, and
 * members it gains leave the ELR; the last known ELR is dropped, since a leader that sends
 * AlterPartition is alive and holds every acknowledged record.
 */
export function alterPartition(image: MetadataImage, request: AlterPartitionRequest): ControllerResult<PartitionState> {
  requireBrokerEpoch(image, request.brokerId, request.brokerEpoch);
  const partition = requirePartition(image, request.topicId, request.partition);
  checkEpochs(partition, request);
  const rules = electionRules(image, partition.topicId);
  if (!request.newIsr.includes(partition.leader)) return leaderLeaves(partition, request.newIsr, rules);
  checkNewIsr(image, partition, request.newIsr, request.newIsrWithEpochs ?? []);
  const changed = { ...withIsr(partition, request.newIsr, rules), lastKnownElr: [] };
  const change = partitionChange(partition, withReassignmentCompleted(changed, rules));
  if (change === null) return { records: [], response: partition };
  return { records: [change], response: applyPartitionChange(partition, change) };
}

/**
 * A leader that can no longer serve the partition (its log failed: Kafka's offline log
 * directory, which a KRaft broker reports to the controller, KIP-858) leaves the ISR, and
 * another leader is elected from the rest as when a broker is fenced. The new ISR must be
 * exactly the current one without the leader. A leader alone in the ISR cannot leave: it
 * holds the only copy of everything acknowledged, so it keeps the partition (offline, if it
 * cannot serve it) until it comes back. A leader that leaves so joins no ELR: its log failed.
 */
function leaderLeaves(partition: PartitionState, newIsr: readonly number[], rules: ElectionRules): ControllerResult<PartitionState> {
  const rest = partition.isr.filter((id) => id !== partition.leader);
  if (rest.length === 0 || !sameList(newIsr, rest)) {
    throw new SamsaError(
      'INVALID_REQUEST',
      `new ISR [${newIsr.join(', ')}] does not contain the leader ${partition.leader}; a leader may only leave an ISR of others, as [${rest.join(', ')}]`,
    );
  }
  const change = partitionChange(partition, withoutBroker(partition, partition.leader, rules, { forget: true }));
  if (change === null) return { records: [], response: partition };
  return { records: [change], response: applyPartitionChange(partition, change) };
}

export function requirePartition(image: MetadataImage, topicId: string, partitionIndex: number): PartitionState {
  const topic = image.topicById(topicId);
  if (topic === undefined) throw new SamsaError('UNKNOWN_TOPIC_ID', `topic id ${topicId} does not exist`);
  const partition = topic.partitions[partitionIndex];
  if (partition === undefined) {
    throw new SamsaError('UNKNOWN_TOPIC_OR_PARTITION', `topic ${topic.name} has no partition ${partitionIndex}`);
  }
  return partition;
}

function checkEpochs(partition: PartitionState, request: AlterPartitionRequest): void {
  const where = `partition ${partition.topicId}/${partition.partition}`;
  if (request.leaderEpoch < partition.leaderEpoch) {
    throw new SamsaError('FENCED_LEADER_EPOCH', `${where}: leader epoch ${request.leaderEpoch} is older than ${partition.leaderEpoch}`);
  }
  if (request.leaderEpoch > partition.leaderEpoch) {
    throw new SamsaError('UNKNOWN_LEADER_EPOCH', `${where}: leader epoch ${request.leaderEpoch} is newer than ${partition.leaderEpoch}`);
  }
  if (request.brokerId !== partition.leader) {
    throw new SamsaError('NOT_LEADER_OR_FOLLOWER', `${where}: broker ${request.brokerId} is not the leader`);
  }
  // Kafka answers INVALID_UPDATE_VERSION (95), which our error table does not have yet.
  // FENCED_LEADER_EPOCH is the closest: it tells the leader its view of the partition is
  // stale, and its reaction is the same, wait for newer metadata and try again.
  if (request.partitionEpoch !== partition.partitionEpoch) {
    throw new SamsaError(
      'FENCED_LEADER_EPOCH',
      `${where}: partition epoch ${request.partitionEpoch} is stale; the current one is ${partition.partitionEpoch}`,
    );
  }
}

function checkNewIsr(image: MetadataImage, partition: PartitionState, newIsr: readonly number[], withEpochs: readonly BrokerIdAndEpoch[]): void {
  const isr = `new ISR [${newIsr.join(', ')}]`;
  const invalid = (why: string) => new SamsaError('INVALID_REQUEST', `${isr} ${why}`);
  if (newIsr.length === 0 || !isDistinct(newIsr)) throw invalid('must be non-empty with no duplicates');
  if (!isSubset(newIsr, partition.replicas)) throw invalid(`is not a subset of replicas [${partition.replicas.join(', ')}]`);
  if (!newIsr.includes(partition.leader)) throw invalid(`does not contain the leader ${partition.leader}`);
  const ineligible = (why: string) => new SamsaError('INELIGIBLE_REPLICA', `${isr} ${why}`);
  const fenced = newIsr.filter((id) => !image.isUnfenced(id));
  if (fenced.length > 0) throw ineligible(`holds fenced or unregistered brokers ${fenced.join(', ')}`);
  if (withEpochs.length === 0) return;
  // KIP-903: a joining member must still be the incarnation whose fetches the leader counted.
  // One that registered again since may have lost what it fetched (an unclean restart).
  const seenEpochs = new Map(withEpochs.map((member) => [member.brokerId, member.brokerEpoch]));
  for (const id of newIsr.filter((member) => !partition.isr.includes(member))) {
    const seen = seenEpochs.get(id);
    const current = image.broker(id)?.brokerEpoch;
    if (seen === undefined) throw ineligible(`adds broker ${id} without the broker epoch the leader saw in its fetches`);
    if (seen >= 0 && seen !== current) {
      throw ineligible(`adds broker ${id} whose fetches came from broker epoch ${seen}, but it is registered with epoch ${String(current)} now`);
    }
  }
}

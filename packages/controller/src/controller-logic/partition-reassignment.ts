import { isDistinct, isReassigning, type MetadataImage, partitionChange, type PartitionFields, type PartitionState, sameList, targetReplicas } from '@samsa/metadata';
import { SamsaError } from '@samsa/protocol';
import type { ControllerResult } from './controller-result';
import { electLeader, electionRules, settleEligibleReplicas } from './leader-election';
import { withReassignmentCompleted } from './reassignment-completion';

export interface ReassignPartitionRequest {
  readonly topicName: string;
  readonly partition: number;
  /** The replicas the partition should end with, preferred leader first; null cancels. */
  readonly targetReplicas: readonly number[] | null;
}

/**
 * Starts (or cancels) moving a partition to new replicas, Kafka's KIP-455 way: replicas
 * become the target followed by the replicas being removed, the new ones join as
 * followers (`addingReplicas`), and once the leader has taken all of them into the ISR
 * the change that does so also completes the move (see `reassignment-completion.ts`). A
 * target already in sync completes at once. A partition that is already moving refuses a
 * new target with REASSIGNMENT_IN_PROGRESS: cancel first (Kafka would redirect it).
 */
export function alterPartitionReassignment(image: MetadataImage, request: ReassignPartitionRequest): ControllerResult<void> {
  const partition = requireTopicPartition(image, request.topicName, request.partition);
  if (request.targetReplicas === null) return cancelReassignment(image, partition);
  const target = request.targetReplicas;
  checkTarget(image, target);
  if (isReassigning(partition)) {
    if (sameList(targetReplicas(partition), target)) return { records: [], response: undefined };
    throw new SamsaError('REASSIGNMENT_IN_PROGRESS', `${describe(request)} is already being reassigned`);
  }
  if (sameList(partition.replicas, target)) return { records: [], response: undefined };
  const removing = partition.replicas.filter((id) => !target.includes(id));
  const started: PartitionFields = {
    ...partition,
    replicas: [...target, ...removing],
    addingReplicas: target.filter((id) => !partition.replicas.includes(id)),
    removingReplicas: removing,
  };
  const change = partitionChange(partition, withReassignmentCompleted(started, electionRules(image, partition.topicId)));
  return { records: change === null ? [] : [change], response: undefined };
}

/**
 * Goes back to the original replicas: the adding ones leave replicas and ISR, and if one
 * of them led, an original in-sync replica takes over. Refused when no original replica is
 * in sync, because going back would then mean an unclean election. As in Kafka, the
 * original replica order is not restored (the image does not keep it): the replicas come
 * back in the reassignment's order, target members first.
 */
function cancelReassignment(image: MetadataImage, partition: PartitionState): ControllerResult<void> {
  const where = `partition ${partition.topicId}/${partition.partition}`;
  if (!isReassigning(partition)) throw new SamsaError('NO_REASSIGNMENT_IN_PROGRESS', `${where} is not being reassigned`);
  const original = partition.replicas.filter((id) => !partition.addingReplicas.includes(id));
  const isr = partition.isr.filter((id) => original.includes(id));
  if (isr.length === 0) {
    throw new SamsaError('INVALID_REPLICA_ASSIGNMENT', `${where}: no original replica is in sync; let the reassignment finish`);
  }
  const rules = electionRules(image, partition.topicId);
  const reverted = settleEligibleReplicas({ ...partition, replicas: original, isr, addingReplicas: [], removingReplicas: [] }, rules);
  const elected = original.includes(partition.leader)
    ? reverted
    : { ...reverted, ...electLeader(reverted, { ...rules, uncleanAllowed: false }) };
  const change = partitionChange(partition, elected);
  return { records: change === null ? [] : [change], response: undefined };
}

/** An ongoing reassignment, as ListPartitionReassignments reports it. */
export interface OngoingReassignment {
  readonly topicName: string;
  readonly partition: number;
  readonly replicas: readonly number[];
  readonly addingReplicas: readonly number[];
  readonly removingReplicas: readonly number[];
}

/** Every ongoing reassignment, or those of the named topics, in topic and partition order. */
export function listPartitionReassignments(image: MetadataImage, topicNames?: readonly string[]): OngoingReassignment[] {
  const names = topicNames ?? image.topicNames();
  return names.flatMap((topicName) =>
    (image.topic(topicName)?.partitions ?? []).filter(isReassigning).map((partition) => ({
      topicName,
      partition: partition.partition,
      replicas: partition.replicas,
      addingReplicas: partition.addingReplicas,
      removingReplicas: partition.removingReplicas,
    })),
  );
}

export function requireTopicPartition(image: MetadataImage, topicName: string, partitionIndex: number): PartitionState {
  const partition = image.topic(topicName)?.partitions[partitionIndex];
  if (partition === undefined) {
    throw new SamsaError('UNKNOWN_TOPIC_OR_PARTITION', `partition ${topicName}/${partitionIndex} does not exist`);
  }
  return partition;
}

function checkTarget(image: MetadataImage, target: readonly number[]): void {
  const invalid = (why: string) => new SamsaError('INVALID_REPLICA_ASSIGNMENT', `target replicas [${target.join(', ')}] ${why}`);
  if (target.length === 0 || !isDistinct(target)) throw invalid('must be non-empty with no duplicates');
  const unknown = target.filter((id) => image.broker(id) === undefined);
  if (unknown.length > 0) throw invalid(`name unregistered brokers ${unknown.join(', ')}`);
}

function describe(request: ReassignPartitionRequest): string {
  return `partition ${request.topicName}/${request.partition}`;
}

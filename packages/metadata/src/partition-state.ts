import { assert } from '@samsa/protocol';
import { NO_LEADER, type PartitionChangeRecord, type PartitionState } from './records';

/**
 * Pure operations on one partition's state: applying a change (with the epoch bumps) and
 * the reverse, describing the difference between two states as a change record. Decision
 * functions compute the state they want and let `partitionChange` write the record, so a
 * record never carries a field that did not change.
 */

/** The fields a `PartitionChange` may carry. */
export type PartitionFields = Pick<PartitionState, 'leader' | 'isr' | 'replicas' | 'addingReplicas' | 'removingReplicas' | 'elr' | 'lastKnownElr'>;

/** Applies a change; the result passes `assertPartitionInvariants`. */
export function applyPartitionChange(state: PartitionState, change: PartitionChangeRecord): PartitionState {
  assert(change.topicId === state.topicId && change.partition === state.partition, 'change applied to the wrong partition');
  const leaderChanged = change.leader !== undefined && change.leader !== state.leader;
  const next: PartitionState = {
    topicId: state.topicId,
    partition: state.partition,
    replicas: change.replicas ?? state.replicas,
    isr: change.isr ?? state.isr,
    leader: change.leader ?? state.leader,
    leaderEpoch: leaderChanged ? state.leaderEpoch + 1 : state.leaderEpoch,
    partitionEpoch: state.partitionEpoch + 1,
    addingReplicas: change.addingReplicas ?? state.addingReplicas,
    removingReplicas: change.removingReplicas ?? state.removingReplicas,
    elr: change.elr ?? state.elr,
    lastKnownElr: change.lastKnownElr ?? state.lastKnownElr,
  };
  assertPartitionInvariants(next);
  return next;
}

/**
 * The change record that turns `before` into `after`, or null when nothing differs. It
 * expects `before`'s partition epoch, so it applies only to the state it was decided on.
 */
export function partitionChange(before: PartitionState, after: PartitionFields): PartitionChangeRecord | null {
  const fields: { -readonly [K in keyof PartitionFields]?: PartitionFields[K] } = {};
  if (after.leader !== before.leader) fields.leader = after.leader;
  if (!sameList(after.isr, before.isr)) fields.isr = after.isr;
  if (!sameList(after.replicas, before.replicas)) fields.replicas = after.replicas;
  if (!sameList(after.addingReplicas, before.addingReplicas)) fields.addingReplicas = after.addingReplicas;
  if (!sameList(after.removingReplicas, before.removingReplicas)) fields.removingReplicas = after.removingReplicas;
  if (!sameList(after.elr, before.elr)) fields.elr = after.elr;
  if (!sameList(after.lastKnownElr, before.lastKnownElr)) fields.lastKnownElr = after.lastKnownElr;
  if (Object.keys(fields).length === 0) return null;
  return { type: 'PartitionChange', topicId: before.topicId, partition: before.partition, expectedPartitionEpoch: before.partitionEpoch, ...fields };
}

/** Holds for every partition state in an image; a violation is a controller bug. */
export function assertPartitionInvariants(state: PartitionState): void {
  const where = `partition ${state.topicId}/${state.partition}`;
  assert(Number.isSafeInteger(state.partition) && state.partition >= 0, `${where}: bad partition index`);
  assert(state.replicas.length > 0 && isDistinct(state.replicas), `${where}: replicas must be distinct and non-empty`);
  assert(isDistinct(state.isr), `${where}: isr must be distinct`);
  assert(isSubset(state.isr, state.replicas), `${where}: isr must be a subset of replicas`);
  // An empty ISR has no leader, since the leader must be in it.
  assert(state.leader === NO_LEADER || state.isr.includes(state.leader), `${where}: the leader must be in the isr`);
  for (const [name, list] of [['elr', state.elr], ['last known elr', state.lastKnownElr]] as const) {
    assert(isDistinct(list) && isSubset(list, state.replicas), `${where}: ${name} must be distinct replicas`);
    assert(!list.some((id) => state.isr.includes(id)), `${where}: ${name} and isr overlap`);
  }
  assert(!state.elr.some((id) => state.lastKnownElr.includes(id)), `${where}: elr and last known elr overlap`);
  assert(isSubset(state.addingReplicas, state.replicas), `${where}: adding replicas must be replicas`);
  assert(isSubset(state.removingReplicas, state.replicas), `${where}: removing replicas must be replicas`);
  assert(!state.addingReplicas.some((id) => state.removingReplicas.includes(id)), `${where}: adding and removing overlap`);
  assert(state.leaderEpoch >= 0 && state.partitionEpoch >= 0, `${where}: epochs must be non-negative`);
}

/**
 * No leader, no ISR, no ELR, but a last known ELR: every replica eligible to lead restarted
 * uncleanly (a whole-cluster power loss). The controller elects once those replicas have
 * reported their logs (KIP-966 recovery); brokers report theirs while this holds.
 */
export function awaitsRecoveryElection(state: PartitionState): boolean {
  return state.leader === NO_LEADER && state.isr.length === 0 && state.elr.length === 0 && state.lastKnownElr.length > 0;
}

/** The replicas a partition will have once its reassignment (if any) completes. */
export function targetReplicas(state: Pick<PartitionState, 'replicas' | 'removingReplicas'>): number[] {
  return state.replicas.filter((id) => !state.removingReplicas.includes(id));
}

export function isReassigning(state: Pick<PartitionState, 'addingReplicas' | 'removingReplicas'>): boolean {
  return state.addingReplicas.length > 0 || state.removingReplicas.length > 0;
}

export function sameList(left: readonly number[], right: readonly number[]): boolean {
  return left.length === right.length && left.every((item, index) => item === right[index]);
}

export function isDistinct(list: readonly number[]): boolean {
  return new Set(list).size === list.length;
}

export function isSubset(list: readonly number[], of: readonly number[]): boolean {
  return list.every((item) => of.includes(item));
}

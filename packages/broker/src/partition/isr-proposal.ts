/** An ISR member and the broker epoch the leader last saw it fetch with (KIP-903). */
export interface IsrMemberEpoch {
  readonly brokerId: number;
  /** -1 when unknown: the leader itself (the driver sends its own), or a member not yet heard from. */
  readonly brokerEpoch: number;
}

/**
 * An ISR change the leader wants the controller to commit with AlterPartition. The leader
 * never changes its ISR itself: it proposes, and only the controller's answer (or newer
 * metadata) makes a change committed. `leaderEpoch` and `partitionEpoch` are the ones the
 * request must carry, so the controller can refuse a proposal made from a stale view.
 * `newIsrWithEpochs` is AlterPartition's `new_isr_with_epochs` (KIP-903): the controller
 * refuses to add a member that has registered again since the fetches that qualified it.
 */
export interface IsrProposal {
  readonly kind: 'expand' | 'shrink';
  readonly newIsr: readonly number[];
  /** `newIsr` in the same order, each with its broker epoch as this leader knows it. */
  readonly newIsrWithEpochs: readonly IsrMemberEpoch[];
  /** The replica added (expand) or the replicas removed (shrink). */
  readonly changedReplicaIds: readonly number[];
  readonly leaderEpoch: number;
  readonly partitionEpoch: number;
}

/** A proposal sent and not yet answered; `proposalId` matches the answer to it. */
export interface PendingAlterPartition extends IsrProposal {
  readonly proposalId: number;
}

/**
 * Kafka's "maximal ISR" (KIP-497's safety rule): the set the high watermark must wait for.
 * While an expansion is in flight the new member counts at once, because the controller may
 * already have committed it, and a later leader elected from that ISR must hold every
 * offset below the high watermark. While a shrink is in flight the members being removed
 * still count, for the same reason: until the controller answers, they may still be in the
 * committed ISR and electable. So it is the committed ISR plus any pending addition.
 */
export function maximalIsrOf(committedIsr: readonly number[], pending: IsrProposal | null): readonly number[] {
  if (pending === null || pending.kind === 'shrink') return committedIsr;
  return [...committedIsr, ...pending.changedReplicaIds.filter((id) => !committedIsr.includes(id))];
}

import type { ErrorName } from '@samsa/protocol';
import { LeaderReplicaState } from './leader-replica-state';
import type { PartitionAssignment } from './partition-assignment';

const LAG_MS = 30_000;

function assignment(fields: Partial<PartitionAssignment> = {}): PartitionAssignment {
  return { replicas: [1, 2, 3], isr: [1, 2, 3], leader: 1, leaderEpoch: 5, partitionEpoch: 10, ...fields };
}

function leader(fields: Partial<PartitionAssignment> = {}, logEndOffset = 0, highWatermark = 0): LeaderReplicaState {
  return new LeaderReplicaState({ localReplicaId: 1, assignment: assignment(fields), logEndOffset, highWatermark, nowMs: 0 });
}

/** Each follower's broker epoch in these tests unless a test says otherwise: broker N registered as 10N. */
const epochOf = (replicaId: number) => replicaId * 10;

/** A follower fetch at `nowMs`, seeing the leader's current end offset. */
function fetch(state: LeaderReplicaState, replicaId: number, fetchOffset: number, nowMs = 0, brokerEpoch = epochOf(replicaId)) {
  return state.onFollowerFetch({ replicaId, fetchOffset, nowMs, leaderLogEndOffset: state.logEndOffset, brokerEpoch });
}

describe('LeaderReplicaState: the high watermark', () => {
  it('starts where the log left it and, alone in the ISR, follows the leader log end', () => {
    const state = leader({ replicas: [1], isr: [1] }, 7, 4);
    expect(state.highWatermark).toBe(7);
    expect(leader({}, 7, 4).highWatermark).toBe(4);
    expect(state.onLocalAppend(12)).toEqual({ highWatermark: 12, advanced: true });
  });

  it('is the smallest log end offset in the ISR', () => {
    const state = leader();
    state.onLocalAppend(10);
    expect(fetch(state, 2, 10)).toMatchObject({ highWatermark: 0, advanced: false });
    expect(fetch(state, 3, 5)).toMatchObject({ highWatermark: 5, advanced: true });
    expect(fetch(state, 3, 10)).toMatchObject({ highWatermark: 10, advanced: true });
  });

  it('waits for every ISR member to fetch once under a new leader', () => {
    const state = leader({}, 20, 10);
    expect(fetch(state, 2, 20).highWatermark).toBe(10);
    expect(fetch(state, 3, 15)).toMatchObject({ highWatermark: 15, advanced: true });
  });

  it('never decreases when an ISR member reports a lower offset', () => {
    const state = leader();
    state.onLocalAppend(10);
    fetch(state, 2, 10);
    fetch(state, 3, 10);
    expect(state.highWatermark).toBe(10);
    expect(fetch(state, 3, 4)).toMatchObject({ highWatermark: 10, advanced: false });
    state.onLocalAppend(20);
    fetch(state, 2, 20);
    expect(state.highWatermark).toBe(10);
  });

  it('ignores replicas outside the ISR', () => {
    const state = leader({ isr: [1, 2] });
    state.onLocalAppend(10);
    expect(fetch(state, 2, 10)).toMatchObject({ highWatermark: 10, advanced: true });
  });

  it('ignores fetches from replicas that are not assigned', () => {
    const state = leader();
    expect(fetch(state, 9, 0)).toMatchObject({ assignedReplica: false, advanced: false });
    expect(state.follower(9)).toBeUndefined();
  });
});

describe('LeaderReplicaState: shrinking the ISR after replica.lag.time.max.ms', () => {
  it('keeps a follower that reached the leader end offset of its previous fetch, although the leader moved on', () => {
    const state = leader({ isr: [1, 2] });
    state.onLocalAppend(10);
    fetch(state, 2, 0, 1_000); // leader end 10 at this fetch
    state.onLocalAppend(20);
    fetch(state, 2, 10, 2_000); // reached 10: caught up as of 1_000
    expect(state.follower(2)?.lastCaughtUpTimeMs).toBe(1_000);
    expect(state.isrToShrink(1_000 + LAG_MS, LAG_MS)).toBeNull();
    expect(state.isrToShrink(1_001 + LAG_MS, LAG_MS)).toMatchObject({ kind: 'shrink', newIsr: [1], changedReplicaIds: [2] });
  });

  it('removes a follower that stopped fetching, never the leader', () => {
    const state = leader();
    state.onLocalAppend(10);
    fetch(state, 2, 10, 5_000);
    expect(state.isrToShrink(LAG_MS, LAG_MS)).toBeNull();
    expect(state.isrToShrink(LAG_MS + 1, LAG_MS)).toEqual({
      kind: 'shrink',
      newIsr: [1, 2],
      newIsrWithEpochs: [{ brokerId: 1, brokerEpoch: -1 }, { brokerId: 2, brokerEpoch: 20 }],
      changedReplicaIds: [3],
      leaderEpoch: 5,
      partitionEpoch: 10,
    });
  });

  it('keeps an idle follower that holds the whole log, as Kafka does', () => {
    const state = leader({ isr: [1, 2] });
    state.onLocalAppend(10);
    fetch(state, 2, 10, 0);
    expect(state.isrToShrink(10 * LAG_MS, LAG_MS)).toBeNull();
  });

  it('removes a follower that fetches often but keeps falling behind', () => {
    const state = leader({ isr: [1, 2] });
    let leaderEnd = 100;
    state.onLocalAppend(leaderEnd);
    for (let nowMs = 1_000; nowMs <= 40_000; nowMs += 1_000) {
      fetch(state, 2, nowMs / 100, nowMs); // reaches 10, 20, ... while the leader adds 100 a second
      leaderEnd += 100;
      state.onLocalAppend(leaderEnd);
    }
    expect(state.isrToShrink(40_000, LAG_MS)).toMatchObject({ changedReplicaIds: [2] });
  });
});

describe('LeaderReplicaState: expanding the ISR', () => {
  it('proposes a follower that reached the high watermark and the leader epoch start', () => {
    const state = leader({ isr: [1, 2] }, 10, 10);
    state.onLocalAppend(30);
    fetch(state, 2, 30);
    expect(state.highWatermark).toBe(30);
    expect(fetch(state, 3, 20).isrExpansion).toBeNull();
    expect(fetch(state, 3, 30).isrExpansion).toEqual({
      kind: 'expand',
      newIsr: [1, 2, 3],
      newIsrWithEpochs: [{ brokerId: 1, brokerEpoch: -1 }, { brokerId: 2, brokerEpoch: 20 }, { brokerId: 3, brokerEpoch: 30 }],
      changedReplicaIds: [3],
      leaderEpoch: 5,
      partitionEpoch: 10,
    });
  });

  it('waits until the follower reaches the offset where this leader epoch began', () => {
    // High watermark 5 but the epoch began at 10: a follower at 8 may still hold a divergent tail.
    // Replica 2 has not fetched yet, so the high watermark stays at 5.
    const state = leader({ isr: [1, 2] }, 10, 5);
    expect(fetch(state, 3, 8).isrExpansion).toBeNull();
    expect(state.highWatermark).toBe(5);
    expect(state.isrToExpand(3)).toBeNull();
    expect(fetch(state, 3, 10).isrExpansion).toMatchObject({ changedReplicaIds: [3] });
  });
});

describe('LeaderReplicaState: a pending AlterPartition (Kafka maximal ISR)', () => {
  it('allows one proposal in flight at a time', () => {
    const state = leader({ isr: [1, 2] });
    const proposal = fetch(state, 3, 0).isrExpansion!;
    state.beginAlterPartition(proposal);
    expect(state.isrToShrink(10 * LAG_MS, LAG_MS)).toBeNull();
    expect(state.isrToExpand(3)).toBeNull();
    expect(() => state.beginAlterPartition(proposal)).toThrow('already in flight');
  });

  it('refuses to begin a proposal the state has moved past', () => {
    // Found by the property test: an expansion checked against high watermark 0, begun after
    // the high watermark reached 1, would count a replica lacking offset 0 in the maximal ISR.
    const state = leader({ isr: [1] });
    const expansion = fetch(state, 2, 0).isrExpansion!;
    state.onLocalAppend(1);
    expect(state.highWatermark).toBe(1);
    expect(state.beginAlterPartition(expansion)).toBeNull();
    expect(state.pendingAlterPartition).toBeNull();
    const other = leader();
    const shrink = other.isrToShrink(LAG_MS + 1, LAG_MS)!;
    other.onMetadata(assignment({ isr: [1], partitionEpoch: 11 }), LAG_MS + 1);
    expect(other.beginAlterPartition(shrink)).toBeNull();
  });

  it('checks an expansion against the high watermark after the fetch that prompted it', () => {
    const state = leader({ isr: [1] });
    fetch(state, 2, 0);
    state.onLocalAppend(1);
    // This fetch moves the high watermark to 1 (the ISR is the leader alone) before the check.
    expect(fetch(state, 2, 0)).toMatchObject({ highWatermark: 1, isrExpansion: null });
    expect(fetch(state, 2, 1).isrExpansion).toMatchObject({ changedReplicaIds: [2] });
  });

  it('counts a pending expansion at once for the high watermark, not for min.insync.replicas', () => {
    const state = leader({ isr: [1, 2] }, 10, 10);
    fetch(state, 2, 10);
    state.beginAlterPartition(fetch(state, 3, 10).isrExpansion!);
    expect(state.maximalIsr).toEqual([1, 2, 3]);
    expect(state.isr).toEqual([1, 2]);
    expect(state.canAcceptAcksAll(3)).toBe('NOT_ENOUGH_REPLICAS');
    state.onLocalAppend(20);
    fetch(state, 2, 20);
    expect(state.highWatermark).toBe(10); // replica 3 may already be in the committed ISR
    expect(fetch(state, 3, 20)).toMatchObject({ highWatermark: 20, advanced: true });
  });

  it('still counts the replicas of a pending shrink until the controller commits it', () => {
    const state = leader();
    state.onLocalAppend(10);
    fetch(state, 2, 10, 1);
    const pending = state.beginAlterPartition(state.isrToShrink(LAG_MS + 1, LAG_MS)!)!;
    expect(pending.changedReplicaIds).toEqual([3]);
    expect(state.maximalIsr).toEqual([1, 2, 3]);
    expect(state.highWatermark).toBe(0);
    const committed = assignment({ isr: [1, 2], partitionEpoch: 11 });
    expect(state.onAlterPartitionResult(pending.proposalId, { kind: 'committed', assignment: committed }, LAG_MS + 2)).toEqual({
      action: 'applied',
      highWatermark: 10,
      advanced: true,
    });
    expect(state.isr).toEqual([1, 2]);
    expect(state.pendingAlterPartition).toBeNull();
  });

  it('keeps a proposal the controller fenced until newer metadata replaces it', () => {
    const state = leader({ isr: [1, 2] }, 10, 10);
    const pending = state.beginAlterPartition(fetch(state, 3, 10).isrExpansion!)!;
    const fenced = state.onAlterPartitionResult(pending.proposalId, { kind: 'failed', error: 'FENCED_LEADER_EPOCH' }, 1);
    expect(fenced.action).toBe('await-metadata');
    expect(state.maximalIsr).toEqual([1, 2, 3]);
    expect(state.onMetadata(assignment({ isr: [1, 2, 3], partitionEpoch: 11 }), 2).applied).toBe(true);
    expect(state.pendingAlterPartition).toBeNull();
    // A late answer to the replaced proposal changes nothing.
    expect(state.onAlterPartitionResult(pending.proposalId, { kind: 'failed', error: 'INVALID_REQUEST' }, 3).action).toBe('ignored');
  });

  it('retries transient failures and reverts refused proposals', () => {
    const state = leader({ isr: [1, 2] }, 10, 10);
    const pending = state.beginAlterPartition(fetch(state, 3, 10).isrExpansion!)!;
    expect(state.onAlterPartitionResult(pending.proposalId, { kind: 'failed', error: 'NOT_CONTROLLER' }, 1).action).toBe('retry');
    expect(state.pendingAlterPartition).toBe(pending);
    expect(state.onAlterPartitionResult(pending.proposalId, { kind: 'failed', error: 'INVALID_REQUEST' }, 2).action).toBe('reverted');
    expect(state.pendingAlterPartition).toBeNull();
    expect(state.maximalIsr).toEqual([1, 2]);
    expect(state.isrToExpand(3)).toMatchObject({ newIsr: [1, 2, 3] });
  });
});

describe('LeaderReplicaState: an AlterPartition whose outcome is unknown (issue 9, finding 6)', () => {
  it.each<ErrorName>(['UNKNOWN_SERVER_ERROR', 'STALE_BROKER_EPOCH', 'REQUEST_TIMED_OUT', 'NETWORK_EXCEPTION', 'NOT_CONTROLLER'])(
    'keeps an expansion pending after %s: the controller may have committed it',
    (error) => {
      const state = leader({ isr: [1, 2] }, 10, 10);
      const pending = state.beginAlterPartition(fetch(state, 3, 10).isrExpansion!)!;
      expect(state.onAlterPartitionResult(pending.proposalId, { kind: 'failed', error }, 1)).toEqual({ action: 'retry', highWatermark: 10, advanced: false });
      expect(state.pendingAlterPartition).toBe(pending);
      expect(state.maximalIsr).toEqual([1, 2, 3]);
      // Replica 3 may be in the committed ISR: the high watermark still waits for it.
      state.onLocalAppend(20);
      fetch(state, 2, 20);
      expect(state.highWatermark).toBe(10);
    },
  );

  it('lands on the committed state when the resent proposal meets the change it already made', () => {
    const state = leader({ isr: [1, 2] }, 10, 10);
    const pending = state.beginAlterPartition(fetch(state, 3, 10).isrExpansion!)!;
    expect(state.onAlterPartitionResult(pending.proposalId, { kind: 'failed', error: 'UNKNOWN_SERVER_ERROR' }, 1).action).toBe('retry');
    // The first attempt was written: the resend carries a stale partition epoch.
    expect(state.onAlterPartitionResult(pending.proposalId, { kind: 'failed', error: 'FENCED_LEADER_EPOCH' }, 2).action).toBe('await-metadata');
    expect(state.maximalIsr).toEqual([1, 2, 3]);
    expect(state.onMetadata(assignment({ isr: [1, 2, 3], partitionEpoch: 11 }), 3).applied).toBe(true);
    expect(state.isr).toEqual([1, 2, 3]);
  });

  // INELIGIBLE_REPLICA and OPERATION_NOT_ATTEMPTED are Kafka's refusals; the shared table may not list them yet.
  it.each(['INVALID_REQUEST', 'INELIGIBLE_REPLICA', 'OPERATION_NOT_ATTEMPTED'])('reverts only on a refusal such as %s', (error) => {
    const state = leader({ isr: [1, 2] }, 10, 10);
    const pending = state.beginAlterPartition(fetch(state, 3, 10).isrExpansion!)!;
    expect(state.onAlterPartitionResult(pending.proposalId, { kind: 'failed', error: error as ErrorName }, 1).action).toBe('reverted');
    expect(state.pendingAlterPartition).toBeNull();
    expect(state.maximalIsr).toEqual([1, 2]);
  });
});

describe('LeaderReplicaState: broker epochs of follower fetches (KIP-903, issue 9 finding 7)', () => {
  it('records the broker epoch each fetch carries', () => {
    const state = leader({ isr: [1, 2] }, 10, 10);
    fetch(state, 3, 4, 0, 31);
    expect(state.follower(3)).toMatchObject({ logEndOffset: 4, brokerEpoch: 31 });
  });

  it('ignores a fetch of a process older than one already heard from', () => {
    const state = leader({ isr: [1, 2] }, 30, 30);
    // Broker 3 restarted (epoch 30, then 31) and lost its tail: its new process fetches from 5.
    expect(fetch(state, 3, 5, 1_000, 31)).toMatchObject({ staleBrokerEpoch: false, isrExpansion: null });
    // A fetch the old process sent before it died arrives late, claiming offset 30.
    const late = fetch(state, 3, 30, 1_001, 30);
    expect(late).toMatchObject({ assignedReplica: true, staleBrokerEpoch: true, isrExpansion: null, advanced: false });
    expect(state.follower(3)).toMatchObject({ logEndOffset: 5, brokerEpoch: 31, lastFetchTimeMs: 1_000 });
    expect(state.isrToExpand(3)).toBeNull();
  });

  it('does not let a stale fetch of an ISR member move the high watermark', () => {
    const state = leader({ isr: [1, 2] }, 30, 0);
    fetch(state, 2, 10, 0, 21);
    expect(state.highWatermark).toBe(10);
    expect(fetch(state, 2, 30, 1, 20)).toMatchObject({ staleBrokerEpoch: true, highWatermark: 10, advanced: false });
  });

  it('starts over for a newer epoch: a previous process\'s fetch earns the new one no catch-up time', () => {
    const state = leader({ isr: [1, 2] });
    state.onLocalAppend(10);
    fetch(state, 2, 0, 1_000, 20); // leader end 10 at this fetch
    state.onLocalAppend(20);
    // Reaching 10 would credit "caught up as of 1_000" to the same process; not to a new one.
    fetch(state, 2, 10, 2_000, 21);
    expect(state.follower(2)).toMatchObject({ logEndOffset: 10, brokerEpoch: 21, lastCaughtUpTimeMs: 0 });
  });

  it('proposes an expansion carrying the epoch of every member it has heard from', () => {
    const state = leader({ isr: [1, 2] }, 10, 10);
    const expansion = fetch(state, 3, 10, 0, 33).isrExpansion!;
    // The leader's own epoch is the driver's to fill in; member 2 has not fetched in this epoch.
    expect(expansion.newIsrWithEpochs).toEqual([{ brokerId: 1, brokerEpoch: -1 }, { brokerId: 2, brokerEpoch: -1 }, { brokerId: 3, brokerEpoch: 33 }]);
    fetch(state, 2, 10, 0, 22);
    expect(state.isrToExpand(3)!.newIsrWithEpochs).toEqual([{ brokerId: 1, brokerEpoch: -1 }, { brokerId: 2, brokerEpoch: 22 }, { brokerId: 3, brokerEpoch: 33 }]);
  });

  it('does not propose a replica whose fetches do not say which process made them', () => {
    const state = leader({ isr: [1, 2] }, 10, 10);
    expect(fetch(state, 3, 10, 0, -1).isrExpansion).toBeNull();
    expect(fetch(state, 3, 10, 0, 30).isrExpansion).toMatchObject({ changedReplicaIds: [3] });
  });

  it('refuses to begin an expansion when the replica restarted after it was proposed', () => {
    const state = leader({ isr: [1, 2] }, 10, 10);
    const expansion = fetch(state, 3, 10, 0, 30).isrExpansion!;
    fetch(state, 3, 10, 1, 31); // the new process happens to hold as much
    expect(state.beginAlterPartition(expansion)).toBeNull();
    expect(state.beginAlterPartition(state.isrToExpand(3)!)).toMatchObject({ newIsrWithEpochs: [{ brokerId: 1 }, { brokerId: 2 }, { brokerId: 3, brokerEpoch: 31 }] });
  });
});

describe('LeaderReplicaState: metadata', () => {
  it('ignores an assignment that is not newer', () => {
    const state = leader();
    expect(state.onMetadata(assignment({ isr: [1] }), 0)).toMatchObject({ applied: false });
    expect(state.isr).toEqual([1, 2, 3]);
  });

  it('resets followers and records the epoch start on a new leader epoch', () => {
    const state = leader({}, 10, 10);
    fetch(state, 2, 10);
    state.onLocalAppend(15);
    const outcome = state.onMetadata(assignment({ leaderEpoch: 6, partitionEpoch: 11 }), 100);
    expect(outcome).toMatchObject({ applied: true, newLeaderEpoch: true });
    expect(state.leaderEpochStartOffset).toBe(15);
    expect(state.follower(2)).toEqual({ replicaId: 2, logEndOffset: -1, lastFetchTimeMs: 0, lastCaughtUpTimeMs: 100, brokerEpoch: -1 });
  });

  it('advances the high watermark when a committed shrink removes the slowest member', () => {
    const state = leader({}, 10, 0);
    fetch(state, 2, 10);
    fetch(state, 3, 3);
    expect(state.highWatermark).toBe(3);
    expect(state.onMetadata(assignment({ isr: [1, 2], partitionEpoch: 11 }), 1)).toMatchObject({ highWatermark: 10, advanced: true });
  });

  it('tracks a reassignment: new replicas start unknown and out of sync, removed ones go', () => {
    const state = leader();
    state.onMetadata(assignment({ replicas: [1, 2, 3, 4], partitionEpoch: 11 }), 50);
    expect(state.follower(4)).toMatchObject({ logEndOffset: -1, lastCaughtUpTimeMs: 0 });
    state.onMetadata(assignment({ replicas: [1, 2, 4], isr: [1, 2], partitionEpoch: 12 }), 60);
    expect(state.follower(3)).toBeUndefined();
    expect(state.isUnderReplicated).toBe(true);
  });
});

describe('LeaderReplicaState: acks=all and min.insync.replicas', () => {
  it('refuses before the append when the committed ISR is too small', () => {
    const state = leader({ isr: [1] });
    expect(state.canAcceptAcksAll(2)).toBe('NOT_ENOUGH_REPLICAS');
    expect(state.canAcceptAcksAll(1)).toBe('NONE');
  });

  it('waits for the high watermark, then checks the ISR that acknowledged', () => {
    const state = leader({ isr: [1, 2] });
    state.onLocalAppend(10);
    expect(state.acksAllStatus(10, 2)).toBe('waiting');
    fetch(state, 2, 10);
    expect(state.acksAllStatus(10, 2)).toBe('NONE');
    expect(state.acksAllStatus(10, 3)).toBe('NOT_ENOUGH_REPLICAS_AFTER_APPEND');
  });
});

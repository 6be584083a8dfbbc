import { LeaderReplicaState } from './leader-replica-state';
import type { PartitionAssignment } from './partition-assignment';

/**
 * KIP-966's strict min.insync.replicas: the high watermark advances only while the committed
 * ISR holds at least min.insync.replicas members. That is what makes a replica that left a
 * smaller ISR (an eligible leader replica) safe to elect: it holds every committed record,
 * because nothing was committed after it left.
 */
function assignment(fields: Partial<PartitionAssignment> = {}): PartitionAssignment {
  return { replicas: [1, 2, 3], isr: [1, 2, 3], leader: 1, leaderEpoch: 5, partitionEpoch: 10, ...fields };
}

function leader(fields: Partial<PartitionAssignment>, minInsyncReplicas: number, logEndOffset = 0, highWatermark = 0): LeaderReplicaState {
  return new LeaderReplicaState({ localReplicaId: 1, assignment: assignment(fields), logEndOffset, highWatermark, nowMs: 0, minInsyncReplicas });
}

function fetch(state: LeaderReplicaState, replicaId: number, fetchOffset: number) {
  return state.onFollowerFetch({ replicaId, fetchOffset, nowMs: 0, leaderLogEndOffset: state.logEndOffset, brokerEpoch: replicaId * 10 });
}

describe('LeaderReplicaState: strict min.insync.replicas (KIP-966)', () => {
  it('does not advance the high watermark while the committed ISR is below min.insync.replicas', () => {
    const alone = leader({ isr: [1] }, 2, 7, 4);
    expect(alone.highWatermark).toBe(4);
    expect(alone.onLocalAppend(12)).toEqual({ highWatermark: 4, advanced: false });
    // The shrink that left it alone: nothing committed after it.
    const shrinking = leader({}, 2);
    shrinking.onLocalAppend(10);
    fetch(shrinking, 2, 10);
    fetch(shrinking, 3, 10);
    expect(shrinking.highWatermark).toBe(10);
    shrinking.onMetadata(assignment({ isr: [1], partitionEpoch: 11 }), 1);
    shrinking.onLocalAppend(20);
    expect(shrinking.highWatermark).toBe(10);
  });

  it('advances again once the ISR is back to min.insync.replicas', () => {
    const state = leader({ isr: [1] }, 2, 10, 4);
    fetch(state, 2, 10);
    expect(state.highWatermark).toBe(4);
    const outcome = state.onMetadata(assignment({ isr: [1, 2], partitionEpoch: 11 }), 1);
    expect(outcome).toMatchObject({ applied: true, highWatermark: 10, advanced: true });
  });

  it('follows a change of min.insync.replicas', () => {
    const state = leader({ isr: [1] }, 2, 10, 4);
    expect(state.setMinInsyncReplicas(1)).toEqual({ highWatermark: 10, advanced: true });
    expect(state.setMinInsyncReplicas(3)).toEqual({ highWatermark: 10, advanced: false });
    expect(state.onLocalAppend(15)).toEqual({ highWatermark: 10, advanced: false });
  });

  it('answers a waiting acks=all append NOT_ENOUGH_REPLICAS_AFTER_APPEND once the ISR falls below min.insync.replicas', () => {
    const state = leader({ isr: [1, 2] }, 2);
    state.onLocalAppend(10);
    expect(state.acksAllStatus(10, 2)).toBe('waiting');
    state.onMetadata(assignment({ isr: [1], partitionEpoch: 11 }), 1);
    expect(state.acksAllStatus(10, 2)).toBe('NOT_ENOUGH_REPLICAS_AFTER_APPEND');
  });
});

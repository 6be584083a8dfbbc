import fc from 'fast-check';
import { LeaderReplicaState } from './leader-replica-state';
import type { PartitionAssignment } from './partition-assignment';

/**
 * A model test of the leader state. Random sequences of appends, follower fetches, time
 * passing, ISR proposals and their answers, and controller changes run against a model of
 * the followers' real logs, which only grow. After every step:
 * - the high watermark never decreases and never passes the leader's log end;
 * - it never passes the real log end of any member of the maximal ISR (so every offset
 *   below it is held by every replica that could become leader);
 * - when it moved, it moved to exactly the smallest known end offset in the maximal ISR;
 * - at most one proposal is in flight, and no proposal removes the leader.
 * fast-check prints the seed and path of a failure; pass them to `fc.assert` to replay.
 */

const LEADER = 1;
const FOLLOWERS = [2, 3, 4];
const LAG_MS = 100;

type Step =
  | { readonly kind: 'append'; readonly records: number }
  | { readonly kind: 'fetch'; readonly replicaId: number; readonly progress: number }
  | { readonly kind: 'tick'; readonly ms: number }
  | { readonly kind: 'answer'; readonly commit: boolean; readonly error: 'NOT_CONTROLLER' | 'FENCED_LEADER_EPOCH' | 'INVALID_REQUEST' }
  | { readonly kind: 'fence'; readonly replicaId: number }
  | { readonly kind: 'new-epoch' };

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('append' as const), records: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('fetch' as const), replicaId: fc.constantFrom(...FOLLOWERS), progress: fc.integer({ min: 0, max: 30 }) }),
  fc.record({ kind: fc.constant('fetch' as const), replicaId: fc.constantFrom(...FOLLOWERS), progress: fc.constant(1_000) }),
  fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 1, max: 80 }) }),
  fc.record({
    kind: fc.constant('answer' as const),
    commit: fc.boolean(),
    error: fc.constantFrom('NOT_CONTROLLER' as const, 'FENCED_LEADER_EPOCH' as const, 'INVALID_REQUEST' as const),
  }),
  fc.record({ kind: fc.constant('fence' as const), replicaId: fc.constantFrom(...FOLLOWERS) }),
  fc.record({ kind: fc.constant('new-epoch' as const) }),
);

interface Model {
  readonly state: LeaderReplicaState;
  /** Each follower's real log end offset; fetches report it, so the leader's view lags it. */
  readonly followerLogEnd: Map<number, number>;
  assignment: PartitionAssignment;
  nowMs: number;
  logEndOffset: number;
}

function start(isrFollowers: readonly number[], logEndOffset: number, highWatermark: number): Model {
  const assignment = { replicas: [LEADER, ...FOLLOWERS], isr: [LEADER, ...isrFollowers], leader: LEADER, leaderEpoch: 0, partitionEpoch: 0 };
  const state = new LeaderReplicaState({ localReplicaId: LEADER, assignment, logEndOffset, highWatermark, nowMs: 0 });
  // ISR members hold at least everything committed; others may hold less.
  const followerLogEnd = new Map(FOLLOWERS.map((id) => [id, isrFollowers.includes(id) ? highWatermark : 0]));
  return { state, followerLogEnd, assignment, nowMs: 0, logEndOffset };
}

function commit(model: Model, isr: readonly number[], leaderEpoch = model.assignment.leaderEpoch): PartitionAssignment {
  model.assignment = { ...model.assignment, isr, leaderEpoch, partitionEpoch: model.assignment.partitionEpoch + 1 };
  return model.assignment;
}

function apply(model: Model, step: Step): void {
  const { state } = model;
  switch (step.kind) {
    case 'append':
      model.logEndOffset += step.records;
      state.onLocalAppend(model.logEndOffset);
      return;
    case 'fetch': {
      const fetchOffset = Math.min(model.logEndOffset, model.followerLogEnd.get(step.replicaId)! + step.progress);
      model.followerLogEnd.set(step.replicaId, fetchOffset);
      const outcome = state.onFollowerFetch({ replicaId: step.replicaId, fetchOffset, nowMs: model.nowMs, leaderLogEndOffset: model.logEndOffset, brokerEpoch: step.replicaId });
      if (outcome.isrExpansion !== null) state.beginAlterPartition(outcome.isrExpansion);
      return;
    }
    case 'tick': {
      model.nowMs += step.ms;
      const shrink = state.isrToShrink(model.nowMs, LAG_MS);
      if (shrink !== null) state.beginAlterPartition(shrink);
      return;
    }
    case 'answer': {
      const pending = state.pendingAlterPartition;
      if (pending === null) return;
      if (!step.commit) {
        state.onAlterPartitionResult(pending.proposalId, { kind: 'failed', error: step.error }, model.nowMs);
        return;
      }
      const assignment = commit(model, pending.newIsr);
      state.onAlterPartitionResult(pending.proposalId, { kind: 'committed', assignment }, model.nowMs);
      return;
    }
    case 'fence': {
      // The controller fenced a broker and took it out of the ISR on its own.
      if (!model.assignment.isr.includes(step.replicaId)) return;
      state.onMetadata(commit(model, model.assignment.isr.filter((id) => id !== step.replicaId)), model.nowMs);
      return;
    }
    case 'new-epoch':
      state.onMetadata(commit(model, model.assignment.isr, model.assignment.leaderEpoch + 1), model.nowMs);
      return;
  }
}

function checkInvariants(model: Model, previousHighWatermark: number): void {
  const { state } = model;
  const highWatermark = state.highWatermark;
  expect(highWatermark).toBeGreaterThanOrEqual(previousHighWatermark);
  expect(highWatermark).toBeLessThanOrEqual(model.logEndOffset);
  for (const id of state.maximalIsr) {
    if (id !== LEADER) expect(highWatermark).toBeLessThanOrEqual(model.followerLogEnd.get(id)!);
  }
  if (highWatermark > previousHighWatermark) {
    const known = state.maximalIsr.filter((id) => id !== LEADER).map((id) => state.follower(id)!.logEndOffset);
    expect(highWatermark).toBe(Math.min(model.logEndOffset, ...known));
  }
  const pending = state.pendingAlterPartition;
  if (pending !== null) expect(pending.newIsr).toContain(LEADER);
  expect(state.isr).toContain(LEADER);
}

describe('LeaderReplicaState (property)', () => {
  it('keeps the high watermark monotonic and within every maximal ISR member\'s log', () => {
    fc.assert(
      fc.property(
        fc.subarray(FOLLOWERS),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 50 }),
        fc.array(stepArbitrary, { minLength: 1, maxLength: 200 }),
        (isrFollowers, highWatermark, extra, steps) => {
          const model = start(isrFollowers, highWatermark + extra, highWatermark);
          checkInvariants(model, highWatermark);
          for (const step of steps) {
            const before = model.state.highWatermark;
            apply(model, step);
            checkInvariants(model, before);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

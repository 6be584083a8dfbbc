import fc from 'fast-check';
import type { ErrorName } from '@samsa/protocol';
import type { PendingAlterPartition } from './isr-proposal';
import { LeaderReplicaState } from './leader-replica-state';
import type { PartitionAssignment } from './partition-assignment';

/**
 * A model test of the leader state against a controller whose answers can be lost (issue 9,
 * finding 6). The controller checks each AlterPartition as ours does (epochs first, then
 * the members' eligibility) and may commit it and still answer with an error: a timeout, a
 * broken connection, a controller that lost leadership after writing, an error this broker
 * does not know. The leader learns the committed state only from an answer or from metadata,
 * which arrives late. After every step:
 * - every member of the controller's ISR is in the leader's maximal ISR (a replica the
 *   controller may elect is one the high watermark waits for);
 * - the high watermark never passes the real log end of a follower in the controller's ISR,
 *   so whichever one is elected next holds every offset acknowledged below it.
 * fast-check prints the seed and path of a failure; pass them to `fc.assert` to replay.
 */

const LEADER = 1;
const FOLLOWERS = [2, 3, 4];
const LAG_MS = 100;

/** Answers that leave the outcome unknown: the controller may or may not have written the change. */
const UNKNOWN_OUTCOME_ERRORS: readonly ErrorName[] = ['REQUEST_TIMED_OUT', 'NETWORK_EXCEPTION', 'NOT_CONTROLLER', 'UNKNOWN_SERVER_ERROR', 'STALE_BROKER_EPOCH'];

type Step =
  | { readonly kind: 'append'; readonly records: number }
  | { readonly kind: 'fetch'; readonly replicaId: number; readonly progress: number }
  | { readonly kind: 'tick'; readonly ms: number }
  /**
   * The controller takes one request off the wire (`pick`): handles it, or not (`handled`:
   * lost on the way, or it failed before writing), and when it wrote the change may still
   * answer `error` (`lose`).
   */
  | { readonly kind: 'controller'; readonly pick: number; readonly lose: boolean; readonly error: ErrorName; readonly handled: boolean }
  | { readonly kind: 'metadata' }
  | { readonly kind: 'fence'; readonly replicaId: number }
  | { readonly kind: 'unfence'; readonly replicaId: number };

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('append' as const), records: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('fetch' as const), replicaId: fc.constantFrom(...FOLLOWERS), progress: fc.integer({ min: 0, max: 30 }) }),
  fc.record({ kind: fc.constant('fetch' as const), replicaId: fc.constantFrom(...FOLLOWERS), progress: fc.constant(1_000) }),
  fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 1, max: 80 }) }),
  fc.record({ kind: fc.constant('controller' as const), pick: fc.nat(), lose: fc.boolean(), error: fc.constantFrom(...UNKNOWN_OUTCOME_ERRORS), handled: fc.boolean() }),
  fc.record({ kind: fc.constant('metadata' as const) }),
  fc.record({ kind: fc.constant('fence' as const), replicaId: fc.constantFrom(...FOLLOWERS) }),
  fc.record({ kind: fc.constant('unfence' as const), replicaId: fc.constantFrom(...FOLLOWERS) }),
);

interface Model {
  readonly state: LeaderReplicaState;
  /** Each follower's real log end offset; fetches report it, so the leader's view lags it. */
  readonly followerLogEnd: Map<number, number>;
  /** The controller's committed partition state: what an election would use. */
  controller: PartitionAssignment;
  readonly fenced: Set<number>;
  /**
   * Requests on the wire, not yet handled by the controller. The state has one proposal
   * pending at a time, but metadata can replace it while its request is still travelling.
   */
  readonly inFlight: PendingAlterPartition[];
  nowMs: number;
  logEndOffset: number;
}

function start(isrFollowers: readonly number[], logEndOffset: number, highWatermark: number): Model {
  const controller = { replicas: [LEADER, ...FOLLOWERS], isr: [LEADER, ...isrFollowers], leader: LEADER, leaderEpoch: 0, partitionEpoch: 0 };
  const state = new LeaderReplicaState({ localReplicaId: LEADER, assignment: controller, logEndOffset, highWatermark, nowMs: 0 });
  const followerLogEnd = new Map(FOLLOWERS.map((id) => [id, isrFollowers.includes(id) ? highWatermark : 0]));
  return { state, followerLogEnd, controller, fenced: new Set(), inFlight: [], nowMs: 0, logEndOffset };
}

/** What the driver does with a proposal the state returned: begin it and send it. */
function send(model: Model, proposal: ReturnType<LeaderReplicaState['isrToShrink']>): void {
  if (proposal === null || model.state.pendingAlterPartition !== null) return;
  const pending = model.state.beginAlterPartition(proposal);
  if (pending !== null) model.inFlight.push(pending);
}

/** The controller's AlterPartition, as `controller-logic/alter-partition.ts` checks it. */
function handle(model: Model, request: PendingAlterPartition): { kind: 'committed'; assignment: PartitionAssignment } | { kind: 'failed'; error: ErrorName } {
  const current = model.controller;
  if (request.leaderEpoch !== current.leaderEpoch || request.partitionEpoch !== current.partitionEpoch) return { kind: 'failed', error: 'FENCED_LEADER_EPOCH' };
  if (request.newIsr.some((id) => model.fenced.has(id))) return { kind: 'failed', error: 'INVALID_REQUEST' };
  model.controller = { ...current, isr: [...request.newIsr], partitionEpoch: current.partitionEpoch + 1 };
  return { kind: 'committed', assignment: model.controller };
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
      send(model, outcome.isrExpansion);
      return;
    }
    case 'tick':
      model.nowMs += step.ms;
      send(model, state.isrToShrink(model.nowMs, LAG_MS));
      return;
    case 'controller': {
      if (model.inFlight.length === 0) return;
      const [request] = model.inFlight.splice(step.pick % model.inFlight.length, 1) as [PendingAlterPartition];
      // Not handled: the request was lost on the way, or the controller failed before writing.
      const answer = step.handled ? handle(model, request) : { kind: 'failed' as const, error: step.error };
      const delivered = step.lose && answer.kind === 'committed' ? { kind: 'failed' as const, error: step.error } : answer;
      const outcome = state.onAlterPartitionResult(request.proposalId, delivered, model.nowMs);
      // The driver resends the same pending proposal after its backoff.
      if (outcome.action === 'retry') model.inFlight.push(request);
      return;
    }
    case 'metadata':
      state.onMetadata(model.controller, model.nowMs);
      return;
    case 'fence': {
      // The controller fences a broker and takes it out of the ISR on its own.
      model.fenced.add(step.replicaId);
      const { controller } = model;
      if (controller.isr.includes(step.replicaId)) {
        model.controller = { ...controller, isr: controller.isr.filter((id) => id !== step.replicaId), partitionEpoch: controller.partitionEpoch + 1 };
      }
      return;
    }
    case 'unfence':
      model.fenced.delete(step.replicaId);
      return;
  }
}

function checkInvariants(model: Model): void {
  const { state } = model;
  for (const id of model.controller.isr) {
    expect(state.maximalIsr).toContain(id);
    if (id !== LEADER) expect(state.highWatermark).toBeLessThanOrEqual(model.followerLogEnd.get(id)!);
  }
}

describe('LeaderReplicaState against a controller whose answers get lost (property)', () => {
  it("never lets the high watermark pass a member of the controller's ISR", () => {
    fc.assert(
      fc.property(
        fc.subarray(FOLLOWERS),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 50 }),
        fc.array(stepArbitrary, { minLength: 1, maxLength: 200 }),
        (isrFollowers, highWatermark, extra, steps) => {
          const model = start(isrFollowers, highWatermark + extra, highWatermark);
          checkInvariants(model);
          for (const step of steps) {
            apply(model, step);
            checkInvariants(model);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

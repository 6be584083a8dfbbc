import fc from 'fast-check';
import { FollowerFetchState } from './follower-fetch-state';
import { MemoryLog } from './test-support/memory-log';
import { replicateOnce } from './test-support/replicate-once';

/**
 * Random leadership histories between three replicas (any replica may be elected, as with
 * unclean elections; each epoch has one leader, which alone writes in it), with appends and
 * partial replication in between. Then every follower replicates from the last leader.
 * Checks, with the real `answerLeaderFetch` and `FollowerFetchState`:
 * - every follower ends with exactly the leader's log;
 * - no truncation ever cuts below the prefix the follower shares with the leader (the
 *   divergence logic removes only entries the leader does not have);
 * - no fetch ends in an error, a full truncation or a refused batch.
 */

const REPLICAS = [0, 1, 2];

type Step =
  | { readonly kind: 'elect'; readonly replica: number }
  | { readonly kind: 'append'; readonly records: number }
  | { readonly kind: 'replicate'; readonly replica: number; readonly rounds: number; readonly batchRecords: number };

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('elect' as const), replica: fc.constantFrom(...REPLICAS) }),
  fc.record({ kind: fc.constant('append' as const), records: fc.integer({ min: 1, max: 4 }) }),
  fc.record({
    kind: fc.constant('replicate' as const),
    replica: fc.constantFrom(...REPLICAS),
    rounds: fc.integer({ min: 1, max: 4 }),
    batchRecords: fc.integer({ min: 1, max: 3 }),
  }),
);

interface Cluster {
  readonly logs: MemoryLog[];
  readonly states: FollowerFetchState[];
  leader: number;
  leaderEpoch: number;
}

function commonPrefix(a: MemoryLog, b: MemoryLog): number {
  const left = a.epochsFrom(a.logStartOffset);
  const right = b.epochsFrom(b.logStartOffset);
  let length = 0;
  while (length < left.length && length < right.length && left[length] === right[length]) length += 1;
  return length;
}

function elect(cluster: Cluster, replica: number): void {
  cluster.leader = replica;
  cluster.leaderEpoch += 1;
  cluster.logs[replica]!.beginLeaderEpoch(cluster.leaderEpoch);
  for (const id of REPLICAS) cluster.states[id] = new FollowerFetchState({ leaderId: replica, leaderEpoch: cluster.leaderEpoch });
}

function fetchRound(cluster: Cluster, replica: number, batchRecords: number): string {
  const follower = { log: cluster.logs[replica]!, state: cluster.states[replica]! };
  const leader = { log: cluster.logs[cluster.leader]!, leaderEpoch: cluster.leaderEpoch };
  const shared = commonPrefix(follower.log, leader.log);
  const decision = replicateOnce(follower, leader, 0, batchRecords);
  if (decision.kind === 'truncate') expect(decision.offset).toBeGreaterThanOrEqual(shared);
  expect(['append', 'truncate']).toContain(decision.kind);
  return decision.kind === 'append' && decision.records.length === 0 ? 'caught-up' : decision.kind;
}

function run(cluster: Cluster, step: Step): void {
  if (step.kind === 'elect') return elect(cluster, step.replica);
  if (step.kind === 'append') {
    cluster.logs[cluster.leader]!.append(cluster.leaderEpoch, step.records);
    return;
  }
  if (step.replica === cluster.leader) return;
  for (let round = 0; round < step.rounds; round += 1) fetchRound(cluster, step.replica, step.batchRecords);
}

describe('replication between FollowerFetchState and answerLeaderFetch (property)', () => {
  it('makes every follower an exact copy of the leader, truncating only what the leader lacks', () => {
    fc.assert(
      fc.property(fc.array(stepArbitrary, { minLength: 1, maxLength: 60 }), (steps) => {
        const cluster: Cluster = { logs: REPLICAS.map((id) => new MemoryLog(`replica-${id}`)), states: [], leader: 0, leaderEpoch: -1 };
        elect(cluster, 0);
        for (const step of steps) run(cluster, step);
        for (const id of REPLICAS) {
          if (id === cluster.leader) continue;
          let rounds = 0;
          while (fetchRound(cluster, id, 1_000) !== 'caught-up') {
            rounds += 1;
            expect(rounds).toBeLessThan(50);
          }
          expect(cluster.logs[id]!.epochsFrom(0)).toEqual(cluster.logs[cluster.leader]!.epochsFrom(0));
        }
      }),
      { numRuns: 500 },
    );
  });
});

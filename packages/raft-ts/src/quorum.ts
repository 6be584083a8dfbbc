import { assert } from './assert';
import type { NodeId } from './types';

/** The number of voters that make a majority. */
export function majoritySize(voterCount: number): number {
  assert(voterCount > 0, 'a quorum needs at least one voter');
  return Math.floor(voterCount / 2) + 1;
}

/**
 * The largest value that a majority of voters have reached: for match indexes this is the
 * highest index replicated on a quorum, for read rounds the highest confirmed round.
 */
export function majorityValue(voters: readonly NodeId[], valueOf: (id: NodeId) => number): number {
  const values = voters.map(valueOf).sort((a, b) => b - a);
  const value = values[majoritySize(voters.length) - 1];
  assert(value !== undefined, 'majority position is inside the voter list');
  return value;
}

export type VoteOutcome = 'won' | 'lost' | 'pending';

/** Tallies an election: granted and rejected votes from voters; others do not count. */
export function voteOutcome(voters: readonly NodeId[], votes: ReadonlyMap<NodeId, boolean>): VoteOutcome {
  let granted = 0;
  let rejected = 0;
  for (const id of voters) {
    const vote = votes.get(id);
    if (vote === true) granted += 1;
    if (vote === false) rejected += 1;
  }
  const needed = majoritySize(voters.length);
  if (granted >= needed) return 'won';
  if (rejected > voters.length - needed) return 'lost';
  return 'pending';
}

/** True when a majority of voters satisfy `isActive`. */
export function hasActiveQuorum(voters: readonly NodeId[], isActive: (id: NodeId) => boolean): boolean {
  return voters.filter(isActive).length >= majoritySize(voters.length);
}

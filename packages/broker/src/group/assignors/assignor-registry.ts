// The server-side assignors a member may name (HeartbeatRequest.server_assignor), and which
// one a group uses when its members name different ones.
import type { Assignor } from './assignor';
import { rangeAssignor } from './range-assignor';
import { roundRobinAssignor } from './round-robin-assignor';
import { uniformAssignor } from './uniform-assignor';

export const DEFAULT_ASSIGNOR_NAME = 'uniform';

const ASSIGNORS: ReadonlyMap<string, Assignor> = new Map(
  [uniformAssignor, rangeAssignor, roundRobinAssignor].map((assignor) => [assignor.name, assignor]),
);

export const ASSIGNOR_NAMES: readonly string[] = [...ASSIGNORS.keys()];

export function isKnownAssignor(name: string): boolean {
  return ASSIGNORS.has(name);
}

export function assignorNamed(name: string): Assignor {
  const assignor = ASSIGNORS.get(name);
  if (assignor === undefined) throw new RangeError(`unknown assignor ${name}`);
  return assignor;
}

/**
 * The group's assignor, as Kafka chooses it: the one most members name ('' names none), ties
 * going to the earlier of `ASSIGNOR_NAMES`; the default when no member names one.
 */
export function groupAssignorName(memberChoices: Iterable<string>): string {
  const votes = new Map<string, number>();
  for (const name of memberChoices) if (name !== '') votes.set(name, (votes.get(name) ?? 0) + 1);
  let chosen = DEFAULT_ASSIGNOR_NAME;
  let chosenVotes = 0;
  for (const name of ASSIGNOR_NAMES) {
    const count = votes.get(name) ?? 0;
    if (count > chosenVotes) {
      chosen = name;
      chosenVotes = count;
    }
  }
  return chosen;
}

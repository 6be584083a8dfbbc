import type { AppendAccepted, AppendRequest, Message } from '../message';
import { entryBytes, type Entry } from '../types';

/**
 * Merges a message into the one queued just before it for the same peer, when the pair
 * means exactly what one message would:
 *
 * - two appends from the same leader and term where the second continues the first
 *   (its prevLogIndex/prevLogTerm is the first's last entry) become one append carrying
 *   both runs of entries and the later commit index. The core sends an append per
 *   proposal, so a burst of proposals otherwise costs one gRPC message, one decode and
 *   one acknowledgment per entry on every follower;
 * - two successful append responses in the same term collapse to the later, higher one:
 *   the leader frees every inflight append at or below the acknowledged index anyway.
 *
 * A follower that receives the merged append answers once, for the highest index, which
 * the leader handles as it would the last of the separate answers. Nothing else merges.
 * `owned` is the entries array of `previous` if the coalescer built it (so appending to it
 * in place is safe); the core's own arrays are never mutated.
 */
export interface Merged {
  readonly message: Message;
  /** The merged message's entries array, owned by the caller from now on. */
  readonly owned: Entry[] | undefined;
  readonly addedBytes: number;
}

export function coalesce(previous: Message, next: Message, owned: Entry[] | undefined, maxBytes: number, previousBytes: number): Merged | undefined {
  if (previous.to !== next.to || previous.from !== next.from || previous.term !== next.term) return undefined;
  if (previous.kind === 'append' && next.kind === 'append') return mergeAppends(previous, next, owned, maxBytes, previousBytes);
  if (previous.kind === 'append-response' && next.kind === 'append-response' && !previous.reject && !next.reject && next.index >= previous.index) {
    return { message: next satisfies AppendAccepted, owned: undefined, addedBytes: 0 };
  }
  return undefined;
}

function mergeAppends(previous: AppendRequest, next: AppendRequest, owned: Entry[] | undefined, maxBytes: number, previousBytes: number): Merged | undefined {
  const last = previous.entries[previous.entries.length - 1];
  const continues =
    last === undefined
      ? next.prevLogIndex === previous.prevLogIndex && next.prevLogTerm === previous.prevLogTerm
      : next.prevLogIndex === last.index && next.prevLogTerm === last.term;
  if (!continues) return undefined;
  let addedBytes = 0;
  for (const entry of next.entries) addedBytes += entryBytes(entry);
  if (previousBytes + addedBytes > maxBytes && previous.entries.length > 0) return undefined;
  const entries = owned ?? [...previous.entries];
  for (const entry of next.entries) entries.push(entry);
  return { message: { ...previous, entries, commit: Math.max(previous.commit, next.commit) }, owned: entries, addedBytes };
}

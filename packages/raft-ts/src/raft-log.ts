import { assert } from './assert';
import { CompactedError, UnavailableError } from './errors';
import type { Storage } from './storage';
import { Unstable } from './unstable';
import { entryBytes, type Entry, type Snapshot } from './types';

/**
 * The log as the core sees it: persisted entries in Storage followed by unstable ones not
 * yet handed to the application, plus the commit and applied indexes.
 * Invariant: applied <= committed <= lastIndex, and firstIndex - 1 <= committed.
 */
export class RaftLog {
  readonly unstable: Unstable;
  committed: number;
  applied: number;

  constructor(
    readonly storage: Storage,
    private readonly maxApplyBytes: number,
  ) {
    const firstIndex = storage.firstIndex();
    this.unstable = new Unstable(storage.lastIndex() + 1);
    this.committed = firstIndex - 1;
    this.applied = firstIndex - 1;
  }

  firstIndex(): number {
    return this.unstable.firstIndexIfKnown() ?? this.storage.firstIndex();
  }

  lastIndex(): number {
    return this.unstable.lastIndexIfKnown() ?? this.storage.lastIndex();
  }

  lastTerm(): number {
    return this.term(this.lastIndex());
  }

  /** Term at `index`; throws CompactedError or UnavailableError outside the known range. */
  term(index: number): number {
    const term = this.termOrUndefined(index);
    if (term !== undefined) return term;
    if (index < this.firstIndex() - 1) throw new CompactedError(index);
    throw new UnavailableError(`term of ${index}`);
  }

  /** Term at `index`, or undefined when compacted or past the end; never throws for range. */
  termOrUndefined(index: number): number | undefined {
    const unstableTerm = this.unstable.termIfKnown(index);
    if (unstableTerm !== undefined) return unstableTerm;
    if (index < this.firstIndex() - 1 || index > this.lastIndex()) return undefined;
    // Below the unstable offset the storage is authoritative; its range was checked above.
    return this.storage.term(index);
  }

  matchTerm(index: number, term: number): boolean {
    return this.termOrUndefined(index) === term;
  }

  /** Raft §5.4.1: is a log ending at (lastIndex, lastTerm) at least as up-to-date as ours? */
  isUpToDate(lastIndex: number, lastTerm: number): boolean {
    const ourTerm = this.lastTerm();
    return lastTerm > ourTerm || (lastTerm === ourTerm && lastIndex >= this.lastIndex());
  }

  /** Appends entries from the leader after (prevIndex, prevTerm); returns the last new index. */
  maybeAppend(prevIndex: number, prevTerm: number, commit: number, entries: readonly Entry[]): number | undefined {
    if (!this.matchTerm(prevIndex, prevTerm)) return undefined;
    const lastNewIndex = prevIndex + entries.length;
    const conflictIndex = this.findConflict(entries);
    if (conflictIndex !== undefined) {
      assert(conflictIndex > this.committed, `conflict at ${conflictIndex} inside committed ${this.committed}`);
      this.append(entries.slice(conflictIndex - prevIndex - 1));
    }
    this.commitTo(Math.min(commit, lastNewIndex));
    return lastNewIndex;
  }

  /** The index of the first entry that is new or disagrees with ours, if any. */
  private findConflict(entries: readonly Entry[]): number | undefined {
    for (const entry of entries) {
      if (!this.matchTerm(entry.index, entry.term)) return entry.index;
    }
    return undefined;
  }

  append(entries: readonly Entry[]): number {
    const first = entries[0];
    if (first === undefined) return this.lastIndex();
    assert(first.index > this.committed, `append at ${first.index} would overwrite committed ${this.committed}`);
    assert(first.index <= this.lastIndex() + 1, `append at ${first.index} leaves a gap`);
    this.unstable.truncateAndAppend(entries);
    return this.lastIndex();
  }

  /** Entries in [low, high), at most maxBytes (but at least one entry if the range is non-empty). */
  slice(low: number, high: number, maxBytes: number): Entry[] {
    if (low < this.firstIndex()) throw new CompactedError(low);
    assert(high <= this.lastIndex() + 1, `slice end ${high} past last index ${this.lastIndex()}`);
    if (low >= high) return [];
    const offset = this.unstable.offset;
    let result: Entry[] = [];
    if (low < offset) {
      result = this.storage.entries(low, Math.min(high, offset), maxBytes);
      const last = result[result.length - 1];
      if (last === undefined || last.index < Math.min(high, offset) - 1) return result;
    }
    if (high > offset) {
      let bytes = result.reduce((sum, entry) => sum + entryBytes(entry), 0);
      for (const entry of this.unstable.slice(Math.max(low, offset), high)) {
        bytes += entryBytes(entry);
        if (result.length > 0 && bytes > maxBytes) break;
        result.push(entry);
      }
    }
    return result;
  }

  commitTo(index: number): void {
    if (index <= this.committed) return;
    assert(index <= this.lastIndex(), `commit ${index} past last index ${this.lastIndex()}`);
    this.committed = index;
  }

  /** Commits up to `index` if that entry is from `term` (the leader's current-term rule). */
  maybeCommit(index: number, term: number): boolean {
    if (index <= this.committed || this.termOrUndefined(index) !== term) return false;
    this.commitTo(index);
    return true;
  }

  appliedTo(index: number): void {
    assert(index <= this.committed, `applied ${index} past committed ${this.committed}`);
    if (index > this.applied) this.applied = index;
  }

  /** Committed entries the application has not applied yet, limited by maxApplyBytes. */
  nextCommittedEntries(): Entry[] {
    const low = Math.max(this.applied + 1, this.firstIndex());
    if (low > this.committed) return [];
    return this.slice(low, this.committed + 1, this.maxApplyBytes);
  }

  hasNextCommittedEntries(): boolean {
    return Math.max(this.applied + 1, this.firstIndex()) <= this.committed;
  }

  /** The snapshot to send a lagging follower: a pending one, else the storage's. */
  snapshot(): Snapshot {
    return this.unstable.snapshot ?? this.storage.snapshot();
  }

  restore(snapshot: Snapshot): void {
    assert(snapshot.metadata.index > this.committed, 'restore must move the log forward');
    this.committed = snapshot.metadata.index;
    this.unstable.restore(snapshot);
  }
}

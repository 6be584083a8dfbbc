import { assert } from './assert';
import { CompactedError, SnapshotOutOfDateError, UnavailableError } from './errors';
import type { InitialState, Storage } from './storage';
import { EMPTY_HARD_STATE, entryBytes, type ConfState, type Entry, type HardState, type Snapshot } from './types';

/**
 * Storage held in memory: the model for file-backed storage, and what tests and the
 * simulation treat as "what survived the crash". It holds a snapshot, a log whose first
 * `compactedIndex` entries have been dropped, and the hard state.
 */
export class MemoryStorage implements Storage {
  private hardStateValue: HardState = EMPTY_HARD_STATE;
  private snapshotValue: Snapshot;
  private compactedIndex: number;
  private compactedTerm: number;
  /** entries[k] has index compactedIndex + 1 + k. */
  private log: Entry[] = [];

  /**
   * A new cluster member starts from a bootstrap snapshot at index 1 naming the initial
   * voters; a node that will join later starts empty and receives a snapshot from the
   * leader. Starting every log from a snapshot means a joiner always learns the full
   * configuration rather than only the changes logged after bootstrap.
   */
  constructor(bootstrap?: ConfState) {
    if (bootstrap === undefined) {
      this.snapshotValue = { metadata: { index: 0, term: 0, voters: [], learners: [] }, data: new Uint8Array(0) };
    } else {
      assert(bootstrap.voters.length > 0, 'a bootstrap configuration needs at least one voter');
      this.snapshotValue = { metadata: { index: 1, term: 1, ...copyConf(bootstrap) }, data: new Uint8Array(0) };
      this.hardStateValue = { term: 1, vote: 0, commit: 1 };
    }
    this.compactedIndex = this.snapshotValue.metadata.index;
    this.compactedTerm = this.snapshotValue.metadata.term;
  }

  initialState(): InitialState {
    const { voters, learners } = this.snapshotValue.metadata;
    return { hardState: this.hardStateValue, confState: { voters, learners } };
  }

  hardState(): HardState {
    return this.hardStateValue;
  }

  entries(low: number, high: number, maxBytes: number): Entry[] {
    if (low <= this.compactedIndex) throw new CompactedError(low);
    if (high > this.lastIndex() + 1) throw new UnavailableError(`entries up to ${high - 1}`);
    assert(low <= high, `bad range [${low}, ${high})`);
    const result: Entry[] = [];
    let bytes = 0;
    for (let index = low; index < high; index += 1) {
      const entry = this.log[index - this.compactedIndex - 1];
      assert(entry !== undefined && entry.index === index, `memory log hole at ${index}`);
      bytes += entryBytes(entry);
      if (result.length > 0 && bytes > maxBytes) break;
      result.push(entry);
    }
    return result;
  }

  term(index: number): number {
    if (index < this.compactedIndex) throw new CompactedError(index);
    if (index === this.compactedIndex) return this.compactedTerm;
    const entry = this.log[index - this.compactedIndex - 1];
    if (entry === undefined) throw new UnavailableError(`term of ${index}`);
    return entry.term;
  }

  firstIndex(): number {
    return this.compactedIndex + 1;
  }

  lastIndex(): number {
    return this.compactedIndex + this.log.length;
  }

  snapshot(): Snapshot {
    return this.snapshotValue;
  }

  setHardState(hardState: HardState): void {
    this.hardStateValue = hardState;
  }

  /**
   * Appends entries that continue the log at or below lastIndex + 1, replacing any suffix
   * they conflict with. Entries already compacted away are skipped.
   */
  append(entries: readonly Entry[]): void {
    const first = entries[0];
    if (first === undefined) return;
    assert(first.index <= this.lastIndex() + 1, `append at ${first.index} leaves a gap after ${this.lastIndex()}`);
    const kept = entries.filter((entry) => entry.index > this.compactedIndex);
    const start = kept[0];
    if (start === undefined) return;
    this.log.length = start.index - this.compactedIndex - 1;
    for (const entry of kept) {
      assert(entry.index === this.lastIndex() + 1, 'appended entries must be contiguous');
      this.log.push(entry);
    }
  }

  /** Replaces everything with a snapshot received from the leader. */
  applySnapshot(snapshot: Snapshot): void {
    const { index, term } = snapshot.metadata;
    if (index <= this.snapshotValue.metadata.index) throw new SnapshotOutOfDateError(index, this.snapshotValue.metadata.index);
    this.snapshotValue = snapshot;
    this.compactedIndex = index;
    this.compactedTerm = term;
    this.log = [];
  }

  /** Records the application's own snapshot of its state machine as of `index`. */
  createSnapshot(index: number, confState: ConfState, data: Uint8Array): Snapshot {
    const current = this.snapshotValue.metadata.index;
    if (index <= current) throw new SnapshotOutOfDateError(index, current);
    assert(index <= this.lastIndex(), `snapshot index ${index} past last index ${this.lastIndex()}`);
    const snapshot = { metadata: { index, term: this.term(index), ...copyConf(confState) }, data };
    this.snapshotValue = snapshot;
    return snapshot;
  }

  /**
   * Drops entries up to and including `index`. Compaction may not pass the snapshot,
   * otherwise a lagging follower could be served neither entries nor a snapshot.
   */
  compact(index: number): void {
    if (index <= this.compactedIndex) throw new CompactedError(index);
    assert(index <= this.snapshotValue.metadata.index, `compact ${index} past snapshot ${this.snapshotValue.metadata.index}`);
    this.compactedTerm = this.term(index);
    this.log = this.log.slice(index - this.compactedIndex);
    this.compactedIndex = index;
  }
}

function copyConf(conf: ConfState): ConfState {
  return { voters: [...conf.voters], learners: [...conf.learners] };
}

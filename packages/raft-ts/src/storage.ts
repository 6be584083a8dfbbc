import type { ConfState, Entry, HardState, Snapshot } from './types';

export interface InitialState {
  readonly hardState: HardState;
  /** The configuration as of the storage's snapshot. */
  readonly confState: ConfState;
}

/**
 * The read-only view of durable state the core needs. The core never writes through it:
 * the application persists what each Ready hands out and then calls `advance`.
 *
 * The log spans [firstIndex, lastIndex]; the entry at firstIndex - 1 has been compacted
 * into a snapshot but its term stays known. Methods throw `CompactedError` for indexes
 * below that and `UnavailableError` for indexes past lastIndex or a snapshot in the making.
 */
export interface Storage {
  initialState(): InitialState;
  /**
   * Entries in [low, high), stopping early once `maxBytes` is exceeded but always returning
   * at least one entry when the range is non-empty.
   */
  entries(low: number, high: number, maxBytes: number): Entry[];
  /** Term of the entry at `index`, for index in [firstIndex - 1, lastIndex]. */
  term(index: number): number;
  firstIndex(): number;
  lastIndex(): number;
  /** The most recent snapshot; raft sends it to followers that fell behind firstIndex. */
  snapshot(): Snapshot;
}

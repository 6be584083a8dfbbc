/** Node identifiers are positive integers; 0 means "no node" (no vote, no known leader). */
export type NodeId = number;
export const NO_NODE: NodeId = 0;

/** A normal entry carries application data; a conf-change entry carries an encoded ConfChange. */
export type EntryType = 'normal' | 'conf-change';

/** One log entry. Entries are immutable once created: share them, never mutate them. */
export interface Entry {
  readonly term: number;
  readonly index: number;
  readonly type: EntryType;
  readonly data: Uint8Array;
}

/**
 * The state that must be durable before any message that depends on it is sent:
 * the current term, the vote cast in it, and the highest index known to be committed.
 */
export interface HardState {
  readonly term: number;
  readonly vote: NodeId;
  readonly commit: number;
}

export const EMPTY_HARD_STATE: HardState = { term: 0, vote: NO_NODE, commit: 0 };

/** A cluster configuration: voters decide elections and commits, learners only follow. */
export interface ConfState {
  readonly voters: readonly NodeId[];
  readonly learners: readonly NodeId[];
}

export interface SnapshotMetadata extends ConfState {
  /** The last log index the snapshot covers. */
  readonly index: number;
  /** The term of the entry at `index`. */
  readonly term: number;
}

/** The application's state machine as of `metadata.index`, opaque to raft. */
export interface Snapshot {
  readonly metadata: SnapshotMetadata;
  readonly data: Uint8Array;
}

export type Role = 'follower' | 'pre-candidate' | 'candidate' | 'leader';

/** Volatile state worth telling the application about; it needs no persistence. */
export interface SoftState {
  readonly leaderId: NodeId;
  readonly role: Role;
}

/**
 * A linearizable read point: once the state machine has applied `index`, a read issued
 * with `context` may be served from local state.
 */
export interface ReadState {
  readonly index: number;
  readonly context: Uint8Array;
}

/** Bytes an entry is charged against size limits: payload plus a fixed framing estimate. */
export function entryBytes(entry: Entry): number {
  return entry.data.length + ENTRY_OVERHEAD_BYTES;
}

export const ENTRY_OVERHEAD_BYTES = 24;

export function isHardStateEqual(a: HardState, b: HardState): boolean {
  return a.term === b.term && a.vote === b.vote && a.commit === b.commit;
}

import type { NodeId } from './types';

/**
 * Base class of every error an application can cause or must handle. The `code` is stable
 * and safe to match on; `retriable` says whether the same call may succeed later.
 */
export class RaftError extends Error {
  override readonly name: string = 'RaftError';
  constructor(
    readonly code: string,
    message: string,
    readonly retriable: boolean,
  ) {
    super(message);
  }
}

/** A proposal, read or transfer reached a node that is not the leader. */
export class NotLeaderError extends RaftError {
  override readonly name = 'NotLeaderError';
  /** The leader this node believes in, if it knows one: retry there. */
  readonly leaderId: NodeId | undefined;
  constructor(leaderId: NodeId | undefined) {
    super('NOT_LEADER', `not the leader (leader hint: ${leaderId ?? 'unknown'})`, true);
    this.leaderId = leaderId;
  }
}

export type DropReason =
  | 'leadership-transfer-in-progress'
  | 'uncommitted-bytes-limit'
  | 'conf-change-pending'
  | 'read-index-queue-full';

/** The leader refused a request because of a limit or a transient state; retry later. */
export class RequestDroppedError extends RaftError {
  override readonly name = 'RequestDroppedError';
  constructor(readonly reason: DropReason) {
    super('REQUEST_DROPPED', `request dropped: ${reason}`, true);
  }
}

/** A configuration change or option that can never succeed as given. */
export class InvalidRequestError extends RaftError {
  override readonly name = 'InvalidRequestError';
  constructor(message: string) {
    super('INVALID_REQUEST', message, false);
  }
}

/** The requested log index lies before the storage's first index: it was compacted away. */
export class CompactedError extends RaftError {
  override readonly name = 'CompactedError';
  constructor(readonly index: number) {
    super('COMPACTED', `log index ${index} is compacted`, false);
  }
}

/** The requested log index or snapshot is not (yet) available in storage. */
export class UnavailableError extends RaftError {
  override readonly name = 'UnavailableError';
  constructor(what: string) {
    super('UNAVAILABLE', `${what} is unavailable`, true);
  }
}

/** A snapshot older than the one storage already holds was handed in. */
export class SnapshotOutOfDateError extends RaftError {
  override readonly name = 'SnapshotOutOfDateError';
  constructor(index: number, currentIndex: number) {
    super('SNAPSHOT_OUT_OF_DATE', `snapshot at ${index} is older than ${currentIndex}`, false);
  }
}

/**
 * Durable state failed validation in a way recovery cannot repair safely (both hard-state
 * slots damaged, no readable snapshot, a frame that no longer matches its CRC on read). An
 * operator must look: starting anyway could forget a vote or an acknowledged entry.
 */
export class CorruptStorageError extends RaftError {
  override readonly name = 'CorruptStorageError';
  constructor(message: string) {
    super('CORRUPT_STORAGE', message, false);
  }
}

import type { Entry, NodeId, SnapshotMetadata } from './types';

/**
 * Every message names its sender, its receiver and the sender's term. For pre-vote
 * requests `term` is the term the sender would campaign in (its own term + 1), so that
 * receivers can compare logs without anyone's term moving.
 */
interface Envelope {
  readonly from: NodeId;
  readonly to: NodeId;
  readonly term: number;
}

/** A candidate asks for a vote. `transfer` marks a campaign started by TimeoutNow. */
export interface VoteRequest extends Envelope {
  readonly kind: 'vote-request';
  readonly lastLogIndex: number;
  readonly lastLogTerm: number;
  readonly transfer: boolean;
}

/** A pre-candidate asks whether it could win an election, without disturbing terms. */
export interface PreVoteRequest extends Envelope {
  readonly kind: 'pre-vote-request';
  readonly lastLogIndex: number;
  readonly lastLogTerm: number;
}

export interface VoteResponse extends Envelope {
  readonly kind: 'vote-response' | 'pre-vote-response';
  readonly reject: boolean;
}

/** The leader replicates entries following (prevLogIndex, prevLogTerm). */
export interface AppendRequest extends Envelope {
  readonly kind: 'append';
  readonly prevLogIndex: number;
  readonly prevLogTerm: number;
  readonly entries: readonly Entry[];
  readonly commit: number;
}

/**
 * Success carries the follower's last index matching the leader. A rejection carries a
 * hint for fast backtracking: when the follower's log is too short, `hintIndex` is its last
 * index + 1 and `hintTerm` is 0; otherwise `hintTerm` is the conflicting term at the probed
 * index and `hintIndex` is the first index the follower holds with that term.
 */
export type AppendResponse = AppendAccepted | AppendRejected;

export interface AppendAccepted extends Envelope {
  readonly kind: 'append-response';
  readonly reject: false;
  readonly index: number;
}

export interface AppendRejected extends Envelope {
  readonly kind: 'append-response';
  readonly reject: true;
  /** The prevLogIndex of the rejected append. */
  readonly index: number;
  readonly hintIndex: number;
  readonly hintTerm: number;
}

/** Keeps followers' election timers quiet, carries commit, and confirms read rounds. */
export interface Heartbeat extends Envelope {
  readonly kind: 'heartbeat';
  readonly commit: number;
  readonly readRound: number;
}

export interface HeartbeatResponse extends Envelope {
  readonly kind: 'heartbeat-response';
  readonly readRound: number;
}

/** One chunk of a snapshot, sent in order; `done` marks the last chunk. */
export interface InstallSnapshot extends Envelope {
  readonly kind: 'install-snapshot';
  readonly metadata: SnapshotMetadata;
  readonly offset: number;
  readonly data: Uint8Array;
  readonly done: boolean;
}

/** Acknowledges a chunk by naming the byte offset the follower expects next. */
export interface InstallSnapshotResponse extends Envelope {
  readonly kind: 'install-snapshot-response';
  readonly snapshotIndex: number;
  readonly snapshotTerm: number;
  readonly nextOffset: number;
}

/** Tells the target of a leadership transfer to campaign at once. */
export interface TimeoutNow extends Envelope {
  readonly kind: 'timeout-now';
}

/** A follower forwards a linearizable read to its leader. */
export interface ReadIndexRequest extends Envelope {
  readonly kind: 'read-index-request';
  readonly context: Uint8Array;
}

export interface ReadIndexResponse extends Envelope {
  readonly kind: 'read-index-response';
  readonly context: Uint8Array;
  readonly index: number;
}

export type Message =
  | VoteRequest
  | PreVoteRequest
  | VoteResponse
  | AppendRequest
  | AppendResponse
  | Heartbeat
  | HeartbeatResponse
  | InstallSnapshot
  | InstallSnapshotResponse
  | TimeoutNow
  | ReadIndexRequest
  | ReadIndexResponse;

export type MessageKind = Message['kind'];

/** A message before the core stamps its sender and (by default) its term. */
export type OutgoingMessage = Message extends infer M
  ? M extends Message
    ? Omit<M, 'from' | 'term'> & { readonly term?: number }
    : never
  : never;

/** Messages only a leader sends; receiving one at our term identifies the leader. */
export function isLeaderMessage(message: Message): boolean {
  return (
    message.kind === 'append' ||
    message.kind === 'heartbeat' ||
    message.kind === 'install-snapshot' ||
    message.kind === 'timeout-now'
  );
}

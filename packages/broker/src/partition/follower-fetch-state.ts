import { assert } from '@samsa/protocol';
import type { ErrorName } from '@samsa/protocol';
import { type EpochEndOffset, NO_EPOCH } from './leader-fetch-answer';

/** Kafka's `replica.fetch.backoff.ms`. */
export const DEFAULT_FETCH_BACKOFF_MS = 1000;

/** What the follower state reads of the local log; storage's `PartitionLog` fits it. */
export interface FollowerLogView {
  readonly logStartOffset: number;
  readonly logEndOffset: number;
  /** The latest epoch in the leader-epoch cache (the epoch of the last batch), or -1. */
  readonly latestEpoch: number;
  readonly endOffsetForEpoch: (epoch: number) => EpochEndOffset;
}

/** One partition of a `ReplicaFetchRequest`. */
export interface ReplicaFetchPartitionRequest {
  readonly fetchOffset: number;
  readonly lastFetchedEpoch: number;
  readonly currentLeaderEpoch: number;
  readonly logStartOffset: number;
}

/** One partition of a `ReplicaFetchResponse`, decoded. */
export interface ReplicaFetchPartitionResponse {
  readonly error: ErrorName;
  readonly highWatermark: number;
  readonly logStartOffset: number;
  /** Set when the leader found our log diverging. */
  readonly divergingEpoch: EpochEndOffset | null;
  readonly records: Buffer;
}

/**
 * What the driver does with a response. Decisions are performed by the driver, in order,
 * before the next `nextRequest`:
 * - `append`: `appendAsFollower(records)` when non-empty (and feed the producer state), then
 *   `updateHighWatermark(highWatermark)` (storage caps it at the log end) and
 *   `advanceLogStartOffset(leaderLogStartOffset)`;
 * - `truncate`: `truncateTo(offset)` (and the producer state), then fetch again; the log must
 *   also drop leader-epoch entries at or after `offset` even when `offset` is its end, as
 *   Kafka does, or a follower that began an epoch and wrote nothing in it asks forever;
 * - `truncate-fully`: `truncateFullyAndStartAt(startOffset)` (and reset the producer state);
 * - `backoff`: retry after `untilMs` (this state refuses to send before then);
 * - `await-metadata`: our leader epoch is stale; no fetch until `onMetadata` brings a newer;
 * - `stale`: the answer is to a request made from a state that has changed since; ignore it.
 */
export type FollowerFetchDecision =
  | { readonly kind: 'append'; readonly records: Buffer; readonly highWatermark: number; readonly leaderLogStartOffset: number }
  | { readonly kind: 'truncate'; readonly offset: number }
  | { readonly kind: 'truncate-fully'; readonly startOffset: number }
  | { readonly kind: 'backoff'; readonly error: ErrorName; readonly untilMs: number; readonly message: string }
  | { readonly kind: 'await-metadata'; readonly error: ErrorName; readonly message: string }
  | { readonly kind: 'stale' };

export type FollowerFetchStatus = 'ready' | 'in-flight' | 'backoff' | 'awaiting-metadata';

export interface FollowerLeader {
  readonly leaderId: number;
  readonly leaderEpoch: number;
}

/**
 * The follower side of one partition's replication: Kafka's `AbstractFetcherThread` state
 * for one partition, with KIP-595-style truncation on the fetch path. It says what to ask
 * the leader next and what to do with the answer; the driver performs every decision.
 * At most one request per partition is in flight, and an answer only counts if the log still
 * ends where the request said it did (Kafka's check that the fetch offset did not move).
 */
export class FollowerFetchState {
  private leader: FollowerLeader;
  private status: FollowerFetchStatus = 'ready';
  private inFlight: ReplicaFetchPartitionRequest | null = null;
  private backoffUntilMs = 0;
  private readonly fetchBackoffMs: number;

  constructor(leader: FollowerLeader, options: { readonly fetchBackoffMs?: number } = {}) {
    assert(leader.leaderEpoch >= 0 && leader.leaderId >= 0, `invalid leader ${leader.leaderId}@${leader.leaderEpoch}`);
    this.leader = leader;
    this.fetchBackoffMs = options.fetchBackoffMs ?? DEFAULT_FETCH_BACKOFF_MS;
    assert(this.fetchBackoffMs >= 0, `fetchBackoffMs ${this.fetchBackoffMs} is negative`);
  }

  get leaderId(): number {
    return this.leader.leaderId;
  }

  get leaderEpoch(): number {
    return this.leader.leaderEpoch;
  }

  currentStatus(nowMs: number): FollowerFetchStatus {
    if (this.status === 'backoff' && nowMs >= this.backoffUntilMs) this.status = 'ready';
    return this.status;
  }

  /**
   * Newer metadata: a new leader epoch (possibly a new leader) makes any answer in flight
   * stale and ends a wait for metadata. Returns false for a stale or unchanged epoch.
   */
  onMetadata(leader: FollowerLeader): boolean {
    if (leader.leaderEpoch <= this.leader.leaderEpoch) return false;
    this.leader = leader;
    this.inFlight = null;
    this.status = 'ready';
    return true;
  }

  /** The request to send now, marked in flight; null when one is in flight or we must wait. */
  nextRequest(log: FollowerLogView, nowMs: number): ReplicaFetchPartitionRequest | null {
    if (this.currentStatus(nowMs) !== 'ready') return null;
    assert(log.logStartOffset <= log.logEndOffset, 'the local log start is past its end');
    this.inFlight = {
      fetchOffset: log.logEndOffset,
      lastFetchedEpoch: log.logEndOffset > log.logStartOffset ? log.latestEpoch : NO_EPOCH,
      currentLeaderEpoch: this.leader.leaderEpoch,
      logStartOffset: log.logStartOffset,
    };
    this.status = 'in-flight';
    return this.inFlight;
  }

  /**
   * The fetch session this partition's request was part of ended between requests (its
   * stream closed with no request outstanding): the request will never be answered, so it
   * is asked again at once, in the next session.
   */
  onSessionLost(): void {
    if (this.status !== 'in-flight') return;
    this.inFlight = null;
    this.status = 'ready';
  }

  /** The request's stream broke or timed out before an answer: back off, then ask again. */
  onRequestFailed(nowMs: number): void {
    if (this.status !== 'in-flight') return;
    this.inFlight = null;
    this.startBackoff(nowMs);
  }

  onResponse(response: ReplicaFetchPartitionResponse, log: FollowerLogView, nowMs: number): FollowerFetchDecision {
    const request = this.inFlight;
    if (request === null || this.status !== 'in-flight') return { kind: 'stale' };
    this.inFlight = null;
    this.status = 'ready';
    if (log.logEndOffset !== request.fetchOffset) return { kind: 'stale' };
    if (response.error !== 'NONE') return this.onError(response, log, nowMs);
    if (response.divergingEpoch !== null) return truncationFor(response.divergingEpoch, log);
    return this.appendDecision(request, response, nowMs);
  }

  private appendDecision(
    request: ReplicaFetchPartitionRequest,
    response: ReplicaFetchPartitionResponse,
    nowMs: number,
  ): FollowerFetchDecision {
    const { records, highWatermark, logStartOffset } = response;
    if (records.length > 0) {
      // The leader sends whole batches from our log end; anything else means the two logs
      // disagree where the epochs said they agree, and appending would corrupt ours.
      const baseOffset = records.length >= 8 ? Number(records.readBigInt64BE(0)) : -1;
      if (baseOffset !== request.fetchOffset) {
        const message = `the leader's records start at ${baseOffset}, not at our log end ${request.fetchOffset}`;
        return this.backoff('CORRUPT_MESSAGE', message, nowMs);
      }
    }
    return { kind: 'append', records, highWatermark, leaderLogStartOffset: logStartOffset };
  }

  /**
   * Errors, as Kafka's fetcher handles them: a fenced epoch means our metadata is stale, so
   * wait for newer; an unknown epoch or a leader that is not one yet is a race with the
   * metadata log, so back off and retry; out of range below the leader's log start means we
   * are too far behind and restart empty there. Out of range otherwise means the leader
   * cannot place our log at all (it is ahead of the leader or its epochs are unknown there,
   * which only an unclean election or a lost epoch cache produce): Kafka would ask the
   * leader for its end offset; we restart empty at the leader's log start, which always
   * yields a copy of the leader's log, at the price of refetching.
   */
  private onError(response: ReplicaFetchPartitionResponse, log: FollowerLogView, nowMs: number): FollowerFetchDecision {
    const { error } = response;
    if (error === 'FENCED_LEADER_EPOCH') {
      this.status = 'awaiting-metadata';
      return { kind: 'await-metadata', error, message: `leader epoch ${this.leader.leaderEpoch} is fenced` };
    }
    if (error === 'OFFSET_OUT_OF_RANGE') {
      assert(response.logStartOffset >= 0, 'the leader sent no log start offset');
      return { kind: 'truncate-fully', startOffset: response.logStartOffset };
    }
    return this.backoff(error, `fetch from leader ${this.leader.leaderId} failed with ${error}`, nowMs);
  }

  private backoff(error: ErrorName, message: string, nowMs: number): FollowerFetchDecision {
    this.startBackoff(nowMs);
    return { kind: 'backoff', error, untilMs: this.backoffUntilMs, message };
  }

  private startBackoff(nowMs: number): void {
    this.status = 'backoff';
    this.backoffUntilMs = nowMs + this.fetchBackoffMs;
  }
}

/**
 * Where a follower truncates when the leader answers a divergence (Kafka's
 * `getOffsetTruncationState`, KIP-279/KIP-595): to the smaller of the leader's end offset
 * for the epoch and our own end offset for that same epoch, never past our log end.
 * - We know the leader's epoch: both logs agree up to the smaller end.
 * - We only know an older epoch (the leader's epoch never reached us): truncate to where
 *   our older epoch ends; the next fetch sends that older epoch and converges further.
 * - We know nothing at or below it (or the leader answered no epoch): the leader's end
 *   offset is the best bound, as in Kafka.
 * A point below our log start restarts the log empty there.
 */
export function truncationFor(diverging: EpochEndOffset, log: FollowerLogView): FollowerFetchDecision {
  assert(diverging.endOffset >= 0, `a divergence without an end offset: ${diverging.endOffset}`);
  let offset: number;
  const local = diverging.epoch === NO_EPOCH ? { epoch: NO_EPOCH, endOffset: -1 } : log.endOffsetForEpoch(diverging.epoch);
  if (local.epoch === NO_EPOCH || local.endOffset < 0) {
    offset = Math.min(diverging.endOffset, log.logEndOffset);
  } else if (local.epoch !== diverging.epoch) {
    offset = Math.min(local.endOffset, log.logEndOffset);
  } else {
    offset = Math.min(local.endOffset, diverging.endOffset, log.logEndOffset);
  }
  if (offset < log.logStartOffset) return { kind: 'truncate-fully', startOffset: offset };
  return { kind: 'truncate', offset };
}

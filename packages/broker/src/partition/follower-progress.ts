import { assert } from '@samsa/protocol';

/** A follower's log end offset before its first fetch under the current leader epoch. */
export const UNKNOWN_OFFSET = -1;

/**
 * A follower's broker epoch before its first fetch under the current leader epoch; also what
 * a follower sends before it has registered (KIP-903: the controller skips the check for it).
 */
export const UNKNOWN_BROKER_EPOCH = -1;

/** What the leader knows of one follower, read-only for drivers and metrics. */
export interface FollowerProgressView {
  readonly replicaId: number;
  /** The follower's log end offset, i.e. its last fetch offset; `UNKNOWN_OFFSET` before one. */
  readonly logEndOffset: number;
  /** When the follower last fetched; 0 before its first fetch. */
  readonly lastFetchTimeMs: number;
  /** The last time the follower was known to hold everything the leader had (see below). */
  readonly lastCaughtUpTimeMs: number;
  /**
   * The broker epoch of the follower's latest accepted fetch (KIP-903), `UNKNOWN_BROKER_EPOCH`
   * before one: the registration of the process whose log `logEndOffset` describes.
   */
  readonly brokerEpoch: number;
}

/**
 * The leader's record of one follower's fetches: Kafka's `Replica` and its
 * `updateFetchState`. "Caught up at time T" cannot be "its fetch at T reached the leader's
 * log end offset at T", since the leader keeps appending and a busy partition's follower
 * would never qualify. Kafka's rule, kept here: a fetch at T caught the follower up to T if
 * it reached the leader's end offset of that moment; otherwise it caught it up to the time
 * of the previous fetch if it reached the leader's end offset as of that previous fetch.
 * The lag used to shrink the ISR is then "now - lastCaughtUpTimeMs".
 *
 * Every fetch carries the follower's broker epoch (KIP-903). A broker that restarts registers
 * again with a newer epoch, and its log may have lost an unflushed tail: what the leader
 * recorded of the previous process no longer describes it. So a fetch from an older epoch
 * than one already seen is ignored (a request of the old process still in flight), and the
 * first fetch of a newer epoch starts the record over, keeping only the lag budget.
 */
export class FollowerProgress implements FollowerProgressView {
  logEndOffset = UNKNOWN_OFFSET;
  lastFetchTimeMs = 0;
  lastCaughtUpTimeMs: number;
  brokerEpoch = UNKNOWN_BROKER_EPOCH;
  /** The leader's log end offset when this follower last fetched. */
  private lastFetchLeaderLogEndOffset = UNKNOWN_OFFSET;

  /**
   * Kafka's `resetReplicaState` for a new leader epoch: the end offset is unknown until the
   * first fetch, and a follower the controller says is in sync starts with a full lag budget
   * (it gets `replica.lag.time.max.ms` to fetch) while any other starts never caught up.
   */
  constructor(
    readonly replicaId: number,
    options: { readonly nowMs: number; readonly inSync: boolean },
  ) {
    this.lastCaughtUpTimeMs = options.inSync ? options.nowMs : 0;
  }

  /**
   * Records a fetch; returns false, recording nothing, when it comes from an older broker
   * epoch than a fetch already recorded.
   */
  recordFetch(fetchOffset: number, nowMs: number, leaderLogEndOffset: number, brokerEpoch: number): boolean {
    assert(Number.isSafeInteger(fetchOffset) && fetchOffset >= 0, `fetch offset ${fetchOffset} is invalid`);
    assert(fetchOffset <= leaderLogEndOffset, `fetch offset ${fetchOffset} is past the leader's end ${leaderLogEndOffset}`);
    assert(Number.isSafeInteger(brokerEpoch) && brokerEpoch >= UNKNOWN_BROKER_EPOCH, `broker epoch ${brokerEpoch} is invalid`);
    if (brokerEpoch < this.brokerEpoch) return false;
    if (brokerEpoch > this.brokerEpoch) {
      // Another process: its previous fetch, if any, was made by one that may have held more.
      this.brokerEpoch = brokerEpoch;
      this.lastFetchLeaderLogEndOffset = UNKNOWN_OFFSET;
    }
    if (fetchOffset >= leaderLogEndOffset) {
      this.lastCaughtUpTimeMs = Math.max(this.lastCaughtUpTimeMs, nowMs);
    } else if (fetchOffset >= this.lastFetchLeaderLogEndOffset && this.lastFetchLeaderLogEndOffset !== UNKNOWN_OFFSET) {
      this.lastCaughtUpTimeMs = Math.max(this.lastCaughtUpTimeMs, this.lastFetchTimeMs);
    }
    this.lastFetchLeaderLogEndOffset = leaderLogEndOffset;
    this.lastFetchTimeMs = nowMs;
    // A follower that truncated fetches from a lower offset: its end offset can move back.
    this.logEndOffset = fetchOffset;
    return true;
  }

  /**
   * Kafka's `isCaughtUp`: a follower holding the leader's whole log is in sync however long
   * ago it fetched (there was nothing to fetch); otherwise it must have been caught up
   * within the last `replicaLagTimeMaxMs`.
   */
  isCaughtUp(leaderLogEndOffset: number, nowMs: number, replicaLagTimeMaxMs: number): boolean {
    if (this.logEndOffset === leaderLogEndOffset) return true;
    return nowMs - this.lastCaughtUpTimeMs <= replicaLagTimeMaxMs;
  }

  view(): FollowerProgressView {
    const { replicaId, logEndOffset, lastFetchTimeMs, lastCaughtUpTimeMs, brokerEpoch } = this;
    return { replicaId, logEndOffset, lastFetchTimeMs, lastCaughtUpTimeMs, brokerEpoch };
  }
}

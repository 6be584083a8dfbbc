import { assert } from '@samsa/protocol';

/** No epoch: the follower holds no batch, or a consumer that skips the check. */
export const NO_EPOCH = -1;

/** Kafka's OffsetsForLeaderEpoch answer, the shape storage's `endOffsetForEpoch` returns. */
export interface EpochEndOffset {
  /** The largest epoch <= the one asked that the log knows, or -1 when none. */
  readonly epoch: number;
  /** Where that epoch ends: the next epoch's start offset, or the log end offset; -1 when none. */
  readonly endOffset: number;
}

export interface LeaderFetchQuestion {
  /** Where the fetcher wants to read from (a follower: its log end offset). */
  readonly fetchOffset: number;
  /** The epoch of the fetcher's last batch; `NO_EPOCH` skips the divergence check. */
  readonly lastFetchedEpoch: number;
  /** The leader epoch the fetcher believes in; `NO_EPOCH` skips the fencing check. */
  readonly currentLeaderEpoch: number;
}

export interface LeaderLogView {
  readonly leaderEpoch: number;
  readonly logStartOffset: number;
  readonly logEndOffset: number;
  /** The local log's leader-epoch lookup (storage's `PartitionLog.endOffsetForEpoch`). */
  readonly endOffsetForEpoch: (epoch: number) => EpochEndOffset;
}

export type LeaderFetchAnswer =
  | { readonly kind: 'read'; readonly fetchOffset: number }
  | { readonly kind: 'diverging'; readonly divergingEpoch: EpochEndOffset }
  | {
      readonly kind: 'error';
      readonly error: 'FENCED_LEADER_EPOCH' | 'UNKNOWN_LEADER_EPOCH' | 'OFFSET_OUT_OF_RANGE';
      readonly message: string;
    };

/**
 * How a leader answers one partition of a fetch, before reading anything: Kafka's
 * `Partition.fetchRecords` validation, in Kafka's order.
 *
 * 1. Fencing: a fetcher with an older leader epoch talks to a leader it should have left
 *    (`FENCED_LEADER_EPOCH`: refresh metadata); a newer one means this broker has not yet
 *    seen the metadata that made it leader again (`UNKNOWN_LEADER_EPOCH`: retry).
 * 2. Divergence (KIP-320/KIP-595 check on the fetch path, replacing KIP-101's separate
 *    OffsetsForLeaderEpoch round trip): the fetcher's log is consistent with ours only if we
 *    know its last epoch and that epoch extends at least to its fetch offset here. If we
 *    know the epoch ending earlier, or only an older epoch, its tail from the returned end
 *    offset was written by a leader whose entries never reached us: answer the divergence
 *    point and let it truncate. An epoch we cannot place at all is `OFFSET_OUT_OF_RANGE`,
 *    as is a fetch offset below our log start, whatever the epochs say.
 * 3. Range: a fetch offset outside [log start, log end] is `OFFSET_OUT_OF_RANGE`.
 *
 * Only a `read` answer should be reported to `LeaderReplicaState.onFollowerFetch`.
 */
export function answerLeaderFetch(question: LeaderFetchQuestion, log: LeaderLogView): LeaderFetchAnswer {
  const { fetchOffset, lastFetchedEpoch, currentLeaderEpoch } = question;
  assert(Number.isSafeInteger(fetchOffset), `fetch offset ${fetchOffset} is not an integer`);
  assert(log.logStartOffset <= log.logEndOffset, 'the leader log start is past its end');
  const fencing = checkLeaderEpoch(currentLeaderEpoch, log.leaderEpoch);
  if (fencing !== null) return fencing;
  if (lastFetchedEpoch !== NO_EPOCH) {
    const divergence = checkDivergence(fetchOffset, lastFetchedEpoch, log);
    if (divergence !== null) return divergence;
  }
  if (fetchOffset < log.logStartOffset || fetchOffset > log.logEndOffset) {
    return outOfRange(`offset ${fetchOffset} is outside [${log.logStartOffset}, ${log.logEndOffset}]`);
  }
  return { kind: 'read', fetchOffset };
}

function checkLeaderEpoch(currentLeaderEpoch: number, leaderEpoch: number): LeaderFetchAnswer | null {
  if (currentLeaderEpoch === NO_EPOCH) return null;
  if (currentLeaderEpoch < leaderEpoch) {
    return { kind: 'error', error: 'FENCED_LEADER_EPOCH', message: `leader epoch ${currentLeaderEpoch} is older than ${leaderEpoch}` };
  }
  if (currentLeaderEpoch > leaderEpoch) {
    return { kind: 'error', error: 'UNKNOWN_LEADER_EPOCH', message: `leader epoch ${currentLeaderEpoch} is newer than ${leaderEpoch}` };
  }
  return null;
}

function checkDivergence(fetchOffset: number, lastFetchedEpoch: number, log: LeaderLogView): LeaderFetchAnswer | null {
  const known = log.endOffsetForEpoch(lastFetchedEpoch);
  if (known.epoch === NO_EPOCH || known.endOffset < 0) {
    return outOfRange(`the end offset of the last fetched epoch ${lastFetchedEpoch} is unknown here`);
  }
  if (fetchOffset < log.logStartOffset) {
    return outOfRange(`offset ${fetchOffset} is below the log start ${log.logStartOffset}`);
  }
  assert(known.epoch <= lastFetchedEpoch, `the epoch lookup answered ${known.epoch} for ${lastFetchedEpoch}`);
  if (known.epoch < lastFetchedEpoch || known.endOffset < fetchOffset) {
    return { kind: 'diverging', divergingEpoch: { epoch: known.epoch, endOffset: known.endOffset } };
  }
  return null;
}

function outOfRange(message: string): LeaderFetchAnswer {
  return { kind: 'error', error: 'OFFSET_OUT_OF_RANGE', message };
}

import { type FollowerFetchDecision, type FollowerFetchState, type ReplicaFetchPartitionResponse } from '../follower-fetch-state';
import { answerLeaderFetch } from '../leader-fetch-answer';
import { type MemoryLog, decodeFakeRecords, encodeFakeRecords } from './memory-log';

export const OK: Omit<ReplicaFetchPartitionResponse, 'records'> = { error: 'NONE', highWatermark: 0, logStartOffset: 0, divergingEpoch: null };

/**
 * One round of replication between two in-memory logs: the follower asks, the leader
 * answers with `answerLeaderFetch` (and up to `maxRecords` records), and the follower's
 * decision is performed on its log. Returns the decision.
 */
export function replicateOnce(
  follower: { log: MemoryLog; state: FollowerFetchState },
  leader: { log: MemoryLog; leaderEpoch: number },
  nowMs = 0,
  maxRecords = 100,
): FollowerFetchDecision {
  const request = follower.state.nextRequest(follower.log, nowMs);
  if (request === null) throw new Error('no request to send');
  const answer = answerLeaderFetch(request, {
    leaderEpoch: leader.leaderEpoch,
    logStartOffset: leader.log.logStartOffset,
    logEndOffset: leader.log.logEndOffset,
    endOffsetForEpoch: leader.log.endOffsetForEpoch,
  });
  const response: ReplicaFetchPartitionResponse =
    answer.kind === 'read'
      ? { ...OK, records: encodeFakeRecords(request.fetchOffset, leader.log.epochsFrom(request.fetchOffset).slice(0, maxRecords)) }
      : answer.kind === 'diverging'
        ? { ...OK, divergingEpoch: answer.divergingEpoch, records: Buffer.alloc(0) }
        : { ...OK, error: answer.error, logStartOffset: leader.log.logStartOffset, records: Buffer.alloc(0) };
  const decision = follower.state.onResponse(response, follower.log, nowMs);
  if (decision.kind === 'append') follower.log.appendAsFollower(decodeFakeRecords(decision.records));
  if (decision.kind === 'truncate') follower.log.truncateTo(decision.offset);
  if (decision.kind === 'truncate-fully') follower.log.truncateFullyAndStartAt(decision.startOffset);
  return decision;
}


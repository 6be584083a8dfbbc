import { type LeaderLogView, NO_EPOCH, answerLeaderFetch } from './leader-fetch-answer';
import { MemoryLog } from './test-support/memory-log';

/** The leader of KIP-101's examples: epoch 0 for [0, 5), epoch 1 for [5, 6), epoch 2 from 6. */
function leaderLog(): { log: MemoryLog; view: LeaderLogView } {
  const log = new MemoryLog('leader');
  log.append(0, 5);
  log.append(1, 1);
  log.append(2, 3);
  const view = {
    leaderEpoch: 2,
    logStartOffset: log.logStartOffset,
    logEndOffset: log.logEndOffset,
    endOffsetForEpoch: log.endOffsetForEpoch,
  };
  return { log, view };
}

describe('answerLeaderFetch', () => {
  it('reads when the follower is consistent: its last epoch reaches its fetch offset here', () => {
    const { view } = leaderLog();
    expect(answerLeaderFetch({ fetchOffset: 6, lastFetchedEpoch: 1, currentLeaderEpoch: 2 }, view)).toEqual({ kind: 'read', fetchOffset: 6 });
    expect(answerLeaderFetch({ fetchOffset: 9, lastFetchedEpoch: 2, currentLeaderEpoch: 2 }, view)).toEqual({ kind: 'read', fetchOffset: 9 });
    expect(answerLeaderFetch({ fetchOffset: 0, lastFetchedEpoch: NO_EPOCH, currentLeaderEpoch: 2 }, view).kind).toBe('read');
  });

  it('fences a fetcher with an older leader epoch and delays one with a newer epoch', () => {
    const { view } = leaderLog();
    expect(answerLeaderFetch({ fetchOffset: 6, lastFetchedEpoch: 1, currentLeaderEpoch: 1 }, view)).toMatchObject({
      kind: 'error',
      error: 'FENCED_LEADER_EPOCH',
    });
    expect(answerLeaderFetch({ fetchOffset: 6, lastFetchedEpoch: 1, currentLeaderEpoch: 3 }, view)).toMatchObject({
      kind: 'error',
      error: 'UNKNOWN_LEADER_EPOCH',
    });
    expect(answerLeaderFetch({ fetchOffset: 6, lastFetchedEpoch: NO_EPOCH, currentLeaderEpoch: NO_EPOCH }, view).kind).toBe('read');
  });

  it('answers the divergence point for an uncommitted tail of the old leader (KIP-101)', () => {
    // The old leader wrote offsets 6 and 7 in epoch 1; this leader took over at 6 in epoch 2.
    const { view } = leaderLog();
    expect(answerLeaderFetch({ fetchOffset: 8, lastFetchedEpoch: 1, currentLeaderEpoch: 2 }, view)).toEqual({
      kind: 'diverging',
      divergingEpoch: { epoch: 1, endOffset: 6 },
    });
  });

  it('answers the largest older epoch it knows when the follower wrote in an epoch it never saw', () => {
    const log = new MemoryLog();
    log.append(0, 3);
    log.append(3, 2);
    const view = { leaderEpoch: 3, logStartOffset: 0, logEndOffset: 5, endOffsetForEpoch: log.endOffsetForEpoch };
    expect(answerLeaderFetch({ fetchOffset: 4, lastFetchedEpoch: 2, currentLeaderEpoch: 3 }, view)).toEqual({
      kind: 'diverging',
      divergingEpoch: { epoch: 0, endOffset: 3 },
    });
  });

  it('is out of range below the log start, past the log end, or for an epoch it cannot place', () => {
    const { view } = leaderLog();
    const trimmed = { ...view, logStartOffset: 4 };
    expect(answerLeaderFetch({ fetchOffset: 2, lastFetchedEpoch: 0, currentLeaderEpoch: 2 }, trimmed)).toMatchObject({ error: 'OFFSET_OUT_OF_RANGE' });
    expect(answerLeaderFetch({ fetchOffset: 2, lastFetchedEpoch: NO_EPOCH, currentLeaderEpoch: 2 }, trimmed)).toMatchObject({ error: 'OFFSET_OUT_OF_RANGE' });
    expect(answerLeaderFetch({ fetchOffset: 10, lastFetchedEpoch: NO_EPOCH, currentLeaderEpoch: 2 }, view)).toMatchObject({ error: 'OFFSET_OUT_OF_RANGE' });
    expect(answerLeaderFetch({ fetchOffset: 9, lastFetchedEpoch: 7, currentLeaderEpoch: 2 }, view)).toMatchObject({ error: 'OFFSET_OUT_OF_RANGE' });
  });
});

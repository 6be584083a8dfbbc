import { FollowerFetchState } from './follower-fetch-state';
import { MemoryLog, encodeFakeRecords } from './test-support/memory-log';
import { OK, replicateOnce } from './test-support/replicate-once';

/** Replicates until the follower's log equals the leader's; returns the decisions taken. */
function replicateToEnd(follower: { log: MemoryLog; state: FollowerFetchState }, leader: { log: MemoryLog; leaderEpoch: number }) {
  const kinds: string[] = [];
  for (let round = 0; round < 20; round += 1) {
    const decision = replicateOnce(follower, leader);
    kinds.push(decision.kind);
    const empty = decision.kind === 'append' && decision.records.length === 0;
    if (empty) return kinds;
  }
  throw new Error(`no convergence after 20 rounds: ${kinds.join(', ')}`);
}

function logOf(name: string, ...runs: [epoch: number, count: number][]): MemoryLog {
  const log = new MemoryLog(name);
  for (const [epoch, count] of runs) log.append(epoch, count);
  return log;
}

describe('FollowerFetchState: requests', () => {
  it('asks from its log end with the epoch of its last batch and the leader epoch it believes in', () => {
    const state = new FollowerFetchState({ leaderId: 2, leaderEpoch: 4 });
    expect(state.nextRequest(logOf('f', [1, 3], [3, 2]), 0)).toEqual({ fetchOffset: 5, lastFetchedEpoch: 3, currentLeaderEpoch: 4, logStartOffset: 0 });
  });

  it('sends no epoch for an empty log and keeps one request in flight', () => {
    const state = new FollowerFetchState({ leaderId: 2, leaderEpoch: 4 });
    const log = new MemoryLog();
    log.beginLeaderEpoch(3);
    expect(state.nextRequest(log, 0)).toMatchObject({ fetchOffset: 0, lastFetchedEpoch: -1 });
    expect(state.nextRequest(log, 0)).toBeNull();
  });

  it('treats an answer as stale when its log changed since the request, or after a new leader epoch', () => {
    const log = logOf('f', [1, 3]);
    const state = new FollowerFetchState({ leaderId: 2, leaderEpoch: 4 });
    state.nextRequest(log, 0);
    log.truncateTo(2);
    expect(state.onResponse({ ...OK, records: encodeFakeRecords(3, [4]) }, log, 0)).toEqual({ kind: 'stale' });
    state.nextRequest(log, 0);
    expect(state.onMetadata({ leaderId: 3, leaderEpoch: 5 })).toBe(true);
    expect(state.onResponse({ ...OK, records: Buffer.alloc(0) }, log, 0)).toEqual({ kind: 'stale' });
    expect(state.nextRequest(log, 0)).toMatchObject({ currentLeaderEpoch: 5 });
  });
});

describe('FollowerFetchState: divergence (KIP-101, KIP-279, KIP-595)', () => {
  it('keeps everything when the leader holds the same history (KIP-101 scenario 1: no data loss)', () => {
    const leader = { log: logOf('leader', [0, 2]), leaderEpoch: 1 };
    leader.log.beginLeaderEpoch(1);
    const follower = { log: logOf('follower', [0, 2]), state: new FollowerFetchState({ leaderId: 1, leaderEpoch: 1 }) };
    expect(replicateOnce(follower, leader)).toMatchObject({ kind: 'append' });
    expect(follower.log.logEndOffset).toBe(2);
  });

  it('truncates exactly the old leader\'s uncommitted tail after a leader change', () => {
    // Epoch 1's leader A wrote [5, 8); only offset 5 reached B before A died. B leads epoch 2
    // from offset 6 and writes three records. A comes back as a follower.
    const b = { log: logOf('B', [0, 5], [1, 1], [2, 3]), leaderEpoch: 2 };
    const a = { log: logOf('A', [0, 5], [1, 3]), state: new FollowerFetchState({ leaderId: 2, leaderEpoch: 2 }) };
    expect(replicateOnce(a, b)).toEqual({ kind: 'truncate', offset: 6 });
    expect(a.log.epochsFrom(0)).toEqual([0, 0, 0, 0, 0, 1]);
    replicateToEnd(a, b);
    expect(a.log.epochsFrom(0)).toEqual(b.log.epochsFrom(0));
  });

  it('resolves KIP-101 scenario 2: both crash, the shorter log leads, the longer one truncates to it', () => {
    // A (leader, epoch 0) held m1, m2; B held m1. Both restart; B leads epoch 1 and writes m3 at 1.
    const b = { log: logOf('B', [0, 1], [1, 1]), leaderEpoch: 1 };
    const a = { log: logOf('A', [0, 2]), state: new FollowerFetchState({ leaderId: 2, leaderEpoch: 1 }) };
    expect(replicateToEnd(a, b)).toEqual(['truncate', 'append', 'append']);
    expect(a.log.epochsFrom(0)).toEqual([0, 1]);
  });

  it('walks back through an epoch the leader never saw, in steps (KIP-279)', () => {
    // The follower led epoch 2 (unseen by the leader) after epoch 0; the leader had epoch 1 then 3.
    const leader = { log: logOf('leader', [0, 3], [1, 3], [3, 2]), leaderEpoch: 3 };
    const follower = { log: logOf('follower', [0, 3], [2, 2]), state: new FollowerFetchState({ leaderId: 1, leaderEpoch: 3 }) };
    expect(replicateOnce(follower, leader)).toEqual({ kind: 'truncate', offset: 3 });
    replicateToEnd(follower, leader);
    expect(follower.log.epochsFrom(0)).toEqual(leader.log.epochsFrom(0));
  });

  it('drops an epoch the follower began but never wrote in, then agrees', () => {
    // The follower was briefly leader of epoch 2 and wrote nothing; the leader leads epoch 3.
    const leader = { log: logOf('leader', [1, 4], [3, 1]), leaderEpoch: 3 };
    const followerLog = logOf('follower', [1, 4]);
    followerLog.beginLeaderEpoch(2);
    const follower = { log: followerLog, state: new FollowerFetchState({ leaderId: 1, leaderEpoch: 3 }) };
    expect(replicateOnce(follower, leader)).toEqual({ kind: 'truncate', offset: 4 });
    expect(follower.log.latestEpoch).toBe(1);
    replicateToEnd(follower, leader);
    expect(follower.log.epochsFrom(0)).toEqual([1, 1, 1, 1, 3]);
  });

  it('restarts empty when the divergence point is below its log start', () => {
    const leader = { log: logOf('leader', [0, 2], [2, 6]), leaderEpoch: 2 };
    const followerLog = new MemoryLog('follower');
    followerLog.truncateFullyAndStartAt(4);
    followerLog.appendAsFollower([1, 1]);
    const follower = { log: followerLog, state: new FollowerFetchState({ leaderId: 1, leaderEpoch: 2 }) };
    expect(replicateOnce(follower, leader)).toEqual({ kind: 'truncate-fully', startOffset: 2 });
  });
});

describe('FollowerFetchState: errors are decisions', () => {
  function inFlight(log = logOf('f', [1, 3]), fetchBackoffMs = 500) {
    const state = new FollowerFetchState({ leaderId: 2, leaderEpoch: 4 }, { fetchBackoffMs });
    state.nextRequest(log, 1_000);
    return { state, log };
  }

  it('waits for metadata when its leader epoch is fenced', () => {
    const { state, log } = inFlight();
    expect(state.onResponse({ ...OK, error: 'FENCED_LEADER_EPOCH', records: Buffer.alloc(0) }, log, 1_000).kind).toBe('await-metadata');
    expect(state.nextRequest(log, 99_000)).toBeNull();
    expect(state.onMetadata({ leaderId: 2, leaderEpoch: 4 })).toBe(false);
    expect(state.onMetadata({ leaderId: 2, leaderEpoch: 6 })).toBe(true);
    expect(state.nextRequest(log, 99_000)).toMatchObject({ currentLeaderEpoch: 6 });
  });

  it('backs off on UNKNOWN_LEADER_EPOCH and NOT_LEADER_OR_FOLLOWER', () => {
    for (const error of ['UNKNOWN_LEADER_EPOCH', 'NOT_LEADER_OR_FOLLOWER'] as const) {
      const { state, log } = inFlight();
      expect(state.onResponse({ ...OK, error, records: Buffer.alloc(0) }, log, 1_000)).toMatchObject({ kind: 'backoff', error, untilMs: 1_500 });
      expect(state.nextRequest(log, 1_499)).toBeNull();
      expect(state.nextRequest(log, 1_500)).not.toBeNull();
    }
  });

  it('restarts at the leader log start when out of range', () => {
    const { state, log } = inFlight();
    const response = { ...OK, error: 'OFFSET_OUT_OF_RANGE' as const, logStartOffset: 40, records: Buffer.alloc(0) };
    expect(state.onResponse(response, log, 1_000)).toEqual({ kind: 'truncate-fully', startOffset: 40 });
  });

  it('refuses records that do not start at its log end', () => {
    const { state, log } = inFlight();
    expect(state.onResponse({ ...OK, records: encodeFakeRecords(2, [1]) }, log, 1_000)).toMatchObject({ kind: 'backoff', error: 'CORRUPT_MESSAGE' });
  });

  it('backs off when the stream fails', () => {
    const { state, log } = inFlight();
    state.onRequestFailed(1_000);
    expect(state.currentStatus(1_200)).toBe('backoff');
    expect(state.nextRequest(log, 1_500)).not.toBeNull();
  });

  it('passes the leader high watermark and log start on with the records', () => {
    const { state, log } = inFlight();
    const response = { ...OK, highWatermark: 3, logStartOffset: 1, records: encodeFakeRecords(3, [4]) };
    expect(state.onResponse(response, log, 1_000)).toMatchObject({ kind: 'append', highWatermark: 3, leaderLogStartOffset: 1 });
  });
});

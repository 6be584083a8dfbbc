import type { OffsetCommitTopic, RequestContext } from './group-api';
import { owned, RecordingCore, topicsOf } from './test-support/coordinator-harness';

const topics = topicsOf({ orders: 4 });
const context: RequestContext = {
  nowMs: 100,
  topics,
  offsetsOf: (_topic, partition) => ({ logStartOffset: 0n, logEndOffset: partition === 3 ? 10n : 1_000n }),
};
const commitOf = (partition: number, offset: bigint, metadata = ''): OffsetCommitTopic => ({
  topic: 'orders',
  partitions: [{ partition, offset, leaderEpoch: 4, metadata }],
});
const errorsOf = (response: { topics: readonly { partitions: readonly { error: string }[] }[] }): string[] =>
  response.topics.flatMap((topic) => topic.partitions.map((partition) => partition.error));

/** member-1 stable with orders-2..3 at epoch 2 (given at 1), member-2 with orders-0..1 (given at 2). */
function twoMembers(): RecordingCore {
  const recording = new RecordingCore();
  recording.heartbeat({}, context);
  recording.heartbeat({}, context);
  recording.heartbeat({ memberId: 'member-1', memberEpoch: 1, owned: owned('orders-0', 'orders-1', 'orders-2', 'orders-3') }, context);
  return recording;
}

describe('offset commits: who may commit what (KIP-848, KIP-1251)', () => {
  it('lets a member commit what it owns, pending revocation included, and not what it released', () => {
    const recording = twoMembers();
    const commit = (memberId: string, memberEpoch: number, partition: number) =>
      recording.keep(recording.core.commitOffsets({ groupId: 'billing', memberId, memberEpoch, topics: [commitOf(partition, 5n)] }, context)).response;
    // member-1 is revoking orders-0 and orders-1: it commits them before letting go.
    expect(errorsOf(commit('member-1', 1, 0))).toEqual(['NONE']);
    expect(errorsOf(commit('member-1', 1, 2))).toEqual(['NONE']);
    // member-2 does not own orders-0 yet.
    expect(errorsOf(commit('member-2', 2, 0))).toEqual(['STALE_MEMBER_EPOCH']);
    recording.heartbeat({ memberId: 'member-1', memberEpoch: 1, owned: owned('orders-2', 'orders-3') }, context);
    recording.heartbeat({ memberId: 'member-2', memberEpoch: 2 }, context);
    expect(errorsOf(commit('member-1', 1, 0))).toEqual(['STALE_MEMBER_EPOCH']);
    expect(errorsOf(commit('member-2', 2, 0))).toEqual(['NONE']);
    // An older epoch is fine for a partition held since then, stale for one given after it.
    expect(errorsOf(commit('member-1', 1, 2))).toEqual(['NONE']);
    expect(errorsOf(commit('member-2', 1, 0))).toEqual(['STALE_MEMBER_EPOCH']);
    expect(errorsOf(commit('member-2', 3, 0))).toEqual(['FENCED_MEMBER_EPOCH']);
    expect(errorsOf(commit('ghost', 1, 0))).toEqual(['UNKNOWN_MEMBER_ID']);
    recording.expectReplayMatches();
  });

  it('refuses a commit without a member while the group has members, and accepts it once empty', () => {
    const recording = twoMembers();
    const adminCommit = () => recording.keep(recording.core.commitOffsets({ groupId: 'billing', memberId: '', memberEpoch: -1, topics: [commitOf(1, 7n)] }, context)).response;
    expect(errorsOf(adminCommit())).toEqual(['UNKNOWN_MEMBER_ID']);
    recording.heartbeat({ memberId: 'member-1', memberEpoch: -1 }, context);
    recording.heartbeat({ memberId: 'member-2', memberEpoch: -1 }, context);
    expect(errorsOf(adminCommit())).toEqual(['NONE']);
  });

  it('refuses unknown partitions, offsets beyond the log end or negative, and oversized metadata, committing the rest', () => {
    const recording = new RecordingCore();
    const response = recording.keep(
      recording.core.commitOffsets(
        {
          groupId: 'fresh',
          memberId: '',
          memberEpoch: -1,
          topics: [
            { topic: 'orders', partitions: [{ partition: 9, offset: 1n, leaderEpoch: -1, metadata: '' }, { partition: 0, offset: 3n, leaderEpoch: -1, metadata: 'm' }] },
            { topic: 'nope', partitions: [{ partition: 0, offset: 1n, leaderEpoch: -1, metadata: '' }] },
            commitOf(3, 11n),
            commitOf(1, -1n),
            commitOf(2, 1n, 'x'.repeat(5_000)),
          ],
        },
        context,
      ),
    ).response;
    expect(errorsOf(response)).toEqual(['UNKNOWN_TOPIC_OR_PARTITION', 'NONE', 'UNKNOWN_TOPIC_OR_PARTITION', 'OFFSET_OUT_OF_RANGE', 'OFFSET_OUT_OF_RANGE', 'OFFSET_METADATA_TOO_LARGE']);
    expect(recording.records).toHaveLength(1);
    expect(recording.core.fetchOffsets({ groupId: 'fresh', topics: [] }).topics).toEqual([
      { topic: 'orders', partitions: [{ partition: 0, offset: 3n, leaderEpoch: -1, metadata: 'm', error: 'NONE' }] },
    ]);
  });
});

describe('offset fetch', () => {
  it('answers what is committed, -1 where nothing is, and nothing for a group that does not exist', () => {
    const recording = new RecordingCore();
    recording.keep(recording.core.alterOffsets({ groupId: 'billing', topics: [commitOf(1, 5n), commitOf(2, 6n)] }, context));
    const fetch = (topicsAsked: { topic: string; partitions: number[] }[], groupId = 'billing') =>
      recording.core.fetchOffsets({ groupId, topics: topicsAsked }).topics;
    expect(fetch([{ topic: 'orders', partitions: [0, 2] }])).toEqual([
      {
        topic: 'orders',
        partitions: [
          { partition: 0, offset: -1n, leaderEpoch: -1, metadata: '', error: 'NONE' },
          { partition: 2, offset: 6n, leaderEpoch: 4, metadata: '', error: 'NONE' },
        ],
      },
    ]);
    expect(fetch([{ topic: 'orders', partitions: [] }])[0]!.partitions.map((partition) => partition.offset)).toEqual([5n, 6n]);
    expect(fetch([], 'other')).toEqual([]);
    expect(recording.core.fetchOffsets({ groupId: 'bad id', topics: [] }).error).toBe('INVALID_GROUP_ID');
  });
});

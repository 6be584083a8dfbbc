import type { RequestContext } from './group-api';
import { owned, RecordingCore, topicsOf } from './test-support/coordinator-harness';

const context: RequestContext = { nowMs: 0, topics: topicsOf({ orders: 2 }) };
const reset = { topic: 'orders', partitions: [{ partition: 0, offset: 1n, leaderEpoch: -1, metadata: '' }] };

describe('group administration: list, describe, delete, reset', () => {
  it('lists groups with their states, filtered by state', () => {
    const recording = new RecordingCore();
    recording.heartbeat({ groupId: 'busy' }, context);
    recording.keep(recording.core.alterOffsets({ groupId: 'idle', topics: [reset] }, context));
    expect(recording.core.listGroups([])).toEqual([
      { groupId: 'busy', state: 'stable', members: 1 },
      { groupId: 'idle', state: 'empty', members: 0 },
    ]);
    expect(recording.core.listGroups(['empty']).map((group) => group.groupId)).toEqual(['idle']);
    recording.heartbeat({ groupId: 'busy' }, context);
    expect(recording.core.listGroups(['reconciling']).map((group) => group.groupId)).toEqual(['busy']);
  });

  it('describes members with what they own and what they are to own', () => {
    const recording = new RecordingCore();
    recording.heartbeat({ clientId: 'app', rackId: 'r1' }, context);
    recording.heartbeat({}, context);
    const [description] = recording.core.describeGroups(['billing']);
    expect(description).toMatchObject({ error: 'NONE', state: 'reconciling', groupEpoch: 2, assignmentEpoch: 2, assignor: 'uniform' });
    expect(description!.members[0]).toMatchObject({
      memberId: 'member-1',
      clientId: 'app',
      rackId: 'r1',
      memberEpoch: 1,
      assignment: owned('orders-0', 'orders-1'),
      targetAssignment: owned('orders-1'),
    });
    expect(recording.core.describeGroups(['missing', ''])).toMatchObject([
      { error: 'GROUP_ID_NOT_FOUND', state: 'dead' },
      { error: 'INVALID_GROUP_ID', state: 'dead' },
    ]);
  });

  it('refuses to delete or reset a group with members, and deletes an empty one with its offsets', () => {
    const recording = new RecordingCore();
    recording.heartbeat({}, context);
    recording.keep(recording.core.commitOffsets({ groupId: 'billing', memberId: 'member-1', memberEpoch: 1, topics: [reset] }, context));
    expect(recording.keep(recording.core.deleteGroups(['billing'])).response).toMatchObject([{ error: 'NON_EMPTY_GROUP' }]);
    expect(recording.keep(recording.core.alterOffsets({ groupId: 'billing', topics: [reset] }, context)).response.error).toBe('NON_EMPTY_GROUP');

    recording.heartbeat({ memberId: 'member-1', memberEpoch: -1 }, context);
    expect(recording.core.groupState('billing')).toBe('empty');
    expect(recording.keep(recording.core.alterOffsets({ groupId: 'billing', topics: [reset] }, context)).response.topics[0]!.partitions[0]!.error).toBe('NONE');
    const deletion = recording.keep(recording.core.deleteGroups(['billing', 'billing', 'bad/id']));
    expect(deletion.response).toMatchObject([{ error: 'NONE' }, { error: 'GROUP_ID_NOT_FOUND' }, { error: 'INVALID_GROUP_ID' }]);
    expect(recording.core.groupState('billing')).toBe('dead');
    expect(recording.core.fetchOffsets({ groupId: 'billing', topics: [] }).topics).toEqual([]);
    expect(recording.core.view()).toEqual({ groups: [] });
    recording.expectReplayMatches();

    // A group made again under the same id starts over at epoch 1.
    expect(recording.heartbeat({}, context).memberEpoch).toBe(1);
    recording.expectReplayMatches();
  });
});

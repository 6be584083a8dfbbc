import { alterConfigs } from './alter-configs';
import { fenceBroker, fenceBrokers } from './broker-fencing';
import { clusterOf, commit, heartbeat, partitionOf, withPartition, withTopic } from '../test-support/cluster';

// Three brokers; topic `t` has one partition with replicas [1, 2, 3], all in sync, led by 1.
const base = withTopic(clusterOf(3), 't', 1, 3);

describe('fencing a broker', () => {
  it('moves leadership to the first unfenced ISR member in replica order, bumping the leader epoch', () => {
    const ordered = withPartition(base, 't', 0, { replicas: [1, 3, 2], isr: [1, 2, 3] });
    const after = commit(ordered, fenceBroker(ordered, 1));
    expect(partitionOf(after, 't')).toMatchObject({ leader: 3, isr: [2, 3], leaderEpoch: 1 });
    expect(partitionOf(after, 't').partitionEpoch).toBe(partitionOf(ordered, 't').partitionEpoch + 1);
  });

  it('takes a follower out of the ISR without touching the leader or its epoch', () => {
    const after = commit(base, fenceBroker(base, 3));
    expect(partitionOf(after, 't')).toMatchObject({ leader: 1, isr: [1, 2], leaderEpoch: 0, partitionEpoch: 1 });
  });

  it('writes the FenceBroker record and the partition changes as one batch', () => {
    const { records } = fenceBroker(base, 1);
    expect(records.map((record) => record.type)).toEqual(['FenceBroker', 'PartitionChange']);
  });

  it('is a no-op for a fenced or unknown broker', () => {
    const fenced = commit(base, fenceBroker(base, 1));
    expect(fenceBroker(fenced, 1).records).toEqual([]);
    expect(fenceBroker(base, 42).records).toEqual([]);
  });

  it('fences several brokers in turn, each against the image the previous one left', () => {
    const after = commit(base, fenceBrokers(base, [1, 2]));
    expect(partitionOf(after, 't')).toMatchObject({ leader: 3, isr: [3], leaderEpoch: 2 });
  });
});

describe('offline partitions', () => {
  // Only broker 1 is in sync, so when it is fenced no clean leader exists.
  const lonely = withPartition(base, 't', 0, { isr: [1] });
  const offline = commit(lonely, fenceBroker(lonely, 1));

  it('goes offline (leader -1) when no ISR member is eligible; the last ISR member leaves for the ELR (KIP-966)', () => {
    expect(partitionOf(offline, 't')).toMatchObject({ leader: -1, isr: [], elr: [1], leaderEpoch: 1 });
    expect(offline.offlinePartitions()).toHaveLength(1);
  });

  it('recovers when the ISR member returns: unfencing makes it leader with a new epoch', () => {
    const { image: recovered, result } = heartbeat(offline, 1);
    expect(result.response.state).toBe('unfenced');
    expect(partitionOf(recovered, 't')).toMatchObject({ leader: 1, isr: [1], leaderEpoch: 2 });
    expect(recovered.offlinePartitions()).toEqual([]);
  });

  it('does not elect an out-of-ISR replica while unclean election is off', () => {
    const { image } = heartbeat(offline, 2);
    expect(partitionOf(image, 't').leader).toBe(-1);
  });

  it('with unclean.leader.election.enable, elects an unfenced out-of-ISR replica as the whole ISR', () => {
    const unclean = withTopic(clusterOf(3), 'u', 1, 3, { 'unclean.leader.election.enable': 'true' });
    const narrowed = withPartition(unclean, 'u', 0, { isr: [1] });
    const after = commit(narrowed, fenceBroker(narrowed, 1));
    expect(partitionOf(after, 'u')).toMatchObject({ leader: 2, isr: [2], leaderEpoch: 1 });
  });

  it('takes the cluster default for unclean election when the topic has none', () => {
    const withDefault = commit(
      lonely,
      alterConfigs(lonely, { resourceType: 'broker', name: '', changes: [{ key: 'unclean.leader.election.enable', value: 'true' }] }),
    );
    const after = commit(withDefault, fenceBroker(withDefault, 1));
    expect(partitionOf(after, 't')).toMatchObject({ leader: 2, isr: [2] });
  });

  it('elects an unclean leader for offline partitions when the topic turns unclean election on', () => {
    const changes = [{ key: 'unclean.leader.election.enable', value: 'true' }];
    const result = alterConfigs(offline, { resourceType: 'topic', name: 't', changes });
    expect(result.records.map((record) => record.type)).toEqual(['Config', 'PartitionChange']);
    expect(partitionOf(commit(offline, result), 't')).toMatchObject({ leader: 2, isr: [2] });
  });

  it('lets a returning out-of-ISR replica lead an offline partition when unclean election is on', () => {
    const unclean = withTopic(clusterOf(2), 'u', 1, 2, { 'unclean.leader.election.enable': 'true' });
    const bothDown = commit(unclean, fenceBrokers(unclean, [2, 1]));
    expect(partitionOf(bothDown, 'u')).toMatchObject({ leader: -1, isr: [], elr: [1] });
    const { image } = heartbeat(bothDown, 2);
    expect(partitionOf(image, 'u')).toMatchObject({ leader: 2, isr: [2] });
  });
});

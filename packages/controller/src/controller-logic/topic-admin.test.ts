import { SamsaError } from '@samsa/protocol';
import { alterConfigs } from './alter-configs';
import { createPartitions } from './partition-increase';
import { createTopic, createTopics } from './topic-creation';
import { deleteTopic } from './topic-deletion';
import { clusterOf, commit, heartbeat, partitionOf, withTopic } from '../test-support/cluster';

const cluster = clusterOf(3);

function errorOf(action: () => unknown): SamsaError {
  try {
    action();
  } catch (error) {
    if (error instanceof SamsaError) return error;
    throw error;
  }
  throw new Error('expected a SamsaError');
}

describe('topic creation', () => {
  it('writes Topic, Config and Partition records, every replica in sync and the first one leading', () => {
    const result = createTopic(cluster, { name: 'orders', partitionCount: 3, replicationFactor: 2, configs: { 'retention.ms': '60000' } });
    expect(result.records.map((record) => record.type)).toEqual(['Topic', 'Config', 'Partition', 'Partition', 'Partition']);
    const image = commit(cluster, result);
    const topic = image.topic('orders')!;
    expect(topic.topicId).toBe(result.response.topicId);
    expect(topic.topicId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    for (const partition of topic.partitions) {
      expect(partition.isr).toEqual(partition.replicas);
      expect(partition.leader).toBe(partition.replicas[0]);
      expect(partition).toMatchObject({ leaderEpoch: 0, partitionEpoch: 0, addingReplicas: [], removingReplicas: [] });
    }
    expect(image.topicConfig('orders').get('retention.ms')).toBe('60000');
  });

  it('is deterministic, and a topic created again after deletion gets a new id', () => {
    const first = createTopic(cluster, { name: 'a', partitionCount: 2, replicationFactor: 2 });
    expect(createTopic(cluster, { name: 'a', partitionCount: 2, replicationFactor: 2 })).toEqual(first);
    const created = commit(cluster, first);
    const deleted = commit(created, deleteTopic(created, 'a'));
    const again = createTopic(deleted, { name: 'a', partitionCount: 2, replicationFactor: 2 });
    expect(again.response.topicId).not.toBe(first.response.topicId);
  });

  it.each([
    ['', 'INVALID_TOPIC_EXCEPTION'],
    ['.', 'INVALID_TOPIC_EXCEPTION'],
    ['..', 'INVALID_TOPIC_EXCEPTION'],
    ['a'.repeat(250), 'INVALID_TOPIC_EXCEPTION'],
    ['has space', 'INVALID_TOPIC_EXCEPTION'],
    ['ünïcode', 'INVALID_TOPIC_EXCEPTION'],
    ['slash/name', 'INVALID_TOPIC_EXCEPTION'],
  ])('refuses the topic name %j with %s', (name, code) => {
    expect(errorOf(() => createTopic(cluster, { name, partitionCount: 1, replicationFactor: 1 })).code).toBe(code);
  });

  it('accepts names at the limits of the rules', () => {
    for (const name of ['a'.repeat(249), 'A.b_c-9', '...x']) {
      expect(() => createTopic(cluster, { name, partitionCount: 1, replicationFactor: 1 })).not.toThrow();
    }
  });

  it('refuses an existing name, and a name colliding on "." versus "_"', () => {
    const image = withTopic(cluster, 'my.topic', 1, 1);
    const existing = errorOf(() => createTopic(image, { name: 'my.topic', partitionCount: 1, replicationFactor: 1 }));
    expect(existing.code).toBe('TOPIC_ALREADY_EXISTS');
    const collision = errorOf(() => createTopic(image, { name: 'my_topic', partitionCount: 1, replicationFactor: 1 }));
    expect(collision.code).toBe('INVALID_TOPIC_EXCEPTION');
    expect(collision.message).toContain('my.topic');
  });

  it.each([0, -1, 1.5, 10_001])('refuses %p partitions with INVALID_PARTITIONS', (partitionCount) => {
    expect(errorOf(() => createTopic(cluster, { name: 't', partitionCount, replicationFactor: 1 })).code).toBe('INVALID_PARTITIONS');
  });

  it('refuses a replication factor of 0, or above the unfenced brokers, with INVALID_REPLICATION_FACTOR', () => {
    const zero = errorOf(() => createTopic(cluster, { name: 't', partitionCount: 1, replicationFactor: 0 }));
    expect(zero.code).toBe('INVALID_REPLICATION_FACTOR');
    const tooMany = errorOf(() => createTopic(cluster, { name: 't', partitionCount: 1, replicationFactor: 4 }));
    expect(tooMany.code).toBe('INVALID_REPLICATION_FACTOR');
    expect(tooMany.message).toContain('3 available');
    const oneDown = heartbeat(cluster, 3, { wantShutdown: true }).image;
    const fencedOut = errorOf(() => createTopic(oneDown, { name: 't', partitionCount: 1, replicationFactor: 3 }));
    expect(fencedOut.code).toBe('INVALID_REPLICATION_FACTOR');
  });

  it.each([
    ['retention.ms', 'soon'],
    ['retention.bytes', '-2'],
    ['segment.bytes', '10'],
    ['segment.ms', '0'],
    ['max.message.bytes', '1e6'],
    ['min.insync.replicas', '0'],
    ['cleanup.policy', 'compact'],
    ['unclean.leader.election.enable', 'yes'],
    ['message.timestamp.type', 'Now'],
    ['flush.messages', '0'],
    ['flush.ms', '-5'],
    ['no.such.config', '1'],
  ])('refuses config %s=%s with INVALID_CONFIG naming the key', (key, value) => {
    const error = errorOf(() => createTopic(cluster, { name: 't', partitionCount: 1, replicationFactor: 1, configs: { [key]: value } }));
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.message).toContain(key);
  });

  it('creates several topics with per-topic outcomes, the good ones going ahead', () => {
    const result = createTopics(cluster, [
      { name: 'a', partitionCount: 1, replicationFactor: 1 },
      { name: 'a', partitionCount: 1, replicationFactor: 1 },
      { name: 'b', partitionCount: 1, replicationFactor: 9 },
      { name: 'c', partitionCount: 2, replicationFactor: 3 },
    ]);
    expect(result.response.map((outcome) => ('error' in outcome ? outcome.error.code : 'ok'))).toEqual([
      'ok',
      'TOPIC_ALREADY_EXISTS',
      'INVALID_REPLICATION_FACTOR',
      'ok',
    ]);
    expect(commit(cluster, result).topicNames()).toEqual(['a', 'c']);
  });
});

describe('topic deletion, partition increase and config changes', () => {
  const image = withTopic(cluster, 'orders', 2, 2, { 'retention.ms': '1000' });

  it('deletes a topic with its partitions and configs; an unknown one is UNKNOWN_TOPIC_OR_PARTITION', () => {
    const after = commit(image, deleteTopic(image, 'orders'));
    expect(after.topic('orders')).toBeUndefined();
    expect(after.allPartitions()).toEqual([]);
    expect(after.topicConfig('orders').size).toBe(0);
    expect(errorOf(() => deleteTopic(after, 'orders')).code).toBe('UNKNOWN_TOPIC_OR_PARTITION');
  });

  it('adds partitions with the topic’s replication factor', () => {
    const after = commit(image, createPartitions(image, { name: 'orders', partitionCount: 5 }));
    expect(after.topic('orders')!.partitions.map((partition) => partition.replicas.length)).toEqual([2, 2, 2, 2, 2]);
    expect(partitionOf(after, 'orders', 4).partition).toBe(4);
  });

  it('only increases the partition count', () => {
    expect(errorOf(() => createPartitions(image, { name: 'orders', partitionCount: 2 })).code).toBe('INVALID_PARTITIONS');
    expect(errorOf(() => createPartitions(image, { name: 'orders', partitionCount: 1 })).code).toBe('INVALID_PARTITIONS');
    expect(errorOf(() => createPartitions(image, { name: 'nope', partitionCount: 3 })).code).toBe('UNKNOWN_TOPIC_OR_PARTITION');
  });

  it('sets and deletes configs, writing only what changes', () => {
    const changes = [
      { key: 'retention.ms', value: '1000' },
      { key: 'segment.ms', value: '5000' },
    ];
    const result = alterConfigs(image, { resourceType: 'topic', name: 'orders', changes });
    expect(result.records).toEqual([{ type: 'Config', resourceType: 'topic', name: 'orders', key: 'segment.ms', value: '5000' }]);
    const after = commit(image, result);
    const deletion = { resourceType: 'topic' as const, name: 'orders', changes: [{ key: 'retention.ms', value: null }] };
    const deleted = commit(after, alterConfigs(after, deletion));
    expect([...deleted.topicConfig('orders')]).toEqual([['segment.ms', '5000']]);
  });

  it('validates every change before writing any', () => {
    const changes = [
      { key: 'retention.ms', value: '5' },
      { key: 'min.insync.replicas', value: 'two' },
    ];
    const error = errorOf(() => alterConfigs(image, { resourceType: 'topic', name: 'orders', changes }));
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.message).toContain('min.insync.replicas');
    const unknown = errorOf(() => alterConfigs(image, { resourceType: 'topic', name: 'nope', changes: [] }));
    expect(unknown.code).toBe('UNKNOWN_TOPIC_OR_PARTITION');
    expect(errorOf(() => alterConfigs(image, { resourceType: 'broker', name: 'x', changes: [] })).code).toBe('INVALID_REQUEST');
  });
});

import type { ControllerWire } from '@samsa/protocol';
import { clusterDescriptionJson, formatClusterDescription } from './cluster-output';
import { formatLogLine } from './log-line';
import { renderTable } from './table';
import { formatTopicDescription, formatTopicList, topicDescriptionJson, topicListJson } from './topic-output';

const cluster: ControllerWire.DescribeClusterResponse__Output = {
  error: null,
  clusterId: 'samsa-local',
  metadataOffset: 42,
  controllers: [
    { id: 2, address: '127.0.0.1:19093', leader: true },
    { id: 1, address: '127.0.0.1:9093', leader: false },
  ],
  brokers: [
    { id: 5, address: '127.0.0.1:9092', rack: '', fenced: false, brokerEpoch: 3 },
    { id: 4, address: '127.0.0.1:19092', rack: 'eu-1a', fenced: true, brokerEpoch: 2 },
  ],
};

function partition(index: number, leader: number, replicas: number[], isr: number[]): ControllerWire.PartitionState__Output {
  return { topic: 'orders', topicId: 'id-1', partition: index, leader, leaderEpoch: index + 1, partitionEpoch: 0, replicas, isr, addingReplicas: [], removingReplicas: [], elr: [], lastKnownElr: [] };
}

const orders: ControllerWire.TopicDescription__Output = {
  name: 'orders',
  topicId: 'id-1',
  partitions: [partition(1, -1, [2, 3, 1], [2]), partition(0, 1, [1, 2, 3], [1, 2, 3])],
  configs: [
    { key: 'retention.ms', value: '1000' },
    { key: 'cleanup.policy', value: 'delete' },
  ],
  error: null,
};

describe('cluster describe output', () => {
  test('--json has exactly the DESIGN shape, sorted by id, rack null when unset', () => {
    expect(JSON.parse(JSON.stringify(clusterDescriptionJson(cluster)))).toEqual({
      clusterId: 'samsa-local',
      controllers: [
        { id: 1, address: '127.0.0.1:9093', leader: false },
        { id: 2, address: '127.0.0.1:19093', leader: true },
      ],
      brokers: [
        { id: 4, address: '127.0.0.1:19092', rack: 'eu-1a', fenced: true },
        { id: 5, address: '127.0.0.1:9092', rack: null, fenced: false },
      ],
    });
  });
  test('the table shows who leads and which brokers are fenced', () => {
    expect(formatClusterDescription(cluster)).toBe(
      [
        'CLUSTER samsa-local  (metadata offset 42)',
        '',
        'CONTROLLER  ADDRESS          ROLE',
        '1           127.0.0.1:9093   follower',
        '2           127.0.0.1:19093  leader',
        '',
        'BROKER  ADDRESS          RACK   STATE',
        '4       127.0.0.1:19092  eu-1a  fenced',
        '5       127.0.0.1:9092   -      unfenced',
        '',
      ].join('\n'),
    );
    expect(formatClusterDescription({ ...cluster, brokers: [] })).toContain('no brokers registered');
  });
});

describe('topic output', () => {
  test('describe --json has exactly the DESIGN shape, partitions sorted, configs as an object', () => {
    expect(JSON.parse(JSON.stringify(topicDescriptionJson(orders)))).toEqual({
      name: 'orders',
      partitions: [
        { partition: 0, leader: 1, leaderEpoch: 1, replicas: [1, 2, 3], isr: [1, 2, 3] },
        { partition: 1, leader: -1, leaderEpoch: 2, replicas: [2, 3, 1], isr: [2] },
      ],
      configs: { 'cleanup.policy': 'delete', 'retention.ms': '1000' },
    });
  });
  test('describe shows an offline partition as leader none', () => {
    expect(formatTopicDescription(orders)).toBe(
      [
        'TOPIC orders  (id id-1, 2 partitions, replication factor 3)',
        'CONFIGS cleanup.policy=delete retention.ms=1000',
        '',
        'PARTITION  LEADER  LEADER-EPOCH  REPLICAS  ISR',
        '0          1       1             1,2,3     1,2,3',
        '1          none    2             2,3,1     2',
        '',
      ].join('\n'),
    );
  });
  test('list: sorted by name, replication factor leaves out replicas joining a reassignment', () => {
    const moving: ControllerWire.TopicDescription__Output = { ...orders, name: 'audit', configs: [], partitions: [{ ...partition(0, 1, [1, 2, 4], [1, 2]), addingReplicas: [4] }] };
    expect(topicListJson([orders, moving])).toEqual([
      { name: 'audit', partitions: 1, replicationFactor: 2 },
      { name: 'orders', partitions: 2, replicationFactor: 3 },
    ]);
    expect(formatTopicList([orders, moving])).toBe('NAME    PARTITIONS  REPLICAS\naudit   1           2\norders  2           3\n');
    expect(formatTopicList([])).toBe('no topics\n');
  });
});

describe('renderTable', () => {
  test('pads every column but the last and refuses ragged rows', () => {
    expect(renderTable(['a', 'bb'], [['xxx', 1]])).toBe('A    BB\nxxx  1\n');
    expect(() => renderTable(['a', 'b'], [['x']])).toThrow(RangeError);
  });
});

describe('formatLogLine', () => {
  test('turns a pino record into one readable line with the extra fields as key=value', () => {
    const line = JSON.stringify({ level: 30, time: Date.UTC(2026, 0, 1, 12, 0, 1, 234), pid: 1, component: 'raft', nodeId: 2, msg: 'became leader', term: 3, err: { message: 'boom', stack: 'x' } });
    expect(formatLogLine(line)).toBe('12:00:01.234 INFO  raft  became leader term=3 err="boom"');
  });
  test('leaves anything else alone', () => {
    expect(formatLogLine('    at foo (bar.js:1:2)')).toBe('    at foo (bar.js:1:2)');
    expect(formatLogLine('{not json')).toBe('{not json');
    expect(formatLogLine('{"a":1}')).toBe('{"a":1}');
  });
});

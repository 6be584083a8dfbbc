import { onePartitionController } from './test-support/one-partition-controller';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { silentLogger } from '@samsa/common';
import { type ControllerClient, MetadataImage, type MetadataRecord, type PartitionRecord } from '@samsa/metadata';
import { type BrokerWire, encodeRecordBatch, replicationService } from '@samsa/protocol';
import { Registry } from 'prom-client';
import { replicationHandlers } from '../replication/replication-service';
import { BrokerMetrics } from './broker-metrics';
import { handleFetch } from './fetch-handler';
import { FetcherManager } from './fetcher-manager';
import { LogManager } from './log-manager';
import { PartitionSignals } from './partition-signals';
import { handleProduce } from './produce-handler';
import { ReplicaManager } from './replica-manager';
import { ManualClock } from '../time/manual-clock';

const listeners = [{ name: 'client', host: '127.0.0.1', port: 9092 }];

function partitionRecord(topicId: string, partition: number, replicas: number[], leader: number): PartitionRecord {
  return { type: 'Partition', topicId, partition, replicas, isr: replicas, leader, leaderEpoch: 0, partitionEpoch: 0, addingReplicas: [], removingReplicas: [] };
}

function applyAll(records: readonly MetadataRecord[], image = MetadataImage.EMPTY): MetadataImage {
  return records.reduce((current, record) => current.apply(record, current.lastAppliedOffset + 1), image);
}

/** Broker 1 leads orders-0 (replicas 1, 2); orders-1 lives on broker 2 only and has no leader. */
const CLUSTER: MetadataRecord[] = [
  { type: 'RegisterBroker', brokerId: 1, incarnationId: 'i1', brokerEpoch: 1, listeners, rack: null },
  { type: 'RegisterBroker', brokerId: 2, incarnationId: 'i2', brokerEpoch: 2, listeners, rack: null },
  { type: 'UnfenceBroker', brokerId: 1, brokerEpoch: 1 },
  { type: 'UnfenceBroker', brokerId: 2, brokerEpoch: 2 },
  { type: 'Topic', name: 'orders', topicId: 'T1' },
  partitionRecord('T1', 0, [1, 2], 1),
  partitionRecord('T1', 1, [2], -1),
];

/** The value of one sample in the text exposition, e.g. `name{topic="orders"}`; undefined when absent. */
async function sample(registry: Registry, metric: string, series = metric): Promise<number | undefined> {
  const text = await registry.getSingleMetricAsString(metric);
  for (const line of text.split('\n')) {
    if (line.startsWith(`${series} `)) return Number(line.slice(series.length + 1));
  }
  return undefined;
}

/** Lets promise continuations run (the controller's answers, parked requests); no time passes. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('broker metrics', () => {
  let dataDirectory: string;
  let clock: ManualClock;
  let logs: LogManager;
  let registry: Registry;
  let metrics: BrokerMetrics;
  let replicas: ReplicaManager;
  let signals: PartitionSignals;
  let image: MetadataImage;
  let alterPartition: jest.Mock;

  beforeEach(() => {
    dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'samsa-broker-metrics-'));
    logs = new LogManager({ dataDirectory, logger: silentLogger });
    registry = new Registry();
    clock = new ManualClock();
    signals = new PartitionSignals(clock);
    image = applyAll(CLUSTER);
    // The controller commits every proposal as asked, bumping the partition epoch.
    alterPartition = jest.fn(async (request: { newIsr: number[]; leaderEpoch: number; partitionEpoch: number }) => ({
      partition: { replicas: [1, 2], isr: request.newIsr, leader: 1, leaderEpoch: request.leaderEpoch, partitionEpoch: request.partitionEpoch + 1 },
    }));
    const controller = onePartitionController(alterPartition);
    metrics = new BrokerMetrics(registry, { replicas: () => replicas.all(), image: () => image });
    replicas = new ReplicaManager({ brokerId: 1, logs, signals, controller, brokerEpoch: () => 1, replicaLagTimeMaxMs: 30, logger: silentLogger, metrics, clock });
    replicas.applyImage(image);
  });

  afterEach(() => {
    replicas.stop();
    expect(clock.pendingCount).toBe(0);
    logs.close();
    fs.rmSync(dataDirectory, { recursive: true, force: true });
  });

  const produceRequest = (records: Buffer, topic = 'orders'): BrokerWire.ProduceRequest__Output => ({ acks: 1, timeoutMs: 1000, topics: [{ name: topic, partitions: [{ partition: 0, records }] }] });
  const fetchRequest = (topic = 'orders'): BrokerWire.FetchRequest__Output => ({
    maxWaitMs: 0,
    minBytes: 1,
    maxBytes: 1 << 20,
    isolationLevel: 0,
    topics: [{ name: topic, partitions: [{ partition: 0, fetchOffset: 0, partitionMaxBytes: 1 << 20, currentLeaderEpoch: -1 }] }],
  });
  const threeRecords = () =>
    encodeRecordBatch({
      records: [0, 1, 2].map((index) => ({ key: null, value: Buffer.from(`value-${index}`) })),
      producerId: 7n,
      producerEpoch: 0,
      baseSequence: 0,
    });

  it('counts produced bytes and records from batch headers, and not a duplicate retry', async () => {
    const context = { replicas, signals, image: () => image, metrics, clock };
    const records = await threeRecords();
    const sizeBytes = records.length;
    const response = await handleProduce(produceRequest(records), context);
    expect(response.topics[0]!.partitions[0]!.errorCode).toBe(0);
    expect(await sample(registry, 'samsa_broker_bytes_in_total', 'samsa_broker_bytes_in_total{topic="orders"}')).toBe(sizeBytes);
    expect(await sample(registry, 'samsa_broker_messages_in_total', 'samsa_broker_messages_in_total{topic="orders"}')).toBe(3);
    expect(await sample(registry, 'samsa_broker_produce_latency_seconds', 'samsa_broker_produce_latency_seconds_count')).toBe(1);

    await handleProduce(produceRequest(await threeRecords()), context); // the same sequence again
    expect(await sample(registry, 'samsa_broker_messages_in_total', 'samsa_broker_messages_in_total{topic="orders"}')).toBe(3);
    expect(await sample(registry, 'samsa_broker_bytes_in_total', 'samsa_broker_bytes_in_total{topic="orders"}')).toBe(sizeBytes);
    expect(await sample(registry, 'samsa_broker_produce_latency_seconds', 'samsa_broker_produce_latency_seconds_count')).toBe(2);
    expect(await sample(registry, 'samsa_broker_produce_latency_seconds', 'samsa_broker_produce_latency_seconds_sum')).toBe(0); // no time passed

    // A topic that does not exist gets its error and no series.
    await handleProduce(produceRequest(await threeRecords(), 'nope'), context);
    expect(await registry.getSingleMetricAsString('samsa_broker_bytes_in_total')).not.toContain('nope');
  });

  it('counts fetched bytes once they are below the high watermark', async () => {
    const records = await threeRecords();
    const sizeBytes = records.length;
    await handleProduce(produceRequest(records), { replicas, signals, image: () => image, metrics, clock });
    // The follower has not fetched yet: nothing is committed, nothing goes out.
    await handleFetch(fetchRequest(), { replicas, signals, metrics, clock });
    expect(await sample(registry, 'samsa_broker_bytes_out_total', 'samsa_broker_bytes_out_total{topic="orders"}')).toBeUndefined();
    const replica = replicas.byTopicPartition('orders', 0)!;
    replicas.onFollowerFetch(replica, 2, 3, 2);
    expect(replica.log.highWatermark).toBe(3);
    const response = await handleFetch(fetchRequest(), { replicas, signals, metrics, clock });
    expect(response.topics[0]!.partitions[0]!.records.length).toBe(sizeBytes);
    expect(await sample(registry, 'samsa_broker_bytes_out_total', 'samsa_broker_bytes_out_total{topic="orders"}')).toBe(sizeBytes);
    expect(await sample(registry, 'samsa_broker_fetch_latency_seconds', 'samsa_broker_fetch_latency_seconds_count')).toBe(2);
    expect(await sample(registry, 'samsa_broker_fetch_latency_seconds', 'samsa_broker_fetch_latency_seconds_bucket{le="10"}')).toBe(2);
  });

  it('times a parked acks=all produce on the broker clock, up to its timeout', async () => {
    const request = { ...produceRequest(await threeRecords()), acks: -1 };
    let answer: BrokerWire.ProduceResponse__Output | undefined;
    // The follower never fetches: the batch waits for the ISR until the request's 1000 ms are up.
    void handleProduce(request, { replicas, signals, image: () => image, metrics, clock }).then((response) => (answer = response));
    await settle();
    clock.advance(999);
    await settle();
    expect(answer).toBeUndefined();
    clock.advance(1);
    await settle();
    expect(answer!.topics[0]!.partitions[0]!.errorCode).toBe(7); // REQUEST_TIMED_OUT
    expect(await sample(registry, 'samsa_broker_produce_latency_seconds', 'samsa_broker_produce_latency_seconds_sum')).toBe(1);
    expect(await sample(registry, 'samsa_broker_produce_latency_seconds', 'samsa_broker_produce_latency_seconds_bucket{le="0.5"}')).toBe(0);
    expect(await sample(registry, 'samsa_broker_produce_latency_seconds', 'samsa_broker_produce_latency_seconds_bucket{le="1"}')).toBe(1);
  });

  it('answers a long-poll fetch at max_wait_ms on the broker clock', async () => {
    let answered = false;
    void handleFetch({ ...fetchRequest(), maxWaitMs: 500 }, { replicas, signals, metrics, clock }).then(() => (answered = true));
    await settle();
    clock.advance(499);
    await settle();
    expect(answered).toBe(false);
    clock.advance(1);
    await settle();
    expect(answered).toBe(true);
    expect(await sample(registry, 'samsa_broker_fetch_latency_seconds', 'samsa_broker_fetch_latency_seconds_sum')).toBe(0.5);
  });

  it('answers an out-of-range fetch with the log bounds, not -1 (the fetch path these metrics watch)', async () => {
    await handleProduce(produceRequest(await threeRecords()), { replicas, signals, image: () => image, metrics, clock });
    replicas.onFollowerFetch(replicas.byTopicPartition('orders', 0)!, 2, 3, 2);
    const request = fetchRequest();
    request.topics[0]!.partitions[0]!.fetchOffset = 9;
    const response = await handleFetch(request, { replicas, signals, metrics, clock });
    expect(response.topics[0]!.partitions[0]).toMatchObject({ errorCode: 1, logStartOffset: 0, highWatermark: 3 });
  });

  it('computes the partition gauges when scraped', async () => {
    expect(await sample(registry, 'samsa_broker_partition_count')).toBe(1);
    expect(await sample(registry, 'samsa_broker_leader_count')).toBe(1);
    expect(await sample(registry, 'samsa_broker_offline_partitions')).toBe(1);
    expect(await sample(registry, 'samsa_broker_under_replicated_partitions')).toBe(0);
    replicas.applyImage((image = applyAll([{ type: 'PartitionChange', topicId: 'T1', partition: 0, isr: [1] }], image)));
    expect(await sample(registry, 'samsa_broker_under_replicated_partitions')).toBe(1);
    replicas.applyImage((image = applyAll([{ type: 'PartitionChange', topicId: 'T1', partition: 0, leader: 2, isr: [1, 2] }], image)));
    expect(await sample(registry, 'samsa_broker_leader_count')).toBe(0);
    expect(await sample(registry, 'samsa_broker_under_replicated_partitions')).toBe(0);
    expect(await sample(registry, 'samsa_broker_partition_count')).toBe(1);
  });

  it('counts ISR shrinks and expansions the controller committed', async () => {
    replicas.start();
    const replica = replicas.byTopicPartition('orders', 0)!;
    replica.appendAsLeader(await threeRecords());
    replicas.onFollowerFetch(replica, 2, 3, 2);
    replica.appendAsLeader(await encodeRecordBatch({ records: [{ key: null, value: null }] }));
    // Follower 2 stops fetching, one record behind. It is past the 30 ms lag at the next
    // shrink check, which runs every 100 ms (the floor), and leaves the ISR.
    clock.advance(99);
    await settle();
    expect(alterPartition).not.toHaveBeenCalled();
    clock.advance(1);
    await settle();
    expect(alterPartition).toHaveBeenCalledTimes(1);
    expect(replica.leader!.isr).toEqual([1]);
    expect(await sample(registry, 'samsa_broker_isr_shrinks_total')).toBe(1);
    expect(await sample(registry, 'samsa_broker_isr_expands_total')).toBe(0);
    expect(await sample(registry, 'samsa_broker_under_replicated_partitions')).toBe(1);
    // It catches up again and rejoins.
    replicas.onFollowerFetch(replica, 2, 4, 2);
    await settle();
    expect(replica.leader!.isr).toEqual([1, 2]);
    expect(await sample(registry, 'samsa_broker_isr_expands_total')).toBe(1);
    expect(await sample(registry, 'samsa_broker_under_replicated_partitions')).toBe(0);
  });

  it('drops a deleted topic\'s series', async () => {
    await handleProduce(produceRequest(await threeRecords()), { replicas, signals, image: () => image, metrics, clock });
    expect(await registry.getSingleMetricAsString('samsa_broker_bytes_in_total')).toContain('topic="orders"');
    replicas.applyImage((image = applyAll([{ type: 'RemoveTopic', topicId: 'T1' }], image)));
    expect(await registry.getSingleMetricAsString('samsa_broker_bytes_in_total')).not.toContain('topic="orders"');
    expect(await sample(registry, 'samsa_broker_partition_count')).toBe(0);
    expect(await sample(registry, 'samsa_broker_offline_partitions')).toBe(0);
  });

  it('replaces its metrics when a second broker registers on the same registry', () => {
    expect(() => new BrokerMetrics(registry, { replicas: () => [], image: () => undefined })).not.toThrow();
  });
});

describe('follower metrics', () => {
  it('counts bytes a follower appends from its leader', async () => {
    const dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'samsa-broker-metrics-'));
    const controller = onePartitionController(jest.fn(() => new Promise(() => undefined)));
    const leader = { logs: new LogManager({ dataDirectory: path.join(dataDirectory, '1'), logger: silentLogger }), signals: new PartitionSignals() };
    const follower = { logs: new LogManager({ dataDirectory: path.join(dataDirectory, '2'), logger: silentLogger }), signals: new PartitionSignals(), registry: new Registry() };
    const leaderReplicas = new ReplicaManager({ brokerId: 1, logs: leader.logs, signals: leader.signals, controller, brokerEpoch: () => 1, replicaLagTimeMaxMs: 10_000, logger: silentLogger });
    let followerReplicas: ReplicaManager | undefined;
    const followerMetrics = new BrokerMetrics(follower.registry, { replicas: () => followerReplicas?.all() ?? [], image: () => undefined });
    followerReplicas = new ReplicaManager({ brokerId: 2, logs: follower.logs, signals: follower.signals, controller, brokerEpoch: () => 2, replicaLagTimeMaxMs: 10_000, logger: silentLogger, metrics: followerMetrics });
    const server = new grpc.Server();
    server.addService(replicationService().service, replicationHandlers({ replicas: leaderReplicas, signals: leader.signals, logger: silentLogger }));
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
    );
    const fetchers = new FetcherManager({ brokerId: 2, replicas: followerReplicas, signals: follower.signals, brokerEpoch: () => 2, logger: silentLogger, metrics: followerMetrics });
    try {
      const withPort = CLUSTER.map((record) => (record.type === 'RegisterBroker' && record.brokerId === 1 ? { ...record, listeners: [{ ...listeners[0]!, port }] } : record));
      const image = applyAll(withPort);
      leaderReplicas.applyImage(image);
      followerReplicas.applyImage(image);
      fetchers.update(image);
      const records = await encodeRecordBatch({ records: [{ key: null, value: Buffer.from('replicated') }] });
      const sizeBytes = records.length;
      leaderReplicas.byTopicPartition('orders', 0)!.appendAsLeader(records);
      leader.signals.notify('T1:0');
      const copy = followerReplicas.byTopicPartition('orders', 0)!;
      // Real gRPC between the two: woken by the follower's append (its signal), not by polling.
      while (copy.log.logEndOffset < 1) if (!(await follower.signals.wait([copy.key], 20_000))) break;
      expect(copy.log.logEndOffset).toBe(1);
      expect(await sample(follower.registry, 'samsa_broker_replication_bytes_in_total', 'samsa_broker_replication_bytes_in_total{topic="orders"}')).toBe(sizeBytes);
      expect(await sample(follower.registry, 'samsa_broker_leader_count')).toBe(0);
      expect(await sample(follower.registry, 'samsa_broker_partition_count')).toBe(2); // orders-1 too, offline
    } finally {
      fetchers.stop();
      server.forceShutdown();
      leader.logs.close();
      follower.logs.close();
      fs.rmSync(dataDirectory, { recursive: true, force: true });
    }
  });
});

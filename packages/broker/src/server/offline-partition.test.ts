import { onePartitionController } from './test-support/one-partition-controller';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { silentLogger } from '@samsa/common';
import { type ControllerClient, MetadataImage, type MetadataRecord, type PartitionRecord } from '@samsa/metadata';
import { type BrokerWire, ErrorCodes, SamsaError, encodeRecordBatch } from '@samsa/protocol';
import { handleFetch } from './fetch-handler';
import { LogManager } from './log-manager';
import { PartitionSignals } from './partition-signals';
import { handleProduce } from './produce-handler';
import { ReplicaManager } from './replica-manager';
import { ManualClock } from '../time/manual-clock';

/**
 * Issue 9, finding 2: a partition whose log fails goes offline on this broker alone. Before,
 * a throw for one partition aborted `applyImage` for every partition after it, on every
 * image after, and a leader whose fsync failed stayed leader of a log it could not serve.
 */

const listeners = [{ name: 'client', host: '127.0.0.1', port: 9092 }];

function partitionRecord(partition: number, fields: Partial<PartitionRecord> = {}): PartitionRecord {
  return { type: 'Partition', topicId: 'T1', partition, replicas: [1, 2], isr: [1, 2], leader: 1, leaderEpoch: 0, partitionEpoch: 0, addingReplicas: [], removingReplicas: [], ...fields };
}

/** Topic `orders`, partitions 0..3 on brokers 1 and 2: broker 1 leads 0, 1 and 3; broker 2 leads 2. */
const CLUSTER: MetadataRecord[] = [
  { type: 'RegisterBroker', brokerId: 1, incarnationId: 'i1', brokerEpoch: 1, listeners, rack: null },
  { type: 'RegisterBroker', brokerId: 2, incarnationId: 'i2', brokerEpoch: 2, listeners, rack: null },
  { type: 'UnfenceBroker', brokerId: 1, brokerEpoch: 1 },
  { type: 'UnfenceBroker', brokerId: 2, brokerEpoch: 2 },
  { type: 'Topic', name: 'orders', topicId: 'T1' },
  partitionRecord(0),
  partitionRecord(1),
  partitionRecord(2, { leader: 2 }),
  partitionRecord(3),
];

function imageOf(records: readonly MetadataRecord[]): MetadataImage {
  return records.reduce((image, record) => image.apply(record, image.lastAppliedOffset + 1), MetadataImage.EMPTY);
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

function produceRequest(partition: number, records: Buffer): BrokerWire.ProduceRequest__Output {
  return { acks: 1, timeoutMs: 1000, topics: [{ name: 'orders', partitions: [{ partition, records }] }] };
}

function fetchRequest(partition: number): BrokerWire.FetchRequest__Output {
  return { maxWaitMs: 0, minBytes: 0, maxBytes: 1 << 20, isolationLevel: 0, topics: [{ name: 'orders', partitions: [{ partition, currentLeaderEpoch: -1, fetchOffset: 0, partitionMaxBytes: 1 << 20 }] }] };
}

describe('ReplicaManager: a partition whose log fails goes offline alone', () => {
  let dataDirectory: string;
  let logs: LogManager;
  let clock: ManualClock;
  let signals: PartitionSignals;
  let alterPartition: jest.Mock;
  let replicas: ReplicaManager;

  beforeEach(() => {
    dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'samsa-offline-partition-'));
    clock = new ManualClock();
    logs = new LogManager({ dataDirectory, logger: silentLogger, clock });
    signals = new PartitionSignals(clock);
    alterPartition = jest.fn().mockReturnValue(new Promise(() => undefined));
    const controller = onePartitionController(alterPartition);
    replicas = new ReplicaManager({ brokerId: 1, logs, signals, controller, brokerEpoch: () => 1, replicaLagTimeMaxMs: 1000, logger: silentLogger, clock });
  });

  afterEach(() => {
    replicas.stop();
    logs.close();
    fs.rmSync(dataDirectory, { recursive: true, force: true });
  });

  /** Makes `orders-<partition>`'s directory unusable: a plain file where the directory goes. */
  function breakDirectory(partition: number): void {
    const directory = path.join(dataDirectory, 'logs', `orders-${partition}`);
    fs.rmSync(directory, { recursive: true, force: true });
    fs.writeFileSync(directory, 'not a directory');
  }

  it('opens every other partition, now and on later images, and answers KAFKA_STORAGE_ERROR for the bad one', async () => {
    breakDirectory(1);
    expect(() => replicas.applyImage(imageOf(CLUSTER))).not.toThrow();
    expect(replicas.byTopicPartition('orders', 0)?.isLeader).toBe(true);
    expect(replicas.byTopicPartition('orders', 1)).toBeUndefined();
    expect(replicas.byTopicPartition('orders', 2)?.follower?.leaderId).toBe(2);
    expect(replicas.byTopicPartition('orders', 3)?.isLeader).toBe(true);
    expect(replicas.offlineReason('orders', 1)).toMatch(/orders-1 is offline on broker 1/);
    expect(replicas.offlineReason('orders', 0)).toBeUndefined();

    // A later image still reaches the partitions after the bad one: broker 1 now leads 2.
    const moved: MetadataRecord = { type: 'PartitionChange', topicId: 'T1', partition: 2, leader: 1 };
    replicas.applyImage(imageOf([...CLUSTER, moved]));
    expect(replicas.byTopicPartition('orders', 2)?.leader?.leaderEpoch).toBe(1);
    expect(replicas.followersOf(2)).toEqual([]);

    const batch = await encodeRecordBatch({ records: [{ key: null, value: Buffer.from('v') }] });
    const produced = await handleProduce(produceRequest(1, batch), { replicas, signals, image: () => imageOf(CLUSTER), clock });
    expect(produced.topics[0]!.partitions[0]).toMatchObject({ errorCode: ErrorCodes.KAFKA_STORAGE_ERROR.code });
    const healthy = await handleProduce(produceRequest(3, batch), { replicas, signals, image: () => imageOf(CLUSTER), clock });
    expect(healthy.topics[0]!.partitions[0]).toMatchObject({ errorCode: 0, baseOffset: 0 });
    const fetched = await handleFetch(fetchRequest(1), { replicas, signals, clock });
    expect(fetched.topics[0]!.partitions[0]).toMatchObject({ errorCode: ErrorCodes.KAFKA_STORAGE_ERROR.code });
  });

  it('asks the controller to take it out of the ISR when it leads, with the epochs it holds', () => {
    breakDirectory(1);
    replicas.applyImage(imageOf(CLUSTER));
    expect(alterPartition).toHaveBeenCalledTimes(1);
    expect(alterPartition.mock.calls[0]![0]).toMatchObject({ brokerId: 1, brokerEpoch: 1, topicId: 'T1', partition: 1, leaderEpoch: 0, partitionEpoch: 0, newIsr: [2] });
  });

  it('asks again until metadata shows another leader, then stops', async () => {
    breakDirectory(1);
    alterPartition.mockRejectedValueOnce(new SamsaError('NETWORK_EXCEPTION', 'no controller')).mockResolvedValueOnce({ partition: { leader: 2, isr: [2] } });
    replicas.applyImage(imageOf(CLUSTER));
    await settle();
    clock.advance(999);
    expect(alterPartition).toHaveBeenCalledTimes(1);
    clock.advance(1);
    expect(alterPartition).toHaveBeenCalledTimes(2);
    await settle();
    const elected: MetadataRecord = { type: 'PartitionChange', topicId: 'T1', partition: 1, leader: 2, isr: [2] };
    replicas.applyImage(imageOf([...CLUSTER, elected]));
    clock.advance(10_000);
    expect(alterPartition).toHaveBeenCalledTimes(2);
    expect(replicas.offlineReason('orders', 1)).toBeDefined();
  });

  it('does not ask when it is the only in-sync replica: nobody else holds what was acknowledged', () => {
    breakDirectory(1);
    const alone: MetadataRecord = { type: 'PartitionChange', topicId: 'T1', partition: 1, isr: [1] };
    replicas.applyImage(imageOf([...CLUSTER, alone]));
    clock.advance(10_000);
    expect(alterPartition).not.toHaveBeenCalled();
    expect(replicas.offlineReason('orders', 1)).toBeDefined();
  });

  it('takes a partition offline when its leader epoch cannot be written on becoming leader (a full disk)', () => {
    replicas.applyImage(imageOf(CLUSTER));
    const follower = replicas.byTopicPartition('orders', 2)!;
    jest.spyOn(follower.log, 'beginLeaderEpoch').mockImplementation(() => {
      throw new SamsaError('KAFKA_STORAGE_ERROR', 'leader epoch checkpoint failed: ENOSPC');
    });
    const moved: MetadataRecord = { type: 'PartitionChange', topicId: 'T1', partition: 2, leader: 1 };
    const moved3: MetadataRecord = { type: 'PartitionChange', topicId: 'T1', partition: 3, isr: [1] };
    replicas.applyImage(imageOf([...CLUSTER, moved, moved3]));
    expect(replicas.byTopicPartition('orders', 2)).toBeUndefined();
    expect(replicas.offlineReason('orders', 2)).toMatch(/ENOSPC/);
    expect(replicas.byTopicPartition('orders', 3)?.leader?.isr).toEqual([1]);
    expect(alterPartition.mock.calls[0]![0]).toMatchObject({ partition: 2, leaderEpoch: 1, newIsr: [2] });
  });

  it('takes a led partition offline after a failed fsync of the periodic flush, and steps down', () => {
    replicas.applyImage(imageOf(CLUSTER));
    const led = replicas.byTopicPartition('orders', 0)!;
    const flushIfDue = jest.spyOn(led.log, 'flushIfDue').mockImplementation(() => {
      throw new SamsaError('KAFKA_STORAGE_ERROR', 'log is offline after a failed fsync');
    });
    logs.start();
    clock.advance(1000);
    expect(flushIfDue).toHaveBeenCalled();
    expect(replicas.byTopicPartition('orders', 0)).toBeUndefined();
    expect(led.leader).toBeUndefined();
    expect(alterPartition.mock.calls[0]![0]).toMatchObject({ partition: 0, newIsr: [2] });
    // The failed log is out of the log manager: no more flushes of it, and no clean close.
    clock.advance(5000);
    expect(flushIfDue).toHaveBeenCalledTimes(1);
  });

  it('takes a led partition offline when an append fails, answering KAFKA_STORAGE_ERROR', async () => {
    replicas.applyImage(imageOf(CLUSTER));
    const led = replicas.byTopicPartition('orders', 3)!;
    jest.spyOn(led.log, 'appendAsLeader').mockImplementation(() => {
      throw new SamsaError('KAFKA_STORAGE_ERROR', 'append failed: EIO');
    });
    const batch = await encodeRecordBatch({ records: [{ key: null, value: Buffer.from('v') }] });
    const produced = await handleProduce(produceRequest(3, batch), { replicas, signals, image: () => imageOf(CLUSTER), clock });
    expect(produced.topics[0]!.partitions[0]).toMatchObject({ errorCode: ErrorCodes.KAFKA_STORAGE_ERROR.code });
    expect(replicas.offlineReason('orders', 3)).toMatch(/EIO/);
    expect(alterPartition.mock.calls[0]![0]).toMatchObject({ partition: 3, newIsr: [2] });
  });

  it('a follower whose append fails stops following; a corrupt batch does not take it offline', () => {
    replicas.applyImage(imageOf(CLUSTER));
    const follower = replicas.byTopicPartition('orders', 2)!;
    expect(replicas.onLogError(follower, new SamsaError('CORRUPT_MESSAGE', 'bad crc'))).toBe(false);
    expect(replicas.followersOf(2)).toEqual([follower]);
    expect(replicas.onLogError(follower, Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' }))).toBe(true);
    expect(replicas.followersOf(2)).toEqual([]);
    expect(alterPartition).not.toHaveBeenCalled();
  });

  it('takes nothing offline once stopped: the logs close under requests still finishing', () => {
    replicas.applyImage(imageOf(CLUSTER));
    replicas.stop();
    const led = replicas.byTopicPartition('orders', 0)!;
    expect(replicas.onLogError(led, new SamsaError('KAFKA_STORAGE_ERROR', 'log is closed'))).toBe(false);
    expect(replicas.offlineReason('orders', 0)).toBeUndefined();
  });
});

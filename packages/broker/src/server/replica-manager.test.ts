import { onePartitionController } from './test-support/one-partition-controller';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { silentLogger } from '@samsa/common';
import { type ControllerClient, MetadataImage, type MetadataRecord } from '@samsa/metadata';
import { SamsaError, encodeRecordBatch } from '@samsa/protocol';
import { LogManager } from './log-manager';
import { PartitionSignals } from './partition-signals';
import { ReplicaManager } from './replica-manager';
import { ManualClock } from '../time/manual-clock';

const listeners = [{ name: 'client', host: '127.0.0.1', port: 9092 }];

/** Broker 1 leads orders-0, replicated on brokers 1 and 2, both in the ISR. */
const CLUSTER: MetadataRecord[] = [
  { type: 'RegisterBroker', brokerId: 1, incarnationId: 'i1', brokerEpoch: 1, listeners, rack: null },
  { type: 'RegisterBroker', brokerId: 2, incarnationId: 'i2', brokerEpoch: 2, listeners, rack: null },
  { type: 'UnfenceBroker', brokerId: 1, brokerEpoch: 1 },
  { type: 'UnfenceBroker', brokerId: 2, brokerEpoch: 2 },
  { type: 'Topic', name: 'orders', topicId: 'T1' },
  { type: 'Partition', topicId: 'T1', partition: 0, replicas: [1, 2], isr: [1, 2], leader: 1, leaderEpoch: 0, partitionEpoch: 0, addingReplicas: [], removingReplicas: [] },
];

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('ReplicaManager timers', () => {
  let dataDirectory: string;
  let logs: LogManager;
  let clock: ManualClock;
  let alterPartition: jest.Mock;
  let replicas: ReplicaManager;

  beforeEach(() => {
    dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'samsa-replica-manager-'));
    logs = new LogManager({ dataDirectory, logger: silentLogger });
    clock = new ManualClock();
    alterPartition = jest.fn();
    const controller = onePartitionController(alterPartition);
    replicas = new ReplicaManager({ brokerId: 1, logs, signals: new PartitionSignals(clock), controller, brokerEpoch: () => 1, replicaLagTimeMaxMs: 1000, logger: silentLogger, clock });
    replicas.applyImage(CLUSTER.reduce((image, record) => image.apply(record, image.lastAppliedOffset + 1), MetadataImage.EMPTY));
  });

  afterEach(() => {
    replicas.stop();
    logs.close();
    fs.rmSync(dataDirectory, { recursive: true, force: true });
  });

  /** Follower 2 fetched everything at time 0; then the leader appends a record it never fetches. */
  async function followerFallsBehind(): Promise<void> {
    const replica = replicas.byTopicPartition('orders', 0)!;
    replica.appendAsLeader(await encodeRecordBatch({ records: [{ key: null, value: null }] }));
    replicas.onFollowerFetch(replica, 2, 1, 2);
    replica.appendAsLeader(await encodeRecordBatch({ records: [{ key: null, value: null }] }));
  }

  it('checks for lagging followers every quarter of the lag, once started', async () => {
    await followerFallsBehind();
    alterPartition.mockReturnValue(new Promise(() => undefined));
    clock.advance(5000);
    expect(alterPartition).not.toHaveBeenCalled(); // not started: nothing scheduled
    replicas.start();
    expect(clock.pendingCount).toBe(1);
    clock.advance(250); // 5250 ms since the follower caught up: past the 1000 ms lag
    expect(alterPartition).toHaveBeenCalledTimes(1);
    expect(alterPartition.mock.calls[0]![0]).toMatchObject({ newIsr: [1] });
  });

  it('resends an AlterPartition that failed transiently after a backoff, on the clock', async () => {
    await followerFallsBehind();
    alterPartition
      .mockRejectedValueOnce(new SamsaError('REQUEST_TIMED_OUT', 'no answer'))
      .mockResolvedValueOnce({ partition: { replicas: [1, 2], isr: [1], leader: 1, leaderEpoch: 0, partitionEpoch: 1 } });
    replicas.start();
    clock.advance(1000 + 250);
    await settle();
    expect(alterPartition).toHaveBeenCalledTimes(1);
    expect(clock.pendingCount).toBe(2); // the shrink check and the resend
    clock.advance(199);
    expect(alterPartition).toHaveBeenCalledTimes(1);
    clock.advance(1);
    expect(alterPartition).toHaveBeenCalledTimes(2);
    expect(alterPartition.mock.calls[1]![0]).toEqual(alterPartition.mock.calls[0]![0]);
    await settle();
    expect(replicas.byTopicPartition('orders', 0)!.leader!.isr).toEqual([1]);
  });

  it('does not resend a proposal that newer metadata replaced during the backoff', async () => {
    await followerFallsBehind();
    alterPartition.mockRejectedValueOnce(new SamsaError('REQUEST_TIMED_OUT', 'no answer')).mockReturnValue(new Promise(() => undefined));
    replicas.start();
    clock.advance(1250);
    await settle();
    const newer: MetadataRecord = { type: 'PartitionChange', topicId: 'T1', partition: 0, isr: [1] };
    replicas.applyImage([...CLUSTER, newer].reduce((image, record) => image.apply(record, image.lastAppliedOffset + 1), MetadataImage.EMPTY));
    clock.advance(200);
    expect(alterPartition).toHaveBeenCalledTimes(1);
  });

  it('leaves nothing scheduled after stop, a pending resend included', async () => {
    await followerFallsBehind();
    let fail!: (error: Error) => void;
    alterPartition.mockReturnValueOnce(new Promise((_, reject) => (fail = reject)));
    replicas.start();
    clock.advance(1250);
    expect(alterPartition).toHaveBeenCalledTimes(1);
    fail(new SamsaError('REQUEST_TIMED_OUT', 'no answer'));
    await settle();
    expect(clock.pendingCount).toBe(2);
    replicas.stop();
    expect(clock.pendingCount).toBe(0);
    clock.advance(10_000);
    expect(alterPartition).toHaveBeenCalledTimes(1);
  });

  it('resends an expansion answered with an unexpected error instead of dropping it (issue 9, finding 6)', async () => {
    // Broker 2 left the ISR; it catches up and the leader proposes it back.
    const shrunk: MetadataRecord = { type: 'PartitionChange', topicId: 'T1', partition: 0, isr: [1] };
    replicas.applyImage([...CLUSTER, shrunk].reduce((image, record) => image.apply(record, image.lastAppliedOffset + 1), MetadataImage.EMPTY));
    alterPartition.mockRejectedValueOnce(new SamsaError('UNKNOWN_SERVER_ERROR', 'controller failed after writing')).mockReturnValue(new Promise(() => undefined));
    const replica = replicas.byTopicPartition('orders', 0)!;
    replicas.onFollowerFetch(replica, 2, 0, 2);
    expect(alterPartition).toHaveBeenCalledTimes(1);
    await settle();
    expect(replica.leader!.maximalIsr).toEqual([1, 2]);
    clock.advance(200);
    expect(alterPartition).toHaveBeenCalledTimes(2);
    expect(alterPartition.mock.calls[1]![0]).toEqual(alterPartition.mock.calls[0]![0]);
  });

  it('sends the ISR members\' broker epochs with an expansion, its own included (KIP-903)', () => {
    const shrunk: MetadataRecord = { type: 'PartitionChange', topicId: 'T1', partition: 0, isr: [1] };
    replicas.applyImage([...CLUSTER, shrunk].reduce((image, record) => image.apply(record, image.lastAppliedOffset + 1), MetadataImage.EMPTY));
    alterPartition.mockReturnValue(new Promise(() => undefined));
    replicas.onFollowerFetch(replicas.byTopicPartition('orders', 0)!, 2, 0, 2);
    expect(alterPartition.mock.calls[0]![0]).toMatchObject({
      brokerEpoch: 1,
      newIsr: [1, 2],
      newIsrWithEpochs: [{ brokerId: 1, brokerEpoch: 1 }, { brokerId: 2, brokerEpoch: 2 }],
    });
  });

  it('ignores a fetch from an older broker epoch than the follower\'s registration (KIP-903)', () => {
    const shrunk: MetadataRecord = { type: 'PartitionChange', topicId: 'T1', partition: 0, isr: [1] };
    replicas.applyImage([...CLUSTER, shrunk].reduce((image, record) => image.apply(record, image.lastAppliedOffset + 1), MetadataImage.EMPTY));
    const replica = replicas.byTopicPartition('orders', 0)!;
    // Broker 2 is registered with epoch 2: a fetch of its epoch-1 process is from before a restart.
    replicas.onFollowerFetch(replica, 2, 0, 1);
    expect(replica.leader!.follower(2)).toMatchObject({ logEndOffset: -1, brokerEpoch: -1 });
    expect(alterPartition).not.toHaveBeenCalled();
  });

  it('schedules no resend for an answer that arrives after stop', async () => {
    await followerFallsBehind();
    let fail!: (error: Error) => void;
    alterPartition.mockReturnValueOnce(new Promise((_, reject) => (fail = reject)));
    replicas.start();
    clock.advance(1250);
    replicas.stop();
    fail(new SamsaError('REQUEST_TIMED_OUT', 'no answer'));
    await settle();
    expect(clock.pendingCount).toBe(0);
  });
});

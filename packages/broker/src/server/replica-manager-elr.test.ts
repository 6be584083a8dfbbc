import { onePartitionController } from './test-support/one-partition-controller';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { silentLogger } from '@samsa/common';
import { type ControllerClient, MetadataImage, type MetadataRecord } from '@samsa/metadata';
import { encodeRecordBatch } from '@samsa/protocol';
import { ManualClock } from '../time/manual-clock';
import { LogManager } from './log-manager';
import { PartitionSignals } from './partition-signals';
import { ReplicaManager } from './replica-manager';

/**
 * The broker's side of KIP-966 in the ReplicaManager: min.insync.replicas from the image
 * holds the high watermark back; a leader elected alone stores the high watermark it starts
 * with; and the logs of partitions waiting for a recovery election are reported.
 */
const listeners = [{ name: 'client', host: '127.0.0.1', port: 9092 }];
const KEY = { topic: 'orders', topicId: 'T1', partition: 0 };

function imageOf(partition: Partial<Extract<MetadataRecord, { type: 'Partition' }>>, configs: Record<string, string> = {}): MetadataImage {
  const records: MetadataRecord[] = [
    { type: 'RegisterBroker', brokerId: 1, incarnationId: 'i1', brokerEpoch: 1, listeners, rack: null },
    { type: 'RegisterBroker', brokerId: 2, incarnationId: 'i2', brokerEpoch: 2, listeners, rack: null },
    { type: 'UnfenceBroker', brokerId: 1, brokerEpoch: 1 },
    { type: 'Topic', name: 'orders', topicId: 'T1' },
    ...Object.entries(configs).map(([key, value]): MetadataRecord => ({ type: 'Config', resourceType: 'topic', name: 'orders', key, value })),
    { type: 'Partition', topicId: 'T1', partition: 0, replicas: [1, 2], isr: [1], leader: 1, leaderEpoch: 3, partitionEpoch: 5, addingReplicas: [], removingReplicas: [], ...partition },
  ];
  return records.reduce((image, record) => image.apply(record, image.lastAppliedOffset + 1), MetadataImage.EMPTY);
}

describe('ReplicaManager and eligible leader replicas (KIP-966)', () => {
  let dataDirectory: string;
  let logs: LogManager;
  let replicas: ReplicaManager;

  beforeEach(() => {
    dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'samsa-replica-manager-elr-'));
    logs = new LogManager({ dataDirectory, logger: silentLogger });
    const clock = new ManualClock();
    const controller = onePartitionController(jest.fn(() => new Promise(() => undefined)));
    replicas = new ReplicaManager({ brokerId: 1, logs, signals: new PartitionSignals(clock), controller, brokerEpoch: () => 1, replicaLagTimeMaxMs: 1000, logger: silentLogger, clock });
  });

  afterEach(() => {
    replicas.stop();
    logs.close();
    fs.rmSync(dataDirectory, { recursive: true, force: true });
  });

  /** Three records in the log, written under leader epoch 2, before this broker follows any metadata. */
  async function logWithThreeRecords() {
    const log = logs.open(KEY, {});
    log.appendAsLeader(await encodeRecordBatch({ records: [1, 2, 3].map((n) => ({ key: null, value: Buffer.from(String(n)) })) }), 2);
    return log;
  }

  it('stores the high watermark of a leader elected alone in its ISR at once, not at its next append', async () => {
    const log = await logWithThreeRecords();
    expect(log.highWatermark).toBe(0);
    replicas.applyImage(imageOf({}));
    expect(replicas.byTopicPartition('orders', 0)!.isLeader).toBe(true);
    expect(log.highWatermark).toBe(3);
  });

  it('holds the high watermark while the ISR is below the topic min.insync.replicas, and lets it go when that is lowered', async () => {
    const log = await logWithThreeRecords();
    replicas.applyImage(imageOf({}, { 'min.insync.replicas': '2' }));
    const replica = replicas.byTopicPartition('orders', 0)!;
    replica.appendAsLeader(await encodeRecordBatch({ records: [{ key: null, value: null }] }));
    expect(log.highWatermark).toBe(0);
    const lowered = imageOf({}, { 'min.insync.replicas': '2' });
    replicas.applyImage(lowered.apply({ type: 'Config', resourceType: 'topic', name: 'orders', key: 'min.insync.replicas', value: '1' }, lowered.lastAppliedOffset + 1));
    expect(log.highWatermark).toBe(4);
  });

  it('reports its log of a partition that waits for a recovery election, and of no other', async () => {
    await logWithThreeRecords();
    replicas.applyImage(imageOf({}));
    expect(replicas.recoveringReplicaLogs()).toEqual([]);
    replicas.applyImage(imageOf({ leader: -1, isr: [], elr: [], lastKnownElr: [1, 2] }));
    expect(replicas.recoveringReplicaLogs()).toEqual([{ topicId: 'T1', partition: 0, lastEpoch: 3, logEndOffset: 3 }]);
    replicas.applyImage(imageOf({ leader: -1, isr: [], elr: [2], lastKnownElr: [1] }));
    expect(replicas.recoveringReplicaLogs()).toEqual([]);
  });
});

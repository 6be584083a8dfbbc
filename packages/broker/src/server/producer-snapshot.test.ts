import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { silentLogger } from '@samsa/common';
import { SamsaError, encodeRecordBatch } from '@samsa/protocol';
import { PartitionLog } from '@samsa/storage';
import type { PartitionAssignment } from '../partition/partition-assignment';
import { ProducerStateManager } from '../producer-state/producer-state-manager';
import { LogManager } from './log-manager';
import { PartitionReplica } from './partition-replica';
import { PRODUCER_SNAPSHOT_FILE } from './producer-snapshot-file';

const PRODUCER = 4242n;
const KEY = { topic: 'orders', topicId: 'T1', partition: 0 };

function assignment(leaderEpoch: number): PartitionAssignment {
  return { replicas: [1], isr: [1], leader: 1, leaderEpoch, partitionEpoch: leaderEpoch };
}

/** A fresh encoding each time: the leader rewrites offsets and epoch in the buffer it appends. */
function batch(baseSequence: number, records: number, producerId = PRODUCER): Promise<Buffer> {
  const items = Array.from({ length: records }, (_, index) => ({ key: null, value: Buffer.from(`record-${baseSequence + index}`) }));
  return producerId < 0n
    ? encodeRecordBatch({ records: items })
    : encodeRecordBatch({ records: items, producerId, producerEpoch: 0, baseSequence });
}

/** Opens the partition as the broker does: log manager, replica, checkpoint hook, leadership. */
function openPartition(dataDirectory: string, leaderEpoch: number) {
  const logs = new LogManager({ dataDirectory, logger: silentLogger });
  const log = logs.open(KEY, {});
  const replica = new PartitionReplica(KEY.topic, KEY.topicId, KEY.partition, log, assignment(leaderEpoch), silentLogger);
  logs.attachCheckpointHook(KEY, () => replica.writeProducerSnapshot());
  replica.becomeLeader(1, assignment(leaderEpoch));
  return { logs, log, replica, snapshot: path.join(log.directory, PRODUCER_SNAPSHOT_FILE) };
}

function outOfOrder(error: unknown): boolean {
  return error instanceof SamsaError && error.code === 'OUT_OF_ORDER_SEQUENCE_NUMBER';
}

describe('producer state snapshots beside the log', () => {
  let dataDirectory: string;
  beforeEach(() => {
    dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'samsa-broker-snapshot-'));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    fs.rmSync(dataDirectory, { recursive: true, force: true });
  });

  /**
   * Appends sequences 0..2 @0..2, a non-idempotent batch @3..4, 3..4 @5..6, 5 @7: the
   * first batch of 3 records, then 2, then 1.
   */
  async function writeHistory(replica: PartitionReplica) {
    expect(replica.appendAsLeader(await batch(0, 3)).baseOffset).toBe(0);
    expect(replica.appendAsLeader(await batch(-1, 2, -1n)).baseOffset).toBe(3);
    expect(replica.appendAsLeader(await batch(3, 2)).baseOffset).toBe(5);
    expect(replica.appendAsLeader(await batch(5, 1)).baseOffset).toBe(7);
  }

  /** After a restart: retries are answered with their original offsets, a gap is refused, the next sequence is taken. */
  async function expectStateSurvived(replica: PartitionReplica) {
    expect(replica.appendAsLeader(await batch(3, 2))).toMatchObject({ baseOffset: 5, requiredOffset: 7, duplicate: true });
    expect(replica.appendAsLeader(await batch(0, 3))).toMatchObject({ baseOffset: 0, requiredOffset: 3, duplicate: true });
    expect(replica.appendAsLeader(await batch(5, 1))).toMatchObject({ baseOffset: 7, duplicate: true });
    const endBefore = replica.log.logEndOffset;
    let refused: unknown;
    try {
      replica.appendAsLeader(await batch(9, 1));
    } catch (error) {
      refused = error;
    }
    expect(outOfOrder(refused)).toBe(true);
    expect(replica.log.logEndOffset).toBe(endBefore);
    expect(replica.appendAsLeader(await batch(6, 2))).toMatchObject({ baseOffset: 8, duplicate: false });
  }

  it('writes the snapshot on a clean close and answers retries from it after a restart', async () => {
    const first = openPartition(dataDirectory, 0);
    await writeHistory(first.replica);
    first.logs.close();
    const snapshot = ProducerStateManager.fromSnapshot(fs.readFileSync(first.snapshot));
    expect(snapshot.endOffset).toBe(8);
    expect(snapshot.entry(PRODUCER)?.batches).toHaveLength(3);

    const read = jest.spyOn(PartitionLog.prototype, 'read');
    const second = openPartition(dataDirectory, 1);
    // Nothing after the snapshot's end offset: the log is not read at all.
    expect(read).not.toHaveBeenCalled();
    read.mockRestore();
    await expectStateSurvived(second.replica);
    second.logs.close();
  });

  it('rebuilds only the part of the log after the snapshot', async () => {
    const first = openPartition(dataDirectory, 0);
    expect(first.replica.appendAsLeader(await batch(0, 3)).baseOffset).toBe(0);
    expect(first.replica.appendAsLeader(await batch(-1, 2, -1n)).baseOffset).toBe(3);
    first.replica.writeProducerSnapshot(); // a periodic checkpoint, covering offsets below 5
    expect(first.replica.appendAsLeader(await batch(3, 2)).baseOffset).toBe(5);
    expect(first.replica.appendAsLeader(await batch(5, 1)).baseOffset).toBe(7);
    first.log.close(); // closed without the hook: the snapshot on disk still says 5
    expect(ProducerStateManager.fromSnapshot(fs.readFileSync(first.snapshot)).endOffset).toBe(5);

    const read = jest.spyOn(PartitionLog.prototype, 'read');
    const second = openPartition(dataDirectory, 1);
    expect(read.mock.calls.length).toBeGreaterThan(0);
    expect(Math.min(...read.mock.calls.map(([offset]) => offset))).toBe(5);
    read.mockRestore();
    await expectStateSurvived(second.replica);
    second.logs.close();
  });

  it('rebuilds from the whole log when the snapshot is missing', async () => {
    const first = openPartition(dataDirectory, 0);
    await writeHistory(first.replica);
    first.logs.close();
    fs.unlinkSync(first.snapshot);

    const second = openPartition(dataDirectory, 1);
    await expectStateSurvived(second.replica);
    second.logs.close();
    expect(ProducerStateManager.fromSnapshot(fs.readFileSync(second.snapshot)).endOffset).toBe(10);
  });

  it('rebuilds from the whole log when the snapshot is corrupted, and replaces it', async () => {
    const first = openPartition(dataDirectory, 0);
    await writeHistory(first.replica);
    first.logs.close();
    const bytes = fs.readFileSync(first.snapshot);
    bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 0xff;
    fs.writeFileSync(first.snapshot, bytes);

    const second = openPartition(dataDirectory, 1);
    expect(fs.existsSync(second.snapshot)).toBe(false);
    await expectStateSurvived(second.replica);
    second.logs.close();
    expect(ProducerStateManager.fromSnapshot(fs.readFileSync(second.snapshot)).endOffset).toBe(10);
  });

  it('ignores a snapshot that covers offsets past the log end', async () => {
    const first = openPartition(dataDirectory, 0);
    await writeHistory(first.replica);
    first.replica.writeProducerSnapshot();
    // The log loses its tail behind the replica's back (as an unflushed tail can in a crash).
    first.log.truncateTo(5);
    first.log.close();
    expect(ProducerStateManager.fromSnapshot(fs.readFileSync(first.snapshot)).endOffset).toBe(8);

    const second = openPartition(dataDirectory, 1);
    expect(fs.existsSync(second.snapshot)).toBe(false);
    // Rebuilt from the log: sequences 0..2 remain, 3..5 are gone and may be written again.
    expect(second.replica.appendAsLeader(await batch(0, 3))).toMatchObject({ baseOffset: 0, duplicate: true });
    expect(second.replica.appendAsLeader(await batch(3, 2))).toMatchObject({ baseOffset: 5, duplicate: false });
    second.logs.close();
  });

  it('deletes a snapshot that a truncation cuts into, and reloads one that it does not', async () => {
    const { replica, logs, snapshot } = openPartition(dataDirectory, 0);
    expect(replica.appendAsLeader(await batch(0, 3)).baseOffset).toBe(0);
    replica.writeProducerSnapshot(); // covers below 3
    await writeHistoryAfter(replica);
    replica.truncateTo(5); // keeps the snapshot at 3
    expect(ProducerStateManager.fromSnapshot(fs.readFileSync(snapshot)).endOffset).toBe(3);
    expect(replica.producers.endOffset).toBe(5);
    expect(replica.producers.entry(PRODUCER)?.batches).toEqual([{ firstSequence: 0, lastSequence: 2, firstOffset: 0, lastOffset: 2 }]);
    replica.writeProducerSnapshot(); // now covers below 5
    replica.truncateTo(2); // the batch 0..2 straddles 2 and goes whole: the log restarts empty
    expect(fs.existsSync(snapshot)).toBe(false);
    expect(replica.log.logEndOffset).toBe(0);
    expect(replica.producers.entry(PRODUCER)).toBeUndefined();
    logs.close();

    async function writeHistoryAfter(target: PartitionReplica) {
      expect(target.appendAsLeader(await batch(-1, 2, -1n)).baseOffset).toBe(3);
      expect(target.appendAsLeader(await batch(3, 2)).baseOffset).toBe(5);
    }
  });

  it('forgets the snapshot when the log restarts at a new offset', async () => {
    const { replica, logs, snapshot } = openPartition(dataDirectory, 0);
    await writeHistory(replica);
    replica.writeProducerSnapshot();
    replica.truncateFullyAndStartAt(100);
    expect(fs.existsSync(snapshot)).toBe(false);
    logs.close();
    // An empty state at the log start needs no snapshot: without one the restart rebuilds it
    // from the (empty) log, and finds none of the producers of the old one.
    expect(fs.existsSync(snapshot)).toBe(false);
    const reopened = openPartition(dataDirectory, 0);
    expect(reopened.replica.producers.endOffset).toBe(100);
    expect(reopened.replica.producers.entry(PRODUCER)).toBeUndefined();
    reopened.logs.close();
  });
});

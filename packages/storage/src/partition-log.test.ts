import * as fs from 'node:fs';
import * as path from 'node:path';
import { CompressionCodec, encodeRecordBatch, isSamsaError } from '@samsa/protocol';
import { PartitionLog } from './partition-log';
import { makeBatch, splitBatches, valuesOf } from './test-support/batches';
import { makeTempDirs } from './test-support/temp-dir';

const temp = makeTempDirs();
afterEach(() => temp.cleanup());

function values(count: number, prefix = 'v', sizeBytes = 0): Buffer[] {
  return Array.from({ length: count }, (_, index) => Buffer.from(`${prefix}${index}`.padEnd(sizeBytes, '.')));
}

function readAll(log: PartitionLog, from = log.logStartOffset): string[] {
  const out: string[] = [];
  let offset = from;
  while (offset < log.logEndOffset) {
    const result = log.read(offset, { maxBytes: 64 * 1024 });
    if (result.records.length === 0) break;
    for (const batch of splitBatches(result.records)) out.push(...valuesOf(batch.bytes));
    offset = result.lastOffset + 1;
  }
  return out;
}

describe('PartitionLog append and read', () => {
  it('assigns offsets from the log end and reads whole batches back', () => {
    const log = PartitionLog.open({ directory: temp.create() });
    const first = log.appendAsLeader(makeBatch({ values: values(3, 'a') }), 0);
    const second = log.appendAsLeader(makeBatch({ values: values(2, 'b') }), 0);
    expect(first).toMatchObject({ firstOffset: 0, lastOffset: 2, recordCount: 3, batchCount: 1 });
    expect(second).toMatchObject({ firstOffset: 3, lastOffset: 4 });
    expect(log.logEndOffset).toBe(5);
    const read = log.read(3, { maxBytes: 1024 });
    expect(read.firstOffset).toBe(3);
    expect(valuesOf(read.records)).toEqual(['b0', 'b1']);
    expect(readAll(log)).toEqual(['a0', 'a1', 'a2', 'b0', 'b1']);
    log.close();
  });

  it('returns the batch holding an offset from its middle, and nothing at the end', () => {
    const log = PartitionLog.open({ directory: temp.create() });
    log.appendAsLeader(makeBatch({ values: values(10) }), 0);
    expect(log.read(7, { maxBytes: 1 }).firstOffset).toBe(0);
    expect(log.read(10, { maxBytes: 100 }).records.length).toBe(0);
    log.close();
  });

  it('always returns at least one whole batch, and never more than maxBytes beyond it', () => {
    const log = PartitionLog.open({ directory: temp.create() });
    for (let index = 0; index < 5; index += 1) log.appendAsLeader(makeBatch({ values: values(1, `x${index}`, 1000) }), 0);
    const one = log.read(0, { maxBytes: 10 });
    expect(splitBatches(one.records)).toHaveLength(1);
    const some = log.read(0, { maxBytes: 3 * one.records.length + 5 });
    expect(splitBatches(some.records)).toHaveLength(3);
    log.close();
  });

  it('hides batches at or above maxOffsetExclusive (the high watermark)', () => {
    const log = PartitionLog.open({ directory: temp.create() });
    log.appendAsLeader(makeBatch({ values: values(2) }), 0);
    log.appendAsLeader(makeBatch({ values: values(2) }), 0);
    const read = log.read(0, { maxBytes: 1 << 20, maxOffsetExclusive: 2 });
    expect(read.lastOffset).toBe(1);
    expect(log.read(2, { maxBytes: 1 << 20, maxOffsetExclusive: 2 }).records.length).toBe(0);
    log.close();
  });

  it('answers OFFSET_OUT_OF_RANGE with the valid range', () => {
    const log = PartitionLog.open({ directory: temp.create() });
    log.appendAsLeader(makeBatch({ values: values(2) }), 0);
    expect(() => log.read(3, { maxBytes: 100 })).toThrow(/offset 3 is out of range: valid offsets are \[0, 2\]/);
    try {
      log.read(-1, { maxBytes: 100 });
    } catch (error) {
      expect(isSamsaError(error, 'OFFSET_OUT_OF_RANGE')).toBe(true);
    }
    log.close();
  });

  it('keeps follower offsets and epochs as the leader wrote them', () => {
    const leader = PartitionLog.open({ directory: temp.create() });
    leader.appendAsLeader(makeBatch({ values: values(2) }), 3);
    leader.appendAsLeader(makeBatch({ values: values(2) }), 5);
    const follower = PartitionLog.open({ directory: temp.create() });
    const fetched = leader.read(0, { maxBytes: 1 << 20 });
    follower.appendAsFollower(Buffer.from(fetched.records));
    expect(follower.logEndOffset).toBe(4);
    expect(follower.leaderEpochs).toEqual([{ epoch: 3, startOffset: 0 }, { epoch: 5, startOffset: 2 }]);
    expect(() => follower.appendAsFollower(Buffer.from(fetched.records))).toThrow(/below the expected 4/);
    leader.close();
    follower.close();
  });
});

describe('PartitionLog bad input changes nothing', () => {
  it('rejects a wrong CRC with CORRUPT_MESSAGE', () => {
    const log = PartitionLog.open({ directory: temp.create() });
    const batch = makeBatch({ values: values(3) });
    batch.writeUInt8(batch.readUInt8(batch.length - 1) ^ 0xff, batch.length - 1);
    expect(() => log.appendAsLeader(batch, 0)).toThrow(expect.objectContaining({ code: 'CORRUPT_MESSAGE' }));
    expect(log.logEndOffset).toBe(0);
    expect(log.sizeBytes).toBe(0);
    log.close();
  });

  it('rejects the whole request when one of several batches is bad', () => {
    const log = PartitionLog.open({ directory: temp.create() });
    const bad = makeBatch({ values: values(1) });
    bad.writeInt8(1, 16);
    const request = Buffer.concat([makeBatch({ values: values(2) }), bad]);
    expect(() => log.appendAsLeader(request, 0)).toThrow(/magic 1 is not 2/);
    expect(log.logEndOffset).toBe(0);
    log.close();
  });

  it('rejects batches over maxBatchBytes with MESSAGE_TOO_LARGE', () => {
    const log = PartitionLog.open({ directory: temp.create(), config: { maxBatchBytes: 1000 } });
    expect(() => log.appendAsLeader(makeBatch({ values: values(1, 'x', 2000) }), 0)).toThrow(
      expect.objectContaining({ code: 'MESSAGE_TOO_LARGE' }),
    );
    expect(log.logEndOffset).toBe(0);
    log.close();
  });

  it('rejects truncated and too-short batches with CORRUPT_MESSAGE', () => {
    const log = PartitionLog.open({ directory: temp.create() });
    const batch = makeBatch({ values: values(3) });
    expect(() => log.appendAsLeader(batch.subarray(0, batch.length - 1), 0)).toThrow(/runs past the end/);
    expect(() => log.appendAsLeader(batch.subarray(0, 30), 0)).toThrow(/shorter than a batch header/);
    expect(() => log.appendAsLeader(Buffer.alloc(0), 0)).toThrow(expect.objectContaining({ code: 'CORRUPT_MESSAGE' }));
    expect(log.logEndOffset).toBe(0);
    log.close();
  });
});

describe('PartitionLog segments', () => {
  it('rolls segments by size, names them by base offset, and reads across them', () => {
    const directory = temp.create();
    const log = PartitionLog.open({ directory, config: { segmentBytes: 4096 } });
    for (let index = 0; index < 20; index += 1) log.appendAsLeader(makeBatch({ values: values(2, `s${index}-`, 500) }), 0);
    expect(log.segmentCount).toBeGreaterThan(3);
    const names = fs.readdirSync(directory).filter((name) => name.endsWith('.log'));
    expect(names[0]).toBe('00000000000000000000.log');
    expect(names.every((name) => /^\d{20}\.log$/.test(name))).toBe(true);
    expect(readAll(log)).toHaveLength(40);
    log.close();
    const reopened = PartitionLog.open({ directory, config: { segmentBytes: 4096 } });
    expect(reopened.recoveryTruncatedBytes).toBe(0);
    expect(readAll(reopened)).toEqual(readAll(log === reopened ? log : reopened));
    expect(reopened.logEndOffset).toBe(40);
    reopened.close();
  });

  it('rolls segments by age', () => {
    let nowMs = 1_000_000;
    const log = PartitionLog.open({ directory: temp.create(), config: { segmentMs: 1000 }, clock: () => nowMs });
    log.appendAsLeader(makeBatch({ values: values(1), timestampMs: nowMs }), 0);
    nowMs += 500;
    log.appendAsLeader(makeBatch({ values: values(1), timestampMs: nowMs }), 0);
    expect(log.segmentCount).toBe(1);
    nowMs += 600;
    log.appendAsLeader(makeBatch({ values: values(1), timestampMs: nowMs }), 0);
    expect(log.segmentCount).toBe(2);
    log.close();
  });

  it('finds the first batch at or after a timestamp', () => {
    const log = PartitionLog.open({ directory: temp.create(), config: { segmentBytes: 2048, indexIntervalBytes: 100 } });
    for (let index = 0; index < 50; index += 1) {
      log.appendAsLeader(makeBatch({ values: values(1, `t${index}`, 100), timestampMs: 1000 + index * 10 }), 0);
    }
    expect(log.findBatchByTimestamp(1000 + 25 * 10)?.baseOffset).toBe(25);
    expect(log.findBatchByTimestamp(1000 + 25 * 10 - 3)?.baseOffset).toBe(25);
    expect(log.findBatchByTimestamp(0)?.baseOffset).toBe(0);
    expect(log.findBatchByTimestamp(99_999)).toBeUndefined();
    log.close();
  });

  it('resolves a timestamp to the exact record inside a compressed batch', async () => {
    const log = PartitionLog.open({ directory: temp.create() });
    const records = [30, 10, 50, 40].map((timestamp, index) => ({ key: null, value: Buffer.from(`r${index}`), headers: [], timestamp: BigInt(timestamp) }));
    log.appendAsLeader(makeBatch({ values: values(2), timestampMs: 5 }), 0);
    log.appendAsLeader(await encodeRecordBatch({ records, compression: CompressionCodec.Zstd }), 0);
    expect(await log.offsetForTimestamp(35)).toEqual({ offset: 4, timestampMs: 50 });
    expect(await log.offsetForTimestamp(10)).toEqual({ offset: 2, timestampMs: 30 });
    expect(await log.offsetForTimestamp(0)).toEqual({ offset: 0, timestampMs: 5 });
    expect(await log.offsetForTimestamp(51)).toBeUndefined();
    log.close();
  });
});

describe('PartitionLog truncation and leader epochs', () => {
  it('truncates a diverged tail and answers epoch end offsets', () => {
    const log = PartitionLog.open({ directory: temp.create(), config: { segmentBytes: 1024 } });
    for (let epoch = 1; epoch <= 3; epoch += 1) {
      for (let index = 0; index < 5; index += 1) log.appendAsLeader(makeBatch({ values: values(2, `e${epoch}`, 100) }), epoch);
    }
    expect(log.endOffsetForEpoch(1)).toEqual({ epoch: 1, endOffset: 10 });
    expect(log.endOffsetForEpoch(2)).toEqual({ epoch: 2, endOffset: 20 });
    expect(log.endOffsetForEpoch(3)).toEqual({ epoch: 3, endOffset: 30 });
    // Kafka's answers: an epoch newer than every known one is undefined; an older one ends
    // where the first known epoch starts.
    expect(log.endOffsetForEpoch(9)).toEqual({ epoch: -1, endOffset: -1 });
    expect(log.endOffsetForEpoch(0)).toEqual({ epoch: 0, endOffset: 0 });
    log.truncateTo(14);
    expect(log.logEndOffset).toBe(14);
    expect(log.endOffsetForEpoch(2)).toEqual({ epoch: 2, endOffset: 14 });
    log.appendAsLeader(makeBatch({ values: values(1, 'new') }), 4);
    expect(readAll(log).slice(-2).map((value) => value.replace(/\.+$/, ''))).toEqual(['e21', 'new0']);
    log.truncateTo(3);
    expect(log.logEndOffset).toBe(2);
    expect(log.leaderEpochs).toEqual([{ epoch: 1, startOffset: 0 }]);
    log.close();
  });

  it('restarts empty at an offset for a follower far behind', () => {
    const log = PartitionLog.open({ directory: temp.create() });
    log.appendAsLeader(makeBatch({ values: values(3) }), 0);
    log.truncateFullyAndStartAt(100);
    expect(log.logStartOffset).toBe(100);
    expect(log.logEndOffset).toBe(100);
    expect(() => log.read(0, { maxBytes: 10 })).toThrow(/valid offsets are \[100, 100\]/);
    log.appendAsFollower(makeBatch({ values: values(2), baseOffset: 100, partitionLeaderEpoch: 7 }));
    expect(log.logEndOffset).toBe(102);
    log.close();
  });
});

describe('PartitionLog retention', () => {
  function fill(log: PartitionLog, count: number, timestampMs: number) {
    for (let index = 0; index < count; index += 1) log.appendAsLeader(makeBatch({ values: values(1, 'r', 400), timestampMs }), 0);
  }

  it('deletes whole expired segments by time, never the active one nor past the high watermark', () => {
    let nowMs = 10_000_000;
    const log = PartitionLog.open({ directory: temp.create(), config: { segmentBytes: 1024, retentionMs: 1000 }, clock: () => nowMs });
    fill(log, 10, nowMs);
    const segments = log.segmentCount;
    nowMs += 5000;
    expect(log.applyRetention()).toBe(0);
    log.updateHighWatermark(4);
    const deleted = log.applyRetention();
    expect(deleted).toBeGreaterThan(0);
    expect(log.logStartOffset).toBeLessThanOrEqual(4);
    log.updateHighWatermark(log.logEndOffset);
    log.applyRetention();
    expect(log.segmentCount).toBe(1);
    expect(segments).toBeGreaterThan(2);
    expect(() => log.read(0, { maxBytes: 10 })).toThrow(expect.objectContaining({ code: 'OFFSET_OUT_OF_RANGE' }));
    log.close();
  });

  it('deletes the oldest segments while the log stays over retentionBytes', () => {
    const log = PartitionLog.open({ directory: temp.create(), config: { segmentBytes: 1024, retentionBytes: 2048 } });
    fill(log, 20, Date.now());
    log.updateHighWatermark(log.logEndOffset);
    log.applyRetention();
    expect(log.sizeBytes).toBeGreaterThanOrEqual(2048);
    expect(log.sizeBytes).toBeLessThan(2048 + 1024);
    expect(readAll(log).length).toBe(log.logEndOffset - log.logStartOffset);
    log.close();
  });
});

describe('PartitionLog persistence', () => {
  it('keeps log start, high watermark and epochs across a clean restart', () => {
    const directory = temp.create();
    const log = PartitionLog.open({ directory, config: { segmentBytes: 1024 } });
    for (let index = 0; index < 12; index += 1) log.appendAsLeader(makeBatch({ values: values(1, 'p', 300) }), 2);
    log.updateHighWatermark(10);
    log.advanceLogStartOffset(5);
    log.close();
    expect(fs.existsSync(path.join(directory, '.clean-shutdown'))).toBe(true);
    const reopened = PartitionLog.open({ directory, config: { segmentBytes: 1024 } });
    expect(fs.existsSync(path.join(directory, '.clean-shutdown'))).toBe(false);
    expect(reopened.logStartOffset).toBe(5);
    expect(reopened.highWatermark).toBe(10);
    expect(reopened.logEndOffset).toBe(12);
    expect(reopened.leaderEpochs).toEqual([{ epoch: 2, startOffset: 5 }]);
    reopened.close();
  });

  it('fsyncs on every append when flushMessages is 1', () => {
    const log = PartitionLog.open({ directory: temp.create(), config: { flushMessages: 1 } });
    log.appendAsLeader(makeBatch({ values: values(2) }), 0);
    expect(log.recoveryPoint).toBe(2);
    log.close();
  });

  it('leaves the recovery point alone by default, like Kafka', () => {
    const log = PartitionLog.open({ directory: temp.create() });
    log.appendAsLeader(makeBatch({ values: values(2) }), 0);
    expect(log.recoveryPoint).toBe(0);
    log.flush();
    expect(log.recoveryPoint).toBe(2);
    log.close();
  });
});

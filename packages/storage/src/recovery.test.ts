import * as fs from 'node:fs';
import * as path from 'node:path';
import { PartitionLog } from './partition-log';
import { makeBatch, splitBatches, valuesOf } from './test-support/batches';
import { FaultyFileSystem } from './test-support/faulty-file-system';
import { makeTempDirs } from './test-support/temp-dir';

const temp = makeTempDirs();
afterEach(() => temp.cleanup());

const config = { segmentBytes: 2048, indexIntervalBytes: 128 };

/** Writes `count` one-record batches and stops uncleanly (no flush, no marker). */
function writeUnclean(directory: string, count: number): void {
  const log = PartitionLog.open({ directory, config });
  for (let index = 0; index < count; index += 1) log.appendAsLeader(makeBatch({ values: [Buffer.from(`value-${index}`.padEnd(200, '.'))] }), 1);
  log.abandon();
}

function allValues(log: PartitionLog): string[] {
  const out: string[] = [];
  for (let offset = log.logStartOffset; offset < log.logEndOffset; ) {
    const read = log.read(offset, { maxBytes: 1 << 20 });
    for (const batch of splitBatches(read.records)) out.push(...valuesOf(batch.bytes).map((value) => value.replace(/\.+$/, '')));
    offset = read.lastOffset + 1;
  }
  return out;
}

const expected = (count: number) => Array.from({ length: count }, (_, index) => `value-${index}`);

function segmentFiles(directory: string, extension: string): string[] {
  return fs.readdirSync(directory).filter((name) => name.endsWith(extension)).sort().map((name) => path.join(directory, name));
}

describe('recovery after an unclean stop', () => {
  it('keeps every valid batch and rebuilds the indexes', () => {
    const directory = temp.create();
    writeUnclean(directory, 30);
    const log = PartitionLog.open({ directory, config });
    expect(log.recoveryTruncatedBytes).toBe(0);
    expect(allValues(log)).toEqual(expected(30));
    expect(log.leaderEpochs).toEqual([{ epoch: 1, startOffset: 0 }]);
    log.close();
  });

  it('cuts a torn tail (a half-written batch) and logs the bytes it removed', () => {
    const directory = temp.create();
    writeUnclean(directory, 20);
    const last = segmentFiles(directory, '.log').at(-1)!;
    const size = fs.statSync(last).size;
    fs.truncateSync(last, size - 50);
    const warnings: unknown[] = [];
    const logger = { warn: (object: unknown) => warnings.push(object), info() {}, debug() {}, error() {} };
    const log = PartitionLog.open({ directory, config, logger: logger as never });
    const lastBatchBytes = makeBatch({ values: [Buffer.from('value-19'.padEnd(200, '.'))] }).length;
    expect(log.recoveryTruncatedBytes).toBe(lastBatchBytes - 50);
    expect(allValues(log)).toEqual(expected(19));
    expect(warnings).toContainEqual(expect.objectContaining({ truncatedBytes: log.recoveryTruncatedBytes }));
    log.appendAsLeader(makeBatch({ values: [Buffer.from('after')] }), 2);
    expect(log.logEndOffset).toBe(20);
    log.close();
  });

  it('cuts at a flipped byte inside a batch and drops the segments after it', () => {
    const directory = temp.create();
    writeUnclean(directory, 40);
    const logs = segmentFiles(directory, '.log');
    expect(logs.length).toBeGreaterThan(2);
    const target = logs[1]!;
    const bytes = fs.readFileSync(target);
    const firstBatchSize = bytes.readInt32BE(8) + 12;
    bytes.writeUInt8(bytes.readUInt8(firstBatchSize + 100) ^ 0x01, firstBatchSize + 100);
    fs.writeFileSync(target, bytes);
    // The damaged segment is past the recovery point only if nothing flushed it; make sure
    // by removing the checkpoint, as after a crash before any checkpoint was written.
    fs.rmSync(path.join(directory, 'partition.checkpoint'), { force: true });
    const log = PartitionLog.open({ directory, config });
    const baseOfDamaged = Number(path.basename(target, '.log'));
    expect(log.logEndOffset).toBe(baseOfDamaged + 1);
    expect(allValues(log)).toEqual(expected(baseOfDamaged + 1));
    expect(segmentFiles(directory, '.log')).toHaveLength(2);
    log.close();
  });

  it('removes garbage appended after the last batch', () => {
    const directory = temp.create();
    writeUnclean(directory, 5);
    const last = segmentFiles(directory, '.log').at(-1)!;
    fs.appendFileSync(last, Buffer.from('this is not a record batch, just noise'.repeat(3)));
    const log = PartitionLog.open({ directory, config });
    expect(log.recoveryTruncatedBytes).toBe(114);
    expect(allValues(log)).toEqual(expected(5));
    log.close();
  });

  it('rebuilds a deleted or damaged index after a clean stop', () => {
    const directory = temp.create();
    const log = PartitionLog.open({ directory, config });
    for (let index = 0; index < 40; index += 1) log.appendAsLeader(makeBatch({ values: [Buffer.from(`value-${index}`.padEnd(200, '.'))] }), 1);
    log.close();
    const indexes = segmentFiles(directory, '.index');
    fs.rmSync(indexes[0]!);
    fs.writeFileSync(indexes[1]!, Buffer.from([1, 2, 3]));
    fs.rmSync(segmentFiles(directory, '.timeindex')[2]!);
    const reopened = PartitionLog.open({ directory, config });
    expect(allValues(reopened)).toEqual(expected(40));
    for (let offset = 0; offset < 40; offset += 1) {
      expect(reopened.read(offset, { maxBytes: 1 }).firstOffset).toBe(offset);
    }
    expect(fs.existsSync(indexes[0]!)).toBe(true);
    reopened.close();
  });

  it('treats an index whose entries point at nothing as damaged', () => {
    const directory = temp.create();
    const log = PartitionLog.open({ directory, config: { ...config, segmentBytes: 1 << 20 } });
    for (let index = 0; index < 40; index += 1) log.appendAsLeader(makeBatch({ values: [Buffer.from(`value-${index}`.padEnd(200, '.'))] }), 1);
    log.close();
    const index = segmentFiles(directory, '.index')[0]!;
    const bytes = fs.readFileSync(index);
    bytes.writeInt32BE(bytes.readInt32BE(bytes.length - 4) + 3, bytes.length - 4);
    fs.writeFileSync(index, bytes);
    const reopened = PartitionLog.open({ directory, config: { ...config, segmentBytes: 1 << 20 } });
    expect(allValues(reopened)).toEqual(expected(40));
    reopened.close();
  });

  it('trusts a clean shutdown and scans nothing', () => {
    const directory = temp.create();
    const log = PartitionLog.open({ directory, config });
    for (let index = 0; index < 10; index += 1) log.appendAsLeader(makeBatch({ values: [Buffer.from(`value-${index}`)] }), 1);
    log.close();
    const reopened = PartitionLog.open({ directory, config });
    expect(reopened.recoveryTruncatedBytes).toBe(0);
    expect(reopened.recoveryPoint).toBe(10);
    expect(allValues(reopened)).toEqual(expected(10));
    reopened.close();
  });
});

describe('a full disk', () => {
  it('fails the append with KAFKA_STORAGE_ERROR, keeps the log consistent, and recovers when space returns', () => {
    const directory = temp.create();
    const fileSystem = new FaultyFileSystem();
    const log = PartitionLog.open({ directory, config, fileSystem });
    for (let index = 0; index < 3; index += 1) log.appendAsLeader(makeBatch({ values: [Buffer.from(`value-${index}`)] }), 1);
    fileSystem.full = true;
    fileSystem.bytesBeforeFull = 17;
    expect(() => log.appendAsLeader(makeBatch({ values: [Buffer.from('lost')] }), 1)).toThrow(
      expect.objectContaining({ code: 'KAFKA_STORAGE_ERROR', retriable: true }),
    );
    expect(fileSystem.failedWrites).toBe(1);
    expect(log.logEndOffset).toBe(3);
    expect(allValues(log)).toEqual(expected(3));
    fileSystem.full = false;
    log.appendAsLeader(makeBatch({ values: [Buffer.from('value-3')] }), 1);
    expect(allValues(log)).toEqual(expected(4));
    log.close();
    const reopened = PartitionLog.open({ directory, config });
    expect(allValues(reopened)).toEqual(expected(4));
    reopened.close();
  });

  it('fails a roll cleanly and rolls once space returns', () => {
    const directory = temp.create();
    const fileSystem = new FaultyFileSystem();
    const log = PartitionLog.open({ directory, config: { ...config, segmentBytes: 600 }, fileSystem });
    log.appendAsLeader(makeBatch({ values: [Buffer.from('value-0'.padEnd(400, '.'))] }), 1);
    fileSystem.full = true;
    expect(() => log.appendAsLeader(makeBatch({ values: [Buffer.from('x'.repeat(400))] }), 1)).toThrow(
      expect.objectContaining({ code: 'KAFKA_STORAGE_ERROR' }),
    );
    expect(log.logEndOffset).toBe(1);
    fileSystem.full = false;
    log.appendAsLeader(makeBatch({ values: [Buffer.from('value-1'.padEnd(400, '.'))] }), 1);
    expect(log.segmentCount).toBe(2);
    expect(allValues(log)).toEqual(expected(2));
    log.close();
  });
});

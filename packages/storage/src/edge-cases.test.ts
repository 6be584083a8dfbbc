/**
 * Edge cases found in review: full disks mid-append, full indexes, epoch answers, truncation
 * with gaps, retention of an idle partition, producer batch checks, file handles on failure
 * paths, fsync failures, and offsets far past a segment base.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BatchLayout, computeBatchCrc } from '@samsa/protocol';
import { type FileSystem, nodeFileSystem } from './file-system';
import { LeaderEpochCache } from './leader-epoch-cache';
import { PartitionLog } from './partition-log';
import { makeBatch, splitBatches, valuesOf } from './test-support/batches';
import { FaultyFileSystem } from './test-support/faulty-file-system';
import { makeTempDirs } from './test-support/temp-dir';

const temp = makeTempDirs();
afterEach(() => temp.cleanup());

function batchOf(value: string, timestampMs = 1_700_000_000_000, extra: { baseOffset?: number; partitionLeaderEpoch?: number } = {}): Buffer {
  return makeBatch({ values: [Buffer.from(value)], timestampMs, ...extra });
}

function readAll(log: PartitionLog): string[] {
  const out: string[] = [];
  let offset = log.logStartOffset;
  while (offset < log.logEndOffset) {
    const result = log.read(offset, { maxBytes: 1 << 20 });
    if (result.records.length === 0) break;
    for (const batch of splitBatches(result.records)) out.push(...valuesOf(batch.bytes));
    offset = result.lastOffset + 1;
  }
  return out;
}

/** A real file system that counts open descriptors and can inject faults. */
class TrackingFileSystem implements FileSystem {
  readonly open = new Map<number, string>();
  failOpen: ((path: string, flags: string) => boolean) | undefined;
  failFdatasync = 0;

  openSync(file: string, flags: string): number {
    if (this.failOpen?.(file, flags)) {
      throw Object.assign(new Error(`ENOSPC: no space left on device, open '${file}'`), { code: 'ENOSPC' });
    }
    const fd = nodeFileSystem.openSync(file, flags);
    this.open.set(fd, file);
    return fd;
  }

  closeSync(fd: number): void {
    nodeFileSystem.closeSync(fd);
    this.open.delete(fd);
  }

  fdatasyncSync(fd: number): void {
    if (this.failFdatasync > 0) {
      this.failFdatasync -= 1;
      throw Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
    }
    nodeFileSystem.fdatasyncSync(fd);
  }

  writeSync = nodeFileSystem.writeSync;
  readSync = nodeFileSystem.readSync;
  fsyncSync = nodeFileSystem.fsyncSync;
  ftruncateSync = nodeFileSystem.ftruncateSync;
  fstatSizeBytes = nodeFileSystem.fstatSizeBytes;
  readdirSync = nodeFileSystem.readdirSync;
  existsSync = nodeFileSystem.existsSync;
  unlinkSync = nodeFileSystem.unlinkSync;
  renameSync = nodeFileSystem.renameSync;
  mkdirSync = nodeFileSystem.mkdirSync;
  rmSync = nodeFileSystem.rmSync;
  readFileSync = nodeFileSystem.readFileSync;
}

describe('full disk', () => {
  it('an index flush that hits ENOSPC inside append neither fails the append nor corrupts the segment', () => {
    // The offset index writes its pending entries in bulk (every 512) during an append; a
    // failure there leaves them pending instead of failing a batch that is already written.
    const directory = temp.create();
    const fileSystem = new FaultyFileSystem();
    const config = { indexIntervalBytes: 0 };
    const log = PartitionLog.open({ directory, config, fileSystem });
    const expected: string[] = [];
    for (let index = 0; index < 512; index += 1) {
      log.appendAsLeader(batchOf(`v${index}`), 1);
      expected.push(`v${index}`);
    }
    const trigger = batchOf('lost');
    fileSystem.full = true;
    fileSystem.bytesBeforeFull = trigger.length; // the log write succeeds, the index write fails
    log.appendAsLeader(trigger, 1);
    expected.push('lost');
    fileSystem.full = false;
    expect(log.logEndOffset).toBe(513);
    log.appendAsLeader(batchOf('after'), 1);
    expected.push('after');
    expect(readAll(log)).toEqual(expected);
    log.close();
    const reopened = PartitionLog.open({ directory, config });
    expect(readAll(reopened)).toEqual(expected);
    reopened.close();
  });

  it('a full disk while recording a new leader epoch fails with KAFKA_STORAGE_ERROR', () => {
    const fileSystem = new FaultyFileSystem();
    const log = PartitionLog.open({ directory: temp.create(), fileSystem });
    log.appendAsLeader(batchOf('a'), 1);
    fileSystem.full = true;
    expect(() => log.appendAsLeader(batchOf('b'), 2)).toThrow(expect.objectContaining({ code: 'KAFKA_STORAGE_ERROR' }));
    fileSystem.full = false;
    log.close();
  });

  it('a leader epoch whose checkpoint write hit ENOSPC is not lost once space returns', () => {
    const directory = temp.create();
    const fileSystem = new FaultyFileSystem();
    const log = PartitionLog.open({ directory, fileSystem });
    for (let index = 0; index < 3; index += 1) log.appendAsLeader(batchOf(`a${index}`), 1);
    fileSystem.full = true;
    expect(() => log.appendAsLeader(batchOf('b0'), 2)).toThrow();
    fileSystem.full = false;
    log.appendAsLeader(batchOf('b0'), 2);
    log.appendAsLeader(batchOf('b1'), 2);
    expect(log.leaderEpochs).toEqual([{ epoch: 1, startOffset: 0 }, { epoch: 2, startOffset: 3 }]);
    log.close();
    // After a clean stop the epoch file is trusted and no segment is rescanned.
    const reopened = PartitionLog.open({ directory });
    expect(reopened.leaderEpochs).toEqual([{ epoch: 1, startOffset: 0 }, { epoch: 2, startOffset: 3 }]);
    // KIP-101: a follower whose last epoch is 1 must be told epoch 1 ends at 3, not at 5.
    expect(reopened.endOffsetForEpoch(1)).toEqual({ epoch: 1, endOffset: 3 });
    reopened.close();
  });
});

describe('index capacity', () => {
  it('a multi-batch append that fills the time index midway neither throws nor corrupts the segment', () => {
    // segmentIndexBytes 32: the time index holds 2 entries, the offset index 4.
    const log = PartitionLog.open({ directory: temp.create(), config: { segmentIndexBytes: 32, indexIntervalBytes: 0 } });
    const request = Buffer.concat([0, 1, 2, 3].map((index) => batchOf(`m${index}`, 1000 + index)));
    expect(() => log.appendAsLeader(request, 1)).not.toThrow();
    expect(log.logEndOffset).toBe(4);
    expect(readAll(log)).toEqual(['m0', 'm1', 'm2', 'm3']);
    log.close();
  });

  it('rolls a segment whose time index is full even when a newer timestamp arrived after the last entry', () => {
    const log = PartitionLog.open({ directory: temp.create(), config: { segmentIndexBytes: 32, indexIntervalBytes: 100 } });
    const size = batchOf('x').length;
    expect(size).toBeGreaterThan(50); // one batch stays under the interval, two go over it
    expect(size).toBeLessThanOrEqual(100);
    for (let index = 0; index < 4; index += 1) log.appendAsLeader(batchOf(`x${index}`, 1000 + index), 1);
    // This append writes the second (last) time index entry, then a batch with a newer
    // timestamp that gets no index entry.
    log.appendAsLeader(Buffer.concat([batchOf('x4', 1004), batchOf('x5', 1005)]), 1);
    // The index is full, so this append rolls; the roll adds the final time index entry.
    expect(() => log.appendAsLeader(batchOf('x6', 1006), 1)).not.toThrow();
    expect(log.segmentCount).toBe(2);
    expect(readAll(log)).toEqual(['x0', 'x1', 'x2', 'x3', 'x4', 'x5', 'x6']);
    log.close();
  });

  it('opens a log after segmentIndexBytes was lowered (Kafka allows changing segment.index.bytes)', () => {
    const directory = temp.create();
    const log = PartitionLog.open({ directory, config: { indexIntervalBytes: 0 } });
    for (let index = 0; index < 10; index += 1) log.appendAsLeader(batchOf(`c${index}`, 1000 + index), 1);
    log.close();
    let reopened: PartitionLog | undefined;
    expect(() => {
      reopened = PartitionLog.open({ directory, config: { indexIntervalBytes: 0, segmentIndexBytes: 32 } });
    }).not.toThrow();
    expect(readAll(reopened!)).toEqual(Array.from({ length: 10 }, (_, index) => `c${index}`));
    reopened!.close();
  });
});

describe('find by timestamp', () => {
  it('finds batches at or after the log start when the log start is inside the segment', () => {
    const log = PartitionLog.open({ directory: temp.create() });
    for (let index = 0; index < 10; index += 1) log.appendAsLeader(batchOf(`t${index}`, 1000 + index * 10), 1);
    log.updateHighWatermark(10);
    log.advanceLogStartOffset(5);
    // Every remaining record is newer than 1000, so the answer is the first batch kept.
    expect(log.findBatchByTimestamp(1000)?.baseOffset).toBe(5);
    expect(log.findBatchByTimestamp(1030)?.baseOffset).toBe(5);
    expect(log.findBatchByTimestamp(1070)?.baseOffset).toBe(7);
    log.close();
  });
});

describe('leader epochs (KIP-101 / KIP-279)', () => {
  it('answers an epoch older than every known epoch with that epoch and the first known start offset', () => {
    const log = PartitionLog.open({ directory: temp.create() });
    for (let index = 0; index < 5; index += 1) log.appendAsLeader(batchOf(`e3-${index}`), 3);
    for (let index = 0; index < 5; index += 1) log.appendAsLeader(batchOf(`e5-${index}`), 5);
    // Kafka's LeaderEpochFileCache.endOffsetFor: no floor entry, a higher entry exists ->
    // (requestedEpoch, higherEntry.startOffset), so the follower truncates to 0 instead of
    // getting UNDEFINED and falling back to its high watermark.
    expect(log.endOffsetForEpoch(1)).toEqual({ epoch: 1, endOffset: 0 });
    log.close();
  });
});

describe('truncation', () => {
  it('truncateTo never leaves the log end above the truncation offset', () => {
    const log = PartitionLog.open({ directory: temp.create() });
    log.appendAsFollower(makeBatch({ values: [Buffer.from('a'), Buffer.from('b')], baseOffset: 0, partitionLeaderEpoch: 1 }));
    // A follower batch after a gap (the leader's log had no offsets 2..9).
    log.appendAsFollower(makeBatch({ values: [Buffer.from('c'), Buffer.from('d')], baseOffset: 10, partitionLeaderEpoch: 1 }));
    log.truncateTo(7);
    expect(log.logEndOffset).toBeLessThanOrEqual(7);
    log.close();
  });
});

describe('truncation below a mid-batch log start', () => {
  it('truncateTo keeps logStartOffset <= logEndOffset when the batch holding the log start goes', () => {
    const log = PartitionLog.open({ directory: temp.create() });
    log.appendAsLeader(makeBatch({ values: Array.from({ length: 10 }, (_, index) => Buffer.from(`b${index}`)) }), 1);
    log.updateHighWatermark(10);
    log.advanceLogStartOffset(5); // DeleteRecords may stop inside a batch
    log.truncateTo(7); // removes the whole batch 0..9
    expect(log.logStartOffset).toBeLessThanOrEqual(log.logEndOffset);
    expect(log.highWatermark).toBeGreaterThanOrEqual(log.logStartOffset);
    expect(log.highWatermark).toBeLessThanOrEqual(log.logEndOffset);
    log.close();
  });
});

describe('retention of the active segment', () => {
  it('expires data in the active segment of an idle partition, as Kafka does (it rolls, then deletes)', () => {
    let nowMs = 10_000_000;
    const log = PartitionLog.open({ directory: temp.create(), config: { retentionMs: 1000 }, clock: () => nowMs });
    for (let index = 0; index < 3; index += 1) log.appendAsLeader(batchOf(`old${index}`, nowMs), 1);
    log.updateHighWatermark(log.logEndOffset);
    nowMs += 60_000; // a minute later, everything is 60x past retention.ms and nothing new came
    log.applyRetention();
    expect(log.logStartOffset).toBe(3);
    expect(log.logEndOffset).toBe(3);
    expect(log.sizeBytes).toBe(0);
    log.close();
  });
});

describe('producer batch validation', () => {
  function withLastOffsetDelta(batch: Buffer, lastOffsetDelta: number, recordCount?: number): Buffer {
    batch.writeInt32BE(lastOffsetDelta, BatchLayout.lastOffsetDelta);
    if (recordCount !== undefined) batch.writeInt32BE(recordCount, BatchLayout.recordCount);
    batch.writeUInt32BE(computeBatchCrc(batch), BatchLayout.crc);
    return batch;
  }

  it('rejects a producer batch whose record count does not match its offset range', () => {
    const log = PartitionLog.open({ directory: temp.create() });
    // One record claiming five offsets: Kafka's LogValidator rejects "Inconsistent batch
    // offset range and record count"; here it would burn offsets 1..4.
    expect(() => log.appendAsLeader(withLastOffsetDelta(batchOf('one'), 4), 1)).toThrow(
      expect.objectContaining({ code: 'CORRUPT_MESSAGE' }),
    );
    expect(log.logEndOffset).toBe(0);
    log.close();
  });

  it('rejects a producer batch with no records', () => {
    const log = PartitionLog.open({ directory: temp.create() });
    expect(() => log.appendAsLeader(withLastOffsetDelta(batchOf('x'), 0, 0), 1)).toThrow(
      expect.objectContaining({ code: 'CORRUPT_MESSAGE' }),
    );
    expect(log.logEndOffset).toBe(0);
    log.close();
  });
});

describe('file descriptors and fsync failures', () => {
  it('a roll that fails to create the new segment leaks no file descriptor', () => {
    const fileSystem = new TrackingFileSystem();
    const log = PartitionLog.open({ directory: temp.create(), config: { segmentBytes: 600 }, fileSystem });
    log.appendAsLeader(batchOf('r0'.padEnd(400, '.')), 1);
    const openBefore = fileSystem.open.size;
    fileSystem.failOpen = (file, flags) => file.endsWith('.index') && flags === 'w';
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect(() => log.appendAsLeader(batchOf('r1'.padEnd(400, '.')), 1)).toThrow();
    }
    expect([...fileSystem.open.values()]).toHaveLength(openBefore);
    fileSystem.failOpen = undefined;
    log.appendAsLeader(batchOf('r1'.padEnd(400, '.')), 1);
    expect(log.segmentCount).toBe(2);
    log.close();
  });

  it('close() releases file descriptors even when its final flush fails', () => {
    const fileSystem = new TrackingFileSystem();
    const log = PartitionLog.open({ directory: temp.create(), config: { segmentBytes: 600 }, fileSystem });
    for (let index = 0; index < 4; index += 1) log.appendAsLeader(batchOf(`f${index}`.padEnd(400, '.')), 1);
    fileSystem.failFdatasync = 1;
    expect(() => log.close()).toThrow();
    expect([...fileSystem.open.values()]).toEqual([]);
  });

  it('after an fsync failure the log stops accepting writes instead of later claiming durability', () => {
    // After a failed fsync the kernel may have dropped the dirty pages; a later fsync that
    // succeeds proves nothing (PostgreSQL's "fsyncgate"). Kafka takes the log dir offline.
    const fileSystem = new TrackingFileSystem();
    const log = PartitionLog.open({ directory: temp.create(), fileSystem });
    log.appendAsLeader(batchOf('s0'), 1);
    fileSystem.failFdatasync = 1;
    expect(() => log.flush()).toThrow(expect.objectContaining({ code: 'KAFKA_STORAGE_ERROR' }));
    expect(() => log.flush()).toThrow(expect.objectContaining({ code: 'KAFKA_STORAGE_ERROR' }));
    expect(log.recoveryPoint).toBe(0);
    expect(() => log.appendAsLeader(batchOf('s1'), 1)).toThrow(expect.objectContaining({ code: 'KAFKA_STORAGE_ERROR' }));
    log.abandon();
  });
});

describe('relative offsets', () => {
  it('a follower batch far past the base of an empty segment goes into a new segment (Kafka rolls even when empty)', () => {
    const directory = temp.create();
    const log = PartitionLog.open({ directory });
    const far = 2 ** 32;
    log.appendAsFollower(makeBatch({ values: [Buffer.from('far0')], baseOffset: far, partitionLeaderEpoch: 1 }));
    expect(() => log.appendAsFollower(makeBatch({ values: [Buffer.from('far1')], baseOffset: far + 1, partitionLeaderEpoch: 1 }))).not.toThrow();
    expect(() => log.close()).not.toThrow();
    const reopened = PartitionLog.open({ directory });
    expect(reopened.logEndOffset).toBe(far + 2);
    reopened.close();
  });
});


describe('regression coverage (passes today)', () => {
  it('truncate past persisted index entries, append, clean and unclean restart: every offset and timestamp resolves', () => {
    for (const clean of [true, false]) {
      const directory = temp.create();
      const config = { indexIntervalBytes: 0, segmentBytes: 200_000 };
      const log = PartitionLog.open({ directory, config });
      for (let index = 0; index < 1500; index += 1) log.appendAsLeader(batchOf(`a${index}`, 1000 + index), 1);
      log.flush();
      log.truncateTo(700);
      for (let index = 700; index < 900; index += 1) log.appendAsLeader(batchOf(`b${index}`, 5000 + index), 2);
      if (clean) log.close();
      else log.abandon();
      const reopened = PartitionLog.open({ directory, config });
      expect(reopened.logEndOffset).toBe(900);
      for (let offset = 0; offset < 900; offset += 37) {
        const read = reopened.read(offset, { maxBytes: 1 });
        expect(read.firstOffset).toBe(offset);
        expect(valuesOf(read.records)).toEqual([offset < 700 ? `a${offset}` : `b${offset}`]);
      }
      expect(reopened.findBatchByTimestamp(1000 + 650)?.baseOffset).toBe(650);
      expect(reopened.findBatchByTimestamp(1000 + 800)?.baseOffset).toBe(700);
      expect(reopened.findBatchByTimestamp(5000 + 850)?.baseOffset).toBe(850);
      expect(reopened.leaderEpochs).toEqual([{ epoch: 1, startOffset: 0 }, { epoch: 2, startOffset: 700 }]);
      reopened.close();
    }
  });

});

describe('leader epochs as a follower mirrors them (Kafka semantics)', () => {
  it('drops epochs at or after a truncation point even when no data goes', () => {
    const log = PartitionLog.open({ directory: temp.create() });
    log.appendAsLeader(batchOf('a'), 1);
    log.beginLeaderEpoch(2);
    expect(log.leaderEpochs).toEqual([{ epoch: 1, startOffset: 0 }, { epoch: 2, startOffset: 1 }]);
    log.truncateTo(1);
    expect(log.leaderEpochs).toEqual([{ epoch: 1, startOffset: 0 }]);
    log.close();
  });

  it('replaces contradicted epochs when a follower appends the leader\'s batches', () => {
    const log = PartitionLog.open({ directory: temp.create() });
    log.appendAsFollower(batchOf('a', 1, { baseOffset: 0, partitionLeaderEpoch: 1 }));
    log.beginLeaderEpoch(3);
    log.appendAsFollower(batchOf('b', 1, { baseOffset: 1, partitionLeaderEpoch: 2 }));
    expect(log.leaderEpochs).toEqual([{ epoch: 1, startOffset: 0 }, { epoch: 2, startOffset: 1 }]);
    log.close();
  });

  it('keeps later epochs when recovery rescans an earlier segment', () => {
    const directory = temp.create();
    const config = { segmentBytes: 300 };
    const log = PartitionLog.open({ directory, config });
    for (let epoch = 1; epoch <= 4; epoch += 1) log.appendAsLeader(batchOf(`value-${epoch}`.padEnd(200, '.')), epoch);
    const epochs = log.leaderEpochs;
    log.close();
    const indexes = fs.readdirSync(directory).filter((name) => name.endsWith('.index')).sort();
    fs.rmSync(path.join(directory, indexes[0]!));
    const reopened = PartitionLog.open({ directory, config });
    expect(reopened.leaderEpochs).toEqual(epochs);
    reopened.close();
  });
});

describe('checkpoints of idle partitions', () => {
  it('writes an unchanged checkpoint once: an idle log costs no fsync per checkpoint interval', () => {
    const renames: string[] = [];
    const fileSystem: FileSystem = { ...nodeFileSystem, renameSync: (from, to) => (renames.push(path.basename(to)), nodeFileSystem.renameSync(from, to)) };
    const log = PartitionLog.open({ directory: temp.create(), fileSystem });
    log.appendAsLeader(batchOf('a'), 1);
    const checkpoints = () => renames.filter((name) => name.includes('checkpoint')).length;
    log.writeCheckpoint();
    const afterFirst = checkpoints();
    expect(afterFirst).toBeGreaterThan(0);
    log.writeCheckpoint();
    log.writeCheckpoint();
    expect(checkpoints()).toBe(afterFirst);
    log.updateHighWatermark(1);
    log.writeCheckpoint();
    expect(checkpoints()).toBe(afterFirst + 1);
    log.close();
  });
});

describe('leader epochs without an fsync each', () => {
  it('writes a new epoch without fsync and makes it durable with the flush that moves the recovery point', () => {
    let fsyncs = 0;
    const fileSystem: FileSystem = { ...nodeFileSystem, fsyncSync: (fd) => ((fsyncs += 1), nodeFileSystem.fsyncSync(fd)), fdatasyncSync: (fd) => ((fsyncs += 1), nodeFileSystem.fdatasyncSync(fd)) };
    const directory = temp.create();
    const log = PartitionLog.open({ directory, fileSystem });
    const before = fsyncs;
    for (let epoch = 1; epoch <= 50; epoch += 1) log.beginLeaderEpoch(epoch);
    expect(fsyncs).toBe(before);
    log.appendAsLeader(batchOf('a', undefined, { partitionLeaderEpoch: 50 }), 50);
    log.flush();
    expect(fsyncs).toBeGreaterThan(before);
    // The file holds every epoch once the flush returned.
    const reopened = new LeaderEpochCache(nodeFileSystem, directory);
    expect(reopened.load()).toBe(true);
    expect(reopened.latest()).toEqual({ epoch: 50, startOffset: 0 });
    log.close();
  });
});

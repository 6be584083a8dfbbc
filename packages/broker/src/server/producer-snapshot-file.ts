import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The idempotent-producer state snapshot of one partition, beside its segments (Kafka keeps
 * `<offset>.snapshot` files there; we keep one). The bytes are `ProducerStateManager.toSnapshot()`:
 * versioned, CRC32C-checked, and carrying the end offset they cover.
 */
export const PRODUCER_SNAPSHOT_FILE = 'producer.snapshot';

export function producerSnapshotPath(directory: string): string {
  return path.join(directory, PRODUCER_SNAPSHOT_FILE);
}

/** Replaces the snapshot atomically: temp file, fsync, rename, fsync of the directory. */
export function writeProducerSnapshotFile(directory: string, bytes: Buffer): void {
  const target = producerSnapshotPath(directory);
  const temporary = `${target}.tmp`;
  const fd = fs.openSync(temporary, 'w');
  try {
    let written = 0;
    while (written < bytes.length) written += fs.writeSync(fd, bytes, written, bytes.length - written, written);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, target);
  fsyncDirectory(directory);
}

/** The snapshot's bytes, or undefined when there is none. */
export function readProducerSnapshotFile(directory: string): Buffer | undefined {
  try {
    return fs.readFileSync(producerSnapshotPath(directory));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Removes the snapshot (durably, so a crash cannot bring back one that covers truncated offsets). */
export function deleteProducerSnapshotFile(directory: string): void {
  try {
    fs.unlinkSync(producerSnapshotPath(directory));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  fsyncDirectory(directory);
}

function fsyncDirectory(directory: string): void {
  const fd = fs.openSync(directory, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

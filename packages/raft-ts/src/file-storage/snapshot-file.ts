import * as path from 'node:path';
import type { Snapshot } from '../types';
import { indexFileName, parseIndexFileName, readUint64, writeUint64 } from './binary';
import { crc32 } from './crc32';
import { type FileSystem, readWholeFile, replaceFileDurably } from './file-system';

/**
 * A snapshot file, `snapshot-<index, 20 digits>.snap`:
 *
 *   magic         u32 LE  0x50534e52 ("RNSP")
 *   version       u32 LE  1
 *   crc32         u32 LE  CRC-32 of every byte after this field
 *   index         u64 LE
 *   term          u64 LE
 *   voterCount    u32 LE, then that many u32 node ids
 *   learnerCount  u32 LE, then that many u32 node ids
 *   dataLength    u64 LE, then the application's bytes
 *
 * Written whole to a temporary file, fsynced, renamed into place and the directory
 * fsynced, so a snapshot file either exists complete or not at all.
 */
const MAGIC = 0x50534e52;
const VERSION = 1;
const PREFIX = 'snapshot-';
const SUFFIX = '.snap';

export function snapshotFileName(index: number): string {
  return indexFileName(PREFIX, index, SUFFIX);
}

export function parseSnapshotFileName(fileName: string): number | undefined {
  return parseIndexFileName(PREFIX, fileName, SUFFIX);
}

export function encodeSnapshot(snapshot: Snapshot): Buffer {
  const { index, term, voters, learners } = snapshot.metadata;
  const buffer = Buffer.alloc(12 + 16 + 4 + 4 * voters.length + 4 + 4 * learners.length + 8 + snapshot.data.length);
  buffer.writeUInt32LE(MAGIC, 0);
  buffer.writeUInt32LE(VERSION, 4);
  let offset = 12;
  writeUint64(buffer, index, offset);
  writeUint64(buffer, term, offset + 8);
  offset += 16;
  for (const ids of [voters, learners]) {
    buffer.writeUInt32LE(ids.length, offset);
    offset += 4;
    for (const id of ids) {
      buffer.writeUInt32LE(id, offset);
      offset += 4;
    }
  }
  writeUint64(buffer, snapshot.data.length, offset);
  buffer.set(snapshot.data, offset + 8);
  buffer.writeUInt32LE(crc32(buffer.subarray(12)), 8);
  return buffer;
}

/** Decodes a snapshot file's bytes; returns a reason instead of throwing when it is damaged. */
export function decodeSnapshot(buffer: Buffer): Snapshot | string {
  if (buffer.length < 12 + 16 + 8 + 8) return `${buffer.length} bytes is too short for a snapshot`;
  if (buffer.readUInt32LE(0) !== MAGIC) return 'bad magic';
  if (buffer.readUInt32LE(4) !== VERSION) return `unknown version ${buffer.readUInt32LE(4)}`;
  if (crc32(buffer.subarray(12)) !== buffer.readUInt32LE(8)) return 'crc mismatch';
  let offset = 12;
  const index = readUint64(buffer, offset);
  const term = readUint64(buffer, offset + 8);
  offset += 16;
  const lists: number[][] = [];
  for (let list = 0; list < 2; list += 1) {
    const count = buffer.readUInt32LE(offset);
    offset += 4;
    if (offset + 4 * count > buffer.length) return 'member list runs past the end';
    const ids: number[] = [];
    for (let position = 0; position < count; position += 1) ids.push(buffer.readUInt32LE(offset + 4 * position));
    lists.push(ids);
    offset += 4 * count;
  }
  const dataLength = readUint64(buffer, offset);
  offset += 8;
  if (offset + dataLength !== buffer.length) return `data length ${dataLength} disagrees with the file size`;
  return { metadata: { index, term, voters: lists[0]!, learners: lists[1]! }, data: buffer.subarray(offset) };
}

export function writeSnapshotFile(fileSystem: FileSystem, directory: string, snapshot: Snapshot): string {
  const fileName = snapshotFileName(snapshot.metadata.index);
  replaceFileDurably(fileSystem, directory, fileName, encodeSnapshot(snapshot));
  return fileName;
}

export function readSnapshotFile(fileSystem: FileSystem, directory: string, fileName: string): Snapshot | string {
  const snapshot = decodeSnapshot(readWholeFile(fileSystem, path.join(directory, fileName)));
  if (typeof snapshot === 'string') return snapshot;
  if (snapshotFileName(snapshot.metadata.index) !== fileName) return `file holds the snapshot at ${snapshot.metadata.index}`;
  return snapshot;
}

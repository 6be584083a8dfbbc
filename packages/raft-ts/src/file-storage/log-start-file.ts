import * as path from 'node:path';
import { readUint64, writeUint64 } from './binary';
import { crc32 } from './crc32';
import { type FileSystem, readWholeFile, replaceFileDurably } from './file-system';

/**
 * `log-start`: the compaction point (index and term), so that a directory reopened after a
 * clean close starts its log exactly where it was compacted, although segment files are
 * deleted only whole. 24 bytes: magic u32 0x54534c52 ("RLST"), crc32 u32 of the rest,
 * index u64, term u64. Replaced with temp file + rename; compaction is rare (once per
 * snapshot), so the directory fsync is cheap here.
 */
const FILE_NAME = 'log-start';
const MAGIC = 0x54534c52;

export interface LogStart {
  readonly index: number;
  readonly term: number;
}

export function writeLogStart(fileSystem: FileSystem, directory: string, start: LogStart): void {
  const buffer = Buffer.alloc(24);
  buffer.writeUInt32LE(MAGIC, 0);
  writeUint64(buffer, start.index, 8);
  writeUint64(buffer, start.term, 16);
  buffer.writeUInt32LE(crc32(buffer.subarray(8)), 4);
  replaceFileDurably(fileSystem, directory, FILE_NAME, buffer);
}

/** The recorded compaction point, or undefined when there is none or it does not read back. */
export function readLogStart(fileSystem: FileSystem, directory: string): LogStart | undefined {
  const filePath = path.join(directory, FILE_NAME);
  if (!fileSystem.existsSync(filePath)) return undefined;
  const buffer = readWholeFile(fileSystem, filePath);
  if (buffer.length !== 24 || buffer.readUInt32LE(0) !== MAGIC || crc32(buffer.subarray(8)) !== buffer.readUInt32LE(4)) return undefined;
  return { index: readUint64(buffer, 8), term: readUint64(buffer, 16) };
}

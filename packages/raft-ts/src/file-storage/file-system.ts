import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The file operations FileStorage uses, as an interface so a test can substitute a file
 * system that forgets whatever was not synced when it "crashes".
 *
 * Every call is synchronous, on purpose. A Raft node has exactly one writer (its driver
 * loop), and the Ready contract forbids sending any message before the Ready's state is
 * durable, so the loop would wait for the write anyway; with synchronous calls a Ready is
 * persisted atomically with respect to everything else on the event loop, and there is no
 * second copy of the log's state to keep consistent while a write is in flight. Writes
 * land in the page cache in microseconds; the one slow call is the fdatasync in `sync()`,
 * which we make once per Ready, for everything the Ready changed.
 */
export interface FileSystem {
  /** Flags as in node:fs: 'r' (also for directories), 'r+', 'w+' (create or truncate). */
  openSync(filePath: string, flags: 'r' | 'r+' | 'w+'): number;
  closeSync(fd: number): void;
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): number;
  readSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): number;
  fsyncSync(fd: number): void;
  fdatasyncSync(fd: number): void;
  ftruncateSync(fd: number, length: number): void;
  fstatSizeBytes(fd: number): number;
  readdirSync(directory: string): string[];
  existsSync(filePath: string): boolean;
  unlinkSync(filePath: string): void;
  renameSync(from: string, to: string): void;
  mkdirSync(directory: string): void;
}

export const nodeFileSystem: FileSystem = {
  openSync: (filePath, flags) => fs.openSync(filePath, flags),
  closeSync: (fd) => fs.closeSync(fd),
  writeSync: (fd, buffer, offset, length, position) => fs.writeSync(fd, buffer, offset, length, position),
  readSync: (fd, buffer, offset, length, position) => fs.readSync(fd, buffer, offset, length, position),
  fsyncSync: (fd) => fs.fsyncSync(fd),
  fdatasyncSync: (fd) => fs.fdatasyncSync(fd),
  ftruncateSync: (fd, length) => fs.ftruncateSync(fd, length),
  fstatSizeBytes: (fd) => fs.fstatSync(fd).size,
  readdirSync: (directory) => fs.readdirSync(directory),
  existsSync: (filePath) => fs.existsSync(filePath),
  unlinkSync: (filePath) => fs.unlinkSync(filePath),
  renameSync: (from, to) => fs.renameSync(from, to),
  mkdirSync: (directory) => fs.mkdirSync(directory, { recursive: true }),
};

/** Writes every byte at `position`, looping over short writes (a nearly full disk makes them). */
export function writeFully(fileSystem: FileSystem, fd: number, buffer: Uint8Array, position: number): void {
  let written = 0;
  while (written < buffer.length) {
    const count = fileSystem.writeSync(fd, buffer, written, buffer.length - written, position + written);
    if (count <= 0) throw Object.assign(new Error('write made no progress'), { code: 'EIO' });
    written += count;
  }
}

/** Reads up to `length` bytes at `position`; fewer only at the end of the file. */
export function readFully(fileSystem: FileSystem, fd: number, length: number, position: number): Buffer {
  const buffer = Buffer.allocUnsafe(length);
  let read = 0;
  while (read < length) {
    const count = fileSystem.readSync(fd, buffer, read, length - read, position + read);
    if (count === 0) break;
    read += count;
  }
  return read === length ? buffer : buffer.subarray(0, read);
}

/** The whole content of a file. */
export function readWholeFile(fileSystem: FileSystem, filePath: string): Buffer {
  const fd = fileSystem.openSync(filePath, 'r');
  try {
    return readFully(fileSystem, fd, fileSystem.fstatSizeBytes(fd), 0);
  } finally {
    fileSystem.closeSync(fd);
  }
}

/** Makes the directory's entries (files created, renamed, removed) durable. */
export function syncDirectory(fileSystem: FileSystem, directory: string): void {
  const fd = fileSystem.openSync(directory, 'r');
  try {
    fileSystem.fsyncSync(fd);
  } finally {
    fileSystem.closeSync(fd);
  }
}

/**
 * Replaces `fileName` in `directory` so that a crash leaves either the old content or the
 * new, never a mix: write a temporary file, fsync it, rename it over the old one, fsync the
 * directory so the rename itself survives.
 */
export function replaceFileDurably(fileSystem: FileSystem, directory: string, fileName: string, content: Uint8Array): void {
  const temporaryPath = path.join(directory, `${fileName}${TEMPORARY_SUFFIX}`);
  const fd = fileSystem.openSync(temporaryPath, 'w+');
  try {
    writeFully(fileSystem, fd, content, 0);
    fileSystem.fsyncSync(fd);
  } finally {
    fileSystem.closeSync(fd);
  }
  fileSystem.renameSync(temporaryPath, path.join(directory, fileName));
  syncDirectory(fileSystem, directory);
}

/** Files ending so are half-written replacements; recovery deletes them. */
export const TEMPORARY_SUFFIX = '.tmp';

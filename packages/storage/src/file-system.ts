import * as fs from 'node:fs';

/**
 * The file operations the storage engine uses, as an interface so that tests can inject
 * faults (a full disk, a short write) deterministically. All calls are synchronous: a
 * partition has one writer, writes land in the page cache in microseconds, and a
 * synchronous append is atomic with respect to every reader on the event loop, so no
 * reader ever sees half a batch.
 */
export interface FileSystem {
  openSync(path: string, flags: string): number;
  closeSync(fd: number): void;
  /** Appends the whole buffer or throws; a throw may leave a partial write behind. */
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number | null): number;
  readSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): number;
  fsyncSync(fd: number): void;
  fdatasyncSync(fd: number): void;
  ftruncateSync(fd: number, length: number): void;
  fstatSizeBytes(fd: number): number;
  readdirSync(path: string): string[];
  existsSync(path: string): boolean;
  unlinkSync(path: string): void;
  renameSync(from: string, to: string): void;
  mkdirSync(path: string): void;
  rmSync(path: string): void;
  readFileSync(path: string): Buffer;
}

export const nodeFileSystem: FileSystem = {
  openSync: (path, flags) => fs.openSync(path, flags),
  closeSync: (fd) => fs.closeSync(fd),
  writeSync: (fd, buffer, offset, length, position) => fs.writeSync(fd, buffer, offset, length, position),
  readSync: (fd, buffer, offset, length, position) => fs.readSync(fd, buffer, offset, length, position),
  fsyncSync: (fd) => fs.fsyncSync(fd),
  fdatasyncSync: (fd) => fs.fdatasyncSync(fd),
  ftruncateSync: (fd, length) => fs.ftruncateSync(fd, length),
  fstatSizeBytes: (fd) => fs.fstatSync(fd).size,
  readdirSync: (path) => fs.readdirSync(path),
  existsSync: (path) => fs.existsSync(path),
  unlinkSync: (path) => fs.unlinkSync(path),
  renameSync: (from, to) => fs.renameSync(from, to),
  mkdirSync: (path) => fs.mkdirSync(path, { recursive: true }),
  rmSync: (path) => fs.rmSync(path, { recursive: true, force: true }),
  readFileSync: (path) => fs.readFileSync(path),
};

/** Writes every byte, looping over short writes (which a full disk can produce). */
export function writeFully(fileSystem: FileSystem, fd: number, buffer: Uint8Array, position: number | null): void {
  let written = 0;
  while (written < buffer.length) {
    const at = position === null ? null : position + written;
    const count = fileSystem.writeSync(fd, buffer, written, buffer.length - written, at);
    if (count <= 0) throw Object.assign(new Error('write made no progress'), { code: 'EIO' });
    written += count;
  }
}

/** Reads exactly `length` bytes at `position`, or fewer only at the end of the file. */
export function readFully(fileSystem: FileSystem, fd: number, length: number, position: number): Buffer {
  const buffer = Buffer.allocUnsafe(length);
  let filled = 0;
  while (filled < length) {
    const count = fileSystem.readSync(fd, buffer, filled, length - filled, position + filled);
    if (count === 0) break;
    filled += count;
  }
  return filled === length ? buffer : buffer.subarray(0, filled);
}

/** fsyncs a directory so that a create, rename or unlink in it survives a crash. */
export function fsyncDirectory(fileSystem: FileSystem, directory: string): void {
  const fd = fileSystem.openSync(directory, 'r');
  try {
    fileSystem.fsyncSync(fd);
  } finally {
    fileSystem.closeSync(fd);
  }
}

/**
 * Replaces `filePath` atomically: write a temp file, fsync it, rename it, fsync the folder.
 * With `sync: false` the two fsyncs are left to a later `syncFile` (a crash may then leave
 * the old file, or an empty one, but never a mix of both).
 */
export function writeFileAtomically(fileSystem: FileSystem, filePath: string, contents: Buffer, options: { readonly sync?: boolean } = {}): void {
  const sync = options.sync ?? true;
  const temporary = `${filePath}.tmp`;
  const fd = fileSystem.openSync(temporary, 'w');
  try {
    writeFully(fileSystem, fd, contents, 0);
    if (sync) fileSystem.fsyncSync(fd);
  } finally {
    fileSystem.closeSync(fd);
  }
  fileSystem.renameSync(temporary, filePath);
  if (sync) fsyncDirectory(fileSystem, filePath.slice(0, Math.max(1, filePath.lastIndexOf('/'))));
}

/** fsyncs a file written with `writeFileAtomically(..., { sync: false })`, and its folder. */
export function syncFile(fileSystem: FileSystem, filePath: string): void {
  const fd = fileSystem.openSync(filePath, 'r');
  try {
    fileSystem.fsyncSync(fd);
  } finally {
    fileSystem.closeSync(fd);
  }
  fsyncDirectory(fileSystem, filePath.slice(0, Math.max(1, filePath.lastIndexOf('/'))));
}

import * as path from 'node:path';
import type { FileSystem } from '../file-storage/file-system';
import { randomBelow, type RandomSource } from '../prng';

/** One change not yet made durable. */
type FileOperation = { kind: 'write'; position: number; bytes: Buffer } | { kind: 'truncate'; size: number };
type DirectoryOperation = { kind: 'link'; name: string; inode: Inode } | { kind: 'unlink'; name: string };

class Inode {
  /** What a reader sees now (the page cache). */
  content: Buffer = Buffer.alloc(0);
  /** What is on the platter. */
  durable: Buffer = Buffer.alloc(0);
  pending: FileOperation[] = [];
}

class Directory {
  readonly current = new Map<string, Inode>();
  durable = new Map<string, Inode>();
  pending: DirectoryOperation[] = [];
}

interface Descriptor {
  readonly directory: string;
  readonly inode: Inode | undefined;
}

/**
 * An in-memory file system that models a power cut. Reads see every write at once; only
 * fdatasync/fsync of a file makes its content durable, and only fsync of a directory makes
 * its entries (creations, renames, removals) durable. `crash(random)` then keeps, per
 * file, the durable content plus a random subset of the later writes and truncations (any
 * of them may be torn to a prefix), and per directory a random prefix of the later entry
 * changes, as ext4 with its journal can. Everything after the crash is durable again, and
 * every file descriptor is gone.
 */
export class CrashFileSystem implements FileSystem {
  private readonly directories = new Map<string, Directory>();
  private readonly descriptors = new Map<number, Descriptor>();
  private nextDescriptor = 100;

  openSync(filePath: string, flags: 'r' | 'r+' | 'w+'): number {
    const fd = this.nextDescriptor++;
    if (this.directories.has(filePath)) {
      this.descriptors.set(fd, { directory: filePath, inode: undefined });
      return fd;
    }
    const { directory, name } = this.locate(filePath);
    let inode = directory.current.get(name);
    if (inode === undefined) {
      if (flags !== 'w+') throw enoent(filePath);
      inode = new Inode();
      directory.current.set(name, inode);
      directory.pending.push({ kind: 'link', name, inode });
    } else if (flags === 'w+') {
      this.truncate(inode, 0);
    }
    this.descriptors.set(fd, { directory: path.dirname(filePath), inode });
    return fd;
  }

  closeSync(fd: number): void {
    this.descriptor(fd);
    this.descriptors.delete(fd);
  }

  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): number {
    const inode = this.fileOf(fd);
    const bytes = Buffer.from(buffer.subarray(offset, offset + length));
    inode.content = applyWrite(inode.content, position, bytes);
    inode.pending.push({ kind: 'write', position, bytes });
    return length;
  }

  readSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): number {
    const inode = this.fileOf(fd);
    const available = Math.max(0, Math.min(length, inode.content.length - position));
    buffer.set(inode.content.subarray(position, position + available), offset);
    return available;
  }

  fsyncSync(fd: number): void {
    const descriptor = this.descriptor(fd);
    if (descriptor.inode === undefined) {
      const directory = this.directories.get(descriptor.directory)!;
      directory.durable = new Map(directory.current);
      directory.pending = [];
      return;
    }
    this.fdatasyncSync(fd);
  }

  fdatasyncSync(fd: number): void {
    const inode = this.fileOf(fd);
    inode.durable = Buffer.from(inode.content);
    inode.pending = [];
  }

  ftruncateSync(fd: number, length: number): void {
    this.truncate(this.fileOf(fd), length);
  }

  fstatSizeBytes(fd: number): number {
    return this.fileOf(fd).content.length;
  }

  readdirSync(directory: string): string[] {
    const found = this.directories.get(directory);
    if (found === undefined) throw enoent(directory);
    return [...found.current.keys()].sort();
  }

  existsSync(filePath: string): boolean {
    if (this.directories.has(filePath)) return true;
    return this.directories.get(path.dirname(filePath))?.current.has(path.basename(filePath)) ?? false;
  }

  unlinkSync(filePath: string): void {
    const { directory, name } = this.locate(filePath);
    if (!directory.current.delete(name)) throw enoent(filePath);
    directory.pending.push({ kind: 'unlink', name });
  }

  renameSync(from: string, to: string): void {
    const source = this.locate(from);
    const target = this.locate(to);
    const inode = source.directory.current.get(source.name);
    if (inode === undefined) throw enoent(from);
    source.directory.current.delete(source.name);
    source.directory.pending.push({ kind: 'unlink', name: source.name });
    target.directory.current.set(target.name, inode);
    target.directory.pending.push({ kind: 'link', name: target.name, inode });
  }

  /** Directories are created durably at once (the storage creates its own only at open). */
  mkdirSync(directory: string): void {
    if (!this.directories.has(directory)) this.directories.set(directory, new Directory());
  }

  /** Loses power: see the class comment. Returns how many pending changes were lost. */
  crash(random: RandomSource): number {
    let lost = 0;
    this.descriptors.clear();
    for (const directory of this.directories.values()) {
      const kept = randomBelow(random, directory.pending.length + 1);
      lost += directory.pending.length - kept;
      const entries = new Map(directory.durable);
      for (const operation of directory.pending.slice(0, kept)) {
        if (operation.kind === 'link') entries.set(operation.name, operation.inode);
        else entries.delete(operation.name);
      }
      directory.current.clear();
      for (const [name, inode] of entries) directory.current.set(name, inode);
      directory.durable = new Map(entries);
      directory.pending = [];
      for (const inode of entries.values()) lost += this.crashFile(inode, random);
    }
    return lost;
  }

  private crashFile(inode: Inode, random: RandomSource): number {
    let content: Buffer = Buffer.from(inode.durable);
    let lost = 0;
    for (const operation of inode.pending) {
      if (randomBelow(random, 2) === 0) {
        lost += 1;
        continue;
      }
      if (operation.kind === 'truncate') {
        content = resize(content, operation.size);
      } else {
        // A write may be torn: only a prefix of it reaches the disk.
        const torn = randomBelow(random, 4) === 0;
        const bytes = torn ? operation.bytes.subarray(0, randomBelow(random, operation.bytes.length + 1)) : operation.bytes;
        content = applyWrite(content, operation.position, bytes);
      }
    }
    inode.content = content;
    inode.durable = Buffer.from(content);
    inode.pending = [];
    return lost;
  }

  private truncate(inode: Inode, size: number): void {
    inode.content = resize(inode.content, size);
    inode.pending.push({ kind: 'truncate', size });
  }

  private locate(filePath: string): { directory: Directory; name: string } {
    const directory = this.directories.get(path.dirname(filePath));
    if (directory === undefined) throw enoent(filePath);
    return { directory, name: path.basename(filePath) };
  }

  private descriptor(fd: number): Descriptor {
    const descriptor = this.descriptors.get(fd);
    if (descriptor === undefined) throw Object.assign(new Error(`EBADF: bad file descriptor ${fd}`), { code: 'EBADF' });
    return descriptor;
  }

  private fileOf(fd: number): Inode {
    const inode = this.descriptor(fd).inode;
    if (inode === undefined) throw Object.assign(new Error('EISDIR: a directory'), { code: 'EISDIR' });
    return inode;
  }
}

function applyWrite(content: Buffer, position: number, bytes: Buffer): Buffer {
  const result = content.length >= position + bytes.length ? content : resize(content, position + bytes.length);
  bytes.copy(result, position);
  return result;
}

/** Shrinks or grows (with zeros, like a hole) a file's content. */
function resize(content: Buffer, size: number): Buffer {
  if (size <= content.length) return Buffer.from(content.subarray(0, size));
  const grown = Buffer.alloc(size);
  content.copy(grown);
  return grown;
}

function enoent(filePath: string): Error {
  return Object.assign(new Error(`ENOENT: no such file or directory, '${filePath}'`), { code: 'ENOENT' });
}

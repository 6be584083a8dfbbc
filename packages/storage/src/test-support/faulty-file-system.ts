import { type FileSystem, nodeFileSystem } from '../file-system';

/**
 * A real file system that runs out of space on demand: while `full` is set, every write
 * stores at most `bytesBeforeFull` more bytes (a short write) and then fails with ENOSPC,
 * the way a filling disk behaves.
 */
export class FaultyFileSystem implements FileSystem {
  full = false;
  bytesBeforeFull = 0;
  failedWrites = 0;

  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number | null): number {
    if (!this.full) return nodeFileSystem.writeSync(fd, buffer, offset, length, position);
    if (this.bytesBeforeFull > 0) {
      const count = Math.min(this.bytesBeforeFull, length);
      this.bytesBeforeFull -= count;
      return nodeFileSystem.writeSync(fd, buffer, offset, count, position);
    }
    this.failedWrites += 1;
    throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28 });
  }

  openSync = nodeFileSystem.openSync;
  closeSync = nodeFileSystem.closeSync;
  readSync = nodeFileSystem.readSync;
  fsyncSync = nodeFileSystem.fsyncSync;
  fdatasyncSync = nodeFileSystem.fdatasyncSync;
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

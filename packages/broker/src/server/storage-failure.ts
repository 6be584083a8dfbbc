import { SamsaError } from '@samsa/protocol';

/**
 * Operating-system errors that mean a partition's directory cannot be used: the disk failed
 * or is full, is read-only, or the directory was taken away or replaced. Storage already
 * reports most as KAFKA_STORAGE_ERROR; the rest come raw from paths outside its append and
 * flush (opening a log, checkpoint and snapshot files, retention).
 */
const STORAGE_ERRNO_CODES: ReadonlySet<string> = new Set(['ENOSPC', 'EDQUOT', 'EIO', 'EROFS', 'EFBIG', 'EMFILE', 'ENFILE', 'EACCES', 'EPERM', 'ENOENT', 'ENOTDIR', 'EISDIR', 'EEXIST']);

/**
 * Whether `error`, thrown by a partition's log or the files beside it, means the log cannot
 * be trusted any more: KAFKA_STORAGE_ERROR (after a failed fsync the log refuses everything),
 * or one of the errno codes above. Kafka takes the whole log directory offline on any
 * IOException; here the partition goes offline alone (see `ReplicaManager`).
 */
export function isStorageFailure(error: unknown): boolean {
  if (error instanceof SamsaError) return error.code === 'KAFKA_STORAGE_ERROR';
  const code = (error as NodeJS.ErrnoException | null | undefined)?.code;
  return typeof code === 'string' && STORAGE_ERRNO_CODES.has(code);
}

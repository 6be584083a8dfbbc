// Which operating-system failures a partition log reports as KAFKA_STORAGE_ERROR. Kept in
// one place so the append, the leader-epoch write and the flush classify errors alike: a
// full or failing disk is an operating error a client can retry, anything else is a bug
// and passes through unchanged.
import type { Logger } from '@samsa/common';
import { SamsaError } from '@samsa/protocol';

const STORAGE_ERROR_CODES = new Set(['ENOSPC', 'EDQUOT', 'EIO', 'EROFS', 'EFBIG', 'EMFILE', 'ENFILE']);

/**
 * Returns the error to throw for `error`, raised by `operation` on the log in `directory`:
 * a retriable KAFKA_STORAGE_ERROR (logged here, once) for a disk or file-handle failure,
 * otherwise `error` itself. Never throws.
 */
export function asStorageError(error: unknown, operation: string, log: { readonly directory: string; readonly logger: Logger }): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code !== undefined && STORAGE_ERROR_CODES.has(code)) {
    log.logger.error({ err: error, operation }, 'storage error');
    return new SamsaError('KAFKA_STORAGE_ERROR', `${operation} failed on ${log.directory}: ${code}`, { cause: error });
  }
  return error;
}

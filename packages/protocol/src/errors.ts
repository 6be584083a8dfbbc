import { ErrorCodes, errorNameOf, type ErrorName } from './error-codes';

/**
 * The base of every error a client or an operator can cause. It carries a stable `code`
 * name from the shared table, the numeric Kafka code, and whether retrying may succeed.
 * Programmer errors are never `SamsaError`s.
 */
export class SamsaError extends Error {
  override readonly name: string = 'SamsaError';
  readonly errorCode: number;
  readonly retriable: boolean;

  constructor(
    readonly code: ErrorName,
    message?: string,
    options?: { cause?: unknown },
  ) {
    super(message ?? ErrorCodes[code].message, options);
    this.errorCode = ErrorCodes[code].code;
    this.retriable = ErrorCodes[code].retriable;
  }

  static fromCode(errorCode: number, message?: string): SamsaError {
    return new SamsaError(errorNameOf(errorCode), message);
  }
}

/** A read asked for offsets outside `[logStartOffset, logEndOffset]`. */
export class OffsetOutOfRangeError extends SamsaError {
  override readonly name = 'OffsetOutOfRangeError';
  constructor(
    readonly requestedOffset: bigint,
    readonly logStartOffset: bigint,
    readonly logEndOffset: bigint,
  ) {
    super(
      'OFFSET_OUT_OF_RANGE',
      `offset ${requestedOffset} is out of range: valid offsets are [${logStartOffset}, ${logEndOffset}]`,
    );
  }
}

export function isSamsaError(error: unknown, code?: ErrorName): error is SamsaError {
  return error instanceof SamsaError && (code === undefined || error.code === code);
}

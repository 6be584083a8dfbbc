import { SamsaError, errorNameOf, type ErrorName } from '@samsa/protocol';

/**
 * The client's error model. Every failure an application can meet while talking to a
 * cluster is a `SamsaError` (from @samsa/protocol) with a stable Kafka `code` name, the
 * numeric `errorCode`, `retriable`, an optional `cause`, and the flag `refreshMetadata`
 * (the cluster changed under us: ask again where partitions live). Retry decisions are made
 * in `retry.ts`. Programmer errors (bad options, a partition that does not exist) are
 * `TypeError`/`RangeError` and are never retried.
 */

/** Codes after which the client's view of partition leadership is probably stale. */
const REFRESH_METADATA_CODES: ReadonlySet<ErrorName> = new Set<ErrorName>([
  'NOT_LEADER_OR_FOLLOWER',
  'UNKNOWN_TOPIC_OR_PARTITION',
  'LEADER_NOT_AVAILABLE',
  'FENCED_LEADER_EPOCH',
  'UNKNOWN_LEADER_EPOCH',
  'NETWORK_EXCEPTION',
  'REPLICA_NOT_AVAILABLE',
  'NOT_CONTROLLER',
  'UNKNOWN_TOPIC_ID',
  'KAFKA_STORAGE_ERROR',
]);

export function needsMetadataRefresh(code: ErrorName): boolean {
  return REFRESH_METADATA_CODES.has(code);
}

export interface ClientErrorOptions {
  readonly cause?: unknown;
  /** Overrides the table's retriability (a delivery timeout is final, for example). */
  readonly retriable?: boolean;
}

/** The base of the client's errors: a SamsaError that knows whether metadata is stale. */
export class SamsaClientError extends SamsaError {
  override readonly name: string = 'SamsaClientError';
  override readonly retriable: boolean;
  readonly refreshMetadata: boolean;

  constructor(code: ErrorName, message?: string, options: ClientErrorOptions = {}) {
    super(code, message, options.cause === undefined ? undefined : { cause: options.cause });
    this.retriable = options.retriable ?? new SamsaError(code).retriable;
    this.refreshMetadata = needsMetadataRefresh(code);
  }
}

/** A broker answered a request (or one partition of it) with an error code. */
export class BrokerError extends SamsaClientError {
  override readonly name: string = 'BrokerError';
  constructor(
    code: ErrorName,
    message: string,
    readonly brokerAddress: string,
    options: ClientErrorOptions = {},
  ) {
    super(code, message, options);
  }

  static ofCode(errorCode: number, detail: string, brokerAddress: string): BrokerError {
    const code = errorNameOf(errorCode);
    return new BrokerError(code, `${detail}: ${code}`, brokerAddress);
  }
}

/** The broker could not be reached, or the connection broke before an answer came. */
export class ConnectionError extends SamsaClientError {
  override readonly name: string = 'ConnectionError';
  constructor(
    message: string,
    readonly brokerAddress: string,
    options: ClientErrorOptions = {},
  ) {
    super('NETWORK_EXCEPTION', message, options);
  }
}

/** No answer within `requestTimeoutMs`. The request may or may not have taken effect. */
export class RequestTimeoutError extends SamsaClientError {
  override readonly name: string = 'RequestTimeoutError';
  constructor(
    message: string,
    readonly brokerAddress: string,
    options: ClientErrorOptions = {},
  ) {
    super('REQUEST_TIMED_OUT', message, options);
  }
}

/**
 * A record was not acknowledged within `deliveryTimeoutMs` (counting the wait for buffer
 * space, batching, and every retry). Final: `cause` holds the last retriable error seen.
 */
export class DeliveryTimeoutError extends SamsaClientError {
  override readonly name: string = 'DeliveryTimeoutError';
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('REQUEST_TIMED_OUT', message, { ...options, retriable: false });
  }
}

/** A record larger than the producer's `maxRequestBytes` or `bufferBytes`. */
export class RecordTooLargeError extends SamsaClientError {
  override readonly name: string = 'RecordTooLargeError';
  constructor(message: string) {
    super('MESSAGE_TOO_LARGE', message);
  }
}

/**
 * The idempotence guarantees of a partition were broken (a gap in sequence numbers, a
 * fenced or unknown producer). The affected records were not written, or their fate is
 * unknown; the producer starts a new producer id for later records.
 */
export class ProducerSequenceError extends SamsaClientError {
  override readonly name: string = 'ProducerSequenceError';
  constructor(code: ErrorName, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { ...options, retriable: false });
  }
}

/**
 * Records that were sent at least once and not acknowledged when the idempotent producer had
 * to take a new producer id (after another batch failed for good): they may or may not have
 * been written. They are not resent: under the new id the broker could not recognise them as
 * duplicates and would store them a second time. Final. The code is `REQUEST_TIMED_OUT`, as
 * for a delivery timeout, the other way a producer says "not acknowledged, outcome unknown";
 * `cause` is the batch's last error.
 */
export class ProducerInDoubtError extends SamsaClientError {
  override readonly name: string = 'ProducerInDoubtError';
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('REQUEST_TIMED_OUT', message, { ...options, retriable: false });
  }
}

/** Retries were exhausted; `cause` is the last error. */
export class RetriesExhaustedError extends SamsaClientError {
  override readonly name: string = 'RetriesExhaustedError';
  constructor(message: string, readonly lastError: SamsaError) {
    super(lastError.code, message, { cause: lastError, retriable: false });
  }
}

/** An operation on a producer, reader or client that was already closed. */
export class ClosedError extends Error {
  override readonly name = 'ClosedError';
}

/** Programmer errors: never retried, never wrapped. */
export function isProgrammerError(error: unknown): boolean {
  return error instanceof TypeError || error instanceof RangeError || error instanceof ClosedError;
}

/** Whether `error` says to retry: a retriable SamsaError that is not a programmer error. */
export function isRetriable(error: unknown): error is SamsaError {
  return error instanceof SamsaError && error.retriable;
}

/** Wraps anything thrown into a SamsaError so callers can reason about `code`. */
export function toSamsaError(error: unknown): SamsaError {
  if (error instanceof SamsaError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new SamsaClientError('UNKNOWN_SERVER_ERROR', message, { cause: error });
}

export function refreshesMetadata(error: unknown): boolean {
  if (error instanceof SamsaClientError) return error.refreshMetadata;
  return error instanceof SamsaError && needsMetadataRefresh(error.code);
}

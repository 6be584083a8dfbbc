import { isProgrammerError, isRetriable, toSamsaError, RetriesExhaustedError } from './client-errors';

/**
 * Exponential backoff with jitter, as kafkajs and the Java client do it: the n-th retry
 * waits about `initialRetryTimeMs * multiplier^n`, capped at `maxRetryTimeMs`, spread by
 * ±`jitter` so that many clients hitting the same failover do not retry in lockstep.
 */
export interface RetryOptions {
  /** Retries after the first attempt; Infinity allowed. */
  readonly retries: number;
  readonly initialRetryTimeMs: number;
  readonly maxRetryTimeMs: number;
  readonly multiplier: number;
  /** Fraction in [0, 1]: each wait is scaled by a random factor in [1 - jitter, 1 + jitter]. */
  readonly jitter: number;
}

export const DEFAULT_RETRY: RetryOptions = {
  retries: 10,
  initialRetryTimeMs: 100,
  maxRetryTimeMs: 1_000,
  multiplier: 2,
  jitter: 0.2,
};

/** The wait before retry number `attempt` (0 for the first retry). */
export function backoffMs(options: RetryOptions, attempt: number, random: () => number = Math.random): number {
  const exponential = options.initialRetryTimeMs * Math.pow(options.multiplier, Math.min(attempt, 30));
  const capped = Math.min(exponential, options.maxRetryTimeMs);
  const factor = 1 - options.jitter + 2 * options.jitter * random();
  return Math.max(0, Math.round(capped * factor));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface RetryContext {
  /** Called before each retry with the error that caused it (refresh metadata, log). */
  readonly onRetry?: (error: unknown, attempt: number) => void | Promise<void>;
  /** Stop retrying (and rethrow) once this returns true, for example after close(). */
  readonly isCancelled?: () => boolean;
  readonly random?: () => number;
}

/**
 * Runs `operation` until it succeeds, throws a non-retriable error, or the retries run out
 * (then `RetriesExhaustedError` with the last error as cause). Programmer errors
 * (`TypeError`, `RangeError`) are rethrown at once, untouched.
 */
export async function withRetry<T>(operation: (attempt: number) => Promise<T>, options: RetryOptions, context: RetryContext = {}): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error: unknown) {
      if (isProgrammerError(error) || !isRetriable(error) || context.isCancelled?.() === true) throw error;
      if (attempt >= options.retries) {
        const last = toSamsaError(error);
        throw new RetriesExhaustedError(`gave up after ${attempt + 1} attempts: ${last.message}`, last);
      }
      await context.onRetry?.(error, attempt);
      await sleep(backoffMs(options, attempt, context.random));
    }
  }
}

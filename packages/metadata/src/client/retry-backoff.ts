/** How a caller spaces its retries: exponential growth from `initialMs`, capped at `maxMs`. */
export interface BackoffPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
}

/**
 * The pause before retry number `retryIndex` (0 for the first retry): the exponential step
 * `min(maxMs, initialMs * 2^retryIndex)` with "equal jitter", a uniformly random point in
 * its upper half. Half the step is kept so retries still spread out in time; the random half
 * keeps many clients that failed together from retrying together. `random` returns [0, 1).
 */
export function backoffDelayMs(retryIndex: number, policy: BackoffPolicy, random: () => number): number {
  if (!Number.isInteger(retryIndex) || retryIndex < 0) throw new RangeError(`retryIndex must be a non-negative integer, got ${retryIndex}`);
  if (!(policy.initialMs > 0 && policy.maxMs >= policy.initialMs)) throw new RangeError(`backoff needs 0 < initialMs <= maxMs, got ${policy.initialMs} and ${policy.maxMs}`);
  const stepMs = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(retryIndex, 30));
  const fraction = random();
  if (!(fraction >= 0 && fraction < 1)) throw new RangeError(`random() must return a number in [0, 1), got ${fraction}`);
  return Math.round(stepMs / 2 + (stepMs / 2) * fraction);
}

import { BrokerError, RetriesExhaustedError } from './client-errors';
import { backoffMs, withRetry, type RetryOptions } from './retry';

const fast: RetryOptions = { retries: 3, initialRetryTimeMs: 1, maxRetryTimeMs: 4, multiplier: 2, jitter: 0.2 };

describe('backoffMs', () => {
  it('grows exponentially, stays under the cap, and spreads by the jitter', () => {
    const options: RetryOptions = { retries: 10, initialRetryTimeMs: 100, maxRetryTimeMs: 1000, multiplier: 2, jitter: 0.2 };
    expect(backoffMs(options, 0, () => 0.5)).toBe(100);
    expect(backoffMs(options, 2, () => 0.5)).toBe(400);
    expect(backoffMs(options, 10, () => 0.5)).toBe(1000);
    expect(backoffMs(options, 0, () => 0)).toBe(80);
    expect(backoffMs(options, 0, () => 1)).toBe(120);
  });
});

describe('withRetry', () => {
  it('retries retriable errors until success', async () => {
    let calls = 0;
    const result = await withRetry(async () => {
      calls += 1;
      if (calls < 3) throw new BrokerError('NOT_LEADER_OR_FOLLOWER', 'moved', 'b:1');
      return 'ok';
    }, fast);
    expect(result).toBe('ok');
    expect(calls).toBe(3);
  });

  it('never retries programmer errors or non-retriable codes', async () => {
    let calls = 0;
    await expect(withRetry(async () => { calls += 1; throw new TypeError('bad'); }, fast)).rejects.toBeInstanceOf(TypeError);
    await expect(withRetry(async () => { calls += 1; throw new RangeError('bad'); }, fast)).rejects.toBeInstanceOf(RangeError);
    await expect(withRetry(async () => { calls += 1; throw new BrokerError('TOPIC_ALREADY_EXISTS', 'exists', 'b:1'); }, fast)).rejects.toMatchObject({ code: 'TOPIC_ALREADY_EXISTS' });
    expect(calls).toBe(3);
  });

  it('gives up after `retries` with the last error as cause', async () => {
    let calls = 0;
    const failure = withRetry(async () => {
      calls += 1;
      throw new BrokerError('LEADER_NOT_AVAILABLE', 'election', 'b:1');
    }, fast);
    await expect(failure).rejects.toBeInstanceOf(RetriesExhaustedError);
    await expect(failure).rejects.toMatchObject({ code: 'LEADER_NOT_AVAILABLE', retriable: false });
    expect(calls).toBe(4);
  });

  it('marks errors that mean stale metadata', () => {
    expect(new BrokerError('NOT_LEADER_OR_FOLLOWER', '', '').refreshMetadata).toBe(true);
    expect(new BrokerError('NOT_ENOUGH_REPLICAS', '', '').refreshMetadata).toBe(false);
    expect(new BrokerError('NOT_ENOUGH_REPLICAS', '', '').retriable).toBe(true);
  });
});

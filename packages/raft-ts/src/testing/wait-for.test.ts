import { WAIT_FOR_POLL_MS, waitFor } from './wait-for';

// The same cases as @samsa/protocol's wait-for.test.ts: the two copies must behave alike.
describe('waitFor', () => {
  test('resolves with the first value other than undefined, false and null included', async () => {
    expect(await waitFor('a value', 1000, () => 42)).toBe(42);
    expect(await waitFor('false', 1000, () => false)).toBe(false);
    expect(await waitFor('null', 1000, () => null)).toBeNull();
  });

  test('asks again every poll until the condition holds, sync or async', async () => {
    let calls = 0;
    const started = Date.now();
    const value = await waitFor('the third call', 5000, async () => (++calls === 3 ? 'done' : undefined));
    expect(value).toBe('done');
    expect(calls).toBe(3);
    // Two pauses of one poll each (timers may fire a millisecond early).
    expect(Date.now() - started).toBeGreaterThanOrEqual(2 * WAIT_FOR_POLL_MS - 2);
  });

  test('a condition that throws is not yet true: it is asked again', async () => {
    let calls = 0;
    const value = await waitFor('a node that refuses connections at first', 5000, () => {
      calls += 1;
      if (calls < 3) throw new Error('ECONNREFUSED');
      return calls;
    });
    expect(value).toBe(3);
  });

  test('after the deadline it throws with what it waited for, the deadline and the last error', async () => {
    let calls = 0;
    const waiting = waitFor('the answer', 100, () => {
      calls += 1;
      throw new Error(`refused ${calls}`);
    });
    await expect(waiting).rejects.toThrow(/^timed out after 100 ms waiting for the answer \(last error: refused \d+\)$/);
    expect(calls).toBeGreaterThan(1);
  });

  test('a timeout without any error says only what and how long', async () => {
    await expect(waitFor('never', 60, () => undefined)).rejects.toThrow(/^timed out after 60 ms waiting for never$/);
  });

  test('asks one last time at the deadline', async () => {
    const started = Date.now();
    await expect(waitFor('late', 60, () => (Date.now() - started >= 60 ? 'late' : undefined))).resolves.toBe('late');
  });
});

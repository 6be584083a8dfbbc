/** How often `waitFor` asks again. */
export const WAIT_FOR_POLL_MS = 25;

/**
 * Polls `condition` every 25 ms until it gives a value other than `undefined`, and resolves
 * with that value; after `deadlineMs` it throws an error naming `what`, the deadline and the
 * last error the condition threw (a throw counts as "not yet": a node still starting refuses
 * connections). The one way tests and harnesses wait for something to become true: they poll
 * against a deadline rather than sleep a fixed time and hope. (raft-ts, which depends on
 * nothing of ours, keeps a copy with the same signature in its `testing/example-cluster.ts`.)
 *
 * `false` is a value like any other: a condition that is a plain check returns
 * `check ? true : undefined`.
 */
export async function waitFor<T>(what: string, deadlineMs: number, condition: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const cause = lastError === undefined ? '' : ` (last error: ${lastError instanceof Error ? lastError.message : String(lastError)})`;
      throw new Error(`timed out after ${deadlineMs} ms waiting for ${what}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(WAIT_FOR_POLL_MS, Math.max(0, deadline - Date.now()))));
  }
}

/** How often `waitFor` asks again. */
export const WAIT_FOR_POLL_MS = 25;

/**
 * Polls `condition` every 25 ms until it gives a value other than `undefined`, and resolves
 * with that value; after `deadlineMs` it throws an error naming `what`, the deadline and the
 * last error the condition threw (a throw counts as "not yet": a node still starting does not
 * answer). Tests wait this way instead of sleeping a fixed time and hoping.
 *
 * The same helper, signature and argument order as `waitFor` of `@samsa/protocol`: raft-ts is
 * a library that depends on nothing of Samsa's, so it keeps its own copy. `false` is a value
 * like any other: a condition that is a plain check returns `check ? true : undefined`.
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

/**
 * Assertions that stay on in production. A failed assertion is a programmer error: the
 * core's state can no longer be trusted, so we throw rather than limp on.
 */
export class AssertionError extends Error {
  override readonly name = 'AssertionError';
}

/** Throws an AssertionError carrying `message` when `condition` is falsy. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionError(message);
}

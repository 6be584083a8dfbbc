/**
 * Invariant checks that stay on in production. A failed assertion is a programmer
 * error: it throws `AssertionError` and is never caught to be retried. Errors that an
 * operator or a client can cause are typed errors with stable codes instead.
 */
export class AssertionError extends Error {
  override readonly name = 'AssertionError';
}

export function assert(condition: unknown, message = 'assertion failed'): asserts condition {
  if (!condition) throw new AssertionError(message);
}

export function unreachable(value: never, message = 'unreachable'): never {
  throw new AssertionError(`${message}: ${String(value)}`);
}

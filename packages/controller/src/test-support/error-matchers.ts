import type { ErrorName } from '@samsa/protocol';

/** Matches a thrown `SamsaError` by its stable code: `expect(f).toThrow(withCode('...'))`. */
export function withCode(code: ErrorName): ReturnType<typeof expect.objectContaining> {
  return expect.objectContaining({ code });
}

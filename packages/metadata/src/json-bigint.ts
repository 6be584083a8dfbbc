/**
 * JSON that carries bigints. A bigint is written as `{"$bigint":"123"}`, a shape no record
 * uses otherwise, so decoding can turn it back without knowing which fields are bigints.
 */
const BIGINT_TAG = '$bigint';

export function stringifyWithBigInt(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    typeof item === 'bigint' ? { [BIGINT_TAG]: item.toString() } : item,
  );
}

/** Throws `SyntaxError` on text that is not JSON; callers turn that into a typed error. */
export function parseWithBigInt(text: string): unknown {
  return JSON.parse(text, (_key, item: unknown) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return item;
    const keys = Object.keys(item);
    const tagged = (item as Record<string, unknown>)[BIGINT_TAG];
    if (keys.length === 1 && typeof tagged === 'string' && /^-?\d+$/.test(tagged)) return BigInt(tagged);
    return item;
  });
}

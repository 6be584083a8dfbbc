import { SamsaError } from '@samsa/protocol';

/**
 * Shape checks for decoded metadata (records and snapshots). Bytes that fail them come from
 * a corrupt log or snapshot, or from a newer version; either way they are refused with a
 * message naming the field, never applied.
 */
export type FieldCheck = (value: unknown) => boolean;

export const isInteger: FieldCheck = (value) => Number.isSafeInteger(value);
export const isString: FieldCheck = (value) => typeof value === 'string';
export const isBoolean: FieldCheck = (value) => typeof value === 'boolean';
export const isBigInt: FieldCheck = (value) => typeof value === 'bigint';
export const isNullableString: FieldCheck = (value) => value === null || typeof value === 'string';
export const isIntegerArray: FieldCheck = (value) => Array.isArray(value) && value.every((item) => isInteger(item));

export function isArrayOf(check: FieldCheck): FieldCheck {
  return (value) => Array.isArray(value) && value.every((item) => check(item));
}

export function isOneOf(...allowed: readonly unknown[]): FieldCheck {
  return (value) => allowed.includes(value);
}

export function isObjectWith(required: Readonly<Record<string, FieldCheck>>): FieldCheck {
  return (value) => {
    if (!isPlainObject(value)) return false;
    const keys = Object.keys(value);
    return keys.length === Object.keys(required).length && keys.every((key) => required[key]?.(value[key]) === true);
  };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface ObjectShape {
  readonly required: Readonly<Record<string, FieldCheck>>;
  readonly optional?: Readonly<Record<string, FieldCheck>>;
}

/** Checks every field of `value` against `shape`; unknown fields are refused too. */
export function checkShape(value: Record<string, unknown>, shape: ObjectShape, what: string): void {
  for (const [key, check] of Object.entries(shape.required)) {
    if (!(key in value)) throw corrupt(`${what}: missing field ${key}`);
    if (!check(value[key])) throw corrupt(`${what}: field ${key} has a malformed value`);
  }
  for (const [key, item] of Object.entries(value)) {
    if (key in shape.required) continue;
    const check = shape.optional?.[key];
    if (check === undefined) throw corrupt(`${what}: unknown field ${key}`);
    if (!check(item)) throw corrupt(`${what}: field ${key} has a malformed value`);
  }
}

export function corrupt(message: string): SamsaError {
  return new SamsaError('CORRUPT_MESSAGE', message);
}

import { isInt32, isInt64 } from './varint';

/**
 * Range checks for the header fields a batch writer is given. A bad value is a programmer
 * error (`RangeError`/`TypeError` naming the field), not a `SamsaError`. Internal: shared by
 * the encoder and the builder, not exported from the package.
 */

const INT16_MIN = -0x8000;
const INT16_MAX = 0x7fff;

export function checkInt64(name: string, value: bigint): bigint {
  if (typeof value !== 'bigint') throw new TypeError(`${name}: expected a bigint, got ${typeof value}`);
  if (!isInt64(value)) throw new RangeError(`${name}: ${value} is outside the int64 range`);
  return value;
}

export function checkInt32(name: string, value: number): number {
  if (!isInt32(value)) throw new RangeError(`${name}: ${value} is not an int32`);
  return value;
}

export function checkInt16(name: string, value: number): number {
  if (!Number.isInteger(value) || value < INT16_MIN || value > INT16_MAX) throw new RangeError(`${name}: ${value} is not an int16`);
  return value;
}

/**
 * Option checks made once, up front, so that a wrong setting fails at construction with a
 * message naming it, instead of somewhere deep in a send. Wrong types are `TypeError`,
 * wrong values `RangeError`: programmer errors, never retried.
 */

export interface NumberBounds {
  readonly min?: number;
  readonly max?: number;
  /** Allow Infinity (for retry counts). */
  readonly allowInfinity?: boolean;
}

export function integerOption(name: string, value: unknown, defaultValue: number, bounds: NumberBounds = {}): number {
  if (value === undefined) return defaultValue;
  if (typeof value !== 'number' || Number.isNaN(value)) throw new TypeError(`${name}: expected a number, got ${describe(value)}`);
  const isInfinite = value === Infinity && bounds.allowInfinity === true;
  if (!isInfinite && !Number.isSafeInteger(value)) throw new RangeError(`${name}: expected an integer, got ${value}`);
  if (bounds.min !== undefined && value < bounds.min) throw new RangeError(`${name}: ${value} is below the minimum ${bounds.min}`);
  if (bounds.max !== undefined && value > bounds.max) throw new RangeError(`${name}: ${value} is above the maximum ${bounds.max}`);
  return value;
}

export function numberOption(name: string, value: unknown, defaultValue: number, bounds: NumberBounds = {}): number {
  if (value === undefined) return defaultValue;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new TypeError(`${name}: expected a finite number, got ${describe(value)}`);
  if (bounds.min !== undefined && value < bounds.min) throw new RangeError(`${name}: ${value} is below the minimum ${bounds.min}`);
  if (bounds.max !== undefined && value > bounds.max) throw new RangeError(`${name}: ${value} is above the maximum ${bounds.max}`);
  return value;
}

export function booleanOption(name: string, value: unknown, defaultValue: boolean): boolean {
  if (value === undefined) return defaultValue;
  if (typeof value !== 'boolean') throw new TypeError(`${name}: expected true or false, got ${describe(value)}`);
  return value;
}

export function choiceOption<T extends string | number>(name: string, value: unknown, defaultValue: T, choices: readonly T[]): T {
  if (value === undefined) return defaultValue;
  if (!choices.includes(value as T)) throw new RangeError(`${name}: expected one of ${choices.map((choice) => JSON.stringify(choice)).join(', ')}, got ${describe(value)}`);
  return value as T;
}

export function stringOption(name: string, value: unknown, defaultValue?: string): string {
  if (value === undefined && defaultValue !== undefined) return defaultValue;
  if (typeof value !== 'string' || value.length === 0) throw new TypeError(`${name}: expected a non-empty string, got ${describe(value)}`);
  return value;
}

/** `host:port` with a port in 1..65535. */
export function addressOption(name: string, value: unknown): string {
  if (typeof value !== 'string') throw new TypeError(`${name}: expected "host:port", got ${describe(value)}`);
  const match = /^(.+):(\d+)$/.exec(value);
  const port = match === null ? NaN : Number(match[2]);
  if (match === null || !(port >= 1 && port <= 65535)) throw new RangeError(`${name}: expected "host:port", got ${JSON.stringify(value)}`);
  return value;
}

export function rejectUnknownOptions(name: string, options: object, known: readonly string[]): void {
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw new TypeError(`${name}: unknown option ${JSON.stringify(key)} (known: ${known.join(', ')})`);
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return typeof value;
}

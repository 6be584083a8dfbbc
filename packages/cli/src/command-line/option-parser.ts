import { UsageError } from './usage-error';

export interface OptionSpec {
  /** Long name without dashes: `partitions` for `--partitions`. */
  readonly name: string;
  readonly short?: string;
  /** `string` options take a value (`--x V` or `--x=V`); `boolean` ones are switches. */
  readonly type: 'string' | 'boolean';
  /** May be given several times; the values are kept in order. */
  readonly multiple?: boolean;
  /** How the value is shown in help, e.g. `N` or `KEY=VALUE`. */
  readonly valueName?: string;
  readonly description: string;
  readonly env?: string;
  readonly defaultText?: string;
}

export interface ParsedOptions {
  /** Values by option name: a string, a list for `multiple`, `true` for a switch. */
  readonly values: Readonly<Record<string, string | readonly string[] | true>>;
  readonly positionals: readonly string[];
}

/**
 * Parses `argv` against `specs`. A string option always takes the next argument as its value
 * (so `--offset -1` works); `--` ends options. Repeating a single-valued option keeps the
 * last value, as most command-line tools do. Unknown options and missing values throw a
 * `UsageError` naming the option.
 */
export function parseOptions(argv: readonly string[], specs: readonly OptionSpec[]): ParsedOptions {
  const byLong = new Map(specs.map((spec) => [spec.name, spec]));
  const byShort = new Map(specs.filter((spec) => spec.short !== undefined).map((spec) => [spec.short!, spec]));
  const values: Record<string, string | string[] | true> = {};
  const positionals: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]!;
    if (argument === '--') {
      positionals.push(...argv.slice(index + 1));
      break;
    }
    if (!argument.startsWith('-') || argument === '-') {
      positionals.push(argument);
      continue;
    }
    const long = argument.startsWith('--');
    const equals = argument.indexOf('=');
    const name = long ? argument.slice(2, equals === -1 ? undefined : equals) : argument.slice(1, equals === -1 ? undefined : equals);
    const spec = long ? byLong.get(name) : byShort.get(name);
    const shown = long ? `--${name}` : `-${name}`;
    if (spec === undefined) throw new UsageError(`unknown option ${shown}`);
    if (spec.type === 'boolean') {
      if (equals !== -1) throw new UsageError(`option ${shown} takes no value`);
      values[spec.name] = true;
      continue;
    }
    let value: string;
    if (equals !== -1) {
      value = argument.slice(equals + 1);
    } else {
      const next = argv[index + 1];
      if (next === undefined) throw new UsageError(`missing value for ${shown}${spec.valueName === undefined ? '' : ` ${spec.valueName}`}`);
      value = next;
      index += 1;
    }
    if (spec.multiple === true) {
      const list = values[spec.name];
      values[spec.name] = Array.isArray(list) ? [...list, value] : [value];
    } else {
      values[spec.name] = value;
    }
  }
  return { values, positionals };
}

/** The value of a string option, or undefined when it was not given. */
export function stringValue(parsed: ParsedOptions, name: string): string | undefined {
  const value = parsed.values[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new TypeError(`option --${name} is not a single-valued string option`);
  return value;
}

export function listValue(parsed: ParsedOptions, name: string): readonly string[] {
  const value = parsed.values[name];
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new TypeError(`option --${name} is not a multiple option`);
  return value as readonly string[];
}

export function flagValue(parsed: ParsedOptions, name: string): boolean {
  return parsed.values[name] === true;
}

/** A whole number in [min, max] given to `--name`, e.g. `--partitions 6`. */
export function parseIntegerOption(name: string, raw: string, range: { min: number; max: number }): number {
  const value = Number(raw.trim());
  if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < range.min || value > range.max) {
    throw new UsageError(`invalid --${name}: expected an integer in [${range.min}, ${range.max}], got "${raw}"`);
  }
  return value;
}

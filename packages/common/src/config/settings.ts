/**
 * A typed setting: how it is named on the command line (`--node-id`), in the environment
 * (`SAMSA_NODE_ID`) and in a config file (`node-id: 1` or `nodeId: 1`), its default, and how
 * a raw string becomes a value. `parse` throws a plain `Error` whose message says what was
 * expected; the loader adds which setting and where the value came from.
 */
export interface Setting<T> {
  readonly flag: string;
  readonly description: string;
  /** Undefined means "required": loading fails when no source gives it. */
  readonly defaultValue: T | undefined;
  parse(raw: string): T;
}

export function integerSetting(flag: string, description: string, defaultValue: number | undefined, range: { min?: number; max?: number } = {}): Setting<number> {
  const min = range.min ?? Number.MIN_SAFE_INTEGER;
  const max = range.max ?? Number.MAX_SAFE_INTEGER;
  return {
    flag,
    description,
    defaultValue,
    parse(raw) {
      const value = Number(raw.trim());
      if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
        throw new Error(`expected an integer in [${min}, ${max}]`);
      }
      return value;
    },
  };
}

export function stringSetting(flag: string, description: string, defaultValue: string | undefined): Setting<string> {
  return {
    flag,
    description,
    defaultValue,
    parse(raw) {
      if (raw.trim() === '') throw new Error('expected a non-empty value');
      return raw.trim();
    },
  };
}

export function booleanSetting(flag: string, description: string, defaultValue: boolean): Setting<boolean> {
  return {
    flag,
    description,
    defaultValue,
    parse(raw) {
      const value = raw.trim().toLowerCase();
      if (['true', '1', 'yes'].includes(value)) return true;
      if (['false', '0', 'no'].includes(value)) return false;
      throw new Error('expected true or false');
    },
  };
}

export function enumListSetting<T extends string>(flag: string, description: string, defaultValue: readonly T[] | undefined, allowed: readonly T[]): Setting<readonly T[]> {
  return {
    flag,
    description,
    defaultValue,
    parse(raw) {
      const items = raw.split(',').map((item) => item.trim()).filter((item) => item !== '');
      if (items.length === 0) throw new Error(`expected a comma-separated list of ${allowed.join(', ')}`);
      for (const item of items) {
        if (!allowed.includes(item as T)) throw new Error(`"${item}" is not one of ${allowed.join(', ')}`);
      }
      return [...new Set(items)] as T[];
    },
  };
}

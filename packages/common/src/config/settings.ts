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

export interface HostPort {
  readonly host: string;
  readonly port: number;
}

/** Parses `host:port` (IPv6 as `[::1]:9092`); port 0 means "any free port". */
export function parseHostPort(raw: string): HostPort {
  const match = /^(?:\[([^\]]+)\]|([^:\s]+)):(\d{1,5})$/.exec(raw.trim());
  const port = Number(match?.[3]);
  if (!match || port > 65535) throw new Error('expected HOST:PORT with a port from 0 to 65535');
  return { host: match[1] ?? match[2]!, port };
}

export function hostPortSetting(flag: string, description: string, defaultValue: HostPort | undefined): Setting<HostPort> {
  return { flag, description, defaultValue, parse: parseHostPort };
}

export interface QuorumVoter extends HostPort {
  readonly id: number;
}

/** Parses KRaft's voter list: `1@host:port,2@host:port,3@host:port`. */
export function parseQuorumVoters(raw: string): QuorumVoter[] {
  const voters = raw.split(',').map((item) => item.trim()).filter((item) => item !== '').map((item) => {
    const at = item.indexOf('@');
    const id = Number(item.slice(0, at));
    if (at <= 0 || !Number.isSafeInteger(id) || id < 0) throw new Error(`"${item}" is not ID@HOST:PORT`);
    return { id, ...parseHostPort(item.slice(at + 1)) };
  });
  if (voters.length === 0) throw new Error('expected at least one ID@HOST:PORT');
  if (new Set(voters.map((voter) => voter.id)).size !== voters.length) throw new Error('voter ids must be unique');
  return voters;
}

export function quorumSetting(flag: string, description: string, defaultValue: QuorumVoter[] | undefined): Setting<QuorumVoter[]> {
  return { flag, description, defaultValue, parse: parseQuorumVoters };
}

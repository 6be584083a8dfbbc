import * as fs from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { Setting } from './settings';

export type Schema = Readonly<Record<string, Setting<unknown>>>;
export type ConfigOf<S extends Schema> = { readonly [K in keyof S]: S[K] extends Setting<infer T> ? T : never };

/** A setting that cannot work. The message is one line naming the setting and its source. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export interface ConfigSources {
  /** Values given as flags, keyed by flag name without dashes (`node-id`). */
  readonly flags?: Readonly<Record<string, string | undefined>>;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** A YAML (or JSON) file of `flag-name: value` or `camelName: value`. */
  readonly configFile?: string;
}

export function envName(flag: string): string {
  return `SAMSA_${flag.replace(/-/g, '_').toUpperCase()}`;
}

function camelName(flag: string): string {
  return flag.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/**
 * Resolves every setting of `schema` from, in order of precedence: flags, environment
 * (`SAMSA_*`), the config file, defaults. Unknown keys in the file are an error (a typo
 * should not silently do nothing); so is a missing required setting.
 */
export function loadConfig<S extends Schema>(schema: S, sources: ConfigSources): ConfigOf<S> {
  const fileValues = sources.configFile === undefined ? {} : readConfigFile(schema, sources.configFile);
  const result: Record<string, unknown> = {};
  for (const [key, setting] of Object.entries(schema)) {
    const candidates: [string | undefined, string][] = [
      [sources.flags?.[setting.flag], `--${setting.flag}`],
      [sources.env?.[envName(setting.flag)], envName(setting.flag)],
      [fileValues[setting.flag], `${setting.flag} in ${sources.configFile}`],
    ];
    const given = candidates.find(([value]) => value !== undefined);
    if (given === undefined) {
      if (setting.defaultValue === undefined) throw new ConfigError(`missing required setting --${setting.flag} (or ${envName(setting.flag)}): ${setting.description}`);
      result[key] = setting.defaultValue;
      continue;
    }
    try {
      result[key] = setting.parse(given[0]!);
    } catch (error) {
      throw new ConfigError(`invalid ${given[1]}: ${(error as Error).message}, got "${given[0]}"`);
    }
  }
  return result as ConfigOf<S>;
}

function readConfigFile(schema: Schema, file: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = parseYaml(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`cannot read config file ${file}: ${(error as Error).message.split('\n')[0]}`);
  }
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new ConfigError(`config file ${file} must be a mapping of setting: value`);
  const byName = new Map<string, string>();
  for (const setting of Object.values(schema)) {
    byName.set(setting.flag, setting.flag);
    byName.set(camelName(setting.flag), setting.flag);
  }
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    const flag = byName.get(key);
    if (flag === undefined) throw new ConfigError(`unknown setting "${key}" in config file ${file}`);
    values[flag] = Array.isArray(value) ? value.join(',') : String(value);
  }
  return values;
}

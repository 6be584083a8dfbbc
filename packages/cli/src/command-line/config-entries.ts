import { UsageError } from './usage-error';

export interface ConfigEntry {
  readonly key: string;
  readonly value: string;
}

/**
 * Parses repeated `--config KEY=VALUE` arguments. The first `=` splits, so values may hold
 * `=`; keys and values are trimmed and must not be empty; a key given twice is refused rather
 * than silently taking one of the values. Which keys and values are valid is the
 * controller's to say (INVALID_CONFIG names the key).
 */
export function parseConfigEntries(raw: readonly string[], option = 'config'): ConfigEntry[] {
  const entries: ConfigEntry[] = [];
  const seen = new Set<string>();
  for (const item of raw) {
    const equals = item.indexOf('=');
    const key = equals === -1 ? '' : item.slice(0, equals).trim();
    const value = equals === -1 ? '' : item.slice(equals + 1).trim();
    if (equals === -1 || key === '' || value === '') throw new UsageError(`invalid --${option}: expected KEY=VALUE, got "${item}"`);
    if (seen.has(key)) throw new UsageError(`invalid --${option}: key "${key}" is given twice`);
    seen.add(key);
    entries.push({ key, value });
  }
  return entries;
}

/** Parses repeated `--delete-config KEY` arguments: non-empty, distinct keys. */
export function parseConfigKeys(raw: readonly string[], option = 'delete-config'): string[] {
  const keys = raw.map((item) => item.trim());
  for (const key of keys) {
    if (key === '' || key.includes('=')) throw new UsageError(`invalid --${option}: expected a config KEY, got "${key}"`);
  }
  const duplicate = keys.find((key, index) => keys.indexOf(key) !== index);
  if (duplicate !== undefined) throw new UsageError(`invalid --${option}: key "${duplicate}" is given twice`);
  return keys;
}

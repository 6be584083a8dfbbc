const LEVEL_NAMES: Readonly<Record<number, string>> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
/** Fields every line has or that the prefix already shows; left out of the key=value tail. */
const HIDDEN_FIELDS = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'component', 'nodeId']);

/**
 * One pino JSON line as a person reads it in `samsa cluster start`:
 * `12:00:01.234 INFO  raft  became leader term=3`. Anything that is not a pino object (a
 * stack trace, a line from Node itself) comes back unchanged. Time is shown in UTC.
 */
export function formatLogLine(line: string): string {
  if (!line.startsWith('{')) return line;
  let record: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(line);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return line;
    record = parsed as Record<string, unknown>;
  } catch {
    return line;
  }
  if (typeof record['level'] !== 'number' || typeof record['msg'] !== 'string') return line;
  const time = typeof record['time'] === 'number' ? new Date(record['time']).toISOString().slice(11, 23) : '';
  const level = (LEVEL_NAMES[record['level']] ?? String(record['level'])).padEnd(5);
  const component = typeof record['component'] === 'string' ? `${record['component']}  ` : '';
  const fields = Object.entries(record)
    .filter(([key]) => !HIDDEN_FIELDS.has(key))
    .map(([key, value]) => `${key}=${fieldText(key, value)}`);
  return [time, level, `${component}${record['msg']}`, ...fields].filter((part) => part !== '').join(' ');
}

/** An error keeps only its message here; the full stack stays in the JSON logs. */
function fieldText(key: string, value: unknown): string {
  if (key === 'err' && value !== null && typeof value === 'object' && typeof (value as { message?: unknown }).message === 'string') {
    return JSON.stringify((value as { message: string }).message);
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

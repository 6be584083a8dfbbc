import type { Readable } from 'node:stream';

/** How many distinct messages a counter keeps; further ones are counted as lines only. */
const DISTINCT_MESSAGES_MAX = 200;

/**
 * Counts the lines a node writes (its pino JSON on stdout, anything on stderr) while attached,
 * and how often each message (`msg`, or the start of a line that is not JSON) occurs, so that
 * a benchmark can say how much a node logs and what. The LocalCluster's output tail cannot
 * give this: it is cut to a size.
 */
export class LogLineCounter {
  lines = 0;
  private readonly messages = new Map<string, number>();
  private readonly detachers: (() => void)[] = [];

  /** Counts what `stream` writes from now until `detach()`. */
  attach(stream: Readable | null | undefined): void {
    if (stream === null || stream === undefined) return;
    let partial = '';
    const onData = (chunk: Buffer | string) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) this.count(line);
    };
    stream.on('data', onData);
    this.detachers.push(() => stream.off('data', onData));
  }

  detach(): void {
    for (const detach of this.detachers.splice(0)) detach();
  }

  /** The `limit` most frequent messages, most frequent first. */
  topMessages(limit: number): { msg: string; count: number }[] {
    return [...this.messages.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([msg, count]) => ({ msg, count }));
  }

  private count(line: string): void {
    if (line.trim() === '') return;
    this.lines += 1;
    const msg = messageOf(line);
    if (this.messages.has(msg) || this.messages.size < DISTINCT_MESSAGES_MAX) this.messages.set(msg, (this.messages.get(msg) ?? 0) + 1);
  }
}

/** Fields of a log record that tell failures of one message apart (an error code, what the caller does next). */
const DISTINGUISHING_FIELDS = ['error', 'code', 'action', 'reason'] as const;

/**
 * A pino line's level name, `msg` and distinguishing fields ("warn: AlterPartition failed
 * (error=NOT_CONTROLLER action=retry)"), or the line's first 120 characters.
 */
export function messageOf(line: string): string {
  if (line.startsWith('{')) {
    try {
      const record = JSON.parse(line) as Record<string, unknown>;
      if (typeof record['msg'] === 'string') return `${levelName(record['level'])}${record['msg'].slice(0, 120)}${detailOf(record)}`;
    } catch {
      // not JSON after all: counted by its text
    }
  }
  return line.slice(0, 120);
}

function detailOf(record: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const field of DISTINGUISHING_FIELDS) {
    const value = record[field];
    if (typeof value === 'string' || typeof value === 'number') parts.push(`${field}=${String(value).slice(0, 60)}`);
  }
  const err = record['err'] as { message?: unknown } | undefined;
  if (typeof err?.message === 'string') parts.push(`err=${err.message.slice(0, 80)}`);
  return parts.length === 0 ? '' : ` (${parts.join(' ')})`;
}

function levelName(level: unknown): string {
  const names: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
  if (typeof level === 'number' && names[level] !== undefined) return `${names[level]}: `;
  if (typeof level === 'string') return `${level}: `;
  return '';
}

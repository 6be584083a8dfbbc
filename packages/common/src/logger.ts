import pino from 'pino';

export type Logger = pino.Logger;

export interface LoggerOptions {
  /** Component name, e.g. `storage` or `raft`; every line carries it. */
  readonly component: string;
  readonly level?: pino.LevelWithSilent;
  readonly bindings?: Record<string, unknown>;
}

/**
 * The one place loggers are made: pino JSON on stdout, a child per component. The level
 * comes from the caller, else `SAMSA_LOG_LEVEL`, else `info` (`silent` under jest).
 */
export function createLogger(options: LoggerOptions): Logger {
  const level = options.level ?? envLevel() ?? (process.env['JEST_WORKER_ID'] ? 'silent' : 'info');
  const root = pino({ level, base: { pid: process.pid } });
  return root.child({ component: options.component, ...options.bindings });
}

function envLevel(): pino.LevelWithSilent | undefined {
  const value = process.env['SAMSA_LOG_LEVEL'];
  const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
  return value !== undefined && levels.includes(value) ? (value as pino.LevelWithSilent) : undefined;
}

/** A logger that drops everything: the default for libraries when none is injected. */
export const silentLogger: Logger = pino({ level: 'silent' });

import { DEFAULT_MAX_BATCH_BYTES } from '@samsa/protocol';

/**
 * Per-partition log settings. Names and defaults follow Kafka's topic configs
 * (`segment.bytes`, `segment.ms`, `retention.ms`, `retention.bytes`, `max.message.bytes`,
 * `index.interval.bytes`, `segment.index.bytes`, `flush.messages`, `flush.ms`), with units
 * last. `-1` means "no limit" where Kafka uses it that way.
 */
export interface LogConfig {
  readonly segmentBytes: number;
  readonly segmentMs: number;
  readonly retentionMs: number;
  readonly retentionBytes: number;
  readonly maxBatchBytes: number;
  readonly indexIntervalBytes: number;
  readonly segmentIndexBytes: number;
  /** fsync after this many appended records; 1 = fsync every append; -1 = never by count. */
  readonly flushMessages: number;
  /** fsync when this long has passed since the last one; -1 = never by time. */
  readonly flushMs: number;
}

export const defaultLogConfig: LogConfig = {
  segmentBytes: 1024 * 1024 * 1024,
  segmentMs: 7 * 24 * 60 * 60 * 1000,
  retentionMs: 7 * 24 * 60 * 60 * 1000,
  retentionBytes: -1,
  maxBatchBytes: DEFAULT_MAX_BATCH_BYTES,
  indexIntervalBytes: 4096,
  segmentIndexBytes: 10 * 1024 * 1024,
  flushMessages: -1,
  flushMs: -1,
};

/** Thrown at start for a setting that cannot work; the message names the setting. */
export class LogConfigError extends Error {
  override readonly name = 'LogConfigError';
}

export function resolveLogConfig(overrides: Partial<LogConfig> = {}): LogConfig {
  const config: LogConfig = { ...defaultLogConfig, ...overrides };
  requireInteger(config, 'segmentBytes', 14, 2 ** 31 - 1);
  requireInteger(config, 'segmentMs', 1, Number.MAX_SAFE_INTEGER);
  requireLimit(config, 'retentionMs');
  requireLimit(config, 'retentionBytes');
  requireInteger(config, 'maxBatchBytes', 61, 2 ** 31 - 1);
  requireInteger(config, 'indexIntervalBytes', 0, 2 ** 31 - 1);
  requireInteger(config, 'segmentIndexBytes', 8 * 4, 2 ** 31 - 1);
  requireLimit(config, 'flushMessages');
  requireLimit(config, 'flushMs');
  if (config.flushMessages === 0) throw new LogConfigError('flushMessages must be -1 (off) or at least 1, got 0');
  return config;
}

function requireInteger(config: LogConfig, key: keyof LogConfig, min: number, max: number): void {
  const value = config[key];
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new LogConfigError(`${key} must be an integer in [${min}, ${max}], got ${value}`);
  }
}

function requireLimit(config: LogConfig, key: keyof LogConfig): void {
  const value = config[key];
  if (!Number.isSafeInteger(value) || value < -1) {
    throw new LogConfigError(`${key} must be -1 (no limit) or a non-negative integer, got ${value}`);
  }
}

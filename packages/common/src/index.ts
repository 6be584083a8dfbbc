export { assert, unreachable, AssertionError } from './assert';
export { createLogger, silentLogger } from './logger';
export type { Logger, LoggerOptions } from './logger';

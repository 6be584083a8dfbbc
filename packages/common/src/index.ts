export { createLogger, silentLogger } from './logger';
export type { Logger, LoggerOptions } from './logger';
export * from './config/settings';
export { loadConfig, ConfigError, envName } from './config/load-config';
export type { Schema, ConfigOf, ConfigSources } from './config/load-config';
export { createMetricsRegistry, startHttpEndpoints } from './http/http-endpoints';
export type { HealthReport, HttpEndpoints, HttpEndpointsOptions } from './http/http-endpoints';

export * from './error-codes';
export * from './errors';
export * from './crc32c';
export * from './batch-header';

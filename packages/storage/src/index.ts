export { PartitionLog } from './partition-log';
export type { PartitionLogOptions, AppendResult, ReadOptions, ReadResult } from './partition-log';
export { defaultLogConfig, resolveLogConfig, LogConfigError } from './log-config';
export type { LogConfig } from './log-config';
export type { EpochEndOffset, EpochEntry } from './leader-epoch-cache';
export { nodeFileSystem } from './file-system';
export type { FileSystem } from './file-system';
export { segmentFileStem } from './segment-files';
export { segmentsToDelete } from './retention';

import * as path from 'node:path';
import type { Logger } from '@samsa/common';
import { readPartitionCheckpoint } from './checkpoint-file';
import { type FileSystem, fsyncDirectory } from './file-system';
import { LeaderEpochCache } from './leader-epoch-cache';
import type { LogConfig } from './log-config';
import { LogSegment } from './log-segment';
import { isLeftoverFile, parseSegmentBaseOffsets } from './segment-files';
import { recoverSegment } from './segment-recovery';

export const CLEAN_SHUTDOWN_FILE = '.clean-shutdown';

export interface LoadOptions {
  readonly fileSystem: FileSystem;
  readonly directory: string;
  readonly config: LogConfig;
  readonly logger: Logger;
  readonly nowMs: number;
}

export interface LoadedLog {
  readonly segments: LogSegment[];
  readonly logStartOffset: number;
  readonly highWatermark: number;
  readonly epochCache: LeaderEpochCache;
  /** Bytes cut from torn or corrupt tails during recovery (0 after a clean stop). */
  readonly truncatedBytes: number;
  readonly recoveredSegments: number;
  /** The log had no segment and got its first one: its folder's entries are not fsynced yet. */
  readonly created: boolean;
  readonly checkpointFound: boolean;
}

/**
 * Opens a partition directory after a clean or an unclean stop. After a clean stop (the
 * marker file is there) segments are trusted and only their indexes are checked. Otherwise
 * every segment from the one holding the recovery point is validated batch by batch; the
 * first invalid batch and everything after it is cut, and the bytes cut are logged. A
 * segment whose index is missing or fails its checks is rebuilt the same way.
 */
export function loadLog(options: LoadOptions): LoadedLog {
  const { fileSystem, directory, logger } = options;
  fileSystem.mkdirSync(directory);
  removeLeftovers(fileSystem, directory);
  const checkpoint = readPartitionCheckpoint(fileSystem, directory);
  const markerPath = path.join(directory, CLEAN_SHUTDOWN_FILE);
  const cleanShutdown = fileSystem.existsSync(markerPath);
  if (cleanShutdown) {
    fileSystem.unlinkSync(markerPath);
    fsyncDirectory(fileSystem, directory);
  }
  const recoveryPoint = cleanShutdown ? Number.MAX_SAFE_INTEGER : (checkpoint?.recoveryPoint ?? 0);
  const epochCache = new LeaderEpochCache(fileSystem, directory);
  const epochCacheLoaded = epochCache.load();
  const baseOffsets = parseSegmentBaseOffsets(fileSystem.readdirSync(directory));
  const segments: LogSegment[] = [];
  let truncatedBytes = 0;
  let recoveredSegments = 0;
  for (let index = 0; index < baseOffsets.length; index += 1) {
    const baseOffset = baseOffsets[index]!;
    const segment = new LogSegment({ fileSystem, directory, baseOffset, config: options.config }, 'open', options.nowMs);
    const previous = segments[segments.length - 1];
    if (previous !== undefined && previous.nextOffset > baseOffset) {
      logger.warn({ segment: baseOffset }, 'segment overlaps the one before it; removing it and every later segment');
      segment.delete();
      deleteFrom(fileSystem, directory, baseOffsets.slice(index + 1), options);
      break;
    }
    const nextBase = baseOffsets[index + 1];
    const belowRecoveryPoint = nextBase !== undefined && nextBase <= recoveryPoint;
    const trusted = (cleanShutdown || belowRecoveryPoint) && epochCacheLoaded && segment.loadIndexes();
    segments.push(segment);
    if (trusted) continue;
    recoveredSegments += 1;
    const result = recoverSegment(segment, (batch) => {
      if (batch.partitionLeaderEpoch >= 0) epochCache.assignIfNewer(batch.partitionLeaderEpoch, batch.baseOffset);
    });
    if (result.truncatedBytes > 0) {
      truncatedBytes += result.truncatedBytes;
      logger.warn(
        { segment: baseOffset, truncatedBytes: result.truncatedBytes, reason: result.reason },
        'recovery cut an invalid tail from the segment',
      );
      const later = baseOffsets.slice(index + 1);
      if (later.length > 0) {
        logger.warn({ segments: later }, 'removing the segments after the cut, which the log can no longer reach');
        deleteFrom(fileSystem, directory, later, options);
      }
      break;
    }
  }
  // A log without segments gets its first one. The folder is not fsynced here: thousands of
  // partitions created at once would wait for thousands of fsyncs. The log's first flush
  // does it (`LogState.directoryUnsynced`), before anything in it counts as durable.
  const created = segments.length === 0;
  if (created) {
    const baseOffset = checkpoint?.logStartOffset ?? 0;
    segments.push(new LogSegment({ fileSystem, directory, baseOffset, config: options.config }, 'create', options.nowMs));
  }
  const logEndOffset = segments[segments.length - 1]!.nextOffset;
  const firstBase = segments[0]!.baseOffset;
  const logStartOffset = Math.min(Math.max(checkpoint?.logStartOffset ?? firstBase, firstBase), logEndOffset);
  epochCache.truncateFromEnd(logEndOffset);
  epochCache.truncateFromStart(logStartOffset);
  if (recoveredSegments > 0) for (const segment of segments) segment.flush();
  const highWatermark = Math.max(logStartOffset, Math.min(checkpoint?.highWatermark ?? 0, logEndOffset));
  return { segments, logStartOffset, highWatermark, epochCache, truncatedBytes, recoveredSegments, created, checkpointFound: checkpoint !== undefined };
}

function removeLeftovers(fileSystem: FileSystem, directory: string): void {
  const names = fileSystem.readdirSync(directory);
  const logs = new Set(names.filter((name) => name.endsWith('.log')).map((name) => name.slice(0, -4)));
  for (const name of names) {
    const stem = name.replace(/\.(index|timeindex)$/, '');
    const orphanIndex = stem !== name && !logs.has(stem);
    if (isLeftoverFile(name) || orphanIndex) fileSystem.unlinkSync(path.join(directory, name));
  }
}

function deleteFrom(fileSystem: FileSystem, directory: string, baseOffsets: readonly number[], options: LoadOptions): void {
  for (const baseOffset of baseOffsets) {
    new LogSegment({ fileSystem, directory, baseOffset, config: options.config }, 'open').delete();
  }
}

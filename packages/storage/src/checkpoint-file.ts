import * as path from 'node:path';
import { type FileSystem, writeFileAtomically } from './file-system';

/** Offsets a partition log persists beside its segments, so a restart resumes from them. */
export interface PartitionCheckpoint {
  readonly logStartOffset: number;
  /** Every byte below this offset was fsynced; recovery scans only from here. */
  readonly recoveryPoint: number;
  readonly highWatermark: number;
}

const FILE_NAME = 'partition.checkpoint';
const HEADER = 'samsa-partition-checkpoint v1';

/**
 * A small text file, `key value` per line, replaced atomically. A file that is missing or
 * does not parse reads as undefined, and the log falls back to the safe choice: recover
 * from the first segment, high watermark 0.
 */
export function readPartitionCheckpoint(fileSystem: FileSystem, directory: string): PartitionCheckpoint | undefined {
  const filePath = path.join(directory, FILE_NAME);
  if (!fileSystem.existsSync(filePath)) return undefined;
  const lines = fileSystem.readFileSync(filePath).toString('utf8').split('\n');
  if (lines[0] !== HEADER) return undefined;
  const values = new Map<string, number>();
  for (const line of lines.slice(1)) {
    const [key, value] = line.split(' ');
    if (key !== undefined && value !== undefined && /^\d+$/.test(value)) values.set(key, Number(value));
  }
  const logStartOffset = values.get('logStartOffset');
  const recoveryPoint = values.get('recoveryPoint');
  const highWatermark = values.get('highWatermark');
  if (logStartOffset === undefined || recoveryPoint === undefined || highWatermark === undefined) return undefined;
  return { logStartOffset, recoveryPoint, highWatermark };
}

export function writePartitionCheckpoint(fileSystem: FileSystem, directory: string, checkpoint: PartitionCheckpoint): void {
  const text = [
    HEADER,
    `logStartOffset ${checkpoint.logStartOffset}`,
    `recoveryPoint ${checkpoint.recoveryPoint}`,
    `highWatermark ${checkpoint.highWatermark}`,
    '',
  ].join('\n');
  writeFileAtomically(fileSystem, path.join(directory, FILE_NAME), Buffer.from(text, 'utf8'));
}

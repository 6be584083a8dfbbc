// Starting segments: creating a segment's files and rolling the active segment over to a
// new one. The append path rolls when a segment is full or old, retention rolls an expired
// active segment, and a full truncation starts over with a new one; this is the one place
// that knows the order those steps must run in to survive a full disk or a crash.
import { fsyncDirectory } from './file-system';
import { LogSegment } from './log-segment';
import type { LogState } from './log-state';
import { segmentPaths } from './segment-files';

/**
 * Makes a new active segment at `baseOffset` (the log end) and flushes the one it replaces.
 * Order matters: the old segment's indexes are written before anything is created, so a
 * full disk fails before the segment list changes; the old segment is fsynced after, and
 * only then may the recovery point move up to the new segment.
 */
export function rollSegment(state: LogState, baseOffset: number): void {
  const previous = state.activeSegment;
  previous.onRoll();
  const segment = createSegment(state, baseOffset);
  state.segments.push(segment);
  // Kafka flushes a rolled segment too, so recovery after a crash starts at the new one.
  previous.flush();
  if (state.recoveryPoint >= previous.baseOffset) state.recoveryPoint = Math.max(state.recoveryPoint, baseOffset);
  state.logger.debug({ baseOffset }, 'rolled a new segment');
}

/**
 * Creates a segment's files and fsyncs the directory so the new names survive a crash. The
 * caller adds the segment to the list. On failure (a full disk) the half-made files are
 * removed and the error is rethrown, so a retry starts clean.
 */
export function createSegment(state: LogState, baseOffset: number): LogSegment {
  const { fileSystem, directory } = state;
  const options = { fileSystem, directory, baseOffset, config: state.config };
  try {
    const segment = new LogSegment(options, 'create', state.clock());
    fsyncDirectory(fileSystem, directory);
    return segment;
  } catch (error) {
    for (const file of Object.values(segmentPaths(directory, baseOffset))) {
      if (fileSystem.existsSync(file)) fileSystem.unlinkSync(file);
    }
    throw error;
  }
}

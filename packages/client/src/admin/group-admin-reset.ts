import { BrokerError } from '../errors/client-errors';
import type { OffsetReset, ResetOffsetsOptions, ResetTarget } from './group-admin-types';

/** A checked `ResetTarget`: offsets and shifts as bigint. */
export type CheckedTarget =
  | { readonly kind: 'earliest' }
  | { readonly kind: 'latest' }
  | { readonly kind: 'timestamp'; readonly timestampMs: number }
  | { readonly kind: 'offset'; readonly offset: bigint }
  | { readonly kind: 'shift'; readonly shiftBy: bigint };

/** Throws TypeError / RangeError for anything that is not a valid `ResetOffsetsOptions`. */
export function checkResetOptions(groupId: unknown, options: ResetOffsetsOptions): { target: CheckedTarget; partitions: readonly number[] | undefined } {
  checkGroupId('resetOffsets', groupId);
  if (options === null || typeof options !== 'object') throw new TypeError('resetOffsets: expected options { topic, partitions?, to, dryRun? }');
  if (typeof options.topic !== 'string' || options.topic.length === 0) throw new TypeError('resetOffsets.topic: expected a non-empty string');
  const partitions = options.partitions === undefined ? undefined : checkPartitions(options.partitions);
  return { target: checkTarget(options.to), partitions };
}

export function checkGroupId(what: string, groupId: unknown): asserts groupId is string {
  if (typeof groupId !== 'string' || groupId.length === 0) throw new TypeError(`${what}: the group id must be a non-empty string, got ${JSON.stringify(groupId)}`);
}

function checkPartitions(partitions: readonly number[]): number[] {
  if (!Array.isArray(partitions) || partitions.length === 0) throw new TypeError('resetOffsets.partitions: expected a non-empty array of partition numbers');
  for (const partition of partitions) {
    if (!Number.isSafeInteger(partition) || partition < 0) throw new RangeError(`resetOffsets.partitions: expected partition numbers of 0 or more, got ${String(partition)}`);
  }
  if (new Set(partitions).size !== partitions.length) throw new RangeError(`resetOffsets.partitions: a partition is named twice in ${JSON.stringify(partitions)}`);
  return [...partitions].sort((a, b) => a - b);
}

function checkTarget(to: ResetTarget): CheckedTarget {
  if (to === 'earliest' || to === 'latest') return { kind: to };
  if (to !== null && typeof to === 'object') {
    const keys = Object.keys(to);
    if (keys.length === 1 && 'timestamp' in to) {
      if (!Number.isSafeInteger(to.timestamp) || to.timestamp < 0) throw new RangeError(`resetOffsets.to.timestamp: expected a time in ms (0 or more), got ${String(to.timestamp)}`);
      return { kind: 'timestamp', timestampMs: to.timestamp };
    }
    if (keys.length === 1 && 'offset' in to) {
      const offset = toBigInt('resetOffsets.to.offset', to.offset);
      if (offset < 0n) throw new RangeError(`resetOffsets.to.offset: expected an offset of 0 or more, got ${offset}`);
      return { kind: 'offset', offset };
    }
    if (keys.length === 1 && 'shiftBy' in to) return { kind: 'shift', shiftBy: toBigInt('resetOffsets.to.shiftBy', to.shiftBy) };
  }
  throw new TypeError(`resetOffsets.to: expected 'earliest', 'latest', { timestamp }, { offset } or { shiftBy }, got ${describe(to)}`);
}

function toBigInt(what: string, value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  throw new TypeError(`${what}: expected a bigint or a safe integer, got ${describe(value)}`);
}

function describe(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** What one partition's new offset is computed from. */
export interface PartitionState {
  readonly partition: number;
  readonly start: bigint;
  readonly end: bigint;
  readonly committed: bigint | null;
  /** For a `timestamp` target: the first offset at or after it, -1n when none. */
  readonly atTimestamp?: bigint;
}

/**
 * The new offset of each partition (pure). An absolute offset outside [start, end] is
 * OFFSET_OUT_OF_RANGE naming the partition, checked for every partition before anything is
 * committed; shifts are clamped into the range, as kafka-consumer-groups does.
 */
export function planReset(groupId: string, topic: string, target: CheckedTarget, states: readonly PartitionState[]): OffsetReset[] {
  return states.map((state) => ({ topic, partition: state.partition, previous: state.committed, offset: newOffset(groupId, topic, target, state) }));
}

function newOffset(groupId: string, topic: string, target: CheckedTarget, state: PartitionState): bigint {
  switch (target.kind) {
    case 'earliest':
      return state.start;
    case 'latest':
      return state.end;
    case 'timestamp':
      return state.atTimestamp === undefined || state.atTimestamp < 0n ? state.end : state.atTimestamp;
    case 'offset':
      if (target.offset < state.start || target.offset > state.end) {
        throw new BrokerError('OFFSET_OUT_OF_RANGE', `resetOffsets ${groupId}: offset ${target.offset} is outside the log of ${topic}-${state.partition}, which holds [${state.start}, ${state.end}]; nothing was changed`, '', { retriable: false });
      }
      return target.offset;
    case 'shift': {
      if (state.committed === null) throw new RangeError(`resetOffsets ${groupId}: cannot shift ${topic}-${state.partition}, the group has committed nothing there; nothing was changed`);
      const shifted = state.committed + target.shiftBy;
      return shifted < state.start ? state.start : shifted > state.end ? state.end : shifted;
    }
  }
}

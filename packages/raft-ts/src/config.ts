import { InvalidRequestError } from './errors';
import type { RandomSource } from './prng';
import type { Storage } from './storage';
import type { NodeId } from './types';

/** Options for one raft node. Every limit has a default that suits a metadata log. */
export interface RaftOptions {
  readonly id: NodeId;
  readonly storage: Storage;
  /** Seeded randomness for election timeouts; never a global source. */
  readonly random: RandomSource;
  /** Ticks a follower waits for a leader before campaigning; actual timeout is in [n, 2n). */
  readonly electionTicks?: number;
  /** Ticks between leader heartbeats; must be smaller than electionTicks. */
  readonly heartbeatTicks?: number;
  /** Ask for pre-votes first, so a partitioned node rejoining cannot bump everyone's term. */
  readonly preVote?: boolean;
  /** A leader that has not heard from a quorum in an election timeout steps down. */
  readonly checkQuorum?: boolean;
  readonly maxBytesPerMessage?: number;
  readonly maxInflightAppends?: number;
  readonly maxUncommittedBytes?: number;
  readonly maxSnapshotChunkBytes?: number;
  readonly maxReadIndexQueue?: number;
  readonly maxApplyBytesPerReady?: number;
  /** The index the application's state machine has applied; defaults to the snapshot. */
  readonly appliedIndex?: number;
}

export type ResolvedOptions = Required<Omit<RaftOptions, 'appliedIndex'>> & { readonly appliedIndex: number | undefined };

export function resolveOptions(options: RaftOptions): ResolvedOptions {
  const resolved: ResolvedOptions = {
    electionTicks: 10,
    heartbeatTicks: 1,
    preVote: true,
    checkQuorum: true,
    maxBytesPerMessage: 1024 * 1024,
    maxInflightAppends: 256,
    maxUncommittedBytes: 64 * 1024 * 1024,
    maxSnapshotChunkBytes: 1024 * 1024,
    maxReadIndexQueue: 4096,
    maxApplyBytesPerReady: 64 * 1024 * 1024,
    ...options,
    appliedIndex: options.appliedIndex,
  };
  requirePositiveInteger(resolved, 'id');
  for (const name of LIMIT_NAMES) requirePositiveInteger(resolved, name);
  if (resolved.heartbeatTicks >= resolved.electionTicks) {
    throw new InvalidRequestError('option heartbeatTicks must be smaller than electionTicks');
  }
  return resolved;
}

const LIMIT_NAMES = [
  'electionTicks',
  'heartbeatTicks',
  'maxBytesPerMessage',
  'maxInflightAppends',
  'maxUncommittedBytes',
  'maxSnapshotChunkBytes',
  'maxReadIndexQueue',
  'maxApplyBytesPerReady',
] as const;

function requirePositiveInteger(options: ResolvedOptions, name: 'id' | (typeof LIMIT_NAMES)[number]): void {
  const value = options[name];
  if (!Number.isInteger(value) || value <= 0) {
    throw new InvalidRequestError(`option ${name} must be a positive integer, got ${value}`);
  }
}

import type { OffsetResetPolicy } from '../reader/partition-reader';
import { booleanOption, choiceOption, integerOption, rejectUnknownOptions, stringOption } from '../options/validate';

export type AssignorName = 'uniform' | 'range' | 'round-robin';

export interface ConsumerOptions {
  /** The group to join: 1 to 249 characters of a-z A-Z 0-9 . _ - */
  readonly groupId: string;
  /** Static membership (Kafka's group.instance.id): a restart with the same id keeps the partitions. */
  readonly groupInstanceId?: string;
  /** Where a partition without a committed offset starts, and what OFFSET_OUT_OF_RANGE does. Default 'latest'. */
  readonly autoOffsetReset?: OffsetResetPolicy;
  /** Commit what the application has taken every autoCommitIntervalMs, on revocation and on close. Default true. */
  readonly enableAutoCommit?: boolean;
  /** Default 5000. */
  readonly autoCommitIntervalMs?: number;
  /**
   * Without a successful heartbeat for this long, the consumer takes its partitions as lost
   * (the coordinator has removed it by then; match the group's session timeout). Default 45000.
   */
  readonly sessionTimeoutMs?: number;
  /** How long the consumer may take to let go of a partition before the coordinator removes it. Default 300000. */
  readonly rebalanceTimeoutMs?: number;
  /** The coordinator's assignor: 'uniform' (sticky, balanced), 'range' or 'round-robin'. Default 'uniform'. */
  readonly assignor?: AssignorName;
  /** Records decoded and handed out at a time: one eachBatch call at most (a fetched chunk is sliced). Default 500 (Kafka's max.poll.records). */
  readonly maxPollRecords?: number;
  /** How long a broker holds a Fetch open waiting for minBytes. Default 500. */
  readonly maxWaitMs?: number;
  /** The broker answers a Fetch as soon as this many bytes are ready. Default 1. */
  readonly minBytes?: number;
  /** Bytes of one Fetch answer, all partitions together. Default 52428800 (Kafka's fetch.max.bytes). */
  readonly maxBytes?: number;
  /** Bytes of one partition in one Fetch answer. Default 1048576 (Kafka's max.partition.fetch.bytes). */
  readonly maxPartitionBytes?: number;
  /** Fetched bytes buffered ahead of the application, all partitions together. Default 67108864. */
  readonly bufferBytesMax?: number;
}

export interface ResolvedConsumerOptions {
  readonly groupId: string;
  readonly groupInstanceId: string | undefined;
  readonly autoOffsetReset: OffsetResetPolicy;
  readonly enableAutoCommit: boolean;
  readonly autoCommitIntervalMs: number;
  readonly sessionTimeoutMs: number;
  readonly rebalanceTimeoutMs: number;
  readonly assignor: AssignorName;
  readonly maxPollRecords: number;
  readonly maxWaitMs: number;
  readonly minBytes: number;
  readonly maxBytes: number;
  readonly maxPartitionBytes: number;
  readonly bufferBytesMax: number;
}

const KNOWN = [
  'groupId',
  'groupInstanceId',
  'autoOffsetReset',
  'enableAutoCommit',
  'autoCommitIntervalMs',
  'sessionTimeoutMs',
  'rebalanceTimeoutMs',
  'assignor',
  'maxPollRecords',
  'maxWaitMs',
  'minBytes',
  'maxBytes',
  'maxPartitionBytes',
  'bufferBytesMax',
];

/** The coordinator's rule for group ids (stricter than Kafka's, so ids are safe in paths and labels). */
const GROUP_ID = /^[a-zA-Z0-9._-]{1,249}$/;

export function resolveConsumerOptions(options: ConsumerOptions): ResolvedConsumerOptions {
  if (options === null || typeof options !== 'object') throw new TypeError('consumer options: expected an object');
  rejectUnknownOptions('consumer', options, KNOWN);
  const groupId = stringOption('consumer.groupId', options.groupId);
  if (!GROUP_ID.test(groupId)) throw new RangeError(`consumer.groupId: expected 1 to 249 characters of a-z A-Z 0-9 . _ -, got ${JSON.stringify(groupId)}`);
  const groupInstanceId = options.groupInstanceId === undefined ? undefined : stringOption('consumer.groupInstanceId', options.groupInstanceId);
  const maxBytes = integerOption('consumer.maxBytes', options.maxBytes, 50 * 1024 * 1024, { min: 1, max: 0x7fffffff });
  const maxPartitionBytes = integerOption('consumer.maxPartitionBytes', options.maxPartitionBytes, 1024 * 1024, { min: 1, max: 0x7fffffff });
  return {
    groupId,
    groupInstanceId,
    autoOffsetReset: choiceOption<OffsetResetPolicy>('consumer.autoOffsetReset', options.autoOffsetReset, 'latest', ['earliest', 'latest', 'none']),
    enableAutoCommit: booleanOption('consumer.enableAutoCommit', options.enableAutoCommit, true),
    autoCommitIntervalMs: integerOption('consumer.autoCommitIntervalMs', options.autoCommitIntervalMs, 5_000, { min: 1, max: 2 ** 31 - 1 }),
    sessionTimeoutMs: integerOption('consumer.sessionTimeoutMs', options.sessionTimeoutMs, 45_000, { min: 1, max: 2 ** 31 - 1 }),
    rebalanceTimeoutMs: integerOption('consumer.rebalanceTimeoutMs', options.rebalanceTimeoutMs, 300_000, { min: 0, max: 2 ** 31 - 1 }),
    assignor: choiceOption<AssignorName>('consumer.assignor', options.assignor, 'uniform', ['uniform', 'range', 'round-robin']),
    maxPollRecords: integerOption('consumer.maxPollRecords', options.maxPollRecords, 500, { min: 1, max: 1_000_000 }),
    maxWaitMs: integerOption('consumer.maxWaitMs', options.maxWaitMs, 500, { min: 0, max: 300_000 }),
    minBytes: integerOption('consumer.minBytes', options.minBytes, 1, { min: 0, max: 0x7fffffff }),
    maxBytes,
    maxPartitionBytes,
    bufferBytesMax: integerOption('consumer.bufferBytesMax', options.bufferBytesMax, 64 * 1024 * 1024, { min: 1 }),
  };
}

// OffsetCommit, AlterOffsets and OffsetFetch against one group: the checks, the records of
// accepted commits, and the answers. A refused partition changes nothing; the others of the
// same request are committed (Kafka answers per partition too).
import type { ErrorName } from '@samsa/protocol';
import { committerOf, type Committer, offsetError, ownershipError, type OffsetRecord } from './committed-offsets';
import type { GroupCoordinatorConfig } from './group-config';
import type {
  FetchedOffset,
  OffsetCommitResponse,
  OffsetCommitTopic,
  OffsetFetchRequest,
  OffsetFetchResponse,
  PartitionResult,
  RequestContext,
  TopicResults,
} from './group-api';
import type { GroupEntry } from './group-entry';

export interface CommitScope {
  readonly entry: GroupEntry;
  readonly context: RequestContext;
  readonly config: GroupCoordinatorConfig;
}

/**
 * A commit by `memberId` at `memberEpoch` ('' for nobody: an operator's commit or reset).
 * Returns the answer and the records of the partitions accepted, already applied.
 */
export function commitOffsets(
  scope: CommitScope,
  memberId: string,
  memberEpoch: number,
  topics: readonly OffsetCommitTopic[],
): { response: OffsetCommitResponse; records: OffsetRecord[] } {
  const committer = committerOf(scope.entry.group, memberId, memberEpoch);
  const records: OffsetRecord[] = [];
  const results: TopicResults[] = topics.map(({ topic, partitions }) => ({
    topic,
    partitions: partitions.map((commit): PartitionResult => {
      const error = typeof committer === 'string' ? committer : partitionError(scope, committer, topic, commit);
      if (error === null) {
        const value = { offset: commit.offset, leaderEpoch: commit.leaderEpoch, metadata: commit.metadata, commitTimestampMs: scope.context.nowMs };
        const record: OffsetRecord = { kind: 'offset-commit', groupId: scope.entry.group.groupId, topic, partition: commit.partition, value };
        scope.entry.offsets.apply(record);
        records.push(record);
      }
      return { partition: commit.partition, error: error ?? 'NONE', errorMessage: error === null ? '' : messageFor(error, topic, commit.partition) };
    }),
  }));
  return { response: { error: 'NONE', errorMessage: '', topics: results }, records };
}

function partitionError(scope: CommitScope, committer: Committer, topic: string, commit: OffsetCommitTopic['partitions'][number]): ErrorName | null {
  const unknown = offsetError(scope.context, topic, commit, scope.config.offsetMetadataBytesMax);
  if (unknown === 'UNKNOWN_TOPIC_OR_PARTITION') return unknown;
  return ownershipError(committer, topic, commit.partition) ?? unknown;
}

function messageFor(error: ErrorName, topic: string, partition: number): string {
  switch (error) {
    case 'STALE_MEMBER_EPOCH':
      return `the member does not own ${topic}-${partition} at the epoch it sent`;
    case 'UNKNOWN_MEMBER_ID':
      return 'the group does not know this member (a commit without a member needs an empty group)';
    case 'FENCED_MEMBER_EPOCH':
      return 'the member epoch is newer than the coordinator knows: join again';
    case 'UNKNOWN_TOPIC_OR_PARTITION':
      return `${topic}-${partition} does not exist`;
    case 'OFFSET_METADATA_TOO_LARGE':
      return 'the offset metadata is too large';
    case 'OFFSET_OUT_OF_RANGE':
      return `the offset is negative or beyond the log end of ${topic}-${partition}`;
    default:
      return '';
  }
}

/**
 * Committed offsets: of the partitions asked for (-1 where none), of every partition
 * committed for a topic asked for with no partitions, or of everything when no topic is
 * asked for. A group that does not exist has nothing committed.
 */
export function fetchOffsets(entry: GroupEntry | undefined, request: OffsetFetchRequest): OffsetFetchResponse {
  const committed = entry?.offsets.entries() ?? [];
  const fetched = (partition: number, topic: string): FetchedOffset => {
    const value = entry?.offsets.get(topic, partition);
    return value === undefined
      ? { partition, offset: -1n, leaderEpoch: -1, metadata: '', error: 'NONE' }
      : { partition, offset: value.offset, leaderEpoch: value.leaderEpoch, metadata: value.metadata, error: 'NONE' };
  };
  const committedPartitionsOf = (topic: string): number[] => committed.filter(([name]) => name === topic).map(([, partition]) => partition);
  const asked =
    request.topics.length > 0
      ? request.topics.map(({ topic, partitions }) => ({ topic, partitions: partitions.length > 0 ? partitions : committedPartitionsOf(topic) }))
      : [...new Set(committed.map(([topic]) => topic))].map((topic) => ({ topic, partitions: committedPartitionsOf(topic) }));
  return {
    error: 'NONE',
    errorMessage: '',
    topics: asked.map(({ topic, partitions }) => ({ topic, partitions: partitions.map((partition) => fetched(partition, topic)) })),
  };
}

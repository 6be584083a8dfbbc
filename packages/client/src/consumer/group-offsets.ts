import { type ErrorName, type GroupWire, errorNameOf } from '@samsa/protocol';
import { BrokerError } from '../errors/client-errors';
import type { CoordinatorLink } from './coordinator-link';
import type { TopicPartition } from './topic-partitions';

/** A position to commit: the next offset to consume. */
export interface OffsetToCommit extends TopicPartition {
  readonly offset: bigint;
}

export const COORDINATOR_ERRORS: ReadonlySet<ErrorName> = new Set<ErrorName>(['NOT_COORDINATOR', 'COORDINATOR_NOT_AVAILABLE', 'COORDINATOR_LOAD_IN_PROGRESS']);

/** A commit whose partitions were refused; `stale` ones may pass after the next heartbeat. */
export interface CommitResult {
  readonly committed: OffsetToCommit[];
  readonly stale: OffsetToCommit[];
  readonly failed: { readonly offset: OffsetToCommit; readonly code: ErrorName }[];
}

function commitTopics(offsets: readonly OffsetToCommit[]): GroupWire.OffsetCommitTopic[] {
  const byTopic = new Map<string, GroupWire.OffsetCommitPartition[]>();
  for (const { topic, partition, offset } of offsets) {
    let list = byTopic.get(topic);
    if (list === undefined) byTopic.set(topic, (list = []));
    list.push({ partition, offset: offset.toString(), leaderEpoch: -1, metadata: '' });
  }
  return [...byTopic].map(([topic, partitions]) => ({ topic, partitions }));
}

/**
 * One OffsetCommit as a member. A whole-request coordinator error forgets the coordinator and
 * throws (retriable); per-partition answers are sorted into committed, stale and failed.
 */
export async function commitOnce(link: CoordinatorLink, member: { groupId: string; memberId: string; memberEpoch: number }, offsets: readonly OffsetToCommit[]): Promise<CommitResult> {
  const client = await link.current();
  const response = await client.offsetCommit({ ...member, topics: commitTopics(offsets) });
  if (response.errorCode !== 0) {
    const code = errorNameOf(response.errorCode);
    if (COORDINATOR_ERRORS.has(code)) link.forget();
    throw new BrokerError(code, `OffsetCommit for group ${member.groupId} on ${client.address}: ${code}${response.errorMessage ? ` (${response.errorMessage})` : ''}`, client.address);
  }
  const errors = new Map<string, ErrorName>();
  for (const topic of response.topics) for (const partition of topic.partitions) if (partition.errorCode !== 0) errors.set(`${topic.topic}\u0000${partition.partition}`, errorNameOf(partition.errorCode));
  const result: CommitResult = { committed: [], stale: [], failed: [] };
  for (const offset of offsets) {
    const code = errors.get(`${offset.topic}\u0000${offset.partition}`);
    if (code === undefined) result.committed.push(offset);
    else if (code === 'STALE_MEMBER_EPOCH') result.stale.push(offset);
    else result.failed.push({ offset, code });
  }
  return result;
}

/** The committed offsets of `partitions` (-1n where none), from the coordinator. */
export async function fetchCommitted(link: CoordinatorLink, groupId: string, partitions: readonly TopicPartition[]): Promise<Map<string, bigint>> {
  const byTopic = new Map<string, number[]>();
  for (const { topic, partition } of partitions) {
    let list = byTopic.get(topic);
    if (list === undefined) byTopic.set(topic, (list = []));
    list.push(partition);
  }
  const client = await link.current();
  const response = await client.offsetFetch({ groupId, topics: [...byTopic].map(([topic, list]) => ({ topic, partitions: list })) });
  if (response.errorCode !== 0) {
    const code = errorNameOf(response.errorCode);
    if (COORDINATOR_ERRORS.has(code)) link.forget();
    throw new BrokerError(code, `OffsetFetch for group ${groupId} on ${client.address}: ${code}`, client.address);
  }
  const out = new Map<string, bigint>();
  for (const topic of response.topics) {
    for (const partition of topic.partitions) {
      if (partition.errorCode !== 0) throw BrokerError.ofCode(partition.errorCode, `OffsetFetch ${topic.topic}-${partition.partition} for group ${groupId} on ${client.address}`, client.address);
      out.set(`${topic.topic}\u0000${partition.partition}`, BigInt(partition.offset));
    }
  }
  return out;
}

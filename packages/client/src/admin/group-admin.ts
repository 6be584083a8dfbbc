import type { GroupWire } from '@samsa/protocol';
import type { Cluster } from '../cluster/cluster';
import { BrokerError } from '../errors/client-errors';
import type { RetryOptions } from '../errors/retry';
import type { AdminChannels, GroupsClient } from './group-admin-channels';
import { GroupCoordinators, groupError } from './group-admin-coordinators';
import { offsetsOf, partitionCounts, partitionKey } from './group-admin-offsets';
import { checkGroupId, checkResetOptions, planReset, type PartitionState } from './group-admin-reset';
import type { CommittedOffset, GroupDescription, GroupListing, GroupOffsetsDescription, GroupState, OffsetReset, PartitionLag, ResetOffsetsOptions } from './group-admin-types';
import { descriptionOf } from './group-admin-wire';

/**
 * The consumer-group half of `Admin`. ListGroups goes to every broker (each answers for the
 * groups it coordinates) and the answers are merged; everything else goes to the group's
 * coordinator through `GroupCoordinators`, which finds it and retries when it moves.
 * Refusals are `BrokerError`s with the coordinator's Kafka code: GROUP_ID_NOT_FOUND,
 * INVALID_GROUP_ID, NON_EMPTY_GROUP, UNKNOWN_TOPIC_OR_PARTITION, OFFSET_OUT_OF_RANGE.
 */
export class GroupAdmin {
  private readonly coordinators: GroupCoordinators;

  constructor(
    private readonly cluster: Cluster,
    channels: AdminChannels,
    private readonly retry: RetryOptions,
  ) {
    this.coordinators = new GroupCoordinators(cluster, channels, retry);
  }

  /** Every group of the cluster (or those in `states`), sorted by id. */
  async listGroups(options: { states?: readonly GroupState[] } = {}): Promise<GroupListing[]> {
    const states = options.states ?? [];
    if (!Array.isArray(states) || states.some((state) => typeof state !== 'string')) throw new TypeError('listGroups.states: expected an array of state names');
    const answers = await this.coordinators.everyBroker(async (client, brokerId) => {
      const response = await client.listGroups({ states: [...states] });
      if (response.errorCode !== 0) throw groupError(response.errorCode, `ListGroups on broker ${brokerId}`, client.address, response.errorMessage);
      return response.groups.map((group) => ({ groupId: group.groupId, state: group.state as GroupState, members: group.members, coordinator: brokerId }));
    });
    // A group moving between coordinators may be listed twice for a moment: keep one.
    const byId = new Map(answers.flat().map((group) => [group.groupId, group]));
    return [...byId.values()].sort((a, b) => compare(a.groupId, b.groupId));
  }

  /** Members with their assignment and target; GROUP_ID_NOT_FOUND for a group that does not exist. */
  async describeGroups(groupIds: readonly string[]): Promise<GroupDescription[]> {
    checkGroupIds('describeGroups', groupIds);
    return Promise.all(groupIds.map((groupId) => this.describeGroup(groupId)));
  }

  async describeGroup(groupId: string): Promise<GroupDescription> {
    checkGroupId('describeGroup', groupId);
    return this.coordinators.call(groupId, async (client, coordinator) => {
      const response = await client.describeGroups({ groupIds: [groupId] });
      const wire = response.groups.find((group) => group.groupId === groupId);
      if (wire === undefined) throw new BrokerError('UNKNOWN_SERVER_ERROR', `DescribeGroups on ${client.address} did not answer for group ${groupId}`, client.address);
      if (wire.errorCode !== 0) throw groupError(wire.errorCode, `describeGroups ${groupId}`, client.address, wire.errorMessage);
      return descriptionOf(wire, coordinator.nodeId);
    });
  }

  /** Deletes each group with its offsets; NON_EMPTY_GROUP while it has members. Throws the first refusal after trying all. */
  async deleteGroups(groupIds: readonly string[]): Promise<void> {
    checkGroupIds('deleteGroups', groupIds);
    const results = await Promise.allSettled(
      groupIds.map((groupId) =>
        this.coordinators.call(groupId, async (client) => {
          const response = await client.deleteGroups({ groupIds: [groupId] });
          const result = response.groups.find((group) => group.groupId === groupId);
          if (result === undefined) throw new BrokerError('UNKNOWN_SERVER_ERROR', `DeleteGroups on ${client.address} did not answer for group ${groupId}`, client.address);
          if (result.errorCode !== 0) throw groupError(result.errorCode, `deleteGroups ${groupId}`, client.address, result.errorMessage);
        }),
      ),
    );
    const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
  }

  /** The group's committed offsets (for `topics`, or all), sorted by topic and partition. */
  async fetchCommittedOffsets(groupId: string, topics?: readonly string[]): Promise<CommittedOffset[]> {
    checkGroupId('fetchCommittedOffsets', groupId);
    if (topics !== undefined && (!Array.isArray(topics) || topics.some((topic) => typeof topic !== 'string' || topic.length === 0))) {
      throw new TypeError('fetchCommittedOffsets.topics: expected an array of topic names');
    }
    const request: GroupWire.OffsetFetchRequest = { groupId, topics: (topics ?? []).map((topic) => ({ topic, partitions: [] })) };
    return this.coordinators.call(groupId, (client) => fetchCommitted(client, groupId, request));
  }

  /**
   * The group and, per partition it has committed or members own, the committed offset, the
   * end offset (high watermark) and the lag, as `samsa group describe` shows them.
   */
  async describeGroupOffsets(groupId: string): Promise<GroupOffsetsDescription> {
    const group = await this.describeGroup(groupId);
    const committed = await this.fetchCommittedOffsets(groupId);
    const rows = new Map<string, { topic: string; partition: number; committed: bigint | null; memberId: string | null }>();
    for (const entry of committed) rows.set(partitionKey(entry.topic, entry.partition), { topic: entry.topic, partition: entry.partition, committed: entry.offset, memberId: null });
    for (const member of group.members) {
      for (const owned of member.assignment) {
        for (const partition of owned.partitions) {
          const key = partitionKey(owned.topic, partition);
          rows.set(key, { topic: owned.topic, partition, committed: rows.get(key)?.committed ?? null, memberId: member.memberId });
        }
      }
    }
    const existing = await partitionCounts(this.cluster, [...rows.values()].map((row) => row.topic));
    const live = [...rows.values()].filter((row) => row.partition < (existing.get(row.topic) ?? 0));
    const ends = await offsetsOf(this.cluster, this.retry, live, 'latest');
    const offsets: PartitionLag[] = [...rows.values()].map((row) => {
      const end = ends.get(partitionKey(row.topic, row.partition)) ?? null;
      const lag = end === null || row.committed === null ? null : end - row.committed;
      return { topic: row.topic, partition: row.partition, committed: row.committed, end, lag, memberId: row.memberId };
    });
    offsets.sort((a, b) => compare(a.topic, b.topic) || a.partition - b.partition);
    return { group, offsets };
  }

  /**
   * Moves the group's committed offsets of `topic` (every partition, or `partitions`). Checks
   * everything before committing anything: the topic and partitions exist
   * (UNKNOWN_TOPIC_OR_PARTITION), the group has no members (NON_EMPTY_GROUP; the
   * coordinator refuses too, should one join meanwhile), and each new offset lies within the
   * log (OFFSET_OUT_OF_RANGE). A group that does not exist is created with these offsets, as
   * Kafka does. Returns the previous and new offset of each partition.
   */
  async resetOffsets(groupId: string, options: ResetOffsetsOptions): Promise<OffsetReset[]> {
    const { target, partitions: chosen } = checkResetOptions(groupId, options);
    const topic = options.topic;
    const count = (await partitionCounts(this.cluster, [topic])).get(topic);
    if (count === undefined) throw new BrokerError('UNKNOWN_TOPIC_OR_PARTITION', `resetOffsets ${groupId}: topic ${topic} does not exist; nothing was changed`, '', { retriable: false });
    const missing = chosen?.find((partition) => partition >= count);
    if (missing !== undefined) throw new BrokerError('UNKNOWN_TOPIC_OR_PARTITION', `resetOffsets ${groupId}: topic ${topic} has no partition ${missing} (it has ${count}); nothing was changed`, '', { retriable: false });
    await this.checkEmpty(groupId);
    const partitions = chosen ?? Array.from({ length: count }, (_, index) => index);
    const states = await this.partitionStates(groupId, topic, partitions, target.kind === 'timestamp' ? target.timestampMs : undefined);
    const plan = planReset(groupId, topic, target, states);
    if (options.dryRun === true) return plan;
    await this.coordinators.call(groupId, async (client) => {
      const response = await client.alterOffsets({
        groupId,
        topics: [{ topic, partitions: plan.map((entry) => ({ partition: entry.partition, offset: String(entry.offset), leaderEpoch: -1, metadata: '' })) }],
      });
      if (response.errorCode !== 0) throw groupError(response.errorCode, `resetOffsets ${groupId}`, client.address, response.errorMessage);
      throwFirstPartitionError(response.topics, `resetOffsets ${groupId}`, client.address);
    });
    return plan;
  }

  private async checkEmpty(groupId: string): Promise<void> {
    let group: GroupDescription;
    try {
      group = await this.describeGroup(groupId);
    } catch (error: unknown) {
      if (error instanceof BrokerError && error.code === 'GROUP_ID_NOT_FOUND') return;
      throw error;
    }
    if (group.members.length > 0) {
      throw new BrokerError('NON_EMPTY_GROUP', `resetOffsets ${groupId}: the group has ${group.members.length} member(s) (state ${group.state}); stop its consumers first; nothing was changed`, '', { retriable: false });
    }
  }

  private async partitionStates(groupId: string, topic: string, partitions: readonly number[], timestampMs: number | undefined): Promise<PartitionState[]> {
    const list = partitions.map((partition) => ({ topic, partition }));
    const [starts, ends, committed, atTimestamp] = await Promise.all([
      offsetsOf(this.cluster, this.retry, list, 'earliest'),
      offsetsOf(this.cluster, this.retry, list, 'latest'),
      this.fetchCommittedOffsets(groupId, [topic]),
      timestampMs === undefined ? undefined : offsetsOf(this.cluster, this.retry, list, timestampMs),
    ]);
    const committedOf = new Map(committed.map((entry) => [entry.partition, entry.offset]));
    return partitions.map((partition) => {
      const key = partitionKey(topic, partition);
      const at = atTimestamp?.get(key);
      return { partition, start: starts.get(key) as bigint, end: ends.get(key) as bigint, committed: committedOf.get(partition) ?? null, ...(at === undefined ? {} : { atTimestamp: at }) };
    });
  }
}

async function fetchCommitted(client: GroupsClient, groupId: string, request: GroupWire.OffsetFetchRequest): Promise<CommittedOffset[]> {
  const response = await client.offsetFetch(request);
  if (response.errorCode !== 0) throw groupError(response.errorCode, `fetchCommittedOffsets ${groupId}`, client.address, response.errorMessage);
  const offsets: CommittedOffset[] = [];
  for (const topic of response.topics) {
    for (const entry of topic.partitions) {
      if (entry.errorCode !== 0) throw groupError(entry.errorCode, `fetchCommittedOffsets ${groupId} ${topic.topic}-${entry.partition}`, client.address);
      if (entry.offset >= 0) offsets.push({ topic: topic.topic, partition: entry.partition, offset: BigInt(entry.offset), leaderEpoch: entry.leaderEpoch, metadata: entry.metadata });
    }
  }
  return offsets.sort((a, b) => compare(a.topic, b.topic) || a.partition - b.partition);
}

function throwFirstPartitionError(topics: readonly GroupWire.TopicErrors__Output[], what: string, address: string): void {
  for (const topic of topics) {
    for (const entry of topic.partitions) {
      if (entry.errorCode !== 0) throw groupError(entry.errorCode, `${what} ${topic.topic}-${entry.partition}`, address, entry.errorMessage);
    }
  }
}

function checkGroupIds(what: string, groupIds: readonly string[]): void {
  if (!Array.isArray(groupIds) || groupIds.length === 0) throw new TypeError(`${what}: expected a non-empty array of group ids`);
  for (const groupId of groupIds) checkGroupId(what, groupId);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

import type { BrokerClient } from '../broker/broker-client';
import type { Cluster } from '../cluster/cluster';
import { BrokerError } from '../errors/client-errors';
import { withRetry, type RetryOptions } from '../errors/retry';
import { type ControllerWire, errorNameOf } from '@samsa/protocol';
import { checkReassignments, ongoingReassignments, type OngoingReassignment, type PartitionReassignment, reassignmentRequest } from './reassignments';
import { type ClusterRebalancePlan, planClusterRebalance, type RebalanceOptions } from './rebalance-cluster';
import { type RebalanceOutcome, runRebalance, type RebalanceRunOptions } from './rebalance-run';
import { ConfigAdmin, type ConfigChanges } from './config-admin';
import { GroupAdmin } from './group-admin';
import { AdminChannels } from './group-admin-channels';
import type { CommittedOffset, GroupDescription, GroupListing, GroupOffsetsDescription, GroupState, OffsetReset, ResetOffsetsOptions } from './group-admin-types';

export interface CreateTopicOptions {
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  readonly configs?: Readonly<Record<string, string>>;
}

export interface TopicDescription {
  readonly name: string;
  readonly topicId: string;
  readonly partitions: readonly { partition: number; leader: number; leaderEpoch: number; replicas: number[]; isr: number[] }[];
  readonly configs: Readonly<Record<string, string>>;
}

export interface ClusterDescription {
  readonly clusterId: string;
  readonly controllers: readonly { id: number; address: string; leader: boolean }[];
  readonly brokers: readonly { id: number; address: string; rack: string; fenced: boolean }[];
}

/**
 * Cluster administration through any broker, which forwards to the active controller.
 * Retriable answers (NOT_CONTROLLER during an election, an unreachable broker) are retried
 * on another broker with backoff; anything else is thrown as a `BrokerError` with the
 * controller's code. Shapes follow DESIGN.md's `--json` output. Consumer-group calls go to
 * the group's coordinator instead (group-admin.ts); call `close()` when done with them.
 */
export class Admin {
  // Made on first use by the group and config methods (logic in group-admin.ts, config-admin.ts).
  private channels: AdminChannels | undefined;
  private groupAdmin: GroupAdmin | undefined;
  private configAdmin: ConfigAdmin | undefined;

  constructor(
    private readonly cluster: Cluster,
    private readonly retry: RetryOptions,
  ) {}

  /** Creates a topic; returns its topic id. TOPIC_ALREADY_EXISTS is thrown, not ignored. */
  async createTopic(options: CreateTopicOptions): Promise<string> {
    checkName('createTopic.name', options?.name);
    checkCount('createTopic.partitions', options.partitions);
    checkCount('createTopic.replicationFactor', options.replicationFactor);
    const configs: ControllerWire.TopicConfig[] = Object.entries(options.configs ?? {}).map(([key, value]) => ({ key, value: String(value) }));
    return this.call(async (client) => {
      const response = await client.createTopics({ topics: [{ name: options.name, partitions: options.partitions, replicationFactor: options.replicationFactor, configs }] });
      throwIfError(response.error, `createTopic ${options.name}`, client.address);
      const result = response.topics.find((topic) => topic.name === options.name);
      throwIfError(result?.error ?? null, `createTopic ${options.name}`, client.address);
      return result?.topicId ?? '';
    });
  }

  async deleteTopic(name: string): Promise<void> {
    checkName('deleteTopic name', name);
    await this.call(async (client) => {
      const response = await client.deleteTopics({ names: [name] });
      throwIfError(response.error, `deleteTopic ${name}`, client.address);
      throwIfError(response.topics.find((topic) => topic.name === name)?.error ?? null, `deleteTopic ${name}`, client.address);
    });
    this.cluster.metadata.forget(name);
  }

  /** Raises a topic's partition count to `partitions` (Kafka never lowers it). */
  async createPartitions(options: { name: string; partitions: number }): Promise<void> {
    checkName('createPartitions.name', options?.name);
    checkCount('createPartitions.partitions', options.partitions);
    await this.call(async (client) => {
      const response = await client.createPartitions({ name: options.name, partitions: options.partitions });
      throwIfError(response.error, `createPartitions ${options.name}`, client.address);
    });
    this.cluster.requestRefresh();
  }

  /** Every topic when `names` is empty or absent. */
  async describeTopics(names: readonly string[] = []): Promise<TopicDescription[]> {
    return this.call(async (client) => {
      const response = await client.describeTopics([...names]);
      throwIfError(response.error, 'describeTopics', client.address);
      return response.topics.map((topic) => {
        throwIfError(topic.error, `describeTopics ${topic.name}`, client.address);
        return {
          name: topic.name,
          topicId: topic.topicId,
          partitions: [...topic.partitions]
            .sort((a, b) => a.partition - b.partition)
            .map((p) => ({ partition: p.partition, leader: p.leader, leaderEpoch: p.leaderEpoch, replicas: p.replicas, isr: p.isr })),
          configs: Object.fromEntries(topic.configs.map((config) => [config.key, config.value])),
        };
      });
    });
  }

  async describeCluster(): Promise<ClusterDescription> {
    return this.call(async (client) => {
      const response = await client.describeCluster();
      throwIfError(response.error, 'describeCluster', client.address);
      return {
        clusterId: response.clusterId,
        controllers: response.controllers.map(({ id, address, leader }) => ({ id, address, leader })),
        brokers: response.brokers.map(({ id, address, rack, fenced }) => ({ id, address, rack, fenced })),
      };
    });
  }

  /** The same as `createPartitions`, by the name Kafka's admin tools use. */
  addPartitions(options: { name: string; partitions: number }): Promise<void> {
    return this.createPartitions(options);
  }

  /** Every consumer group (or those in `states`), sorted by id. */
  listGroups(options: { states?: readonly GroupState[] } = {}): Promise<GroupListing[]> {
    return this.groups().listGroups(options);
  }

  /** Members with what they own and their target; GROUP_ID_NOT_FOUND for an unknown group. */
  describeGroups(groupIds: readonly string[]): Promise<GroupDescription[]> {
    return this.groups().describeGroups(groupIds);
  }

  /** The group with, per partition, committed offset, end offset and lag (null where unknown). */
  describeGroupOffsets(groupId: string): Promise<GroupOffsetsDescription> {
    return this.groups().describeGroupOffsets(groupId);
  }

  /** NON_EMPTY_GROUP while a group has members, GROUP_ID_NOT_FOUND for an unknown one. */
  deleteGroups(groupIds: readonly string[]): Promise<void> {
    return this.groups().deleteGroups(groupIds);
  }

  fetchCommittedOffsets(groupId: string, topics?: readonly string[]): Promise<CommittedOffset[]> {
    return this.groups().fetchCommittedOffsets(groupId, topics);
  }

  /** Moves an empty group's committed offsets; see `GroupAdmin.resetOffsets`. */
  resetOffsets(groupId: string, options: ResetOffsetsOptions): Promise<OffsetReset[]> {
    return this.groups().resetOffsets(groupId, options);
  }

  /** The configs set on a topic (the rest take defaults). */
  describeConfigs(topic: string): Promise<Record<string, string>> {
    return this.configs().describeConfigs(topic);
  }

  /** Sets (string) or deletes (null) topic configs, all or none. */
  alterConfigs(topic: string, changes: ConfigChanges): Promise<void> {
    return this.configs().alterConfigs(topic, changes);
  }

  /** Closes the channels the group and config methods opened; the Samsa client stays open. */
  close(): void {
    this.channels?.close();
    this.channels = undefined;
    this.groupAdmin = undefined;
    this.configAdmin = undefined;
  }

  private groups(): GroupAdmin {
    this.groupAdmin ??= new GroupAdmin(this.cluster, this.adminChannels(), this.retry);
    return this.groupAdmin;
  }

  private configs(): ConfigAdmin {
    this.configAdmin ??= new ConfigAdmin(this.cluster, this.adminChannels(), this.retry);
    return this.configAdmin;
  }

  private adminChannels(): AdminChannels {
    this.channels ??= new AdminChannels(this.cluster.options.requestTimeoutMs);
    return this.channels;
  }

  /**
   * Starts moving partitions to new replicas (preferred leader first), or cancels ongoing
   * moves (`replicas: null`). Resolves once the controller has accepted every one; the move
   * itself goes on until the new replicas have caught up (see `listPartitionReassignments`).
   * Asking again for the move already under way is accepted; a different target for a
   * moving partition throws REASSIGNMENT_IN_PROGRESS.
   */
  async alterPartitionReassignments(partitions: readonly PartitionReassignment[]): Promise<void> {
    checkReassignments(partitions);
    if (partitions.length === 0) return;
    await this.call(async (client) => {
      const response = await client.alterPartitionReassignments(reassignmentRequest(partitions));
      throwIfError(response.error, 'alterPartitionReassignments', client.address);
      for (const result of response.partitions) throwIfError(result.error, `alterPartitionReassignments ${result.topic}/${result.partition}`, client.address);
    });
    this.cluster.requestRefresh();
  }

  /** The moves the controller is carrying out, in topic and partition order. */
  async listPartitionReassignments(): Promise<OngoingReassignment[]> {
    return this.call(async (client) => {
      const response = await client.listPartitionReassignments();
      throwIfError(response.error, 'listPartitionReassignments', client.address);
      return ongoingReassignments(response);
    });
  }

  /**
   * Plans a balanced assignment over every unfenced broker except `excludeBrokers`
   * (`rebalance-plan.ts` says what balanced means). Changes nothing; see `executeRebalance`.
   */
  async planRebalance(options: RebalanceOptions = {}): Promise<ClusterRebalancePlan> {
    return planClusterRebalance(this, options);
  }

  /** Carries a plan out as controller reassignments, `maxMoves` partitions at a time (see `rebalance-run.ts`). */
  async executeRebalance(plan: ClusterRebalancePlan, options: RebalanceRunOptions = {}): Promise<RebalanceOutcome> {
    return runRebalance(this, plan, options);
  }

  private call<T>(operation: (client: BrokerClient) => Promise<T>): Promise<T> {
    return withRetry(async () => operation(await this.cluster.anyBrokerClient()), this.retry, { isCancelled: () => this.cluster.isClosed });
  }
}

function throwIfError(error: ControllerWire.Error__Output | null, what: string, address: string): void {
  if (error === null || error.code === 0) return;
  const name = errorNameOf(error.code);
  throw new BrokerError(name, `${what}: ${name}${error.message ? ` (${error.message})` : ''}`, address);
}

function checkName(option: string, name: unknown): void {
  if (typeof name !== 'string' || name.length === 0) throw new TypeError(`${option}: expected a non-empty string`);
}

function checkCount(option: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) throw new RangeError(`${option}: expected a positive integer, got ${String(value)}`);
}

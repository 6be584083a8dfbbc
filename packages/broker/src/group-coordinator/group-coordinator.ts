// The consumer-group coordinator of one broker (Kafka's GroupCoordinatorService): a shard
// for every __consumer_offsets partition this broker leads, made and loaded when leadership
// arrives and closed when it leaves; FindCoordinator for any group; and the topic's creation
// on first use.
import { randomUUID } from 'node:crypto';
import type { Logger } from '@samsa/common';
import type { ControllerClient, MetadataImage } from '@samsa/metadata';
import { ErrorCodes, SamsaError } from '@samsa/protocol';
import type { TopicImage } from '../group/group-api';
import type { GroupCoordinatorConfig } from '../group/group-config';
import { groupIdError } from '../group/group-id';
import type { PartitionSignals } from '../server/partition-signals';
import type { ReplicaManager } from '../server/replica-manager';
import { minInsyncReplicas } from '../server/topic-config';
import type { Scheduler } from '../time/scheduler';
import { CoordinatorShard } from './coordinator-shard';
import { LogEndOffsets } from './log-end-offsets';
import { OFFSETS_TOPIC, OFFSETS_TOPIC_PARTITIONS_DEFAULT, offsetsTopicCreation, partitionForGroup } from './offsets-topic';

export interface GroupCoordinatorOptions {
  readonly brokerId: number;
  readonly replicas: ReplicaManager;
  readonly signals: PartitionSignals;
  readonly controller: ControllerClient;
  readonly image: () => MetadataImage;
  readonly clock: Scheduler;
  readonly logger: Logger;
  /** Partitions of __consumer_offsets when this broker creates it. */
  readonly offsetsTopicPartitions?: number;
  readonly config?: Partial<GroupCoordinatorConfig>;
  /** How long an answer waits for its records to commit. Default 5000 (Kafka's). */
  readonly commitTimeoutMs?: number;
}

export interface CoordinatorAddress {
  readonly nodeId: number;
  readonly host: string;
  readonly port: number;
}

export class GroupCoordinator {
  private readonly shards = new Map<number, CoordinatorShard>();
  readonly endOffsets: LogEndOffsets;
  private creating: Promise<void> | undefined;
  private topicsOf: { readonly image: MetadataImage; readonly topics: TopicImage } | undefined;
  private stopped = false;

  constructor(private readonly options: GroupCoordinatorOptions) {
    this.endOffsets = new LogEndOffsets({ brokerId: options.brokerId, replicas: options.replicas, image: options.image, clock: options.clock });
  }

  /** Follows leadership of __consumer_offsets after the replicas applied `image`. */
  onImage(image: MetadataImage): void {
    if (this.stopped) return;
    const topic = image.topic(OFFSETS_TOPIC);
    const leading = new Set<number>();
    for (const state of topic?.partitions ?? []) {
      const replica = this.options.replicas.byTopicPartition(OFFSETS_TOPIC, state.partition);
      const leader = replica?.leader;
      if (replica === undefined || leader === undefined) continue;
      leading.add(state.partition);
      const shard = this.shards.get(state.partition);
      if (shard !== undefined && shard.leaderEpoch === leader.leaderEpoch) continue;
      shard?.close();
      const fresh = new CoordinatorShard({
        replica,
        leaderEpoch: leader.leaderEpoch,
        signals: this.options.signals,
        clock: this.options.clock,
        logger: this.options.logger,
        minInsyncReplicas: () => minInsyncReplicas(this.options.image(), OFFSETS_TOPIC),
        core: { config: this.options.config ?? {}, newMemberId: () => randomUUID() },
        commitTimeoutMs: this.options.commitTimeoutMs ?? 5000,
      });
      this.shards.set(state.partition, fresh);
      fresh.load().catch((error: unknown) => {
        this.options.logger.error({ err: error, partition: state.partition }, 'loading the group coordinator failed; its groups are unavailable here');
        fresh.close();
        if (this.shards.get(state.partition) === fresh) this.shards.delete(state.partition);
      });
    }
    for (const [partition, shard] of this.shards) {
      if (leading.has(partition)) continue;
      shard.close();
      this.shards.delete(partition);
      this.options.logger.info({ partition }, 'no longer the group coordinator of this partition');
    }
  }

  /** Where `groupId`'s coordinator listens; creates __consumer_offsets on first use. */
  findCoordinator(groupId: string): CoordinatorAddress {
    const refused = groupIdError(groupId);
    if (refused !== null) throw new SamsaError(refused.error, refused.errorMessage);
    const image = this.options.image();
    const topic = image.topic(OFFSETS_TOPIC);
    if (topic === undefined) {
      this.createOffsetsTopic(image);
      throw new SamsaError('COORDINATOR_NOT_AVAILABLE', `${OFFSETS_TOPIC} is being created`);
    }
    const state = topic.partitions[partitionForGroup(groupId, topic.partitions.length)]!;
    const broker = state.leader < 0 ? undefined : image.broker(state.leader);
    const listener = broker?.listeners[0];
    if (broker === undefined || broker.fenced || listener === undefined) throw new SamsaError('COORDINATOR_NOT_AVAILABLE', `${OFFSETS_TOPIC}-${state.partition} has no leader now`);
    return { nodeId: broker.brokerId, host: listener.host, port: listener.port };
  }

  /** The shard coordinating `groupId` here, or the error that tells the client to look again. */
  shardFor(groupId: string): CoordinatorShard {
    const refused = groupIdError(groupId);
    if (refused !== null) throw new SamsaError(refused.error, refused.errorMessage);
    const topic = this.options.image().topic(OFFSETS_TOPIC);
    if (topic === undefined) throw new SamsaError('NOT_COORDINATOR', `${OFFSETS_TOPIC} does not exist yet: find the coordinator first`);
    const shard = this.shards.get(partitionForGroup(groupId, topic.partitions.length));
    if (shard === undefined) throw new SamsaError('NOT_COORDINATOR', `this broker does not coordinate group ${groupId}`);
    if (shard.loading) throw new SamsaError('COORDINATOR_LOAD_IN_PROGRESS', `the coordinator of group ${groupId} is loading`);
    return shard;
  }

  /** The shards that have loaded, for ListGroups. */
  activeShards(): CoordinatorShard[] {
    return [...this.shards.values()].filter((shard) => !shard.loading);
  }

  /** Every topic by name with its id and partition count, rebuilt once per metadata image. */
  topics(): TopicImage {
    const image = this.options.image();
    if (this.topicsOf?.image !== image) {
      const topics = new Map<string, { topicId: string; partitionCount: number }>();
      for (const name of image.topicNames()) {
        const topic = image.topic(name)!;
        topics.set(name, { topicId: topic.topicId, partitionCount: topic.partitions.length });
      }
      this.topicsOf = { image, topics };
    }
    return this.topicsOf.topics;
  }

  stop(): void {
    this.stopped = true;
    for (const shard of this.shards.values()) shard.close();
    this.shards.clear();
    this.endOffsets.close();
  }

  private createOffsetsTopic(image: MetadataImage): void {
    if (this.creating !== undefined) return;
    const partitions = this.options.offsetsTopicPartitions ?? OFFSETS_TOPIC_PARTITIONS_DEFAULT;
    // min(3, the brokers the cluster has), counting fenced ones: a broker still restarting
    // must not make the topic less replicated for good. It waits until that many are up.
    const replicationFactor = Math.max(1, Math.min(3, image.brokers.size));
    if (image.unfencedBrokers().length < replicationFactor) return;
    const request = offsetsTopicCreation(partitions, replicationFactor);
    this.creating = this.options.controller
      .createTopics(request)
      .then((response) => {
        const error = response.error ?? response.topics[0]?.error ?? null;
        if (error !== null && error.code !== 0 && error.code !== ErrorCodes.TOPIC_ALREADY_EXISTS.code) {
          this.options.logger.warn({ error }, `creating ${OFFSETS_TOPIC} failed`);
        } else {
          this.options.logger.info({ partitions, replicationFactor }, `created ${OFFSETS_TOPIC}`);
        }
      })
      .catch((error: unknown) => this.options.logger.warn({ err: error }, `creating ${OFFSETS_TOPIC} failed`))
      .finally(() => {
        this.creating = undefined;
      });
  }
}

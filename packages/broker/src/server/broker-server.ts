import * as grpc from '@grpc/grpc-js';
import type { HealthReport, Logger } from '@samsa/common';
import { ControllerClient, MetadataFollower, type MetadataImage } from '@samsa/metadata';
import { SAMSA_CHANNEL_OPTIONS, bindGrpcServer, brokerService, groupsService, replicationService } from '@samsa/protocol';
import type { Registry } from 'prom-client';
import type { GroupCoordinatorConfig } from '../group/group-config';
import { GroupCoordinator } from '../group-coordinator/group-coordinator';
import { registerGroupMetrics } from '../group-coordinator/group-metrics';
import { groupsHandlers } from '../group-coordinator/groups-service';
import { replicationHandlers } from '../replication/replication-service';
import { BrokerLifecycle } from './broker-lifecycle';
import { BrokerMetrics } from './broker-metrics';
import { brokerHandlers } from './broker-service';
import { FetcherManager } from './fetcher-manager';
import { LogManager } from './log-manager';
import { PartitionSignals } from './partition-signals';
import { ProducerIdPool } from './producer-id-pool';
import { mayFollowAssignments } from './registration-gate';
import { ReplicaManager } from './replica-manager';
import type { Scheduler } from '../time/scheduler';
import { SYSTEM_CLOCK } from '../time/system-clock';

export interface BrokerServerOptions {
  readonly nodeId: number;
  readonly clusterId: string;
  /** Partition logs live under `<dataDirectory>/logs`. */
  readonly dataDirectory: string;
  readonly listen: { readonly host: string; readonly port: number };
  /** What clients and other brokers are told to connect to; `listen` by default. */
  readonly advertised?: { readonly host: string; readonly port: number };
  readonly rack: string | null;
  /** The controller quorum's addresses (`host:port`). */
  readonly controllers: readonly string[];
  readonly logger: Logger;
  readonly registry: Registry;
  readonly heartbeatIntervalMs?: number;
  /** A follower not caught up for this long leaves the ISR (Kafka: replica.lag.time.max.ms). */
  readonly replicaLagTimeMaxMs?: number;
  /**
   * The clock and timers of everything the broker role runs itself (heartbeats, ISR checks,
   * replica fetch backoff, request deadlines, log flushes); the real clock by default. The
   * metadata follower and gRPC keep their own timers.
   */
  readonly clock?: Scheduler;
  /** Partitions of __consumer_offsets when this broker is the one to create it. Default 16. */
  readonly offsetsTopicPartitions?: number;
  /** The group coordinator's settings (session timeout, heartbeat interval, ...); Kafka's defaults. */
  readonly groups?: Partial<GroupCoordinatorConfig>;
}

export interface BrokerServer {
  readonly port: number;
  health(): HealthReport;
  ready(): HealthReport;
  /** Controlled shutdown: leaderships move away first, then everything closes. */
  close(): Promise<void>;
}

/** Broker defaults: heartbeats every 500 ms; a follower lagging 10 s leaves the ISR. */
export const BROKER_REPLICA_LAG_TIME_MAX_MS_DEFAULT = 10_000;

/**
 * Starts the broker role: logs under the data directory, the Broker, Groups and Replication
 * gRPC services on `listen`, registration and heartbeats with the controller quorum, and the
 * committed metadata log driving which partitions this broker leads and follows.
 */
export async function startBrokerServer(options: BrokerServerOptions): Promise<BrokerServer> {
  const logger = options.logger.child({ role: 'broker' });
  const clock = options.clock ?? SYSTEM_CLOCK;
  const controller = new ControllerClient({ addresses: options.controllers, attemptsMax: 20, callTimeoutMs: 30_000 });
  const logs = new LogManager({ dataDirectory: options.dataDirectory, logger, clock });
  // KIP-966: whether the previous process closed every log cleanly, and with which epoch.
  const previousBrokerEpoch = logs.takeCleanShutdownEpoch();
  logger.info({ previousBrokerEpoch }, previousBrokerEpoch > 0 ? 'the previous stop was clean' : 'no clean stop recorded: registering as after an unclean shutdown');
  const signals = new PartitionSignals(clock);
  // Its gauges read the replicas and the image only when scraped, after both exist.
  const metrics: BrokerMetrics = new BrokerMetrics(options.registry, { replicas: () => replicas.all(), image: (): MetadataImage => follower.image });
  let brokerEpoch = -1;
  const replicas = new ReplicaManager({
    brokerId: options.nodeId,
    logs,
    signals,
    controller,
    brokerEpoch: () => brokerEpoch,
    replicaLagTimeMaxMs: options.replicaLagTimeMaxMs ?? BROKER_REPLICA_LAG_TIME_MAX_MS_DEFAULT,
    logger,
    metrics,
    clock,
  });
  const fetchers = new FetcherManager({ brokerId: options.nodeId, replicas, signals, brokerEpoch: () => brokerEpoch, logger, metrics, clock });
  let lifecycle: BrokerLifecycle | undefined;
  const follower = new MetadataFollower({ brokerId: options.nodeId, client: controller, logger });
  const image = (): MetadataImage => follower.image;
  const groups = new GroupCoordinator({
    brokerId: options.nodeId,
    replicas,
    signals,
    controller,
    image,
    clock,
    logger,
    config: options.groups ?? {},
    ...(options.offsetsTopicPartitions === undefined ? {} : { offsetsTopicPartitions: options.offsetsTopicPartitions }),
  });
  registerGroupMetrics(options.registry, groups, replicas);
  // Partitions follow the metadata only once it holds this process's registration: see
  // registration-gate.ts. Until then images wait, and the latest is applied when it does.
  let applied: MetadataImage | undefined;
  const followAssignments = () => {
    const next = follower.image;
    if (next === applied || !mayFollowAssignments(next, options.nodeId, lifecycle?.brokerEpoch ?? -1)) return;
    applied = next;
    try {
      replicas.applyImage(next);
      fetchers.update(next);
      groups.onImage(next);
    } catch (error) {
      logger.error({ err: error }, 'applying metadata to the partitions failed');
    }
  };
  follower.on('image', followAssignments);
  const producerIds = new ProducerIdPool({ brokerId: options.nodeId, brokerEpoch: () => brokerEpoch, controller });
  const server = new grpc.Server(SAMSA_CHANNEL_OPTIONS);
  server.addService(brokerService().service, brokerHandlers({ clusterId: options.clusterId, replicas, signals, controller, image, producerIds, logger, metrics, clock }));
  server.addService(groupsService().service, groupsHandlers({ coordinator: groups, logger }));
  server.addService(replicationService().service, replicationHandlers({ replicas, signals, logger, metrics }));
  const port = await bindGrpcServer(server, options.listen.host, options.listen.port, () => logger.warn('cannot turn Nagle off on broker connections (grpc-js internals changed); replication will be slower'));
  const advertised = options.advertised ?? { host: options.listen.host, port };
  lifecycle = new BrokerLifecycle({
    brokerId: options.nodeId,
    client: controller,
    listener: { host: advertised.host, port: advertised.port === 0 ? port : advertised.port },
    rack: options.rack,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 500,
    metadataOffset: () => follower.image.lastAppliedOffset,
    logger,
    clock,
    previousBrokerEpoch,
    recoveringReplicas: () => replicas.recoveringReplicaLogs(),
  });
  lifecycle.on('state', () => {
    brokerEpoch = lifecycle!.brokerEpoch;
    followAssignments();
  });
  logs.start();
  replicas.start();
  follower.start();
  await lifecycle.start();
  brokerEpoch = lifecycle.brokerEpoch;
  logger.info({ port, brokerEpoch }, 'broker listening');
  return {
    port,
    health: () => ({ ok: true }),
    ready: () => ({ ok: lifecycle.state === 'unfenced', detail: { state: lifecycle.state, metadataOffset: follower.image.lastAppliedOffset } }),
    async close() {
      // Leaderships can only move to another unfenced broker. With none left (the last node
      // of a cluster that is stopping), there is nothing to hand over and likely no controller
      // quorum to answer, so waiting for a controlled shutdown would only delay the stop.
      const handoverTargets = follower.image.unfencedBrokers().filter((broker) => broker.brokerId !== options.nodeId);
      if (handoverTargets.length > 0) await lifecycle.shutdown(5000);
      else lifecycle.stop();
      groups.stop();
      fetchers.stop();
      replicas.stop();
      follower.stop();
      await new Promise<void>((resolve) => {
        const force = clock.schedule(1000, () => {
          server.forceShutdown();
          resolve();
        });
        server.tryShutdown(() => {
          force.cancel();
          resolve();
        });
      });
      // Every log flushed and closed: then, last, the clean-shutdown file with this registration's epoch.
      logs.close(lifecycle.brokerEpoch);
      controller.close();
    },
  };
}

import { controllerService } from '@samsa/protocol';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as grpc from '@grpc/grpc-js';
import type { HealthReport, Logger } from '@samsa/common';
import type { Registry } from 'prom-client';
import { type ConfState, FileStorage, GrpcRaftTransport, RAFT_NODE_TICK_MS_DEFAULT, bindRaftServer, RAFT_CHANNEL_OPTIONS, RaftMetrics, RaftNode, type WritableStorage } from 'raft-ts';
import { BROKER_HEARTBEAT_INTERVAL_MS_DEFAULT, BROKER_SESSION_TIMEOUT_MS_DEFAULT } from '../controller-logic/defaults';
import { controllerHandlers } from './controller-service';
import { MetadataStateMachine } from './metadata-state-machine';
import { QuorumController } from './quorum-controller';

export interface ControllerServerOptions {
  readonly nodeId: number;
  readonly clusterId: string;
  /** The Raft log and snapshots live in `<dataDirectory>/metadata`. */
  readonly dataDirectory: string;
  readonly listen: { readonly host: string; readonly port: number };
  readonly quorum: readonly { readonly id: number; readonly host: string; readonly port: number }[];
  readonly logger: Logger;
  readonly registry: Registry;
  /** Tuning; the defaults are documented in the README. */
  readonly tickMs?: number;
  readonly electionTicks?: number;
  readonly heartbeatIntervalMs?: number;
  readonly sessionTimeoutMs?: number;
  readonly snapshotEveryEntries?: number;
  /** Opens the Raft storage; FileStorage by default (tests may use MemoryStorage). */
  readonly openStorage?: (directory: string, bootstrap: ConfState) => WritableStorage & { close?(): void };
}

export interface ControllerServer {
  readonly port: number;
  health(): HealthReport;
  ready(): HealthReport;
  close(): Promise<void>;
}

/**
 * Controller defaults: 50 ms ticks, elections in 0.5–1 s, leader heartbeats every 3 ticks
 * (150 ms, still three or more per election timeout). Heartbeats every tick were a third of
 * an idle quorum's CPU; a read barrier (ReadIndex) does not wait for them, it sends its own.
 */
export const CONTROLLER_TICK_MS_DEFAULT = RAFT_NODE_TICK_MS_DEFAULT;
export const CONTROLLER_ELECTION_TICKS_DEFAULT = 10;
export const CONTROLLER_HEARTBEAT_TICKS_DEFAULT = 3;

/**
 * Starts one member of the metadata quorum: the Raft node (log under the data directory,
 * gRPC transport), the metadata state machine, the active-controller request loop, and one
 * gRPC server on `listen` carrying both the Raft and the Controller services.
 */
export async function startControllerServer(options: ControllerServerOptions): Promise<ControllerServer> {
  const logger = options.logger.child({ component: 'controller' });
  const voters = options.quorum.map((peer) => peer.id);
  const storageLogger = logger.child({ component: 'raft-storage' });
  const openStorage = options.openStorage ?? ((directory: string, bootstrap: ConfState) => FileStorage.open(directory, { bootstrap, logger: storageLogger }));
  const storage = openStorage(path.join(options.dataDirectory, 'metadata'), { voters, learners: [] });
  const stateMachine = new MetadataStateMachine();
  const snapshot = storage.snapshot();
  if (snapshot.data.length > 0) {
    stateMachine.restoreSnapshot(snapshot);
    logger.info({ snapshotIndex: snapshot.metadata.index, term: snapshot.metadata.term }, 'restored the metadata image from a snapshot');
  }
  const transport = new GrpcRaftTransport({ nodeId: options.nodeId, group: options.clusterId, peers: options.quorum, logger: logger.child({ component: 'raft-transport' }) });
  const raftNode = new RaftNode({
    id: options.nodeId,
    storage,
    transport,
    stateMachine,
    tickMs: options.tickMs ?? CONTROLLER_TICK_MS_DEFAULT,
    electionTicks: options.electionTicks ?? CONTROLLER_ELECTION_TICKS_DEFAULT,
    heartbeatTicks: CONTROLLER_HEARTBEAT_TICKS_DEFAULT,
    snapshotEveryEntries: options.snapshotEveryEntries ?? 10_000,
    appliedIndex: snapshot.metadata.index,
    logger: logger.child({ component: 'raft' }),
    metrics: new RaftMetrics(options.registry, 'samsa_controller_raft'),
  });
  const clock = () => performance.now();
  const controller = new QuorumController({
    nodeId: options.nodeId,
    raftNode,
    stateMachine,
    quorum: options.quorum,
    logger,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? BROKER_HEARTBEAT_INTERVAL_MS_DEFAULT,
    sessionTimeoutMs: options.sessionTimeoutMs ?? BROKER_SESSION_TIMEOUT_MS_DEFAULT,
    preferredLeaderIntervalMs: 10_000,
    writeTimeoutMs: 10_000,
    clock,
  });
  const server = new grpc.Server(RAFT_CHANNEL_OPTIONS);
  transport.addToServer(server);
  server.addService(controllerService().service, controllerHandlers({ controller, stateMachine, clusterId: options.clusterId, quorum: options.quorum, logger }));
  const port = await bindRaftServer(server, options.listen.host, options.listen.port, { warn: (object, message) => logger.warn(object, message), debug() {} });
  raftNode.start();
  controller.start();
  logger.info({ port, quorum: voters }, 'controller listening');
  return {
    port,
    health: () => ({ ok: true }),
    ready: () => {
      const status = raftNode.status();
      const ok = status.leaderId !== 0 && status.appliedIndex >= status.commitIndex;
      return { ok, detail: { role: status.role, leader: status.leaderId, term: status.term, commitIndex: status.commitIndex, appliedIndex: status.appliedIndex } };
    },
    async close() {
      controller.stop();
      raftNode.stop();
      transport.close();
      await shutdown(server);
      storage.close?.();
    },
  };
}


/** Graceful shutdown, forced after a second so streams cannot hold a stop hostage. */
function shutdown(server: grpc.Server): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => {
      server.forceShutdown();
      resolve();
    }, 1000);
    server.tryShutdown(() => {
      clearTimeout(force);
      resolve();
    });
  });
}

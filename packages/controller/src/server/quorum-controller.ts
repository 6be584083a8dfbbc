import type { Logger } from '@samsa/common';
import { encodeMetadataRecordBatch, type MetadataImage } from '@samsa/metadata';
import { SamsaError } from '@samsa/protocol';
import { NotLeaderError, type PeerAddress, type RaftNode, type RoleChange } from 'raft-ts';
import { BrokerHeartbeatTracker } from '../controller-logic/broker-heartbeat-tracker';
import { fenceExpiredBrokers } from '../controller-logic/broker-heartbeat';
import type { ControllerResult } from '../controller-logic/controller-result';
import { electPreferredLeaders } from '../controller-logic/preferred-leader-election';
import type { MetadataStateMachine } from './metadata-state-machine';

/** A write reached a controller that is not the Raft leader; `leader` says where to go. */
export class NotControllerError extends SamsaError {
  override readonly name = 'NotControllerError';
  constructor(readonly leader: PeerAddress | undefined) {
    super('NOT_CONTROLLER', leader === undefined ? 'no controller leader is known yet' : `the controller leader is node ${leader.id} at ${leader.host}:${leader.port}`);
  }
}

export interface QuorumControllerOptions {
  readonly nodeId: number;
  readonly raftNode: RaftNode;
  readonly stateMachine: MetadataStateMachine;
  readonly quorum: readonly PeerAddress[];
  readonly logger: Logger;
  readonly heartbeatIntervalMs: number;
  readonly sessionTimeoutMs: number;
  /** How often the leader moves leadership back to preferred replicas. */
  readonly preferredLeaderIntervalMs: number;
  /** A write that has not committed by then fails with REQUEST_TIMED_OUT. */
  readonly writeTimeoutMs: number;
  /** Monotonic milliseconds. */
  readonly clock: () => number;
}

/** Requests waiting for their turn; past this the controller answers REQUEST_TIMED_OUT at once. */
const QUEUED_REQUESTS_MAX = 10_000;

/**
 * The active controller's request loop (Kafka's QuorumController). Requests are decided
 * one at a time against an image that includes every committed record (a ReadIndex round
 * first), and their records are proposed and committed before the next request is decided,
 * so no decision ever misses an earlier one. Only the Raft leader serves; others answer
 * NOT_CONTROLLER naming the leader. The leader also fences brokers whose sessions expire and
 * periodically restores preferred leaders.
 */
export class QuorumController {
  private queue: Promise<unknown> = Promise.resolve();
  private queuedRequests = 0;
  private tracker = new BrokerHeartbeatTracker();
  private timers: NodeJS.Timeout[] = [];

  constructor(private readonly options: QuorumControllerOptions) {}

  start(): void {
    this.options.raftNode.on('role-change', (change: RoleChange) => this.onRoleChange(change));
    this.timers.push(setInterval(() => this.fenceExpired(), this.options.heartbeatIntervalMs));
    this.timers.push(setInterval(() => this.restorePreferredLeaders(), this.options.preferredLeaderIntervalMs));
  }

  stop(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
  }

  get image(): MetadataImage {
    return this.options.stateMachine.image;
  }

  get heartbeatTracker(): BrokerHeartbeatTracker {
    return this.tracker;
  }

  get isActive(): boolean {
    return this.options.raftNode.isLeader;
  }

  leaderAddress(): PeerAddress | undefined {
    const leaderId = this.options.raftNode.currentLeader;
    return this.options.quorum.find((peer) => peer.id === leaderId);
  }

  /** Decides against the latest committed image, appends the records, answers once committed. */
  write<T>(decide: (image: MetadataImage) => ControllerResult<T>): Promise<T> {
    return this.enqueue(async () => {
      const { records, response } = decide(await this.committedImage());
      if (records.length > 0) await this.options.raftNode.propose(encodeMetadataRecordBatch(records));
      return response;
    });
  }

  /** Answers from an image that includes everything committed before the call. */
  read<T>(query: (image: MetadataImage) => T): Promise<T> {
    return this.enqueue(async () => query(await this.committedImage()));
  }

  private async committedImage(): Promise<MetadataImage> {
    this.requireLeader();
    try {
      await this.options.raftNode.readIndex();
    } catch (error) {
      throw this.translate(error);
    }
    this.requireLeader();
    return this.options.stateMachine.image;
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    this.requireLeader();
    if (this.queuedRequests >= QUEUED_REQUESTS_MAX) {
      return Promise.reject(new SamsaError('REQUEST_TIMED_OUT', `${this.queuedRequests} controller requests are already queued`));
    }
    this.queuedRequests += 1;
    const run = () => this.withTimeout(work()).catch((error: unknown) => Promise.reject(this.translate(error)));
    const result = this.queue.then(run, run);
    this.queue = result.then(
      () => (this.queuedRequests -= 1),
      () => (this.queuedRequests -= 1),
    );
    return result;
  }

  private withTimeout<T>(promise: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new SamsaError('REQUEST_TIMED_OUT', `the controller did not commit within ${this.options.writeTimeoutMs} ms`)), this.options.writeTimeoutMs);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }

  private requireLeader(): void {
    if (!this.options.raftNode.isLeader) throw new NotControllerError(this.leaderAddress());
  }

  private translate(error: unknown): unknown {
    if (error instanceof NotLeaderError) return new NotControllerError(this.leaderAddress());
    return error;
  }

  private onRoleChange(change: RoleChange): void {
    // A new leader starts every broker's session afresh (fenceExpiredBrokers does that for
    // brokers it has not heard from), so nobody is fenced for the old leader's silence.
    if (change.role === 'leader') this.tracker = new BrokerHeartbeatTracker();
    this.options.logger.info({ role: change.role, leaderId: change.leaderId, term: change.term }, change.role === 'leader' ? 'became the active controller' : 'controller role changed');
  }

  private fenceExpired(): void {
    if (!this.isActive) return;
    this.write((image) => fenceExpiredBrokers(image, { tracker: this.tracker, nowMs: this.options.clock(), sessionTimeoutMs: this.options.sessionTimeoutMs }))
      .then((response) => {
        if (response.fencedBrokerIds.length > 0) this.options.logger.warn({ brokers: response.fencedBrokerIds }, 'fenced brokers whose session expired');
      })
      .catch((error: unknown) => this.options.logger.debug({ err: error }, 'fencing check did not run'));
  }

  private restorePreferredLeaders(): void {
    if (!this.isActive) return;
    this.write((image) => electPreferredLeaders(image))
      .then((elected) => {
        if (elected.length > 0) this.options.logger.info({ partitions: elected.length }, 'restored preferred leaders');
      })
      .catch((error: unknown) => this.options.logger.debug({ err: error }, 'preferred leader election did not run'));
  }
}

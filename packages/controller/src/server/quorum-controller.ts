import type { Logger } from '@samsa/common';
import { encodeMetadataRecordBatch, type MetadataImage } from '@samsa/metadata';
import { SamsaError } from '@samsa/protocol';
import { NotLeaderError, type PeerAddress, type RaftNode, type RoleChange } from 'raft-ts';
import { BrokerHeartbeatTracker } from '../controller-logic/broker-heartbeat-tracker';
import { type BrokerHeartbeatRequest, type BrokerHeartbeatResponse, fenceExpiredBrokers, handleBrokerHeartbeat } from '../controller-logic/broker-heartbeat';
import type { ControllerResult } from '../controller-logic/controller-result';
import { ReplicaLogReports } from '../controller-logic/log-recovery-election';
import { electPreferredLeaders } from '../controller-logic/preferred-leader-election';
import { type MetadataStateMachine, refusalOf } from './metadata-state-machine';

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
 * Times one request is decided when its batch is refused as stale (another decision on the
 * same partition state committed first); then it fails with REQUEST_TIMED_OUT, retriable.
 */
const DECISION_ATTEMPTS_MAX = 3;

/**
 * The active controller's request loop (Kafka's QuorumController). Requests are decided
 * one at a time against an image that includes every committed record (a ReadIndex round
 * first), and their records are proposed and committed before the next request is decided,
 * so no decision ever misses an earlier one. That holds for a write that times out too: its
 * caller is answered REQUEST_TIMED_OUT, but the next decision waits until the proposal has
 * committed or been lost with the leadership. As a second line, every PartitionChange
 * carries the partition epoch it was decided on, and a batch applied to another epoch is
 * refused on every replica; the request is then decided again.
 *
 * Only the Raft leader serves; others answer NOT_CONTROLLER naming the leader. The leader
 * also fences brokers whose sessions expire, noting each heartbeat when it arrives rather
 * than when its turn comes, and periodically restores preferred leaders.
 */
export class QuorumController {
  private queue: Promise<unknown> = Promise.resolve();
  private queuedRequests = 0;
  private tracker = new BrokerHeartbeatTracker();
  /** Replica logs brokers report for partitions recovering from a whole-cluster power loss (soft state, like `tracker`). */
  private replicaLogs = new ReplicaLogReports();
  private timers: NodeJS.Timeout[] = [];
  private sessionCheckQueued = false;
  private readonly leadershipListeners = new Set<() => void>();

  constructor(private readonly options: QuorumControllerOptions) {}

  start(): void {
    this.options.raftNode.on('role-change', (change: RoleChange) => this.onRoleChange(change));
    this.timers.push(setInterval(() => this.fenceExpired(), this.options.heartbeatIntervalMs));
    this.timers.push(setInterval(() => this.restorePreferredLeaders(), this.options.preferredLeaderIntervalMs));
  }

  stop(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    this.notifyLeadershipLost();
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

  /** Requests waiting for their turn or being decided. */
  get queuedRequestCount(): number {
    return this.queuedRequests;
  }

  /**
   * Calls `listener` once this controller stops being the active one (its Raft role leaves
   * leader, or it stops), until the returned function is called. Streams served only by the
   * active controller end then.
   */
  onLeadershipLost(listener: () => void): () => void {
    this.leadershipListeners.add(listener);
    return () => this.leadershipListeners.delete(listener);
  }

  /**
   * A broker heartbeat. Its arrival counts for the broker's session at once (Kafka's
   * `trackBrokerHeartbeat`), before it waits behind other requests: a backed-up queue must not
   * fence a broker whose heartbeats keep coming. The rest (epoch check, unfencing, controlled
   * shutdown, the replica logs it reports and the elections they allow) is decided in turn.
   * Only the active controller keeps sessions and reports.
   */
  brokerHeartbeat(request: BrokerHeartbeatRequest): Promise<BrokerHeartbeatResponse> {
    this.requireLeader();
    this.tracker.touch(request.brokerId, request.brokerEpoch, this.options.clock());
    // The steady state, an unfenced broker with nothing to report, changes nothing and needs
    // no read barrier: answered from the applied image, it costs the quorum no round trip
    // (one per heartbeat of every broker was half of an idle quorum's Raft traffic).
    const applied = this.options.stateMachine.image.broker(request.brokerId);
    const quiet = !request.wantShutdown && (request.recoveringReplicas ?? []).length === 0;
    if (quiet && applied !== undefined && !applied.fenced && applied.brokerEpoch === request.brokerEpoch) {
      return Promise.resolve({ state: 'unfenced', isCaughtUp: request.currentMetadataOffset >= applied.registrationOffset });
    }
    return this.write((image) => handleBrokerHeartbeat(image, request, this.replicaLogs));
  }

  leaderAddress(): PeerAddress | undefined {
    const leaderId = this.options.raftNode.currentLeader;
    return this.options.quorum.find((peer) => peer.id === leaderId);
  }

  /**
   * Decides against the latest committed image, appends the records, answers once committed.
   * A batch refused as stale (see `MetadataImage.tryApplyBatch`) is decided again on the image
   * that refused it, a few times at most.
   */
  write<T>(decide: (image: MetadataImage) => ControllerResult<T>): Promise<T> {
    return this.enqueue(async () => {
      for (let attempt = 1; ; attempt += 1) {
        const { records, response } = decide(await this.committedImage());
        if (records.length === 0) return response;
        const refusal = refusalOf(await this.options.raftNode.propose(encodeMetadataRecordBatch(records)));
        if (refusal === undefined) return response;
        if (attempt >= DECISION_ATTEMPTS_MAX) {
          throw new SamsaError('REQUEST_TIMED_OUT', `the controller's decision was refused ${attempt} times as stale; last: ${refusal}`);
        }
        this.options.logger.warn({ refusal, attempt }, 'a controller decision was refused as stale; deciding again');
      }
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

  /**
   * Runs `work` after every request queued before it has finished. The caller's answer is
   * bounded by the write timeout, but the queue moves on only when the work itself settles:
   * a proposal that timed out may still commit, and nothing may be decided without it.
   */
  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    this.requireLeader();
    if (this.queuedRequests >= QUEUED_REQUESTS_MAX) {
      return Promise.reject(new SamsaError('REQUEST_TIMED_OUT', `${this.queuedRequests} controller requests are already queued`));
    }
    this.queuedRequests += 1;
    let finished!: () => void;
    const turnOver = new Promise<void>((resolve) => (finished = resolve));
    const run = () => {
      const running = work();
      running.then(finished, finished);
      return this.withTimeout(running);
    };
    const result = this.queue.then(run, run).catch((error: unknown) => Promise.reject(this.translate(error)));
    this.queue = turnOver.then(() => {
      this.queuedRequests -= 1;
    });
    return result;
  }

  private withTimeout<T>(promise: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.options.logger.warn({ timeoutMs: this.options.writeTimeoutMs }, 'a controller request timed out; later requests wait until what it proposed commits or is lost');
        reject(new SamsaError('REQUEST_TIMED_OUT', `the controller did not commit within ${this.options.writeTimeoutMs} ms`));
      }, this.options.writeTimeoutMs);
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
    if (change.role === 'leader') {
      this.tracker = new BrokerHeartbeatTracker();
      this.replicaLogs = new ReplicaLogReports();
    } else {
      this.notifyLeadershipLost();
    }
    this.options.logger.info({ role: change.role, leaderId: change.leaderId, term: change.term }, change.role === 'leader' ? 'became the active controller' : 'controller role changed');
  }

  private notifyLeadershipLost(): void {
    for (const listener of [...this.leadershipListeners]) listener();
  }

  /**
   * Queues one session check at a time: however far behind the queue is, checks do not pile
   * up behind it, and the one that runs reads the clock when its turn comes.
   */
  private fenceExpired(): void {
    if (!this.isActive || this.sessionCheckQueued) return;
    this.sessionCheckQueued = true;
    this.write((image) => fenceExpiredBrokers(image, { tracker: this.tracker, nowMs: this.options.clock(), sessionTimeoutMs: this.options.sessionTimeoutMs }))
      .then((response) => {
        if (response.fencedBrokerIds.length > 0) this.options.logger.warn({ brokers: response.fencedBrokerIds }, 'fenced brokers whose session expired');
      })
      .catch((error: unknown) => this.options.logger.debug({ err: error }, 'fencing check did not run'))
      .finally(() => (this.sessionCheckQueued = false));
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

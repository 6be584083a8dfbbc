import type { Logger } from '@samsa/common';
import { awaitsRecoveryElection, type ControllerClient, type MetadataImage, type PartitionState } from '@samsa/metadata';
import { type ControllerWire, SamsaError, errorNameOf } from '@samsa/protocol';
import type { IsrProposal, PendingAlterPartition } from '../partition/isr-proposal';
import type { LeaderReplicaState } from '../partition/leader-replica-state';
import type { PartitionAssignment } from '../partition/partition-assignment';
import { AlterPartitionManager } from './alter-partition-manager';
import type { BrokerMetrics } from './broker-metrics';
import type { LogManager, PartitionKey } from './log-manager';
import { PartitionReplica } from './partition-replica';
import type { PartitionSignals } from './partition-signals';
import { isStorageFailure } from './storage-failure';
import { logConfigFor, minInsyncReplicas } from './topic-config';
import type { ScheduledTask, Scheduler } from '../time/scheduler';
import { SYSTEM_CLOCK } from '../time/system-clock';

export interface ReplicaManagerOptions {
  readonly brokerId: number;
  readonly logs: LogManager;
  readonly signals: PartitionSignals;
  readonly controller: ControllerClient;
  readonly brokerEpoch: () => number;
  readonly replicaLagTimeMaxMs: number;
  readonly logger: Logger;
  readonly metrics?: BrokerMetrics;
  /** The real clock unless a test passes a manual one. */
  readonly clock?: Scheduler;
}

/** How long a leader waits before resending an AlterPartition that failed transiently. */
const ALTER_PARTITION_RETRY_BACKOFF_MS = 200;

/** How long after asking to leave the ISR of an offline partition it checks whether metadata shows another leader, and asks again. */
const STEP_DOWN_RECHECK_MS = 1000;

/**
 * A partition this broker hosts whose log failed (Kafka's offline log directory, for one
 * partition): it is not served here until the broker restarts. As long as metadata shows
 * this broker leading it, the broker asks the controller to elect another leader.
 */
interface OfflinePartition extends PartitionKey {
  readonly reason: string;
  /** A step-down request in flight. */
  stepDownInFlight: boolean;
  /** The next check of whether another leader has taken over. */
  recheck: ScheduledTask | undefined;
  /** Said once: the only in-sync replica has nobody to hand the partition to. */
  toldAlone: boolean;
}

function assignmentOf(partition: PartitionState): PartitionAssignment {
  return {
    replicas: partition.replicas,
    isr: partition.isr,
    leader: partition.leader,
    leaderEpoch: partition.leaderEpoch,
    partitionEpoch: partition.partitionEpoch,
  };
}

/**
 * The partitions this broker hosts (Kafka's ReplicaManager): on every metadata image it
 * becomes leader or follower of each partition assigned to it, stops and deletes the ones
 * no longer assigned (moved away or topic deleted), and as leader proposes ISR changes to
 * the controller (shrink when a follower lags `replicaLagTimeMaxMs`, expand when one catches
 * up). Emits nothing itself: followers are picked up by the fetcher manager through
 * `followersOf`, and parked requests through `signals`.
 *
 * A partition whose log fails (it cannot be opened or recovered, its leader epoch cannot be
 * written, an fsync failed, or any other storage failure reported with `onLogError`) goes
 * offline on this broker alone, as Kafka takes a log directory offline: its replica is
 * dropped and its log closed, requests for it are answered KAFKA_STORAGE_ERROR
 * (`offlineReason`), and the other partitions carry on. If this broker leads it, it leaves
 * the ISR through AlterPartition so that the controller elects another leader (a follower
 * simply stops fetching, and its leader shrinks it out of the ISR). It stays offline until
 * the broker restarts.
 */
export class ReplicaManager {
  private readonly replicas = new Map<string, PartitionReplica>();
  private readonly byName = new Map<string, PartitionReplica>();
  /** Partitions whose log failed here, by `topicId:partition` and by `topic-partition`. */
  private readonly offline = new Map<string, OfflinePartition>();
  private readonly offlineByName = new Map<string, OfflinePartition>();
  private readonly clock: Scheduler;
  private shrinkTask: ScheduledTask | undefined;
  /** AlterPartition resends waiting out their backoff; `stop` cancels them. */
  private readonly retries = new Set<ScheduledTask>();
  private stopped = false;
  private image: MetadataImage | undefined;
  /** The hosted partitions awaiting a recovery election in `image` (found while applying it). */
  private recovering: readonly PartitionState[] = [];

  /** Every ISR change of a partition led here goes through it, batched per request. */
  private readonly isrChanges: AlterPartitionManager;

  constructor(private readonly options: ReplicaManagerOptions) {
    this.clock = options.clock ?? SYSTEM_CLOCK;
    this.isrChanges = new AlterPartitionManager({ brokerId: options.brokerId, brokerEpoch: options.brokerEpoch, send: (request) => options.controller.alterPartition(request) });
    options.logs.onStorageFailure((key, error) => this.takeOffline(key, error));
  }

  start(): void {
    this.shrinkTask = this.clock.every(Math.max(100, Math.floor(this.options.replicaLagTimeMaxMs / 4)), () => this.checkIsrShrink());
  }

  /** Cancels the ISR shrink check and any AlterPartition resend; answers still in flight schedule nothing. */
  stop(): void {
    this.stopped = true;
    this.shrinkTask?.cancel();
    this.shrinkTask = undefined;
    for (const retry of this.retries) retry.cancel();
    this.retries.clear();
    for (const entry of this.offline.values()) {
      entry.recheck?.cancel();
      entry.recheck = undefined;
    }
  }

  get(key: string): PartitionReplica | undefined {
    return this.replicas.get(key);
  }

  byTopicPartition(topic: string, partition: number): PartitionReplica | undefined {
    return this.byName.get(`${topic}-${partition}`);
  }

  all(): IterableIterator<PartitionReplica> {
    return this.replicas.values();
  }

  /** Why this broker cannot serve the partition, when its log failed here; undefined otherwise. */
  offlineReason(topic: string, partition: number): string | undefined {
    return this.offlineByName.get(`${topic}-${partition}`)?.reason;
  }

  /** `offlineReason` by `topicId:partition` key. */
  offlineReasonOf(key: string): string | undefined {
    return this.offline.get(key)?.reason;
  }

  /**
   * Reports an error a partition's log threw while serving a request or replicating. A
   * storage failure takes the partition offline here (see the class comment); returns
   * whether it did. Other errors (a corrupt batch, an offset out of range) are the caller's,
   * and so is every error once the manager has stopped.
   */
  onLogError(replica: PartitionReplica, error: unknown): boolean {
    // After stop the logs close under requests still finishing: that is no disk failure.
    if (this.stopped || !isStorageFailure(error)) return false;
    this.takeOffline(replica, error);
    return true;
  }

  /**
   * KIP-966 recovery: this broker's log (last leader epoch, log end offset) of every partition
   * it hosts that, in the image it follows, waits for a recovery election (no leader, ISR or
   * ELR: every eligible replica restarted uncleanly). Sent with each heartbeat while that
   * lasts; the controller elects the longest once the replicas it waits for have reported.
   * A partition whose log failed here is not reported: it cannot lead.
   */
  recoveringReplicaLogs(): ControllerWire.ReplicaLogState[] {
    const logs: ControllerWire.ReplicaLogState[] = [];
    for (const partition of this.recovering) {
      const replica = this.replicas.get(`${partition.topicId}:${partition.partition}`);
      if (replica === undefined) continue;
      logs.push({ topicId: partition.topicId, partition: partition.partition, lastEpoch: replica.log.latestEpoch, logEndOffset: replica.log.logEndOffset });
    }
    return logs;
  }

  /** Follower replicas fetching from `leaderId`. */
  followersOf(leaderId: number): PartitionReplica[] {
    return [...this.replicas.values()].filter((replica) => replica.follower !== undefined && replica.follower.leaderId === leaderId);
  }

  /** Applies a new metadata image: leadership changes, new and removed partitions. */
  applyImage(image: MetadataImage): void {
    this.image = image;
    const { brokerId } = this.options;
    const hosted = new Set<string>();
    const recovering: PartitionState[] = [];
    let becameLeader = 0;
    let becameFollower = 0;
    let removed = 0;
    for (const partition of image.partitionsWithReplica(brokerId)) {
      const topic = image.topicById(partition.topicId);
      if (topic === undefined) continue;
      const key = `${partition.topicId}:${partition.partition}`;
      hosted.add(key);
      if (awaitsRecoveryElection(partition)) recovering.push(partition);
      const offline = this.offline.get(key);
      if (offline !== undefined) {
        this.stepDownIfLeading(offline);
        continue;
      }
      // A partition that fails here goes offline alone; the rest of the image still applies.
      try {
        const transition = this.applyPartition(image, topic.name, partition);
        if (transition === 'leader') becameLeader += 1;
        else if (transition === 'follower') becameFollower += 1;
      } catch (error) {
        this.takeOffline({ topic: topic.name, topicId: topic.topicId, partition: partition.partition }, error);
      }
    }
    this.recovering = recovering;
    this.expandCaughtUpFollowers();
    for (const [key, replica] of this.replicas) {
      if (hosted.has(key)) continue;
      this.options.logger.debug({ partition: `${replica.topic}-${replica.partition}` }, 'no longer hosting the partition; deleting its data');
      removed += 1;
      this.replicas.delete(key);
      this.byName.delete(`${replica.topic}-${replica.partition}`);
      replica.leader = undefined;
      replica.follower = undefined;
      try {
        this.options.logs.remove({ topic: replica.topic, partition: replica.partition });
      } catch (error) {
        this.options.logger.error({ err: error, partition: `${replica.topic}-${replica.partition}` }, 'deleting the data of a partition no longer hosted failed');
      }
      this.options.signals.notify(key);
      this.options.signals.notify(replica.logEndKey);
      if (image.topic(replica.topic) === undefined) this.options.metrics?.forgetTopic(replica.topic);
    }
    // One line per metadata change at info, however many partitions it moved (each at debug).
    if (becameLeader + becameFollower + removed > 0) {
      this.options.logger.info({ becameLeader, becameFollower, removed, hosted: this.replicas.size }, 'applied partition changes');
    }
    for (const [key, entry] of this.offline) {
      if (hosted.has(key)) continue;
      // Its directory failed: left on disk as it is, for the operator and the next start.
      this.options.logger.info({ partition: `${entry.topic}-${entry.partition}` }, 'no longer hosting an offline partition; its directory is left as it is');
      entry.recheck?.cancel();
      this.offline.delete(key);
      if (this.offlineByName.get(`${entry.topic}-${entry.partition}`) === entry) this.offlineByName.delete(`${entry.topic}-${entry.partition}`);
    }
  }

  /** Opens the partition's log the first time, then follows its assignment. */
  private applyPartition(image: MetadataImage, topicName: string, partition: PartitionState): 'leader' | 'follower' | undefined {
    const key = `${partition.topicId}:${partition.partition}`;
    let replica = this.replicas.get(key);
    if (replica === undefined) {
      const log = this.options.logs.open({ topic: topicName, topicId: partition.topicId, partition: partition.partition }, logConfigFor(image, topicName));
      const created = new PartitionReplica(topicName, partition.topicId, partition.partition, log, assignmentOf(partition), this.options.logger, this.clock);
      // Its producer-state snapshot is written with the log's checkpoints and before a clean close.
      this.options.logs.attachCheckpointHook({ topic: topicName, partition: partition.partition }, () => created.writeProducerSnapshot());
      replica = created;
      this.replicas.set(key, replica);
      this.byName.set(`${topicName}-${partition.partition}`, replica);
    }
    return this.applyAssignment(replica, assignmentOf(partition), minInsyncReplicas(image, topicName));
  }

  /**
   * Takes a partition offline on this broker (see the class comment): drops its replica,
   * wakes whatever waits on it (parked produces then answer NOT_LEADER_OR_FOLLOWER, fetches
   * KAFKA_STORAGE_ERROR), closes its log as failed, and steps down if it leads.
   */
  private takeOffline(where: PartitionKey, error: unknown): void {
    const key = `${where.topicId}:${where.partition}`;
    if (this.offline.has(key)) return;
    const name = `${where.topic}-${where.partition}`;
    const reason = `${name} is offline on broker ${this.options.brokerId}: ${error instanceof Error ? error.message : String(error)}`;
    this.options.logger.error({ err: error, partition: name }, 'partition offline on this broker: its log failed; not served here until the broker restarts');
    const replica = this.replicas.get(key);
    if (replica !== undefined) {
      this.replicas.delete(key);
      if (this.byName.get(name) === replica) this.byName.delete(name);
      replica.leader = undefined;
      replica.follower = undefined;
      this.options.signals.notify(replica.key);
      this.options.signals.notify(replica.logEndKey);
    }
    this.options.logs.closeFailed(where);
    const entry: OfflinePartition = { topic: where.topic, topicId: where.topicId, partition: where.partition, reason, stepDownInFlight: false, recheck: undefined, toldAlone: false };
    this.offline.set(key, entry);
    this.offlineByName.set(name, entry);
    this.stepDownIfLeading(entry);
  }

  /**
   * While metadata shows this broker leading an offline partition, asks the controller to
   * take it out of the ISR and elect another leader (AlterPartition with the ISR less this
   * broker), and checks again a second after each answer: until the new leader shows in
   * metadata, a lost answer or a refusal (stale epochs) is simply asked again. As the only
   * in-sync replica it has nobody to hand over to: the partition stays offline.
   */
  private stepDownIfLeading(entry: OfflinePartition): void {
    if (this.stopped || entry.stepDownInFlight || entry.recheck !== undefined) return;
    const { brokerId } = this.options;
    const state = this.image?.partition(entry.topicId, entry.partition);
    if (state === undefined || state.leader !== brokerId) return;
    const name = `${entry.topic}-${entry.partition}`;
    const rest = state.isr.filter((id) => id !== brokerId);
    if (rest.length === 0) {
      if (!entry.toldAlone) this.options.logger.error({ partition: name }, 'cannot hand an offline partition over: this broker is its only in-sync replica');
      entry.toldAlone = true;
      return;
    }
    entry.stepDownInFlight = true;
    this.options.logger.warn({ partition: name, leaderEpoch: state.leaderEpoch, isr: rest }, 'leaving the ISR of a partition this broker cannot serve, so that another replica leads it');
    const key = `${entry.topicId}:${entry.partition}`;
    this.isrChanges
      .submit({
        topicId: entry.topicId,
        partition: entry.partition,
        leaderEpoch: state.leaderEpoch,
        partitionEpoch: state.partitionEpoch,
        newIsr: rest,
        newIsrWithEpochs: rest.map((id) => ({ brokerId: id, brokerEpoch: -1 })),
      })
      .then(
        (committed) => this.options.logger.info({ partition: name, leader: committed.leader, isr: committed.isr }, 'left the ISR of an offline partition'),
        (error: unknown) => this.options.logger.warn({ partition: name, err: error }, 'leaving the ISR of an offline partition failed; asking again'),
      )
      .finally(() => {
        entry.stepDownInFlight = false;
        if (this.stopped || this.offline.get(key) !== entry) return;
        entry.recheck = this.clock.schedule(STEP_DOWN_RECHECK_MS, () => {
          entry.recheck = undefined;
          this.stepDownIfLeading(entry);
        });
      });
  }

  /** Returns the transition it made, if any, for `applyImage`'s summary. */
  private applyAssignment(replica: PartitionReplica, assignment: PartitionAssignment, minIsr: number): 'leader' | 'follower' | undefined {
    const { brokerId } = this.options;
    const wasLeader = replica.isLeader;
    let transition: 'leader' | 'follower' | undefined;
    if (assignment.leader === brokerId) {
      if (replica.becomeLeader(brokerId, assignment, minIsr)) {
        this.options.logger.debug({ partition: `${replica.topic}-${replica.partition}`, leaderEpoch: assignment.leaderEpoch }, 'became leader');
        transition = 'leader';
      }
    } else {
      replica.becomeFollower(assignment);
      if (wasLeader) {
        this.options.logger.debug({ partition: `${replica.topic}-${replica.partition}`, leader: assignment.leader }, 'became follower');
        transition = 'follower';
      }
    }
    // Parked produces and fetches re-check leadership and the high watermark.
    this.options.signals.notify(replica.key);
    this.options.signals.notify(replica.logEndKey);
    return transition;
  }

  /**
   * Records a follower's fetch on a partition this broker leads; may expand the ISR.
   * `brokerEpoch` is the one the fetch request carries (KIP-903). A fetch from an older
   * epoch than the follower's registration in metadata comes from a process that has
   * restarted since, as Kafka's `updateFetchStateOrThrow` checks: it is not recorded.
   */
  onFollowerFetch(replica: PartitionReplica, replicaId: number, fetchOffset: number, brokerEpoch: number): void {
    const leader = replica.leader;
    if (leader === undefined) return;
    const epoch = Number.isSafeInteger(brokerEpoch) && brokerEpoch >= 0 ? brokerEpoch : -1;
    const registered = this.image?.broker(replicaId)?.brokerEpoch;
    if (registered !== undefined && epoch < registered) return;
    const outcome = leader.onFollowerFetch({ replicaId, fetchOffset, nowMs: this.clock.nowMs(), leaderLogEndOffset: replica.log.logEndOffset, brokerEpoch: epoch });
    if (outcome.advanced) {
      replica.log.updateHighWatermark(outcome.highWatermark);
      this.options.signals.notify(replica.key);
    }
    if (outcome.isrExpansion !== null && this.eligible(outcome.isrExpansion)) this.proposeIsr(replica, outcome.isrExpansion);
  }

  /**
   * Expansions that a follower's fetch could not propose when it came: the follower was still
   * fenced, or another change was in flight. With fetch sessions a caught-up follower does not
   * fetch again until there is something new, so each metadata change (an unfencing, a
   * committed ISR) looks again at the partitions led here whose ISR lacks a replica.
   */
  private expandCaughtUpFollowers(): void {
    for (const replica of this.replicas.values()) {
      const leader = replica.leader;
      if (leader === undefined || leader.pendingAlterPartition !== null) continue;
      if (!leader.isUnderReplicated) continue;
      const isr = leader.isr;
      for (const id of leader.replicas) {
        const proposal = isr.includes(id) ? null : leader.isrToExpand(id);
        if (proposal !== null && this.eligible(proposal)) {
          this.proposeIsr(replica, proposal);
          break;
        }
      }
    }
  }

  /** Only unfenced brokers may join an ISR (the controller refuses others anyway). */
  private eligible(proposal: IsrProposal): boolean {
    return proposal.changedReplicaIds.every((id) => this.image?.isUnfenced(id) ?? false);
  }

  private checkIsrShrink(): void {
    const nowMs = this.clock.nowMs();
    for (const replica of this.replicas.values()) {
      const proposal = replica.leader?.isrToShrink(nowMs, this.options.replicaLagTimeMaxMs);
      if (proposal) this.proposeIsr(replica, proposal);
    }
  }

  private proposeIsr(replica: PartitionReplica, proposal: IsrProposal): void {
    const leader = replica.leader;
    const pending = leader?.beginAlterPartition(proposal);
    if (leader === undefined || pending === undefined || pending === null) return;
    this.options.logger.debug({ partition: `${replica.topic}-${replica.partition}`, kind: proposal.kind, isr: proposal.newIsr }, 'proposing an ISR change');
    this.sendAlterPartition(replica, leader, pending);
  }

  private sendAlterPartition(replica: PartitionReplica, leader: LeaderReplicaState, pending: PendingAlterPartition): void {
    this.isrChanges
      .submit({
        topicId: replica.topicId,
        partition: replica.partition,
        leaderEpoch: pending.leaderEpoch,
        partitionEpoch: pending.partitionEpoch,
        newIsr: pending.newIsr,
        newIsrWithEpochs: pending.newIsrWithEpochs,
      })
      .then(
        (state) => ({ kind: 'committed' as const, assignment: { replicas: state.replicas, isr: state.isr, leader: state.leader, leaderEpoch: state.leaderEpoch, partitionEpoch: state.partitionEpoch } }),
        (error: unknown) => ({ kind: 'failed' as const, error: error instanceof SamsaError ? error.code : errorNameOf(-1) }),
      )
      .then((result) => {
        // Committed at the controller, whatever this broker has learned since.
        if (result.kind === 'committed') {
          const counter = pending.kind === 'shrink' ? this.options.metrics?.isrShrinks : this.options.metrics?.isrExpands;
          counter?.inc();
        }
        if (replica.leader !== leader) return;
        const outcome = leader.onAlterPartitionResult(pending.proposalId, result, this.clock.nowMs());
        if (result.kind === 'failed' && outcome.action !== 'ignored') {
          this.options.logger.warn({ partition: `${replica.topic}-${replica.partition}`, kind: pending.kind, isr: pending.newIsr, error: result.error, action: outcome.action }, 'AlterPartition failed');
        }
        if (outcome.advanced) {
          replica.log.updateHighWatermark(outcome.highWatermark);
          this.options.signals.notify(replica.key);
        }
        if (outcome.action === 'retry') this.retryLater(replica, leader, pending);
      })
      .catch((error: unknown) => this.options.logger.error({ err: error }, 'handling the AlterPartition answer failed'));
  }

  /**
   * Resends the same pending proposal after a backoff, as the leader state asks (`retry`),
   * unless a newer assignment or another leadership has replaced it meanwhile. Beginning it
   * again instead would trip the state's one-in-flight assertion.
   */
  private retryLater(replica: PartitionReplica, leader: LeaderReplicaState, pending: PendingAlterPartition): void {
    if (this.stopped) return;
    const retry = this.clock.schedule(ALTER_PARTITION_RETRY_BACKOFF_MS, () => {
      this.retries.delete(retry);
      if (replica.leader !== leader || leader.pendingAlterPartition !== pending) return;
      this.sendAlterPartition(replica, leader, pending);
      this.options.logger.debug({ partition: `${replica.topic}-${replica.partition}`, kind: pending.kind, isr: pending.newIsr }, 'resent the pending AlterPartition');
    });
    this.retries.add(retry);
  }
}

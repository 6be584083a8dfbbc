// The runtime of one __consumer_offsets partition this broker leads: the pure core of its
// groups, fed one call at a time, with the records each decision makes appended to the
// partition and the answer held until they are committed (Kafka's CoordinatorRuntime, for
// one shard). A shard lives for one leader epoch; the coordinator makes a new one when the
// epoch changes and closes this one, answering NOT_COORDINATOR to whatever still waits.
import type { Logger } from '@samsa/common';
import { SamsaError } from '@samsa/protocol';
import type { Decision } from '../group/group-api';
import { GroupCoordinatorCore, type GroupCoordinatorCoreOptions } from '../group/group-coordinator-core';
import { type GroupRecord, recordKey } from '../group/group-records';
import type { PartitionReplica } from '../server/partition-replica';
import type { PartitionSignals } from '../server/partition-signals';
import type { ScheduledTask, Scheduler } from '../time/scheduler';
import { encodeGroupBatches, readGroupRecords } from './group-log';

export interface ShardOptions {
  readonly replica: PartitionReplica;
  readonly leaderEpoch: number;
  readonly signals: PartitionSignals;
  readonly clock: Scheduler;
  readonly logger: Logger;
  /** The topic's min.insync.replicas now. */
  readonly minInsyncReplicas: () => number;
  readonly core: GroupCoordinatorCoreOptions;
  /** How long an answer waits for its records to commit (Kafka: offsets.commit.timeout.ms). */
  readonly commitTimeoutMs: number;
  /** Compact once the log holds this many records, under half of them live. Default 10,000. */
  readonly compactionMinRecords?: number;
}

type ShardState = 'loading' | 'active' | 'closed';

const COMPACTION_MIN_RECORDS_DEFAULT = 10_000;

/** How a call touches the core: `write` calls may make records, `read` calls only look. */
export type CallKind = 'read' | 'write';

export class CoordinatorShard {
  private state: ShardState = 'loading';
  private core: GroupCoordinatorCore | undefined;
  /** The tail of the call queue: calls into the core run one after another. */
  private tail: Promise<unknown> = Promise.resolve();
  private timer: ScheduledTask | undefined;
  private timerDueMs: number | null = null;
  /** The last record of every key in the log, in the order of their last write: the log compacted. */
  private latest = new Map<string, GroupRecord>();
  /** Records in the log from its start, to know when compacting pays. */
  private recordsInLog = 0;
  private compacting = false;

  constructor(private readonly options: ShardOptions) {}

  get partition(): number {
    return this.options.replica.partition;
  }

  get leaderEpoch(): number {
    return this.options.leaderEpoch;
  }

  get loading(): boolean {
    return this.state === 'loading';
  }

  /** Reads the whole log back into a core; calls are refused (LOAD_IN_PROGRESS) until then. */
  async load(): Promise<void> {
    const startedMs = this.options.clock.nowMs();
    await this.enqueue(async () => {
      this.core = await this.replay();
      if (this.state === 'loading') this.state = 'active';
    });
    this.options.logger.info({ partition: this.partition, leaderEpoch: this.leaderEpoch, loadMs: this.options.clock.nowMs() - startedMs, groups: this.core?.listGroups([]).length }, 'group coordinator loaded');
    this.armTimer();
  }

  /**
   * Runs `decide` on the core in turn, appends what it wrote, and resolves with its answer
   * once the log is committed up to there. Throws NOT_COORDINATOR when leadership moved,
   * COORDINATOR_LOAD_IN_PROGRESS while loading, and COORDINATOR_NOT_AVAILABLE when the
   * partition cannot commit (too few in-sync replicas, or not within the commit timeout).
   */
  async call<T>(kind: CallKind, decide: (core: GroupCoordinatorCore, nowMs: number) => Decision<T>): Promise<T> {
    if (this.state === 'loading') throw new SamsaError('COORDINATOR_LOAD_IN_PROGRESS', `group coordinator partition ${this.partition} is loading`);
    const { response, requiredOffset, wrote } = await this.enqueue(() => this.decideAndAppend(kind, decide));
    await this.awaitCommitted(requiredOffset, wrote);
    this.armTimer();
    if (this.shouldCompact()) void this.compact();
    return response;
  }

  /**
   * Each group's member count and committed offsets as the core holds them now (records not
   * yet committed included), read between calls: for metrics, never for answers.
   */
  groupsNow(): { readonly groupId: string; readonly members: number; readonly offsets: readonly { topic: string; partition: number; offset: bigint }[] }[] {
    const core = this.core;
    if (this.state !== 'active' || core === undefined) return [];
    return core.listGroups([]).map(({ groupId, members }) => ({
      groupId,
      members,
      offsets: core.fetchOffsets({ groupId, topics: [] }).topics.flatMap(({ topic, partitions }) => partitions.map(({ partition, offset }) => ({ topic, partition, offset }))),
    }));
  }

  /** Stops the timer; calls still queued or waiting answer NOT_COORDINATOR. */
  close(): void {
    this.state = 'closed';
    this.timer?.cancel();
    this.timer = undefined;
    this.options.signals.notify(this.options.replica.key);
  }

  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    const run = this.tail.then(job, job);
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async decideAndAppend<T>(kind: CallKind, decide: (core: GroupCoordinatorCore, nowMs: number) => Decision<T>): Promise<{ response: T; requiredOffset: number; wrote: boolean }> {
    this.checkLeading();
    const { replica } = this.options;
    const leader = replica.leader!;
    if (kind === 'write' && leader.canAcceptAcksAll(this.options.minInsyncReplicas()) === 'NOT_ENOUGH_REPLICAS') {
      throw new SamsaError('COORDINATOR_NOT_AVAILABLE', `group coordinator partition ${this.partition}: ${leader.isr.length} in-sync replicas, fewer than min.insync.replicas`);
    }
    const nowMs = this.options.clock.nowMs();
    const decision = decide(this.core!, nowMs);
    if (decision.records.length === 0) return { response: decision.response, requiredOffset: replica.log.logEndOffset, wrote: false };
    try {
      const batches = await encodeGroupBatches(decision.records, Date.now());
      this.checkLeading();
      const outcome = replica.appendAsLeader(batches);
      this.remember(decision.records);
      this.options.signals.notify(replica.logEndKey);
      if (outcome.highWatermarkAdvanced) this.options.signals.notify(replica.key);
      return { response: decision.response, requiredOffset: outcome.requiredOffset, wrote: true };
    } catch (error) {
      // The core holds records the log does not: rebuild it from the log, as it is.
      this.options.logger.warn({ err: error, partition: this.partition }, 'appending group records failed; reloading the coordinator from its log');
      if (this.state === 'active') this.core = await this.replay();
      throw new SamsaError('NOT_COORDINATOR', `group coordinator partition ${this.partition} could not append: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /**
   * Waits until the high watermark reaches `requiredOffset` while this shard still leads. What
   * this call `wrote` must also be held by min.insync.replicas, as an acks=all produce; a call
   * that wrote nothing only waits for what came before it to commit.
   */
  private async awaitCommitted(requiredOffset: number, wrote: boolean): Promise<void> {
    const { replica, signals, clock } = this.options;
    const deadline = clock.nowMs() + this.options.commitTimeoutMs;
    for (;;) {
      this.checkLeading();
      if (!wrote && replica.log.highWatermark >= requiredOffset) return;
      const status = replica.leader!.acksAllStatus(requiredOffset, this.options.minInsyncReplicas());
      if (status === 'NONE') return;
      if (status === 'NOT_ENOUGH_REPLICAS_AFTER_APPEND') throw new SamsaError('COORDINATOR_NOT_AVAILABLE', `group coordinator partition ${this.partition}: written, but fewer than min.insync.replicas hold it`);
      const remainingMs = deadline - clock.nowMs();
      if (remainingMs <= 0) throw new SamsaError('COORDINATOR_NOT_AVAILABLE', `group coordinator partition ${this.partition}: not committed within ${this.options.commitTimeoutMs} ms`);
      await signals.wait([replica.key], remainingMs);
    }
  }

  private checkLeading(): void {
    const leader = this.options.replica.leader;
    if (this.state === 'closed' || leader === undefined || leader.leaderEpoch !== this.leaderEpoch) {
      throw new SamsaError('NOT_COORDINATOR', `this broker no longer leads group coordinator partition ${this.partition} at epoch ${this.leaderEpoch}`);
    }
  }

  private async replay(): Promise<GroupCoordinatorCore> {
    const records = await readGroupRecords(this.options.replica.log);
    this.latest = new Map();
    this.recordsInLog = 0;
    this.remember(records);
    return GroupCoordinatorCore.replay(records, this.options.clock.nowMs(), this.options.core);
  }

  private remember(records: readonly GroupRecord[]): void {
    for (const record of records) {
      const key = recordKey(record);
      this.latest.delete(key);
      this.latest.set(key, record);
    }
    this.recordsInLog += records.length;
  }

  /** Compacting pays once the log holds many records and most are superseded. */
  private shouldCompact(): boolean {
    return this.state === 'active' && !this.compacting && this.recordsInLog >= (this.options.compactionMinRecords ?? COMPACTION_MIN_RECORDS_DEFAULT) && this.liveRecords().length * 2 < this.recordsInLog;
  }

  private liveRecords(): GroupRecord[] {
    return [...this.latest.values()].filter((record) => record.value !== null);
  }

  /**
   * Storage has no compaction, so the coordinator compacts its own partition: it appends the
   * last record of every live key (the state, whole) and, once that is committed, moves the
   * log start to where it begins, dropping everything before. Replay from the new start gives
   * the same core, because records are whole values and a compacted log replays to the same
   * state. Followers keep their older records until their own log start moves; a follower
   * made leader replays them first and the snapshot after, to the same state.
   */
  private async compact(): Promise<void> {
    this.compacting = true;
    try {
      const { replica } = this.options;
      const { snapshotStart, requiredOffset } = await this.enqueue(async () => {
        this.checkLeading();
        const snapshot = this.liveRecords();
        const snapshotStart = replica.log.logEndOffset;
        const outcome = replica.appendAsLeader(await encodeGroupBatches(snapshot, Date.now()));
        this.latest = new Map();
        this.recordsInLog = 0;
        this.remember(snapshot);
        this.options.signals.notify(replica.logEndKey);
        if (outcome.highWatermarkAdvanced) this.options.signals.notify(replica.key);
        return { snapshotStart, requiredOffset: outcome.requiredOffset };
      });
      await this.awaitCommitted(requiredOffset, true);
      this.checkLeading();
      if (replica.log.logStartOffset < snapshotStart) replica.log.advanceLogStartOffset(snapshotStart);
      this.options.logger.info({ partition: this.partition, logStartOffset: snapshotStart, liveRecords: this.latest.size }, 'group coordinator compacted its partition');
    } catch (error) {
      this.options.logger.warn({ err: error, partition: this.partition }, 'compacting the group coordinator partition failed; it is tried again later');
    } finally {
      this.compacting = false;
    }
  }

  /** Schedules `expire` for the core's next deadline (session and rebalance timeouts). */
  private armTimer(): void {
    if (this.state !== 'active' || this.core === undefined) return;
    const due = this.core.nextDeadlineMs();
    if (due === this.timerDueMs) return;
    this.timer?.cancel();
    this.timer = undefined;
    this.timerDueMs = due;
    if (due === null) return;
    this.timer = this.options.clock.schedule(Math.max(0, due - this.options.clock.nowMs()), () => {
      this.timer = undefined;
      this.timerDueMs = null;
      this.call('write', (core, nowMs) => core.expire(nowMs)).then(
        (removed) => {
          for (const member of removed) this.options.logger.info({ partition: this.partition, ...member }, 'group member removed');
        },
        (error: unknown) => {
          this.options.logger.warn({ err: error, partition: this.partition }, 'expiring group members failed; retrying');
          if (this.state === 'active') this.timer = this.options.clock.schedule(1000, () => this.armTimer());
        },
      );
    });
  }
}

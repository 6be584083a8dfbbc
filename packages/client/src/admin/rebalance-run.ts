import { SamsaError } from '@samsa/protocol';
import { sleep } from '../errors/retry';
import type { Admin } from './admin';
import { actualLeaders, assignmentOf, type BrokerLoad, type ClusterRebalancePlan } from './rebalance-cluster';
import { countPerBroker, type PartitionMove } from './rebalance-plan';

/** At most this many partitions copy data at once unless the caller says otherwise (Cruise Control's per-broker default). */
export const REBALANCE_MAX_MOVES_DEFAULT = 5;

/** What a run needs of the admin client. */
export type RebalanceAdmin = Pick<Admin, 'alterPartitionReassignments' | 'listPartitionReassignments' | 'describeTopics'>;

export interface RebalanceRunOptions {
  /**
   * Partitions that copy data at once: a wave of at most this many is submitted and must
   * finish before the next starts. Bounds the replication traffic a rebalance adds; there
   * is no byte-rate throttle.
   */
  readonly maxMoves?: number;
  /** How often to ask the controller how the moves are going. Default 500. */
  readonly pollIntervalMs?: number;
  /**
   * How long to wait, once replicas are in place, for the preferred replicas to lead (the
   * controller moves leadership back to them every 10 s). Default 60000.
   */
  readonly leaderWaitMs?: number;
  readonly onProgress?: (progress: RebalanceProgress) => void;
  /** Checked between polls: when true, the run stops waiting; submitted moves go on in the controller. */
  readonly isCancelled?: () => boolean;
}

export interface RebalanceProgress {
  readonly phase: 'moving' | 'leaders' | 'done';
  /** Partitions whose data move finished, of `movesTotal`. */
  readonly movesDone: number;
  readonly movesTotal: number;
  /** Partitions moving right now. */
  readonly inFlight: number;
  /** Partitions whose preferred replica does not lead yet (phase 'leaders'). */
  readonly leadersPending: number;
}

export interface RebalanceOutcome {
  /** Partitions whose replicas changed (data copied). */
  readonly moved: number;
  /** Partitions whose replicas only changed order (a new preferred leader). */
  readonly reordered: number;
  readonly waves: number;
  readonly seconds: number;
  /** Stopped by `isCancelled`: moves already submitted go on in the controller. */
  readonly cancelled: boolean;
  /** Partitions whose preferred replica did not lead when the wait ended (0 when all do). */
  readonly leadersPending: number;
  /** Measured at the end: replicas assigned and partitions led. */
  readonly brokers: readonly BrokerLoad[];
}

/**
 * Runs a plan: the order-only changes first (they copy nothing and complete at once), then
 * the data moves in waves of `maxMoves`, each wave watched through ListPartitionReassignments
 * until none of its partitions is listed and each holds exactly its target. Then waits for
 * preferred leaders, and measures the result.
 */
export async function runRebalance(admin: RebalanceAdmin, plan: ClusterRebalancePlan, options: RebalanceRunOptions): Promise<RebalanceOutcome> {
  const maxMoves = options.maxMoves ?? REBALANCE_MAX_MOVES_DEFAULT;
  if (!Number.isSafeInteger(maxMoves) || maxMoves < 1) throw new RangeError(`maxMoves: expected a positive integer, got ${String(maxMoves)}`);
  const pollIntervalMs = options.pollIntervalMs ?? 500;
  const started = performance.now();
  const copies = plan.moves.filter((move) => move.copiesData);
  const reorders = plan.moves.filter((move) => !move.copiesData);
  const report = (progress: Omit<RebalanceProgress, 'movesTotal'>) => options.onProgress?.({ ...progress, movesTotal: copies.length });
  const cancelled = () => options.isCancelled?.() === true;

  await admin.alterPartitionReassignments(reorders.map(({ topic, partition, target }) => ({ topic, partition, replicas: target })));
  let done = 0;
  let waves = 0;
  for (let first = 0; first < copies.length && !cancelled(); first += maxMoves) {
    const wave = copies.slice(first, first + maxMoves);
    waves += 1;
    await admin.alterPartitionReassignments(wave.map(({ topic, partition, target }) => ({ topic, partition, replicas: target })));
    const finished = await watchWave(admin, wave, { pollIntervalMs, cancelled, onPoll: (waveDone) => report({ phase: 'moving', movesDone: done + waveDone, inFlight: wave.length - waveDone, leadersPending: 0 }) });
    if (!finished) break;
    await checkTargets(admin, wave);
    done += wave.length;
  }
  const leadersPending = cancelled() ? 0 : await waitForPreferredLeaders(admin, plan, { pollIntervalMs, waitMs: options.leaderWaitMs ?? 60_000, cancelled, onPoll: (pending) => report({ phase: 'leaders', movesDone: done, inFlight: 0, leadersPending: pending }) });
  report({ phase: 'done', movesDone: done, inFlight: 0, leadersPending });
  return {
    moved: copies.length,
    reordered: reorders.length,
    waves,
    seconds: (performance.now() - started) / 1000,
    cancelled: cancelled(),
    leadersPending,
    brokers: await measure(admin, plan),
  };
}

/** Resolves true once no partition of the wave is listed as moving, false when cancelled first. */
async function watchWave(
  admin: RebalanceAdmin,
  wave: readonly PartitionMove[],
  options: { pollIntervalMs: number; cancelled: () => boolean; onPoll: (waveDone: number) => void },
): Promise<boolean> {
  for (;;) {
    const ongoing = new Set((await admin.listPartitionReassignments()).map((entry) => `${entry.topic}/${entry.partition}`));
    const moving = wave.filter((move) => ongoing.has(`${move.topic}/${move.partition}`)).length;
    options.onPoll(wave.length - moving);
    if (moving === 0) return true;
    if (options.cancelled()) return false;
    await sleep(options.pollIntervalMs);
  }
}

/** A finished move must have left exactly its target; anything else means someone else changed it meanwhile. */
async function checkTargets(admin: RebalanceAdmin, wave: readonly PartitionMove[]): Promise<void> {
  const topics = await admin.describeTopics([...new Set(wave.map((move) => move.topic))]);
  for (const move of wave) {
    const replicas = topics.find((topic) => topic.name === move.topic)?.partitions.find((partition) => partition.partition === move.partition)?.replicas;
    if (replicas === undefined || replicas.join() !== move.target.join()) {
      throw new SamsaError('INVALID_REPLICA_ASSIGNMENT', `${move.topic}/${move.partition} ended with replicas [${replicas?.join(', ') ?? 'none'}], not the planned [${move.target.join(', ')}]: changed by someone else meanwhile?`);
    }
  }
}

/** Waits until every planned partition is led by its preferred replica, or `waitMs`; returns how many are not. */
async function waitForPreferredLeaders(
  admin: RebalanceAdmin,
  plan: ClusterRebalancePlan,
  options: { pollIntervalMs: number; waitMs: number; cancelled: () => boolean; onPoll: (pending: number) => void },
): Promise<number> {
  const preferred = new Map(plan.target.map((partition) => [`${partition.topic}/${partition.partition}`, partition.replicas[0]]));
  const deadline = performance.now() + options.waitMs;
  for (;;) {
    const topics = await admin.describeTopics([...new Set(plan.target.map((partition) => partition.topic))]);
    const pending = topics.flatMap((topic) => topic.partitions.filter((partition) => preferred.has(`${topic.name}/${partition.partition}`) && preferred.get(`${topic.name}/${partition.partition}`) !== partition.leader)).length;
    options.onPoll(pending);
    if (pending === 0 || performance.now() >= deadline || options.cancelled()) return pending;
    await sleep(options.pollIntervalMs);
  }
}

async function measure(admin: RebalanceAdmin, plan: ClusterRebalancePlan): Promise<BrokerLoad[]> {
  const topics = await admin.describeTopics();
  const ids = plan.brokers.map((broker) => broker.id);
  const replicas = countPerBroker(assignmentOf(topics), ids);
  const leaders = actualLeaders(topics, ids);
  return plan.brokers.map((broker) => ({ ...broker, replicasAfter: replicas.get(broker.id) ?? 0, leadersAfter: leaders.get(broker.id) ?? 0 }));
}

import type { ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { type Admin, Samsa, type TopicDescription, isSamsaError } from '@samsa/client';
import { LocalCluster, type NodeHandle } from '../local-cluster/local-cluster';
import type { NodeIdleFigures, PartitionsBenchResult, PartitionsStep, PartitionsWorkload } from './bench-result';
import type { ProgressSink } from './bench-runs';
import { LogLineCounter } from './log-line-counter';
import { clockTicksPerSecond, cpuTicksOf, openFdsOf, rssKibOf } from './process-usage';

/**
 * `samsa bench partitions --count N`: what many partitions cost a cluster. On its own cluster
 * of combined nodes it creates one topic of N partitions (replication factor 3), waits until
 * every partition is led with a full ISR, measures each node while idle (CPU, RSS, log lines,
 * file descriptors), SIGKILLs the node leading the most partitions and times the move of its
 * leaderships, restarts it and times its return to every ISR. Each step has a deadline; a
 * missed one ends the run with what it had reached. The cluster is always removed.
 */

export interface PartitionsBenchSettings {
  readonly count: number;
  /** Combined controller+broker nodes; at least 3, so that the quorum survives the kill. */
  readonly nodes: number;
  readonly idleSeconds: number;
  readonly json: string | undefined;
}

export const PARTITIONS_BENCH_DEFAULTS = { nodes: 3, idleSeconds: 30 } as const;
export const PARTITIONS_BENCH_TOPIC = 'bench-partitions';
export const PARTITIONS_BENCH_REPLICATION_FACTOR = 3;

/** How long each step may take before the run stops and reports what it reached. */
export const PARTITIONS_STEP_DEADLINES_MS = {
  clusterStart: 60_000,
  create: 120_000,
  /** Counted from the start of the create, as the figure is. */
  allLedFullIsr: 600_000,
  failover: 120_000,
  rejoin: 600_000,
} as const;

/** After the ISRs are full and before the idle window: leftover work (ISR changes in flight) settles. */
const SETTLE_MS = 5_000;
/** Pause between two describes of the topic while a step waits. */
const POLL_INTERVAL_MS = 250;
/** The nodes' log level: info logs per partition would cost CPU the run measures. */
const NODE_LOG_LEVEL = 'warn';

/** A step that missed its deadline (or met a dead node); `message` says what it reached. */
export class StepMissedError extends Error {
  constructor(
    readonly step: PartitionsStep,
    message: string,
  ) {
    super(message);
  }
}

export interface PartitionsBenchIo {
  /** A line about the run's progress (on a terminal only, as the other bench commands do). */
  note(text: string): void;
  readonly sink: ProgressSink;
  /** Rejects when the user interrupts (Ctrl-C); never resolves. */
  readonly interrupted: Promise<never>;
}

/** What the steps share: the cluster, an admin client, and the figures gathered so far. */
interface Run {
  readonly settings: PartitionsBenchSettings;
  readonly io: PartitionsBenchIo;
  readonly cluster: LocalCluster;
  readonly admin: Admin;
  readonly replicationFactor: number;
  /** `promise`, unless the user interrupts first (then `interruptedError`). */
  readonly guard: <T>(promise: Promise<T>) => Promise<T>;
  /** A node killed on purpose: its absence is not a failure. */
  killed: number | undefined;
  /** Each node's latest process, kept after it exits so that a failure can say how it ended. */
  readonly processes: Map<number, ChildProcess>;
  /** Every line each node writes from the start to the end of the run. */
  readonly runLog: Map<number, LogLineCounter>;
  step: PartitionsStep;
}

type Figures = { -readonly [K in keyof PartitionsBenchResult]: PartitionsBenchResult[K] };

export function partitionsWorkload(settings: PartitionsBenchSettings): PartitionsWorkload {
  const replicationFactor = PARTITIONS_BENCH_REPLICATION_FACTOR;
  return {
    name: `partitions ${settings.count.toLocaleString('en-US')} RF ${replicationFactor}`,
    kind: 'partitions',
    brokers: settings.nodes,
    cluster: 'own',
    topic: PARTITIONS_BENCH_TOPIC,
    partitions: settings.count,
    replicationFactor,
    idleSeconds: settings.idleSeconds,
    nodeLogLevel: NODE_LOG_LEVEL,
  };
}

/** Runs every step; resolves with the figures (and `failure` when a step missed), never rejects on a missed step. */
export async function runPartitionsBench(settings: PartitionsBenchSettings, io: PartitionsBenchIo): Promise<PartitionsBenchResult> {
  const startedMs = performance.now();
  const workload = partitionsWorkload(settings);
  const figures: Figures = { workload, seconds: 0, createSeconds: null, createRetried: false, allLedFullIsrSeconds: null, idle: null, failover: null, rejoin: null, failure: null, runLog: [] };
  io.note(`starting a ${settings.nodes}-node cluster (combined controller+broker, log level ${NODE_LOG_LEVEL}) on 127.0.0.1 ...`);
  const cluster = await LocalCluster.combined(settings.nodes, { logLevel: NODE_LOG_LEVEL, tempPrefix: 'samsa-bench-partitions-', clusterId: 'bench', outputTailChars: 20_000 });
  // Every wait races this: a Ctrl-C ends the step at once (and the cluster is removed below).
  const interrupted = io.interrupted.catch(() => Promise.reject(interruptedError));
  interrupted.catch(() => undefined);
  const guard = <T>(promise: Promise<T>): Promise<T> => Promise.race([promise, interrupted]);
  let samsa: Samsa | undefined;
  try {
    await guard(cluster.startAndWait(PARTITIONS_STEP_DEADLINES_MS.clusterStart)).catch((error: unknown) => {
      if (error === interruptedError) throw error;
      const tails = cluster.nodes.map((node) => `--- node ${node.id} ---\n${node.output.slice(-2000)}`).join('\n');
      throw new Error(`the benchmark's cluster did not start: ${(error as Error).message}\n${tails}`);
    });
    samsa = new Samsa({ bootstrap: cluster.bootstrap, clientId: 'samsa-bench-partitions' });
    const run: Run = { settings, io, cluster, admin: samsa.admin(), replicationFactor: workload.replicationFactor, guard, killed: undefined, processes: new Map(), runLog: new Map(), step: 'create' };
    for (const node of cluster.nodes) follow(run, node);
    try {
      await runSteps(run, figures);
    } catch (error) {
      if (error instanceof StepMissedError) figures.failure = { step: error.step, message: error.message };
      else figures.failure = { step: run.step, message: error instanceof Error ? error.message : String(error) };
    } finally {
      for (const counter of run.runLog.values()) counter.detach();
      figures.runLog = [...run.runLog.entries()].map(([node, counter]) => ({ node, lines: counter.lines, topLogMessages: counter.topMessages(5) }));
    }
  } finally {
    await samsa?.close().catch(() => undefined);
    await cluster.destroy();
  }
  figures.seconds = round((performance.now() - startedMs) / 1000, 3);
  return figures;
}

async function runSteps(run: Run, figures: Figures): Promise<void> {
  const createStartedMs = performance.now();
  run.io.note(`creating ${PARTITIONS_BENCH_TOPIC}: ${run.settings.count.toLocaleString('en-US')} partitions, replication factor ${run.replicationFactor} ...`);
  figures.createRetried = await createTopic(run);
  figures.createSeconds = secondsSince(createStartedMs);
  run.step = 'all-led-full-isr';
  await pollTopic(run, PARTITIONS_STEP_DEADLINES_MS.allLedFullIsr - (performance.now() - createStartedMs), 'partitions led with a full ISR', (partitions) => {
    const counts = countPartitions(partitions);
    const sizes = [...counts.isrSizes.entries()].sort((a, b) => a[0] - b[0]).map(([size, count]) => `${size}: ${count.toLocaleString('en-US')}`);
    return { done: counts.fullIsr === run.settings.count, reached: counts.fullIsr, total: run.settings.count, detail: `${counts.led.toLocaleString('en-US')} led; partitions by ISR size ${sizes.join(', ')}` };
  });
  figures.allLedFullIsrSeconds = secondsSince(createStartedMs);
  run.step = 'idle';
  figures.idle = await measureIdle(run);
  run.step = 'failover';
  await failover(run, figures);
  run.step = 'rejoin';
  await rejoin(run, figures);
}

/** Creates the topic; true when a retry found it created by an earlier attempt (the first timed out). */
async function createTopic(run: Run): Promise<boolean> {
  try {
    await run.guard(withDeadline(run.admin.createTopic({ name: PARTITIONS_BENCH_TOPIC, partitions: run.settings.count, replicationFactor: run.replicationFactor }), PARTITIONS_STEP_DEADLINES_MS.create, 'createTopics'));
    return false;
  } catch (error) {
    // The cluster is new and only this run creates topics: the topic exists because an
    // attempt whose answer was lost (a timeout between broker and controller) created it.
    if (isSamsaError(error) && error.code === 'TOPIC_ALREADY_EXISTS') return true;
    throw new StepMissedError('create', error instanceof Error ? error.message : String(error));
  }
}

async function measureIdle(run: Run): Promise<NodeIdleFigures[]> {
  run.io.note(`every partition is led with a full ISR; settling ${SETTLE_MS / 1000} s, then measuring ${run.settings.idleSeconds} s of idle ...`);
  await run.guard(sleep(SETTLE_MS));
  throwIfNodeDied(run);
  const ticksPerSecond = clockTicksPerSecond();
  const nodes = run.cluster.nodes.map((node) => ({ node, pid: pidOf(node), counter: new LogLineCounter() }));
  for (const { node, counter } of nodes) {
    counter.attach(node.process?.stdout);
    counter.attach(node.process?.stderr);
  }
  const ticksBefore = nodes.map(({ pid }) => cpuTicksOf(pid));
  const windowStartedMs = performance.now();
  try {
    await run.guard(sleep(run.settings.idleSeconds * 1000));
  } finally {
    for (const { counter } of nodes) counter.detach();
  }
  throwIfNodeDied(run);
  const windowSeconds = (performance.now() - windowStartedMs) / 1000;
  return nodes.map(({ node, pid, counter }, index) => ({
    node: node.id,
    cpuPercent: round(((cpuTicksOf(pid) - ticksBefore[index]!) / ticksPerSecond / windowSeconds) * 100, 1),
    rssMiB: round(rssKibOf(pid) / 1024, 1),
    logLinesPerSec: round(counter.lines / windowSeconds, 2),
    openFds: openFdsOf(pid),
    topLogMessages: counter.topMessages(3),
  }));
}

/** Kills the node that leads the most partitions and waits until all of them have another leader. */
async function failover(run: Run, figures: Figures): Promise<void> {
  const partitions = await run.guard(withDeadline(describe(run.admin), PARTITIONS_STEP_DEADLINES_MS.failover, 'describeTopics'));
  const victim = mostLeadingNode(partitions);
  const led = partitions.filter((partition) => partition.leader === victim).map((partition) => partition.partition);
  const ledSet = new Set(led);
  const wasControllerLeader = (await run.cluster.readiness(victim).catch(() => undefined))?.role === 'leader';
  const moved = { node: victim, wasControllerLeader, partitionsLed: led.length, leadershipsMovedSeconds: null as number | null, offlineAfterKill: null as number | null };
  figures.failover = moved;
  run.io.note(`SIGKILL of node ${victim}, which leads ${led.length.toLocaleString('en-US')} partitions${wasControllerLeader ? ' and is the controller leader' : ''} ...`);
  const killedMs = performance.now();
  run.killed = victim;
  await run.cluster.kill(victim);
  const after = await pollTopic(run, PARTITIONS_STEP_DEADLINES_MS.failover, `partitions it led with a new leader`, (current) => {
    const reached = current.filter((partition) => ledSet.has(partition.partition) && partition.leader >= 0 && partition.leader !== victim).length;
    return { done: reached === led.length, reached, total: led.length };
  });
  moved.leadershipsMovedSeconds = secondsSince(killedMs);
  moved.offlineAfterKill = after.filter((partition) => partition.leader < 0).length;
}

/** Restarts the killed node and waits until it is in the ISR of every partition it replicates. */
async function rejoin(run: Run, figures: Figures): Promise<void> {
  const victim = run.killed!;
  const partitions = await run.guard(withDeadline(describe(run.admin), PARTITIONS_STEP_DEADLINES_MS.rejoin, 'describeTopics'));
  const replicated = new Set(partitions.filter((partition) => partition.replicas.includes(victim)).map((partition) => partition.partition));
  const back = { partitionsReplicated: replicated.size, backInEveryIsrSeconds: null as number | null };
  figures.rejoin = back;
  run.io.note(`restarting node ${victim}, a replica of ${replicated.size.toLocaleString('en-US')} partitions ...`);
  const restartedMs = performance.now();
  run.cluster.start(victim);
  run.killed = undefined;
  follow(run, run.cluster.node(victim));
  await pollTopic(run, PARTITIONS_STEP_DEADLINES_MS.rejoin, `partitions with node ${victim} back in the ISR`, (current) => {
    const reached = current.filter((partition) => replicated.has(partition.partition) && partition.isr.includes(victim)).length;
    return { done: reached === replicated.size, reached, total: replicated.size };
  });
  back.backInEveryIsrSeconds = secondsSince(restartedMs);
}

type PartitionView = TopicDescription['partitions'][number];

interface PollCheck {
  readonly done: boolean;
  readonly reached: number;
  readonly total: number;
  readonly detail?: string;
}

/**
 * Describes the topic (one call for all its partitions) every POLL_INTERVAL_MS until `check`
 * is done, and returns the partitions of the describe that showed it. A describe that fails
 * (an election, the killed broker) counts as "not yet". Throws StepMissedError with what was
 * reached once `deadlineMs` has passed, and at once when a node exits that nobody killed.
 */
async function pollTopic(run: Run, deadlineMs: number, what: string, check: (partitions: readonly PartitionView[]) => PollCheck): Promise<readonly PartitionView[]> {
  const deadlineAt = performance.now() + deadlineMs;
  const progress = { done: 0, total: 0 };
  let last: PollCheck | undefined;
  let lastAtMs = 0;
  let lastError: unknown;
  const draw = run.io.sink.isTty ? setInterval(() => run.io.sink.write(`\r\x1b[K${run.step}: ${progress.done.toLocaleString('en-US')} of ${progress.total.toLocaleString('en-US')} ${what}`), 250) : undefined;
  try {
    for (;;) {
      throwIfNodeDied(run);
      const remainingMs = deadlineAt - performance.now();
      if (remainingMs <= 0) throw new StepMissedError(run.step, missedText(what, deadlineMs, last, (performance.now() - lastAtMs) / 1000, lastError));
      try {
        const partitions = await run.guard(withDeadline(describe(run.admin), remainingMs, 'describeTopics'));
        last = check(partitions);
        lastAtMs = performance.now();
        progress.done = last.reached;
        progress.total = last.total;
        if (last.done) return partitions;
      } catch (error) {
        if (error === interruptedError) throw error;
        lastError = error;
      }
      await run.guard(sleep(Math.min(POLL_INTERVAL_MS, Math.max(0, deadlineAt - performance.now()))));
    }
  } finally {
    if (draw !== undefined) {
      clearInterval(draw);
      run.io.sink.write('\r\x1b[K');
    }
  }
}

function missedText(what: string, deadlineMs: number, last: PollCheck | undefined, lastAgeSeconds: number, lastError: unknown): string {
  // Describes that time out at the end leave an older answer: say how old.
  const age = lastAgeSeconds > 2 ? `, as the last describe answered ${Math.round(lastAgeSeconds)} s before the end,` : '';
  const reached = last === undefined ? `no describe of ${PARTITIONS_BENCH_TOPIC} answered` : `${last.reached.toLocaleString('en-US')} of ${last.total.toLocaleString('en-US')} ${what}${last.detail === undefined ? '' : ` (${last.detail})`}${age}`;
  const cause = lastError === undefined ? '' : ` (last error: ${lastError instanceof Error ? lastError.message : String(lastError)})`;
  return `${reached} after the deadline of ${Math.round(deadlineMs / 1000)} s${cause}`;
}

async function describe(admin: Admin): Promise<readonly PartitionView[]> {
  const [topic] = await admin.describeTopics([PARTITIONS_BENCH_TOPIC]);
  if (topic === undefined) throw new Error(`describeTopics did not return ${PARTITIONS_BENCH_TOPIC}`);
  return topic.partitions;
}

/** Partitions with a leader, with a leader and an ISR holding every replica, and how many have each ISR size. */
export function countPartitions(partitions: readonly PartitionView[]): { led: number; fullIsr: number; isrSizes: Map<number, number> } {
  let led = 0;
  let fullIsr = 0;
  const isrSizes = new Map<number, number>();
  for (const partition of partitions) {
    isrSizes.set(partition.isr.length, (isrSizes.get(partition.isr.length) ?? 0) + 1);
    if (partition.leader < 0) continue;
    led += 1;
    if (partition.isr.length === partition.replicas.length && partition.replicas.every((replica) => partition.isr.includes(replica))) fullIsr += 1;
  }
  return { led, fullIsr, isrSizes };
}

/** The node that leads the most partitions (the lowest id on a tie). */
export function mostLeadingNode(partitions: readonly PartitionView[]): number {
  const counts = new Map<number, number>();
  for (const partition of partitions) if (partition.leader >= 0) counts.set(partition.leader, (counts.get(partition.leader) ?? 0) + 1);
  const [best] = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  if (best === undefined) throw new StepMissedError('failover', 'no partition has a leader to kill');
  return best[0];
}

/** Fails the step at once when a node that nobody killed has exited, with the end of its output. */
function throwIfNodeDied(run: Run): void {
  const dead = run.cluster.nodes.find((node) => node.process === undefined && node.id !== run.killed);
  if (dead === undefined) return;
  const child = run.processes.get(dead.id);
  const how = child?.signalCode != null ? `signal ${child.signalCode}` : child?.exitCode != null ? `exit code ${child.exitCode}` : 'unknown cause';
  // An uncaught error is its message and a stack: enough lines to show both.
  const tail = dead.output.trimEnd().split('\n').slice(-25).join('\n').slice(-4000);
  throw new StepMissedError(run.step, `node ${dead.id} exited on its own (${how}); the end of its output:\n${tail}`);
}

/** Keeps the node's current process and counts what it logs (called again after a restart). */
function follow(run: Run, node: NodeHandle): void {
  const child = node.process;
  if (child === undefined) return;
  run.processes.set(node.id, child);
  let counter = run.runLog.get(node.id);
  if (counter === undefined) run.runLog.set(node.id, (counter = new LogLineCounter()));
  counter.attach(child.stdout);
  counter.attach(child.stderr);
}

function pidOf(node: NodeHandle): number {
  const pid = node.process?.pid;
  if (pid === undefined) throw new Error(`node ${node.id} has no process`);
  return pid;
}

const interruptedError = new Error('interrupted');

function withDeadline<T>(promise: Promise<T>, deadlineMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${Math.round(deadlineMs / 1000)} s`)), Math.max(0, deadlineMs));
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function secondsSince(startMs: number): number {
  return round((performance.now() - startMs) / 1000, 3);
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

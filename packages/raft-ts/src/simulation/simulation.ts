import { NotLeaderError, RaftError } from '../errors';
import { Xoshiro128 } from '../prng';
import type { NodeId } from '../types';
import { formatMessage } from './format';
import { SimNetwork } from './network';
import { SafetyChecker } from './safety-checker';
import { SimNode, type NodeTuning, type ReadyContext } from './sim-node';
import { Trace } from './trace';
import { injectFaults } from './faults';

export interface SimulationOptions {
  /** Ticks of random faults, during which only safety is checked. */
  readonly faultTicks: number;
  /** After healing, ticks within which a new proposal must commit on every voter. */
  readonly livenessTicksMax: number;
}

export const DEFAULT_SIMULATION_OPTIONS: SimulationOptions = { faultTicks: 300, livenessTicksMax: 400 };

export interface SimulationSummary {
  readonly seed: number;
  readonly nodeCount: number;
  readonly committedIndex: number;
  readonly elections: number;
  readonly livenessTicks: number;
  readonly stats: SimulationStats;
}

/** Counts of what a run exercised, to show the faults actually happen. */
export interface SimulationStats {
  crashes: number;
  snapshotsInstalled: number;
  confChangesApplied: number;
  readsServed: number;
  proposalsApplied: number;
}

/** A failed run: the seed, how to replay it, the cause and the trace of recent events. */
export class SimulationFailure extends Error {
  override readonly name = 'SimulationFailure';
  constructor(
    readonly seed: number,
    cause: unknown,
    trace: string,
  ) {
    const reason = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    super(
      `simulation seed ${seed} failed: ${reason}\n` +
        `replay with: RAFT_SIM_SEED=${seed} npx jest packages/raft-ts\n` +
        `recent events (oldest first):\n${trace}\n` +
        (cause instanceof Error && cause.stack !== undefined ? `cause stack:\n${cause.stack}` : ''),
    );
  }
}

/** Runs one seeded simulation; throws SimulationFailure on any violation. */
export function runSimulation(seed: number, options: SimulationOptions = DEFAULT_SIMULATION_OPTIONS): SimulationSummary {
  const simulation = new Simulation(seed);
  try {
    return simulation.run(options);
  } catch (error) {
    throw new SimulationFailure(seed, error, simulation.trace.format());
  }
}

const MARKER_TAG = 0xff;
const PROPOSAL_TAG = 0x01;

/**
 * One run: N voters plus one spare node that can be added later, an in-memory network,
 * and a single PRNG from which every decision (faults, timeouts, delays) is drawn.
 */
export class Simulation {
  readonly random: Xoshiro128;
  readonly checker = new SafetyChecker();
  readonly trace = new Trace(120);
  readonly network: SimNetwork;
  readonly nodes: SimNode[] = [];
  now = 0;
  readonly stats: SimulationStats = { crashes: 0, snapshotsInstalled: 0, confChangesApplied: 0, readsServed: 0, proposalsApplied: 0 };
  private counter = 0;
  private readonly readsRequested = new Map<number, number>();
  private readonly markersApplied = new Map<NodeId, Set<number>>();
  private readonly context: ReadyContext;

  constructor(readonly seed: number) {
    this.random = new Xoshiro128(seed);
    this.network = new SimNetwork(this.random, {
      dropProbability: this.random.nextBelow(11) / 100,
      duplicateProbability: this.random.nextBelow(6) / 100,
      maxDelayTicks: 1 + this.random.nextBelow(5),
    });
    const voterCount = this.random.chance(0.5) ? 3 : 5;
    const voters = Array.from({ length: voterCount }, (_, position) => position + 1);
    const tuning = this.randomTuning();
    for (const id of [...voters, voterCount + 1]) {
      const bootstrap = id <= voterCount ? { voters, learners: [] } : undefined;
      const node = new SimNode(id, bootstrap, tuning, seed, this.checker);
      node.start(this.checker);
      this.nodes.push(node);
    }
    this.context = {
      checker: this.checker,
      send: (message) => this.network.send(message, this.now),
      onApplied: (node, data) => this.onApplied(node, data),
      onReadState: (node, context, index) => this.onReadState(node, context, index),
    };
  }

  /**
   * Options vary per run. Pre-vote and check-quorum are never both off: with neither, a
   * removed server that missed its removal campaigns forever and deposes every leader
   * (Raft thesis §4.2.3), which no amount of healing cures.
   */
  private randomTuning(): NodeTuning {
    const preVote = this.random.chance(0.8);
    return {
      electionTicks: 10,
      heartbeatTicks: 1 + this.random.nextBelow(3),
      preVote,
      checkQuorum: !preVote || this.random.chance(0.8),
      maxBytesPerMessage: 256 + this.random.nextBelow(4096),
      maxInflightAppends: 1 + this.random.nextBelow(8),
      maxUncommittedBytes: 4096 + this.random.nextBelow(65536),
      maxSnapshotChunkBytes: 64 + this.random.nextBelow(512),
      maxReadIndexQueue: 64,
      maxApplyBytesPerReady: 512 + this.random.nextBelow(8192),
    };
  }

  run(options: SimulationOptions): SimulationSummary {
    for (let tick = 0; tick < options.faultTicks; tick += 1) {
      injectFaults(this);
      this.step();
    }
    const livenessTicks = this.runLiveness(options.livenessTicksMax);
    return {
      seed: this.seed,
      nodeCount: this.nodes.length - 1,
      committedIndex: this.checker.committedMax,
      elections: this.checker.electionCount,
      livenessTicks,
      stats: this.stats,
    };
  }

  /** One tick: every live node ticks, due messages are delivered, Readies are handled. */
  step(): void {
    this.now += 1;
    for (const node of this.nodes) node.raw?.tick();
    for (const message of this.network.takeDue(this.now)) {
      const receiver = this.node(message.to);
      if (receiver.raw === undefined) continue;
      this.trace.record(this.now, () => formatMessage(message));
      receiver.raw.step(message);
    }
    for (const node of this.nodes) this.drainReady(node);
  }

  drainReady(node: SimNode): void {
    for (let round = 0; round < 100 && node.raw?.hasReady() === true; round += 1) {
      const ready = node.handleReady(this.context);
      if (ready?.snapshot !== undefined) this.stats.snapshotsInstalled += 1;
      for (const entry of ready?.committedEntries ?? []) if (entry.type === 'conf-change') this.stats.confChangesApplied += 1;
      const softState = ready?.softState;
      if (softState !== undefined) {
        const term = node.storage.hardState().term;
        this.trace.record(this.now, () => `node ${node.id} is ${softState.role} (leader ${softState.leaderId}) in term ${term}`);
      }
    }
  }

  node(id: NodeId): SimNode {
    const node = this.nodes[id - 1];
    if (node === undefined || node.id !== id) throw new Error(`no node ${id}`);
    return node;
  }

  /** The live node that believes it leads in the highest term, if any. */
  leader(): SimNode | undefined {
    let best: SimNode | undefined;
    let bestTerm = -1;
    for (const node of this.nodes) {
      const status = node.raw?.status();
      if (status?.role === 'leader' && status.term > bestTerm) {
        best = node;
        bestTerm = status.term;
      }
    }
    return best;
  }

  /**
   * Proposes a payload of random size (every fourth time as a batch of two, as RaftNode
   * does when proposals arrive together); errors a client would retry are expected.
   */
  propose(node: SimNode): void {
    const raw = node.raw;
    if (raw === undefined) return;
    const id = (this.counter += 1);
    const data = this.proposalPayload(id, 5 + this.random.nextBelow(200));
    const isLeader = raw.status().role === 'leader';
    try {
      const { index } = id % 4 === 0 ? raw.proposeBatch([data, this.proposalPayload((this.counter += 1), data.length)]) : raw.propose(data);
      if (!isLeader) throw new Error(`node ${node.id} accepted a proposal without being leader`);
      this.trace.record(this.now, () => `propose #${id} on node ${node.id} at index ${index}`);
    } catch (error) {
      expectRetriable(error);
      if (!isLeader && !(error instanceof NotLeaderError)) throw error;
    }
  }

  private proposalPayload(id: number, length: number): Uint8Array {
    const data = new Uint8Array(length);
    data[0] = PROPOSAL_TAG;
    new DataView(data.buffer).setUint32(1, id);
    for (let i = 5; i < data.length; i += 1) data[i] = (id + i) & 0xff;
    return data;
  }

  requestRead(node: SimNode): void {
    const raw = node.raw;
    if (raw === undefined) return;
    const id = (this.counter += 1);
    const context = new Uint8Array(4);
    new DataView(context.buffer).setUint32(0, id);
    try {
      raw.readIndex(context);
      this.readsRequested.set(id, this.checker.committedMax);
      this.trace.record(this.now, () => `read #${id} on node ${node.id}`);
    } catch (error) {
      expectRetriable(error);
    }
  }

  private onReadState(node: SimNode, context: Uint8Array, index: number): void {
    const id = new DataView(context.buffer, context.byteOffset, context.length).getUint32(0);
    const committedAtRequest = this.readsRequested.get(id);
    if (committedAtRequest === undefined) throw new Error(`node ${node.id} got a read state for unknown read #${id}`);
    this.checker.checkRead(node.id, index, committedAtRequest, node.app.index);
    this.stats.readsServed += 1;
    this.trace.record(this.now, () => `read #${id} on node ${node.id} served at index ${index}`);
  }

  private onApplied(node: SimNode, data: Uint8Array): void {
    if (data[0] === PROPOSAL_TAG) this.stats.proposalsApplied += 1;
    if (data[0] !== MARKER_TAG) return;
    const id = new DataView(data.buffer, data.byteOffset, data.length).getUint32(1);
    let applied = this.markersApplied.get(node.id);
    if (applied === undefined) this.markersApplied.set(node.id, (applied = new Set()));
    applied.add(id);
  }

  /** Heals every fault and requires a fresh proposal to commit on all voters in time. */
  private runLiveness(ticksMax: number): number {
    this.network.healLinks();
    this.network.faults = { dropProbability: 0, duplicateProbability: 0, maxDelayTicks: this.network.faults.maxDelayTicks };
    for (const node of this.nodes) if (!node.isUp()) node.start(this.checker);
    this.trace.record(this.now, () => 'liveness phase: all faults healed, all nodes up');
    const markers: number[] = [];
    let markerTerm = -1;
    for (let tick = 1; tick <= ticksMax; tick += 1) {
      this.step();
      const leader = this.leader();
      const status = leader?.raw?.status();
      if (leader === undefined || status === undefined) continue;
      if (status.term !== markerTerm && this.proposeMarker(leader, markers)) markerTerm = status.term;
      const voters = status.conf.voters;
      if (markers.some((marker) => voters.every((id) => this.markersApplied.get(id)?.has(marker) === true))) return tick;
    }
    const states = this.nodes.map((node) => {
      const status = node.raw?.status();
      return `node ${node.id}: ${status?.role} term=${status?.term} commit=${status?.commitIndex} applied=${node.app.index} voters=${status?.conf.voters}`;
    });
    throw new Error(`liveness: no marker committed on all voters within ${ticksMax} ticks after healing\n  ${states.join('\n  ')}`);
  }

  private proposeMarker(leader: SimNode, markers: number[]): boolean {
    const id = (this.counter += 1);
    const data = new Uint8Array(5);
    data[0] = MARKER_TAG;
    new DataView(data.buffer).setUint32(1, id);
    try {
      leader.raw?.propose(data);
    } catch (error) {
      expectRetriable(error);
      return false;
    }
    markers.push(id);
    this.trace.record(this.now, () => `marker #${id} proposed on node ${leader.id}`);
    return true;
  }
}

/** Clients may see retriable RaftErrors; anything else (an assertion) is a bug. */
function expectRetriable(error: unknown): void {
  if (!(error instanceof RaftError) || !error.retriable) throw error;
}

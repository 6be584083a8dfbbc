import type { RaftOptions } from '../config';
import { MemoryStorage } from '../memory-storage';
import type { Message } from '../message';
import { Xoshiro128 } from '../prng';
import { RawNode } from '../raw-node';
import type { Ready } from '../ready';
import type { Entry, NodeId, ReadState, Snapshot } from '../types';

/** One node of a TestCluster with everything its application has seen. */
export interface TestNode {
  readonly id: NodeId;
  readonly storage: MemoryStorage;
  node: RawNode;
  applied: Entry[];
  snapshots: Snapshot[];
  readStates: ReadState[];
}

export type TunableOptions = Partial<Omit<RaftOptions, 'id' | 'storage' | 'random'>>;

/**
 * An in-memory network of RawNodes for unit tests: messages are delivered in rounds, links
 * can be cut and nodes isolated, and `stabilize` runs until no node has work left.
 */
export class TestCluster {
  readonly nodes = new Map<NodeId, TestNode>();
  private readonly cutLinks = new Set<string>();
  private readonly options: TunableOptions;
  /** Every message delivered (or dropped), for assertions about traffic. */
  readonly delivered: Message[] = [];

  constructor(settings: { voters: NodeId[]; learners?: NodeId[]; joiners?: NodeId[]; options?: TunableOptions }) {
    this.options = settings.options ?? {};
    const conf = { voters: settings.voters, learners: settings.learners ?? [] };
    for (const id of [...conf.voters, ...conf.learners]) this.addNode(id, new MemoryStorage(conf));
    for (const id of settings.joiners ?? []) this.addNode(id, new MemoryStorage());
  }

  addNode(id: NodeId, storage: MemoryStorage): TestNode {
    const node: TestNode = { id, storage, node: this.createRawNode(id, storage), applied: [], snapshots: [], readStates: [] };
    this.nodes.set(id, node);
    return node;
  }

  /** Rebuilds a node from its storage, losing everything volatile, as after a crash. */
  restart(id: NodeId): void {
    const node = this.get(id);
    node.node = this.createRawNode(id, node.storage);
  }

  get(id: NodeId): TestNode {
    const node = this.nodes.get(id);
    if (node === undefined) throw new Error(`no node ${id}`);
    return node;
  }

  raw(id: NodeId): RawNode {
    return this.get(id).node;
  }

  tick(id: NodeId, count = 1): void {
    for (let i = 0; i < count; i += 1) this.raw(id).tick();
  }

  /** Ticks every node `count` times, stabilizing after each round of ticks. */
  tickAll(count: number): void {
    for (let i = 0; i < count; i += 1) {
      for (const node of this.nodes.values()) node.node.tick();
      this.stabilize();
    }
  }

  campaign(id: NodeId): void {
    this.raw(id).campaign();
    this.stabilize();
  }

  propose(id: NodeId, text: string): number {
    const { index } = this.raw(id).propose(new TextEncoder().encode(text));
    this.stabilize();
    return index;
  }

  cut(a: NodeId, b: NodeId): void {
    this.cutLinks.add(`${a}>${b}`);
    this.cutLinks.add(`${b}>${a}`);
  }

  isolate(id: NodeId): void {
    for (const other of this.nodes.keys()) if (other !== id) this.cut(id, other);
  }

  heal(): void {
    this.cutLinks.clear();
  }

  /** Steps a hand-made message into its receiver, then stabilizes. */
  deliver(message: Message): void {
    this.raw(message.to).step(message);
    this.stabilize();
  }

  /** Processes Ready batches and delivers messages until the cluster is quiet. */
  stabilize(maxRounds = 1000): void {
    for (let round = 0; round < maxRounds; round += 1) {
      const messages: Message[] = [];
      for (const node of this.nodes.values()) {
        while (node.node.hasReady()) messages.push(...this.handleReady(node, node.node.ready()));
      }
      if (messages.length === 0) return;
      for (const message of messages) {
        this.delivered.push(message);
        if (this.cutLinks.has(`${message.from}>${message.to}`)) continue;
        this.nodes.get(message.to)?.node.step(message);
      }
    }
    throw new Error(`cluster did not stabilize within ${maxRounds} rounds`);
  }

  leader(): NodeId | undefined {
    let leader: NodeId | undefined;
    let leaderTerm = -1;
    for (const node of this.nodes.values()) {
      const status = node.node.status();
      if (status.role === 'leader' && status.term > leaderTerm) {
        leader = node.id;
        leaderTerm = status.term;
      }
    }
    return leader;
  }

  appliedTexts(id: NodeId): string[] {
    const decoder = new TextDecoder();
    return this.get(id)
      .applied.filter((entry) => entry.type === 'normal' && entry.data.length > 0)
      .map((entry) => decoder.decode(entry.data));
  }

  private handleReady(node: TestNode, ready: Ready): readonly Message[] {
    if (ready.snapshot !== undefined) {
      node.storage.applySnapshot(ready.snapshot);
      node.snapshots.push(ready.snapshot);
    }
    node.storage.append(ready.entries);
    if (ready.hardState !== undefined) node.storage.setHardState(ready.hardState);
    node.applied.push(...ready.committedEntries);
    node.readStates.push(...ready.readStates);
    node.node.advance(ready);
    return ready.messages;
  }

  private createRawNode(id: NodeId, storage: MemoryStorage): RawNode {
    return new RawNode({ electionTicks: 10, heartbeatTicks: 1, ...this.options, id, storage, random: new Xoshiro128(id * 7919) });
  }
}

import type { RaftOptions } from '../config';
import { MemoryStorage } from '../memory-storage';
import type { Message } from '../message';
import { Xoshiro128 } from '../prng';
import { RawNode } from '../raw-node';
import type { Ready } from '../ready';
import type { ConfState, NodeId, Snapshot } from '../types';
import { chainHash } from './hash';
import type { SafetyChecker } from './safety-checker';

/** The simulated application's state machine: how far it applied and a hash of it all. */
export interface AppState {
  readonly index: number;
  readonly hash: number;
}

export type NodeTuning = Omit<RaftOptions, 'id' | 'storage' | 'random' | 'appliedIndex'>;

/** What a node's driver needs from the rest of the simulation while handling a Ready. */
export interface ReadyContext {
  readonly checker: SafetyChecker;
  send(message: Message): void;
  onApplied(node: SimNode, data: Uint8Array): void;
  onReadState(node: SimNode, context: Uint8Array, index: number): void;
}

/**
 * One simulated server. `storage` and `hashes` are its disk: they survive crashes. The
 * RawNode and the application state are its memory: a crash loses them and a restart
 * rebuilds them from the disk, exactly as a real process would.
 */
export class SimNode {
  readonly storage: MemoryStorage;
  /** hashes[i]: chained hash of the persisted log through index i (disk, like the log). */
  hashes: number[] = [];
  hashBase: number;
  raw: RawNode | undefined = undefined;
  app: AppState = { index: 0, hash: 0 };
  private incarnation = 0;

  constructor(
    readonly id: NodeId,
    bootstrap: ConfState | undefined,
    private readonly tuning: NodeTuning,
    private readonly seed: number,
    checker: SafetyChecker,
  ) {
    this.storage = new MemoryStorage(bootstrap);
    this.hashBase = this.storage.firstIndex() - 1;
    this.hashes[this.hashBase] = checker.committedHash(this.hashBase) ?? 0;
  }

  isUp(): boolean {
    return this.raw !== undefined;
  }

  start(checker: SafetyChecker): void {
    this.incarnation += 1;
    const random = new Xoshiro128((this.seed * 1_000_003 + this.id * 101 + this.incarnation) | 0);
    this.raw = new RawNode({ ...this.tuning, id: this.id, storage: this.storage, random });
    this.app = decodeAppSnapshot(this.storage.snapshot(), checker);
  }

  crash(): void {
    this.raw = undefined;
  }

  /** Snapshots the application at its applied index and compacts, keeping a few entries. */
  takeSnapshot(keepEntries: number): void {
    const raw = this.raw;
    if (raw === undefined || this.app.index <= this.storage.snapshot().metadata.index) return;
    this.storage.createSnapshot(this.app.index, raw.appliedConfState(), encodeAppSnapshot(this.app));
    const compactTo = this.app.index - keepEntries;
    if (compactTo >= this.storage.firstIndex()) this.storage.compact(compactTo);
  }

  /** The four-step driver loop of the Ready contract, with safety checks at each step. */
  handleReady(context: ReadyContext): Ready | undefined {
    const raw = this.raw;
    if (raw === undefined) return undefined;
    const ready = raw.ready();
    this.persist(ready, context.checker);
    for (const message of ready.messages) context.send(message);
    this.apply(ready, context);
    raw.advance(ready);
    return ready;
  }

  private persist(ready: Ready, checker: SafetyChecker): void {
    if (ready.snapshot !== undefined) {
      const index = ready.snapshot.metadata.index;
      this.storage.applySnapshot(ready.snapshot);
      const hash = checker.committedHash(index);
      if (hash === undefined) throw new Error(`node ${this.id} received a snapshot at ${index} that is not committed`);
      this.hashes = [];
      this.hashes[index] = hash;
      this.hashBase = index;
    }
    if (ready.entries.length > 0) {
      this.storage.append(ready.entries);
      for (const entry of ready.entries) {
        const previous = this.hashes[entry.index - 1];
        if (previous === undefined) throw new Error(`node ${this.id} appended ${entry.index} after a hole`);
        this.hashes.length = entry.index;
        const hash = chainHash(previous, entry);
        this.hashes[entry.index] = hash;
        checker.recordEntry(this.id, entry.index, entry.term, hash);
      }
    }
    if (ready.hardState !== undefined) {
      this.storage.setHardState(ready.hardState);
      checker.observeCommit(this.id, ready.hardState.commit, ready.hardState.term, this.hashes);
    }
    if (ready.softState?.role === 'leader') {
      checker.observeLeader(this.id, this.storage.hardState().term, this.hashes, this.hashBase);
    }
  }

  private apply(ready: Ready, context: ReadyContext): void {
    if (ready.snapshot !== undefined) {
      this.app = decodeAppSnapshot(ready.snapshot, context.checker);
      context.checker.checkApplied(this.id, this.app.index, this.app.hash);
    }
    for (const entry of ready.committedEntries) {
      if (entry.index !== this.app.index + 1) throw new Error(`node ${this.id} applies ${entry.index} after ${this.app.index}`);
      this.app = { index: entry.index, hash: chainHash(this.app.hash, entry) };
      context.checker.checkApplied(this.id, entry.index, this.app.hash);
      if (entry.type === 'normal' && entry.data.length > 0) context.onApplied(this, entry.data);
    }
    for (const read of ready.readStates) context.onReadState(this, read.context, read.index);
  }
}

/**
 * Snapshot data: applied index and hash, padded to a length derived from the hash so that
 * snapshots span several chunks and two nodes snapshotting the same index agree byte for byte.
 */
export function encodeAppSnapshot(app: AppState): Uint8Array {
  const data = new Uint8Array(8 + (app.hash % 1500));
  const view = new DataView(data.buffer);
  view.setUint32(0, app.index);
  view.setUint32(4, app.hash);
  for (let i = 8; i < data.length; i += 1) data[i] = (app.hash + i) & 0xff;
  return data;
}

function decodeAppSnapshot(snapshot: Snapshot, checker: SafetyChecker): AppState {
  const index = snapshot.metadata.index;
  if (snapshot.data.length === 0) return { index, hash: checker.committedHash(index) ?? 0 };
  const view = new DataView(snapshot.data.buffer, snapshot.data.byteOffset, snapshot.data.length);
  if (view.getUint32(0) !== index) throw new Error(`snapshot data for ${view.getUint32(0)} labelled ${index}`);
  return { index, hash: view.getUint32(4) };
}

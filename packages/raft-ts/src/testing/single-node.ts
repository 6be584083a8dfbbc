import { MemoryStorage } from '../memory-storage';
import type { Message, MessageKind } from '../message';
import { Xoshiro128 } from '../prng';
import { RawNode } from '../raw-node';
import type { ConfState, Entry, NodeId } from '../types';
import type { TunableOptions } from './test-cluster';

/** A RawNode on a MemoryStorage, for init → step → check tests of one node. */
export interface LoneNode {
  readonly raw: RawNode;
  readonly storage: MemoryStorage;
}

/**
 * Builds a node whose persisted log after the bootstrap snapshot (index 1, term 1) holds
 * entries with the given terms, at indexes 2, 3, ...
 */
export function loneNode(settings: {
  id: NodeId;
  conf: ConfState;
  logTerms?: number[];
  term?: number;
  commit?: number;
  options?: TunableOptions;
}): LoneNode {
  const storage = new MemoryStorage(settings.conf);
  const entries: Entry[] = (settings.logTerms ?? []).map((term, position) => ({
    term,
    index: position + 2,
    type: 'normal',
    data: new Uint8Array([position]),
  }));
  storage.append(entries);
  const lastTerm = entries[entries.length - 1]?.term ?? 1;
  storage.setHardState({ term: settings.term ?? lastTerm, vote: 0, commit: settings.commit ?? 1 });
  const raw = new RawNode({ electionTicks: 10, heartbeatTicks: 1, ...settings.options, id: settings.id, storage, random: new Xoshiro128(settings.id) });
  return { raw, storage };
}

/** Runs the Ready loop once (persisting to storage) and returns the messages it produced. */
export function drain(node: LoneNode): Message[] {
  const messages: Message[] = [];
  while (node.raw.hasReady()) {
    const ready = node.raw.ready();
    if (ready.snapshot !== undefined) node.storage.applySnapshot(ready.snapshot);
    node.storage.append(ready.entries);
    if (ready.hardState !== undefined) node.storage.setHardState(ready.hardState);
    messages.push(...ready.messages);
    node.raw.advance(ready);
  }
  return messages;
}

export function ofKind<K extends MessageKind>(messages: readonly Message[], kind: K): Array<Message & { kind: K }> {
  return messages.filter((message): message is Message & { kind: K } => message.kind === kind);
}

/** Makes `node` the leader of the next term by granting it the votes of `voters`. */
export function electLeader(node: LoneNode, voters: readonly NodeId[]): Message[] {
  node.raw.campaign();
  drain(node);
  const term = node.raw.status().term;
  for (const from of voters) {
    node.raw.step({ kind: 'vote-response', from, to: node.raw.status().id, term, reject: false });
  }
  return drain(node);
}

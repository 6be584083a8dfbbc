import type { Message } from '../message';
import type { Entry, SnapshotMetadata } from '../types';

/**
 * Maps raft-ts messages to and from the flat `samsa.raft.v1.Message` of raft.proto. Numbers
 * stay numbers (proto-loader is set to decode uint64 as Number: Raft terms and indexes never
 * approach 2^53). Fields that a kind does not use are left out on the way out and ignored on
 * the way in.
 */
export interface WireEntry {
  term: number;
  index: number;
  type: 'ENTRY_TYPE_NORMAL' | 'ENTRY_TYPE_CONF_CHANGE';
  data: Uint8Array;
}

export interface WireSnapshotMetadata {
  index: number;
  term: number;
  voters: number[];
  learners: number[];
}

export interface WireMessage {
  kind: string;
  from: number;
  to: number;
  term: number;
  lastLogIndex?: number;
  lastLogTerm?: number;
  transfer?: boolean;
  reject?: boolean;
  prevLogIndex?: number;
  prevLogTerm?: number;
  entries?: WireEntry[];
  commit?: number;
  index?: number;
  hintIndex?: number;
  hintTerm?: number;
  readRound?: number;
  metadata?: WireSnapshotMetadata | null;
  offset?: number;
  data?: Uint8Array;
  done?: boolean;
  snapshotIndex?: number;
  snapshotTerm?: number;
  nextOffset?: number;
  context?: Uint8Array;
}

function entryToWire(entry: Entry): WireEntry {
  return {
    term: entry.term,
    index: entry.index,
    type: entry.type === 'normal' ? 'ENTRY_TYPE_NORMAL' : 'ENTRY_TYPE_CONF_CHANGE',
    data: entry.data,
  };
}

function entryFromWire(entry: WireEntry): Entry {
  return {
    term: Number(entry.term),
    index: Number(entry.index),
    type: entry.type === 'ENTRY_TYPE_CONF_CHANGE' ? 'conf-change' : 'normal',
    data: entry.data,
  };
}

function metadataToWire(metadata: SnapshotMetadata): WireSnapshotMetadata {
  return { index: metadata.index, term: metadata.term, voters: [...metadata.voters], learners: [...metadata.learners] };
}

function metadataFromWire(metadata: WireSnapshotMetadata | null | undefined): SnapshotMetadata {
  if (metadata === null || metadata === undefined) throw new WireError('install-snapshot without metadata');
  return { index: Number(metadata.index), term: Number(metadata.term), voters: metadata.voters.map(Number), learners: metadata.learners.map(Number) };
}

export class WireError extends Error {
  override readonly name = 'WireError';
}

export function messageToWire(message: Message): WireMessage {
  const base = { kind: message.kind, from: message.from, to: message.to, term: message.term };
  switch (message.kind) {
    case 'vote-request':
      return { ...base, lastLogIndex: message.lastLogIndex, lastLogTerm: message.lastLogTerm, transfer: message.transfer };
    case 'pre-vote-request':
      return { ...base, lastLogIndex: message.lastLogIndex, lastLogTerm: message.lastLogTerm };
    case 'vote-response':
    case 'pre-vote-response':
      return { ...base, reject: message.reject };
    case 'append':
      return { ...base, prevLogIndex: message.prevLogIndex, prevLogTerm: message.prevLogTerm, entries: message.entries.map(entryToWire), commit: message.commit };
    case 'append-response':
      return message.reject
        ? { ...base, reject: true, index: message.index, hintIndex: message.hintIndex, hintTerm: message.hintTerm }
        : { ...base, reject: false, index: message.index };
    case 'heartbeat':
      return { ...base, commit: message.commit, readRound: message.readRound };
    case 'heartbeat-response':
      return { ...base, readRound: message.readRound };
    case 'install-snapshot':
      return { ...base, metadata: metadataToWire(message.metadata), offset: message.offset, data: message.data, done: message.done };
    case 'install-snapshot-response':
      return { ...base, snapshotIndex: message.snapshotIndex, snapshotTerm: message.snapshotTerm, nextOffset: message.nextOffset };
    case 'timeout-now':
      return base;
    case 'read-index-request':
      return { ...base, context: message.context };
    case 'read-index-response':
      return { ...base, context: message.context, index: message.index };
  }
}

const number = (value: number | undefined): number => Number(value ?? 0);
const bytes = (value: Uint8Array | undefined): Uint8Array => value ?? new Uint8Array(0);

/** Decodes one wire message; throws `WireError` for an unknown kind or a missing field. */
export function messageFromWire(wire: WireMessage): Message {
  const base = { from: number(wire.from), to: number(wire.to), term: number(wire.term) };
  switch (wire.kind) {
    case 'vote-request':
      return { ...base, kind: 'vote-request', lastLogIndex: number(wire.lastLogIndex), lastLogTerm: number(wire.lastLogTerm), transfer: wire.transfer === true };
    case 'pre-vote-request':
      return { ...base, kind: 'pre-vote-request', lastLogIndex: number(wire.lastLogIndex), lastLogTerm: number(wire.lastLogTerm) };
    case 'vote-response':
    case 'pre-vote-response':
      return { ...base, kind: wire.kind, reject: wire.reject === true };
    case 'append':
      return {
        ...base,
        kind: 'append',
        prevLogIndex: number(wire.prevLogIndex),
        prevLogTerm: number(wire.prevLogTerm),
        entries: (wire.entries ?? []).map(entryFromWire),
        commit: number(wire.commit),
      };
    case 'append-response':
      return wire.reject === true
        ? { ...base, kind: 'append-response', reject: true, index: number(wire.index), hintIndex: number(wire.hintIndex), hintTerm: number(wire.hintTerm) }
        : { ...base, kind: 'append-response', reject: false, index: number(wire.index) };
    case 'heartbeat':
      return { ...base, kind: 'heartbeat', commit: number(wire.commit), readRound: number(wire.readRound) };
    case 'heartbeat-response':
      return { ...base, kind: 'heartbeat-response', readRound: number(wire.readRound) };
    case 'install-snapshot':
      return { ...base, kind: 'install-snapshot', metadata: metadataFromWire(wire.metadata), offset: number(wire.offset), data: bytes(wire.data), done: wire.done === true };
    case 'install-snapshot-response':
      return { ...base, kind: 'install-snapshot-response', snapshotIndex: number(wire.snapshotIndex), snapshotTerm: number(wire.snapshotTerm), nextOffset: number(wire.nextOffset) };
    case 'timeout-now':
      return { ...base, kind: 'timeout-now' };
    case 'read-index-request':
      return { ...base, kind: 'read-index-request', context: bytes(wire.context) };
    case 'read-index-response':
      return { ...base, kind: 'read-index-response', context: bytes(wire.context), index: number(wire.index) };
    default:
      throw new WireError(`unknown raft message kind "${wire.kind}"`);
  }
}

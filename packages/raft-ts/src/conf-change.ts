import { assert } from './assert';
import type { ConfState, NodeId } from './types';

/**
 * A single-server membership change. Each type sets the node's status absolutely (voter,
 * learner, or absent), which makes replaying a change on a configuration that already
 * contains it harmless.
 */
export type ConfChangeType = 'add-voter' | 'add-learner' | 'remove-node';

export interface ConfChange {
  readonly type: ConfChangeType;
  readonly nodeId: NodeId;
}

const TYPE_CODES: readonly ConfChangeType[] = ['add-voter', 'add-learner', 'remove-node'];

/** Wire form: one byte of type, then the node id as a big-endian uint32. */
export function encodeConfChange(change: ConfChange): Uint8Array {
  const code = TYPE_CODES.indexOf(change.type);
  assert(code >= 0, `unknown conf change type ${change.type}`);
  assert(isValidNodeId(change.nodeId), `bad node id ${change.nodeId}`);
  const bytes = new Uint8Array(5);
  bytes[0] = code;
  new DataView(bytes.buffer).setUint32(1, change.nodeId);
  return bytes;
}

export function decodeConfChange(bytes: Uint8Array): ConfChange {
  assert(bytes.length === 5, `conf change must be 5 bytes, got ${bytes.length}`);
  const type = TYPE_CODES[bytes[0] ?? 255];
  assert(type !== undefined, `unknown conf change code ${bytes[0]}`);
  const nodeId = new DataView(bytes.buffer, bytes.byteOffset, bytes.length).getUint32(1);
  return { type, nodeId };
}

export function isValidNodeId(id: number): boolean {
  return Number.isInteger(id) && id > 0 && id <= 0xffffffff;
}

/** Returns the configuration after `change`; the input is not modified. */
export function applyConfChange(conf: ConfState, change: ConfChange): ConfState {
  const voters = conf.voters.filter((id) => id !== change.nodeId);
  const learners = conf.learners.filter((id) => id !== change.nodeId);
  if (change.type === 'add-voter') voters.push(change.nodeId);
  if (change.type === 'add-learner') learners.push(change.nodeId);
  voters.sort((a, b) => a - b);
  learners.sort((a, b) => a - b);
  return { voters, learners };
}

/**
 * Explains why a change may not be proposed against `conf`, or returns undefined.
 * Removing the last voter would leave a cluster that can never elect a leader again.
 */
export function confChangeProblem(conf: ConfState, change: ConfChange): string | undefined {
  if (!isValidNodeId(change.nodeId)) return `bad node id ${change.nodeId}`;
  const next = applyConfChange(conf, change);
  if (next.voters.length === 0) return 'a change may not remove the last voter';
  return undefined;
}

export function isConfStateEqual(a: ConfState, b: ConfState): boolean {
  return sameIds(a.voters, b.voters) && sameIds(a.learners, b.learners);
}

function sameIds(a: readonly NodeId[], b: readonly NodeId[]): boolean {
  return a.length === b.length && a.every((id, position) => id === b[position]);
}

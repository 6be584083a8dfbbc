import { assert } from './assert';
import { NotLeaderError, RequestDroppedError } from './errors';
import type { Raft } from './raft';
import { bcastHeartbeat } from './replication';
import { NO_NODE, type NodeId } from './types';

/**
 * ReadIndex (Raft thesis §6.4): a read is linearizable if served at a commit index the
 * leader held while a quorum still acknowledged it as leader. A follower forwards reads
 * to the leader and serves them locally once it has applied the returned index.
 */
export function readIndex(raft: Raft, context: Uint8Array): void {
  if (raft.role === 'leader') {
    if (raft.readIndexQueue.isFull()) throw new RequestDroppedError('read-index-queue-full');
    handleReadRequest(raft, context, raft.id);
  } else if (raft.lead !== NO_NODE) {
    if (raft.readStates.length >= raft.options.maxReadIndexQueue) throw new RequestDroppedError('read-index-queue-full');
    raft.send({ kind: 'read-index-request', to: raft.lead, context });
  } else {
    throw new NotLeaderError(undefined);
  }
}

/** Leader side of ReadIndex for a read from `from` (ourselves or a follower). */
export function handleReadRequest(raft: Raft, context: Uint8Array, from: NodeId): void {
  if (raft.readIndexQueue.isFull()) return;
  if (raft.log.termOrUndefined(raft.log.committed) !== raft.term) {
    raft.readIndexQueue.wait(context, from);
    return;
  }
  const round = raft.readIndexQueue.add(raft.log.committed, context, from);
  const own = raft.tracker.get(raft.id);
  assert(own !== undefined, 'a leader tracks its own progress');
  own.readRound = round;
  releaseConfirmedReads(raft);
  if (raft.tracker.conf.voters.length > 1) bcastHeartbeat(raft);
}

export function releaseConfirmedReads(raft: Raft): void {
  for (const read of raft.readIndexQueue.confirm(raft.tracker.confirmedReadRound())) {
    if (read.from === raft.id) raft.readStates.push({ index: read.index, context: read.context });
    else raft.send({ kind: 'read-index-response', to: read.from, index: read.index, context: read.context });
  }
}


import { assert } from './assert';
import { CompactedError, UnavailableError } from './errors';
import type { Progress } from './progress';
import type { Raft } from './raft';
import type { NodeId } from './types';

/**
 * Sends `to` the entries after its next index, or a snapshot if they were compacted.
 * With `sendIfEmpty` false nothing is sent when there are no entries, which lets callers
 * loop to fill the pipeline. Returns whether a message went out.
 */
export function sendAppend(raft: Raft, to: NodeId, sendIfEmpty = true): boolean {
  const progress = raft.tracker.get(to);
  if (progress === undefined || progress.isPaused()) return false;
  const prevLogIndex = progress.next - 1;
  let prevLogTerm: number;
  let entries;
  try {
    prevLogTerm = raft.log.term(prevLogIndex);
    entries = raft.log.slice(progress.next, raft.log.lastIndex() + 1, raft.options.maxBytesPerMessage);
  } catch (error) {
    if (error instanceof CompactedError) return startSnapshot(raft, to, progress);
    throw error;
  }
  if (entries.length === 0 && !sendIfEmpty) return false;
  raft.send({ kind: 'append', to, prevLogIndex, prevLogTerm, entries, commit: raft.log.committed });
  progress.sentEntries(entries[entries.length - 1]?.index);
  return true;
}

function startSnapshot(raft: Raft, to: NodeId, progress: Progress): boolean {
  let snapshot;
  try {
    snapshot = raft.log.snapshot();
  } catch (error) {
    // The application is still producing a snapshot; a later heartbeat will retry.
    if (error instanceof UnavailableError) return false;
    throw error;
  }
  assert(snapshot.metadata.index >= progress.next - 1, 'a compacted log always has a snapshot past it');
  progress.becomeSnapshot(snapshot);
  sendSnapshotChunk(raft, to, progress);
  return true;
}

/** Sends the chunk at the offset the follower last asked for. */
export function sendSnapshotChunk(raft: Raft, to: NodeId, progress: Progress): void {
  const transfer = progress.transfer;
  assert(progress.state === 'snapshot' && transfer !== undefined, 'snapshot chunks need a transfer');
  const { data, metadata } = transfer.snapshot;
  const offset = Math.min(transfer.nextOffset, data.length);
  const end = Math.min(offset + raft.options.maxSnapshotChunkBytes, data.length);
  raft.send({ kind: 'install-snapshot', to, metadata, offset, data: data.subarray(offset, end), done: end === data.length });
  transfer.sentEnd = end;
}

export function bcastAppend(raft: Raft): void {
  for (const to of raft.tracker.peers(raft.id)) sendAppend(raft, to);
}

/** Heartbeats carry the current read round and a commit index the follower surely holds. */
export function bcastHeartbeat(raft: Raft): void {
  const readRound = raft.readIndexQueue.round;
  for (const to of raft.tracker.peers(raft.id)) {
    const match = raft.tracker.get(to)?.match ?? 0;
    raft.send({ kind: 'heartbeat', to, commit: Math.min(match, raft.log.committed), readRound });
  }
}

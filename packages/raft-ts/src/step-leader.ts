import type { AppendResponse, HeartbeatResponse, InstallSnapshotResponse, Message } from './message';
import type { Progress } from './progress';
import type { Raft } from './raft';
import { handleReadRequest, releaseConfirmedReads } from './read-index';
import { bcastAppend, bcastHeartbeat, sendAppend, sendSnapshotChunk } from './replication';
import { NO_NODE } from './types';

/**
 * Leaders heartbeat, and once per election timeout check that a quorum was heard from
 * (check-quorum) and abandon a leadership transfer that did not finish in time.
 */
export function tickHeartbeat(raft: Raft): void {
  raft.heartbeatElapsed += 1;
  raft.electionElapsed += 1;
  if (raft.electionElapsed >= raft.options.electionTicks) {
    raft.electionElapsed = 0;
    if (raft.options.checkQuorum) {
      if (!raft.tracker.quorumActive(raft.id)) {
        raft.becomeFollower(raft.term, NO_NODE);
        return;
      }
      raft.tracker.resetRecentActive();
    }
    raft.leadTransferee = NO_NODE;
  }
  if (raft.heartbeatElapsed >= raft.options.heartbeatTicks) {
    raft.heartbeatElapsed = 0;
    bcastHeartbeat(raft);
  }
}

export function stepLeader(raft: Raft, message: Message): void {
  if (message.kind === 'read-index-request') {
    handleReadRequest(raft, message.context, message.from);
    return;
  }
  const progress = raft.tracker.get(message.from);
  if (progress === undefined) return;
  switch (message.kind) {
    case 'append-response':
      progress.recentActive = true;
      handleAppendResponse(raft, progress, message);
      return;
    case 'heartbeat-response':
      progress.recentActive = true;
      handleHeartbeatResponse(raft, progress, message);
      return;
    case 'install-snapshot-response':
      progress.recentActive = true;
      handleSnapshotResponse(raft, progress, message);
      return;
    default:
      return;
  }
}

function handleAppendResponse(raft: Raft, progress: Progress, message: AppendResponse): void {
  if (message.reject) {
    if (progress.maybeDecreaseTo(message.index, nextIndexHint(raft, message.index, message.hintIndex, message.hintTerm))) {
      sendAppend(raft, message.from);
    }
    return;
  }
  const wasPaused = progress.isPaused();
  const updated = progress.maybeUpdate(message.index);
  if (progress.state === 'snapshot') {
    // Once the snapshot is in, probe from its end; if we compacted past it meanwhile, the
    // next append discovers that and starts a transfer of our newer snapshot.
    if (progress.match < (progress.transfer?.snapshot.metadata.index ?? 0)) return;
    progress.becomeProbe();
    if (progress.match + 1 >= raft.log.firstIndex()) progress.becomeReplicate();
  } else if (!updated) {
    return;
  } else if (progress.state === 'probe') {
    progress.becomeReplicate();
  } else {
    progress.inflights.freeTo(message.index);
  }
  if (raft.maybeCommit()) {
    if (raft.role !== 'leader') return;
    bcastAppend(raft);
  } else if (wasPaused) {
    sendAppend(raft, message.from);
  }
  // Fill the pipeline: keep sending while entries remain and the window is open.
  while (sendAppend(raft, message.from, false));
  if (message.from === raft.leadTransferee && progress.match === raft.log.lastIndex()) {
    raft.send({ kind: 'timeout-now', to: message.from });
  }
}

/**
 * Where to probe next after a rejection. If the follower named a conflicting term we
 * also hold, resume just after our last entry of that term; otherwise skip to the first
 * index the follower holds with that term (or to the end of its short log).
 */
function nextIndexHint(raft: Raft, rejectedIndex: number, hintIndex: number, hintTerm: number): number {
  if (hintTerm === 0) return hintIndex;
  let index = Math.min(rejectedIndex - 1, raft.log.lastIndex());
  while (index >= hintIndex) {
    const term = raft.log.termOrUndefined(index);
    if (term === undefined || term < hintTerm) break;
    if (term === hintTerm) return index + 1;
    index -= 1;
  }
  return hintIndex;
}

function handleHeartbeatResponse(raft: Raft, progress: Progress, message: HeartbeatResponse): void {
  if (message.readRound > progress.readRound) {
    progress.readRound = message.readRound;
    releaseConfirmedReads(raft);
  }
  progress.probeSent = false;
  // A lost append in replicate state can leave the window full forever; free one slot so
  // the next append reveals the gap (the follower rejects it and we fall back to probing).
  if (progress.state === 'replicate' && progress.inflights.isFull()) progress.inflights.freeFirst();
  if (progress.state === 'snapshot') sendSnapshotChunk(raft, message.from, progress);
  else if (progress.match < raft.log.lastIndex()) sendAppend(raft, message.from);
}

function handleSnapshotResponse(raft: Raft, progress: Progress, message: InstallSnapshotResponse): void {
  const transfer = progress.transfer;
  if (progress.state !== 'snapshot' || transfer === undefined) return;
  const { index, term } = transfer.snapshot.metadata;
  if (message.snapshotIndex !== index || message.snapshotTerm !== term) return;
  transfer.nextOffset = message.nextOffset;
  // Only the answer to the chunk just sent advances the transfer; older or duplicated
  // answers merely update where a heartbeat-triggered retry resumes.
  if (message.nextOffset === transfer.sentEnd) sendSnapshotChunk(raft, message.from, progress);
}

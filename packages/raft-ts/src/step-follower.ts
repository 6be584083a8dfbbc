import type { AppendRequest, Heartbeat, InstallSnapshot, Message } from './message';
import type { Raft } from './raft';

/** Followers and candidates campaign once the randomized election timeout passes. */
export function tickElection(raft: Raft): void {
  raft.electionElapsed += 1;
  if (raft.promotable() && raft.electionElapsed >= raft.randomizedElectionTimeout) {
    raft.electionElapsed = 0;
    raft.campaign(raft.options.preVote ? 'pre-vote' : 'vote');
  }
}

export function stepFollower(raft: Raft, message: Message): void {
  switch (message.kind) {
    case 'append':
      raft.electionElapsed = 0;
      raft.lead = message.from;
      handleAppend(raft, message);
      return;
    case 'heartbeat':
      raft.electionElapsed = 0;
      raft.lead = message.from;
      handleHeartbeat(raft, message);
      return;
    case 'install-snapshot':
      raft.electionElapsed = 0;
      raft.lead = message.from;
      handleSnapshotChunk(raft, message);
      return;
    case 'timeout-now':
      // The leader chose us: campaign at once, skipping pre-vote and others' leases.
      raft.campaign('transfer');
      return;
    case 'read-index-response':
      raft.readStates.push({ index: message.index, context: message.context });
      return;
    default:
      // Responses addressed to an earlier role of ours are stale; drop them.
      return;
  }
}

export function handleAppend(raft: Raft, message: AppendRequest): void {
  const log = raft.log;
  if (message.prevLogIndex < log.committed) {
    // Everything up to our commit index matches the leader; tell it where to resume.
    raft.send({ kind: 'append-response', to: message.from, reject: false, index: log.committed });
    return;
  }
  const before = log.committed;
  const lastNewIndex = log.maybeAppend(message.prevLogIndex, message.prevLogTerm, message.commit, message.entries);
  if (lastNewIndex !== undefined) {
    if (log.committed > before) raft.onCommitAdvanced(before);
    raft.send({ kind: 'append-response', to: message.from, reject: false, index: lastNewIndex });
    return;
  }
  const { hintIndex, hintTerm } = rejectHint(raft, message.prevLogIndex);
  raft.send({ kind: 'append-response', to: message.from, reject: true, index: message.prevLogIndex, hintIndex, hintTerm });
}

/**
 * Fast backtracking (Raft thesis §5.3): if our log is too short, name its end; otherwise
 * name the conflicting term and the first index we hold with it, so the leader can skip
 * the whole term in one round trip. The search never goes below our commit index, which
 * is known to match.
 */
function rejectHint(raft: Raft, rejectedIndex: number): { hintIndex: number; hintTerm: number } {
  const log = raft.log;
  const lastIndex = log.lastIndex();
  if (rejectedIndex > lastIndex) return { hintIndex: lastIndex + 1, hintTerm: 0 };
  const conflictTerm = log.term(rejectedIndex);
  let first = rejectedIndex;
  while (first - 1 > log.committed && log.termOrUndefined(first - 1) === conflictTerm) first -= 1;
  return { hintIndex: first, hintTerm: conflictTerm };
}

function handleHeartbeat(raft: Raft, message: Heartbeat): void {
  const before = raft.log.committed;
  raft.log.commitTo(message.commit);
  if (raft.log.committed > before) raft.onCommitAdvanced(before);
  raft.send({ kind: 'heartbeat-response', to: message.from, readRound: message.readRound });
}

function handleSnapshotChunk(raft: Raft, message: InstallSnapshot): void {
  const { index, term } = message.metadata;
  if (index <= raft.log.committed) {
    raft.snapshotReceiver.clear();
    raft.send({ kind: 'append-response', to: message.from, reject: false, index: raft.log.committed });
    return;
  }
  const outcome = raft.snapshotReceiver.accept(message);
  if (outcome.kind === 'need') {
    const { nextOffset } = outcome;
    raft.send({ kind: 'install-snapshot-response', to: message.from, snapshotIndex: index, snapshotTerm: term, nextOffset });
    return;
  }
  const restored = raft.restore(outcome.snapshot);
  const matched = restored ? raft.log.lastIndex() : raft.log.committed;
  raft.send({ kind: 'append-response', to: message.from, reject: false, index: matched });
}

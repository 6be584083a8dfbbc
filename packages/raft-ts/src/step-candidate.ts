import type { Message } from './message';
import type { Raft } from './raft';
import { stepFollower } from './step-follower';

/** Pre-candidates and candidates count votes and yield to any leader of their term. */
export function stepCandidate(raft: Raft, message: Message): void {
  switch (message.kind) {
    case 'append':
    case 'heartbeat':
    case 'install-snapshot':
      // Someone already won this term: follow it.
      raft.becomeFollower(message.term, message.from);
      stepFollower(raft, message);
      return;
    case 'vote-response':
    case 'pre-vote-response': {
      const expected = raft.role === 'pre-candidate' ? 'pre-vote-response' : 'vote-response';
      if (message.kind !== expected) return;
      raft.tracker.recordVote(message.from, !message.reject);
      raft.pollVotes();
      return;
    }
    default:
      return;
  }
}

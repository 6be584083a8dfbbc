import { assert } from './assert';
import { Progress } from './progress';
import { hasActiveQuorum, majorityValue, voteOutcome, type VoteOutcome } from './quorum';
import type { ConfState, NodeId } from './types';

/**
 * The configuration in force plus, on a leader, a Progress for every member, and on a
 * candidate, the votes received. Quorum questions are answered over voters only.
 */
export class ProgressTracker {
  conf: ConfState = { voters: [], learners: [] };
  readonly progress = new Map<NodeId, Progress>();
  readonly votes = new Map<NodeId, boolean>();

  constructor(private readonly maxInflight: number) {}

  isVoter(id: NodeId): boolean {
    return this.conf.voters.includes(id);
  }

  isMember(id: NodeId): boolean {
    return this.progress.has(id);
  }

  /** Every member other than `self`, voters first, in id order for determinism. */
  peers(self: NodeId): NodeId[] {
    return [...this.conf.voters, ...this.conf.learners].filter((id) => id !== self);
  }

  get(id: NodeId): Progress | undefined {
    return this.progress.get(id);
  }

  /** Installs a configuration, keeping the progress of members that remain. */
  setConf(conf: ConfState, lastIndex: number): void {
    this.conf = conf;
    const members = new Set([...conf.voters, ...conf.learners]);
    for (const id of [...this.progress.keys()]) {
      if (!members.has(id)) this.progress.delete(id);
    }
    for (const id of members) {
      const isLearner = conf.learners.includes(id);
      const existing = this.progress.get(id);
      if (existing !== undefined) existing.isLearner = isLearner;
      else this.progress.set(id, new Progress({ next: lastIndex + 1, isLearner, maxInflight: this.maxInflight }));
    }
  }

  /** Forgets all progress, as a new leader (or a new term) must. */
  resetProgress(self: NodeId, lastIndex: number): void {
    this.progress.clear();
    this.setConf(this.conf, lastIndex);
    const own = this.progress.get(self);
    if (own !== undefined) {
      own.match = lastIndex;
      own.next = lastIndex + 1;
    }
  }

  /** The highest index replicated on a majority of voters. */
  committedIndex(): number {
    return majorityValue(this.conf.voters, (id) => this.progress.get(id)?.match ?? 0);
  }

  /** The highest read round confirmed by a majority of voters. */
  confirmedReadRound(): number {
    return majorityValue(this.conf.voters, (id) => this.progress.get(id)?.readRound ?? 0);
  }

  /** Check-quorum: were a majority of voters (counting ourselves) heard from recently? */
  quorumActive(self: NodeId): boolean {
    return hasActiveQuorum(this.conf.voters, (id) => id === self || this.progress.get(id)?.recentActive === true);
  }

  resetRecentActive(): void {
    for (const progress of this.progress.values()) progress.recentActive = false;
  }

  recordVote(id: NodeId, granted: boolean): void {
    if (!this.votes.has(id)) this.votes.set(id, granted);
  }

  voteOutcome(): VoteOutcome {
    assert(this.conf.voters.length > 0, 'elections need voters');
    return voteOutcome(this.conf.voters, this.votes);
  }

  resetVotes(): void {
    this.votes.clear();
  }
}

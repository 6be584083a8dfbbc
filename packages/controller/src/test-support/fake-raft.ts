import { EventEmitter } from 'node:events';
import { decodeMetadataRecordBatch, encodeMetadataRecordBatch, type MetadataImage, type MetadataRecord } from '@samsa/metadata';
import { NotLeaderError, type RaftNode, type RoleChange } from 'raft-ts';
import { MetadataStateMachine } from '../server/metadata-state-machine';

interface Pending {
  readonly data: Uint8Array;
  resolve(result: unknown): void;
  reject(error: Error): void;
}

/**
 * A stand-in for the RaftNode under a QuorumController: a single node that commits what is
 * proposed, in order, into a real MetadataStateMachine. `hold()` keeps proposals pending (a
 * slow quorum, a backed-up log) until `release()`; `commitNow` commits a batch from elsewhere
 * (an older leader's entry) ahead of the held ones. Indexes are given at commit time.
 */
export class FakeRaft extends EventEmitter {
  isLeader = true;
  currentLeader = 1;
  readonly stateMachine = new MetadataStateMachine();
  /** Every batch proposed, in order, whether it committed yet or not. */
  readonly proposed: MetadataRecord[][] = [];
  private pending: Pending[] = [];
  private holding = false;
  private term = 1;

  constructor(image: MetadataImage) {
    super();
    if (image.lastAppliedOffset > 0) {
      const metadata = { index: image.lastAppliedOffset, term: 1, voters: [1], learners: [] };
      this.stateMachine.restoreSnapshot({ metadata, data: image.toSnapshot() });
    }
  }

  asRaftNode(): RaftNode {
    return this as unknown as RaftNode;
  }

  get image(): MetadataImage {
    return this.stateMachine.image;
  }

  propose(data: Uint8Array): Promise<unknown> {
    if (!this.isLeader) return Promise.reject(new NotLeaderError(this.currentLeader || undefined));
    this.proposed.push(decodeMetadataRecordBatch(data));
    return new Promise((resolve, reject) => {
      this.pending.push({ data, resolve, reject });
      if (!this.holding) void Promise.resolve().then(() => this.commitPending());
    });
  }

  readIndex(): Promise<number> {
    if (!this.isLeader) return Promise.reject(new NotLeaderError(this.currentLeader || undefined));
    return Promise.resolve(this.stateMachine.image.lastAppliedOffset);
  }

  hold(): void {
    this.holding = true;
  }

  /** Commits every held proposal, in order, and stops holding. */
  release(): void {
    this.holding = false;
    this.commitPending();
  }

  /** Commits `records` at the next index at once, ahead of anything held. */
  commitNow(records: readonly MetadataRecord[]): unknown {
    return this.apply(encodeMetadataRecordBatch(records));
  }

  /** Loses leadership: held proposals fail, as RaftNode's do. */
  stepDown(leaderId: number): void {
    this.isLeader = false;
    this.currentLeader = leaderId;
    this.term += 1;
    for (const proposal of this.pending.splice(0)) proposal.reject(new NotLeaderError(leaderId));
    this.emit('role-change', { role: 'follower', leaderId, term: this.term } satisfies RoleChange);
  }

  private commitPending(): void {
    if (this.holding) return;
    for (const proposal of this.pending.splice(0)) {
      try {
        proposal.resolve(this.apply(proposal.data));
      } catch (error) {
        proposal.reject(error as Error);
      }
    }
  }

  private apply(data: Uint8Array): unknown {
    return this.stateMachine.apply({ term: this.term, index: this.stateMachine.image.lastAppliedOffset + 1, type: 'normal', data });
  }
}

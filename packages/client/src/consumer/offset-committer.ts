import { SamsaError } from '@samsa/protocol';
import { BrokerError, SamsaClientError } from '../errors/client-errors';
import { backoffMs, sleep, type RetryOptions } from '../errors/retry';
import type { CoordinatorLink } from './coordinator-link';
import { type OffsetToCommit, commitOnce } from './group-offsets';
import type { OwnedPartition } from './owned-partition';

/** What the committer needs of its consumer. */
export interface CommitterContext {
  readonly groupId: string;
  readonly link: CoordinatorLink;
  readonly retry: RetryOptions;
  /** The member id and the epoch it holds now (read at each attempt). */
  member(): { readonly memberId: string; readonly memberEpoch: number };
  /** The owned partition, if it is owned (active or being let go of). */
  owner(topic: string, partition: number): OwnedPartition | undefined;
  /** Resolves after the next heartbeat answer (which may bring a newer epoch). */
  nextHeartbeat(): Promise<void>;
  isStopped(): boolean;
}

/** Heartbeats that may pass while a commit waits for a fresh epoch (STALE_MEMBER_EPOCH). */
const STALE_COMMIT_ATTEMPTS = 5;

/**
 * A consumer's OffsetCommits, one at a time in call order, so ours never overtake each
 * other and a committed offset never goes back by a reordering of ours. Retriable errors
 * (coordinator moved or loading, connection) retry with backoff; STALE_MEMBER_EPOCH for a
 * partition the member owns waits for the next heartbeat, whose answer brings the epoch that
 * owns it; for one it does not own it fails at once.
 */
export class OffsetCommitter {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly context: CommitterContext) {}

  /** Commits what `offsets()` says when every commit queued before has finished. */
  enqueue(offsets: () => readonly OffsetToCommit[]): Promise<void> {
    const run = this.chain.then(() => this.commitNow(offsets()));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async commitNow(initial: readonly OffsetToCommit[]): Promise<void> {
    const { groupId, link } = this.context;
    let offsets = initial;
    for (let attempt = 0; offsets.length > 0; attempt++) {
      const member = this.context.member();
      if (member.memberId === '') throw new SamsaClientError('UNKNOWN_MEMBER_ID', `commit: the consumer is not a member of group ${groupId} yet`, { retriable: false });
      let result;
      try {
        result = await commitOnce(link, { groupId, ...member }, offsets);
      } catch (error: unknown) {
        if (!(error instanceof SamsaError) || !error.retriable || attempt >= this.context.retry.retries || this.context.isStopped()) throw error;
        await sleep(backoffMs(this.context.retry, attempt));
        continue;
      }
      for (const offset of result.committed) {
        const owner = this.context.owner(offset.topic, offset.partition);
        if (owner !== undefined) owner.committed = offset.offset;
      }
      const failed = result.failed[0];
      if (failed !== undefined) throw new BrokerError(failed.code, `commit of ${failed.offset.topic}-${failed.offset.partition} at ${failed.offset.offset} for group ${groupId}: ${failed.code}`, link.address ?? '');
      // Stale for a partition we do not own: no heartbeat will change that.
      const notOwned = result.stale.find((offset) => this.context.owner(offset.topic, offset.partition)?.active !== true);
      if (result.stale.length > 0 && (attempt >= STALE_COMMIT_ATTEMPTS || notOwned !== undefined)) {
        const stale = notOwned ?? (result.stale[0] as OffsetToCommit);
        throw new BrokerError('STALE_MEMBER_EPOCH', `commit of ${stale.topic}-${stale.partition} for group ${groupId}: the member does not own it at epoch ${member.memberEpoch}`, link.address ?? '');
      }
      offsets = result.stale;
      if (offsets.length > 0) await this.context.nextHeartbeat();
    }
  }
}

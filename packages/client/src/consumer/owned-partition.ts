import type { FetchPartition } from '../fetcher/fetch-partition';

/**
 * A partition the consumer owns, as the application sees it. `taken` is the offset after
 * the last record the application has taken (what a commit sends); `committed` the last
 * offset the coordinator accepted from us. `yieldable` turns false when the partition is
 * paused, being revoked or lost: its records stop at once, even mid-chunk.
 */
export class OwnedPartition {
  readonly key: string;
  fetch: FetchPartition | undefined;
  taken: bigint | undefined;
  committed: bigint | undefined;
  paused = false;
  /** Owned and not being let go of. */
  active = true;
  /** Set by seek() in onPartitionsAssigned, before fetching starts. */
  seekTo: bigint | undefined;

  constructor(
    readonly topic: string,
    readonly partition: number,
  ) {
    this.key = `${topic}\u0000${partition}`;
  }

  get yieldable(): boolean {
    return this.active && !this.paused;
  }
}

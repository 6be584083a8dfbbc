import type { InstallSnapshot } from './message';
import type { Snapshot, SnapshotMetadata } from './types';

export type ChunkOutcome =
  | { readonly kind: 'need'; readonly nextOffset: number }
  | { readonly kind: 'complete'; readonly snapshot: Snapshot };

/**
 * Assembles a snapshot from in-order chunks. Anything out of order is answered with the
 * offset we expect, so the leader can resume; a chunk at offset 0 always starts afresh.
 * The buffer is volatile: a restart simply starts the transfer over.
 */
export class SnapshotReceiver {
  private metadata: SnapshotMetadata | undefined = undefined;
  /** The term of the leader sending the transfer: chunks from two leaders never mix. */
  private leaderTerm = 0;
  private chunks: Uint8Array[] = [];
  private receivedBytes = 0;

  accept(message: InstallSnapshot): ChunkOutcome {
    let matches = this.isCurrent(message);
    // A duplicate first chunk of the transfer in progress must not throw away later ones.
    if (message.offset === 0 && !(matches && this.receivedBytes > 0)) {
      this.start(message);
      matches = true;
    }
    if (!matches || message.offset !== this.receivedBytes) {
      return { kind: 'need', nextOffset: matches ? this.receivedBytes : 0 };
    }
    this.chunks.push(message.data);
    this.receivedBytes += message.data.length;
    if (!message.done) return { kind: 'need', nextOffset: this.receivedBytes };
    const snapshot = { metadata: message.metadata, data: concat(this.chunks, this.receivedBytes) };
    this.clear();
    return { kind: 'complete', snapshot };
  }

  clear(): void {
    this.metadata = undefined;
    this.chunks = [];
    this.receivedBytes = 0;
  }

  private isCurrent(message: InstallSnapshot): boolean {
    return this.metadata !== undefined && this.leaderTerm === message.term && sameSnapshot(this.metadata, message.metadata);
  }

  private start(message: InstallSnapshot): void {
    this.clear();
    this.metadata = message.metadata;
    this.leaderTerm = message.term;
  }
}

function sameSnapshot(a: SnapshotMetadata, b: SnapshotMetadata): boolean {
  return a.index === b.index && a.term === b.term;
}

function concat(chunks: readonly Uint8Array[], totalBytes: number): Uint8Array {
  const data = new Uint8Array(totalBytes);
  let offset = 0;
  for (const chunk of chunks) {
    data.set(chunk, offset);
    offset += chunk.length;
  }
  return data;
}

import { decodeMetadataRecordBatch, MetadataImage } from '@samsa/metadata';
import type { Entry, Snapshot, StateMachine } from 'raft-ts';

/**
 * What applying an entry returns to its proposer (RaftNode resolves `propose` with it): a
 * refusal when the batch was refused as stale, nothing when it applied.
 */
export interface RefusedBatch {
  readonly refusal: string;
}

/** The refusal in what `propose` resolved with, if the batch was refused. */
export function refusalOf(applied: unknown): string | undefined {
  if (typeof applied !== 'object' || applied === null || !('refusal' in applied)) return undefined;
  return String((applied as RefusedBatch).refusal);
}

/** One committed metadata log entry as brokers receive it. */
export interface MetadataLogEntry {
  readonly offset: number;
  readonly records: Uint8Array;
}

/**
 * The controllers' replicated state machine: committed Raft entries carry encoded record
 * batches, applied to the `MetadataImage` in log order. The metadata offset of a record is
 * its Raft index. Recent entries stay in a bounded window so brokers can follow the log
 * from memory; a broker further behind gets the image as a snapshot first.
 */
export class MetadataStateMachine implements StateMachine {
  private currentImage = MetadataImage.EMPTY;
  private readonly recent: MetadataLogEntry[] = [];
  private readonly listeners = new Set<(entry: MetadataLogEntry) => void>();

  constructor(private readonly recentEntriesMax = 20_000) {}

  get image(): MetadataImage {
    return this.currentImage;
  }

  apply(entry: Entry): RefusedBatch | undefined {
    const records = decodeMetadataRecordBatch(entry.data);
    const { image, refusal } = this.currentImage.tryApplyBatch(records, entry.index);
    this.currentImage = image;
    const logEntry = { offset: entry.index, records: entry.data };
    this.recent.push(logEntry);
    if (this.recent.length > this.recentEntriesMax) this.recent.splice(0, this.recent.length - this.recentEntriesMax);
    for (const listener of this.listeners) listener(logEntry);
    return refusal === undefined ? undefined : { refusal };
  }

  takeSnapshot(): Uint8Array {
    return this.currentImage.toSnapshot();
  }

  restoreSnapshot(snapshot: Snapshot): void {
    // The bootstrap snapshot (index 1) carries no image.
    this.currentImage = snapshot.data.length === 0 ? MetadataImage.EMPTY : MetadataImage.fromSnapshot(snapshot.data);
    this.recent.length = 0;
  }

  /**
   * Entries after `offset` held in memory, or undefined when the window no longer reaches
   * back that far (the caller then sends the image as a snapshot).
   */
  entriesAfter(offset: number): MetadataLogEntry[] | undefined {
    if (offset >= this.currentImage.lastAppliedOffset) return [];
    const first = this.recent[0];
    // Offsets between `offset` and the window's start may be Raft no-ops or evicted records;
    // without telling them apart, a snapshot is the safe answer.
    if (first === undefined || first.offset > offset + 1) return undefined;
    return this.recent.filter((entry) => entry.offset > offset);
  }

  /** Calls `listener` with every entry applied from now on, until the returned function is called. */
  subscribe(listener: (entry: MetadataLogEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

import { assert } from './assert';
import type { Entry, Snapshot } from './types';

/**
 * Entries and a snapshot the core holds but the application has not yet persisted.
 * `entries[k]` has index `offset + k`; when a snapshot is pending, offset is its index + 1.
 */
export class Unstable {
  snapshot: Snapshot | undefined = undefined;
  entries: Entry[] = [];

  constructor(public offset: number) {}

  firstIndexIfKnown(): number | undefined {
    return this.snapshot === undefined ? undefined : this.snapshot.metadata.index + 1;
  }

  lastIndexIfKnown(): number | undefined {
    if (this.entries.length > 0) return this.offset + this.entries.length - 1;
    return this.snapshot?.metadata.index;
  }

  termIfKnown(index: number): number | undefined {
    if (index < this.offset) {
      const metadata = this.snapshot?.metadata;
      return metadata !== undefined && metadata.index === index ? metadata.term : undefined;
    }
    return this.entries[index - this.offset]?.term;
  }

  /** The application persisted entries through (index, term); forget them if still ours. */
  stableTo(index: number, term: number): void {
    if (index < this.offset || this.termIfKnown(index) !== term) return;
    this.entries = this.entries.slice(index + 1 - this.offset);
    this.offset = index + 1;
  }

  stableSnapshotTo(index: number): void {
    if (this.snapshot !== undefined && this.snapshot.metadata.index === index) this.snapshot = undefined;
  }

  restore(snapshot: Snapshot): void {
    this.offset = snapshot.metadata.index + 1;
    this.entries = [];
    this.snapshot = snapshot;
  }

  /** Appends entries, discarding any unstable suffix they overwrite. */
  truncateAndAppend(entries: readonly Entry[]): void {
    const first = entries[0];
    if (first === undefined) return;
    const after = first.index;
    if (after === this.offset + this.entries.length) {
      this.entries.push(...entries);
    } else if (after <= this.offset) {
      // The new entries replace everything unstable; storage will truncate its own suffix.
      this.offset = after;
      this.entries = [...entries];
    } else {
      this.entries = this.entries.slice(0, after - this.offset);
      this.entries.push(...entries);
    }
  }

  slice(low: number, high: number): Entry[] {
    assert(low >= this.offset && high <= this.offset + this.entries.length, `unstable slice [${low}, ${high}) out of bounds`);
    return this.entries.slice(low - this.offset, high - this.offset);
  }
}

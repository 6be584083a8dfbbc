import type { StateMachine } from '../node/raft-node';
import type { Entry, Snapshot } from '../types';

/**
 * The example's replicated state: string keys and values. An entry's data is UTF-8
 * `key=value`. Each key remembers the log index that last wrote it, and keys are kept in
 * the order of their last write, so a test can check "every acknowledged write, at the
 * index it was acknowledged at, in order". The snapshot is JSON.
 */
export class KvStateMachine implements StateMachine {
  private values = new Map<string, { value: string; index: number }>();
  /** Snapshots installed from the leader since this process started. */
  snapshotsReceived = 0;

  /** Starts from the storage's snapshot (a restart) or empty. */
  constructor(initial?: Snapshot) {
    if (initial !== undefined) this.load(initial);
  }

  /** Returns the index the entry was applied at: what a proposer is told. */
  apply(entry: Entry): number {
    const text = Buffer.from(entry.data.buffer, entry.data.byteOffset, entry.data.length).toString('utf8');
    const separator = text.indexOf('=');
    const key = separator < 0 ? text : text.slice(0, separator);
    const value = separator < 0 ? '' : text.slice(separator + 1);
    // Delete first, so that the map's order is the order of last writes: log order.
    this.values.delete(key);
    this.values.set(key, { value, index: entry.index });
    return entry.index;
  }

  takeSnapshot(): Uint8Array {
    return Buffer.from(JSON.stringify(this.dump()));
  }

  restoreSnapshot(snapshot: Snapshot): void {
    this.snapshotsReceived += 1;
    this.load(snapshot);
  }

  private load(snapshot: Snapshot): void {
    this.values = new Map();
    if (snapshot.data.length === 0) return;
    const rows = JSON.parse(Buffer.from(snapshot.data).toString('utf8')) as Array<[string, string, number]>;
    for (const [key, value, index] of rows) this.values.set(key, { value, index });
  }

  /** Every key as [key, value, index of the last write], in the order of those writes. */
  dump(): Array<[string, string, number]> {
    return [...this.values].map(([key, { value, index }]) => [key, value, index]);
  }
}

import * as path from 'node:path';
import { assert } from '@samsa/protocol';
import { type FileSystem, syncFile, writeFileAtomically } from './file-system';

export interface EpochEntry {
  readonly epoch: number;
  readonly startOffset: number;
}

/** The answer to "where does my log end for `epoch`?" (Kafka's OffsetsForLeaderEpoch). */
export interface EpochEndOffset {
  /** The largest epoch <= the requested one that this log knows, or -1. */
  readonly epoch: number;
  /** The offset where that epoch ends: the next epoch's start, or the log end offset. */
  readonly endOffset: number;
}

const FILE_NAME = 'leader-epoch-checkpoint';

/**
 * Leader epoch -> first offset written in that epoch, as Kafka keeps it (KIP-101, KIP-279):
 * a follower asks the leader where its last fetched epoch ends and truncates to that
 * point, which removes exactly the entries a previous leader wrote but never committed.
 * Entries ascend in both epoch and start offset. Persisted in Kafka's text format
 * (version, count, `epoch offset` lines) on every change.
 *
 * A new epoch appended at the end is written without fsync, and made durable by `sync`,
 * which the log calls before it moves its recovery point (as Kafka does since KAFKA-15046):
 * a broker that becomes leader of thousands of partitions does not fsync thousands of files
 * on the event loop. That is safe because recovery rebuilds the entries of every batch above
 * the recovery point from the batches themselves, and an epoch with no batch yet ends where
 * the next one starts either way. Anything that removes entries is fsynced at once.
 */
export class LeaderEpochCache {
  private entries: EpochEntry[] = [];
  /** Entries were appended since the file was last fsynced. */
  private unsynced = false;

  constructor(
    private readonly fileSystem: FileSystem,
    private readonly directory: string,
  ) {}

  get all(): readonly EpochEntry[] {
    return this.entries;
  }

  latest(): EpochEntry | undefined {
    return this.entries[this.entries.length - 1];
  }

  /** Loads the file; returns false when missing or unreadable (the caller rebuilds). */
  load(): boolean {
    const filePath = path.join(this.directory, FILE_NAME);
    this.entries = [];
    if (!this.fileSystem.existsSync(filePath)) return false;
    const lines = this.fileSystem.readFileSync(filePath).toString('utf8').trim().split('\n');
    const count = Number(lines[1]);
    if (lines[0] !== '0' || !Number.isInteger(count) || lines.length !== count + 2) return false;
    const loaded: EpochEntry[] = [];
    for (const line of lines.slice(2)) {
      const [epoch, startOffset] = line.split(' ').map(Number);
      if (!Number.isInteger(epoch) || !Number.isInteger(startOffset)) return false;
      const previous = loaded[loaded.length - 1];
      if (previous && (epoch! <= previous.epoch || startOffset! < previous.startOffset)) return false;
      loaded.push({ epoch: epoch!, startOffset: startOffset! });
    }
    this.entries = loaded;
    return true;
  }

  /**
   * Records that `epoch` starts at `startOffset`, as Kafka's cache does: nothing changes when
   * it is the latest epoch again at or after its start; otherwise every entry the new one
   * contradicts (an epoch at or above it, or a start at or after it) goes first. A follower
   * copying the leader's batches thereby mirrors the leader's epochs exactly.
   */
  assign(epoch: number, startOffset: number): boolean {
    assert(epoch >= 0 && startOffset >= 0, `invalid epoch entry ${epoch}@${startOffset}`);
    const latest = this.latest();
    if (latest !== undefined && epoch === latest.epoch && startOffset >= latest.startOffset) return false;
    const kept = this.entries.filter((entry) => entry.epoch < epoch && entry.startOffset < startOffset);
    // Replacing an older epoch that began at this same offset (it holds no batch) is still an
    // append; dropping a newer epoch or one with batches after `startOffset` is a truncation.
    const truncates = this.entries.some((entry) => entry.epoch >= epoch || entry.startOffset > startOffset);
    this.replace([...kept, { epoch, startOffset }], { sync: truncates });
    return true;
  }

  /**
   * Kafka's rules: the latest epoch ends at the log end; an epoch newer than every known one
   * (or -1) is undefined; otherwise the answer is the largest known epoch <= the requested
   * one, or the requested epoch itself when it is older than all, ending where the next
   * known epoch starts.
   */
  /**
   * Recovery's variant: adds `epoch` only when it is newer than every known one, so that
   * re-scanning one segment cannot erase the epochs of trusted segments after it.
   */
  assignIfNewer(epoch: number, startOffset: number): void {
    const latest = this.latest();
    if (latest === undefined || epoch > latest.epoch) this.assign(epoch, startOffset);
  }

  endOffsetFor(requestedEpoch: number, logEndOffset: number): EpochEndOffset {
    const latest = this.latest();
    if (requestedEpoch < 0 || latest === undefined) return { epoch: -1, endOffset: -1 };
    if (requestedEpoch === latest.epoch) return { epoch: requestedEpoch, endOffset: logEndOffset };
    const higher = this.entries.findIndex((entry) => entry.epoch > requestedEpoch);
    if (higher < 0) return { epoch: -1, endOffset: -1 };
    const floor = this.entries[higher - 1];
    return { epoch: floor === undefined ? requestedEpoch : floor.epoch, endOffset: this.entries[higher]!.startOffset };
  }

  /** After truncating the log to `endOffset`: drops epochs that start at or after it. */
  truncateFromEnd(endOffset: number): void {
    const kept = this.entries.filter((entry) => entry.startOffset < endOffset);
    if (kept.length !== this.entries.length) this.replace(kept);
  }

  /** After the log start moved to `startOffset`: older epochs collapse onto it. */
  truncateFromStart(startOffset: number): void {
    let firstKept = 0;
    while (firstKept + 1 < this.entries.length && this.entries[firstKept + 1]!.startOffset <= startOffset) firstKept += 1;
    const kept = this.entries.slice(firstKept);
    const first = kept[0];
    const changed = firstKept > 0 || (first !== undefined && first.startOffset < startOffset);
    if (first !== undefined && first.startOffset < startOffset) kept[0] = { epoch: first.epoch, startOffset };
    if (changed) this.replace(kept);
  }

  clear(): void {
    this.replace([]);
  }

  /** Makes appended entries durable (see the class comment); nothing to do when none are pending. */
  sync(): void {
    if (!this.unsynced) return;
    syncFile(this.fileSystem, path.join(this.directory, FILE_NAME));
    this.unsynced = false;
  }

  /**
   * Persists `entries` first and only then adopts them, so a failed write changes nothing.
   * Synced, it also makes any earlier unsynced entries durable (the file holds them all).
   */
  private replace(entries: EpochEntry[], options: { readonly sync: boolean } = { sync: true }): void {
    const lines = ['0', String(entries.length), ...entries.map((entry) => `${entry.epoch} ${entry.startOffset}`), ''];
    writeFileAtomically(this.fileSystem, path.join(this.directory, FILE_NAME), Buffer.from(lines.join('\n'), 'utf8'), options);
    this.entries = entries;
    this.unsynced = !options.sync;
  }
}

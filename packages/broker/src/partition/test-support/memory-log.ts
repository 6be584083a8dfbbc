import { assert } from '@samsa/protocol';
import type { EpochEndOffset } from '../leader-fetch-answer';

/**
 * A partition log reduced to what replication reasons about: the leader epoch of every
 * offset and the leader-epoch cache, with Kafka's rules (the same ones storage follows).
 * Truncation drops cache entries at or after the truncation point even when it is the log
 * end, as Kafka's `truncateTo` does. (Samsa's storage differs on this and on follower
 * appends below the latest epoch; see the broker README.)
 */
export class MemoryLog {
  logStartOffset = 0;
  /** `epochOf[i]` is the epoch of offset `logStartOffset + i`. */
  private epochOf: number[] = [];
  private epochStarts: { epoch: number; startOffset: number }[] = [];

  constructor(readonly name = 'log') {}

  get logEndOffset(): number {
    return this.logStartOffset + this.epochOf.length;
  }

  get latestEpoch(): number {
    return this.epochStarts[this.epochStarts.length - 1]?.epoch ?? -1;
  }

  /** The epochs of offsets [from, logEndOffset). */
  epochsFrom(from: number): number[] {
    return this.epochOf.slice(from - this.logStartOffset);
  }

  beginLeaderEpoch(epoch: number): void {
    if (epoch <= this.latestEpoch) return;
    this.epochStarts = this.epochStarts.filter((entry) => entry.startOffset < this.logEndOffset);
    this.epochStarts.push({ epoch, startOffset: this.logEndOffset });
  }

  /** Appends `count` records in `epoch` (as leader) and returns the new log end. */
  append(epoch: number, count: number): number {
    this.beginLeaderEpoch(epoch);
    for (let index = 0; index < count; index += 1) this.epochOf.push(epoch);
    return this.logEndOffset;
  }

  /**
   * Appends records as a follower: each keeps the epoch the leader gave it. A record whose
   * epoch differs from the latest cache entry replaces every entry that conflicts with it
   * (an epoch as new or newer, or a start at or after it), as Kafka's
   * `LeaderEpochFileCache.assign` does: a stale entry left by a leader term without writes
   * must not survive the records that prove it wrong.
   */
  appendAsFollower(epochs: readonly number[]): void {
    for (const epoch of epochs) {
      if (epoch !== this.latestEpoch) {
        const startOffset = this.logEndOffset;
        this.epochStarts = this.epochStarts.filter((entry) => entry.epoch < epoch && entry.startOffset < startOffset);
        this.epochStarts.push({ epoch, startOffset });
      }
      this.epochOf.push(epoch);
    }
  }

  endOffsetForEpoch = (requested: number): EpochEndOffset => {
    const latest = this.epochStarts[this.epochStarts.length - 1];
    if (requested < 0 || latest === undefined) return { epoch: -1, endOffset: -1 };
    if (requested === latest.epoch) return { epoch: requested, endOffset: this.logEndOffset };
    const higher = this.epochStarts.findIndex((entry) => entry.epoch > requested);
    if (higher < 0) return { epoch: -1, endOffset: -1 };
    const floor = this.epochStarts[higher - 1];
    return { epoch: floor === undefined ? requested : floor.epoch, endOffset: this.epochStarts[higher]!.startOffset };
  };

  truncateTo(offset: number): void {
    assert(offset >= this.logStartOffset, `truncation to ${offset} below the log start`);
    if (offset < this.logEndOffset) this.epochOf.length = offset - this.logStartOffset;
    this.epochStarts = this.epochStarts.filter((entry) => entry.startOffset < offset);
  }

  truncateFullyAndStartAt(offset: number): void {
    this.logStartOffset = offset;
    this.epochOf = [];
    this.epochStarts = [];
  }
}

/**
 * Records on the fake wire: the base offset (int64, where the follower checks it) and then
 * one int32 epoch per record.
 */
export function encodeFakeRecords(baseOffset: number, epochs: readonly number[]): Buffer {
  if (epochs.length === 0) return Buffer.alloc(0);
  const buffer = Buffer.alloc(8 + 4 * epochs.length);
  buffer.writeBigInt64BE(BigInt(baseOffset), 0);
  epochs.forEach((epoch, index) => buffer.writeInt32BE(epoch, 8 + 4 * index));
  return buffer;
}

export function decodeFakeRecords(records: Buffer): number[] {
  const epochs: number[] = [];
  for (let position = 8; position < records.length; position += 4) epochs.push(records.readInt32BE(position));
  return epochs;
}

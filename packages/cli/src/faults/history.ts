/**
 * What the fault workload saw, and the check made of it at the end: every value a producer
 * sent, whether and where it was acknowledged, and what the partitions hold after the
 * faults. Pure: the run feeds it events and the final contents, and reads back anomalies.
 *
 * Values are unique (`<producer>-<sequence>`), so a value found twice is a duplicate and a
 * value found somewhere other than its acknowledged (partition, offset) has moved.
 */

export interface StoredRecord {
  readonly partition: number;
  readonly offset: number;
  readonly value: string;
}

export interface HistoryCheck {
  readonly sent: number;
  readonly acknowledged: number;
  /** Sends that failed to the caller; such a value may be stored once, or not at all. */
  readonly failed: number;
  /** Acknowledged values found nowhere. */
  readonly lost: number;
  /** Acknowledged values found, but not at their acknowledged partition and offset. */
  readonly moved: number;
  /** Values stored more than once (counted once per extra copy). */
  readonly duplicated: number;
  /** Pairs of one producer's values in one partition stored in the other order than sent. */
  readonly reordered: number;
  /** Stored values that nobody sent. */
  readonly unknown: number;
  /** The longest time with no acknowledgement, from the first send to the last ack. */
  readonly longestGapMs: number;
  /** A few examples of each kind of anomaly, for the report. */
  readonly examples: readonly string[];
}

const EXAMPLES_PER_KIND = 5;

interface SentValue {
  readonly producer: number;
  readonly sequence: number;
  ack?: { readonly partition: number; readonly offset: number; readonly atMs: number };
  failed?: string;
}

export class History {
  private readonly values = new Map<string, SentValue>();
  private readonly ackTimesMs: number[] = [];
  private firstSendMs: number | undefined;

  static valueOf(producer: number, sequence: number): string {
    return `p${producer}-${sequence}`;
  }

  sent(producer: number, sequence: number, atMs: number): string {
    const value = History.valueOf(producer, sequence);
    if (this.values.has(value)) throw new Error(`value ${value} sent twice by the workload`);
    this.values.set(value, { producer, sequence });
    this.firstSendMs ??= atMs;
    return value;
  }

  acknowledged(value: string, partition: number, offset: number, atMs: number): void {
    const entry = this.entry(value);
    if (entry.ack !== undefined) throw new Error(`value ${value} acknowledged twice`);
    entry.ack = { partition, offset, atMs };
    this.ackTimesMs.push(atMs);
  }

  failed(value: string, reason: string): void {
    this.entry(value).failed = reason;
  }

  get acknowledgedCount(): number {
    return this.ackTimesMs.length;
  }

  /** Checks the partitions' final contents against everything sent and acknowledged. */
  check(stored: Iterable<StoredRecord>): HistoryCheck {
    const examples: string[] = [];
    const perKind = new Map<string, number>();
    // A few of each kind: the first word of the text names the anomaly.
    const example = (text: string) => {
      const kind = text.split(' ')[0]!;
      const count = perKind.get(kind) ?? 0;
      perKind.set(kind, count + 1);
      if (count < EXAMPLES_PER_KIND) examples.push(text);
    };
    const copies = new Map<string, StoredRecord[]>();
    const atPosition = new Map<string, string>();
    const partitionEnds = new Map<number, number>();
    let unknown = 0;
    for (const record of stored) {
      atPosition.set(`${record.partition}/${record.offset}`, record.value);
      partitionEnds.set(record.partition, Math.max(partitionEnds.get(record.partition) ?? 0, record.offset + 1));
      if (!this.values.has(record.value)) {
        unknown += 1;
        example(`unknown value ${JSON.stringify(record.value)} at ${record.partition}/${record.offset}`);
        continue;
      }
      const found = copies.get(record.value);
      if (found === undefined) copies.set(record.value, [record]);
      else found.push(record);
    }

    let lost = 0;
    let moved = 0;
    let duplicated = 0;
    let failed = 0;
    for (const [value, entry] of this.values) {
      const found = copies.get(value) ?? [];
      if (entry.failed !== undefined) failed += 1;
      if (found.length > 1) {
        duplicated += found.length - 1;
        example(`duplicate ${value} at ${found.map((record) => `${record.partition}/${record.offset}`).join(', ')}`);
      }
      if (entry.ack === undefined) continue;
      if (found.length === 0) {
        lost += 1;
        const now = atPosition.get(`${entry.ack.partition}/${entry.ack.offset}`);
        const where = now !== undefined ? `which now holds ${now}` : `beyond the partition's end ${partitionEnds.get(entry.ack.partition) ?? 0}`;
        example(`lost ${value}, acknowledged at ${entry.ack.partition}/${entry.ack.offset}, ${where}`);
      } else if (!found.some((record) => record.partition === entry.ack!.partition && record.offset === entry.ack!.offset)) {
        moved += 1;
        example(`moved ${value}: acknowledged at ${entry.ack.partition}/${entry.ack.offset}, found at ${found.map((record) => `${record.partition}/${record.offset}`).join(', ')}`);
      }
    }

    const reordered = this.countReordered(copies, example);
    return {
      sent: this.values.size,
      acknowledged: this.ackTimesMs.length,
      failed,
      lost,
      moved,
      duplicated,
      reordered,
      unknown,
      longestGapMs: this.longestGapMs(),
      examples,
    };
  }

  /** Within a partition, one producer's values must sit in the order it sent them. */
  private countReordered(copies: ReadonlyMap<string, StoredRecord[]>, example: (text: string) => void): number {
    const byProducerPartition = new Map<string, { sequence: number; offset: number; value: string }[]>();
    for (const [value, found] of copies) {
      const entry = this.values.get(value)!;
      for (const record of found) {
        const key = `${entry.producer}/${record.partition}`;
        const list = byProducerPartition.get(key) ?? [];
        list.push({ sequence: entry.sequence, offset: record.offset, value });
        byProducerPartition.set(key, list);
      }
    }
    let reordered = 0;
    for (const list of byProducerPartition.values()) {
      list.sort((a, b) => a.offset - b.offset);
      for (let index = 1; index < list.length; index++) {
        if (list[index]!.sequence < list[index - 1]!.sequence) {
          reordered += 1;
          example(`reordered ${list[index - 1]!.value} at offset ${list[index - 1]!.offset} before ${list[index]!.value} at ${list[index]!.offset}`);
        }
      }
    }
    return reordered;
  }

  private longestGapMs(): number {
    if (this.firstSendMs === undefined || this.ackTimesMs.length === 0) return 0;
    const times = [...this.ackTimesMs].sort((a, b) => a - b);
    let longest = times[0]! - this.firstSendMs;
    for (let index = 1; index < times.length; index++) longest = Math.max(longest, times[index]! - times[index - 1]!);
    return longest;
  }

  private entry(value: string): SentValue {
    const entry = this.values.get(value);
    if (entry === undefined) throw new Error(`value ${value} was never sent`);
    return entry;
  }
}

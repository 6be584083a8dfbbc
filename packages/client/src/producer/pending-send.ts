import type { RecordMetadata } from './producer-record';

/**
 * The records of one send that went into one batch, consecutive in the batch. Their send
 * indexes are consecutive too unless a partitioner spread the send over partitions.
 */
export class SendSegment {
  count = 1;
  /** Every send index, once they stop being consecutive. */
  private sendIndexes: number[] | undefined;
  /** Offset of the segment's first record once acknowledged; -1n: unknown (acks=0). */
  baseOffset = -1n;

  constructor(
    readonly send: PendingSend,
    readonly topic: string,
    readonly partition: number,
    readonly firstSendIndex: number,
    /** Index of the segment's first record in its batch. */
    readonly batchIndex: number,
  ) {}

  add(sendIndex: number): void {
    if (this.sendIndexes === undefined) {
      if (sendIndex === this.firstSendIndex + this.count) {
        this.count += 1;
        return;
      }
      this.sendIndexes = Array.from({ length: this.count }, (_, index) => this.firstSendIndex + index);
    }
    this.sendIndexes.push(sendIndex);
    this.count += 1;
  }

  sendIndexAt(index: number): number {
    return this.sendIndexes === undefined ? this.firstSendIndex + index : (this.sendIndexes[index] as number);
  }
}

/**
 * One `send` call: its records may spread over several partitions and batches. It settles
 * once: resolved when every record is acknowledged, rejected at the first failure (records
 * of the same call in other batches may still be written: a send is not atomic). Batches
 * report whole segments; the per-record results, with their bigint offsets, are made once,
 * when the last segment is acknowledged.
 */
export class PendingSend {
  private readonly acknowledged: SendSegment[] = [];
  private remaining: number;
  private settled = false;
  readonly promise: Promise<RecordMetadata[]>;
  private resolvePromise!: (results: RecordMetadata[]) => void;
  private rejectPromise!: (error: unknown) => void;

  constructor(
    private readonly recordCount: number,
    /** When `send` was called: the timestamp of its records that have none of their own. */
    readonly timestampMs = Date.now(),
  ) {
    this.remaining = recordCount;
    this.promise = new Promise<RecordMetadata[]>((resolve, reject) => {
      this.resolvePromise = resolve;
      this.rejectPromise = reject;
    });
  }

  get isSettled(): boolean {
    return this.settled;
  }

  /** The segment's records are acknowledged, the first at `baseOffset` (-1n: unknown). */
  complete(segment: SendSegment, baseOffset: bigint): void {
    if (this.settled) return;
    segment.baseOffset = baseOffset;
    this.acknowledged.push(segment);
    this.remaining -= segment.count;
    if (this.remaining === 0) this.resolveWith(this.results());
  }

  resolveWith(results: RecordMetadata[]): void {
    if (this.settled) return;
    this.settled = true;
    this.resolvePromise(results);
  }

  fail(error: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.rejectPromise(error);
  }

  private results(): RecordMetadata[] {
    const results = new Array<RecordMetadata>(this.recordCount);
    for (const segment of this.acknowledged) {
      const { topic, partition, baseOffset } = segment;
      let offset = baseOffset;
      for (let index = 0; index < segment.count; index++) {
        results[segment.sendIndexAt(index)] = { topic, partition, offset };
        if (baseOffset >= 0n) offset += 1n;
      }
    }
    return results;
  }
}

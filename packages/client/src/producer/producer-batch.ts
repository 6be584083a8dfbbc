import type { RecordInput } from '@samsa/protocol';
import type { RecordMetadata } from './producer-record';

/**
 * One `send` call: its records may spread over several partitions and batches. It settles
 * once: resolved when every record is acknowledged, rejected at the first failure (records
 * of the same call in other batches may still be written: a send is not atomic).
 */
export class PendingSend {
  private readonly results: RecordMetadata[];
  private remaining: number;
  private settled = false;
  readonly promise: Promise<RecordMetadata[]>;
  private resolvePromise!: (results: RecordMetadata[]) => void;
  private rejectPromise!: (error: unknown) => void;

  constructor(recordCount: number) {
    this.results = new Array<RecordMetadata>(recordCount);
    this.remaining = recordCount;
    this.promise = new Promise<RecordMetadata[]>((resolve, reject) => {
      this.resolvePromise = resolve;
      this.rejectPromise = reject;
    });
  }

  get isSettled(): boolean {
    return this.settled;
  }

  complete(index: number, metadata: RecordMetadata): void {
    if (this.settled) return;
    this.results[index] = metadata;
    this.remaining -= 1;
    if (this.remaining === 0) this.resolveWith(this.results);
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
}

/** Records `count` consecutive records of one send, starting at `sendIndex`, at `batchIndex`. */
interface BatchSegment {
  readonly send: PendingSend;
  readonly sendIndex: number;
  readonly batchIndex: number;
  count: number;
}

/**
 * The records for one partition that travel as one RecordBatch. Open while it accepts
 * records; closed when full or drained. Once drained it owns its producer id, epoch and
 * base sequence, and its encoded bytes are kept so that a retry resends exactly the same
 * batch (the broker recognises a duplicate by producer id and sequence).
 */
export class ProducerBatch {
  readonly records: RecordInput[] = [];
  private readonly segments: BatchSegment[] = [];
  sizeBytes: number;
  /** Bytes of records only: what the batch holds of the producer's buffer. */
  recordBytes = 0;
  closed = false;
  /** Attempts made so far; a batch with attempts > 0 is a retry. */
  attempts = 0;
  retryAtMs = 0;
  /** Order of first drain within the partition, used to keep retries in order. */
  drainOrder = -1;
  baseSequence = -1;
  producerId = -1n;
  producerEpoch = -1;
  /** Whether a batch with a lower sequence was still unacknowledged when this one was sent. */
  pipelined = false;
  encoded: Buffer | undefined;
  lastError: unknown;
  private done = false;
  readonly settled: Promise<void>;
  private markSettled!: () => void;

  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly createdMs: number,
    /** Bytes reserved from the buffer pool, released when the batch settles. */
    headerBytes: number,
  ) {
    this.sizeBytes = headerBytes;
    this.settled = new Promise<void>((resolve) => {
      this.markSettled = resolve;
    });
  }

  get recordCount(): number {
    return this.records.length;
  }

  get isDone(): boolean {
    return this.done;
  }

  append(record: RecordInput, sizeBytes: number, send: PendingSend, sendIndex: number): void {
    const batchIndex = this.records.length;
    this.records.push(record);
    this.sizeBytes += sizeBytes;
    this.recordBytes += sizeBytes;
    const last = this.segments[this.segments.length - 1];
    if (last !== undefined && last.send === send && last.sendIndex + last.count === sendIndex && last.batchIndex + last.count === batchIndex) last.count += 1;
    else this.segments.push({ send, sendIndex, batchIndex, count: 1 });
  }

  /** Resolves every record with its offset (`baseOffset` -1n: unknown, as with acks=0). */
  complete(baseOffset: bigint): void {
    if (this.done) return;
    this.done = true;
    for (const segment of this.segments) {
      if (segment.send.isSettled) continue;
      for (let index = 0; index < segment.count; index++) {
        const offset = baseOffset < 0n ? -1n : baseOffset + BigInt(segment.batchIndex + index);
        segment.send.complete(segment.sendIndex + index, { topic: this.topic, partition: this.partition, offset });
      }
    }
    this.markSettled();
  }

  fail(error: unknown): void {
    if (this.done) return;
    this.done = true;
    for (const segment of this.segments) segment.send.fail(error);
    this.markSettled();
  }

  /** Forgets the producer identity and bytes so the batch is sequenced again (new producer id). */
  resetIdentity(): void {
    this.baseSequence = -1;
    this.producerId = -1n;
    this.producerEpoch = -1;
    this.encoded = undefined;
    this.pipelined = false;
  }
}

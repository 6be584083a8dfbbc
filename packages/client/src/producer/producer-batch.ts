import { RecordBatchBuilder, type CompressionCodec, type RecordHeader } from '@samsa/protocol';
import { PendingSend, SendSegment } from './pending-send';

export { PendingSend } from './pending-send';

/** What a batch copies from a record; it keeps none of these references. */
export interface BatchRecord {
  /** Undefined: null. */
  readonly key?: Buffer | null | undefined;
  readonly value: Buffer | null;
  readonly headers?: readonly RecordHeader[] | undefined;
  /** Milliseconds since the epoch; undefined: when the record's `send` was called. */
  readonly timestamp?: number | bigint | undefined;
}

/**
 * The records for one partition that travel as one RecordBatch, written into its bytes as
 * they are appended. Open while it accepts records; closed when full or drained. Once
 * drained it owns its producer id, epoch and base sequence for good, and its encoded bytes
 * are kept so that a retry resends exactly the same batch (the broker recognises a duplicate
 * by producer id and sequence). A batch is never given another identity: once sent, it may
 * be in the log, and under another id it would be written again.
 */
export class ProducerBatch {
  private readonly builder: RecordBatchBuilder;
  /** Which records came from which send, in batch order. */
  private readonly segments: SendSegment[] = [];
  /** Estimated bytes (header and records' upper bounds): what `batchBytes` is compared with. */
  sizeBytes: number;
  /** Estimated bytes of records only: what the batch holds of the producer's buffer. */
  recordBytes = 0;
  closed = false;
  /** Attempts made so far; a batch with attempts > 0 is a retry. */
  attempts = 0;
  retryAtMs = 0;
  /**
   * The broker a retry waits to get away from (its last attempt failed with an error that
   * means leadership moved), or -1. Once the metadata names another leader, the retry goes
   * at once instead of sitting out its backoff (Kafka's KIP-951).
   */
  movedFromLeader = -1;
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
  private memoryReleased = false;
  readonly settled: Promise<void>;
  private markSettled!: () => void;

  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly createdMs: number,
    /** Estimated bytes of the header: where `sizeBytes` starts. */
    headerBytes: number,
    /** Memory to write the batch into, or how many bytes to allocate (see BatchMemory). */
    memory?: Buffer | number,
  ) {
    this.sizeBytes = headerBytes;
    this.builder = new RecordBatchBuilder(memory);
    this.settled = new Promise<void>((resolve) => {
      this.markSettled = resolve;
    });
  }

  get recordCount(): number {
    return this.builder.recordCount;
  }

  /** Bytes written so far, header included, before compression. */
  get writtenBytes(): number {
    return this.builder.sizeBytes;
  }

  get isDone(): boolean {
    return this.done;
  }

  /** Whether the record can share the batch: its timestamp needs an int64 delta from the first's. */
  accepts(record: BatchRecord, send: PendingSend): boolean {
    return this.builder.acceptsTimestamp(record.timestamp ?? send.timestampMs);
  }

  /** Writes the record's bytes into the batch; `sizeBytes` is its estimate, as reserved. */
  append(record: BatchRecord, sizeBytes: number, send: PendingSend, sendIndex: number): void {
    const batchIndex = this.builder.recordCount;
    this.builder.append(record.key ?? null, record.value, record.headers, record.timestamp ?? send.timestampMs);
    this.sizeBytes += sizeBytes;
    this.recordBytes += sizeBytes;
    // A send appends all its records before the next send starts, so its records in this
    // batch are consecutive: the last segment is either this send's or another's.
    const last = this.segments[this.segments.length - 1];
    if (last !== undefined && last.send === send) last.add(sendIndex);
    else this.segments.push(new SendSegment(send, this.topic, this.partition, sendIndex, batchIndex));
  }

  /** The batch's bytes with its current identity, built once and kept for retries. */
  async encode(compression: CompressionCodec): Promise<Buffer> {
    if (this.encoded !== undefined) return this.encoded;
    const identity = this.baseSequence >= 0 ? { producerId: this.producerId, producerEpoch: this.producerEpoch, baseSequence: this.baseSequence } : {};
    this.encoded = await this.builder.build({ compression, ...identity });
    return this.encoded;
  }

  /** Resolves every record with its offset (`baseOffset` -1n: unknown, as with acks=0). */
  complete(baseOffset: bigint): void {
    if (this.done) return;
    this.done = true;
    for (const segment of this.segments) {
      if (!segment.send.isSettled) segment.send.complete(segment, baseOffset < 0n ? -1n : baseOffset + BigInt(segment.batchIndex));
    }
    this.markSettled();
  }

  fail(error: unknown): void {
    if (this.done) return;
    this.done = true;
    for (const segment of this.segments) segment.send.fail(error);
    this.markSettled();
  }

  /**
   * Hands over the batch's memory for a new batch to reuse, once the batch is acknowledged
   * or failed for good; undefined after the first call. Its bytes, `encoded` included, are gone.
   */
  releaseMemory(): Buffer | undefined {
    if (this.memoryReleased) return undefined;
    this.memoryReleased = true;
    this.encoded = undefined;
    return this.builder.release();
  }
}

import { assert } from '@samsa/protocol';

/** Room for a new batch that has no earlier batch of its partition to go by. */
const FIRST_BATCH_BYTES = 1024;

/**
 * Where new batches get their memory. A busy partition's batch (its last one held at least
 * half of `batchBytes`) writes into a `batchBytes` buffer recycled from a settled batch, as
 * Kafka's producer recycles its batch buffers: allocating one per batch meant fresh pages to
 * fault in and enough external memory to make V8 run full collections every few hundred
 * batches. Any other batch starts with as much room as its partition's last batch used, so
 * idle partitions never hold large buffers. At most `maxFree` buffers wait for reuse.
 */
export class BatchMemory {
  private readonly free: Buffer[] = [];

  constructor(
    readonly batchBytes: number,
    private readonly maxFree: number,
  ) {
    assert(Number.isInteger(batchBytes) && batchBytes > 0, `batchBytes ${batchBytes} must be a positive integer`);
  }

  get freeCount(): number {
    return this.free.length;
  }

  /** A buffer to write the batch into, or how many bytes to allocate for it. */
  forBatch(lastBatchBytes: number): Buffer | number {
    if (lastBatchBytes >= this.batchBytes / 2) return this.free.pop() ?? Buffer.allocUnsafe(this.batchBytes);
    return lastBatchBytes > 0 ? lastBatchBytes : FIRST_BATCH_BYTES;
  }

  /** Takes back a settled batch's memory; nothing may read or write it afterwards. */
  recycle(memory: Buffer): void {
    if (memory.length !== this.batchBytes || this.free.length >= this.maxFree) return;
    assert(!this.free.includes(memory), 'batch memory recycled twice');
    this.free.push(memory);
  }
}

import { DeliveryTimeoutError } from '../errors/client-errors';

interface Waiter {
  readonly bytes: number;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
  timer: NodeJS.Timeout | undefined;
}

/**
 * Counts the bytes of records the producer holds (queued or in flight) against
 * `bufferBytes`. A reservation that does not fit waits, first come first served, until
 * enough is released or its timeout passes (`DeliveryTimeoutError`). This is the
 * producer's backpressure: `send` slows down to the rate the cluster acknowledges.
 */
export class BufferPool {
  private usedBytes = 0;
  private readonly waiters: Waiter[] = [];

  constructor(readonly totalBytes: number) {}

  get inUseBytes(): number {
    return this.usedBytes;
  }

  get hasWaiters(): boolean {
    return this.waiters.length > 0;
  }

  /** Reserves at once when it fits and nobody waits ahead; returns whether it did. */
  tryReserve(bytes: number): boolean {
    if (this.waiters.length > 0 || this.usedBytes + bytes > this.totalBytes) return false;
    this.usedBytes += bytes;
    return true;
  }

  reserve(bytes: number, timeoutMs: number): Promise<void> {
    if (bytes > this.totalBytes) return Promise.reject(new RangeError(`a record of ${bytes} bytes can never fit in bufferBytes ${this.totalBytes}`));
    if (this.tryReserve(bytes)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { bytes, resolve, reject, timer: undefined };
      waiter.timer = setTimeout(() => {
        this.removeWaiter(waiter);
        reject(new DeliveryTimeoutError(`waited ${timeoutMs} ms for ${bytes} bytes of producer buffer (bufferBytes ${this.totalBytes} in use)`));
        this.wakeWaiters();
      }, Math.max(0, timeoutMs));
      this.waiters.push(waiter);
    });
  }

  release(bytes: number): void {
    this.usedBytes -= bytes;
    if (this.usedBytes < 0) throw new Error(`buffer pool released more than reserved (${this.usedBytes})`);
    this.wakeWaiters();
  }

  failWaiters(error: unknown): void {
    for (const waiter of this.waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
    }
  }

  private wakeWaiters(): void {
    while (this.waiters.length > 0) {
      const head = this.waiters[0] as Waiter;
      if (this.usedBytes + head.bytes > this.totalBytes) return;
      this.waiters.shift();
      clearTimeout(head.timer);
      this.usedBytes += head.bytes;
      head.resolve();
    }
  }

  private removeWaiter(waiter: Waiter): void {
    const index = this.waiters.indexOf(waiter);
    if (index >= 0) this.waiters.splice(index, 1);
  }
}

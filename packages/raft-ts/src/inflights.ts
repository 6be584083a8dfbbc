import { assert } from './assert';

/**
 * Appends sent to one follower in replicate state but not yet acknowledged, oldest first,
 * each recorded by its last index. The capacity bounds how far the leader pipelines.
 */
export class Inflights {
  private lastIndexes: number[] = [];

  constructor(private readonly capacity: number) {
    assert(capacity > 0, 'inflight capacity must be positive');
  }

  add(lastIndex: number): void {
    assert(!this.isFull(), 'cannot add to full inflights');
    const previous = this.lastIndexes[this.lastIndexes.length - 1];
    assert(previous === undefined || lastIndex > previous, `inflight ${lastIndex} not increasing`);
    this.lastIndexes.push(lastIndex);
  }

  /** Forgets every append acknowledged by a response matching up to `index`. */
  freeTo(index: number): void {
    let count = 0;
    while (count < this.lastIndexes.length && (this.lastIndexes[count] ?? Infinity) <= index) count += 1;
    if (count > 0) this.lastIndexes.splice(0, count);
  }

  freeFirst(): void {
    this.lastIndexes.shift();
  }

  isFull(): boolean {
    return this.lastIndexes.length >= this.capacity;
  }

  count(): number {
    return this.lastIndexes.length;
  }

  reset(): void {
    this.lastIndexes = [];
  }
}

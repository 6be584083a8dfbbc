import { assert } from '@samsa/common';

/** An operation's id and its registration serial: ids may be reused, serials never are. */
export interface Registration {
  readonly id: number;
  readonly serial: number;
}

interface Deadline extends Registration {
  readonly deadlineMs: number;
}

/**
 * A binary min-heap of deadlines for the delayed registries. Operations that complete
 * before their deadline are not searched for and removed: their entries stay until they
 * reach the top and are dropped there (`isLive` says which registrations still wait). To keep
 * that garbage bounded, the heap is rebuilt from the live entries when it holds more than
 * twice as many entries as live operations.
 */
export class DeadlineQueue {
  private heap: Deadline[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(registration: Registration, deadlineMs: number): void {
    assert(Number.isFinite(deadlineMs), `deadline ${deadlineMs} is not a number of ms`);
    this.heap.push({ id: registration.id, serial: registration.serial, deadlineMs });
    this.siftUp(this.heap.length - 1);
  }

  /** Live registrations whose deadline is at or before `nowMs`, earliest first. */
  popExpired(nowMs: number, isLive: (registration: Registration) => boolean): Registration[] {
    const expired: Registration[] = [];
    while (this.heap.length > 0 && this.heap[0]!.deadlineMs <= nowMs) {
      const top = this.popTop();
      if (isLive(top)) expired.push(top);
    }
    return expired;
  }

  /** Drops dead entries when they outnumber the live ones. */
  compact(liveCount: number, isLive: (registration: Registration) => boolean): void {
    if (this.heap.length <= 2 * liveCount + 16) return;
    const live = this.heap.filter((entry) => isLive(entry));
    this.heap = [];
    for (const entry of live) this.push(entry, entry.deadlineMs);
  }

  private popTop(): Deadline {
    const top = this.heap[0]!;
    const last = this.heap.pop()!;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  private siftUp(start: number): void {
    let index = start;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (this.heap[parent]!.deadlineMs <= this.heap[index]!.deadlineMs) return;
      this.swap(parent, index);
      index = parent;
    }
  }

  private siftDown(start: number): void {
    let index = start;
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let smallest = index;
      if (left < this.heap.length && this.heap[left]!.deadlineMs < this.heap[smallest]!.deadlineMs) smallest = left;
      if (right < this.heap.length && this.heap[right]!.deadlineMs < this.heap[smallest]!.deadlineMs) smallest = right;
      if (smallest === index) return;
      this.swap(smallest, index);
      index = smallest;
    }
  }

  private swap(a: number, b: number): void {
    const held = this.heap[a]!;
    this.heap[a] = this.heap[b]!;
    this.heap[b] = held;
  }
}

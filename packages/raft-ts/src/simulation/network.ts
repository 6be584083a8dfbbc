import type { Message } from '../message';
import type { Xoshiro128 } from '../prng';
import type { NodeId } from '../types';

export interface NetworkFaults {
  dropProbability: number;
  duplicateProbability: number;
  /** Each message takes 1..maxDelayTicks ticks; differing delays reorder messages. */
  maxDelayTicks: number;
}

interface InFlight {
  readonly deliverAt: number;
  readonly message: Message;
}

/** Bounds the in-flight queue the way a real transport bounds its buffers. */
const IN_FLIGHT_MAX = 20_000;

/**
 * An in-memory network driven by the run's PRNG. Links are blocked per direction, so a
 * symmetric partition blocks both directions and an asymmetric one only one. A link is
 * checked both when a message is sent and when it would be delivered.
 */
export class SimNetwork {
  private inFlight: InFlight[] = [];
  private readonly blocked = new Set<string>();

  constructor(
    private readonly random: Xoshiro128,
    public faults: NetworkFaults,
  ) {}

  send(message: Message, now: number): void {
    if (this.isBlocked(message.from, message.to) || this.random.chance(this.faults.dropProbability)) return;
    this.enqueue(message, now);
    if (this.random.chance(this.faults.duplicateProbability)) this.enqueue(message, now);
  }

  /** Removes and returns the messages due by `now`, in a shuffled order. */
  takeDue(now: number): Message[] {
    const due: Message[] = [];
    const remaining: InFlight[] = [];
    for (const item of this.inFlight) {
      if (item.deliverAt > now) remaining.push(item);
      else if (!this.isBlocked(item.message.from, item.message.to)) due.push(item.message);
    }
    this.inFlight = remaining;
    for (let i = due.length - 1; i > 0; i -= 1) {
      const j = this.random.nextBelow(i + 1);
      const swap = due[i] as Message;
      due[i] = due[j] as Message;
      due[j] = swap;
    }
    return due;
  }

  block(from: NodeId, to: NodeId): void {
    this.blocked.add(`${from}>${to}`);
  }

  /** Splits nodes into two sides that cannot hear each other. */
  partition(sideA: readonly NodeId[], sideB: readonly NodeId[]): void {
    for (const a of sideA) {
      for (const b of sideB) {
        this.block(a, b);
        this.block(b, a);
      }
    }
  }

  healLinks(): void {
    this.blocked.clear();
  }

  blockedLinkCount(): number {
    return this.blocked.size;
  }

  private isBlocked(from: NodeId, to: NodeId): boolean {
    return this.blocked.size > 0 && this.blocked.has(`${from}>${to}`);
  }

  private enqueue(message: Message, now: number): void {
    if (this.inFlight.length >= IN_FLIGHT_MAX) return;
    this.inFlight.push({ deliverAt: now + 1 + this.random.nextBelow(this.faults.maxDelayTicks), message });
  }
}

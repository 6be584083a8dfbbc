import type { ScheduledTask, Scheduler } from './scheduler';

interface Entry {
  dueMs: number;
  /** Scheduling order: tasks due at the same time run in the order they were (re)scheduled. */
  sequence: number;
  /** Set for a repeating task. */
  readonly intervalMs: number | undefined;
  readonly task: () => void;
}

/**
 * A clock for tests (Kafka's `MockTime` with its `MockScheduler`): time stands still until
 * `advance` moves it, and tasks run only then, synchronously, in due-time order (ties in
 * scheduling order), each with the clock set to its due time. Tasks scheduled while advancing
 * that fall due within the step run in the same step. Promise continuations a task starts run
 * after `advance` returns, as microtasks do.
 */
export class ManualClock implements Scheduler {
  private now: number;
  private sequence = 0;
  private readonly entries = new Set<Entry>();

  constructor(startMs = 0) {
    this.now = startMs;
  }

  nowMs(): number {
    return this.now;
  }

  schedule(delayMs: number, task: () => void): ScheduledTask {
    return this.add(this.now + (delayMs > 0 ? delayMs : 0), undefined, task);
  }

  every(intervalMs: number, task: () => void): ScheduledTask {
    // As with setInterval, an interval below 1 ms is 1 ms (and advancing always terminates).
    const interval = intervalMs > 1 ? intervalMs : 1;
    return this.add(this.now + interval, interval, task);
  }

  /** Tasks scheduled and not yet run or cancelled (a repeating task counts once). */
  get pendingCount(): number {
    return this.entries.size;
  }

  /** Moves the clock `ms` forward, running every task that falls due on the way. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`cannot advance a clock by ${ms} ms`);
    const targetMs = this.now + ms;
    for (let next = this.nextDue(targetMs); next !== undefined; next = this.nextDue(targetMs)) {
      this.now = next.dueMs;
      if (next.intervalMs === undefined) this.entries.delete(next);
      else {
        next.dueMs += next.intervalMs;
        next.sequence = this.sequence++;
      }
      next.task();
    }
    this.now = targetMs;
  }

  private add(dueMs: number, intervalMs: number | undefined, task: () => void): ScheduledTask {
    const entry: Entry = { dueMs, sequence: this.sequence++, intervalMs, task };
    this.entries.add(entry);
    return { cancel: () => void this.entries.delete(entry) };
  }

  private nextDue(targetMs: number): Entry | undefined {
    let next: Entry | undefined;
    for (const entry of this.entries) {
      if (entry.dueMs > targetMs) continue;
      if (next === undefined || entry.dueMs < next.dueMs || (entry.dueMs === next.dueMs && entry.sequence < next.sequence)) next = entry;
    }
    return next;
  }
}

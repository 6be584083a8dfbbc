import type { Clock } from './clock';

/** A task waiting on a scheduler. `cancel` is idempotent and safe after the task has run. */
export interface ScheduledTask {
  cancel(): void;
}

export interface ScheduleOptions {
  /** Do not keep the process alive for this task alone (Node's `unref`); no effect on a manual clock. */
  readonly unref?: boolean;
}

/**
 * A clock that also runs tasks later (Kafka's `Time` and `Scheduler` in one): `schedule`
 * runs a task once after `delayMs`, `every` runs it every `intervalMs` until cancelled.
 * Whoever schedules a task owns its handle and cancels it when it stops.
 */
export interface Scheduler extends Clock {
  schedule(delayMs: number, task: () => void, options?: ScheduleOptions): ScheduledTask;
  every(intervalMs: number, task: () => void, options?: ScheduleOptions): ScheduledTask;
}

import { performance } from 'node:perf_hooks';
import type { ScheduleOptions, ScheduledTask, Scheduler } from './scheduler';

/** The real clock: `performance.now()`, and Node's timers. */
export class SystemClock implements Scheduler {
  nowMs(): number {
    return performance.now();
  }

  schedule(delayMs: number, task: () => void, options?: ScheduleOptions): ScheduledTask {
    const timer = setTimeout(task, delayMs);
    if (options?.unref === true) timer.unref();
    return { cancel: () => clearTimeout(timer) };
  }

  every(intervalMs: number, task: () => void, options?: ScheduleOptions): ScheduledTask {
    const timer = setInterval(task, intervalMs);
    if (options?.unref === true) timer.unref();
    return { cancel: () => clearInterval(timer) };
  }
}

/** The clock every broker component uses unless given another. */
export const SYSTEM_CLOCK: Scheduler = new SystemClock();

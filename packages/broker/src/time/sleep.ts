import type { ScheduleOptions, Scheduler } from './scheduler';

/** A pause on a scheduler that its owner can end early, e.g. when it stops. */
export interface Sleep {
  /** Resolves when the delay has passed or `wake` was called, whichever comes first. */
  readonly done: Promise<void>;
  /** Ends the sleep now: the scheduled task is cancelled and `done` resolves. */
  wake(): void;
}

export function sleep(scheduler: Scheduler, delayMs: number, options?: ScheduleOptions): Sleep {
  let resolve!: () => void;
  const done = new Promise<void>((settle) => (resolve = settle));
  const task = scheduler.schedule(delayMs, () => resolve(), options);
  return {
    done,
    wake() {
      task.cancel();
      resolve();
    },
  };
}

import type { Scheduler } from '../time/scheduler';
import { SYSTEM_CLOCK } from '../time/system-clock';

/**
 * Wake-ups for requests parked on partitions (Kafka's purgatory, event-driven): a long-poll
 * fetch or an acks=all produce waits on the partitions it cares about and is woken when one
 * of them changes (an append, a high watermark move, a leadership change), or at its deadline.
 * Nothing polls.
 */
export class PartitionSignals {
  private readonly waiters = new Map<string, Set<() => void>>();

  /** `clock` runs the deadlines; a wait's deadline is cancelled when it is woken. */
  constructor(private readonly clock: Scheduler = SYSTEM_CLOCK) {}

  /** Resolves on the next `notify` of any key, or after `timeoutMs`; true when notified. */
  wait(keys: readonly string[], timeoutMs: number): Promise<boolean> {
    if (timeoutMs <= 0 || keys.length === 0) return Promise.resolve(false);
    return new Promise((resolve) => {
      const wake = (notified: boolean) => {
        deadline.cancel();
        for (const key of keys) this.waiters.get(key)?.delete(onNotify);
        resolve(notified);
      };
      const onNotify = () => wake(true);
      const deadline = this.clock.schedule(timeoutMs, () => wake(false));
      for (const key of keys) {
        let set = this.waiters.get(key);
        if (set === undefined) this.waiters.set(key, (set = new Set()));
        set.add(onNotify);
      }
    });
  }

  notify(key: string): void {
    const set = this.waiters.get(key);
    if (set === undefined) return;
    this.waiters.delete(key);
    for (const wake of set) wake();
  }
}

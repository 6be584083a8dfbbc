import { ManualClock } from './manual-clock';
import { sleep } from './sleep';

describe('ManualClock', () => {
  it('stands still until advanced', () => {
    const clock = new ManualClock(1000);
    expect(clock.nowMs()).toBe(1000);
    clock.advance(25);
    expect(clock.nowMs()).toBe(1025);
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });

  it('runs due tasks in due-time order, ties in scheduling order, each at its due time', () => {
    const clock = new ManualClock();
    const ran: string[] = [];
    const at = (name: string) => () => ran.push(`${name}@${clock.nowMs()}`);
    clock.schedule(30, at('c'));
    clock.schedule(10, at('a'));
    clock.schedule(10, at('b'));
    clock.schedule(31, at('late'));
    clock.advance(30);
    expect(ran).toEqual(['a@10', 'b@10', 'c@30']);
    expect(clock.nowMs()).toBe(30);
    expect(clock.pendingCount).toBe(1);
    clock.advance(1);
    expect(ran).toEqual(['a@10', 'b@10', 'c@30', 'late@31']);
    expect(clock.pendingCount).toBe(0);
  });

  it('runs a task due now on an advance of zero, and never a cancelled one', () => {
    const clock = new ManualClock();
    const ran: string[] = [];
    clock.schedule(0, () => ran.push('now'));
    const cancelled = clock.schedule(0, () => ran.push('cancelled'));
    cancelled.cancel();
    expect(ran).toEqual([]);
    clock.advance(0);
    expect(ran).toEqual(['now']);
    cancelled.cancel(); // idempotent
    expect(clock.pendingCount).toBe(0);
  });

  it('runs tasks scheduled while advancing when they fall due within the step', () => {
    const clock = new ManualClock();
    const ran: number[] = [];
    clock.schedule(10, () => {
      ran.push(clock.nowMs());
      clock.schedule(15, () => ran.push(clock.nowMs()));
      clock.schedule(100, () => ran.push(clock.nowMs()));
    });
    clock.advance(50);
    expect(ran).toEqual([10, 25]);
    expect(clock.pendingCount).toBe(1);
  });

  it('repeats an `every` task until it is cancelled', () => {
    const clock = new ManualClock();
    const ran: number[] = [];
    const task = clock.every(100, () => ran.push(clock.nowMs()));
    clock.advance(350);
    expect(ran).toEqual([100, 200, 300]);
    expect(clock.pendingCount).toBe(1);
    task.cancel();
    clock.advance(1000);
    expect(ran).toEqual([100, 200, 300]);
    expect(clock.pendingCount).toBe(0);
  });

  it('lets a repeating task cancel itself', () => {
    const clock = new ManualClock();
    let runs = 0;
    const task = clock.every(0, () => {
      runs += 1;
      if (runs === 3) task.cancel();
    });
    clock.advance(10);
    expect(runs).toBe(3);
    expect(clock.pendingCount).toBe(0);
  });
});

describe('sleep', () => {
  it('resolves when the clock passes its delay', async () => {
    const clock = new ManualClock();
    let woke = false;
    void sleep(clock, 100).done.then(() => (woke = true));
    clock.advance(99);
    await Promise.resolve();
    expect(woke).toBe(false);
    clock.advance(1);
    await Promise.resolve();
    expect(woke).toBe(true);
    expect(clock.pendingCount).toBe(0);
  });

  it('resolves at once when woken, leaving nothing scheduled', async () => {
    const clock = new ManualClock();
    const pause = sleep(clock, 100);
    expect(clock.pendingCount).toBe(1);
    pause.wake();
    await pause.done;
    expect(clock.pendingCount).toBe(0);
  });
});

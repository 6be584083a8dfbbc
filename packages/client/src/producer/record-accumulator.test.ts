import { PendingSend } from './producer-batch';
import { RecordAccumulator, type Clock } from './record-accumulator';

class ManualClock implements Clock {
  constructor(public nowMs = 1_000) {}
  now(): number {
    return this.nowMs;
  }
}

const record = (size: number) => ({ key: null, value: Buffer.alloc(size), timestamp: 0n });
const leaderIsOne = () => 1;

function setup(options: Partial<{ batchBytes: number; lingerMs: number; maxInFlightPerPartition: number }> = {}) {
  const clock = new ManualClock();
  const accumulator = new RecordAccumulator({ batchBytes: 1000, lingerMs: 10, maxInFlightPerPartition: 5, ...options }, clock);
  const send = new PendingSend(1000);
  let index = 0;
  const append = (partition: number, size = 100, topic = 't') => accumulator.append(topic, partition, record(size), size, send, index++);
  return { clock, accumulator, append };
}

describe('RecordAccumulator', () => {
  it('holds a batch for lingerMs, then makes it ready and says when', () => {
    const { clock, accumulator, append } = setup();
    append(0);
    let ready = accumulator.ready(clock.now(), leaderIsOne, false);
    expect(ready.byLeader.size).toBe(0);
    expect(ready.nextCheckMs).toBe(1_010);
    clock.nowMs = 1_010;
    ready = accumulator.ready(clock.now(), leaderIsOne, false);
    expect(ready.byLeader.get(1)?.map((queue) => queue.partition)).toEqual([0]);
  });

  it('closes a batch at batchBytes and makes it ready at once; the next record opens a new one', () => {
    const { clock, accumulator, append } = setup();
    const first = append(0, 500);
    expect(append(0, 400)).toBe(first);
    expect(first.closed).toBe(false);
    const second = append(0, 200); // 500 + 400 + 200 > 1000: a new batch
    expect(second).not.toBe(first);
    expect(first.closed).toBe(true);
    expect(accumulator.hasOpenBatch('t', 0)).toBe(true);
    expect(accumulator.ready(clock.now(), leaderIsOne, false).byLeader.get(1)?.length).toBe(1);
  });

  it('gives a record larger than batchBytes a batch of its own', () => {
    const { accumulator, append } = setup();
    const batch = append(0, 5000);
    expect(batch.closed).toBe(true);
    expect(accumulator.hasOpenBatch('t', 0)).toBe(false);
  });

  it('sends at once when urgent (flush, full buffer) whatever the linger', () => {
    const { clock, accumulator, append } = setup({ lingerMs: 60_000 });
    append(0);
    expect(accumulator.ready(clock.now(), leaderIsOne, true).byLeader.get(1)?.length).toBe(1);
  });

  it('drains one batch per partition per request, up to maxRequestBytes, rotating fairly', () => {
    const { clock, accumulator, append } = setup({ lingerMs: 0 });
    for (const partition of [0, 1, 2]) append(partition, 400);
    const queues = accumulator.ready(clock.now(), leaderIsOne, false).byLeader.get(1) ?? [];
    const first = accumulator.drain(1, queues, clock.now(), 1000, false);
    expect(first.map((batch) => batch.partition)).toEqual([0, 1]);
    const second = accumulator.drain(1, queues, clock.now(), 1000, false);
    expect(second.map((batch) => batch.partition)).toEqual([2]);
  });

  it('never drains more than maxInFlightPerPartition batches of one partition', () => {
    const { clock, accumulator, append } = setup({ lingerMs: 0, maxInFlightPerPartition: 2, batchBytes: 100 });
    for (let index = 0; index < 4; index++) append(0, 100);
    const queues = () => accumulator.ready(clock.now(), leaderIsOne, false).byLeader.get(1) ?? [];
    expect(accumulator.drain(1, queues(), clock.now(), 10_000, false)).toHaveLength(1);
    expect(accumulator.drain(1, queues(), clock.now(), 10_000, false)).toHaveLength(1);
    expect(queues()).toHaveLength(0);
    expect(accumulator.queue('t', 0).inFlight).toBe(2);
  });

  it('puts retried batches back in drain order and sends them only when nothing of the partition is in flight', () => {
    const { clock, accumulator, append } = setup({ lingerMs: 0, batchBytes: 100 });
    for (let index = 0; index < 3; index++) append(0, 100);
    const drainAll = () => accumulator.drain(1, accumulator.ready(clock.now(), leaderIsOne, false).byLeader.get(1) ?? [], clock.now(), 10_000, false);
    const [a] = drainAll();
    const [b] = drainAll();
    expect(a?.drainOrder).toBe(0);
    expect(b?.drainOrder).toBe(1);
    // b fails first, then a: the queue must hold a, b, then the untouched third batch.
    for (const failed of [b, a]) {
      if (failed === undefined) throw new Error('missing batch');
      failed.attempts = 1;
      failed.retryAtMs = clock.now() + 50;
      accumulator.queue('t', 0).inFlight -= 1;
      accumulator.reenqueue(failed);
    }
    expect(accumulator.queue('t', 0).batches.map((batch) => batch.drainOrder)).toEqual([0, 1, -1]);
    expect(accumulator.ready(clock.now(), leaderIsOne, false).nextCheckMs).toBe(clock.now() + 50);
    clock.nowMs += 50;
    const retried = drainAll();
    expect(retried.map((batch) => batch.drainOrder)).toEqual([0]);
    expect(drainAll()).toHaveLength(0); // b waits until a is answered
  });

  it('removes the batches sent at least once and keeps those never sent, in order (a producer id reset)', () => {
    const { clock, accumulator, append } = setup({ lingerMs: 0, batchBytes: 100 });
    for (let index = 0; index < 3; index++) append(0, 100);
    append(1, 100);
    const [sent] = accumulator.drain(1, accumulator.ready(clock.now(), leaderIsOne, false).byLeader.get(1) ?? [], clock.now(), 150, false);
    if (sent === undefined) throw new Error('missing batch');
    sent.attempts = 1;
    accumulator.queue(sent.topic, sent.partition).inFlight -= 1;
    accumulator.reenqueue(sent);
    const before = accumulator.queuedBatches();
    expect(accumulator.removeSent()).toEqual([sent]);
    expect(accumulator.queuedBatches()).toEqual(before.filter((batch) => batch !== sent));
    expect(accumulator.removeSent()).toEqual([]);
  });

  it('reports partitions without a leader', () => {
    const { clock, accumulator, append } = setup({ lingerMs: 0 });
    append(0);
    const ready = accumulator.ready(clock.now(), () => -1, false);
    expect(ready.unknownLeader).toBe(true);
    expect(ready.byLeader.size).toBe(0);
  });

  it('expires queued batches after the delivery timeout', () => {
    const { clock, accumulator, append } = setup({ lingerMs: 0 });
    append(0);
    clock.nowMs += 500;
    append(1);
    expect(accumulator.nextExpiryMs(1000)).toBe(2_000);
    clock.nowMs = 2_000;
    expect(accumulator.expire(clock.now(), 1000).map((batch) => batch.partition)).toEqual([0]);
    expect(accumulator.queuedBatches().map((batch) => batch.partition)).toEqual([1]);
  });
});

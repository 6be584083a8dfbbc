import { BrokerError, ProducerInDoubtError } from '../errors/client-errors';
import { Samsa } from '../samsa';
import { FakeCluster, type ProduceContext } from '../test-support/fake-cluster';

/**
 * What a new producer id does to batches already sent (issue 9, finding 8). A batch whose
 * attempt reached the broker may be in the log although its answer was lost; resent under a
 * new producer id, the broker could not tell it from a new batch and would store it twice. So
 * when a batch fails for good and the producer takes a new id, batches that were sent at least
 * once and not acknowledged fail with ProducerInDoubtError (never resent); batches never sent
 * are sequenced under the new id.
 */

let cluster: FakeCluster;
let samsa: Samsa;

beforeEach(async () => {
  cluster = await FakeCluster.start(2);
  samsa = new Samsa({
    bootstrap: cluster.bootstrap,
    clientId: 'test',
    requestTimeoutMs: 2_000,
    retry: { initialRetryTimeMs: 5, maxRetryTimeMs: 40, retries: 20 },
    metadataRefreshMinIntervalMs: 5,
  });
});

afterEach(async () => {
  await samsa.close();
  await cluster.stop();
});

const values = async (topic: string, partition: number) => (await cluster.records(topic, partition)).map((record) => record.value?.toString());
const initProducerIdCalls = () => cluster.calls.filter((call) => call.method === 'InitProducerId').length;

/** Every produce attempt that reached the fake's log check, per partition. */
function recordAttempts(): ProduceContext[] {
  const attempts: ProduceContext[] = [];
  const previous = cluster.hooks.produce;
  cluster.hooks.produce = (context) => {
    attempts.push(context);
    return previous?.(context);
  };
  return attempts;
}

describe('a producer id reset with batches sent and not acknowledged', () => {
  it('fails a batch of another partition whose answer was lost as in doubt, stores it once, and sends never-sent batches under the new id', async () => {
    // Both partitions on broker 1: the lost answer and the refusal come back in one response.
    cluster.createTopic('reset', 2, [1, 1]);
    // maxInFlight 1 and one record per batch (64 bytes: a header and a little): 'queued' waits behind 'lost-answer', unsent.
    const producer = samsa.producer({ lingerMs: 0, batchBytes: 64, maxInFlight: 1 });
    await producer.send('reset', [{ value: 'warm-up', partition: 0 }]);
    const firstId = initProducerIdCalls();
    // The first attempt on each partition: on 0 written with its answer lost, on 1 refused for good.
    const faulted = new Set<number>();
    cluster.hooks.produce = (context) => {
      if (faulted.has(context.partition)) return undefined;
      faulted.add(context.partition);
      return context.partition === 0 ? { kind: 'append-then-error', code: 'REQUEST_TIMED_OUT' } : { kind: 'error', code: 'MESSAGE_TOO_LARGE' };
    };
    const attempts = recordAttempts();
    const lostAnswer = producer.send('reset', [{ value: 'lost-answer', partition: 0 }]);
    const refused = producer.send('reset', [{ value: 'refused', partition: 1 }]);
    const queued = producer.send('reset', [{ value: 'queued', partition: 0 }]);
    const [lost, refusal, later] = await Promise.allSettled([lostAnswer, refused, queued]);

    // Exactly once: the batch was not resent under the new producer id.
    expect(await values('reset', 0)).toEqual(['warm-up', 'lost-answer', 'queued']);
    expect(await values('reset', 1)).toEqual([]);
    expect(lost.status).toBe('rejected');
    const error = (lost as PromiseRejectedResult).reason as ProducerInDoubtError;
    expect(error).toBeInstanceOf(ProducerInDoubtError);
    expect(error).toMatchObject({ code: 'REQUEST_TIMED_OUT', retriable: false });
    expect(error.message).toMatch(/reset-0: 1 record may or may not have been written/);
    expect(error.cause).toMatchObject({ code: 'REQUEST_TIMED_OUT' });
    expect((refusal as PromiseRejectedResult).reason).toBeInstanceOf(BrokerError);
    expect((refusal as PromiseRejectedResult).reason).toMatchObject({ code: 'MESSAGE_TOO_LARGE' });
    expect(later).toEqual({ status: 'fulfilled', value: [{ topic: 'reset', partition: 0, offset: 2n }] });

    // One new id; the never-sent batch was its first on partition 0; the in-doubt batch only
    // ever travelled under the first id.
    expect(initProducerIdCalls()).toBe(firstId + 1);
    const onPartition0 = attempts.filter((attempt) => attempt.partition === 0);
    const [first, ...rest] = onPartition0;
    expect(rest.map((attempt) => [attempt.producerId, attempt.baseSequence])).toEqual([[first!.producerId + 1, 0]]);
    await producer.close();
  });

  it('fails the earlier batches of the failed partition that may have been written, and carries on under the new id', async () => {
    cluster.createTopic('broken', 1, [1]);
    const producer = samsa.producer({ lingerMs: 0, batchBytes: 64, maxInFlight: 2 });
    await producer.send('broken', [{ value: 'warm-up' }]);
    // Sequence 1 is written but its answer lost; sequence 2, sent while 1 is in flight, is
    // refused for good (identified by sequence: the two requests may arrive in either order).
    const faulted = new Set<number>();
    cluster.hooks.produce = (context) => {
      if (faulted.has(context.baseSequence)) return undefined;
      faulted.add(context.baseSequence);
      if (context.baseSequence === 1) return { kind: 'append-then-error', code: 'REQUEST_TIMED_OUT' };
      if (context.baseSequence === 2) return { kind: 'error', code: 'MESSAGE_TOO_LARGE' };
      return undefined;
    };
    const results = await Promise.allSettled([producer.send('broken', [{ value: 'lost-answer' }]), producer.send('broken', [{ value: 'refused' }])]);
    expect(await values('broken', 0)).toEqual(['warm-up', 'lost-answer']);
    expect((results[0] as PromiseRejectedResult).reason).toBeInstanceOf(ProducerInDoubtError);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'MESSAGE_TOO_LARGE' });
    await expect(producer.send('broken', [{ value: 'after' }])).resolves.toEqual([{ topic: 'broken', partition: 0, offset: 2n }]);
    expect(await values('broken', 0)).toEqual(['warm-up', 'lost-answer', 'after']);
    await producer.close();
  });

  it('leaves batches acknowledged in the same answer alone, and restarts the failed partition at sequence 0 under the new id', async () => {
    cluster.createTopic('clean', 2, [1, 1]);
    const producer = samsa.producer({ lingerMs: 0 });
    await producer.send('clean', [{ value: 'warm-up', partition: 0 }]);
    let refusals = 0;
    cluster.hooks.produce = (context) => (context.partition === 1 && ++refusals === 1 ? { kind: 'error', code: 'MESSAGE_TOO_LARGE' } : undefined);
    const results = await Promise.allSettled([producer.send('clean', [{ value: 'refused', partition: 1 }]), producer.send('clean', [{ value: 'fine', partition: 0 }])]);
    expect(results[0]?.status).toBe('rejected');
    expect(results[1]).toEqual({ status: 'fulfilled', value: [{ topic: 'clean', partition: 0, offset: 1n }] });
    await expect(producer.send('clean', [{ value: 'next', partition: 1 }])).resolves.toEqual([{ topic: 'clean', partition: 1, offset: 0n }]);
    expect(initProducerIdCalls()).toBe(2);
    await producer.close();
  });
});

import type { ConsumedRecord, Producer, ProducerRecord, Samsa } from '@samsa/client';
import { LatencyRecorder, type LatencySummary, nowMs } from './stats';

/** The acks a benchmark measures (acks=0 has no acknowledgement to time). */
export type BenchAcks = 'all' | 1;

/** What every run returns; `benchResult` turns it into DESIGN.md's shape. */
export interface Measured {
  readonly records: number;
  readonly bytes: number;
  readonly seconds: number;
  readonly latencyMs: LatencySummary | null;
  /** Records not acknowledged (produce) or not seen (e2e). */
  readonly errors: number;
  readonly firstError?: unknown;
}

/** A counter the caller may poll for a progress line. */
export interface Progress {
  done: number;
  total: number;
}

export interface ProduceWorkload {
  readonly topic: string;
  readonly partitions: number;
  readonly recordSize: number;
  readonly records: number;
  readonly acks: BenchAcks;
  /** Records per second; undefined = as fast as the window allows. */
  readonly rate?: number | undefined;
  /** Stop issuing sends after this long, whatever `records` says. */
  readonly maxSeconds: number;
  readonly progress?: Progress;
}

/** Bytes of records handed to the producer and not yet acknowledged: half its default 32 MiB buffer. */
const WINDOW_BYTES = 16 * 1024 * 1024;
/** Records per `send` call: about 64 KiB, at most 100 records. */
export function recordsPerSend(recordSize: number): number {
  return Math.max(1, Math.min(100, Math.floor((64 * 1024) / Math.max(1, recordSize))));
}

/**
 * Batches of up to 1 MiB, as OpenMessaging Benchmark's Kafka driver sets `batch.size`. Each
 * batch costs a share of a Produce call and two replication messages, and grpc-js spends
 * 150-290 µs of CPU a message: at the client's 128 KiB default the peak was 170k-210k
 * records/s of 100 B with acks=all, at 1 MiB 280k-360k (`samsa bench produce`, 2 cores).
 */
export const BENCH_BATCH_BYTES = 1024 * 1024;

/** The benchmark's producer: 1 MiB batches, otherwise the client's defaults (linger 5 ms), bounded delivery time. */
export function benchProducer(samsa: Samsa, acks: BenchAcks): Producer {
  return samsa.producer({ acks, batchBytes: BENCH_BATCH_BYTES, deliveryTimeoutMs: 60_000 });
}

/**
 * One acknowledged record on every partition before measuring: it fetches the metadata and
 * the producer id, and gives each partition's leader this producer's first sequence before
 * batches are pipelined (see the package README on OUT_OF_ORDER_SEQUENCE_NUMBER).
 */
export async function warmUp(producer: Producer, topic: string, partitions: number, recordSize: number): Promise<void> {
  const value = Buffer.alloc(Math.max(8, recordSize));
  await Promise.all(Array.from({ length: partitions }, (_, partition) => producer.send(topic, [{ value, partition }])));
}

/**
 * Sends `records` records of `recordSize` bytes (or for `maxSeconds`), as fast as a window of
 * unacknowledged bytes allows or paced at `rate`, and measures send→ack latency per record
 * (the time from the `send` call that carried it to its acknowledgement). `valueFor` makes
 * each value (e2e puts a timestamp in it); by default one random buffer is sent every time.
 */
export async function produceRecords(producer: Producer, workload: ProduceWorkload, valueFor?: () => Buffer): Promise<Measured> {
  const perSend = recordsPerSend(workload.recordSize);
  const windowRecords = Math.max(perSend, Math.floor(WINDOW_BYTES / (workload.recordSize + 64)));
  const shared = Buffer.from(Array.from({ length: workload.recordSize }, () => Math.floor(Math.random() * 256)));
  const template: ProducerRecord[] = Array.from({ length: perSend }, () => ({ value: shared }));
  const latency = new LatencyRecorder();
  let issued = 0;
  let acknowledged = 0;
  let errors = 0;
  let firstError: unknown;
  let outstanding = 0;
  let waiters: (() => void)[] = [];
  const wake = () => {
    const ready = waiters;
    waiters = [];
    for (const resolve of ready) resolve();
  };
  const waitForAck = () => new Promise<void>((resolve) => waiters.push(resolve));
  const start = nowMs();
  let lastAck = start;
  const deadline = start + workload.maxSeconds * 1000;
  if (workload.progress !== undefined) workload.progress.total = workload.records;

  const send = (count: number) => {
    const records = valueFor !== undefined ? Array.from({ length: count }, () => ({ value: valueFor() })) : count === perSend ? template : template.slice(0, count);
    const sentAt = nowMs();
    outstanding += count;
    issued += count;
    producer.send(workload.topic, records).then(
      () => {
        const now = nowMs();
        latency.record(now - sentAt, count);
        acknowledged += count;
        lastAck = now;
        if (workload.progress !== undefined) workload.progress.done = acknowledged;
      },
      (error: unknown) => {
        errors += count;
        firstError ??= error;
      },
    ).finally(() => {
      outstanding -= count;
      wake();
    });
  };

  while (issued < workload.records && errors === 0 && nowMs() < deadline) {
    let due = workload.records - issued;
    if (workload.rate !== undefined) {
      due = Math.min(due, Math.floor(((nowMs() - start) / 1000) * workload.rate) + 1 - issued);
      if (due <= 0) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        continue;
      }
    }
    while (due > 0 && errors === 0) {
      const count = Math.min(perSend, due);
      while (outstanding + count > windowRecords) await waitForAck();
      send(count);
      due -= count;
      // Paced runs send what is due now and then sleep; peak runs yield now and then so
      // acknowledgements are handled while the window is not full.
      if (workload.rate === undefined && issued % (perSend * 20) === 0) await new Promise((resolve) => setImmediate(resolve));
      if (workload.rate === undefined) break;
    }
  }
  await producer.flush().catch(() => undefined);
  while (outstanding > 0) await waitForAck();
  return {
    records: acknowledged,
    bytes: acknowledged * workload.recordSize,
    seconds: (lastAck - start) / 1000,
    latencyMs: latency.summary(),
    errors,
    firstError,
  };
}

export interface ConsumeWorkload {
  readonly topic: string;
  readonly partitions: number;
  readonly maxSeconds: number;
  readonly progress?: Progress;
}

/**
 * Reads every partition from its earliest offset to the end it had when the run began, one
 * reader per partition in parallel (4 MiB fetches), and counts records and value bytes.
 */
export async function consumeAll(samsa: Samsa, workload: ConsumeWorkload): Promise<Measured> {
  const partitions = Array.from({ length: workload.partitions }, (_, partition) => partition);
  const ranges = await Promise.all(
    partitions.map(async (partition) => ({
      partition,
      from: await samsa.listOffsets(workload.topic, partition, 'earliest'),
      to: await samsa.listOffsets(workload.topic, partition, 'latest'),
    })),
  );
  if (workload.progress !== undefined) workload.progress.total = ranges.reduce((sum, range) => sum + Number(range.to - range.from), 0);
  let records = 0;
  let bytes = 0;
  const start = nowMs();
  const deadline = start + workload.maxSeconds * 1000;
  await Promise.all(
    ranges.map(async ({ partition, from, to }) => {
      if (to <= from) return;
      const reader = samsa.reader({ topic: workload.topic, partition, offset: from, maxBytes: 4 * 1024 * 1024, maxWaitMs: 100 });
      try {
        while ((reader.position ?? from) < to && nowMs() < deadline) {
          for (const record of await reader.fetch()) {
            if (record.offset >= to) break;
            records += 1;
            bytes += record.value?.length ?? 0;
          }
          if (workload.progress !== undefined) workload.progress.done = records;
        }
      } finally {
        reader.close();
      }
    }),
  );
  return { records, bytes, seconds: (nowMs() - start) / 1000, latencyMs: null, errors: 0 };
}

/**
 * End-to-end latency: readers on every partition from its current end, a producer paced at
 * `rate` whose values start with the send time (a float64 of ms), and for every record a
 * reader sees, now minus that time. Ends when every acknowledged record was seen, or 10 s
 * after the last send.
 */
export async function endToEnd(samsa: Samsa, producer: Producer, workload: ProduceWorkload & { readonly rate: number }): Promise<Measured & { readonly produced: Measured }> {
  if (workload.recordSize < 8) throw new RangeError('e2e needs --record-size of at least 8 bytes (the send time is written into the value)');
  const partitions = Array.from({ length: workload.partitions }, (_, partition) => partition);
  const ends = await Promise.all(partitions.map((partition) => samsa.listOffsets(workload.topic, partition, 'latest')));
  const latency = new LatencyRecorder();
  let seen = 0;
  let bytes = 0;
  let lastSeen = 0;
  let reading = true;
  const readers = partitions.map((partition) => samsa.reader({ topic: workload.topic, partition, offset: ends[partition]!, maxWaitMs: 500 }));
  const loops = readers.map(async (reader) => {
    while (reading) {
      const records: ConsumedRecord[] = await reader.fetch();
      const now = nowMs();
      for (const record of records) {
        if (record.value === null || record.value.length < 8) continue;
        latency.record(now - record.value.readDoubleLE(0));
        seen += 1;
        bytes += record.value.length;
      }
      if (records.length > 0) lastSeen = now;
    }
  });
  const start = nowMs();
  // Values are cut from zeroed slabs of 256: a Buffer.alloc per record was 8% of this
  // process's CPU at 40,000 records/s, time the measurement should not spend.
  let slab = Buffer.alloc(0);
  let used = 0;
  const produced = await produceRecords(producer, workload, () => {
    if (used + workload.recordSize > slab.length) {
      slab = Buffer.alloc(256 * workload.recordSize);
      used = 0;
    }
    const value = slab.subarray(used, (used += workload.recordSize));
    value.writeDoubleLE(nowMs(), 0);
    return value;
  });
  const giveUp = nowMs() + 10_000;
  while (seen < produced.records && nowMs() < giveUp) await new Promise((resolve) => setTimeout(resolve, 10));
  reading = false;
  for (const reader of readers) reader.close();
  await Promise.allSettled(loops);
  return {
    records: seen,
    bytes,
    seconds: ((lastSeen || nowMs()) - start) / 1000,
    latencyMs: latency.summary(),
    errors: produced.errors + Math.max(0, produced.records - seen),
    firstError: produced.firstError,
    produced,
  };
}

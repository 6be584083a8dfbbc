import { type Samsa, isSamsaError } from '@samsa/client';
import { History, type StoredRecord } from './history';

/**
 * The Jepsen-style workload: idempotent acks=all producers writing unique values in rounds
 * of `batch` concurrent sends (the client batches them), each send's outcome recorded; and
 * the final read of every partition from offset 0 to its end.
 */
export interface WorkloadOptions {
  readonly topic: string;
  readonly producers: number;
  readonly batch: number;
  /** One client per producer, as separate applications would have. */
  readonly clients: readonly Samsa[];
  readonly history: History;
  readonly nowMs: () => number;
}

export class ProduceWorkload {
  private stopped = false;
  private readonly loops: Promise<void>[] = [];

  constructor(private readonly options: WorkloadOptions) {}

  start(): void {
    for (let producerId = 1; producerId <= this.options.producers; producerId++) this.loops.push(this.run(producerId));
  }

  /** Stops sending, waits for every send in flight to settle, closes the producers. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.loops);
  }

  private async run(producerId: number): Promise<void> {
    const { history, nowMs, topic } = this.options;
    const client = this.options.clients[(producerId - 1) % this.options.clients.length]!;
    const producer = client.producer({ acks: 'all', idempotent: true, lingerMs: 5 });
    let sequence = 0;
    while (!this.stopped) {
      const round: Promise<void>[] = [];
      for (let index = 0; index < this.options.batch; index++) {
        const value = history.sent(producerId, sequence++, nowMs());
        round.push(
          producer.send(topic, [{ key: null, value: Buffer.from(value) }]).then(
            ([meta]) => history.acknowledged(value, meta!.partition, Number(meta!.offset), nowMs()),
            (error: unknown) => history.failed(value, isSamsaError(error) ? error.code : String(error)),
          ),
        );
      }
      await Promise.all(round);
    }
    await producer.close().catch(() => undefined);
  }
}

const READ_STALL_MS = 60_000;

/** Every record of every partition, from offset 0 to the end the leader reports now. */
export async function readEverything(client: Samsa, topic: string, partitions: number): Promise<StoredRecord[]> {
  const stored: StoredRecord[] = [];
  for (let partition = 0; partition < partitions; partition++) {
    const end = await client.listOffsets(topic, partition, 'latest');
    const reader = client.reader({ topic, partition, offset: 0n, maxWaitMs: 200 });
    let next = 0n;
    let progressAtMs = Date.now();
    try {
      while (next < end) {
        const records = await reader.fetch();
        for (const record of records) {
          stored.push({ partition, offset: Number(record.offset), value: record.value?.toString() ?? '' });
          next = record.offset + 1n;
        }
        if (records.length > 0) progressAtMs = Date.now();
        else if (Date.now() - progressAtMs > READ_STALL_MS) throw new Error(`reading ${topic}-${partition}: stuck at offset ${next} of ${end} for ${READ_STALL_MS / 1000} s`);
      }
    } finally {
      reader.close();
    }
  }
  return stored;
}

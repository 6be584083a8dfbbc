// Where partitions' logs end, for refusing a committed offset beyond the end
// (OFFSET_OUT_OF_RANGE). The coordinator rarely leads the partitions a group reads, so it
// asks their leaders (ListOffsets) and remembers the highest end each one reported: ends
// only grow, so a commit at or below a remembered end needs no call. A commit beyond it asks
// again a few times before it is refused, because a partition's new leader can report a high
// watermark below what consumers already read for a moment after an election.
import * as grpc from '@grpc/grpc-js';
import type { MetadataImage } from '@samsa/metadata';
import { type BrokerWire, SAMSA_CHANNEL_OPTIONS, brokerService } from '@samsa/protocol';
import type { PartitionOffsets } from '../group/group-api';
import type { ReplicaManager } from '../server/replica-manager';
import type { Scheduler } from '../time/scheduler';

export interface LogEndOffsetsOptions {
  readonly brokerId: number;
  readonly replicas: ReplicaManager;
  readonly image: () => MetadataImage;
  readonly clock: Scheduler;
  readonly callTimeoutMs?: number;
}

type BrokerClient = InstanceType<ReturnType<typeof brokerService>>;

const REFRESH_ATTEMPTS = 3;
const REFRESH_BACKOFF_MS = 300;

export class LogEndOffsets {
  private readonly known = new Map<string, PartitionOffsets>();
  private readonly clients = new Map<string, BrokerClient>();

  constructor(private readonly options: LogEndOffsetsOptions) {}

  /**
   * Offsets that cover `wanted` (topic, partition, the offset to be committed) where the
   * leaders could be asked; a partition missing from the answer is not range-checked.
   */
  async lookup(wanted: readonly (readonly [string, number, bigint])[]): Promise<(topic: string, partition: number) => PartitionOffsets | undefined> {
    for (let attempt = 0; attempt < REFRESH_ATTEMPTS; attempt++) {
      const beyond = wanted.filter(([topic, partition, offset]) => {
        const known = this.known.get(`${topic}-${partition}`);
        return known === undefined || offset > known.logEndOffset;
      });
      if (beyond.length === 0) break;
      if (attempt > 0) await new Promise<void>((resolve) => this.options.clock.schedule(REFRESH_BACKOFF_MS, resolve));
      await Promise.all(beyond.map(([topic, partition]) => this.refresh(topic, partition)));
    }
    return (topic, partition) => this.known.get(`${topic}-${partition}`);
  }

  close(): void {
    for (const client of this.clients.values()) client.close();
    this.clients.clear();
  }

  private async refresh(topic: string, partition: number): Promise<void> {
    const local = this.options.replicas.byTopicPartition(topic, partition);
    if (local?.leader !== undefined) {
      this.remember(topic, partition, { logStartOffset: BigInt(local.log.logStartOffset), logEndOffset: BigInt(local.log.highWatermark) });
      return;
    }
    const state = this.options.image().topic(topic)?.partitions[partition];
    const listener = state === undefined || state.leader < 0 ? undefined : this.options.image().broker(state.leader)?.listeners[0];
    if (listener === undefined) return;
    try {
      const [end, start] = await Promise.all([this.listOffset(`${listener.host}:${listener.port}`, topic, partition, -1), this.listOffset(`${listener.host}:${listener.port}`, topic, partition, -2)]);
      if (end !== undefined && start !== undefined) this.remember(topic, partition, { logStartOffset: BigInt(start), logEndOffset: BigInt(end) });
    } catch {
      // The leader did not answer: the commit goes unchecked rather than refused.
    }
  }

  private remember(topic: string, partition: number, offsets: PartitionOffsets): void {
    const key = `${topic}-${partition}`;
    const before = this.known.get(key);
    this.known.set(key, before === undefined || before.logEndOffset < offsets.logEndOffset ? offsets : before);
  }

  private listOffset(address: string, topic: string, partition: number, timestamp: number): Promise<number | undefined> {
    let client = this.clients.get(address);
    if (client === undefined) {
      const Broker = brokerService();
      client = new Broker(address, grpc.credentials.createInsecure(), SAMSA_CHANNEL_OPTIONS);
      this.clients.set(address, client);
    }
    const deadline = new Date(Date.now() + (this.options.callTimeoutMs ?? 5000));
    return new Promise((resolve, reject) => {
      client.listOffsets({ topics: [{ name: topic, partitions: [{ partition, timestamp }] }] }, { deadline }, (error: grpc.ServiceError | null, response?: BrokerWire.ListOffsetsResponse__Output) => {
        if (error) {
          reject(error);
          return;
        }
        const answer = response?.topics[0]?.partitions[0];
        resolve(answer === undefined || answer.errorCode !== 0 || answer.offset < 0 ? undefined : answer.offset);
      });
    });
  }
}

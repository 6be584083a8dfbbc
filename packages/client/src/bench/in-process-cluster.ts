import { type BrokerWire, ErrorCodes, validateBatches } from '@samsa/protocol';
import { BrokerClient } from '../broker/broker-client';
import { Cluster } from '../cluster/cluster';
import { DEFAULT_RETRY } from '../errors/retry';

/**
 * The cheapest cluster that still checks what a producer sends, for CPU benchmarks of the
 * client in one process: no gRPC, no sockets. Each broker answers Produce on the next turn
 * of the event loop (as a network answer would arrive), after validating every batch's
 * header and CRC and checking that idempotent batches arrive in sequence order. Offsets
 * are assigned per partition; records are not kept.
 */

interface PartitionState {
  readonly leader: number;
  nextOffset: number;
  /** Next expected base sequence per producer id. */
  readonly sequences: Map<number, number>;
}

class InProcessBroker extends BrokerClient {
  constructor(
    readonly id: number,
    private readonly owner: InProcessCluster,
  ) {
    // No channel: every call this benchmark makes is overridden below.
    super(`in-process:${id}`, undefined as never, 30_000);
  }

  /** Read as a broker reads it: the sender writes every field, records as Buffers. */
  override produce(request: BrokerWire.ProduceRequest__Output): Promise<BrokerWire.ProduceResponse__Output> {
    const response = { topics: request.topics.map((topic) => ({ name: topic.name, partitions: topic.partitions.map((data) => this.owner.append(this.id, topic.name, data.partition, data.records)) })) };
    return new Promise((resolve) => setImmediate(() => resolve(response)));
  }

  override async initProducerId(): Promise<BrokerWire.InitProducerIdResponse__Output> {
    return { errorCode: 0, errorMessage: '', producerId: this.owner.nextProducerId++, producerEpoch: 0 };
  }
}

export class InProcessCluster extends Cluster {
  nextProducerId = 1000;
  private readonly brokers = new Map<number, InProcessBroker>();
  private readonly partitions = new Map<string, PartitionState[]>();

  /** `topics`: name → partition count; leaders are spread over `brokerCount` brokers. */
  constructor(brokerCount: number, topics: Readonly<Record<string, number>>) {
    super({ bootstrap: ['in-process:1'], requestTimeoutMs: 30_000, retry: DEFAULT_RETRY, metadataRefreshMinIntervalMs: 0, metadataMaxAgeMs: 3_600_000 });
    for (let id = 1; id <= brokerCount; id++) this.brokers.set(id, new InProcessBroker(id, this));
    for (const [name, count] of Object.entries(topics)) {
      this.partitions.set(name, Array.from({ length: count }, (_, partition) => ({ leader: 1 + (partition % brokerCount), nextOffset: 0, sequences: new Map() })));
    }
    this.metadata.apply(this.metadataResponse(), Date.now());
  }

  override brokerClient(brokerId: number): BrokerClient | undefined {
    return this.brokers.get(brokerId);
  }

  override async anyBrokerClient(): Promise<BrokerClient> {
    return this.brokers.get(1) as InProcessBroker;
  }

  override async fetchMetadata(): Promise<BrokerWire.MetadataResponse__Output> {
    return this.metadataResponse();
  }

  /** Records written to the partitions of `topic`, in total. */
  recordCount(topic: string): number {
    return (this.partitions.get(topic) ?? []).reduce((sum, state) => sum + state.nextOffset, 0);
  }

  append(brokerId: number, topic: string, partition: number, records: Buffer): BrokerWire.PartitionProduceResponse__Output {
    const state = this.partitions.get(topic)?.[partition];
    if (state === undefined || state.leader !== brokerId) throw new Error(`in-process broker ${brokerId} does not lead ${topic}-${partition}`);
    const baseOffset = state.nextOffset;
    for (const header of validateBatches(records)) {
      const producerId = Number(header.producerId);
      if (producerId >= 0) {
        const expected = state.sequences.get(producerId) ?? 0;
        if (header.baseSequence !== expected) return answer(partition, ErrorCodes.OUT_OF_ORDER_SEQUENCE_NUMBER.code, -1);
        state.sequences.set(producerId, expected + header.recordCount);
      }
      state.nextOffset += header.lastOffsetDelta + 1;
    }
    return answer(partition, 0, baseOffset);
  }

  private metadataResponse(): BrokerWire.MetadataResponse__Output {
    return {
      clusterId: 'in-process',
      controllerId: 1,
      brokers: [...this.brokers.keys()].map((id) => ({ id, host: 'in-process', port: id, rack: '' })),
      topics: [...this.partitions].map(([name, states]) => ({
        errorCode: 0,
        name,
        topicId: `id-${name}`,
        partitions: states.map((state, partition) => ({ errorCode: 0, partition, leader: state.leader, leaderEpoch: 0, replicas: [state.leader], isr: [state.leader] })),
      })),
    };
  }
}

function answer(partition: number, errorCode: number, baseOffset: number): BrokerWire.PartitionProduceResponse__Output {
  return { partition, errorCode, errorMessage: '', baseOffset, logAppendTimeMs: -1, logStartOffset: 0, currentLeader: null };
}

import * as grpc from '@grpc/grpc-js';
import {
  type BrokerWire,
  type ControllerWire,
  ErrorCodes,
  SamsaError,
  decodeRecordBatches,
  validateBatches,
  writeBaseOffset,
  type DecodedRecord,
  type ErrorName,
} from '@samsa/protocol';
import { brokerServiceClient } from '../network/broker-proto';

/**
 * A fake Samsa cluster for client tests: real grpc-js servers on 127.0.0.1 (one per fake
 * broker) implementing the Broker service over one shared in-memory log. Produce validates
 * batch bytes with @samsa/protocol's `validateBatches` and deduplicates idempotent batches
 * by producer id and sequence (last five per partition, as Kafka does); Fetch long-polls.
 * Hooks inject faults: errors before or after append, held responses, broken connections.
 */

export interface ProduceContext {
  readonly brokerId: number;
  readonly topic: string;
  readonly partition: number;
  readonly records: Buffer;
  readonly producerId: number;
  readonly baseSequence: number;
}

/** What a produce hook asks the fake to do with one partition of a request. */
export type ProduceFault =
  | { readonly kind: 'error'; readonly code: ErrorName }
  | { readonly kind: 'append-then-error'; readonly code: ErrorName }
  | { readonly kind: 'delay'; readonly until: Promise<void> }
  | { readonly kind: 'append-then-disconnect' };

export interface FakeHooks {
  produce?: ((context: ProduceContext) => ProduceFault | undefined) | undefined;
  /** Rewrites a Metadata answer (to serve stale leadership, for example). */
  metadata?: ((response: BrokerWire.MetadataResponse__Output, brokerId: number) => BrokerWire.MetadataResponse__Output) | undefined;
}

interface ProducerEntry {
  readonly firstSequence: number;
  readonly lastSequence: number;
  readonly baseOffset: number;
}

export class FakePartition {
  leader: number;
  leaderEpoch = 0;
  readonly batches: { baseOffset: number; endOffset: number; maxTimestamp: bigint; bytes: Buffer }[] = [];
  logStartOffset = 0;
  nextOffset = 0;
  readonly producers = new Map<number, ProducerEntry[]>();
  readonly waiters = new Set<() => void>();

  constructor(leader: number) {
    this.leader = leader;
  }

  wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

export interface FakeBroker {
  readonly id: number;
  readonly server: grpc.Server;
  readonly port: number;
  readonly address: string;
  stopped: boolean;
}

export class FakeCluster {
  readonly brokers: FakeBroker[] = [];
  readonly topics = new Map<string, FakePartition[]>();
  readonly hooks: FakeHooks = {};
  readonly calls: { brokerId: number; method: string; request: unknown }[] = [];
  /** Whether NOT_LEADER answers carry the new leader (a real broker does). */
  leaderHints = true;
  private nextProducerId = 1000;

  static async start(brokerCount = 1): Promise<FakeCluster> {
    const cluster = new FakeCluster();
    for (let id = 1; id <= brokerCount; id++) cluster.brokers.push(await cluster.startBroker(id));
    return cluster;
  }

  get bootstrap(): string[] {
    return this.brokers.map((broker) => broker.address);
  }

  createTopic(name: string, partitions: number, leaders?: number[]): void {
    const list: FakePartition[] = [];
    for (let index = 0; index < partitions; index++) list.push(new FakePartition(leaders?.[index] ?? (this.brokers[index % this.brokers.length] as FakeBroker).id));
    this.topics.set(name, list);
  }

  partition(topic: string, partition: number): FakePartition {
    const found = this.topics.get(topic)?.[partition];
    if (found === undefined) throw new Error(`no fake partition ${topic}-${partition}`);
    return found;
  }

  /** Leadership moves to `leader` with a bumped epoch, as after a controller election. */
  moveLeader(topic: string, partition: number, leader: number): void {
    const state = this.partition(topic, partition);
    state.leader = leader;
    state.leaderEpoch += 1;
    state.wake();
  }

  /** Every record of a partition, decoded, in offset order. */
  async records(topic: string, partition: number): Promise<DecodedRecord[]> {
    const state = this.partition(topic, partition);
    const batches = await decodeRecordBatches(Buffer.concat(state.batches.map((batch) => batch.bytes)));
    return batches.flatMap((batch) => batch.records);
  }

  /** Drops the log below `offset` (whole batches), as retention would. */
  truncateBefore(topic: string, partition: number, offset: number): void {
    const state = this.partition(topic, partition);
    while (state.batches.length > 0 && (state.batches[0] as { endOffset: number }).endOffset <= offset) state.batches.shift();
    state.logStartOffset = state.batches[0]?.baseOffset ?? state.nextOffset;
  }

  async stopBroker(id: number): Promise<void> {
    const broker = this.brokers.find((candidate) => candidate.id === id);
    if (broker === undefined || broker.stopped) return;
    broker.stopped = true;
    broker.server.forceShutdown();
  }

  async stop(): Promise<void> {
    for (const partitions of this.topics.values()) for (const partition of partitions) partition.wake();
    for (const broker of this.brokers) if (!broker.stopped) broker.server.forceShutdown();
  }

  private async startBroker(id: number): Promise<FakeBroker> {
    const server = new grpc.Server({ 'grpc.max_receive_message_length': 256 * 1024 * 1024 });
    const unary = <Request, Response>(method: string, handler: (request: Request) => Promise<Response> | Response) =>
      (call: grpc.ServerUnaryCall<Request, Response>, callback: grpc.sendUnaryData<Response>): void => {
        this.calls.push({ brokerId: id, method, request: call.request });
        Promise.resolve()
          .then(() => handler(call.request))
          .then(
            (response) => callback(null, response),
            (error: unknown) => callback({ code: grpc.status.UNAVAILABLE, details: error instanceof Error ? error.message : String(error) } as grpc.ServiceError),
          );
      };
    server.addService(brokerServiceClient().service, {
      Metadata: unary<BrokerWire.MetadataRequest__Output, BrokerWire.MetadataResponse__Output>('Metadata', (request) => this.metadata(request, id)),
      Produce: unary<BrokerWire.ProduceRequest__Output, BrokerWire.ProduceResponse__Output>('Produce', (request) => this.produce(request, id)),
      Fetch: unary<BrokerWire.FetchRequest__Output, BrokerWire.FetchResponse__Output>('Fetch', (request) => this.fetch(request, id)),
      ListOffsets: unary<BrokerWire.ListOffsetsRequest__Output, BrokerWire.ListOffsetsResponse__Output>('ListOffsets', (request) => this.listOffsets(request, id)),
      InitProducerId: unary<BrokerWire.InitProducerIdRequest__Output, BrokerWire.InitProducerIdResponse__Output>('InitProducerId', () => ({ errorCode: 0, errorMessage: '', producerId: this.nextProducerId++, producerEpoch: 0 })),
      CreateTopics: unary<ControllerWire.CreateTopicsRequest__Output, ControllerWire.CreateTopicsResponse>('CreateTopics', (request) => this.createTopics(request)),
      DeleteTopics: unary<ControllerWire.DeleteTopicsRequest__Output, ControllerWire.DeleteTopicsResponse>('DeleteTopics', (request) => {
        for (const name of request.names) this.topics.delete(name);
        return { error: null, topics: request.names.map((name) => ({ name, error: null })) };
      }),
      CreatePartitions: unary<ControllerWire.CreatePartitionsRequest__Output, ControllerWire.CreatePartitionsResponse>('CreatePartitions', (request) => this.createPartitions(request)),
      DescribeCluster: unary<ControllerWire.DescribeClusterRequest__Output, ControllerWire.DescribeClusterResponse>('DescribeCluster', () => ({
        error: null,
        clusterId: 'fake-cluster',
        controllers: [{ id: 1, address: this.brokers[0]?.address ?? '', leader: true }],
        brokers: this.brokers.map((broker) => ({ id: broker.id, address: broker.address, rack: '', fenced: broker.stopped, brokerEpoch: 1 })),
        metadataOffset: 0,
      })),
      DescribeTopics: unary<ControllerWire.DescribeTopicsRequest__Output, ControllerWire.DescribeTopicsResponse>('DescribeTopics', (request) => ({
        error: null,
        topics: [...this.topics]
          .filter(([name]) => request.names.length === 0 || request.names.includes(name))
          .map(([name, partitions]) => ({
            name,
            topicId: `id-${name}`,
            partitions: partitions.map((state, partition) => ({ topic: name, partition, leader: state.leader, leaderEpoch: state.leaderEpoch, replicas: [state.leader], isr: [state.leader] })),
            configs: [{ key: 'cleanup.policy', value: 'delete' }],
            error: null,
          })),
      })),
    });
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, boundPort) => (error === null ? resolve(boundPort) : reject(error))),
    );
    return { id, server, port, address: `127.0.0.1:${port}`, stopped: false };
  }

  private metadata(request: BrokerWire.MetadataRequest__Output, brokerId: number): BrokerWire.MetadataResponse__Output {
    const names = request.topics.length === 0 ? [...this.topics.keys()] : request.topics;
    let response: BrokerWire.MetadataResponse__Output = {
      clusterId: 'fake-cluster',
      controllerId: 1,
      brokers: this.brokers.filter((broker) => !broker.stopped).map((broker) => ({ id: broker.id, host: '127.0.0.1', port: broker.port, rack: '' })),
      topics: names.map((name) => {
        const partitions = this.topics.get(name);
        if (partitions === undefined) return { errorCode: ErrorCodes.UNKNOWN_TOPIC_OR_PARTITION.code, name, topicId: '', partitions: [] };
        return {
          errorCode: 0,
          name,
          topicId: `id-${name}`,
          partitions: partitions.map((state, partition) => ({ errorCode: 0, partition, leader: state.leader, leaderEpoch: state.leaderEpoch, replicas: [state.leader], isr: [state.leader] })),
        };
      }),
    };
    if (this.hooks.metadata !== undefined) response = this.hooks.metadata(response, brokerId);
    return response;
  }

  private async produce(request: BrokerWire.ProduceRequest__Output, brokerId: number): Promise<BrokerWire.ProduceResponse__Output> {
    let disconnect = false;
    const topics = await Promise.all(
      request.topics.map(async (topic) => ({
        name: topic.name,
        partitions: await Promise.all(
          topic.partitions.map(async (data) => {
            const result = await this.producePartition(topic.name, data.partition, data.records, brokerId);
            if (result === 'disconnect') {
              disconnect = true;
              return produceResult(data.partition, 'NONE');
            }
            return result;
          }),
        ),
      })),
    );
    if (disconnect) throw new Error('connection reset by the fake broker');
    return { topics };
  }

  private async producePartition(topic: string, partition: number, records: Buffer, brokerId: number): Promise<BrokerWire.PartitionProduceResponse__Output | 'disconnect'> {
    const state = this.topics.get(topic)?.[partition];
    if (state === undefined) return produceResult(partition, 'UNKNOWN_TOPIC_OR_PARTITION');
    if (state.leader !== brokerId) return produceResult(partition, 'NOT_LEADER_OR_FOLLOWER', this.hint(state));
    const producerId = records.length >= 61 ? Number(records.readBigInt64BE(43)) : -1;
    const baseSequence = records.length >= 61 ? records.readInt32BE(53) : -1;
    const fault = this.hooks.produce?.({ brokerId, topic, partition, records, producerId, baseSequence });
    if (fault?.kind === 'error') return produceResult(partition, fault.code);
    if (fault?.kind === 'delay') await fault.until;
    if (state.leader !== brokerId) return produceResult(partition, 'NOT_LEADER_OR_FOLLOWER', this.hint(state));
    let baseOffset: number;
    try {
      baseOffset = this.append(state, records);
    } catch (error: unknown) {
      if (error instanceof SamsaError) return produceResult(partition, error.code);
      throw error;
    }
    if (fault?.kind === 'append-then-error') return produceResult(partition, fault.code);
    if (fault?.kind === 'append-then-disconnect') return 'disconnect';
    return { ...produceResult(partition, 'NONE'), baseOffset, logStartOffset: state.logStartOffset };
  }

  /** Validates and appends; returns the base offset (the original one for a duplicate). */
  private append(state: FakePartition, records: Buffer): number {
    const headers = validateBatches(records);
    let firstOffset = -1;
    let position = 0;
    for (const header of headers) {
      const bytes = Buffer.from(records.subarray(position, position + header.sizeBytes));
      position += header.sizeBytes;
      const producerId = Number(header.producerId);
      const lastSequence = header.baseSequence + header.lastOffsetDelta;
      if (producerId >= 0) {
        const entries = state.producers.get(producerId) ?? [];
        const duplicate = entries.find((entry) => entry.firstSequence === header.baseSequence && entry.lastSequence === lastSequence);
        if (duplicate !== undefined) {
          if (firstOffset < 0) firstOffset = duplicate.baseOffset;
          continue;
        }
        const expected = entries.length === 0 ? 0 : (entries[entries.length - 1] as ProducerEntry).lastSequence + 1;
        if (header.baseSequence !== expected) throw new SamsaError('OUT_OF_ORDER_SEQUENCE_NUMBER', `expected sequence ${expected}, got ${header.baseSequence}`);
        entries.push({ firstSequence: header.baseSequence, lastSequence, baseOffset: state.nextOffset });
        if (entries.length > 5) entries.shift();
        state.producers.set(producerId, entries);
      }
      const baseOffset = state.nextOffset;
      writeBaseOffset(bytes, 0, BigInt(baseOffset));
      state.nextOffset += header.lastOffsetDelta + 1;
      state.batches.push({ baseOffset, endOffset: state.nextOffset, maxTimestamp: header.maxTimestamp, bytes });
      if (firstOffset < 0) firstOffset = baseOffset;
    }
    state.wake();
    return firstOffset;
  }

  private async fetch(request: BrokerWire.FetchRequest__Output, brokerId: number): Promise<BrokerWire.FetchResponse__Output> {
    const deadline = Date.now() + request.maxWaitMs;
    for (;;) {
      const topics = request.topics.map((topic) => ({ name: topic.name, partitions: topic.partitions.map((data) => this.fetchPartition(topic.name, data, brokerId)) }));
      const bytes = topics.reduce((sum, topic) => sum + topic.partitions.reduce((inner, data) => inner + data.records.length, 0), 0);
      const failed = topics.some((topic) => topic.partitions.some((data) => data.errorCode !== 0));
      const remainingMs = deadline - Date.now();
      if (bytes >= Math.max(1, request.minBytes) || failed || remainingMs <= 0) return { errorCode: 0, topics };
      await this.waitForAppend(request, remainingMs);
    }
  }

  private waitForAppend(request: BrokerWire.FetchRequest__Output, timeoutMs: number): Promise<void> {
    const states = request.topics.flatMap((topic) => topic.partitions.map((data) => this.topics.get(topic.name)?.[data.partition])).filter((state): state is FakePartition => state !== undefined);
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        for (const state of states) state.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      for (const state of states) state.waiters.add(done);
    });
  }

  private fetchPartition(topic: string, data: BrokerWire.FetchPartition__Output, brokerId: number): BrokerWire.PartitionData__Output {
    const state = this.topics.get(topic)?.[data.partition];
    const offset = Number(data.fetchOffset);
    if (state === undefined) return fetchResult(data.partition, 'UNKNOWN_TOPIC_OR_PARTITION');
    const base = { highWatermark: state.nextOffset, lastStableOffset: state.nextOffset, logStartOffset: state.logStartOffset };
    if (state.leader !== brokerId) return { ...fetchResult(data.partition, 'NOT_LEADER_OR_FOLLOWER', this.hint(state)), ...base };
    if (data.currentLeaderEpoch >= 0 && data.currentLeaderEpoch < state.leaderEpoch) return { ...fetchResult(data.partition, 'FENCED_LEADER_EPOCH', this.hint(state)), ...base };
    if (data.currentLeaderEpoch > state.leaderEpoch) return { ...fetchResult(data.partition, 'UNKNOWN_LEADER_EPOCH'), ...base };
    if (offset < state.logStartOffset || offset > state.nextOffset) return { ...fetchResult(data.partition, 'OFFSET_OUT_OF_RANGE'), ...base };
    // Whole batches up to the byte limit (the first one always whole, as KIP-74 says), then
    // the start of the next batch cut at the limit, as a Kafka broker reading a segment does.
    const chunks: Buffer[] = [];
    let bytes = 0;
    for (const batch of state.batches) {
      if (batch.endOffset <= offset) continue;
      if (chunks.length > 0 && bytes + batch.bytes.length > data.partitionMaxBytes) {
        const room = data.partitionMaxBytes - bytes;
        if (room > 0) chunks.push(batch.bytes.subarray(0, room));
        break;
      }
      chunks.push(batch.bytes);
      bytes += batch.bytes.length;
    }
    return { ...fetchResult(data.partition, 'NONE'), ...base, records: Buffer.concat(chunks) };
  }

  private listOffsets(request: BrokerWire.ListOffsetsRequest__Output, brokerId: number): BrokerWire.ListOffsetsResponse__Output {
    return {
      topics: request.topics.map((topic) => ({
        name: topic.name,
        partitions: topic.partitions.map((data) => {
          const state = this.topics.get(topic.name)?.[data.partition];
          const answer = { partition: data.partition, errorCode: 0, errorMessage: '', timestamp: -1, offset: -1, leaderEpoch: state?.leaderEpoch ?? -1 };
          if (state === undefined) return { ...answer, errorCode: ErrorCodes.UNKNOWN_TOPIC_OR_PARTITION.code };
          if (state.leader !== brokerId) return { ...answer, errorCode: ErrorCodes.NOT_LEADER_OR_FOLLOWER.code };
          const timestamp = Number(data.timestamp);
          if (timestamp === -2) return { ...answer, offset: state.logStartOffset };
          if (timestamp === -1) return { ...answer, offset: state.nextOffset };
          const batch = state.batches.find((candidate) => candidate.maxTimestamp >= BigInt(timestamp));
          return { ...answer, offset: batch?.baseOffset ?? -1, timestamp: batch === undefined ? -1 : Number(batch.maxTimestamp) };
        }),
      })),
    };
  }

  private createTopics(request: ControllerWire.CreateTopicsRequest__Output): ControllerWire.CreateTopicsResponse {
    return {
      error: null,
      topics: request.topics.map((topic) => {
        if (this.topics.has(topic.name)) return { name: topic.name, topicId: '', error: { code: ErrorCodes.TOPIC_ALREADY_EXISTS.code, name: 'TOPIC_ALREADY_EXISTS', message: `topic ${topic.name} exists`, leader: null } };
        this.createTopic(topic.name, topic.partitions);
        return { name: topic.name, topicId: `id-${topic.name}`, error: null };
      }),
    };
  }

  private createPartitions(request: ControllerWire.CreatePartitionsRequest__Output): ControllerWire.CreatePartitionsResponse {
    const partitions = this.topics.get(request.name);
    if (partitions === undefined) return { error: { code: ErrorCodes.UNKNOWN_TOPIC_OR_PARTITION.code, name: 'UNKNOWN_TOPIC_OR_PARTITION', message: '', leader: null } };
    while (partitions.length < request.partitions) partitions.push(new FakePartition((this.brokers[partitions.length % this.brokers.length] as FakeBroker).id));
    return { error: null };
  }

  private hint(state: FakePartition): BrokerWire.LeaderHint__Output | null {
    return this.leaderHints ? { leaderId: state.leader, leaderEpoch: state.leaderEpoch } : null;
  }
}

function produceResult(partition: number, code: ErrorName, hint: BrokerWire.LeaderHint__Output | null = null): BrokerWire.PartitionProduceResponse__Output {
  return { partition, errorCode: ErrorCodes[code].code, errorMessage: '', baseOffset: -1, logAppendTimeMs: -1, logStartOffset: -1, currentLeader: hint };
}

function fetchResult(partition: number, code: ErrorName, hint: BrokerWire.LeaderHint__Output | null = null): BrokerWire.PartitionData__Output {
  return { partition, errorCode: ErrorCodes[code].code, errorMessage: '', highWatermark: -1, lastStableOffset: -1, logStartOffset: -1, records: Buffer.alloc(0), currentLeader: hint };
}


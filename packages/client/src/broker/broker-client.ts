import type * as grpc from '@grpc/grpc-js';
import { unaryCall } from '../network/unary-call';
import type { BrokerWire, ControllerWire } from '@samsa/protocol';

/**
 * Typed calls to one broker over its shared channel. Nothing here retries or interprets
 * error codes: that is the cluster's and the producer's job. Every call has a deadline of
 * `timeoutMs` (plus the long-poll wait for Fetch).
 */
export class BrokerClient {
  constructor(
    readonly address: string,
    private readonly channel: grpc.Client,
    private readonly requestTimeoutMs: number,
  ) {}

  metadata(request: BrokerWire.MetadataRequest): Promise<BrokerWire.MetadataResponse__Output> {
    return this.call('Metadata', request);
  }

  produce(request: BrokerWire.ProduceRequest): Promise<BrokerWire.ProduceResponse__Output> {
    return this.call('Produce', request);
  }

  /** The deadline covers the broker's long-poll wait on top of the request timeout. */
  fetch(request: BrokerWire.FetchRequest): Promise<BrokerWire.FetchResponse__Output> {
    return unaryCall(this.channel, this.address, 'Fetch', request, this.requestTimeoutMs + (request.maxWaitMs ?? 0));
  }

  listOffsets(request: BrokerWire.ListOffsetsRequest): Promise<BrokerWire.ListOffsetsResponse__Output> {
    return this.call('ListOffsets', request);
  }

  initProducerId(request: BrokerWire.InitProducerIdRequest): Promise<BrokerWire.InitProducerIdResponse__Output> {
    return this.call('InitProducerId', request);
  }

  createTopics(request: ControllerWire.CreateTopicsRequest): Promise<ControllerWire.CreateTopicsResponse__Output> {
    return this.call('CreateTopics', request);
  }

  deleteTopics(request: ControllerWire.DeleteTopicsRequest): Promise<ControllerWire.DeleteTopicsResponse__Output> {
    return this.call('DeleteTopics', request);
  }

  createPartitions(request: ControllerWire.CreatePartitionsRequest): Promise<ControllerWire.CreatePartitionsResponse__Output> {
    return this.call('CreatePartitions', request);
  }

  alterPartitionReassignments(request: ControllerWire.AlterPartitionReassignmentsRequest): Promise<ControllerWire.AlterPartitionReassignmentsResponse__Output> {
    return this.call('AlterPartitionReassignments', request);
  }

  listPartitionReassignments(): Promise<ControllerWire.ListPartitionReassignmentsResponse__Output> {
    return this.call('ListPartitionReassignments', {});
  }

  describeCluster(): Promise<ControllerWire.DescribeClusterResponse__Output> {
    return this.call('DescribeCluster', {});
  }

  describeTopics(names: string[]): Promise<ControllerWire.DescribeTopicsResponse__Output> {
    return this.call('DescribeTopics', { names });
  }

  private call<Response>(method: string, request: object): Promise<Response> {
    return unaryCall<Response>(this.channel, this.address, method, request, this.requestTimeoutMs);
  }
}

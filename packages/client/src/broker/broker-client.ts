import type * as grpc from '@grpc/grpc-js';
import { unaryCall } from '../network/unary-call';
import type * as wire from './wire-types';

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

  metadata(request: wire.MetadataRequest): Promise<wire.MetadataResponse> {
    return this.call('Metadata', request);
  }

  produce(request: wire.ProduceRequest): Promise<wire.ProduceResponse> {
    return this.call('Produce', request);
  }

  /** The deadline covers the broker's long-poll wait on top of the request timeout. */
  fetch(request: wire.FetchRequest): Promise<wire.FetchResponse> {
    return unaryCall(this.channel, this.address, 'Fetch', request, this.requestTimeoutMs + request.maxWaitMs);
  }

  listOffsets(request: wire.ListOffsetsRequest): Promise<wire.ListOffsetsResponse> {
    return this.call('ListOffsets', request);
  }

  initProducerId(request: wire.InitProducerIdRequest): Promise<wire.InitProducerIdResponse> {
    return this.call('InitProducerId', request);
  }

  createTopics(request: wire.CreateTopicsRequest): Promise<wire.CreateTopicsResponse> {
    return this.call('CreateTopics', request);
  }

  deleteTopics(request: wire.DeleteTopicsRequest): Promise<wire.DeleteTopicsResponse> {
    return this.call('DeleteTopics', request);
  }

  createPartitions(request: wire.CreatePartitionsRequest): Promise<wire.CreatePartitionsResponse> {
    return this.call('CreatePartitions', request);
  }

  describeCluster(): Promise<wire.DescribeClusterResponse> {
    return this.call('DescribeCluster', {});
  }

  describeTopics(names: string[]): Promise<wire.DescribeTopicsResponse> {
    return this.call('DescribeTopics', { names });
  }

  private call<Response>(method: string, request: object): Promise<Response> {
    return unaryCall<Response>(this.channel, this.address, method, request, this.requestTimeoutMs);
  }
}

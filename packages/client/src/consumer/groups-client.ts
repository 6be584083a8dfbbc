import * as grpc from '@grpc/grpc-js';
import { type GroupWire, groupsService } from '@samsa/protocol';
import { CLIENT_CHANNEL_OPTIONS } from '../network/channel-pool';
import { unaryCall } from '../network/unary-call';

/**
 * Typed calls to one broker's Groups service. Its gRPC client is made with the same address
 * and options as the Broker service's, so grpc-js's shared subchannel pool gives both one
 * connection. Nothing here retries or reads error codes.
 */
export class GroupsClient {
  private readonly client: grpc.Client;

  constructor(
    readonly address: string,
    private readonly requestTimeoutMs: number,
  ) {
    const Constructor = groupsService();
    this.client = new Constructor(address, grpc.credentials.createInsecure(), CLIENT_CHANNEL_OPTIONS);
  }

  findCoordinator(request: GroupWire.FindCoordinatorRequest): Promise<GroupWire.FindCoordinatorResponse__Output> {
    return this.call('FindCoordinator', request);
  }

  heartbeat(request: GroupWire.HeartbeatRequest): Promise<GroupWire.HeartbeatResponse__Output> {
    return this.call('Heartbeat', request);
  }

  offsetCommit(request: GroupWire.OffsetCommitRequest): Promise<GroupWire.OffsetCommitResponse__Output> {
    return this.call('OffsetCommit', request);
  }

  offsetFetch(request: GroupWire.OffsetFetchRequest): Promise<GroupWire.OffsetFetchResponse__Output> {
    return this.call('OffsetFetch', request);
  }

  close(): void {
    this.client.close();
  }

  private call<Response>(method: string, request: object): Promise<Response> {
    return unaryCall<Response>(this.client, this.address, method, request, this.requestTimeoutMs);
  }
}

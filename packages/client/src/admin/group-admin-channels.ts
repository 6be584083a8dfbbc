import * as grpc from '@grpc/grpc-js';
import { type GroupWire, SAMSA_CHANNEL_OPTIONS, brokerService, groupsService } from '@samsa/protocol';
import { ClosedError } from '../errors/client-errors';
import { unaryCall } from '../network/unary-call';

/**
 * The admin client's own gRPC clients per broker address: the Groups service, and the
 * Broker service for the calls `BrokerClient` does not have (AlterConfigs). They use the
 * same target and channel options as the cluster's channels, so grpc-js's global subchannel
 * pool gives them the same HTTP/2 connection: no extra socket per broker. `close()` (from
 * `Admin.close()`) closes them; idle ones hold no reference on the event loop either way.
 */
export class AdminChannels {
  private readonly groups = new Map<string, GroupsClient>();
  private readonly brokers = new Map<string, grpc.Client>();
  private closed = false;

  constructor(private readonly requestTimeoutMs: number) {}

  groupsClient(address: string): GroupsClient {
    this.checkOpen();
    let client = this.groups.get(address);
    if (client === undefined) {
      const Constructor = groupsService();
      client = new GroupsClient(address, new Constructor(address, grpc.credentials.createInsecure(), SAMSA_CHANNEL_OPTIONS), this.requestTimeoutMs);
      this.groups.set(address, client);
    }
    return client;
  }

  /** A Broker-service call that `BrokerClient` does not offer. */
  brokerCall<Response>(address: string, method: string, request: object): Promise<Response> {
    this.checkOpen();
    let client = this.brokers.get(address);
    if (client === undefined) {
      const Constructor = brokerService();
      client = new Constructor(address, grpc.credentials.createInsecure(), SAMSA_CHANNEL_OPTIONS);
      this.brokers.set(address, client);
    }
    return unaryCall<Response>(client, address, method, request, this.requestTimeoutMs);
  }

  close(): void {
    this.closed = true;
    for (const client of this.groups.values()) client.close();
    for (const client of this.brokers.values()) client.close();
    this.groups.clear();
    this.brokers.clear();
  }

  private checkOpen(): void {
    if (this.closed) throw new ClosedError('the admin client is closed');
  }
}

/**
 * Typed calls of the Groups service to one broker. Nothing here retries or reads error
 * codes; `GroupCoordinators` does.
 */
export class GroupsClient {
  constructor(
    readonly address: string,
    private readonly client: grpc.Client,
    private readonly requestTimeoutMs: number,
  ) {}

  findCoordinator(request: GroupWire.FindCoordinatorRequest): Promise<GroupWire.FindCoordinatorResponse__Output> {
    return this.call('FindCoordinator', request);
  }

  listGroups(request: GroupWire.ListGroupsRequest): Promise<GroupWire.ListGroupsResponse__Output> {
    return this.call('ListGroups', request);
  }

  describeGroups(request: GroupWire.DescribeGroupsRequest): Promise<GroupWire.DescribeGroupsResponse__Output> {
    return this.call('DescribeGroups', request);
  }

  deleteGroups(request: GroupWire.DeleteGroupsRequest): Promise<GroupWire.DeleteGroupsResponse__Output> {
    return this.call('DeleteGroups', request);
  }

  offsetFetch(request: GroupWire.OffsetFetchRequest): Promise<GroupWire.OffsetFetchResponse__Output> {
    return this.call('OffsetFetch', request);
  }

  alterOffsets(request: GroupWire.AlterOffsetsRequest): Promise<GroupWire.AlterOffsetsResponse__Output> {
    return this.call('AlterOffsets', request);
  }

  close(): void {
    this.client.close();
  }

  private call<Response>(method: string, request: object): Promise<Response> {
    return unaryCall<Response>(this.client, this.address, method, request, this.requestTimeoutMs);
  }
}

import type * as grpc from '@grpc/grpc-js';
import { type ControllerWire, ErrorCodes, type ErrorName, type GroupWire, brokerService, groupsService } from '@samsa/protocol';
import type { FakeBroker, FakeCluster } from './fake-cluster';

/**
 * The Groups service's administrative half, faked on every broker of a `FakeCluster`, with
 * the coordinator's rules from packages/broker/src/group/README.md: each group has one
 * coordinating broker (others answer NOT_COORDINATOR), ids are 1-249 of `a-zA-Z0-9._-`
 * (INVALID_GROUP_ID), unknown groups are GROUP_ID_NOT_FOUND (state dead), delete and
 * AlterOffsets are NON_EMPTY_GROUP while members exist, AlterOffsets refuses unknown
 * partitions and offsets past the log end per partition and creates a missing group.
 * Members are set by tests (Heartbeat and OffsetCommit are not served: the Consumer's tests
 * need the real coordinator). Also fakes topic configs: AlterConfigs and the configs of
 * DescribeTopics.
 */

export interface FakeMember {
  readonly memberId: string;
  readonly clientId?: string;
  readonly assignment?: readonly { topic: string; partitions: number[] }[];
  readonly targetAssignment?: readonly { topic: string; partitions: number[] }[];
}

export interface FakeGroup {
  coordinator: number;
  members: FakeMember[];
  /** topic → partition → committed offset. */
  readonly offsets: Map<string, Map<number, number>>;
}

const GROUP_ID = /^[a-zA-Z0-9._-]{1,249}$/;

export class FakeGroupsAdmin {
  readonly groups = new Map<string, FakeGroup>();
  readonly calls: { brokerId: number; method: string; request: unknown }[] = [];
  readonly topicConfigs = new Map<string, Map<string, string>>();
  private readonly faults: { method: string; code: ErrorName }[] = [];

  private constructor(private readonly cluster: FakeCluster) {}

  /** Serves Groups (and the config calls) on every broker of `cluster`. */
  static attach(cluster: FakeCluster): FakeGroupsAdmin {
    const fake = new FakeGroupsAdmin(cluster);
    for (const broker of cluster.brokers) fake.serve(broker);
    return fake;
  }

  /** A group coordinated by `coordinator` (default: the first broker) with members and offsets. */
  addGroup(groupId: string, options: { coordinator?: number; members?: FakeMember[]; offsets?: Record<string, Record<number, number>> } = {}): FakeGroup {
    const offsets = new Map(Object.entries(options.offsets ?? {}).map(([topic, byPartition]) => [topic, new Map(Object.entries(byPartition).map(([partition, offset]) => [Number(partition), offset]))]));
    const group: FakeGroup = { coordinator: options.coordinator ?? (this.cluster.brokers[0] as FakeBroker).id, members: options.members ?? [], offsets };
    this.groups.set(groupId, group);
    return group;
  }

  /** The next call of `method` that reaches the group's coordinator is answered with `code`. */
  failNext(method: string, code: ErrorName, times = 1): void {
    for (let index = 0; index < times; index++) this.faults.push({ method, code });
  }

  committed(groupId: string, topic: string, partition: number): number | undefined {
    return this.groups.get(groupId)?.offsets.get(topic)?.get(partition);
  }

  private coordinatorOf(groupId: string): number {
    const existing = this.groups.get(groupId);
    if (existing !== undefined) return existing.coordinator;
    const brokers = this.cluster.brokers;
    const hash = [...groupId].reduce((sum, char) => sum + char.charCodeAt(0), 0);
    return (brokers[hash % brokers.length] as FakeBroker).id;
  }

  private fault(method: string): ErrorName | undefined {
    const index = this.faults.findIndex((fault) => fault.method === method);
    if (index < 0) return undefined;
    return this.faults.splice(index, 1)[0]?.code;
  }

  /** The refusal of a group-scoped call on `brokerId`, if any. */
  private refusal(method: string, groupId: string, brokerId: number): ErrorName | undefined {
    if (!GROUP_ID.test(groupId)) return 'INVALID_GROUP_ID';
    if (this.coordinatorOf(groupId) !== brokerId) return 'NOT_COORDINATOR';
    return this.fault(method);
  }

  private serve(broker: FakeBroker): void {
    const unary = <Request, Response>(method: string, handler: (request: Request) => Response) =>
      (call: grpc.ServerUnaryCall<Request, Response>, callback: grpc.sendUnaryData<Response>): void => {
        this.calls.push({ brokerId: broker.id, method, request: call.request });
        callback(null, handler(call.request));
      };
    const id = broker.id;
    broker.server.addService(groupsService().service, {
      FindCoordinator: unary<GroupWire.FindCoordinatorRequest__Output, GroupWire.FindCoordinatorResponse>('FindCoordinator', (request) => this.findCoordinator(request)),
      ListGroups: unary<GroupWire.ListGroupsRequest__Output, GroupWire.ListGroupsResponse>('ListGroups', (request) => this.listGroups(request, id)),
      DescribeGroups: unary<GroupWire.DescribeGroupsRequest__Output, GroupWire.DescribeGroupsResponse>('DescribeGroups', (request) => ({ groups: request.groupIds.map((groupId) => this.describe(groupId, id)) })),
      DeleteGroups: unary<GroupWire.DeleteGroupsRequest__Output, GroupWire.DeleteGroupsResponse>('DeleteGroups', (request) => ({ groups: request.groupIds.map((groupId) => this.delete(groupId, id)) })),
      OffsetFetch: unary<GroupWire.OffsetFetchRequest__Output, GroupWire.OffsetFetchResponse>('OffsetFetch', (request) => this.offsetFetch(request, id)),
      AlterOffsets: unary<GroupWire.AlterOffsetsRequest__Output, GroupWire.AlterOffsetsResponse>('AlterOffsets', (request) => this.alterOffsets(request, id)),
    });
    // The fake cluster serves DescribeTopics with fixed configs and AlterConfigs not at all.
    const definition = brokerService().service;
    broker.server.unregister(definition.DescribeTopics.path);
    broker.server.unregister(definition.AlterConfigs.path);
    broker.server.addService({ DescribeTopics: definition.DescribeTopics, AlterConfigs: definition.AlterConfigs } as unknown as grpc.ServiceDefinition, {
      DescribeTopics: unary<ControllerWire.DescribeTopicsRequest__Output, ControllerWire.DescribeTopicsResponse>('DescribeTopics', (request) => this.describeTopics(request)),
      AlterConfigs: unary<ControllerWire.AlterConfigsRequest__Output, ControllerWire.AlterConfigsResponse>('AlterConfigs', (request) => this.alterConfigs(request)),
    });
  }

  private findCoordinator(request: GroupWire.FindCoordinatorRequest__Output): GroupWire.FindCoordinatorResponse {
    const fault = this.fault('FindCoordinator');
    return {
      coordinators: request.groupIds.map((groupId) => {
        const refused = GROUP_ID.test(groupId) ? fault : 'INVALID_GROUP_ID';
        if (refused !== undefined) return { groupId, errorCode: ErrorCodes[refused].code, errorMessage: `fake: ${refused}`, nodeId: -1, host: '', port: 0 };
        const broker = this.cluster.brokers.find((candidate) => candidate.id === this.coordinatorOf(groupId)) as FakeBroker;
        return { groupId, errorCode: 0, errorMessage: '', nodeId: broker.id, host: '127.0.0.1', port: broker.port };
      }),
    };
  }

  private listGroups(request: GroupWire.ListGroupsRequest__Output, brokerId: number): GroupWire.ListGroupsResponse {
    const fault = this.fault('ListGroups');
    if (fault !== undefined) return { errorCode: ErrorCodes[fault].code, errorMessage: `fake: ${fault}`, groups: [] };
    const groups = [...this.groups]
      .filter(([, group]) => group.coordinator === brokerId)
      .map(([groupId, group]) => ({ groupId, state: stateOf(group), members: group.members.length }))
      .filter((listing) => request.states.length === 0 || request.states.includes(listing.state));
    return { errorCode: 0, errorMessage: '', groups };
  }

  private describe(groupId: string, brokerId: number): GroupWire.GroupDescription {
    const refused = this.refusal('DescribeGroups', groupId, brokerId);
    const group = this.groups.get(groupId);
    if (refused !== undefined || group === undefined) return { groupId, ...errorOf(refused ?? 'GROUP_ID_NOT_FOUND'), state: 'dead', members: [] };
    return {
      groupId,
      errorCode: 0,
      state: stateOf(group),
      groupEpoch: group.members.length,
      assignmentEpoch: group.members.length,
      assignor: 'uniform',
      members: group.members.map((member) => ({
        memberId: member.memberId,
        clientId: member.clientId ?? 'fake-client',
        clientHost: '/127.0.0.1',
        memberEpoch: 1,
        subscribedTopicNames: [...new Set((member.assignment ?? []).map((entry) => entry.topic))],
        assignment: (member.assignment ?? []).map((entry) => ({ topic: entry.topic, topicId: `id-${entry.topic}`, partitions: entry.partitions })),
        targetAssignment: (member.targetAssignment ?? member.assignment ?? []).map((entry) => ({ topic: entry.topic, topicId: `id-${entry.topic}`, partitions: entry.partitions })),
      })),
    };
  }

  private delete(groupId: string, brokerId: number): GroupWire.GroupResult {
    const group = this.groups.get(groupId);
    const refused = this.refusal('DeleteGroups', groupId, brokerId) ?? (group === undefined ? 'GROUP_ID_NOT_FOUND' : group.members.length > 0 ? 'NON_EMPTY_GROUP' : undefined);
    if (refused !== undefined) return { groupId, ...errorOf(refused) };
    this.groups.delete(groupId);
    return { groupId, errorCode: 0 };
  }

  private offsetFetch(request: GroupWire.OffsetFetchRequest__Output, brokerId: number): GroupWire.OffsetFetchResponse {
    const refused = this.refusal('OffsetFetch', request.groupId, brokerId);
    if (refused !== undefined) return { ...errorOf(refused), topics: [] };
    const offsets = this.groups.get(request.groupId)?.offsets ?? new Map<string, Map<number, number>>();
    const asked = request.topics.length > 0 ? request.topics : [...offsets.keys()].map((topic) => ({ topic, partitions: [] as number[] }));
    return {
      errorCode: 0,
      topics: asked.map(({ topic, partitions }) => {
        const committed = offsets.get(topic) ?? new Map<number, number>();
        const wanted = partitions.length > 0 ? partitions : [...committed.keys()];
        return { topic, partitions: wanted.map((partition) => ({ partition, offset: committed.get(partition) ?? -1, leaderEpoch: -1, metadata: '', errorCode: 0 })) };
      }),
    };
  }

  private alterOffsets(request: GroupWire.AlterOffsetsRequest__Output, brokerId: number): GroupWire.AlterOffsetsResponse {
    const existing = this.groups.get(request.groupId);
    const refused = this.refusal('AlterOffsets', request.groupId, brokerId) ?? ((existing?.members.length ?? 0) > 0 ? 'NON_EMPTY_GROUP' : undefined);
    if (refused !== undefined) return { ...errorOf(refused), topics: [] };
    const group = existing ?? this.addGroup(request.groupId, { coordinator: brokerId });
    return {
      errorCode: 0,
      topics: request.topics.map((topic) => ({
        topic: topic.topic,
        partitions: topic.partitions.map((entry) => {
          const state = this.cluster.topics.get(topic.topic)?.[entry.partition];
          if (state === undefined) return { partition: entry.partition, ...errorOf('UNKNOWN_TOPIC_OR_PARTITION') };
          if (entry.offset < 0 || entry.offset > state.nextOffset) return { partition: entry.partition, ...errorOf('OFFSET_OUT_OF_RANGE') };
          const byPartition = group.offsets.get(topic.topic) ?? new Map<number, number>();
          byPartition.set(entry.partition, entry.offset);
          group.offsets.set(topic.topic, byPartition);
          return { partition: entry.partition, errorCode: 0 };
        }),
      })),
    };
  }

  private describeTopics(request: ControllerWire.DescribeTopicsRequest__Output): ControllerWire.DescribeTopicsResponse {
    return {
      error: null,
      topics: [...this.cluster.topics]
        .filter(([name]) => request.names.length === 0 || request.names.includes(name))
        .map(([name, partitions]) => ({
          name,
          topicId: `id-${name}`,
          partitions: partitions.map((state, partition) => ({ topic: name, partition, leader: state.leader, leaderEpoch: state.leaderEpoch, replicas: [state.leader], isr: [state.leader] })),
          configs: [...(this.topicConfigs.get(name) ?? new Map<string, string>())].map(([key, value]) => ({ key, value })),
          error: null,
        })),
    };
  }

  /** Known keys only, all changes or none, as the controller does. */
  private alterConfigs(request: ControllerWire.AlterConfigsRequest__Output): ControllerWire.AlterConfigsResponse {
    if (!this.cluster.topics.has(request.name)) return { error: { code: ErrorCodes.UNKNOWN_TOPIC_OR_PARTITION.code, name: 'UNKNOWN_TOPIC_OR_PARTITION', message: `topic ${request.name} does not exist`, leader: null } };
    const unknown = request.changes.find((change) => !['retention.ms', 'cleanup.policy', 'segment.bytes'].includes(change.key));
    if (unknown !== undefined) return { error: { code: ErrorCodes.INVALID_CONFIG.code, name: 'INVALID_CONFIG', message: `unknown config ${unknown.key}`, leader: null } };
    const configs = this.topicConfigs.get(request.name) ?? new Map<string, string>();
    for (const change of request.changes) {
      if (change.hasValue) configs.set(change.key, change.value);
      else configs.delete(change.key);
    }
    this.topicConfigs.set(request.name, configs);
    return { error: null };
  }
}

function stateOf(group: FakeGroup): string {
  return group.members.length > 0 ? 'stable' : 'empty';
}

function errorOf(code: ErrorName): { errorCode: number; errorMessage: string } {
  return { errorCode: ErrorCodes[code].code, errorMessage: `fake: ${code}` };
}

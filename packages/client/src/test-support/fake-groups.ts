import type * as grpc from '@grpc/grpc-js';
import { ErrorCodes, type ErrorName, type GroupWire, groupsService } from '@samsa/protocol';
import type { FakeCluster } from './fake-cluster';

/**
 * A fake group coordinator for client tests, served as the Groups service on every broker
 * of a `FakeCluster`. One broker (`coordinatorId`) is the coordinator; the others answer
 * NOT_COORDINATOR. It follows the rules the consumer relies on (packages/broker/src/group/
 * README.md), simply: a round-robin target recomputed on every join and leave; a member is
 * given a partition only once no other member holds it (holds = was given it and has not
 * yet heartbeated without it); a member asked to let go keeps its epoch until it has;
 * commits only from the member holding the partition. Hooks inject errors.
 */

interface FakeMember {
  readonly memberId: string;
  epoch: number;
  topics: string[];
  regex: string;
  /** Partitions given to it and not yet released (keys topic\0partition). */
  readonly held: Set<string>;
  lastSeenMs: number;
}

interface FakeGroup {
  epoch: number;
  readonly members: Map<string, FakeMember>;
  /** member id → target keys */
  target: Map<string, Set<string>>;
  readonly committed: Map<string, bigint>;
}

export interface GroupCall {
  readonly brokerId: number;
  readonly method: string;
  readonly request: unknown;
  readonly answer?: unknown;
}

export class FakeGroups {
  coordinatorId: number;
  readonly groups = new Map<string, FakeGroup>();
  readonly calls: GroupCall[] = [];
  /** Answers the next calls of a method with an error code instead (consumed one by one). */
  readonly failNext = new Map<string, ErrorName[]>();
  /** Every commit accepted, in order: group, key, offset. */
  readonly commits: { group: string; key: string; offset: bigint }[] = [];
  private nextMemberId = 1;

  private constructor(private readonly cluster: FakeCluster) {
    this.coordinatorId = cluster.brokers[0]?.id ?? 1;
  }

  /** Adds the Groups service to every broker of `cluster`. */
  static attach(cluster: FakeCluster): FakeGroups {
    const groups = new FakeGroups(cluster);
    for (const broker of cluster.brokers) groups.serve(broker.server, broker.id);
    return groups;
  }

  group(groupId: string): FakeGroup {
    let group = this.groups.get(groupId);
    if (group === undefined) this.groups.set(groupId, (group = { epoch: 0, members: new Map(), target: new Map(), committed: new Map() }));
    return group;
  }

  /** Who holds each partition of a group now (a partition in two sets would be a bug). */
  holders(groupId: string): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const member of this.group(groupId).members.values()) for (const key of member.held) out.set(key, [...(out.get(key) ?? []), member.memberId]);
    return out;
  }

  committed(groupId: string, topic: string, partition: number): bigint | undefined {
    return this.group(groupId).committed.get(`${topic}\u0000${partition}`);
  }

  /** Removes a member as a session timeout would: its partitions are free at once. */
  expire(groupId: string, memberId: string): void {
    const group = this.group(groupId);
    if (group.members.delete(memberId)) this.rebalance(group);
  }

  private serve(server: grpc.Server, brokerId: number): void {
    const unary =
      <Request, Response>(method: string, handler: (request: Request) => Response) =>
      (call: grpc.ServerUnaryCall<Request, Response>, callback: grpc.sendUnaryData<Response>): void => {
        const failure = this.failNext.get(method)?.shift();
        let answer: Response;
        if (failure !== undefined) answer = { errorCode: ErrorCodes[failure].code, errorMessage: 'injected', coordinators: [], topics: [], assignment: [], memberId: '', memberEpoch: 0, heartbeatIntervalMs: 0 } as unknown as Response;
        else if (method !== 'FindCoordinator' && brokerId !== this.coordinatorId) answer = { errorCode: ErrorCodes.NOT_COORDINATOR.code, errorMessage: '', topics: [], assignment: [], memberId: '', memberEpoch: 0, heartbeatIntervalMs: 0 } as unknown as Response;
        else answer = handler(call.request);
        this.calls.push({ brokerId, method, request: call.request, answer });
        callback(null, answer);
      };
    server.addService(groupsService().service, {
      FindCoordinator: unary<GroupWire.FindCoordinatorRequest__Output, GroupWire.FindCoordinatorResponse>('FindCoordinator', (request) => this.findCoordinator(request)),
      Heartbeat: unary<GroupWire.HeartbeatRequest__Output, GroupWire.HeartbeatResponse>('Heartbeat', (request) => this.heartbeat(request)),
      OffsetCommit: unary<GroupWire.OffsetCommitRequest__Output, GroupWire.OffsetCommitResponse>('OffsetCommit', (request) => this.offsetCommit(request)),
      OffsetFetch: unary<GroupWire.OffsetFetchRequest__Output, GroupWire.OffsetFetchResponse>('OffsetFetch', (request) => this.offsetFetch(request)),
    });
  }

  private findCoordinator(request: GroupWire.FindCoordinatorRequest__Output): GroupWire.FindCoordinatorResponse {
    const broker = this.cluster.brokers.find((candidate) => candidate.id === this.coordinatorId);
    return { coordinators: request.groupIds.map((groupId) => ({ groupId, errorCode: broker === undefined ? ErrorCodes.COORDINATOR_NOT_AVAILABLE.code : 0, errorMessage: '', nodeId: this.coordinatorId, host: '127.0.0.1', port: broker?.port ?? 0 })) };
  }

  private heartbeat(request: GroupWire.HeartbeatRequest__Output): GroupWire.HeartbeatResponse {
    const group = this.group(request.groupId);
    const refuse = (code: ErrorName): GroupWire.HeartbeatResponse => ({ errorCode: ErrorCodes[code].code, errorMessage: '', memberId: request.memberId, memberEpoch: 0, heartbeatIntervalMs: 0, assignment: [] });
    if (request.memberEpoch === -1 || request.memberEpoch === -2) {
      if (group.members.delete(request.memberId)) this.rebalance(group);
      return { errorCode: 0, memberId: request.memberId, memberEpoch: request.memberEpoch, heartbeatIntervalMs: 0, assignment: [] };
    }
    let member = group.members.get(request.memberId);
    if (request.memberEpoch === 0) {
      if (member === undefined) {
        member = { memberId: request.memberId || `member-${this.nextMemberId++}`, epoch: 0, topics: [], regex: '', held: new Set(), lastSeenMs: Date.now() };
        group.members.set(member.memberId, member);
      }
      member.held.clear();
      member.epoch = 0;
    } else if (member === undefined) {
      return refuse('UNKNOWN_MEMBER_ID');
    } else if (request.memberEpoch !== member.epoch) {
      return refuse('FENCED_MEMBER_EPOCH');
    }
    const subscriptionChanged = member.regex !== request.subscribedTopicRegex || member.topics.join(',') !== request.subscribedTopicNames.join(',');
    member.topics = [...request.subscribedTopicNames];
    member.regex = request.subscribedTopicRegex;
    member.lastSeenMs = Date.now();
    if (request.memberEpoch === 0 || subscriptionChanged) this.rebalance(group);
    // What it reports owning: anything it held and no longer reports is released.
    const owned = new Set(request.owned.flatMap((group) => group.partitions.map((partition) => `${group.topic}\u0000${partition}`)));
    for (const key of [...member.held]) if (!owned.has(key) && !(group.target.get(member.memberId) ?? new Set()).has(key)) member.held.delete(key);
    const target = group.target.get(member.memberId) ?? new Set<string>();
    const revoking = [...member.held].some((key) => !target.has(key));
    if (!revoking) {
      member.epoch = group.epoch;
      const heldByOthers = new Set<string>();
      for (const other of group.members.values()) if (other !== member) for (const key of other.held) heldByOthers.add(key);
      for (const key of target) if (!heldByOthers.has(key)) member.held.add(key);
    }
    const assignment = [...member.held].filter((key) => target.has(key));
    return { errorCode: 0, errorMessage: '', memberId: member.memberId, memberEpoch: member.epoch, heartbeatIntervalMs: 100, assignment: toWire(assignment) };
  }

  /** A new epoch and a round-robin target over the members in id order. */
  private rebalance(group: FakeGroup): void {
    group.epoch += 1;
    const members = [...group.members.values()].sort((a, b) => (a.memberId < b.memberId ? -1 : 1));
    const target = new Map<string, Set<string>>(members.map((member) => [member.memberId, new Set()]));
    const topics = [...new Set(members.flatMap((member) => this.subscribedTopics(member)))].sort();
    let next = 0;
    for (const topic of topics) {
      const subscribers = members.filter((member) => this.subscribedTopics(member).includes(topic));
      for (let partition = 0; partition < (this.cluster.topics.get(topic)?.length ?? 0); partition++) {
        const member = subscribers[next++ % subscribers.length] as FakeMember;
        target.get(member.memberId)?.add(`${topic}\u0000${partition}`);
      }
    }
    group.target = target;
  }

  private subscribedTopics(member: FakeMember): string[] {
    if (member.regex === '') return member.topics;
    const pattern = new RegExp(`^(?:${member.regex})$`);
    return [...this.cluster.topics.keys()].filter((topic) => pattern.test(topic));
  }

  private offsetCommit(request: GroupWire.OffsetCommitRequest__Output): GroupWire.OffsetCommitResponse {
    const group = this.group(request.groupId);
    const member = group.members.get(request.memberId);
    if (request.memberId !== '' && member === undefined) return { errorCode: ErrorCodes.UNKNOWN_MEMBER_ID.code, errorMessage: '', topics: [] };
    if (member !== undefined && request.memberEpoch > member.epoch) return { errorCode: ErrorCodes.FENCED_MEMBER_EPOCH.code, errorMessage: '', topics: [] };
    return {
      errorCode: 0,
      errorMessage: '',
      topics: request.topics.map((topic) => ({
        topic: topic.topic,
        partitions: topic.partitions.map((entry) => {
          const key = `${topic.topic}\u0000${entry.partition}`;
          if (member !== undefined && !member.held.has(key)) return { partition: entry.partition, errorCode: ErrorCodes.STALE_MEMBER_EPOCH.code, errorMessage: '' };
          group.committed.set(key, BigInt(entry.offset));
          this.commits.push({ group: request.groupId, key, offset: BigInt(entry.offset) });
          return { partition: entry.partition, errorCode: 0, errorMessage: '' };
        }),
      })),
    };
  }

  private offsetFetch(request: GroupWire.OffsetFetchRequest__Output): GroupWire.OffsetFetchResponse {
    const group = this.group(request.groupId);
    return {
      errorCode: 0,
      errorMessage: '',
      topics: request.topics.map((topic) => ({
        topic: topic.topic,
        partitions: topic.partitions.map((partition) => ({ partition, offset: (group.committed.get(`${topic.topic}\u0000${partition}`) ?? -1n).toString(), leaderEpoch: -1, metadata: '', errorCode: 0 })),
      })),
    };
  }
}

function toWire(keys: readonly string[]): GroupWire.TopicPartitions[] {
  const byTopic = new Map<string, number[]>();
  for (const key of keys) {
    const [topic, partition] = key.split('\u0000') as [string, string];
    byTopic.set(topic, [...(byTopic.get(topic) ?? []), Number(partition)]);
  }
  return [...byTopic].map(([topic, partitions]) => ({ topic, topicId: `id-${topic}`, partitions: partitions.sort((a, b) => a - b) }));
}

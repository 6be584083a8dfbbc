// A model of consumers driving the real coordinator core: each simulated consumer tracks
// what it consumes (owns) and reacts to answers as a client would, promptly or slowly. The
// property test runs random steps through it and checks the invariants after each.
import type { HeartbeatResponse, TopicImage } from '../group-api';
import type { GroupRecord } from '../group-records';
import { GroupCoordinatorCore } from '../group-coordinator-core';
import { pairsOf, type Assignment } from '../topic-partitions';
import { assignmentOf } from './assignment-checks';
import { heartbeatRequest, TEST_CONFIG } from './coordinator-harness';

export const GROUP_ID = 'sim';

export interface SimulatedConsumer {
  readonly index: number;
  /** '' for a dynamic member. */
  readonly instanceId: string;
  /** Releases revoked partitions in the heartbeat that learns of it, or only when told to. */
  readonly prompt: boolean;
  /** 0 for the coordinator's default. */
  readonly rebalanceTimeoutMs: number;
  topics: readonly string[];
  /** `joined`: a member as far as it knows; `out`: not in the group (never joined, left, fenced). */
  status: 'out' | 'joined' | 'away' | 'crashed';
  memberId: string;
  memberEpoch: number;
  /** The last assignment it was given. */
  allowed: ReadonlySet<string>;
  /** What it consumes now: `topic-partition` names. */
  owned: Set<string>;
  /** True once the coordinator removed it while it still thinks it is in (a zombie until it hears). */
  fenced: boolean;
}

export class GroupSimulation {
  readonly records: GroupRecord[] = [];
  readonly core: GroupCoordinatorCore;
  readonly consumers: SimulatedConsumer[];
  topics = new Map<string, number>();
  nowMs = 0;
  private nextMemberNumber = 1;
  /** Highest epoch each member id was ever given, to check epochs never go back. */
  private readonly epochsSeen = new Map<string, number>();

  constructor(
    consumers: readonly { instanceId: string; prompt: boolean; rebalanceTimeoutMs: number; topics: readonly string[] }[],
    topics: Record<string, number>,
  ) {
    this.core = new GroupCoordinatorCore({ config: TEST_CONFIG, newMemberId: () => `member-${this.nextMemberNumber++}` });
    this.consumers = consumers.map((consumer, index) => ({
      ...consumer,
      index,
      status: 'out',
      memberId: '',
      memberEpoch: 0,
      allowed: new Set(),
      owned: new Set(),
      fenced: false,
    }));
    this.topics = new Map(Object.entries(topics));
  }

  get topicImage(): TopicImage {
    return new Map([...this.topics].map(([name, partitionCount]) => [name, { topicId: `id-${name}`, partitionCount }]));
  }

  /** Heartbeats as the consumer would now: joining when out, else at its epoch with what it owns. */
  heartbeat(consumer: SimulatedConsumer, memberEpoch = consumer.status === 'joined' ? consumer.memberEpoch : 0): HeartbeatResponse {
    const request = heartbeatRequest({
      groupId: GROUP_ID,
      memberId: memberEpoch === 0 && consumer.status !== 'joined' ? '' : consumer.memberId,
      memberEpoch,
      instanceId: consumer.instanceId,
      rebalanceTimeoutMs: consumer.rebalanceTimeoutMs,
      subscribedTopicNames: consumer.topics,
      owned: assignmentOf([...consumer.owned]),
    });
    const decision = this.core.heartbeat(request, { nowMs: this.nowMs, topics: this.topicImage });
    this.records.push(...decision.records);
    const { response } = decision;
    if (response.error === 'UNKNOWN_MEMBER_ID' || response.error === 'FENCED_MEMBER_EPOCH') {
      if (!consumer.fenced && consumer.status === 'joined') throw new Error(`${consumer.memberId} was refused (${response.error}) while the coordinator had not removed it`);
      this.dropEverything(consumer, 'out');
      return response;
    }
    if (response.error !== 'NONE') return response;
    if (memberEpoch < 0) {
      this.dropEverything(consumer, memberEpoch === -1 ? 'out' : 'away');
      return response;
    }
    this.onAssignment(consumer, response);
    return response;
  }

  private onAssignment(consumer: SimulatedConsumer, response: HeartbeatResponse): void {
    const seen = this.epochsSeen.get(response.memberId) ?? -1;
    if (response.memberEpoch < seen) throw new Error(`${response.memberId} went back from epoch ${seen} to ${response.memberEpoch}`);
    this.epochsSeen.set(response.memberId, response.memberEpoch);
    const allowed = new Set(namesOf(response.assignment));
    // A partition is taken away only when the member's target no longer holds it.
    const target = new Set(namesOf(this.core.describeGroups([GROUP_ID])[0]!.members.find((member) => member.memberId === response.memberId)!.targetAssignment));
    for (const name of consumer.allowed) {
      if (consumer.memberId === response.memberId && !allowed.has(name) && target.has(name)) {
        throw new Error(`${response.memberId} was told to drop ${name}, which its target keeps`);
      }
    }
    consumer.status = 'joined';
    consumer.memberId = response.memberId;
    consumer.memberEpoch = response.memberEpoch;
    consumer.allowed = allowed;
    for (const name of allowed) consumer.owned.add(name);
    if (consumer.prompt) this.release(consumer);
  }

  /** Lets go of what the last assignment no longer holds. */
  release(consumer: SimulatedConsumer): void {
    for (const name of [...consumer.owned]) if (!consumer.allowed.has(name)) consumer.owned.delete(name);
  }

  /** The process dies: it owns nothing, and the coordinator learns only by the session timeout. */
  crash(consumer: SimulatedConsumer): void {
    if (consumer.status === 'joined') this.dropEverything(consumer, 'crashed');
  }

  advance(ms: number): void {
    this.nowMs += ms;
    const decision = this.core.expire(this.nowMs);
    this.records.push(...decision.records);
    for (const removed of decision.response) {
      for (const consumer of this.consumers) {
        if (consumer.memberId !== removed.memberId) continue;
        if (consumer.status === 'joined') consumer.fenced = true;
        else if (consumer.status !== 'out') this.dropEverything(consumer, 'out');
      }
    }
  }

  /** Commits one partition as the consumer, at the epoch it holds; the error name. */
  commit(consumer: SimulatedConsumer, name: string): string {
    const [topic, partition] = [...pairsOf(assignmentOf([name]))][0]!;
    const decision = this.core.commitOffsets(
      { groupId: GROUP_ID, memberId: consumer.memberId, memberEpoch: consumer.memberEpoch, topics: [{ topic, partitions: [{ partition, offset: 1n, leaderEpoch: -1, metadata: '' }] }] },
      { nowMs: this.nowMs, topics: this.topicImage },
    );
    this.records.push(...decision.records);
    return decision.response.topics[0]!.partitions[0]!.error;
  }

  /** Consumers that own partitions with the coordinator's consent: in the group and not removed. */
  legitimateOwners(): SimulatedConsumer[] {
    return this.consumers.filter((consumer) => consumer.status === 'joined' && !consumer.fenced);
  }

  private dropEverything(consumer: SimulatedConsumer, status: SimulatedConsumer['status']): void {
    consumer.status = status;
    consumer.owned.clear();
    consumer.allowed = new Set();
    consumer.fenced = false;
    if (status === 'out' || status === 'crashed') consumer.memberEpoch = 0;
  }
}

export function namesOf(assignment: Assignment): string[] {
  return [...pairsOf(assignment)].map(([topic, partition]) => `${topic}-${partition}`);
}

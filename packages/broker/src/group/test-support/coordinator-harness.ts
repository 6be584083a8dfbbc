// Test helpers for the coordinator core: a core with counter member ids, topic images,
// heartbeat requests with defaults, and a check that replaying the records gives the same state.
import { GroupCoordinatorCore } from '../group-coordinator-core';
import type { GroupCoordinatorConfig } from '../group-config';
import type { HeartbeatRequest, RequestContext, TopicImage } from '../group-api';
import type { GroupRecord } from '../group-records';
import type { Assignment } from '../topic-partitions';
import { assignmentOf } from './assignment-checks';

export const TEST_CONFIG: Partial<GroupCoordinatorConfig> = {
  sessionTimeoutMs: 30_000,
  heartbeatIntervalMs: 3_000,
  rebalanceTimeoutMsDefault: 60_000,
};

export function topicsOf(partitionCounts: Record<string, number>): TopicImage {
  return new Map(Object.entries(partitionCounts).map(([name, partitionCount]) => [name, { topicId: `id-${name}`, partitionCount }]));
}

/** A core whose every decision's records are kept, to replay. */
export class RecordingCore {
  readonly records: GroupRecord[] = [];
  readonly core: GroupCoordinatorCore;
  private nextMemberNumber = 1;

  constructor(config: Partial<GroupCoordinatorConfig> = TEST_CONFIG) {
    this.core = new GroupCoordinatorCore({ config, newMemberId: () => `member-${this.nextMemberNumber++}` });
  }

  keep<T extends { records: readonly GroupRecord[] }>(decision: T): T {
    this.records.push(...decision.records);
    return decision;
  }

  heartbeat(request: Partial<HeartbeatRequest>, context: RequestContext) {
    return this.keep(this.core.heartbeat(heartbeatRequest(request), context)).response;
  }

  /** Replays what was recorded and expects the same durable state. */
  expectReplayMatches(nowMs = 0): void {
    const replayed = GroupCoordinatorCore.replay(this.records, nowMs, { config: this.core.config, newMemberId: () => 'unused' });
    expect(replayed.view()).toEqual(this.core.view());
  }
}

export function heartbeatRequest(request: Partial<HeartbeatRequest>): HeartbeatRequest {
  return {
    groupId: 'billing',
    memberId: '',
    memberEpoch: 0,
    instanceId: '',
    rackId: '',
    clientId: 'test',
    clientHost: '127.0.0.1',
    rebalanceTimeoutMs: 0,
    subscribedTopicNames: ['orders'],
    subscribedTopicRegex: '',
    serverAssignor: '',
    owned: [],
    ...request,
  };
}

/** `owned('orders-0', 'orders-1')` → the canonical assignment, for requests. */
export function owned(...names: string[]): Assignment {
  return assignmentOf(names);
}

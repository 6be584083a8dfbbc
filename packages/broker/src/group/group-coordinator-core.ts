// The group coordinator's pure core for the groups of one __consumer_offsets partition:
// requests in (with the time and the topics), answers and records out. No I/O, no clock,
// no randomness but the member ids the driver hands it. Rebuilt from its records by replay.
import { assert, isSamsaError } from '@samsa/protocol';
import type { ConsumerGroupView, GroupState } from './consumer-group';
import { GROUP_STATES } from './consumer-group';
import type { CommittedOffset, GroupRecord } from './group-records';
import {
  type AlterOffsetsRequest,
  type Decision,
  type GroupDescription,
  type GroupListing,
  type GroupResult,
  type HeartbeatRequest,
  type HeartbeatResponse,
  type OffsetCommitRequest,
  type OffsetCommitResponse,
  type OffsetFetchRequest,
  type OffsetFetchResponse,
  type RequestContext,
} from './group-api';
import { deletionOf, describeGroup, listingOf } from './group-admin';
import { GroupChanges } from './group-changes';
import { DEFAULT_GROUP_COORDINATOR_CONFIG, type GroupCoordinatorConfig, validateGroupCoordinatorConfig } from './group-config';
import { applyGroupRecord, type GroupEntry, groupExists, isForgotten, newGroupEntry } from './group-entry';
import { performHeartbeat } from './group-heartbeat';
import { groupIdError } from './group-id';
import { type HeartbeatSubject, subjectOf, validateHeartbeatRequest } from './heartbeat-subject';
import type { RemovalReason } from './member-sessions';
import { commitOffsets, fetchOffsets } from './offset-requests';

export interface GroupCoordinatorCoreOptions {
  readonly config?: Partial<GroupCoordinatorConfig>;
  /** Names members that join without an id (a UUID in production, a counter in tests). */
  readonly newMemberId: () => string;
}

export interface RemovedMember {
  readonly groupId: string;
  readonly memberId: string;
  readonly reason: RemovalReason;
}

/** The durable state of every group, for comparing a replay with the live core. */
export interface GroupCoordinatorView {
  readonly groups: readonly { readonly groupId: string; readonly membership: ConsumerGroupView; readonly offsets: readonly [string, number, CommittedOffset][] }[];
}

/**
 * Contract: calls are made one at a time. Every method that returns a `Decision` has already
 * applied its records; the driver persists them as `Decision` says. Methods without records
 * only read. `expire` and `nextDeadlineMs` are the driver's timer: call `expire(now)` at or
 * after `nextDeadlineMs()`, and again after any call, since calls move deadlines.
 */
export class GroupCoordinatorCore {
  readonly config: GroupCoordinatorConfig;
  private readonly groups = new Map<string, GroupEntry>();
  private readonly newMemberId: () => string;

  constructor(options: GroupCoordinatorCoreOptions) {
    this.config = { ...DEFAULT_GROUP_COORDINATOR_CONFIG, ...options.config };
    validateGroupCoordinatorConfig(this.config);
    this.newMemberId = options.newMemberId;
  }

  /**
   * The core that `records` (this partition's log, in order, possibly compacted) describe.
   * Timers start afresh at `nowMs`: every member gets a full session, and a member owing
   * revocations a full rebalance timeout.
   */
  static replay(records: Iterable<GroupRecord>, nowMs: number, options: GroupCoordinatorCoreOptions): GroupCoordinatorCore {
    const core = new GroupCoordinatorCore(options);
    for (const record of records) {
      const entry = core.groups.get(record.groupId) ?? newGroupEntry(record.groupId);
      core.groups.set(record.groupId, entry);
      applyGroupRecord(entry, record);
      if (isForgotten(entry)) core.groups.delete(record.groupId);
    }
    for (const { group, sessions } of core.groups.values()) {
      for (const memberId of group.memberIds()) {
        const { current, metadata } = group.member(memberId)!;
        sessions.heartbeat(memberId, nowMs, current, metadata.rebalanceTimeoutMs);
      }
    }
    return core;
  }

  heartbeat(request: HeartbeatRequest, context: RequestContext): Decision<HeartbeatResponse> {
    const existing = this.groups.get(request.groupId);
    let subject: HeartbeatSubject;
    try {
      validateHeartbeatRequest(request);
      subject = subjectOf(existing?.group, request, this.config, this.newMemberId);
    } catch (error) {
      if (!isSamsaError(error)) throw error;
      const response: HeartbeatResponse = {
        error: error.code,
        errorMessage: error.message,
        memberId: request.memberId,
        memberEpoch: request.memberEpoch,
        heartbeatIntervalMs: this.config.heartbeatIntervalMs,
        assignment: [],
      };
      return { response, records: [] };
    }
    const entry = existing ?? newGroupEntry(request.groupId);
    this.groups.set(request.groupId, entry);
    const changes = new GroupChanges(entry.group, entry.sessions);
    const scope = { changes, sessions: entry.sessions, config: this.config, nowMs: context.nowMs, topics: context.topics };
    const response = performHeartbeat(scope, subject, request);
    assert(groupExists(entry), 'a group a member heartbeats in exists');
    return { response, records: changes.records };
  }

  /** Removes members whose session or rebalance timeout has passed at `nowMs`. */
  expire(nowMs: number): Decision<readonly RemovedMember[]> {
    const removed: RemovedMember[] = [];
    const records: GroupRecord[] = [];
    for (const groupId of [...this.groups.keys()].sort()) {
      const entry = this.groups.get(groupId)!;
      const changes = new GroupChanges(entry.group, entry.sessions);
      for (const { memberId, reason } of entry.sessions.expired(nowMs, this.config.sessionTimeoutMs)) {
        changes.removeMember(memberId);
        removed.push({ groupId, memberId, reason });
      }
      records.push(...changes.records);
    }
    return { response: removed, records };
  }

  /** When `expire` next has something to do; null while no group has members. */
  nextDeadlineMs(): number | null {
    let next: number | null = null;
    for (const { sessions } of this.groups.values()) {
      const deadline = sessions.nextDeadlineMs(this.config.sessionTimeoutMs);
      if (deadline !== null) next = next === null ? deadline : Math.min(next, deadline);
    }
    return next;
  }

  commitOffsets(request: OffsetCommitRequest, context: RequestContext): Decision<OffsetCommitResponse> {
    return this.commitFor(request.groupId, request.memberId, request.memberEpoch, request.topics, context);
  }

  /** An operator's reset: refused with NON_EMPTY_GROUP while the group has members. */
  alterOffsets(request: AlterOffsetsRequest, context: RequestContext): Decision<OffsetCommitResponse> {
    if ((this.groups.get(request.groupId)?.group.memberCount ?? 0) > 0) {
      return { response: { error: 'NON_EMPTY_GROUP', errorMessage: `group ${request.groupId} has members: stop them first`, topics: [] }, records: [] };
    }
    return this.commitFor(request.groupId, '', -1, request.topics, context);
  }

  private commitFor(groupId: string, memberId: string, memberEpoch: number, topics: AlterOffsetsRequest['topics'], context: RequestContext): Decision<OffsetCommitResponse> {
    const refused = groupIdError(groupId);
    if (refused !== null) return { response: { ...refused, topics: [] }, records: [] };
    const entry = this.groups.get(groupId) ?? newGroupEntry(groupId);
    const decision = commitOffsets({ entry, context, config: this.config }, memberId, memberEpoch, topics);
    if (!isForgotten(entry)) this.groups.set(groupId, entry);
    return decision;
  }

  fetchOffsets(request: OffsetFetchRequest): OffsetFetchResponse {
    const refused = groupIdError(request.groupId);
    if (refused !== null) return { ...refused, topics: [] };
    return fetchOffsets(this.groups.get(request.groupId), request);
  }

  /** Existing groups in one of `states` (every state when empty), by group id. */
  listGroups(states: readonly string[]): GroupListing[] {
    const wanted = new Set(states.length > 0 ? states : GROUP_STATES);
    return [...this.groups.keys()]
      .sort()
      .map((groupId) => listingOf(this.groups.get(groupId)!))
      .filter((listing) => wanted.has(listing.state));
  }

  describeGroups(groupIds: readonly string[]): GroupDescription[] {
    return groupIds.map((groupId) => describeGroup(groupId, this.groups.get(groupId)));
  }

  deleteGroups(groupIds: readonly string[]): Decision<readonly GroupResult[]> {
    const results: GroupResult[] = [];
    const records: GroupRecord[] = [];
    for (const groupId of groupIds) {
      const entry = this.groups.get(groupId);
      const deletion = deletionOf(groupId, entry);
      for (const record of deletion.records) applyGroupRecord(entry!, record);
      if (entry !== undefined && isForgotten(entry)) this.groups.delete(groupId);
      results.push(deletion.result);
      records.push(...deletion.records);
    }
    return { response: results, records };
  }

  /** The state of the group now, or 'dead' when it does not exist. */
  groupState(groupId: string): GroupState {
    const entry = this.groups.get(groupId);
    return entry === undefined || !groupExists(entry) ? 'dead' : entry.group.state();
  }

  view(): GroupCoordinatorView {
    return {
      groups: [...this.groups.keys()].sort().map((groupId) => {
        const entry = this.groups.get(groupId)!;
        return { groupId, membership: entry.group.view(), offsets: entry.offsets.entries() };
      }),
    };
  }
}

// One consumer group's durable membership state (Kafka's `ConsumerGroup`): epochs, members,
// their targets and current assignments, and who owns which partition. Changed only by
// applying records, live or replayed, so the log rebuilds exactly what the coordinator had.
import { assert } from '@samsa/protocol';
import {
  type GroupRecord,
  JOINING_ASSIGNMENT,
  type MemberCurrentAssignment,
  type MemberMetadata,
  type SubscribedTopic,
} from './group-records';
import { type Assignment, epochedEntriesOf, PartitionMap } from './topic-partitions';

/** Kafka's consumer group states, as ListGroups and DescribeGroups name them. */
export type GroupState = 'empty' | 'assigning' | 'reconciling' | 'stable' | 'dead';

export const GROUP_STATES: readonly GroupState[] = ['empty', 'assigning', 'reconciling', 'stable', 'dead'];

export interface GroupMember {
  readonly memberId: string;
  readonly metadata: MemberMetadata;
  readonly target: Assignment;
  readonly current: MemberCurrentAssignment;
}

/** The membership records of a group in a form `toEqual` compares (tests, debugging). */
export interface ConsumerGroupView {
  readonly groupEpoch: number | null;
  readonly assignmentEpoch: number;
  readonly subscribedTopics: readonly SubscribedTopic[];
  readonly members: readonly MemberRecordsView[];
}

/** Whatever records say of one member id; between records of a replay, some may be missing. */
export interface MemberRecordsView {
  readonly memberId: string;
  readonly metadata: MemberMetadata | null;
  readonly target: Assignment | null;
  readonly current: MemberCurrentAssignment | null;
}

export type MembershipRecord = Exclude<GroupRecord, { kind: 'offset-commit' }>;

export class ConsumerGroup {
  /** Null until a `group-epoch` record (the group's creation), and again after its tombstone. */
  private groupEpochValue: number | null = null;
  private assignmentEpochValue = 0;
  private subscribedTopicsValue: readonly SubscribedTopic[] = [];
  private readonly metadata = new Map<string, MemberMetadata>();
  private readonly targets = new Map<string, Assignment>();
  private readonly currents = new Map<string, MemberCurrentAssignment>();
  /** Derived from `currents`: the member that holds each partition, assigned or pending revocation. */
  private readonly owners = new PartitionMap<string>();

  constructor(readonly groupId: string) {}

  /** True once created by a `group-epoch` record and until that record's tombstone. */
  get exists(): boolean {
    return this.groupEpochValue !== null;
  }

  get groupEpoch(): number {
    return this.groupEpochValue ?? 0;
  }

  /** The group epoch the current target assignment was computed at. */
  get assignmentEpoch(): number {
    return this.assignmentEpochValue;
  }

  get subscribedTopics(): readonly SubscribedTopic[] {
    return this.subscribedTopicsValue;
  }

  get memberCount(): number {
    return this.metadata.size;
  }

  /** Member ids, sorted. */
  memberIds(): string[] {
    return [...this.metadata.keys()].sort();
  }

  hasMember(memberId: string): boolean {
    return this.metadata.has(memberId);
  }

  member(memberId: string): GroupMember | undefined {
    const metadata = this.metadata.get(memberId);
    if (metadata === undefined) return undefined;
    return { memberId, metadata, target: this.targetOf(memberId), current: this.currentOf(memberId) };
  }

  memberByInstanceId(instanceId: string): GroupMember | undefined {
    assert(instanceId !== '', 'an instance id to look up');
    for (const [memberId, metadata] of this.metadata) if (metadata.instanceId === instanceId) return this.member(memberId);
    return undefined;
  }

  targetOf(memberId: string): Assignment {
    return this.targets.get(memberId) ?? [];
  }

  currentOf(memberId: string): MemberCurrentAssignment {
    return this.currents.get(memberId) ?? JOINING_ASSIGNMENT;
  }

  /** The member holding the partition (assigned or pending revocation), if any. */
  ownerOf(topic: string, partition: number): string | undefined {
    return this.owners.get(topic, partition);
  }

  /**
   * Kafka's state rules (dead, a group that does not exist, is the coordinator's to say):
   * no members → empty; a group epoch the target has not caught up with →
   * assigning; a member not yet stable at the target's epoch → reconciling; else stable.
   */
  state(): Exclude<GroupState, 'dead'> {
    if (this.metadata.size === 0) return 'empty';
    if (this.groupEpoch > this.assignmentEpoch) return 'assigning';
    for (const memberId of this.metadata.keys()) {
      const current = this.currentOf(memberId);
      if (current.state !== 'stable' || current.memberEpoch !== this.assignmentEpoch) return 'reconciling';
    }
    return 'stable';
  }

  /** True when no record of this group's membership is left (never created, or deleted). */
  isForgotten(): boolean {
    return (
      !this.exists &&
      this.metadata.size === 0 &&
      this.targets.size === 0 &&
      this.currents.size === 0 &&
      this.subscribedTopicsValue.length === 0 &&
      this.assignmentEpochValue === 0
    );
  }

  apply(record: MembershipRecord): void {
    assert(record.groupId === this.groupId, `a record of ${record.groupId} applied to ${this.groupId}`);
    switch (record.kind) {
      case 'group-epoch':
        assert(record.value === null || record.value.groupEpoch >= this.groupEpoch, 'the group epoch never goes back');
        this.groupEpochValue = record.value?.groupEpoch ?? null;
        return;
      case 'subscribed-topics':
        this.subscribedTopicsValue = record.value?.topics ?? [];
        return;
      case 'target-assignment-epoch':
        this.assignmentEpochValue = record.value?.assignmentEpoch ?? 0;
        return;
      case 'member-metadata':
        setOrDelete(this.metadata, record.memberId, record.value);
        return;
      case 'target-assignment-member':
        setOrDelete(this.targets, record.memberId, record.value?.partitions ?? null);
        return;
      case 'current-assignment':
        this.applyCurrentAssignment(record.memberId, record.value);
        return;
    }
  }

  private applyCurrentAssignment(memberId: string, value: MemberCurrentAssignment | null): void {
    const previous = this.currents.get(memberId);
    if (previous !== undefined) {
      for (const [topic, partition] of ownedEntries(previous)) this.owners.delete(topic, partition);
    }
    setOrDelete(this.currents, memberId, value);
    if (value === null) return;
    for (const [topic, partition] of ownedEntries(value)) {
      const owner = this.owners.get(topic, partition);
      assert(owner === undefined, `${topic}-${partition} given to ${memberId} while ${owner} owns it in group ${this.groupId}`);
      this.owners.set(topic, partition, memberId);
    }
  }

  view(): ConsumerGroupView {
    return {
      groupEpoch: this.groupEpochValue,
      assignmentEpoch: this.assignmentEpochValue,
      subscribedTopics: this.subscribedTopicsValue,
      members: [...new Set([...this.metadata.keys(), ...this.targets.keys(), ...this.currents.keys()])].sort().map((memberId) => ({
        memberId,
        metadata: this.metadata.get(memberId) ?? null,
        target: this.targets.get(memberId) ?? null,
        current: this.currents.get(memberId) ?? null,
      })),
    };
  }
}

function setOrDelete<V>(map: Map<string, V>, key: string, value: V | null): void {
  if (value === null) map.delete(key);
  else map.set(key, value);
}

function* ownedEntries(current: MemberCurrentAssignment): Generator<[string, number, number]> {
  yield* epochedEntriesOf(current.assigned);
  yield* epochedEntriesOf(current.pendingRevocation);
}

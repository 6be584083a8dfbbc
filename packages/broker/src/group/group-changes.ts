// The only way the coordinator changes a group: records, each applied as it is written and
// collected for the driver to persist. Also the changes several requests share: a new
// group epoch, a new view of the subscribed topics, a new target, removing a member.
import type { ConsumerGroup, MembershipRecord } from './consumer-group';
import type { TopicImage } from './group-api';
import type { GroupRecord } from './group-records';
import type { MemberSessions } from './member-sessions';
import { subscribedTopicsEqual, subscribedTopicsOf } from './subscriptions';
import { targetAssignmentRecords } from './target-assignment';

export class GroupChanges {
  private readonly written: GroupRecord[] = [];

  constructor(
    readonly group: ConsumerGroup,
    private readonly sessions: MemberSessions,
  ) {}

  /** The records written so far, in the order they were applied. */
  get records(): readonly GroupRecord[] {
    return this.written;
  }

  write(record: MembershipRecord): void {
    this.group.apply(record);
    this.written.push(record);
  }

  bumpGroupEpoch(): void {
    this.write({ kind: 'group-epoch', groupId: this.group.groupId, value: { groupEpoch: this.group.groupEpoch + 1 } });
  }

  /**
   * Writes the subscribed topics as the members' subscriptions and `topics` show them, if
   * they changed; true when they did (a new assignment is then due). Without `topics`, the
   * topics the group knows stand in for the metadata (enough when members only go).
   */
  refreshSubscribedTopics(topics: TopicImage | null): boolean {
    const image: TopicImage =
      topics ?? new Map(this.group.subscribedTopics.map((topic) => [topic.name, { topicId: topic.topicId, partitionCount: topic.partitionCount }]));
    const members = this.group.memberIds().map((memberId) => this.group.member(memberId)!.metadata);
    const subscribed = subscribedTopicsOf(members, image);
    if (subscribedTopicsEqual(subscribed, this.group.subscribedTopics)) return false;
    this.write({ kind: 'subscribed-topics', groupId: this.group.groupId, value: { topics: subscribed } });
    return true;
  }

  /** Computes and writes a new target when the group epoch is ahead of the target's. */
  updateTargetIfBehind(): void {
    if (this.group.groupEpoch === this.group.assignmentEpoch) return;
    for (const record of targetAssignmentRecords(this.group)) this.write(record);
  }

  /**
   * Removes a member (leave, expiry, or fencing by timeout): its partitions are free at once,
   * so the remaining members get them once the next target gives them out. Kafka's order:
   * current assignment, target, metadata, then the subscribed topics and a new group epoch.
   */
  removeMember(memberId: string): void {
    this.write({ kind: 'current-assignment', groupId: this.group.groupId, memberId, value: null });
    this.write({ kind: 'target-assignment-member', groupId: this.group.groupId, memberId, value: null });
    this.write({ kind: 'member-metadata', groupId: this.group.groupId, memberId, value: null });
    this.sessions.remove(memberId);
    this.refreshSubscribedTopics(null);
    this.bumpGroupEpoch();
  }
}

import type { GroupDescription, GroupListing, GroupOffsetsDescription, OffsetReset, TopicPartitions } from '@samsa/client';
import { renderTable } from '../output/table';

/** `samsa group list --json`: one object per group, sorted by id. */
export interface GroupListEntryJson {
  readonly group: string;
  readonly state: string;
  readonly members: number;
  readonly coordinator: number;
}

export interface GroupMemberJson {
  readonly memberId: string;
  readonly instanceId: string | null;
  readonly clientId: string;
  readonly clientHost: string;
  readonly memberEpoch: number;
  readonly assignment: readonly TopicPartitions[];
  readonly targetAssignment: readonly TopicPartitions[];
}

/**
 * `samsa group describe --json`, DESIGN.md's shape. Offsets are JSON numbers (they stay
 * below 2^53); `committed` is null where the group has committed nothing (a partition only
 * assigned), `end` null for a topic deleted since, and `lag` (= end - committed) null when
 * either is: kafka-consumer-groups prints '-' for those.
 */
export interface GroupDescriptionJson {
  readonly group: string;
  readonly state: string;
  readonly members: readonly GroupMemberJson[];
  readonly offsets: readonly { readonly topic: string; readonly partition: number; readonly committed: number | null; readonly end: number | null; readonly lag: number | null }[];
}

export function groupListJson(groups: readonly GroupListing[]): GroupListEntryJson[] {
  return groups.map((group) => ({ group: group.groupId, state: group.state, members: group.members, coordinator: group.coordinator }));
}

export function formatGroupList(groups: readonly GroupListing[]): string {
  if (groups.length === 0) return 'no groups\n';
  return renderTable(['group', 'state', 'members', 'coordinator'], groups.map((group) => [group.groupId, group.state, group.members, group.coordinator]));
}

export function groupDescriptionJson({ group, offsets }: GroupOffsetsDescription): GroupDescriptionJson {
  return {
    group: group.groupId,
    state: group.state,
    members: group.members.map((member) => ({
      memberId: member.memberId,
      instanceId: member.instanceId,
      clientId: member.clientId,
      clientHost: member.clientHost,
      memberEpoch: member.memberEpoch,
      assignment: member.assignment,
      targetAssignment: member.targetAssignment,
    })),
    offsets: offsets.map((entry) => ({ topic: entry.topic, partition: entry.partition, committed: numberOrNull(entry.committed), end: numberOrNull(entry.end), lag: numberOrNull(entry.lag) })),
  };
}

export function formatGroupDescription(description: GroupOffsetsDescription): string {
  const { group, offsets } = description;
  const lines = [`GROUP ${group.groupId}  (state ${group.state}, ${plural(group.members.length, 'member')}, coordinator ${group.coordinator}, assignor ${group.assignor || '-'}, epoch ${group.groupEpoch})`, ''];
  lines.push(
    offsets.length === 0
      ? 'no committed offsets\n'
      : renderTable(['topic', 'partition', 'committed', 'end', 'lag', 'member'], offsets.map((entry) => [entry.topic, entry.partition, dash(entry.committed), dash(entry.end), dash(entry.lag), entry.memberId ?? '-'])),
  );
  if (group.members.length > 0) {
    lines.push(renderTable(['member', 'client', 'host', 'epoch', 'assigned', 'target'], membersRows(group)));
  }
  return lines.join('\n');
}

export interface OffsetResetJson {
  readonly group: string;
  readonly dryRun: boolean;
  readonly offsets: readonly { readonly topic: string; readonly partition: number; readonly previous: number | null; readonly offset: number }[];
}

export function offsetResetJson(groupId: string, dryRun: boolean, plan: readonly OffsetReset[]): OffsetResetJson {
  return { group: groupId, dryRun, offsets: plan.map((entry) => ({ topic: entry.topic, partition: entry.partition, previous: numberOrNull(entry.previous), offset: Number(entry.offset) })) };
}

export function formatOffsetReset(groupId: string, dryRun: boolean, plan: readonly OffsetReset[]): string {
  const heading = dryRun ? `Dry run: the offsets group ${groupId} would get (nothing changed).` : `Reset the offsets of group ${groupId}.`;
  return `${heading}\n\n${renderTable(['topic', 'partition', 'previous', 'new'], plan.map((entry) => [entry.topic, entry.partition, dash(entry.previous), String(entry.offset)]))}`;
}

function membersRows(group: GroupDescription): string[][] {
  return group.members.map((member) => [member.memberId, member.clientId || '-', member.clientHost || '-', String(member.memberEpoch), formatAssignment(member.assignment), formatAssignment(member.targetAssignment)]);
}

/** `orders:0,1 audit:3`, or `-` for nothing. */
export function formatAssignment(assignment: readonly TopicPartitions[]): string {
  const parts = assignment.filter((entry) => entry.partitions.length > 0).map((entry) => `${entry.topic}:${entry.partitions.join(',')}`);
  return parts.length === 0 ? '-' : parts.join(' ');
}

function numberOrNull(value: bigint | null): number | null {
  return value === null ? null : Number(value);
}

function dash(value: bigint | null): string {
  return value === null ? '-' : String(value);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

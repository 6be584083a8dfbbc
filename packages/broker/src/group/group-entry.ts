// Everything the coordinator holds for one group id: membership, committed offsets, and the
// in-memory session timers. Records are applied here, live and on replay alike.
import { ConsumerGroup } from './consumer-group';
import { CommittedOffsets } from './committed-offsets';
import type { GroupRecord } from './group-records';
import { MemberSessions } from './member-sessions';

export interface GroupEntry {
  readonly group: ConsumerGroup;
  readonly offsets: CommittedOffsets;
  readonly sessions: MemberSessions;
}

export function newGroupEntry(groupId: string): GroupEntry {
  return { group: new ConsumerGroup(groupId), offsets: new CommittedOffsets(), sessions: new MemberSessions() };
}

export function applyGroupRecord(entry: GroupEntry, record: GroupRecord): void {
  if (record.kind === 'offset-commit') entry.offsets.apply(record);
  else entry.group.apply(record);
}

/** A group exists while it has membership records (its epoch) or committed offsets. */
export function groupExists(entry: GroupEntry): boolean {
  return entry.group.exists || entry.group.memberCount > 0 || entry.offsets.size > 0;
}

/** True when nothing of the group is left: the coordinator can drop the entry. */
export function isForgotten(entry: GroupEntry): boolean {
  return entry.group.isForgotten() && entry.offsets.size === 0;
}

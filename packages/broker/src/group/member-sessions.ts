// The coordinator's timers, as data: when each member was last heard from and by when it
// must finish revoking. Kept in memory only (Kafka does not persist them either): after a
// coordinator moves, every member starts a fresh session.
import type { MemberCurrentAssignment } from './group-records';

export type RemovalReason = 'session-timeout' | 'rebalance-timeout';

interface MemberSession {
  readonly lastHeartbeatMs: number;
  /** Set while the member owes revocations: removed if still owing then. */
  readonly revocationDeadlineMs: number | null;
}

export class MemberSessions {
  private readonly sessions = new Map<string, MemberSession>();

  /**
   * Records a heartbeat at `nowMs` that left the member with `current`. The revocation
   * deadline starts when the member first owes revocations and stays until it owes none.
   */
  heartbeat(memberId: string, nowMs: number, current: MemberCurrentAssignment, rebalanceTimeoutMs: number): void {
    const previous = this.sessions.get(memberId);
    const owesRevocations = current.state === 'unrevoked-partitions';
    this.sessions.set(memberId, {
      lastHeartbeatMs: nowMs,
      revocationDeadlineMs: owesRevocations ? (previous?.revocationDeadlineMs ?? nowMs + rebalanceTimeoutMs) : null,
    });
  }

  remove(memberId: string): void {
    this.sessions.delete(memberId);
  }

  /** Members to remove at `nowMs`, in member id order. */
  expired(nowMs: number, sessionTimeoutMs: number): { memberId: string; reason: RemovalReason }[] {
    const expired: { memberId: string; reason: RemovalReason }[] = [];
    for (const memberId of [...this.sessions.keys()].sort()) {
      const session = this.sessions.get(memberId)!;
      if (nowMs >= session.lastHeartbeatMs + sessionTimeoutMs) expired.push({ memberId, reason: 'session-timeout' });
      else if (session.revocationDeadlineMs !== null && nowMs >= session.revocationDeadlineMs) {
        expired.push({ memberId, reason: 'rebalance-timeout' });
      }
    }
    return expired;
  }

  /** The earliest time `expired` may return something, null with no members. */
  nextDeadlineMs(sessionTimeoutMs: number): number | null {
    let next: number | null = null;
    for (const session of this.sessions.values()) {
      const sessionEnd = session.lastHeartbeatMs + sessionTimeoutMs;
      const deadline = session.revocationDeadlineMs === null ? sessionEnd : Math.min(sessionEnd, session.revocationDeadlineMs);
      next = next === null ? deadline : Math.min(next, deadline);
    }
    return next;
  }

  memberIds(): string[] {
    return [...this.sessions.keys()].sort();
  }
}

import { assert } from './assert';
import type { ConfState } from './types';

interface Membership {
  readonly index: number;
  readonly conf: ConfState;
}

/**
 * Configurations take effect when their conf-change entry is committed (see README). The
 * application, however, snapshots at its applied index, which may lag the commit index, so
 * we keep every configuration committed after the applied index plus the one in force at
 * it. The list is short: the leader allows one unapplied change at a time per term.
 */
export class MembershipLog {
  private memberships: Membership[];

  constructor(index: number, conf: ConfState) {
    this.memberships = [{ index, conf }];
  }

  /** The configuration in force at the commit index; it decides quorums. */
  current(): ConfState {
    const last = this.memberships[this.memberships.length - 1];
    assert(last !== undefined, 'membership log is never empty');
    return last.conf;
  }

  /** The configuration in force at `index`, for snapshots taken at the applied index. */
  at(index: number): ConfState {
    let found = this.memberships[0];
    for (const membership of this.memberships) {
      if (membership.index <= index) found = membership;
    }
    assert(found !== undefined, 'membership log is never empty');
    return found.conf;
  }

  push(index: number, conf: ConfState): void {
    const last = this.memberships[this.memberships.length - 1];
    assert(last !== undefined && index > last.index, `membership index ${index} not increasing`);
    this.memberships.push({ index, conf });
  }

  /** Forgets configurations superseded at or before the applied index. */
  pruneTo(appliedIndex: number): void {
    while (this.memberships.length > 1 && (this.memberships[1]?.index ?? Infinity) <= appliedIndex) {
      this.memberships.shift();
    }
  }

  reset(index: number, conf: ConfState): void {
    this.memberships = [{ index, conf }];
  }
}

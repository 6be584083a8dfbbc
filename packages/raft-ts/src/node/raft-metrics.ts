import { Counter, Gauge, type Registry } from 'prom-client';
import type { Status } from '../raw-node';

/** prom-client metrics of one Raft node, registered on the caller's registry. */
export class RaftMetrics {
  private readonly term: Gauge;
  private readonly commitIndex: Gauge;
  private readonly appliedIndex: Gauge;
  private readonly isLeader: Gauge;
  private readonly leaderChanges: Counter;

  constructor(registry: Registry, prefix = 'samsa_raft') {
    this.term = new Gauge({ name: `${prefix}_term`, help: 'Current Raft term', registers: [registry] });
    this.commitIndex = new Gauge({ name: `${prefix}_commit_index`, help: 'Highest log index known committed', registers: [registry] });
    this.appliedIndex = new Gauge({ name: `${prefix}_applied_index`, help: 'Highest log index applied to the state machine', registers: [registry] });
    this.isLeader = new Gauge({ name: `${prefix}_is_leader`, help: '1 when this node is the Raft leader', registers: [registry] });
    this.leaderChanges = new Counter({ name: `${prefix}_leader_changes_total`, help: 'Times this node saw the leader change', registers: [registry] });
  }

  update(status: Status): void {
    this.term.set(status.term);
    this.commitIndex.set(status.commitIndex);
    this.appliedIndex.set(status.appliedIndex);
    this.isLeader.set(status.role === 'leader' ? 1 : 0);
  }

  leaderChanged(): void {
    this.leaderChanges.inc();
  }
}

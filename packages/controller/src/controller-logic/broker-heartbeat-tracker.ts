import { assert } from '@samsa/protocol';

/**
 * When each broker was last heard from, on the controller leader's monotonic clock. This
 * is soft state, not in the metadata log: a new leader starts empty and gives every broker
 * a full session from the moment it first looks (`startSessions`), as Kafka does, so a
 * failover never fences brokers that were healthy a moment ago.
 */
export class BrokerHeartbeatTracker {
  private readonly lastHeartbeatMsByBroker = new Map<number, number>();

  recordHeartbeat(brokerId: number, nowMs: number): void {
    assert(Number.isFinite(nowMs), 'nowMs must be a finite number');
    const lastMs = this.lastHeartbeatMsByBroker.get(brokerId);
    // The clock is monotonic, but a late-delivered heartbeat must not move time backwards.
    this.lastHeartbeatMsByBroker.set(brokerId, lastMs === undefined ? nowMs : Math.max(lastMs, nowMs));
  }

  /** Starts a session at `nowMs` for each broker not tracked yet; tracked ones keep theirs. */
  startSessions(brokerIds: Iterable<number>, nowMs: number): void {
    for (const brokerId of brokerIds) {
      if (!this.lastHeartbeatMsByBroker.has(brokerId)) this.lastHeartbeatMsByBroker.set(brokerId, nowMs);
    }
  }

  /** Forgets a broker (unregistered, or fenced and no longer owed a session). */
  forget(brokerId: number): void {
    this.lastHeartbeatMsByBroker.delete(brokerId);
  }

  lastHeartbeatMs(brokerId: number): number | undefined {
    return this.lastHeartbeatMsByBroker.get(brokerId);
  }

  /** Tracked brokers not heard from for longer than the session timeout, by id. */
  expiredBrokers(nowMs: number, sessionTimeoutMs: number): number[] {
    assert(sessionTimeoutMs > 0, 'sessionTimeoutMs must be positive');
    return [...this.lastHeartbeatMsByBroker.entries()]
      .filter(([, lastMs]) => nowMs - lastMs > sessionTimeoutMs)
      .map(([brokerId]) => brokerId)
      .sort((a, b) => a - b);
  }
}

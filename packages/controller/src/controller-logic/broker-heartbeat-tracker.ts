import { assert } from '@samsa/protocol';

/** One broker registration: the id and the epoch its heartbeats carry. */
export interface BrokerIdAndEpoch {
  readonly brokerId: number;
  readonly brokerEpoch: number;
}

/**
 * When each broker registration was last heard from, on the controller leader's monotonic
 * clock. This is soft state, not in the metadata log: a new leader starts empty and gives
 * every broker a full session from the moment it first looks (`startSessions`), as Kafka
 * does, so a failover never fences brokers that were healthy a moment ago.
 *
 * Contact is recorded when a heartbeat arrives (`touch`), before it waits its turn in the
 * controller's request queue, as Kafka's `trackBrokerHeartbeat` does: a queue backed up past
 * the session timeout must not make live brokers look dead. Since an arriving heartbeat has
 * not been checked against the image yet, contact is kept per (broker id, broker epoch): a
 * heartbeat from an old incarnation never keeps the current registration alive.
 */
export class BrokerHeartbeatTracker {
  private readonly contacts = new Map<number, { readonly brokerEpoch: number; readonly lastMs: number }>();

  /** A heartbeat from this registration arrived at `nowMs`. One from an epoch older than one already heard is ignored. */
  touch(brokerId: number, brokerEpoch: number, nowMs: number): void {
    assert(Number.isFinite(nowMs), 'nowMs must be a finite number');
    const contact = this.contacts.get(brokerId);
    if (contact === undefined || brokerEpoch > contact.brokerEpoch) {
      this.contacts.set(brokerId, { brokerEpoch, lastMs: nowMs });
    } else if (brokerEpoch === contact.brokerEpoch) {
      // The clock is monotonic, but a late-delivered heartbeat must not move time backwards.
      this.contacts.set(brokerId, { brokerEpoch, lastMs: Math.max(contact.lastMs, nowMs) });
    }
  }

  /** Starts a session at `nowMs` for each registration not heard from under its epoch; others keep theirs. */
  startSessions(registrations: Iterable<BrokerIdAndEpoch>, nowMs: number): void {
    for (const { brokerId, brokerEpoch } of registrations) {
      const contact = this.contacts.get(brokerId);
      if (contact === undefined || contact.brokerEpoch < brokerEpoch) this.contacts.set(brokerId, { brokerEpoch, lastMs: nowMs });
    }
  }

  /** Forgets a broker (unregistered, or fenced and no longer owed a session). */
  forget(brokerId: number): void {
    this.contacts.delete(brokerId);
  }

  /** When this registration was last heard from, if it has been. */
  lastContactMs(brokerId: number, brokerEpoch: number): number | undefined {
    const contact = this.contacts.get(brokerId);
    return contact?.brokerEpoch === brokerEpoch ? contact.lastMs : undefined;
  }

  /** Of `registrations`, those heard from under their epoch but not for longer than the session timeout, by id. */
  expiredBrokers(registrations: Iterable<BrokerIdAndEpoch>, nowMs: number, sessionTimeoutMs: number): number[] {
    assert(sessionTimeoutMs > 0, 'sessionTimeoutMs must be positive');
    const expired: number[] = [];
    for (const { brokerId, brokerEpoch } of registrations) {
      const lastMs = this.lastContactMs(brokerId, brokerEpoch);
      if (lastMs !== undefined && nowMs - lastMs > sessionTimeoutMs) expired.push(brokerId);
    }
    return expired.sort((a, b) => a - b);
  }
}

import { MetadataImage } from '@samsa/metadata';
import { BrokerHeartbeatTracker } from './broker-heartbeat-tracker';
import { fenceExpiredBrokers, handleBrokerHeartbeat } from './broker-heartbeat';
import { registerBroker } from './broker-registration';
import { unregisterBroker } from './broker-unregistration';
import { clusterOf, commit, heartbeat, leaderAltersIsr, partitionOf, register, withTopic } from '../test-support/cluster';
import { withCode } from '../test-support/error-matchers';

const listeners = [{ name: 'PLAINTEXT', host: 'localhost', port: 9092 }];

describe('broker registration', () => {
  it('gives a new broker a fresh epoch and starts it fenced', () => {
    const result = registerBroker(MetadataImage.EMPTY, { brokerId: 1, incarnationId: 'x', listeners, rack: 'r1' });
    expect(result.response.brokerEpoch).toBe(1);
    const image = commit(MetadataImage.EMPTY, result);
    expect(image.broker(1)).toMatchObject({ fenced: true, brokerEpoch: 1, rack: 'r1', listeners });
    const second = registerBroker(image, { brokerId: 2, incarnationId: 'y', listeners, rack: null });
    expect(second.response.brokerEpoch).toBe(2);
  });

  it('answers a retry from the same incarnation with the same epoch and no records', () => {
    const image = register(MetadataImage.EMPTY, 1);
    const retry = registerBroker(image, { brokerId: 1, incarnationId: '1-a', listeners, rack: null });
    expect(retry).toEqual({ records: [], response: { brokerEpoch: image.broker(1)?.brokerEpoch } });
  });

  it('re-registers a restarted broker with a new epoch, fenced, its leaderships moved away in the same batch', () => {
    const image = withTopic(clusterOf(3), 'orders', 1, 3);
    expect(partitionOf(image, 'orders').leader).toBe(1);
    const result = registerBroker(image, { brokerId: 1, incarnationId: 'restarted', listeners, rack: null });
    expect(result.response.brokerEpoch).toBe(image.lastBrokerEpoch + 1);
    const after = commit(image, result);
    expect(after.broker(1)).toMatchObject({ fenced: true, incarnationId: 'restarted' });
    expect(partitionOf(after, 'orders')).toMatchObject({ leader: 2, isr: [2, 3], leaderEpoch: 1 });
  });

  it.each([
    ['a negative broker id', { brokerId: -1 }],
    ['an empty incarnation id', { incarnationId: '' }],
    ['no listeners', { listeners: [] }],
    ['a port out of range', { listeners: [{ name: 'P', host: 'h', port: 70000 }] }],
    ['an empty rack name', { rack: '' }],
  ])('refuses %s with INVALID_REQUEST', (_what, override) => {
    const request = { brokerId: 1, incarnationId: 'x', listeners, rack: null, ...override };
    expect(() => registerBroker(MetadataImage.EMPTY, request)).toThrow(withCode('INVALID_REQUEST'));
  });

  it('unregisters a broker after moving its leaderships away', () => {
    const image = withTopic(clusterOf(2), 'orders', 1, 2);
    const after = commit(image, unregisterBroker(image, 1));
    expect(after.broker(1)).toBeUndefined();
    expect(partitionOf(after, 'orders')).toMatchObject({ leader: 2, isr: [2] });
    expect(() => unregisterBroker(after, 1)).toThrow(withCode('INVALID_REQUEST'));
  });
});

describe('broker heartbeats', () => {
  it('keeps a broker fenced until it has applied its own registration, then unfences it', () => {
    const image = register(MetadataImage.EMPTY, 1);
    const broker = image.broker(1)!;
    const request = { brokerId: 1, brokerEpoch: broker.brokerEpoch, wantShutdown: false };
    const behind = handleBrokerHeartbeat(image, { ...request, currentMetadataOffset: broker.registrationOffset - 1 });
    expect(behind).toEqual({ records: [], response: { state: 'fenced', isCaughtUp: false } });
    const caughtUp = handleBrokerHeartbeat(image, { ...request, currentMetadataOffset: broker.registrationOffset });
    expect(caughtUp.response).toEqual({ state: 'unfenced', isCaughtUp: true });
    expect(caughtUp.records).toEqual([{ type: 'UnfenceBroker', brokerId: 1, brokerEpoch: broker.brokerEpoch }]);
    expect(commit(image, caughtUp).isUnfenced(1)).toBe(true);
  });

  it('answers an unfenced broker with no records', () => {
    const image = clusterOf(1);
    expect(heartbeat(image, 1).result).toEqual({ records: [], response: { state: 'unfenced', isCaughtUp: true } });
  });

  it('refuses a stale or unknown broker epoch with STALE_BROKER_EPOCH', () => {
    const image = clusterOf(1);
    const stale = { brokerId: 1, brokerEpoch: 99, currentMetadataOffset: 0, wantShutdown: false };
    expect(() => handleBrokerHeartbeat(image, stale)).toThrow(withCode('STALE_BROKER_EPOCH'));
    expect(() => handleBrokerHeartbeat(image, { ...stale, brokerId: 7 })).toThrow(withCode('STALE_BROKER_EPOCH'));
  });

  it('on controlled shutdown moves leaderships and ISR memberships away first, then says shut down', () => {
    const image = withTopic(clusterOf(3), 'orders', 3, 3);
    expect(image.partitionsLedBy(2)).toHaveLength(1);
    const { image: after, result } = heartbeat(image, 2, { wantShutdown: true });
    expect(result.response.state).toBe('shutdown');
    expect(after.isUnfenced(2)).toBe(false);
    expect(after.partitionsLedBy(2)).toEqual([]);
    expect(after.allPartitions().every((partition) => !partition.isr.includes(2))).toBe(true);
    expect(after.offlinePartitions()).toEqual([]);
    // Further heartbeats from the stopping broker change nothing.
    expect(heartbeat(after, 2, { wantShutdown: true }).result).toEqual({ records: [], response: { state: 'shutdown', isCaughtUp: true } });
  });

  it('survives a rolling restart of every broker with no partition ever offline', () => {
    let image = withTopic(clusterOf(3), 'orders', 6, 3);
    for (const brokerId of [1, 2, 3]) {
      image = heartbeat(image, brokerId, { wantShutdown: true }).image;
      expect(image.offlinePartitions()).toEqual([]);
      image = register(image, brokerId, null, `restart-${brokerId}`);
      image = heartbeat(image, brokerId).image;
      // The leader of each partition takes the restarted broker back into its ISR.
      for (const partition of image.allPartitions()) {
        image = leaderAltersIsr(image, 'orders', partition.partition, [...partition.isr, brokerId]);
      }
      expect(image.offlinePartitions()).toEqual([]);
    }
  });
});

describe('BrokerHeartbeatTracker and session expiry', () => {
  const registrations = [
    { brokerId: 1, brokerEpoch: 10 },
    { brokerId: 2, brokerEpoch: 20 },
  ];

  it('reports brokers silent for longer than the session timeout', () => {
    const tracker = new BrokerHeartbeatTracker();
    tracker.touch(1, 10, 1000);
    tracker.touch(2, 20, 3000);
    expect(tracker.expiredBrokers(registrations, 4000, 3000)).toEqual([]);
    expect(tracker.expiredBrokers(registrations, 4001, 3000)).toEqual([1]);
    expect(tracker.expiredBrokers(registrations, 9000, 3000)).toEqual([1, 2]);
  });

  it('never moves a broker’s last heartbeat backwards, and forgets on request', () => {
    const tracker = new BrokerHeartbeatTracker();
    tracker.touch(1, 10, 5000);
    tracker.touch(1, 10, 4000);
    expect(tracker.lastContactMs(1, 10)).toBe(5000);
    tracker.forget(1);
    expect(tracker.expiredBrokers(registrations, 1e9, 1)).toEqual([]);
  });

  it('keeps contact per broker epoch: an old incarnation’s heartbeats never keep the current registration alive', () => {
    const tracker = new BrokerHeartbeatTracker();
    tracker.startSessions(registrations, 0);
    tracker.touch(1, 9, 2500);
    expect(tracker.lastContactMs(1, 10)).toBe(0);
    expect(tracker.expiredBrokers(registrations, 3001, 3000)).toEqual([1, 2]);
    // A newer registration's heartbeat replaces the old one's contact.
    tracker.touch(2, 21, 2500);
    expect(tracker.lastContactMs(2, 21)).toBe(2500);
    tracker.touch(2, 20, 2900);
    expect(tracker.lastContactMs(2, 21)).toBe(2500);
  });

  it('fences a broker whose session expired and moves its leaderships', () => {
    const image = withTopic(clusterOf(3), 'orders', 3, 2);
    const tracker = new BrokerHeartbeatTracker();
    tracker.startSessions(image.unfencedBrokers(), 0);
    tracker.touch(1, image.broker(1)!.brokerEpoch, 2500);
    tracker.touch(3, image.broker(3)!.brokerEpoch, 2500);
    const result = fenceExpiredBrokers(image, { tracker, nowMs: 3500, sessionTimeoutMs: 3000 });
    expect(result.response.fencedBrokerIds).toEqual([2]);
    const after = commit(image, result);
    expect(after.isUnfenced(2)).toBe(false);
    expect(after.partitionsLedBy(2)).toEqual([]);
  });

  it('gives every broker a full session when a new controller leader starts with an empty tracker', () => {
    const image = clusterOf(2);
    const tracker = new BrokerHeartbeatTracker();
    const first = fenceExpiredBrokers(image, { tracker, nowMs: 100_000, sessionTimeoutMs: 3000 });
    expect(first.records).toEqual([]);
    const later = fenceExpiredBrokers(image, { tracker, nowMs: 103_001, sessionTimeoutMs: 3000 });
    expect(later.response.fencedBrokerIds).toEqual([1, 2]);
  });
});

import { MetadataCache } from './metadata-cache';
import type { BrokerWire } from '@samsa/protocol';

const response = (leader: number, leaderEpoch: number): BrokerWire.MetadataResponse__Output => ({
  clusterId: 'c',
  controllerId: 1,
  brokers: [
    { id: 1, host: 'h1', port: 1, rack: '' },
    { id: 2, host: 'h2', port: 2, rack: '' },
  ],
  topics: [{ errorCode: 0, name: 't', topicId: 'id', partitions: [{ errorCode: 0, partition: 0, leader, leaderEpoch, replicas: [1, 2], isr: [1, 2] }] }],
});

describe('MetadataCache', () => {
  it('indexes brokers by id and partitions by number', () => {
    const cache = new MetadataCache();
    cache.apply(response(1, 3), 10);
    expect(cache.broker(2)?.address).toBe('h2:2');
    expect(cache.partition('t', 0)).toMatchObject({ leader: 1, leaderEpoch: 3 });
    expect(cache.updatedAtMs).toBe(10);
  });

  it('takes a newer leader from a hint and never goes back to an older epoch', () => {
    const cache = new MetadataCache();
    cache.apply(response(1, 3), 10);
    expect(cache.applyLeaderHint('t', 0, { leaderId: 2, leaderEpoch: 4 })).toBe(true);
    expect(cache.applyLeaderHint('t', 0, { leaderId: 1, leaderEpoch: 2 })).toBe(false);
    cache.apply(response(1, 3), 20); // a lagging broker's answer
    expect(cache.partition('t', 0)).toMatchObject({ leader: 2, leaderEpoch: 4 });
    cache.apply(response(1, 5), 30);
    expect(cache.partition('t', 0)).toMatchObject({ leader: 1, leaderEpoch: 5 });
  });

  it('ignores hints naming an unknown broker', () => {
    const cache = new MetadataCache();
    cache.apply(response(1, 3), 10);
    expect(cache.applyLeaderHint('t', 0, { leaderId: 9, leaderEpoch: 7 })).toBe(false);
  });
});

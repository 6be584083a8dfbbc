import { fenceBroker } from './broker-fencing';
import { allocateProducerIds } from './producer-id-allocation';
import { electPreferredLeaders } from './preferred-leader-election';
import { clusterOf, commit, heartbeat, leaderAltersIsr, partitionOf, register, withTopic } from '../test-support/cluster';
import { withCode } from '../test-support/error-matchers';

describe('preferred leader election', () => {
  const base = withTopic(clusterOf(3), 't', 3, 3);
  // Broker 1 fails and comes back; the leader it lost then takes it back into the ISR.
  const failed = commit(base, fenceBroker(base, 1));
  const returned = heartbeat(register(failed, 1, null, 'restart'), 1).image;

  it('leaves leadership with the stand-in until the preferred replica is back in the ISR', () => {
    expect(partitionOf(returned, 't', 0).leader).not.toBe(1);
    expect(electPreferredLeaders(returned).records).toEqual([]);
  });

  it('moves leadership back to the first replica once it is in sync and unfenced, bumping the leader epoch', () => {
    const before = partitionOf(returned, 't', 0);
    const inSync = leaderAltersIsr(returned, 't', 0, [...before.isr, 1]);
    const result = electPreferredLeaders(inSync);
    expect(result.response).toEqual([{ topicName: 't', partition: 0, leader: 1 }]);
    const after = commit(inSync, result);
    expect(partitionOf(after, 't', 0)).toMatchObject({ leader: 1, leaderEpoch: before.leaderEpoch + 1 });
    expect(electPreferredLeaders(after).records).toEqual([]);
  });

  it('can be limited to named topics', () => {
    const before = partitionOf(returned, 't', 0);
    const inSync = leaderAltersIsr(returned, 't', 0, [...before.isr, 1]);
    expect(electPreferredLeaders(inSync, ['other']).records).toEqual([]);
  });
});

describe('producer id blocks', () => {
  const image = clusterOf(2);

  it('hands out consecutive, non-overlapping blocks of 1000', () => {
    const first = allocateProducerIds(image, image.broker(1)!);
    expect(first.response).toEqual({ firstProducerId: 0n, size: 1000 });
    const after = commit(image, first);
    const second = allocateProducerIds(after, after.broker(2)!);
    expect(second.response).toEqual({ firstProducerId: 1000n, size: 1000 });
    expect(commit(after, second).nextProducerId).toBe(2000n);
  });

  it('refuses a stale broker epoch', () => {
    expect(() => allocateProducerIds(image, { brokerId: 1, brokerEpoch: 77 })).toThrow(withCode('STALE_BROKER_EPOCH'));
  });
});

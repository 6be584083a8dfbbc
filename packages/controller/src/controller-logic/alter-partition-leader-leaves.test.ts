import { alterPartition } from './alter-partition';
import { clusterOf, commit, partitionOf, withTopic } from '../test-support/cluster';
import { withCode } from '../test-support/error-matchers';

// Topic `t`: one partition, replicas [1, 2, 3], ISR [1, 2, 3], led by 1 at epochs 0/0.
const base = withTopic(clusterOf(4), 't', 1, 3);

/** AlterPartition from the leader of `t`-0 with the current epochs. */
function fromLeader(image: typeof base, newIsr: number[]) {
  const state = partitionOf(image, 't');
  const leader = image.broker(state.leader)!;
  return alterPartition(image, { ...state, brokerId: leader.brokerId, brokerEpoch: leader.brokerEpoch, newIsr });
}

describe('AlterPartition: a leader that cannot serve its log leaves the ISR (issue 9, finding 2)', () => {
  it('elects another in-sync replica, bumping the leader epoch', () => {
    const result = fromLeader(base, [2, 3]);
    expect(result.response).toMatchObject({ leader: 2, isr: [2, 3], leaderEpoch: 1, partitionEpoch: 1 });
    expect(partitionOf(commit(base, result), 't')).toEqual(result.response);
  });

  it('takes the first in-sync replica in replica order, as fencing does', () => {
    const shrunk = commit(base, fromLeader(base, [1, 3]));
    expect(fromLeader(shrunk, [3]).response).toMatchObject({ leader: 3, isr: [3], leaderEpoch: 1 });
  });

  it('refuses a leader alone in the ISR, and any other change at the same time', () => {
    const alone = commit(base, fromLeader(base, [1]));
    expect(() => fromLeader(alone, [])).toThrow(withCode('INVALID_REQUEST'));
    expect(() => fromLeader(base, [2])).toThrow(/may only leave an ISR of others, as \[2, 3\]/);
    expect(() => fromLeader(base, [3, 2])).toThrow(withCode('INVALID_REQUEST'));
  });
});

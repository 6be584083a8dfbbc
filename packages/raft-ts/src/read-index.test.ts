import { NotLeaderError } from './errors';
import { TestCluster } from './testing/test-cluster';

const context = (id: number): Uint8Array => new Uint8Array([id]);

describe('ReadIndex (Raft thesis §6.4)', () => {
  it('the leader confirms leadership with a heartbeat round, then releases the read at its commit index', () => {
    const cluster = new TestCluster({ voters: [1, 2, 3] });
    cluster.campaign(1);
    cluster.propose(1, 'written');
    const commit = cluster.raw(1).status().commitIndex;
    cluster.raw(1).readIndex(context(7));
    expect(cluster.get(1).readStates).toEqual([]);
    cluster.stabilize();
    expect(cluster.get(1).readStates).toEqual([{ index: commit, context: context(7) }]);
  });

  it('a follower forwards the read and gets it back once it applied the index', () => {
    const cluster = new TestCluster({ voters: [1, 2, 3] });
    cluster.campaign(1);
    cluster.propose(1, 'written');
    cluster.raw(2).readIndex(context(9));
    cluster.stabilize();
    const [read] = cluster.get(2).readStates;
    expect(read?.context).toEqual(context(9));
    expect(read?.index).toBe(cluster.raw(1).status().commitIndex);
    expect(cluster.raw(2).status().appliedIndex).toBeGreaterThanOrEqual(read?.index ?? Infinity);
  });

  it('a leader cut off from its quorum never confirms a read', () => {
    const cluster = new TestCluster({ voters: [1, 2, 3] });
    cluster.campaign(1);
    cluster.isolate(1);
    cluster.raw(1).readIndex(context(1));
    cluster.tick(1, 5);
    cluster.stabilize();
    expect(cluster.get(1).readStates).toEqual([]);
  });

  it('a new leader holds reads until it commits an entry of its own term', () => {
    const cluster = new TestCluster({ voters: [1, 2, 3], options: { preVote: false } });
    cluster.isolate(1);
    cluster.raw(1).campaign();
    cluster.stabilize();
    cluster.heal();
    cluster.raw(1).step({ kind: 'vote-response', from: 2, to: 1, term: 2, reject: false });
    expect(cluster.raw(1).status().role).toBe('leader');
    cluster.raw(1).readIndex(context(3));
    expect(cluster.raw(1).hasReady()).toBe(true);
    const ready = cluster.raw(1).ready();
    expect(ready.messages.every((m) => m.kind !== 'heartbeat')).toBe(true);
    expect(ready.readStates).toEqual([]);
    cluster.raw(1).advance(ready);
    cluster.get(1).storage.append(ready.entries);
    for (const message of ready.messages) cluster.raw(message.to).step(message);
    cluster.stabilize();
    expect(cluster.get(1).readStates).toEqual([{ index: 2, context: context(3) }]);
  });

  it('a node without a known leader refuses reads', () => {
    const cluster = new TestCluster({ voters: [1, 2, 3] });
    expect(() => cluster.raw(2).readIndex(context(1))).toThrow(NotLeaderError);
  });
});

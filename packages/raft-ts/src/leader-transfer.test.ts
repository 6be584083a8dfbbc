import { RequestDroppedError } from './errors';
import { TestCluster } from './testing/test-cluster';

describe('leadership transfer (Raft thesis §3.10)', () => {
  it('hands leadership to an up-to-date follower via TimeoutNow, bypassing the lease', () => {
    const cluster = new TestCluster({ voters: [1, 2, 3] });
    cluster.campaign(1);
    const term = cluster.raw(1).status().term;
    cluster.raw(1).transferLeadership(3);
    cluster.stabilize();
    expect(cluster.leader()).toBe(3);
    expect(cluster.raw(3).status().term).toBe(term + 1);
    expect(cluster.raw(1).status().role).toBe('follower');
  });

  it('catches a lagging target up before sending TimeoutNow', () => {
    const cluster = new TestCluster({ voters: [1, 2, 3] });
    cluster.campaign(1);
    cluster.isolate(3);
    for (let i = 0; i < 5; i += 1) cluster.propose(1, `entry-${i}`);
    cluster.heal();
    cluster.raw(1).transferLeadership(3);
    expect(() => cluster.raw(1).propose(new Uint8Array(1))).toThrow(RequestDroppedError);
    cluster.stabilize();
    expect(cluster.leader()).toBe(3);
    expect(cluster.appliedTexts(3)).toHaveLength(5);
  });

  it('abandons a transfer to an unreachable target after an election timeout', () => {
    const cluster = new TestCluster({ voters: [1, 2, 3] });
    cluster.campaign(1);
    cluster.isolate(3);
    cluster.raw(1).transferLeadership(3);
    cluster.tickAll(12);
    expect(cluster.leader()).toBe(1);
    expect(() => cluster.propose(1, 'accepted-again')).not.toThrow();
  });
});

import { RequestDroppedError, InvalidRequestError } from './errors';
import { electLeader, loneNode } from './testing/single-node';
import { TestCluster } from './testing/test-cluster';

describe('membership changes (single-server, Raft thesis §4.1)', () => {
  it('a learner receives the log but neither votes nor counts toward commit', () => {
    const cluster = new TestCluster({ voters: [1, 2, 3], joiners: [4] });
    cluster.campaign(1);
    cluster.raw(1).proposeConfChange({ type: 'add-learner', nodeId: 4 });
    cluster.stabilize();
    expect(cluster.raw(1).status().conf).toEqual({ voters: [1, 2, 3], learners: [4] });
    cluster.propose(1, 'to-learner');
    expect(cluster.appliedTexts(4)).toEqual(['to-learner']);
    // With two voters cut off, the leader plus a learner cannot commit.
    cluster.cut(1, 2);
    cluster.cut(1, 3);
    cluster.propose(1, 'stuck');
    expect(cluster.appliedTexts(4)).toEqual(['to-learner']);
    // A learner never campaigns, however long it goes without a leader.
    cluster.isolate(4);
    cluster.tick(4, 100);
    expect(cluster.raw(4).status().role).toBe('follower');
  });

  it('a learner is promoted to voter and then counts toward quorum', () => {
    const cluster = new TestCluster({ voters: [1, 2, 3], joiners: [4] });
    cluster.campaign(1);
    cluster.raw(1).proposeConfChange({ type: 'add-learner', nodeId: 4 });
    cluster.stabilize();
    cluster.raw(1).proposeConfChange({ type: 'add-voter', nodeId: 4 });
    cluster.stabilize();
    expect(cluster.raw(4).status().conf).toEqual({ voters: [1, 2, 3, 4], learners: [] });
    cluster.cut(1, 2);
    cluster.propose(1, 'needs-three-of-four');
    expect(cluster.appliedTexts(1)).toEqual(['needs-three-of-four']);
  });

  it('a removed voter no longer counts, and the cluster commits without it', () => {
    const cluster = new TestCluster({ voters: [1, 2, 3] });
    cluster.campaign(1);
    cluster.raw(1).proposeConfChange({ type: 'remove-node', nodeId: 3 });
    cluster.stabilize();
    expect(cluster.raw(1).status().conf.voters).toEqual([1, 2]);
    cluster.isolate(3);
    cluster.propose(1, 'two-voters');
    expect(cluster.appliedTexts(2)).toEqual(['two-voters']);
  });

  it('a leader that removes itself steps down once the removal commits', () => {
    const cluster = new TestCluster({ voters: [1, 2, 3] });
    cluster.campaign(1);
    cluster.raw(1).proposeConfChange({ type: 'remove-node', nodeId: 1 });
    cluster.stabilize();
    expect(cluster.raw(1).status().role).toBe('follower');
    cluster.isolate(1);
    cluster.tickAll(40);
    expect([2, 3]).toContain(cluster.leader());
  });

  it('a new leader accepts no change until it has committed an entry of its term', () => {
    const leader = loneNode({ id: 1, conf: { voters: [1, 2, 3], learners: [] }, options: { preVote: false } });
    electLeader(leader, [2]);
    expect(leader.raw.status().role).toBe('leader');
    expect(() => leader.raw.proposeConfChange({ type: 'add-learner', nodeId: 4 })).toThrow(RequestDroppedError);
    leader.raw.step({ kind: 'append-response', from: 2, to: 1, term: 2, reject: false, index: 2 });
    expect(() => leader.raw.proposeConfChange({ type: 'add-learner', nodeId: 4 })).not.toThrow();
  });

  it('only one change may be pending until it commits', () => {
    const cluster = new TestCluster({ voters: [1, 2, 3], joiners: [4, 5] });
    cluster.campaign(1);
    cluster.isolate(1);
    cluster.raw(1).proposeConfChange({ type: 'add-learner', nodeId: 4 });
    expect(() => cluster.raw(1).proposeConfChange({ type: 'add-learner', nodeId: 5 })).toThrow(RequestDroppedError);
    expect(() => cluster.raw(1).proposeConfChange({ type: 'remove-node', nodeId: 99 })).toThrow(RequestDroppedError);
  });

  it('removing the last voter is refused', () => {
    const cluster = new TestCluster({ voters: [1] });
    cluster.campaign(1);
    expect(() => cluster.raw(1).proposeConfChange({ type: 'remove-node', nodeId: 1 })).toThrow(InvalidRequestError);
  });

  it('a restarted node rebuilds its configuration from the committed log', () => {
    const cluster = new TestCluster({ voters: [1, 2, 3], joiners: [4] });
    cluster.campaign(1);
    cluster.raw(1).proposeConfChange({ type: 'add-voter', nodeId: 4 });
    cluster.stabilize();
    cluster.restart(2);
    expect(cluster.raw(2).status().conf.voters).toEqual([1, 2, 3, 4]);
  });
});

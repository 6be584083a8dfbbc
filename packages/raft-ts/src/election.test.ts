import { ofKind, drain, electLeader, loneNode } from './testing/single-node';
import { TestCluster } from './testing/test-cluster';

const conf = { voters: [1, 2, 3], learners: [] };

describe('leader election (Raft §5.2)', () => {
  it('a candidate that wins a majority becomes leader and appends an empty entry of its term', () => {
    const node = loneNode({ id: 1, conf, options: { preVote: false } });
    node.raw.campaign();
    const requests = ofKind(drain(node), 'vote-request');
    expect(requests.map((m) => m.to)).toEqual([2, 3]);
    expect(node.raw.status()).toMatchObject({ role: 'candidate', term: 2, vote: 1 });
    node.raw.step({ kind: 'vote-response', from: 2, to: 1, term: 2, reject: false });
    expect(node.raw.status().role).toBe('leader');
    const appends = ofKind(drain(node), 'append');
    expect(appends[0]?.entries).toEqual([{ term: 2, index: 2, type: 'normal', data: new Uint8Array(0) }]);
  });

  it('a candidate rejected by a majority returns to follower', () => {
    const node = loneNode({ id: 1, conf, options: { preVote: false } });
    node.raw.campaign();
    node.raw.step({ kind: 'vote-response', from: 2, to: 1, term: 2, reject: true });
    node.raw.step({ kind: 'vote-response', from: 3, to: 1, term: 2, reject: true });
    expect(node.raw.status().role).toBe('follower');
  });

  it('a voter grants at most one vote per term (§5.2)', () => {
    const node = loneNode({ id: 3, conf });
    node.raw.step({ kind: 'vote-request', from: 1, to: 3, term: 2, lastLogIndex: 1, lastLogTerm: 1, transfer: false });
    node.raw.step({ kind: 'vote-request', from: 2, to: 3, term: 2, lastLogIndex: 1, lastLogTerm: 1, transfer: false });
    const responses = ofKind(drain(node), 'vote-response');
    expect(responses.map((m) => [m.to, m.reject])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(node.storage.hardState()).toMatchObject({ term: 2, vote: 1 });
  });

  it('a voter denies candidates whose log is less up-to-date (§5.4.1)', () => {
    const node = loneNode({ id: 3, conf, logTerms: [2, 2] });
    node.raw.step({ kind: 'vote-request', from: 1, to: 3, term: 3, lastLogIndex: 2, lastLogTerm: 2, transfer: false });
    node.raw.step({ kind: 'vote-request', from: 2, to: 3, term: 4, lastLogIndex: 9, lastLogTerm: 1, transfer: false });
    expect(ofKind(drain(node), 'vote-response').map((m) => m.reject)).toEqual([true, true]);
  });

  it('a follower campaigns after its randomized election timeout, within [n, 2n) ticks', () => {
    const node = loneNode({ id: 1, conf, options: { preVote: false, electionTicks: 10 } });
    let ticks = 0;
    while (node.raw.status().role === 'follower' && ticks < 100) {
      node.raw.tick();
      ticks += 1;
    }
    expect(ticks).toBeGreaterThanOrEqual(10);
    expect(ticks).toBeLessThan(20);
  });

  it('a cluster elects exactly one leader and keeps it while the network is healthy', () => {
    const cluster = new TestCluster({ voters: [1, 2, 3, 4, 5] });
    cluster.tickAll(40);
    const leader = cluster.leader();
    expect(leader).toBeDefined();
    const leaders = [...cluster.nodes.values()].filter((n) => n.node.status().role === 'leader');
    expect(leaders).toHaveLength(1);
    cluster.tickAll(100);
    expect(cluster.leader()).toBe(leader);
  });
});

describe('pre-vote (Raft thesis §9.6)', () => {
  it('a partitioned node does not raise its term, so rejoining does not depose the leader', () => {
    const cluster = new TestCluster({ voters: [1, 2, 3] });
    cluster.campaign(1);
    const term = cluster.raw(1).status().term;
    cluster.isolate(3);
    cluster.tickAll(100);
    expect(cluster.raw(3).status().term).toBe(term);
    expect(cluster.raw(3).status().role).toBe('pre-candidate');
    cluster.heal();
    cluster.tickAll(5);
    expect(cluster.leader()).toBe(1);
    expect(cluster.raw(1).status().term).toBe(term);
  });

  it('a pre-vote request does not change the receiver’s term or vote', () => {
    const node = loneNode({ id: 2, conf });
    node.raw.step({ kind: 'pre-vote-request', from: 1, to: 2, term: 5, lastLogIndex: 1, lastLogTerm: 1 });
    const [response] = ofKind(drain(node), 'pre-vote-response');
    expect(response).toMatchObject({ reject: false, term: 5 });
    expect(node.raw.status()).toMatchObject({ term: 1, vote: 0 });
  });
});

describe('check-quorum and leader lease', () => {
  it('a leader that hears from no quorum for an election timeout steps down', () => {
    const cluster = new TestCluster({ voters: [1, 2, 3] });
    cluster.campaign(1);
    cluster.isolate(1);
    cluster.tickAll(25);
    expect(cluster.raw(1).status().role).not.toBe('leader');
  });

  it('a follower that recently heard from the leader ignores a higher-term vote request', () => {
    const cluster = new TestCluster({ voters: [1, 2, 3], options: { preVote: false } });
    cluster.campaign(1);
    const term = cluster.raw(2).status().term;
    cluster.raw(2).step({ kind: 'vote-request', from: 3, to: 2, term: term + 1, lastLogIndex: 99, lastLogTerm: term, transfer: false });
    expect(cluster.raw(2).status().term).toBe(term);
    expect(cluster.raw(2).hasReady()).toBe(false);
  });

  it('a stale leader learns the new term from the answer to its heartbeat', () => {
    const leader = loneNode({ id: 1, conf, options: { preVote: false } });
    electLeader(leader, [2]);
    const term = leader.raw.status().term;
    leader.raw.step({ kind: 'append-response', from: 2, to: 1, term: term + 1, reject: false, index: 0 });
    expect(leader.raw.status()).toMatchObject({ role: 'follower', term: term + 1 });
  });
});

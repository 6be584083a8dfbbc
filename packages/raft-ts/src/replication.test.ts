import { NotLeaderError } from './errors';
import { drain, electLeader, loneNode, ofKind } from './testing/single-node';
import { TestCluster } from './testing/test-cluster';

const conf = { voters: [1, 2, 3], learners: [] };
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('log replication (Raft §5.3)', () => {
  it('a follower rejects an append whose previous entry it does not hold, with a hint', () => {
    const follower = loneNode({ id: 2, conf, logTerms: [2, 2, 3, 3, 3] });
    follower.raw.step({ kind: 'append', from: 1, to: 2, term: 5, prevLogIndex: 6, prevLogTerm: 4, entries: [], commit: 1 });
    const [response] = ofKind(drain(follower), 'append-response');
    // Our term at 6 is 3, and 3 starts at index 4: the leader may skip the whole term.
    expect(response).toMatchObject({ reject: true, index: 6, hintIndex: 4, hintTerm: 3 });
  });

  it('a follower with a short log names its end', () => {
    const follower = loneNode({ id: 2, conf, logTerms: [2] });
    follower.raw.step({ kind: 'append', from: 1, to: 2, term: 5, prevLogIndex: 9, prevLogTerm: 4, entries: [], commit: 1 });
    expect(ofKind(drain(follower), 'append-response')[0]).toMatchObject({ reject: true, hintIndex: 3, hintTerm: 0 });
  });

  it('a follower truncates a conflicting suffix and appends the leader’s entries (log matching)', () => {
    const follower = loneNode({ id: 2, conf, logTerms: [2, 3, 3] });
    const entries = [{ term: 4, index: 3, type: 'normal' as const, data: bytes('x') }];
    follower.raw.step({ kind: 'append', from: 1, to: 2, term: 4, prevLogIndex: 2, prevLogTerm: 2, entries, commit: 3 });
    expect(ofKind(drain(follower), 'append-response')[0]).toMatchObject({ reject: false, index: 3 });
    expect(follower.storage.lastIndex()).toBe(3);
    expect(follower.storage.term(3)).toBe(4);
    expect(follower.storage.hardState().commit).toBe(3);
  });

  it('fast backtracking repairs a long divergent log in a few round trips', () => {
    const cluster = new TestCluster({ voters: [1, 2, 3], options: { preVote: false } });
    cluster.campaign(1);
    cluster.propose(1, 'base');
    cluster.isolate(1);
    // The deposed leader accumulates a long suffix that never commits.
    for (let i = 0; i < 50; i += 1) cluster.raw(1).propose(bytes(`lost-${i}`));
    cluster.tickAll(40);
    const leader = cluster.leader();
    expect(leader === 2 || leader === 3).toBe(true);
    for (let i = 0; i < 10; i += 1) cluster.propose(leader ?? 0, `kept-${i}`);
    cluster.heal();
    const before = cluster.delivered.length;
    cluster.tickAll(5);
    const rejections = cluster.delivered.slice(before).filter((m) => m.kind === 'append-response' && m.reject && m.from === 1);
    // One rejection names the stale term and the leader skips all 50 entries at once.
    expect(rejections.length).toBeLessThanOrEqual(2);
    expect(cluster.appliedTexts(1)).toEqual(cluster.appliedTexts(leader ?? 0));
    expect(cluster.appliedTexts(1)).not.toContain('lost-0');
    expect(cluster.appliedTexts(1)).toContain('kept-9');
  });

  it('batches entries up to maxBytesPerMessage and pipelines up to maxInflightAppends', () => {
    const leader = loneNode({ id: 1, conf, options: { preVote: false, maxBytesPerMessage: 200, maxInflightAppends: 2 } });
    electLeader(leader, [2]);
    // Acknowledge the empty entry so follower 2 enters replicate state.
    leader.raw.step({ kind: 'append-response', from: 2, to: 1, term: 2, reject: false, index: 2 });
    drain(leader);
    for (let i = 0; i < 10; i += 1) leader.raw.propose(new Uint8Array(100));
    const appends = ofKind(drain(leader), 'append').filter((m) => m.to === 2 && m.entries.length > 0);
    expect(appends.every((m) => m.entries.length === 1)).toBe(true);
    // Two appends in flight, the rest wait for acknowledgments.
    expect(appends).toHaveLength(2);
  });

  it('proposals on a follower throw NotLeaderError with the leader as hint', () => {
    const cluster = new TestCluster({ voters: [1, 2, 3] });
    cluster.campaign(1);
    expect(() => cluster.raw(2).propose(bytes('x'))).toThrow(NotLeaderError);
    try {
      cluster.raw(2).propose(bytes('x'));
    } catch (error) {
      expect((error as NotLeaderError).leaderId).toBe(1);
      expect((error as NotLeaderError).retriable).toBe(true);
    }
    const lonely = loneNode({ id: 1, conf });
    expect(() => lonely.raw.propose(bytes('x'))).toThrow(expect.objectContaining({ leaderId: undefined }));
  });
});

describe('commit rule (Raft §5.4.2, Figure 8)', () => {
  it('a leader does not commit an entry of an earlier term by counting replicas', () => {
    // The leader holds index 2 from term 2 and, once elected in term 4, its own empty entry at 3.
    const leader = loneNode({ id: 1, conf: { voters: [1, 2, 3, 4, 5], learners: [] }, logTerms: [2], term: 3, options: { preVote: false } });
    electLeader(leader, [2, 3]);
    expect(leader.raw.status()).toMatchObject({ role: 'leader', term: 4, lastIndex: 3 });
    leader.raw.step({ kind: 'append-response', from: 2, to: 1, term: 4, reject: false, index: 2 });
    leader.raw.step({ kind: 'append-response', from: 3, to: 1, term: 4, reject: false, index: 2 });
    expect(leader.raw.status().commitIndex).toBe(1);
    leader.raw.step({ kind: 'append-response', from: 2, to: 1, term: 4, reject: false, index: 3 });
    leader.raw.step({ kind: 'append-response', from: 3, to: 1, term: 4, reject: false, index: 3 });
    // Committing the term-4 entry commits the term-2 entry before it, indirectly.
    expect(leader.raw.status().commitIndex).toBe(3);
  });
});

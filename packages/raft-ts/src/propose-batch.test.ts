import { NotLeaderError } from './errors';
import { ofKind } from './testing/single-node';
import { TestCluster } from './testing/test-cluster';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('proposeBatch', () => {
  it('appends the entries at consecutive indexes and replicates them in one message per follower', () => {
    const cluster = new TestCluster({ voters: [1, 2, 3] });
    cluster.campaign(1);
    cluster.stabilize();
    const lastBefore = cluster.raw(1).status().lastIndex;
    const deliveredBefore = cluster.delivered.length;
    const result = cluster.raw(1).proposeBatch(['a', 'b', 'c'].map(bytes));
    expect(result.index).toBe(lastBefore + 1);
    expect(cluster.raw(1).status().lastIndex).toBe(lastBefore + 3);
    cluster.stabilize();
    const appends = ofKind(cluster.delivered.slice(deliveredBefore), 'append').filter((append) => append.entries.length > 0);
    expect(appends.map((append) => append.to).sort()).toEqual([2, 3]);
    for (const append of appends) expect(append.entries.map((entry) => new TextDecoder().decode(entry.data))).toEqual(['a', 'b', 'c']);
  });

  it('fails as a whole on a follower, naming the leader', () => {
    const cluster = new TestCluster({ voters: [1, 2, 3] });
    cluster.campaign(1);
    expect(() => cluster.raw(2).proposeBatch([bytes('x')])).toThrow(NotLeaderError);
  });

  it('commits and applies every entry of the batch in order on every node', () => {
    const cluster = new TestCluster({ voters: [1, 2, 3] });
    cluster.campaign(1);
    cluster.raw(1).proposeBatch(['one', 'two', 'three'].map(bytes));
    cluster.stabilize();
    for (const id of [1, 2, 3]) expect(cluster.appliedTexts(id)).toEqual(['one', 'two', 'three']);
  });
});

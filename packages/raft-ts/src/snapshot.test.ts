import { TestCluster } from './testing/test-cluster';

/** Compacts `id`'s log at its applied index, as an application snapshotting would. */
function snapshotAndCompact(cluster: TestCluster, id: number, data: Uint8Array): number {
  const node = cluster.get(id);
  const index = node.node.status().appliedIndex;
  node.storage.createSnapshot(index, node.node.appliedConfState(), data);
  node.storage.compact(index);
  return index;
}

describe('snapshots and log compaction (Raft §7)', () => {
  it('a follower behind the leader’s first index receives the snapshot in chunks, then entries', () => {
    const cluster = new TestCluster({ voters: [1, 2, 3], options: { maxSnapshotChunkBytes: 100 } });
    cluster.campaign(1);
    cluster.isolate(3);
    for (let i = 0; i < 20; i += 1) cluster.propose(1, `entry-${i}`);
    const data = new Uint8Array(1000).map((_, i) => i & 0xff);
    const snapshotIndex = snapshotAndCompact(cluster, 1, data);
    cluster.propose(1, 'after-snapshot');
    cluster.heal();
    cluster.tickAll(3);

    const chunks = cluster.delivered.filter((m) => m.kind === 'install-snapshot' && m.to === 3);
    expect(chunks.length).toBeGreaterThanOrEqual(10);
    expect(chunks.every((m) => m.kind === 'install-snapshot' && m.data.length <= 100)).toBe(true);
    const follower = cluster.get(3);
    expect(follower.snapshots).toHaveLength(1);
    expect(follower.snapshots[0]?.metadata.index).toBe(snapshotIndex);
    expect(follower.snapshots[0]?.data).toEqual(data);
    expect(follower.storage.firstIndex()).toBe(snapshotIndex + 1);
    expect(cluster.appliedTexts(3)).toEqual(['after-snapshot']);
    expect(follower.node.status().commitIndex).toBe(cluster.raw(1).status().commitIndex);
  });

  it('a lost chunk is resent after the next heartbeat', () => {
    const cluster = new TestCluster({ voters: [1, 2, 3], options: { maxSnapshotChunkBytes: 100 } });
    cluster.campaign(1);
    cluster.isolate(3);
    for (let i = 0; i < 5; i += 1) cluster.propose(1, `entry-${i}`);
    snapshotAndCompact(cluster, 1, new Uint8Array(350));
    cluster.heal();
    // Drop the first chunk by cutting the link just while the leader starts the transfer.
    cluster.cut(1, 3);
    cluster.tickAll(1);
    cluster.heal();
    cluster.tickAll(3);
    expect(cluster.get(3).snapshots).toHaveLength(1);
  });

  it('a restarted node recovers from its snapshot and log without re-applying compacted entries', () => {
    const cluster = new TestCluster({ voters: [1, 2, 3] });
    cluster.campaign(1);
    for (let i = 0; i < 5; i += 1) cluster.propose(1, `entry-${i}`);
    const index = snapshotAndCompact(cluster, 2, new Uint8Array(8));
    cluster.restart(2);
    cluster.get(2).applied = [];
    cluster.propose(1, 'later');
    expect(cluster.raw(2).status().appliedIndex).toBeGreaterThan(index);
    expect(cluster.appliedTexts(2)).toEqual(['later']);
  });
});

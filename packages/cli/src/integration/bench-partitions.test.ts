import * as fs from 'node:fs';
import * as os from 'node:os';
import { runPartitionsBench } from '../bench/partitions-bench';

/**
 * `samsa bench partitions` end to end on a small count (its own 3-node cluster, about 20 s):
 * every step finishes, the figures are filled in, no partition stays offline after the kill,
 * and the cluster and its temp directory are gone afterwards.
 */
jest.setTimeout(120_000);

test('bench partitions --count 12 --idle-seconds 1: every step finishes and the cluster is removed', async () => {
  const tempBefore = new Set(fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('samsa-bench-partitions-')));
  const result = await runPartitionsBench({ count: 12, nodes: 3, idleSeconds: 1, json: undefined }, { note: () => undefined, sink: { isTty: false, write: () => undefined }, interrupted: new Promise<never>(() => undefined) });

  expect(result.failure).toBeNull();
  expect(result.createSeconds).toBeGreaterThan(0);
  expect(result.allLedFullIsrSeconds).toBeGreaterThanOrEqual(result.createSeconds!);
  expect(result.idle?.map((node) => node.node)).toEqual([1, 2, 3]);
  for (const node of result.idle ?? []) {
    expect(node.rssMiB).toBeGreaterThan(10);
    expect(node.openFds).toBeGreaterThan(10);
    expect(node.cpuPercent).toBeGreaterThanOrEqual(0);
  }
  expect(result.failover).toMatchObject({ offlineAfterKill: 0 });
  expect(result.failover!.partitionsLed).toBeGreaterThan(0);
  expect(result.failover!.leadershipsMovedSeconds).toBeGreaterThan(0);
  expect(result.rejoin).toMatchObject({ partitionsReplicated: 12 });
  expect(result.rejoin!.backInEveryIsrSeconds).toBeGreaterThan(0);
  const leftOver = fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('samsa-bench-partitions-') && !tempBefore.has(name));
  expect(leftOver).toEqual([]);
});

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ExampleCluster, type ExampleNodeProcess, exampleNodeScript } from '../testing/example-cluster';
import { waitFor } from '../testing/wait-for';

/**
 * Three raft-example-node processes over gRPC on loopback, each on its own FileStorage.
 * The leader is SIGKILLed mid-stream; a new leader must be elected, nothing acknowledged
 * may be lost, and the killed node, restarted on its data directory, must catch up through
 * a snapshot (its log was compacted away on the others meanwhile).
 *
 * Spawns `dist/bin/raft-example-node.js`: `npm test` builds it (`tsc -b`) before jest.
 */
const FLAGS = [
  '--tick-ms', '50', // election timeouts of 0.5–1 s keep the test short; stable on a busy machine
  '--snapshot-every', '50',
  '--keep-entries', '10',
  '--segment-bytes', '4096', // small segments, so compaction deletes whole files too
];
const DEADLINE_MS = 20_000;
const BATCH = 8;

interface Acknowledged {
  readonly key: string;
  readonly value: string;
  readonly index: number;
}

describe('three raft-example-node processes', () => {
  let baseDirectory: string;
  let cluster: ExampleCluster | undefined;

  beforeAll(() => {
    exampleNodeScript(); // fails with "build raft-ts first" when dist is missing
  });
  beforeEach(() => {
    baseDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'raft-3proc-'));
  });
  afterEach(async () => {
    await cluster?.killAll();
    cluster = undefined;
    fs.rmSync(baseDirectory, { recursive: true, force: true });
  });

  /** Proposes keys [from, to) a few at a time through whoever leads, recording each acknowledgment. */
  async function proposeRange(from: number, to: number, acknowledged: Acknowledged[]): Promise<void> {
    for (let start = from; start < to; start += BATCH) {
      const keys = Array.from({ length: Math.min(BATCH, to - start) }, (_, offset) => start + offset);
      const indexes = await Promise.all(keys.map((key) => cluster!.propose(`k${key}=v${key}`, DEADLINE_MS)));
      keys.forEach((key, position) => acknowledged.push({ key: `k${key}`, value: `v${key}`, index: indexes[position]! }));
    }
  }

  async function dump(node: ExampleNodeProcess): Promise<{ applied: number; kv: Array<[string, string, number]> }> {
    const reply = await node.request({ op: 'dump' });
    if (!reply.ok) throw new Error(`dump of node ${node.id} failed: ${reply.error}`);
    return reply as unknown as { applied: number; kv: Array<[string, string, number]> };
  }

  /** Every acknowledged write is on `node`, at the index it was acknowledged at. */
  function expectAllAcknowledged(kv: Array<[string, string, number]>, acknowledged: readonly Acknowledged[], node: number): void {
    const byKey = new Map(kv.map(([key, value, index]) => [key, { value, index }]));
    const missing = acknowledged.filter((write) => byKey.get(write.key)?.value !== write.value || byKey.get(write.key)?.index !== write.index);
    expect({ node, missing }).toEqual({ node, missing: [] });
    // The state machine lists keys in the order it applied their last writes: log order.
    const order = kv.map(([, , index]) => index);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  }

  it('survives a SIGKILLed leader and catches the restarted node up through a snapshot', async () => {
    cluster = await ExampleCluster.start({ size: 3, baseDirectory, flags: FLAGS });
    try {
      const acknowledged: Acknowledged[] = [];
      const firstLeader = await cluster.waitForLeader(DEADLINE_MS);
      await proposeRange(0, 120, acknowledged);

      await firstLeader.kill();
      const secondLeader = await cluster.waitForLeader(DEADLINE_MS, firstLeader.id);
      expect(secondLeader.id).not.toBe(firstLeader.id);
      await proposeRange(120, 240, acknowledged);

      const lastIndex = Math.max(...acknowledged.map((write) => write.index));
      const survivors = cluster.alive();
      expect(survivors).toHaveLength(2);
      await waitFor('the survivors to apply everything', DEADLINE_MS, async () => ((await Promise.all(survivors.map((node) => node.status()))).every((status) => (status?.applied ?? 0) >= lastIndex) ? true : undefined));
      const survivorDumps = await Promise.all(survivors.map(dump));
      survivorDumps.forEach((survivorDump, position) => expectAllAcknowledged(survivorDump.kv, acknowledged, survivors[position]!.id));
      expect(survivorDumps[0]!.kv).toEqual(survivorDumps[1]!.kv);
      // The survivors compacted far past what the killed node holds.
      const leaderStatus = (await secondLeader.status())!;
      expect(leaderStatus.firstIndex).toBeGreaterThan(130);

      const restarted = await cluster.restart(firstLeader.id);
      await waitFor('the restarted node to catch up', DEADLINE_MS, async () => (((await restarted.status())?.applied ?? 0) >= lastIndex ? true : undefined));
      const restartedStatus = (await restarted.status())!;
      expect(restartedStatus.snapshotsReceived).toBeGreaterThanOrEqual(1);
      // One more write after the restart reaches all three.
      const finalIndex = await cluster.propose('after=restart', DEADLINE_MS);
      const everyone = cluster.alive();
      await waitFor('all three to apply the last write', DEADLINE_MS, async () => ((await Promise.all(everyone.map((node) => node.status()))).every((status) => (status?.applied ?? 0) >= finalIndex) ? true : undefined));
      const dumps = await Promise.all(everyone.map(dump));
      for (const [position, nodeDump] of dumps.entries()) {
        expectAllAcknowledged(nodeDump.kv, acknowledged, everyone[position]!.id);
        expect(nodeDump.kv).toEqual(dumps[0]!.kv);
      }
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${cluster.diagnostics()}`);
    }
  }, 60_000);
});

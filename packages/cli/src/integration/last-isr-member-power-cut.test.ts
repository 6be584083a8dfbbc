import { Samsa } from '@samsa/client';
import { ControllerClient } from '@samsa/metadata';
import { type ControllerWire, waitFor } from '@samsa/protocol';
import { cutSegmentTails } from '../faults/power-cut';
import { ControllerCluster } from './cluster-harness';

/**
 * Issue 9, finding 5 (Kafka's KIP-966 hole), across real processes. One controller and three
 * brokers, so that the brokers can all be down while the controller quorum stays up; one
 * partition, RF 3, min.insync.replicas 2.
 *
 * 1. The two followers stop cleanly one after the other, so the ISR shrinks to the leader X
 *    alone; X then loses power (SIGKILL, and its active segment loses its tail, as writes
 *    only in the page cache do). Everything comes back, X last. X must not lead again from
 *    the one-member ISR it was left in: the follower that stopped last holds every
 *    acknowledged record (it is in the ELR) and leads, and every acknowledged record is
 *    still readable at its offset. Before the fix X was re-elected and the followers
 *    truncated to its shortened log.
 * 2. All three lose power, one after the other, each losing a different tail. Nobody is
 *    eligible; once they are back the controller elects the longest log, not the last ISR
 *    member (which lost the most), and what it keeps is what was acknowledged.
 */
jest.setTimeout(120_000);

const TOPIC = 'elr';
const VALUE_PADDING = 'x'.repeat(80);

type PartitionWire = ControllerWire.PartitionState__Output;

/** Exactly `bytes` off the newest segment of every partition of the node. */
function cutExactly(cluster: ControllerCluster, nodeId: number, bytes: number): void {
  const cuts = cutSegmentTails(cluster.node(nodeId).dataDirectory, bytes, () => bytes / (bytes + 1));
  expect(cuts.map((cut) => cut.bytesCut)).toEqual([bytes]);
}

/** The cluster, a client, the controller's view of the partition, and acks=all writes. */
async function harness(cluster: ControllerCluster) {
  await cluster.startAndWait();
  const samsa = new Samsa({ bootstrap: cluster.bootstrap, clientId: 'it', requestTimeoutMs: 10_000 });
  const controller = new ControllerClient({ addresses: [cluster.controllerAddresses], callTimeoutMs: 10_000 });
  const partitionState = async (): Promise<PartitionWire> => (await controller.describeTopics({ names: [TOPIC] })).topics[0]!.partitions[0]!;
  const waitForState = (what: string, condition: (state: PartitionWire) => boolean) =>
    waitFor(what, 30_000, async () => {
      const state = await partitionState().catch(() => undefined);
      return state !== undefined && condition(state) ? state : undefined;
    });
  await samsa.admin().createTopic({ name: TOPIC, partitions: 1, replicationFactor: 3, configs: { 'min.insync.replicas': '2' } });
  const initial = await waitForState('a leader with all three replicas in sync', (state) => state.leader > 0 && state.isr.length === 3);

  const acknowledged = new Map<bigint, string>();
  /** `rounds` rounds of `perRound` concurrent sends (about one batch a round), each acknowledged. */
  const produce = async (rounds: number, perRound: number, tag: string) => {
    const producer = samsa.producer({ acks: 'all', idempotent: true, lingerMs: 2 });
    for (let round = 0; round < rounds; round += 1) {
      await Promise.all(
        Array.from({ length: perRound }, async (_, index) => {
          const value = `${tag}-${round}-${index}-${VALUE_PADDING}`;
          const [meta] = await producer.send(TOPIC, [{ key: null, value: Buffer.from(value), partition: 0 }]);
          acknowledged.set(meta!.offset, value);
        }),
      );
    }
    await producer.close();
  };

  /** Every record below the high watermark, once it reaches `expectedEnd` (or the deadline passes). */
  const readAll = async (expectedEnd: bigint): Promise<Map<bigint, string>> => {
    const end = await waitFor('the high watermark to cover the records expected', 15_000, async () => {
      const offset = await samsa.listOffsets(TOPIC, 0, 'latest').catch(() => undefined);
      return offset !== undefined && offset >= expectedEnd ? { offset } : undefined;
    })
      .then(({ offset }) => offset)
      .catch(() => samsa.listOffsets(TOPIC, 0, 'latest'));
    const reader = samsa.reader({ topic: TOPIC, partition: 0, offset: 0n, maxWaitMs: 200 });
    const stored = new Map<bigint, string>();
    await waitFor('every record below the high watermark', 30_000, async () => {
      for (const record of await reader.fetch()) stored.set(record.offset, record.value!.toString());
      return stored.size >= Number(end) ? true : undefined;
    });
    reader.close();
    return stored;
  };

  const close = async () => {
    controller.close();
    await samsa.close().catch(() => undefined);
  };
  return { samsa, partitionState, waitForState, initial, acknowledged, produce, readAll, close };
}

describe('KIP-966: an unclean restart never makes a shortened log the leader', () => {
  let cluster: ControllerCluster;
  let passed: boolean;
  beforeEach(async () => {
    cluster = await ControllerCluster.withLayout(['controller', 'broker', 'broker', 'broker'], { logLevel: 'debug', outputTailChars: 2_000_000 });
    passed = false;
  });
  afterEach(async () => {
    if (!passed) for (const node of cluster.nodes) process.stderr.write(`--- node ${node.id} (tail) ---\n${node.output.slice(-4000)}\n`);
    await cluster.destroy();
  });

  test('the last ISR member, back from a power cut with its tail gone, does not lead; every acknowledged record survives', async () => {
    const h = await harness(cluster);
    try {
      const leader = h.initial.leader;
      const [followerA, followerB] = h.initial.replicas.filter((id) => id !== leader) as [number, number];

      // Three in sync, then two: everything acknowledged is on at least two replicas.
      await h.produce(1, 1000, 'three');
      await cluster.stop(followerA, 20_000);
      await h.waitForState(`follower ${followerA} out of the ISR`, (state) => state.isr.length === 2);
      await h.produce(1, 1000, 'two');
      // The last follower stops cleanly: the ISR is the leader alone, below min.insync.replicas.
      await cluster.stop(followerB, 20_000);
      const alone = await h.waitForState(`follower ${followerB} out of the ISR`, (state) => state.isr.length === 1);

      // Power cut of the leader: SIGKILL, and the active segment loses its last 48 KiB.
      await cluster.kill(leader);
      cutExactly(cluster, leader, 48 * 1024);
      const fenced = await h.waitForState(`broker ${leader}'s session to expire`, (state) => state.leader < 0);

      // Back: the followers (cleanly stopped), then the leader that lost its tail.
      cluster.start(followerA);
      cluster.start(followerB);
      await cluster.waitForBrokersReady(60_000);
      // Both unfenced by now; an election their unfencing allowed came in the same batch.
      const followersBack = await h.partitionState();
      cluster.start(leader);
      await cluster.waitForBrokersReady(60_000);
      const healed = await h.waitForState('a leader with all three replicas in sync again', (state) => state.leader > 0 && state.isr.length === 3);

      // Every acknowledged record at its offset.
      const stored = await h.readAll(BigInt(h.acknowledged.size));
      const wrong = [...h.acknowledged].filter(([offset, value]) => stored.get(offset) !== value).map(([offset]) => offset);
      expect({ acknowledged: h.acknowledged.size, missingOrWrong: wrong.length, firstWrong: wrong.slice(0, 5) }).toEqual({ acknowledged: 2000, missingOrWrong: 0, firstWrong: [] });

      // How the controller got there: the follower that stopped last was an eligible leader
      // replica, the leader's last ISR place went to the ELR when it was fenced, its unclean
      // restart took it out of the running, and the ELR member led.
      expect(alone).toMatchObject({ leader, isr: [leader], elr: [followerB] });
      expect(fenced).toMatchObject({ leader: -1, isr: [] });
      expect([...fenced.elr].sort()).toEqual([leader, followerB].sort());
      expect(followersBack.leader).toBe(followerB); // (the other follower may have caught up and joined already)
      expect(healed.leaderEpoch).toBeGreaterThan(alone.leaderEpoch);
      passed = true;
    } finally {
      await h.close();
    }
  });

  test('after every replica lost power, the longest log leads, not the last ISR member', async () => {
    const h = await harness(cluster);
    try {
      const leader = h.initial.leader;
      const [first, second] = h.initial.replicas.filter((id) => id !== leader) as [number, number];
      // About twenty batches of ~10 KiB, identical on all three replicas.
      await h.produce(20, 100, 'all');

      // Power goes, broker by broker: the followers first, then the leader, each SIGKILLed
      // and left for the controller to fence. The leader is the ISR's last member; the second
      // follower left an ISR below min.insync.replicas, so it is in the ELR.
      await cluster.kill(first);
      await h.waitForState(`broker ${first} fenced`, (state) => state.isr.length === 2);
      await cluster.kill(second);
      const lastMember = await h.waitForState(`broker ${second} fenced`, (state) => state.isr.length === 1);
      await cluster.kill(leader);
      const powerless = await h.waitForState(`broker ${leader} fenced`, (state) => state.leader < 0);
      // Each loses a different tail: the last ISR member the most, the ELR member the least.
      cutExactly(cluster, leader, 64 * 1024);
      cutExactly(cluster, first, 32 * 1024);
      cutExactly(cluster, second, 4 * 1024);

      // Back, the last ISR member last: it would have been elected the moment it registered.
      const outputBefore = new Map(cluster.nodes.map((node) => [node.id, node.output.length]));
      for (const id of [first, second, leader]) cluster.start(id);
      await cluster.waitForBrokersReady(60_000);
      await h.waitForState('a leader with all three replicas in sync again', (state) => state.leader > 0 && state.isr.length === 3);

      // The one elected after the power loss (the next leader epoch) is the ELR member, whose log is longest.
      const electedAt = (id: number) => cluster.outputOf(id).slice(outputBefore.get(id)).includes(`"leaderEpoch":${powerless.leaderEpoch + 1},"msg":"became leader"`);
      expect([first, second, leader].filter(electedAt)).toEqual([second]);
      expect(lastMember).toMatchObject({ leader, isr: [leader], elr: [second] });

      // Only what the longest log lost is gone (at most its last batch of 100), and what
      // is there is what was acknowledged, at its offset.
      const stored = await h.readAll(BigInt(h.acknowledged.size - 100));
      const wrong = [...stored].filter(([offset, value]) => h.acknowledged.get(offset) !== value).map(([offset]) => offset);
      expect({ kept: stored.size >= h.acknowledged.size - 100, wrong }).toEqual({ kept: true, wrong: [] });
      passed = true;
    } finally {
      await h.close();
    }
  });
});

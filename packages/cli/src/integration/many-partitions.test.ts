import { Samsa } from '@samsa/client';
import { waitFor } from '@samsa/protocol';
import { ControllerCluster } from './cluster-harness';

/**
 * Issue 12's real-process check, at 2,000 partitions RF 3 so that it stays quick: three
 * combined nodes form, every partition gets a leader and a full ISR, a produce reaches every
 * partition, an idle cluster logs only a few lines a second at info, and after a SIGKILL of
 * the node leading the most partitions every partition is led again (none offline), takes
 * another produce, and the restarted node rejoins every ISR with nothing acknowledged lost.
 */
jest.setTimeout(240_000);

const TOPIC = 'many';
const PARTITIONS = 2000;

describe('2,000 partitions RF 3 on three combined nodes', () => {
  let cluster: ControllerCluster | undefined;
  let samsa: Samsa | undefined;

  afterEach(async () => {
    await samsa?.close().catch(() => undefined);
    await cluster?.destroy();
    cluster = undefined;
    samsa = undefined;
  });

  it('forms, serves every partition, idles quietly, and survives a SIGKILL', async () => {
    cluster = await ControllerCluster.combined(3, { logLevel: 'info', outputTailChars: 4_000_000 });
    await cluster.startAndWait(60_000);
    samsa = new Samsa({ bootstrap: cluster.bootstrap, clientId: 'it-many', requestTimeoutMs: 30_000 });
    const admin = samsa.admin();
    await admin.createTopic({ name: TOPIC, partitions: PARTITIONS, replicationFactor: 3 });
    const describe = async () => (await admin.describeTopics([TOPIC]))[0]!.partitions;
    await waitFor('every partition led with a full ISR', 90_000, async () => ((await describe()).every((p) => p.leader >= 0 && p.isr.length === 3) ? true : undefined));

    const producer = samsa.producer({ acks: 'all', lingerMs: 5 });
    const produceEverywhere = (round: number) =>
      Promise.all(Array.from({ length: PARTITIONS }, (_, partition) => producer.send(TOPIC, [{ partition, value: `round ${round} of ${partition}` }])));
    await produceEverywhere(1);

    // Idle: a few summary lines a second at most, not one line per partition.
    await waitFor('the cluster to settle', 30_000, async () => ((await describe()).every((p) => p.leader === p.replicas[0]) ? true : undefined));
    const before = cluster.nodes.map((node) => cluster!.outputOf(node.id).length);
    const idleMs = 5000;
    await new Promise((resolve) => setTimeout(resolve, idleMs));
    const idleLines = cluster.nodes.map((node, index) => cluster!.outputOf(node.id).slice(before[index]).split('\n').filter((line) => line.trim() !== '').length);
    for (const lines of idleLines) expect(lines / (idleMs / 1000)).toBeLessThanOrEqual(3);

    const partitions = await describe();
    const ledBy = (id: number) => partitions.filter((p) => p.leader === id).length;
    const victim = cluster.nodes.map((node) => node.id).sort((a, b) => ledBy(b) - ledBy(a))[0]!;
    await cluster.kill(victim);
    await waitFor(`every partition led by a node other than ${victim}`, 60_000, async () => ((await describe()).every((p) => p.leader >= 0 && p.leader !== victim) ? true : undefined));
    await produceEverywhere(2);

    cluster.start(victim);
    await waitFor(`node ${victim} back in every ISR`, 120_000, async () => ((await describe()).every((p) => p.isr.includes(victim)) ? true : undefined));
    await producer.close();
    // Both rounds are there on every partition, at offsets 0 and 1.
    const ends = await Promise.all(Array.from({ length: PARTITIONS }, (_, partition) => samsa!.listOffsets(TOPIC, partition, 'latest')));
    expect(ends.filter((end) => end !== 2n)).toEqual([]);
  });
});

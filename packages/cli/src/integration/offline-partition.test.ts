import * as fs from 'node:fs';
import * as path from 'node:path';
import { Samsa } from '@samsa/client';
import { waitFor } from '@samsa/protocol';
import { ControllerCluster } from './cluster-harness';

/**
 * Issue 9, finding 2, across real processes (three combined nodes): one partition's directory
 * on one broker becomes unusable. That partition goes offline on that broker alone: the
 * broker leaves its ISR and another replica leads it, while the same broker keeps applying
 * metadata (it takes the leadership of a topic created afterwards) and keeps replicating
 * every other partition; after a restart with the directory still broken, it follows every
 * other partition again and that one stays offline. Before, a failed checkpoint was only
 * logged (the broker stayed leader of a log it could not serve) and, after a restart, the
 * failure to open that log aborted every later partition of every metadata image.
 */
jest.setTimeout(150_000);

const TOPIC = 'storage';
const LATER = 'later';
const PARTITIONS = 4;

interface PartitionView {
  readonly leader: number;
  readonly isr: readonly number[];
}

describe('a partition whose directory fails on one broker', () => {
  let cluster: ControllerCluster | undefined;
  let samsa: Samsa | undefined;

  afterEach(async () => {
    await samsa?.close().catch(() => undefined);
    if (cluster !== undefined) {
      const state = expect.getState();
      if (state.assertionCalls !== state.numPassingAsserts) for (const node of cluster.nodes) process.stderr.write(`--- node ${node.id} (tail) ---\n${node.output.slice(-4000)}\n`);
      await cluster.destroy();
    }
  });

  it('goes offline on that broker alone, and another replica leads it', async () => {
    cluster = await ControllerCluster.combined(3, { logLevel: 'info' });
    await cluster.startAndWait(60_000);
    const client = new Samsa({ bootstrap: cluster.bootstrap, clientId: 'it', requestTimeoutMs: 10_000 });
    samsa = client;
    const partitions = async (topic: string): Promise<PartitionView[] | undefined> => {
      await client.refreshMetadata();
      return client.metadata.topic(topic)?.partitions.map((partition) => ({ leader: partition.leader, isr: partition.isr }));
    };
    const produceToEach = async (topic: string, count: number, tag: string) => {
      const producer = client.producer({ acks: 'all', idempotent: true, lingerMs: 1, deliveryTimeoutMs: 30_000 });
      try {
        const records = Array.from({ length: count }, (_, partition) => ({ value: `${tag}-${partition}`, partition }));
        const metas = await producer.send(topic, records);
        expect(metas.map((meta) => meta.partition)).toEqual(records.map((record) => record.partition));
      } finally {
        await producer.close();
      }
    };

    await client.admin().createTopic({ name: TOPIC, partitions: PARTITIONS, replicationFactor: 3 });
    await waitFor('leaders and full ISRs', 30_000, async () => {
      const views = await partitions(TOPIC);
      return views?.length === PARTITIONS && views.every((view) => view.leader >= 0 && view.isr.length === 3) ? views : undefined;
    });
    await produceToEach(TOPIC, PARTITIONS, 'before');

    // The leader of partition 0 loses that partition's directory: a file stands in its place.
    const broken = (await partitions(TOPIC))![0]!.leader;
    const directory = path.join(cluster.node(broken).dataDirectory, 'logs', `${TOPIC}-0`);
    fs.renameSync(directory, `${directory}.moved-away`);
    fs.writeFileSync(directory, 'not a directory');

    // Its next checkpoint fails: the partition goes offline there and another replica leads it.
    const handedOver = await waitFor('another leader for the broken partition, without the broken broker in its ISR', 40_000, async () => {
      const view = (await partitions(TOPIC))?.[0];
      return view !== undefined && view.leader >= 0 && view.leader !== broken && !view.isr.includes(broken) ? view : undefined;
    });
    expect(handedOver.isr.length).toBe(2);
    expect(cluster.outputOf(broken)).toContain('partition offline on this broker');

    // The same broker still applies metadata: it leads a partition of a topic created now,
    // and serves acks=all writes to it, as the others do; every other partition keeps it in its ISR.
    await client.admin().createTopic({ name: LATER, partitions: 3, replicationFactor: 3 });
    const later = await waitFor('leaders for the later topic', 30_000, async () => {
      const views = await partitions(LATER);
      return views?.length === 3 && views.every((view) => view.leader >= 0) ? views : undefined;
    });
    expect(later.map((view) => view.leader)).toContain(broken);
    await produceToEach(LATER, 3, 'later');
    await produceToEach(TOPIC, PARTITIONS, 'after');
    const views = (await partitions(TOPIC))!;
    for (const view of views.slice(1)) expect(view.isr).toContain(broken);
    expect(views[0]!.isr).not.toContain(broken);

    // Restarted with the directory still broken, it follows every other partition again.
    await cluster.kill(broken);
    cluster.start(broken);
    await cluster.waitForBrokersReady(60_000);
    await produceToEach(TOPIC, PARTITIONS, 'restarted');
    await produceToEach(LATER, 3, 'restarted');
    await waitFor('the restarted broker back in the ISR of every partition but the broken one', 40_000, async () => {
      const all = [...((await partitions(TOPIC)) ?? []).slice(1), ...((await partitions(LATER)) ?? [])];
      return all.length === PARTITIONS - 1 + 3 && all.every((view) => view.isr.includes(broken)) ? true : undefined;
    });
    expect((await partitions(TOPIC))![0]!.isr).not.toContain(broken);
  });
});

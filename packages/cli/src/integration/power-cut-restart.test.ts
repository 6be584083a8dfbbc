import { Samsa } from '@samsa/client';
import { waitFor } from '@samsa/protocol';
import { cutSegmentTails } from '../faults/power-cut';
import { seededRandom } from '../faults/nemesis';
import { ControllerCluster } from './cluster-harness';

/**
 * A leader loses power and comes back at once, before the controller has noticed it was
 * gone: the metadata it catches up with still names it leader. It must not lead on the log
 * it recovered, which lost a tail of acknowledged records, until its new registration has
 * moved that leadership away (found by the fault suite: the followers truncated to the
 * restarted leader's shorter log and 2,850 acknowledged records were gone).
 */
jest.setTimeout(180_000);

const TOPIC = 'cut';
const RECORDS = 3_000;

test('a leader restarted after a power cut never leads on its shortened log; every acknowledged record survives', async () => {
  const cluster = await ControllerCluster.combined(3, { logLevel: 'debug', outputTailChars: 2_000_000 });
  let samsa: Samsa | undefined;
  try {
    await cluster.startAndWait();
    samsa = new Samsa({ bootstrap: cluster.bootstrap, clientId: 'it', requestTimeoutMs: 10_000 });
    await samsa.admin().createTopic({ name: TOPIC, partitions: 1, replicationFactor: 3, configs: { 'min.insync.replicas': '2' } });
    const leader = await waitFor('a leader with a full ISR', 30_000, async () => {
      await samsa!.refreshMetadata();
      const partition = samsa!.metadata.topic(TOPIC)?.partitions[0];
      return partition !== undefined && partition.leader > 0 && partition.isr.length === 3 ? partition.leader : undefined;
    });

    const producer = samsa.producer({ acks: 'all', idempotent: true, lingerMs: 2 });
    const acknowledged = new Map<bigint, string>();
    await Promise.all(
      Array.from({ length: RECORDS }, async (_, index) => {
        const value = `v${index}`;
        const [meta] = await producer.send(TOPIC, [{ key: null, value: Buffer.from(value), partition: 0 }]);
        acknowledged.set(meta!.offset, value);
      }),
    );
    await producer.close();

    // Power cut: SIGKILL, the newest segment loses up to 64 KiB of its tail, back at once.
    const before = cluster.outputOf(leader).length;
    await cluster.kill(leader);
    const cuts = cutSegmentTails(cluster.node(leader).dataDirectory, 64 * 1024, seededRandom(7));
    expect(cuts.reduce((sum, cut) => sum + cut.bytesCut, 0)).toBeGreaterThan(0);
    cluster.start(leader);
    await cluster.waitForBrokersReady(60_000);

    // Its log after the restart: no leadership before its registration was done.
    const restarted = cluster.outputOf(leader).slice(before);
    const registeredAt = restarted.indexOf('registered with the controller quorum');
    expect(registeredAt).toBeGreaterThanOrEqual(0);
    expect(restarted.slice(0, registeredAt)).not.toContain('became leader');

    // And nothing acknowledged is gone or moved.
    // The leader elected meanwhile starts from its checkpointed high watermark and moves it
    // on as the ISR fetches; every acknowledged record lies below it once it has.
    const end = await waitFor('the high watermark to cover every acknowledged record', 30_000, async () => {
      const latest = await samsa!.listOffsets(TOPIC, 0, 'latest');
      return latest >= BigInt(RECORDS) ? latest : undefined;
    });
    const reader = samsa.reader({ topic: TOPIC, partition: 0, offset: 0n, maxWaitMs: 200 });
    const stored = new Map<bigint, string>();
    while (stored.size < Number(end)) for (const record of await reader.fetch()) stored.set(record.offset, record.value!.toString());
    reader.close();
    const wrong = [...acknowledged].filter(([offset, value]) => stored.get(offset) !== value);
    expect(wrong).toEqual([]);
  } finally {
    await samsa?.close().catch(() => undefined);
    await cluster.destroy();
  }
});

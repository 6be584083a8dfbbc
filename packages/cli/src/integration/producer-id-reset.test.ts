import { type ConsumedRecord, ProducerInDoubtError, Samsa } from '@samsa/client';
import { waitFor } from '@samsa/protocol';
import { ControllerCluster } from './cluster-harness';

/**
 * A producer id reset with sends in doubt, against three real combined nodes (issue 9,
 * finding 8). An idempotent acks=all producer writes unique values to a partition with
 * min.insync.replicas 3 while one follower is paused (SIGSTOP): what the leader appends
 * before the follower leaves the ISR is written, but no answer can say so (first the ISR
 * waits for the paused follower, then it is too small for acks=all), so those sends stay in
 * retry. Then a record too large for another topic is refused for good (MESSAGE_TOO_LARGE),
 * which makes the producer take a new producer id. The follower resumes and the producer
 * goes on. Every acknowledged value must be stored exactly once at its offset and no value
 * twice: before the fix, the reset resent the written batches under the new id and stored
 * them a second time. The sends in doubt must fail with ProducerInDoubtError.
 */
jest.setTimeout(120_000);

const DATA = 'reset-data';
const TRIGGER = 'reset-trigger';

async function readAll(samsa: Samsa, topic: string, partition: number): Promise<ConsumedRecord[]> {
  const end = await samsa.listOffsets(topic, partition, 'latest');
  const records: ConsumedRecord[] = [];
  if (end === 0n) return records;
  const reader = samsa.reader({ topic, partition, offset: 'earliest', maxWaitMs: 200 });
  try {
    for await (const record of reader) {
      records.push(record);
      if (record.offset >= end - 1n) break;
    }
  } finally {
    await reader.close();
  }
  return records;
}

describe('a producer id reset with sends in flight (three combined nodes)', () => {
  let cluster: ControllerCluster | undefined;
  let samsa: Samsa | undefined;
  let observer: Samsa | undefined;
  let paused: number | undefined;
  /** The writer runs while this is true; a failing test must stop it too. */
  let producing = false;

  afterEach(async () => {
    producing = false;
    if (paused !== undefined) cluster?.resume(paused);
    await samsa?.close().catch(() => undefined);
    await observer?.close().catch(() => undefined);
    if (cluster !== undefined) {
      const state = expect.getState();
      if (state.assertionCalls !== state.numPassingAsserts) for (const node of cluster.nodes) process.stderr.write(`--- node ${node.id} (tail) ---\n${node.output.slice(-3000)}\n`);
      await cluster.destroy();
    }
  });

  it('stores every acknowledged value once and none twice; the sends in doubt fail as such', async () => {
    cluster = await ControllerCluster.withBrokers('combined');
    await cluster.startAll();
    const controller = await cluster.waitForLeader(60_000);
    await cluster.waitForBrokersReady(60_000);
    samsa = new Samsa({ bootstrap: cluster.bootstrap, clientId: 'it-reset', requestTimeoutMs: 2_000 });
    const admin = samsa.admin();
    await admin.createTopic({ name: DATA, partitions: 1, replicationFactor: 3, configs: { 'min.insync.replicas': '3' } });
    // One replica per partition: a trigger partition's leader never moves.
    await admin.createTopic({ name: TRIGGER, partitions: 3, replicationFactor: 1, configs: { 'max.message.bytes': '1024' } });
    const client = samsa;
    const isrOf = async (topic: string, partition: number, via = client) => {
      await via.refreshMetadata();
      const info = via.metadata.topic(topic)?.partitions[partition];
      return info === undefined || info.leader < 0 ? undefined : info;
    };
    await waitFor('the data partition led with a full ISR', 30_000, async () => ((await isrOf(DATA, 0))?.isr.length === 3 ? true : undefined));
    await waitFor('leaders for the trigger partitions', 30_000, async () => {
      const partitions = await Promise.all([0, 1, 2].map((partition) => isrOf(TRIGGER, partition)));
      return partitions.every((partition) => partition !== undefined) ? true : undefined;
    });

    // The paused node follows the data partition and is not the controller leader, so the
    // cluster keeps its leaders; the trigger goes to a partition it does not lead.
    const dataLeader = (await isrOf(DATA, 0))!.leader;
    const follower = cluster.nodes.map((node) => node.id).find((id) => id !== dataLeader && id !== controller)!;
    const triggerPartition = (await Promise.all([0, 1, 2].map((partition) => isrOf(TRIGGER, partition)))).find((info) => info!.leader !== follower)!.partition;
    observer = new Samsa({ bootstrap: cluster.nodes.filter((node) => node.id !== follower).map((node) => `127.0.0.1:${node.brokerPort}`), clientId: 'it-observer' });
    const observed = observer;

    const producer = samsa.producer({ acks: 'all', idempotent: true, lingerMs: 0, deliveryTimeoutMs: 90_000 });
    await producer.send(TRIGGER, [{ value: 'warm-up', partition: triggerPartition }]);
    const acknowledged = new Map<string, bigint>();
    const inDoubt: string[] = [];
    const otherFailures: unknown[] = [];
    let next = 0;
    producing = true;
    const writer = (async () => {
      while (producing) {
        const value = `value-${next++}`;
        const sent = producer.send(DATA, [{ value, partition: 0 }]).then(
          ([meta]) => void acknowledged.set(value, meta!.offset),
          (error: unknown) => void (error instanceof ProducerInDoubtError ? inDoubt.push(value) : otherFailures.push(error)),
        );
        // Up to 10 ms per send, and always a turn of the event loop.
        await Promise.all([Promise.race([sent, new Promise((resolve) => setTimeout(resolve, 10))]), new Promise((resolve) => setImmediate(resolve))]);
      }
    })();
    const ackedAfter = async (what: string, count: number) => {
      const before = acknowledged.size;
      await waitFor(what, 60_000, () => (acknowledged.size >= before + count ? true : undefined));
    };
    await ackedAfter('values acknowledged before the pause', 30);

    cluster.pause(follower);
    paused = follower;
    await waitFor(`node ${follower} out of the data partition's ISR`, 30_000, async () => ((await isrOf(DATA, 0, observed))?.isr.includes(follower) === false ? true : undefined));
    // Nothing written since the pause can be acknowledged now (the ISR is below
    // min.insync.replicas); a batch refused for good makes the producer take a new id.
    await expect(producer.send(TRIGGER, [{ value: Buffer.alloc(5_000, 1), partition: triggerPartition }])).rejects.toMatchObject({ code: 'MESSAGE_TOO_LARGE' });

    cluster.resume(follower);
    paused = undefined;
    await waitFor(`node ${follower} back in the data partition's ISR`, 60_000, async () => ((await isrOf(DATA, 0, observed))?.isr.length === 3 ? true : undefined));
    await ackedAfter('values acknowledged after the reset', 30);
    producing = false;
    await writer;
    await producer.flush();
    await producer.close();

    const stored = (await readAll(observed, DATA, 0)).map((record) => record.value!.toString());
    const twice = stored.filter((value, index) => stored.indexOf(value) !== index);
    expect(twice).toEqual([]);
    for (const [value, offset] of acknowledged) expect({ value, stored: stored[Number(offset)] }).toEqual({ value, stored: value });
    expect(otherFailures).toEqual([]);
    // The case the rule is for happened: sends written before the reset, unacknowledged.
    expect(inDoubt.length).toBeGreaterThan(0);
    expect(inDoubt.some((value) => stored.includes(value))).toBe(true);
    expect(acknowledged.size + inDoubt.length).toBe(next);
  });
});

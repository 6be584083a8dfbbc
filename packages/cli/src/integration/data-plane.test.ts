import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { type ConsumedRecord, Samsa } from '@samsa/client';
import { brokerService, decodeRecordBatches, encodeRecordBatch, errorNameOf, waitFor } from '@samsa/protocol';
import { PartitionLog } from '@samsa/storage';
import { ControllerCluster } from './cluster-harness';

/**
 * The data plane across real processes, in both layouts (three combined nodes; three
 * controllers and three brokers): an idempotent acks=all producer writes while the leader
 * of each partition is SIGKILLed in turn and restarted; afterwards every acknowledged record
 * is present exactly once and in order on every replica.
 */
jest.setTimeout(240_000);

const TOPIC = 'orders';
const PARTITIONS = 3;

async function readPartition(samsa: Samsa, partition: number, endOffset: bigint): Promise<ConsumedRecord[]> {
  const records: ConsumedRecord[] = [];
  if (endOffset === 0n) return records;
  const reader = samsa.reader({ topic: TOPIC, partition, offset: 'earliest', maxWaitMs: 200 });
  try {
    for await (const record of reader) {
      records.push(record);
      if (record.offset >= endOffset - 1n) break;
    }
  } finally {
    await reader.close();
  }
  return records;
}

async function leaderOf(samsa: Samsa, partition: number): Promise<number> {
  await samsa.refreshMetadata();
  return samsa.metadata.topic(TOPIC)!.partitions[partition]!.leader;
}

describe.each(['combined', 'split'] as const)('the data plane in the %s layout', (layout) => {
  let cluster: ControllerCluster;
  let samsa: Samsa;

  afterEach(async () => {
    await samsa?.close().catch(() => undefined);
    if (cluster !== undefined) {
      const state = expect.getState();
      if (state.assertionCalls !== state.numPassingAsserts) for (const node of cluster.nodes) process.stderr.write(`--- node ${node.id} (tail) ---\n${node.output.slice(-3000)}\n`);
      await cluster.destroy();
    }
  });

  it('keeps every acknowledged record, once and in order, through leader kills and restarts', async () => {
    cluster = await ControllerCluster.withBrokers(layout);
    await cluster.startAll();
    await cluster.waitForLeader(60_000);
    await cluster.waitForBrokersReady(60_000);
    samsa = new Samsa({ bootstrap: cluster.bootstrap, clientId: 'it', requestTimeoutMs: 10_000 });
    await samsa.admin().createTopic({ name: TOPIC, partitions: PARTITIONS, replicationFactor: 3, configs: { 'min.insync.replicas': '2' } });
    await waitFor('leaders for every partition', 30_000, async () => {
      await samsa.refreshMetadata();
      const topic = samsa.metadata.topic(TOPIC);
      return topic !== undefined && topic.partitions.every((partition) => partition.leader >= 0) ? true : undefined;
    });

    const producer = samsa.producer({ acks: 'all', idempotent: true, lingerMs: 2, deliveryTimeoutMs: 120_000 });
    const acknowledged = new Map<number, { offset: bigint; value: string }[]>();
    let sequence = 0;
    let producing = true;
    const failures: unknown[] = [];
    const writer = (async () => {
      while (producing) {
        const batch = Array.from({ length: 20 }, () => ({ key: `key-${sequence % 50}`, value: `value-${sequence++}` }));
        const sent = producer.send(TOPIC, batch).then(
          (metas) => metas.forEach((meta, index) => {
            const list = acknowledged.get(meta.partition) ?? [];
            list.push({ offset: meta.offset, value: batch[index]!.value });
            acknowledged.set(meta.partition, list);
          }),
          (error: unknown) => failures.push(error),
        );
        await Promise.race([sent, new Promise((resolve) => setTimeout(resolve, 20))]);
      }
    })();

    for (let partition = 0; partition < PARTITIONS; partition += 1) {
      const count = () => [...acknowledged.values()].reduce((sum, list) => sum + list.length, 0);
      const before = count();
      await waitFor('progress before the kill', 60_000, () => (count() > before + 200 ? true : undefined));
      const leader = await leaderOf(samsa, partition);
      await cluster.kill(leader);
      await waitFor(`a new leader for partition ${partition}`, 60_000, async () => ((await leaderOf(samsa, partition)) !== leader ? true : undefined));
      const afterKill = count();
      await waitFor('progress under the new leader', 60_000, () => (count() > afterKill + 200 ? true : undefined));
      cluster.start(leader);
      await cluster.waitForBrokersReady(60_000);
    }
    producing = false;
    await writer;
    await producer.flush();
    await producer.close();
    expect(failures).toEqual([]);

    // Every replica rejoins the ISR, then holds exactly the acknowledged records in order.
    await waitFor('full ISRs', 60_000, async () => {
      await samsa.refreshMetadata();
      return samsa.metadata.topic(TOPIC)!.partitions.every((partition) => partition.isr.length === 3) ? true : undefined;
    });
    for (let partition = 0; partition < PARTITIONS; partition += 1) {
      const expected = (acknowledged.get(partition) ?? []).sort((a, b) => (a.offset < b.offset ? -1 : 1));
      const end = await samsa.listOffsets(TOPIC, partition, 'latest');
      const records = await readPartition(samsa, partition, end);
      const values = records.map((record) => record.value!.toString());
      expect(new Set(values).size).toBe(values.length);
      for (const item of expected) expect(records[Number(item.offset)]?.value?.toString()).toBe(item.value);
      expect(records.map((record) => record.offset)).toEqual(records.map((_, index) => BigInt(index)));
    }
    // Every replica holds the same: stop the cluster and read each broker's copy from disk.
    const ends = await Promise.all(Array.from({ length: PARTITIONS }, (_, partition) => samsa.listOffsets(TOPIC, partition, 'latest')));
    // Every acknowledged record is below the high watermark, which no ISR member's log end is
    // below, and every replica is in the ISR: so every copy must hold all of them.
    await Promise.all(cluster.nodes.map((node) => cluster.kill(node.id)));
    for (let partition = 0; partition < PARTITIONS; partition += 1) {
      const copies: string[][] = [];
      for (const node of cluster.brokers) {
        const values = await valuesOnDisk(path.join(node.dataDirectory, 'logs', `${TOPIC}-${partition}`), ends[partition]!);
        const expected = (acknowledged.get(partition) ?? []).sort((a, b) => (a.offset < b.offset ? -1 : 1));
        for (const item of expected) expect(values[Number(item.offset)]).toBe(item.value);
        expect(new Set(values).size).toBe(values.length);
        copies.push(values);
      }
      // Identical below the high watermark: restarted replicas truncated any diverged tail.
      for (const copy of copies) expect(copy).toEqual(copies[0]);
    }
  });

  it('refuses bad input with its error and changes nothing', async () => {
    cluster = await ControllerCluster.withBrokers(layout);
    await cluster.startAll();
    await cluster.waitForLeader(60_000);
    await cluster.waitForBrokersReady(60_000);
    samsa = new Samsa({ bootstrap: cluster.bootstrap, clientId: 'it' });
    await samsa.admin().createTopic({ name: TOPIC, partitions: 1, replicationFactor: 3, configs: { 'max.message.bytes': '2000' } });
    await waitFor('a leader', 30_000, async () => ((await leaderOf(samsa, 0)) >= 0 ? true : undefined));
    const leader = cluster.node(await leaderOf(samsa, 0));
    const client = new (brokerService())(`127.0.0.1:${leader.brokerPort}`, grpc.credentials.createInsecure()) as any;
    const produce = (records: Buffer, topic = TOPIC) =>
      new Promise<any>((resolve, reject) =>
        client.Produce({ acks: -1, timeoutMs: 5000, topics: [{ name: topic, partitions: [{ partition: 0, records }] }] }, (error: Error | null, response: any) => (error ? reject(error) : resolve(response.topics[0].partitions[0]))),
      );
    try {
      const good = await encodeRecordBatch({ records: [{ key: null, value: Buffer.from('ok'), headers: [] }] });
      const badCrc = Buffer.from(good);
      badCrc.writeUInt8(badCrc.readUInt8(badCrc.length - 1) ^ 0xff, badCrc.length - 1);
      expect(errorNameOf((await produce(badCrc)).errorCode)).toBe('CORRUPT_MESSAGE');
      const big = await encodeRecordBatch({ records: [{ key: null, value: Buffer.alloc(5000, 1), headers: [] }] });
      expect(errorNameOf((await produce(big)).errorCode)).toBe('MESSAGE_TOO_LARGE');
      expect(errorNameOf((await produce(good, 'no-such-topic')).errorCode)).toBe('UNKNOWN_TOPIC_OR_PARTITION');
      expect(errorNameOf((await produce(Buffer.from('garbage bytes, not a batch'))).errorCode)).toBe('CORRUPT_MESSAGE');
      expect(await samsa.listOffsets(TOPIC, 0, 'latest')).toBe(0n);
      expect((await produce(good)).errorCode).toBe(0);
      expect(await samsa.listOffsets(TOPIC, 0, 'latest')).toBe(1n);
    } finally {
      client.close();
    }
  });
});

/** The values a replica holds on disk below `endOffset` (it may hold more: its unacknowledged tail). */
async function valuesOnDisk(directory: string, endOffset: bigint): Promise<string[]> {
  const log = PartitionLog.open({ directory });
  try {
    const values: string[] = [];
    for (let offset = log.logStartOffset; offset < Math.min(log.logEndOffset, Number(endOffset)); ) {
      const read = log.read(offset, { maxBytes: 1 << 20 });
      for (const batch of await decodeRecordBatches(read.records)) {
        for (const record of batch.records) if (record.offset < endOffset) values[Number(record.offset)] = record.value!.toString();
      }
      offset = read.lastOffset + 1;
    }
    expect(values.length).toBe(Number(endOffset));
    return values;
  } finally {
    log.abandon();
  }
}

describe('min.insync.replicas with two of three brokers down (3 controllers + 3 brokers)', () => {
  let cluster: ControllerCluster;
  let samsa: Samsa;

  afterEach(async () => {
    await samsa?.close().catch(() => undefined);
    await cluster?.destroy();
  });

  it('refuses acks=all with NOT_ENOUGH_REPLICAS while acks=1 still works', async () => {
    cluster = await ControllerCluster.withBrokers('split');
    await cluster.startAll();
    await cluster.waitForLeader(60_000);
    await cluster.waitForBrokersReady(60_000);
    samsa = new Samsa({ bootstrap: cluster.bootstrap, clientId: 'it' });
    await samsa.admin().createTopic({ name: TOPIC, partitions: 1, replicationFactor: 3, configs: { 'min.insync.replicas': '2' } });
    await waitFor('a leader', 30_000, async () => ((await leaderOf(samsa, 0)) >= 0 ? true : undefined));
    const leaderId = await leaderOf(samsa, 0);
    for (const node of cluster.brokers) if (node.id !== leaderId) await cluster.kill(node.id);
    await waitFor('the ISR to shrink to the leader alone', 60_000, async () => {
      await samsa.refreshMetadata();
      const isr = samsa.metadata.topic(TOPIC)!.partitions[0]!.isr;
      return isr.length === 1 && isr[0] === leaderId ? true : undefined;
    });
    const client = new (brokerService())(`127.0.0.1:${cluster.node(leaderId).brokerPort}`, grpc.credentials.createInsecure()) as any;
    const produce = async (acks: number) => {
      const records = await encodeRecordBatch({ records: [{ key: null, value: Buffer.from(`acks ${acks}`), headers: [] }] });
      return new Promise<any>((resolve, reject) =>
        client.Produce({ acks, timeoutMs: 5000, topics: [{ name: TOPIC, partitions: [{ partition: 0, records }] }] }, (error: Error | null, response: any) => (error ? reject(error) : resolve(response.topics[0].partitions[0]))),
      );
    };
    try {
      expect(errorNameOf((await produce(-1)).errorCode)).toBe('NOT_ENOUGH_REPLICAS');
      expect(await samsa.listOffsets(TOPIC, 0, 'latest')).toBe(0n);
      const accepted = await produce(1);
      expect(accepted.errorCode).toBe(0);
      expect(accepted.baseOffset).toBe(0);
      // Appended, but not committed: the high watermark stays while the ISR is below
      // min.insync.replicas (KIP-966's strict rule), so consumers do not see it yet.
      expect(await samsa.listOffsets(TOPIC, 0, 'latest')).toBe(0n);
    } finally {
      client.close();
    }
  });
});

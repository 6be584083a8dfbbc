import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type ConsumedRecord, Samsa } from '@samsa/client';
import { waitFor } from '@samsa/protocol';
import { ControllerCluster, SAMSA_BIN } from './cluster-harness';

/**
 * Scale-out with real processes, in both layouts (three combined nodes; three controllers
 * and three brokers): three brokers hold a topic of 12 partitions with three replicas each
 * while an idempotent acks=all producer writes steadily; a fourth broker joins and
 * `samsa cluster rebalance` spreads the replicas (9 a broker) and leaders (3 a broker); then
 * `samsa cluster remove-broker` empties the first broker, which is stopped. The producer
 * must see no error at all, and every acknowledged record must be readable, exactly once,
 * at the offset it was acknowledged at.
 */
jest.setTimeout(420_000);

const TOPIC = 'scale-out';
const PARTITIONS = 12;

interface Acknowledged {
  readonly partition: number;
  readonly offset: bigint;
  readonly value: string;
}

/** Runs the `samsa` binary; resolves with its exit code and output whatever the code. */
function samsaCli(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string; seconds: number }> {
  const started = performance.now();
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('SAMSA_')));
  return new Promise((resolve) => {
    execFile(process.execPath, [SAMSA_BIN, ...args], { env, timeout: 240_000, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr, seconds: (performance.now() - started) / 1000 });
    });
  });
}

async function assignment(samsa: Samsa): Promise<{ replicas: Map<number, number>; leaders: Map<number, number>; preferredLeading: boolean }> {
  const [topic] = await samsa.admin().describeTopics([TOPIC]);
  const replicas = new Map<number, number>();
  const leaders = new Map<number, number>();
  for (const partition of topic!.partitions) {
    for (const id of partition.replicas) replicas.set(id, (replicas.get(id) ?? 0) + 1);
    leaders.set(partition.leader, (leaders.get(partition.leader) ?? 0) + 1);
  }
  return { replicas, leaders, preferredLeading: topic!.partitions.every((partition) => partition.leader === partition.replicas[0]) };
}

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

/** Every acknowledged record at its offset, and no value twice in the partition. */
async function expectEveryAcknowledgedRecordOnce(samsa: Samsa, acknowledged: readonly Acknowledged[]): Promise<void> {
  for (let partition = 0; partition < PARTITIONS; partition += 1) {
    const end = await samsa.listOffsets(TOPIC, partition, 'latest');
    const records = await readPartition(samsa, partition, end);
    const values = records.map((record) => record.value!.toString());
    expect(new Set(values).size).toBe(values.length);
    expect(records.map((record) => record.offset)).toEqual(records.map((_, index) => BigInt(index)));
    for (const item of acknowledged.filter((entry) => entry.partition === partition)) expect(values[Number(item.offset)]).toBe(item.value);
  }
}

function expectWithin(counts: Map<number, number>, ids: readonly number[], expected: number): void {
  for (const id of ids) {
    expect(Math.abs((counts.get(id) ?? 0) - expected)).toBeLessThanOrEqual(1);
  }
}

let cluster: ControllerCluster | undefined;
let samsa: Samsa | undefined;

afterEach(async () => {
  await samsa?.close().catch(() => undefined);
  samsa = undefined;
  if (cluster !== undefined) {
    const state = expect.getState();
    if (state.assertionCalls !== state.numPassingAsserts) for (const node of cluster.nodes) process.stderr.write(`--- node ${node.id} (tail) ---\n${node.output.slice(-3000)}\n`);
    await cluster.destroy();
    cluster = undefined;
  }
});

describe.each(['combined', 'split'] as const)('scale-out in the %s layout: add a broker and rebalance, then remove one', (layout) => {
  it('spreads 36 replicas to 9 a broker under a steady producer, then empties the first broker, losing nothing', async () => {
    const nodes = await ControllerCluster.withBrokers(layout);
    cluster = nodes;
    await nodes.startAndWait();
    const original = nodes.brokers.map((node) => node.id);
    const removed = original[0]!;
    const client = new Samsa({ bootstrap: nodes.bootstrap, clientId: 'scale-out', requestTimeoutMs: 10_000 });
    samsa = client;
    await client.admin().createTopic({ name: TOPIC, partitions: PARTITIONS, replicationFactor: 3, configs: { 'min.insync.replicas': '2' } });
    await waitFor('a leader for every partition', 60_000, async () => ((await assignment(client)).leaders.has(-1) ? undefined : true));

    const producer = client.producer({ acks: 'all', idempotent: true, lingerMs: 5, deliveryTimeoutMs: 180_000 });
    const acknowledged: Acknowledged[] = [];
    const failures: unknown[] = [];
    let sequence = 0;
    let producing = true;
    const writer = (async () => {
      while (producing) {
        const batch = Array.from({ length: 10 }, () => ({ key: `key-${sequence % 97}`, value: `value-${sequence++}` }));
        const sent = producer.send(TOPIC, batch).then(
          (metas) => metas.forEach((meta, index) => acknowledged.push({ partition: meta.partition, offset: meta.offset, value: batch[index]!.value })),
          (error: unknown) => failures.push(error),
        );
        await Promise.race([sent, new Promise((resolve) => setTimeout(resolve, 25))]);
      }
    })();
    const progress = async (what: string) => {
      const before = acknowledged.length;
      await waitFor(`the producer to make progress ${what}`, 120_000, () => (acknowledged.length >= before + 300 || failures.length > 0 ? true : undefined));
      expect(failures).toEqual([]);
    };

    try {
      await progress('before the fourth broker joins');
      const added = nodes.addBroker();
      const grownIds = [...original, added.id];
      const remaining = grownIds.filter((id) => id !== removed);
      nodes.start(added.id);
      await nodes.waitForBrokersReady(60_000);
      const bootstrap = nodes.bootstrap.join(',');

      const rebalance = await samsaCli(['-b', bootstrap, 'cluster', 'rebalance', '--json', '--max-moves', '4']);
      expect({ code: rebalance.code, stderr: rebalance.code === 0 ? '' : rebalance.stderr }).toEqual({ code: 0, stderr: '' });
      const report = JSON.parse(rebalance.stdout) as { result: { moved: number; waves: number; seconds: number; leadersPending: number }; moves: { copiesData: boolean; replicas: number[]; target: number[] }[] };
      const copied = report.moves.reduce((sum, move) => sum + move.target.filter((id) => !move.replicas.includes(id)).length, 0);
      expect(copied).toBe(9);
      expect(report.result.waves).toBe(Math.ceil(report.result.moved / 4));
      const grown = await assignment(client);
      expectWithin(grown.replicas, grownIds, 9);
      expectWithin(grown.leaders, grownIds, 3);
      expect(report.result.leadersPending).toBe(0);
      process.stderr.write(`scale-out (${layout}): rebalance onto broker ${added.id}: ${report.result.moved} partitions (${copied} replicas) moved in ${report.result.waves} waves, ${report.result.seconds.toFixed(1)} s (command ${rebalance.seconds.toFixed(1)} s); replicas ${JSON.stringify([...grown.replicas])}, leaders ${JSON.stringify([...grown.leaders])}\n`);
      await progress('after the rebalance');

      const removal = await samsaCli(['-b', bootstrap, 'cluster', 'remove-broker', String(removed), '--max-moves', '4']);
      expect({ code: removal.code, stderr: removal.code === 0 ? '' : removal.stderr }).toEqual({ code: 0, stderr: '' });
      expect(removal.stdout).toContain(`Broker ${removed} holds no replicas: it may be stopped.${layout === 'combined' ? ` Node ${removed} is also a controller` : '\n'}`);
      const shrunk = await assignment(client);
      expect(shrunk.replicas.get(removed) ?? 0).toBe(0);
      expect(shrunk.leaders.get(removed) ?? 0).toBe(0);
      expectWithin(shrunk.replicas, remaining, 12);
      expectWithin(shrunk.leaders, remaining, 4);
      process.stderr.write(`scale-out (${layout}): remove-broker ${removed}: command ${removal.seconds.toFixed(1)} s; replicas ${JSON.stringify([...shrunk.replicas])}, leaders ${JSON.stringify([...shrunk.leaders])}\n`);
      // The broker deletes what it no longer hosts: nothing of the topic stays on its disk.
      const logs = path.join(nodes.node(removed).dataDirectory, 'logs');
      await waitFor(`broker ${removed} to delete its copies`, 60_000, () => (fs.readdirSync(logs).some((name) => name.startsWith(`${TOPIC}-`)) ? undefined : true));
      await nodes.stop(removed, 15_000);
      await progress(`after broker ${removed} stopped`);
    } finally {
      producing = false;
      await writer;
      await producer.flush().catch((error: unknown) => failures.push(error));
      await producer.close();
    }
    expect(failures).toEqual([]);
    expect(acknowledged.length).toBeGreaterThan(900);
    await expectEveryAcknowledgedRecordOnce(client, acknowledged);
    process.stderr.write(`scale-out (${layout}): ${acknowledged.length} records acknowledged, every one read back once after broker ${removed} stopped\n`);
  });
});

describe('scale-out with racks', () => {
  it('keeps every partition on three racks when the new broker shares a rack, and balances within that rack', async () => {
    const racks = ['a', 'b', 'c', 'a'];
    const nodes = await ControllerCluster.combined(3, { rackOf: (id) => racks[id - 1] });
    cluster = nodes;
    await nodes.startAndWait();
    const client = new Samsa({ bootstrap: nodes.bootstrap, clientId: 'scale-out-racks', requestTimeoutMs: 10_000 });
    samsa = client;
    await client.admin().createTopic({ name: TOPIC, partitions: 6, replicationFactor: 3 });
    await waitFor('a leader for every partition', 60_000, async () => ((await assignment(client)).leaders.has(-1) ? undefined : true));
    const added = nodes.addBroker();
    nodes.start(added.id);
    await nodes.waitForBrokersReady(60_000);
    const bootstrap = nodes.bootstrap.join(',');

    // Broker 4 shares rack a with broker 1: only broker 1's replicas may go to it, half of them.
    const dryRun = await samsaCli(['-b', bootstrap, 'cluster', 'rebalance', '--dry-run', '--json']);
    expect(dryRun.code).toBe(0);
    const plan = JSON.parse(dryRun.stdout) as { result: null; moves: { replicas: number[]; target: number[]; copiesData: boolean }[]; brokers: { id: number; replicas: { after: number } }[] };
    expect(plan.result).toBeNull();
    const copies = plan.moves.filter((move) => move.copiesData);
    expect(copies).toHaveLength(3);
    for (const move of copies) {
      expect(move.target.filter((id) => !move.replicas.includes(id))).toEqual([4]);
      expect(move.replicas.filter((id) => !move.target.includes(id))).toEqual([1]);
    }
    expect(plan.brokers.map((broker) => [broker.id, broker.replicas.after])).toEqual([[1, 3], [2, 6], [3, 6], [4, 3]]);
    expect((await assignment(client)).replicas.get(4) ?? 0).toBe(0);

    const rebalance = await samsaCli(['-b', bootstrap, 'cluster', 'rebalance']);
    expect({ code: rebalance.code, stderr: rebalance.code === 0 ? '' : rebalance.stderr }).toEqual({ code: 0, stderr: '' });
    const [topic] = await client.admin().describeTopics([TOPIC]);
    for (const partition of topic!.partitions) expect(partition.replicas.map((id) => racks[id - 1]).sort()).toEqual(['a', 'b', 'c']);
    const after = await assignment(client);
    expect([1, 2, 3, 4].map((id) => after.replicas.get(id))).toEqual([3, 6, 6, 3]);
    // 6 leaders over 4 brokers: 1 or 2 each.
    for (const id of [1, 2, 3, 4]) expect([1, 2]).toContain(after.leaders.get(id));
  });
});

/**
 * Failover benchmark: `node packages/cli/dist/bench/failover-bench.js` (root `npm run bench`).
 *
 * Workload: 3 controllers + 3 brokers (`samsa server` processes on loopback, default
 * timeouts), a topic of 6 partitions with replication factor 3 and min.insync.replicas 2.
 * FAILOVER_RUNS (default 10) runs of each of:
 * - controller failover: SIGKILL the active controller → the first metadata write that
 *   commits (a topic creation through a client that follows the leader);
 * - broker failover: SIGKILL a broker that leads partitions → the controller has committed
 *   new leaders for all of them (seen in DescribeTopics);
 * - partition failover: SIGKILL partition 0's leader → the first acks=all produce to it that
 *   succeeds, through the client's retries.
 * The killed process restarts and rejoins before the next run. Prints medians and writes
 * `bench-results/failover.json`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Samsa } from '@samsa/client';
import { ControllerClient } from '@samsa/metadata';
import { waitFor } from '@samsa/protocol';
import { LocalCluster } from '../local-cluster/local-cluster';

const runs = Number(process.env['FAILOVER_RUNS'] ?? 10);
const TOPIC = 'failover';

function stats(values: readonly number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { runs: sorted.length, medianMs: Math.round(at(0.5)), minMs: Math.round(sorted[0]!), maxMs: Math.round(sorted[sorted.length - 1]!) };
}

async function leaders(client: ControllerClient): Promise<number[]> {
  const response = await client.describeTopics({ names: [TOPIC] });
  return response.topics[0]!.partitions.map((partition) => partition.leader);
}

async function controllerFailover(cluster: LocalCluster, client: ControllerClient, run: number): Promise<number> {
  const leader = await cluster.waitForLeader(60_000);
  const killedAt = performance.now();
  await cluster.kill(leader);
  await client.createTopics({ topics: [{ name: `probe-${run}`, partitions: 1, replicationFactor: 1, configs: [] }] });
  const elapsedMs = performance.now() - killedAt;
  cluster.start(leader);
  await waitFor('the controller to rejoin', 60_000, async () => ((await cluster.readiness(leader).catch(() => undefined))?.ok ? true : undefined));
  return elapsedMs;
}

async function brokerFailover(cluster: LocalCluster, client: ControllerClient): Promise<number> {
  const current = await leaders(client);
  const victim = current.find((leader) => leader >= 0)!;
  const killedAt = performance.now();
  await cluster.kill(victim);
  await waitFor('new leaders committed', 60_000, async () => ((await leaders(client)).every((leader) => leader !== victim && leader >= 0) ? true : undefined));
  const elapsedMs = performance.now() - killedAt;
  cluster.start(victim);
  await rejoin(cluster, client);
  return elapsedMs;
}

async function partitionFailover(cluster: LocalCluster, client: ControllerClient, samsa: Samsa): Promise<number> {
  const producer = samsa.producer({ acks: 'all', lingerMs: 0, deliveryTimeoutMs: 60_000 });
  try {
    await producer.send(TOPIC, [{ value: 'warm-up', partition: 0 }]);
    const victim = (await leaders(client))[0]!;
    const killedAt = performance.now();
    await cluster.kill(victim);
    await producer.send(TOPIC, [{ value: 'after the kill', partition: 0 }]);
    const elapsedMs = performance.now() - killedAt;
    cluster.start(victim);
    await rejoin(cluster, client);
    return elapsedMs;
  } finally {
    await producer.close();
  }
}

/** Waits for every broker to be ready and every ISR to be full again. */
async function rejoin(cluster: LocalCluster, client: ControllerClient): Promise<void> {
  await cluster.waitForBrokersReady(60_000);
  await waitFor('full ISRs', 60_000, async () => {
    const response = await client.describeTopics({ names: [TOPIC] });
    return response.topics[0]!.partitions.every((partition) => partition.isr.length === 3) ? true : undefined;
  });
}

async function main(): Promise<void> {
  const cluster = await LocalCluster.withBrokers('split');
  const client = new ControllerClient({ addresses: cluster.controllerAddresses.split(','), attemptsMax: 100, callTimeoutMs: 60_000 });
  let samsa: Samsa | undefined;
  try {
    await cluster.startAll();
    await cluster.waitForLeader(60_000);
    await cluster.waitForBrokersReady(60_000);
    await client.createTopics({ topics: [{ name: TOPIC, partitions: 6, replicationFactor: 3, configs: [{ key: 'min.insync.replicas', value: '2' }] }] });
    await rejoin(cluster, client);
    samsa = new Samsa({ bootstrap: cluster.bootstrap, clientId: 'failover-bench' });
    const results = { controller: [] as number[], broker: [] as number[], partition: [] as number[] };
    for (let run = 0; run < runs; run += 1) {
      results.controller.push(await controllerFailover(cluster, client, run));
      results.broker.push(await brokerFailover(cluster, client));
      results.partition.push(await partitionFailover(cluster, client, samsa));
      process.stderr.write(`run ${run + 1}/${runs}: controller ${Math.round(results.controller.at(-1)!)} ms, broker ${Math.round(results.broker.at(-1)!)} ms, partition ${Math.round(results.partition.at(-1)!)} ms\n`);
    }
    const workload = { controllers: 3, brokers: 3, partitions: 6, replicationFactor: 3, minInsyncReplicas: 2, runs, defaults: 'election 0.5-1 s, broker heartbeat 500 ms, session 3000 ms' };
    const table = {
      'controller: SIGKILL of the active controller → first committed metadata write': stats(results.controller),
      'broker: SIGKILL of a leading broker → new partition leaders committed': stats(results.broker),
      'partition: SIGKILL of the leader → first acknowledged acks=all produce': stats(results.partition),
    };
    console.log(`Workload: ${JSON.stringify(workload)}`);
    console.table(table);
    const output = path.join(process.cwd(), 'bench-results', 'failover.json');
    fs.mkdirSync(path.dirname(output), { recursive: true });
    fs.writeFileSync(output, `${JSON.stringify({ workload, results: table, samplesMs: results }, null, 2)}\n`);
    console.log(`JSON written to ${output}`);
  } finally {
    await samsa?.close().catch(() => undefined);
    client.close();
    await cluster.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

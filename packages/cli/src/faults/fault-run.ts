import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Samsa } from '@samsa/client';
import { waitFor } from '@samsa/protocol';
import { LocalCluster, type NodeRoles } from '../local-cluster/local-cluster';
import { ProduceWorkload, readEverything } from './fault-workload';
import { History, type HistoryCheck } from './history';
import { type Fault, type FaultKind, planFaults, seededRandom } from './nemesis';
import type { NetworkFaults } from './network-faults';
import { cutSegmentTails } from './power-cut';

/**
 * One fault run: a cluster of one layout, the produce workload, a seeded schedule of faults,
 * then healing, a full read and the check. Returns the figures; the cluster is gone after.
 */

export type Layout = 'combined' | 'split';

export interface FaultRunOptions {
  readonly layout: Layout;
  readonly seed: number;
  readonly faults: number;
  readonly powerCutShare: number;
  /** Tail cut of a power cut: a random 0..maxCutBytes of the newest segment. */
  readonly maxCutBytes: number;
  readonly network: NetworkFaults | undefined;
  readonly log: (line: string) => void;
  /** Where the nodes' logs go when the run finds an anomaly or fails. */
  readonly evidenceDirectory: string;
}

export interface FaultRunResult {
  readonly layout: Layout;
  readonly seed: number;
  readonly faultsByKind: Record<FaultKind, number>;
  readonly bytesCut: number;
  readonly seconds: number;
  readonly check: HistoryCheck;
  /** Partitions whose ISR was not full again when the read began. */
  readonly partitionsNotFullyReplicated: number;
}

export const TOPIC = 'faults';
const PARTITIONS = 6;
const PRODUCERS = 4;
const BATCH = 50;
/** Each node runs as its own user, so that a partition can match what it sends. */
const NODE_UID_BASE = 41_000;
const RECOVERY_DEADLINE_MS = 120_000;

function rolesOf(layout: Layout): NodeRoles[] {
  return layout === 'combined' ? ['controller,broker', 'controller,broker', 'controller,broker'] : ['controller', 'controller', 'controller', 'broker', 'broker', 'broker'];
}

export async function runFaults(options: FaultRunOptions): Promise<FaultRunResult> {
  const { log } = options;
  const random = seededRandom(options.seed);
  const startedMs = performance.now();
  const cluster = await LocalCluster.withLayout(rolesOf(options.layout), {
    tempPrefix: 'samsa-faults-',
    // Info: leadership and ISR changes are what explain an anomaly afterwards.
    logLevel: 'info',
    outputTailChars: 20_000_000,
    runAs: options.network === undefined ? undefined : (nodeId) => NODE_UID_BASE + nodeId,
  });
  const clients: Samsa[] = [];
  try {
    await cluster.startAndWait(RECOVERY_DEADLINE_MS);
    const admin = new Samsa({ bootstrap: cluster.bootstrap, clientId: 'faults-admin' });
    clients.push(admin);
    await admin.admin().createTopic({ name: TOPIC, partitions: PARTITIONS, replicationFactor: 3, configs: { 'min.insync.replicas': '2' } });
    await waitForFullIsr(admin, 30_000);

    for (let index = 0; index < PRODUCERS; index++) clients.push(new Samsa({ bootstrap: cluster.bootstrap, clientId: `faults-producer-${index + 1}` }));
    const history = new History();
    const workload = new ProduceWorkload({ topic: TOPIC, producers: PRODUCERS, batch: BATCH, clients: clients.slice(1), history, nowMs: () => performance.now() });
    workload.start();

    const brokerIds = cluster.brokers.map((node) => node.id);
    const plan = planFaults({ faults: options.faults, brokerIds, nodeIds: cluster.nodes.map((node) => node.id), powerCutShare: options.powerCutShare, partitions: options.network !== undefined, random });
    const faultsByKind: Record<FaultKind, number> = { 'power-cut': 0, kill: 0, pause: 0, partition: 0 };
    let bytesCut = 0;
    for (const [index, fault] of plan.entries()) {
      await delay(fault.delayMs);
      log(`  [${options.layout} seed ${options.seed}] fault ${index + 1}/${plan.length}: ${describe(fault)}; ${history.acknowledgedCount.toLocaleString('en-US')} acknowledged so far`);
      bytesCut += await inject(cluster, fault, options, random);
      faultsByKind[fault.kind] += 1;
    }
    await delay(2_000);
    await workload.stop();

    // Heal: every node running, every broker ready, every partition's ISR full again.
    options.network?.heal();
    for (const node of cluster.nodes) if (node.process === undefined) cluster.start(node.id);
    await cluster.waitForBrokersReady(RECOVERY_DEADLINE_MS);
    const notFull = await waitForFullIsr(admin, RECOVERY_DEADLINE_MS).catch(() => -1);
    const stored = await readEverything(admin, TOPIC, PARTITIONS);
    const check = history.check(stored);
    if (check.lost + check.moved + check.duplicated + check.reordered + check.unknown > 0) keepEvidence(cluster, options, check.examples);
    return {
      layout: options.layout,
      seed: options.seed,
      faultsByKind,
      bytesCut,
      seconds: Math.round((performance.now() - startedMs) / 100) / 10,
      check,
      partitionsNotFullyReplicated: notFull === -1 ? await countNotFull(admin) : 0,
    };
  } catch (error) {
    keepEvidence(cluster, options, [String(error)]);
    throw error;
  } finally {
    options.network?.heal();
    for (const node of cluster.nodes) cluster.resume(node.id);
    await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
    await cluster.destroy();
  }
}

/** Writes every node's log and the anomalies found beside them, and says where. */
function keepEvidence(cluster: LocalCluster, options: FaultRunOptions, notes: readonly string[]): void {
  const directory = path.join(options.evidenceDirectory, `${options.layout}-seed-${options.seed}`);
  fs.mkdirSync(directory, { recursive: true });
  for (const node of cluster.nodes) fs.writeFileSync(path.join(directory, `node-${node.id}.log`), cluster.outputOf(node.id));
  fs.writeFileSync(path.join(directory, 'anomalies.txt'), `${notes.join('\n')}\n`);
  options.log(`  node logs and anomalies kept in ${directory}`);
}

/** Carries out one fault and returns once the node is back (or reconnected). */
async function inject(cluster: LocalCluster, fault: Fault, options: FaultRunOptions, random: () => number): Promise<number> {
  const node = cluster.node(fault.nodeId);
  switch (fault.kind) {
    case 'power-cut': {
      await cluster.kill(fault.nodeId);
      const cuts = cutSegmentTails(node.dataDirectory, options.maxCutBytes, random);
      await delay(fault.durationMs);
      cluster.start(fault.nodeId);
      return cuts.reduce((sum, cut) => sum + cut.bytesCut, 0);
    }
    case 'kill':
      await cluster.kill(fault.nodeId);
      await delay(fault.durationMs);
      cluster.start(fault.nodeId);
      return 0;
    case 'pause':
      cluster.pause(fault.nodeId);
      await delay(fault.durationMs);
      cluster.resume(fault.nodeId);
      return 0;
    case 'partition': {
      const network = options.network!;
      const ports = [node.brokerPort, node.controllerPort, node.httpPort].filter((port) => port > 0);
      network.isolate(fault.nodeId, NODE_UID_BASE + fault.nodeId, ports);
      await delay(fault.durationMs);
      network.heal();
      return 0;
    }
  }
}

function describe(fault: Fault): string {
  const what = { 'power-cut': 'power cut of', kill: 'SIGKILL of', pause: 'SIGSTOP of', partition: 'network partition isolating' }[fault.kind];
  return `${what} node ${fault.nodeId} for ${fault.durationMs} ms`;
}

async function countNotFull(admin: Samsa): Promise<number> {
  const [topic] = await admin.admin().describeTopics([TOPIC]);
  return topic!.partitions.filter((partition) => partition.isr.length < partition.replicas.length).length;
}

async function waitForFullIsr(admin: Samsa, deadlineMs: number): Promise<number> {
  return waitFor('every partition to have its full ISR and a leader', deadlineMs, async () => {
    const [topic] = await admin.admin().describeTopics([TOPIC]);
    const full = topic !== undefined && topic.partitions.length === PARTITIONS && topic.partitions.every((partition) => partition.leader >= 0 && partition.isr.length === partition.replicas.length);
    return full ? 0 : undefined;
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

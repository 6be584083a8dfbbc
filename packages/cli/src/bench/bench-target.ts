import { Samsa } from '@samsa/client';
import { waitFor } from '@samsa/protocol';
import { LocalCluster } from '../local-cluster/local-cluster';

/** The cluster a benchmark runs against: its own (started here, removed at close) or one given with -b. */
export interface BenchTarget {
  readonly samsa: Samsa;
  readonly bootstrap: readonly string[];
  readonly brokers: number;
  readonly cluster: 'own' | 'external';
  close(): Promise<void>;
}

export interface BenchTargetOptions {
  /** Brokers of an existing cluster; without them the benchmark starts its own. */
  readonly bootstrap?: readonly string[] | undefined;
  /** Nodes of the own cluster (each controller and broker). Default 3. */
  readonly nodes?: number;
  /** Progress notes ("starting a 3-node cluster ..."). */
  readonly note?: (text: string) => void;
}

/** How long the own cluster may take to elect a controller and register every broker. */
const CLUSTER_START_MS = 60_000;

export async function openBenchTarget(options: BenchTargetOptions): Promise<BenchTarget> {
  if (options.bootstrap !== undefined) {
    const samsa = new Samsa({ bootstrap: [...options.bootstrap], clientId: 'samsa-bench' });
    try {
      await samsa.refreshMetadata();
    } catch (error) {
      await samsa.close();
      throw error;
    }
    return { samsa, bootstrap: options.bootstrap, brokers: samsa.metadata.allBrokers().length, cluster: 'external', close: () => samsa.close() };
  }
  const nodes = options.nodes ?? 3;
  options.note?.(`starting a ${nodes}-node cluster (combined controller+broker) on 127.0.0.1 ...`);
  // warn: the nodes' info logs would cost CPU the benchmark is measuring.
  const cluster = await LocalCluster.combined(nodes, { logLevel: 'warn', tempPrefix: 'samsa-bench-', clusterId: 'bench', outputTailChars: 20_000 });
  try {
    await cluster.startAndWait(CLUSTER_START_MS);
  } catch (error) {
    const tails = cluster.nodes.map((node) => `--- node ${node.id} ---\n${node.output.slice(-2000)}`).join('\n');
    await cluster.destroy();
    throw new Error(`the benchmark's cluster did not start: ${(error as Error).message}\n${tails}`);
  }
  const samsa = new Samsa({ bootstrap: cluster.bootstrap, clientId: 'samsa-bench' });
  return {
    samsa,
    bootstrap: cluster.bootstrap,
    brokers: nodes,
    cluster: 'own',
    async close() {
      await samsa.close().catch(() => undefined);
      await cluster.destroy();
    },
  };
}

/** Creates the topic and waits until every partition has a leader. */
export async function createBenchTopic(samsa: Samsa, name: string, partitions: number, replicationFactor: number): Promise<void> {
  await samsa.admin().createTopic({ name, partitions, replicationFactor });
  await waitFor(`leaders for every partition of ${name}`, 30_000, async () => {
    await samsa.refreshMetadata([name]);
    const topic = samsa.metadata.topic(name);
    return topic !== undefined && topic.errorCode === 0 && topic.partitions.length === partitions && topic.partitions.every((partition) => partition.leader >= 0) ? true : undefined;
  });
}

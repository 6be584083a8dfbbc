import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { type PartitionReader, Samsa } from '../packages/client/src';
import { LocalCluster } from '../packages/cli/src/local-cluster/local-cluster';
import { waitFor } from '../packages/protocol/src';
import { panelQueries, readDashboard, substitute, variableQueries } from './support/grafana-dashboard';

/**
 * `npm run test:monitoring`: every PromQL query of the Grafana dashboard (deploy/grafana)
 * returns data from a real Prometheus (Debian's `prometheus` package) scraping a real
 * three-node cluster on loopback while records are produced and consumed. Not part of
 * `npm test`: it needs the prometheus binary (apt-get install -y prometheus) and a build
 * (the script builds first). Everything it starts is stopped and its temp dirs removed.
 */

jest.setTimeout(180_000);

const ROOT = path.resolve(__dirname, '..');
const TOPIC = 'dashboard';
const PARTITIONS = 6;
/** Grafana's $__rate_interval for a 1 s scrape is 4 scrapes at least; a little more copes with a busy machine. */
const RATE_INTERVAL = '10s';

interface QueryResult {
  readonly status: string;
  readonly error?: string;
  readonly data?: { readonly resultType: string; readonly result: readonly { readonly metric: Record<string, string>; readonly value: [number, string] }[] };
}

function which(binary: string): string | undefined {
  for (const directory of (process.env['PATH'] ?? '').split(':')) {
    const candidate = path.join(directory, binary);
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

class Prometheus {
  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
    private readonly output: { text: string },
  ) {}

  /** Starts `prometheus` on a free loopback port; tries again on other ports if one was taken meanwhile. */
  static async start(binary: string, configFile: string, dataDirectory: string): Promise<Prometheus> {
    for (let attempt = 1; ; attempt += 1) {
      const port = await freePort();
      const output = { text: '' };
      const child = spawn(binary, [`--config.file=${configFile}`, `--storage.tsdb.path=${dataDirectory}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'], { stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout!.on('data', (chunk: Buffer) => (output.text = (output.text + chunk.toString()).slice(-20_000)));
      child.stderr!.on('data', (chunk: Buffer) => (output.text = (output.text + chunk.toString()).slice(-20_000)));
      const prometheus = new Prometheus(`http://127.0.0.1:${port}`, child, output);
      const ready = await waitFor('prometheus to be ready', 30_000, async () => {
        if (child.exitCode !== null) return 'exited';
        const response = await fetch(`${prometheus.url}/-/ready`, { signal: AbortSignal.timeout(2000) }).catch(() => undefined);
        return response?.status === 200 ? 'ready' : undefined;
      });
      if (ready === 'ready') return prometheus;
      if (attempt >= 3 || !/address already in use/.test(output.text)) throw new Error(`prometheus exited: ${output.text}`);
    }
  }

  async query(expr: string): Promise<QueryResult> {
    const response = await fetch(`${this.url}/api/v1/query?query=${encodeURIComponent(expr)}`, { signal: AbortSignal.timeout(10_000) });
    return (await response.json()) as QueryResult;
  }

  async labelValues(label: string, selector: string): Promise<string[]> {
    const response = await fetch(`${this.url}/api/v1/label/${encodeURIComponent(label)}/values?match[]=${encodeURIComponent(selector)}`, { signal: AbortSignal.timeout(10_000) });
    return ((await response.json()) as { data: string[] }).data;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.child.kill('SIGTERM');
    });
  }

  get log(): string {
    return this.output.text;
  }
}

/** A query "returns data": at least one series, and no series whose value is not a number. */
function hasData(result: QueryResult): boolean {
  if (result.status !== 'success' || result.data === undefined || result.data.result.length === 0) return false;
  return result.data.result.every((series) => Number.isFinite(Number(series.value[1])));
}

describe('the Grafana dashboard against Prometheus scraping a real cluster', () => {
  const prometheusBinary = which('prometheus');
  let work: string | undefined;
  let cluster: LocalCluster | undefined;
  let prometheus: Prometheus | undefined;
  let samsa: Samsa | undefined;
  let readers: PartitionReader[] = [];
  let traffic: Promise<void> | undefined;
  let stopTraffic = false;

  afterAll(async () => {
    stopTraffic = true;
    for (const reader of readers) reader.close();
    await traffic?.catch(() => undefined);
    await samsa?.close().catch(() => undefined);
    await prometheus?.stop();
    await cluster?.destroy();
    if (work !== undefined) fs.rmSync(work, { recursive: true, force: true });
  });

  test('the Prometheus config for docker-compose passes promtool', () => {
    if (prometheusBinary === undefined) throw new Error('prometheus is not installed: apt-get install -y prometheus');
    const promtool = path.join(path.dirname(prometheusBinary), 'promtool');
    execFileSync(promtool, ['check', 'config', path.join(ROOT, 'deploy', 'grafana', 'prometheus.yml')], { stdio: 'pipe' });
  });

  test('every query of the dashboard returns data', async () => {
    if (prometheusBinary === undefined) throw new Error('prometheus is not installed: apt-get install -y prometheus');
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'samsa-monitoring-'));

    cluster = await LocalCluster.combined(3, { logLevel: 'warn', tempPrefix: 'samsa-monitoring-cluster-' });
    await cluster.startAndWait(90_000);

    // Prometheus scraping the three nodes' /metrics every second, as job "samsa".
    const targets = cluster.nodes.map((node) => `127.0.0.1:${node.httpPort}`);
    const configFile = path.join(work, 'prometheus.yml');
    fs.writeFileSync(
      configFile,
      ['global:', '  scrape_interval: 1s', '  evaluation_interval: 1s', 'scrape_configs:', '  - job_name: samsa', '    static_configs:', `      - targets: ${JSON.stringify(targets)}`, ''].join('\n'),
    );
    prometheus = await Prometheus.start(prometheusBinary, configFile, path.join(work, 'tsdb'));

    // Traffic: a replicated topic, a producer and a reader per partition, until the end.
    samsa = new Samsa({ bootstrap: cluster.bootstrap, clientId: 'dashboard-test' });
    await samsa.admin().createTopic({ name: TOPIC, partitions: PARTITIONS, replicationFactor: 3 });
    const producer = samsa.producer({ acks: 'all', lingerMs: 5 });
    readers = Array.from({ length: PARTITIONS }, (_, partition) => samsa!.reader({ topic: TOPIC, partition, offset: 'earliest', maxWaitMs: 200 }));
    let produced = 0;
    let consumed = 0;
    const produce = async () => {
      for (let batch = 0; !stopTraffic && batch < 100_000; batch += 1) {
        await producer.send(TOPIC, Array.from({ length: 20 }, (_, index) => ({ key: `k${index}`, value: Buffer.from(`record ${batch}-${index}`) })));
        produced += 20;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const consume = async (reader: PartitionReader) => {
      while (!stopTraffic) consumed += (await reader.fetch()).length;
    };
    traffic = Promise.all([produce(), ...readers.map(consume)]).then(() => undefined);
    void traffic.catch(() => undefined);

    await waitFor('Prometheus to scrape the three nodes', 60_000, async () => {
      const up = await prometheus!.query('sum(up{job="samsa"})');
      return up.data?.result[0]?.value[1] === '3' ? true : undefined;
    });

    const dashboard = readDashboard();
    const queries = panelQueries(dashboard).map((query) => ({ ...query, promql: substitute(query.expr, RATE_INTERVAL, { job: 'samsa', topic: '.*' }) }));
    // Rates need a few scrapes of traffic: poll until every query has data, then report the ones that never did.
    const failing = new Map<string, string>();
    await waitFor('every dashboard query to return data', 90_000, async () => {
      failing.clear();
      for (const query of queries) {
        const result = await prometheus!.query(query.promql);
        if (!hasData(result)) failing.set(`${query.where}: ${query.promql}`, JSON.stringify(result).slice(0, 300));
      }
      return failing.size === 0 ? true : undefined;
    }).catch((error: Error) => {
      throw new Error(`${error.message}\n${[...failing].map(([where, result]) => `${where}\n  -> ${result}`).join('\n')}\nprometheus log: ${prometheus!.log}`);
    });

    // The template variables find their values.
    for (const variable of variableQueries(dashboard)) {
      const values = await prometheus.labelValues(variable.label, substitute(variable.selector, RATE_INTERVAL, { job: 'samsa' }));
      expect({ variable: variable.name, values }).toEqual({ variable: variable.name, values: expect.arrayContaining([variable.name === 'topic' ? TOPIC : 'samsa']) });
    }
    // And the numbers mean what the panels say.
    const value = async (expr: string) => Number((await prometheus!.query(substitute(expr, RATE_INTERVAL, { job: 'samsa', topic: '.*' }))).data?.result[0]?.value[1]);
    expect(await value('sum(samsa_controller_raft_is_leader{job=~"$job"})')).toBe(1);
    expect(await value('sum(samsa_broker_leader_count{job=~"$job"})')).toBe(PARTITIONS);
    expect(await value('sum(samsa_broker_partition_count{job=~"$job"})')).toBe(PARTITIONS * 3);
    expect(await value('max(samsa_broker_offline_partitions{job=~"$job"})')).toBe(0);
    expect(await value('sum(rate(samsa_broker_messages_in_total{job=~"$job",topic=~"$topic"}[$__rate_interval]))')).toBeGreaterThan(0);
    expect(produced).toBeGreaterThan(0);
    expect(consumed).toBeGreaterThan(0);
  });
});

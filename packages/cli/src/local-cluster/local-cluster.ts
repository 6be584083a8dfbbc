import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Real `samsa server` processes on loopback: ephemeral ports, a temp data directory per node,
 * SIGKILL and restart, readiness through /readyz, and removal of every process and directory
 * it started. Used by the integration tests (through `integration/cluster-harness.ts`) and by
 * `samsa bench` / `bench/cluster-bench.ts` when they run their own cluster.
 */

/**
 * The built binary. From `src/local-cluster` (jest) and from `dist/local-cluster` (built)
 * alike, two levels up is the package folder.
 */
export const SAMSA_BIN = path.join(__dirname, '..', '..', 'dist', 'bin', 'samsa.js');

export type NodeRoles = 'controller' | 'broker' | 'controller,broker';

export interface NodeHandle {
  readonly id: number;
  readonly roles: NodeRoles;
  readonly controllerPort: number;
  /** The broker's client port (--listen); 0 for a controller-only node. */
  readonly brokerPort: number;
  readonly httpPort: number;
  readonly dataDirectory: string;
  process: ChildProcess | undefined;
  /** The tail of the node's stdout and stderr (its pino logs). */
  output: string;
}

export interface LocalClusterOptions {
  /** Extra arguments for every `samsa server` (e.g. `--metadata-snapshot-entries 20`). */
  readonly extraArgs?: readonly string[];
  /** The nodes' `SAMSA_LOG_LEVEL`; default: the caller's `SAMSA_LOG_LEVEL`, else `info`. */
  readonly logLevel?: string;
  /** How many characters of each node's output to keep. Default 200000. */
  readonly outputTailChars?: number;
  /** Prefix of the temp directory under `os.tmpdir()`. Default `samsa-it-`. */
  readonly tempPrefix?: string;
  /** `--cluster-id`. Default `it`. */
  readonly clusterId?: string;
}

export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise<net.Server>((resolve, reject) => {
      const server = net.createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve(server));
    })),
  );
  const ports = servers.map((server) => (server.address() as net.AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

/** Polls `condition` every 25 ms until it gives a value other than undefined, or throws after `deadlineMs`. */
export async function waitFor<T>(what: string, deadlineMs: number, condition: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const start = Date.now();
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() - start > deadlineMs) {
      throw new Error(`timed out after ${deadlineMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Clusters whose processes must not outlive this one, killed on `process.exit`. */
const live = new Set<LocalCluster>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const cluster of live) cluster.killAllNow();
  });
}

export class LocalCluster {
  readonly nodes: NodeHandle[] = [];
  readonly root: string;
  private readonly extraArgs: readonly string[];
  private readonly logLevel: string;
  private readonly outputTailChars: number;
  private readonly clusterId: string;

  private constructor(root: string, options: LocalClusterOptions) {
    this.root = root;
    this.extraArgs = options.extraArgs ?? [];
    this.logLevel = options.logLevel ?? process.env['SAMSA_LOG_LEVEL'] ?? 'info';
    this.outputTailChars = options.outputTailChars ?? 200_000;
    this.clusterId = options.clusterId ?? 'it';
  }

  /** `size` controller-only nodes. */
  static async create(size: number, extraArgs: readonly string[] = []): Promise<LocalCluster> {
    return LocalCluster.withLayout(Array.from({ length: size }, () => 'controller' as const), { extraArgs });
  }

  /** Three combined nodes, or three controllers and three brokers. */
  static async withBrokers(layout: 'combined' | 'split', extraArgs: readonly string[] = []): Promise<LocalCluster> {
    return LocalCluster.withLayout(layoutRoles(layout, 3), { extraArgs });
  }

  /** `size` nodes that are each controller and broker. */
  static async combined(size: number, options: LocalClusterOptions = {}): Promise<LocalCluster> {
    return LocalCluster.withLayout(layoutRoles('combined', size), options);
  }

  static async withLayout(roles: readonly NodeRoles[], options: LocalClusterOptions = {}): Promise<LocalCluster> {
    if (!fs.existsSync(SAMSA_BIN)) throw new Error(`${SAMSA_BIN} is missing: run \`npm run build\` first (npm test does)`);
    const cluster = new LocalCluster(fs.mkdtempSync(path.join(os.tmpdir(), options.tempPrefix ?? 'samsa-it-')), options);
    const ports = await freePorts(roles.length * 3);
    roles.forEach((nodeRoles, index) => {
      cluster.nodes.push({
        id: index + 1,
        roles: nodeRoles,
        controllerPort: nodeRoles.includes('controller') ? ports[index * 3]! : 0,
        brokerPort: nodeRoles.includes('broker') ? ports[index * 3 + 1]! : 0,
        httpPort: ports[index * 3 + 2]!,
        dataDirectory: path.join(cluster.root, String(index + 1)),
        process: undefined,
        output: '',
      });
    });
    return cluster;
  }

  private get controllers(): NodeHandle[] {
    return this.nodes.filter((node) => node.controllerPort > 0);
  }

  get brokers(): NodeHandle[] {
    return this.nodes.filter((node) => node.brokerPort > 0);
  }

  /** `--controller-quorum`: `1@127.0.0.1:P1,2@127.0.0.1:P2,...`. */
  get quorum(): string {
    return this.controllers.map((node) => `${node.id}@127.0.0.1:${node.controllerPort}`).join(',');
  }

  /** For `samsa --controller`: `127.0.0.1:P1,127.0.0.1:P2,...`. */
  get controllerAddresses(): string {
    return this.controllers.map((node) => `127.0.0.1:${node.controllerPort}`).join(',');
  }

  /** Broker addresses, for `new Samsa({ bootstrap })` or `samsa -b` (joined with commas). */
  get bootstrap(): string[] {
    return this.brokers.map((node) => `127.0.0.1:${node.brokerPort}`);
  }

  node(id: number): NodeHandle {
    const node = this.nodes.find((candidate) => candidate.id === id);
    if (node === undefined) throw new Error(`no node ${id}`);
    return node;
  }

  start(id: number): void {
    const node = this.node(id);
    if (node.process !== undefined) throw new Error(`node ${id} is already running`);
    const child = spawn(process.execPath, [
      ...serverNodeFlags(),
      SAMSA_BIN, 'server',
      '--node-id', String(id),
      '--roles', node.roles,
      '--data-dir', node.dataDirectory,
      ...(node.controllerPort > 0 ? ['--controller-listen', `127.0.0.1:${node.controllerPort}`] : []),
      ...(node.brokerPort > 0 ? ['--listen', `127.0.0.1:${node.brokerPort}`] : []),
      '--http-listen', `127.0.0.1:${node.httpPort}`,
      '--controller-quorum', this.quorum,
      '--cluster-id', this.clusterId,
      ...this.extraArgs,
    ], { stdio: ['ignore', 'pipe', 'pipe'], env: serverEnvironment(this.logLevel) });
    node.process = child;
    live.add(this);
    installExitHook();
    const keep = (chunk: Buffer) => {
      node.output = (node.output + chunk.toString()).slice(-this.outputTailChars);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    child.on('exit', () => {
      if (node.process === child) node.process = undefined;
    });
  }

  startAll(): void {
    for (const node of this.nodes) this.start(node.id);
  }

  /** Starts every node and waits for a controller leader and every broker ready. */
  async startAndWait(deadlineMs = 60_000): Promise<void> {
    this.startAll();
    await this.waitForLeader(deadlineMs);
    await this.waitForBrokersReady(deadlineMs);
  }

  /** SIGKILL, and resolve once the process is gone. */
  kill(id: number): Promise<void> {
    const child = this.node(id).process;
    if (child === undefined) return Promise.resolve();
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  async readiness(id: number): Promise<{ ok: boolean; role?: string; leader?: number } | undefined> {
    const response = await fetch(`http://127.0.0.1:${this.node(id).httpPort}/readyz`, { signal: AbortSignal.timeout(2000) });
    return (await response.json()) as { ok: boolean; role?: string; leader?: number };
  }

  /** Waits until some running node reports itself leader and returns its id. */
  async waitForLeader(deadlineMs: number): Promise<number> {
    return waitFor('a controller leader', deadlineMs, async () => {
      for (const node of this.controllers) {
        if (node.process === undefined) continue;
        const state = await this.readiness(node.id).catch(() => undefined);
        if (state?.role === 'leader') return node.id;
      }
      return undefined;
    });
  }

  /** Waits until every running broker reports ready (registered, unfenced). */
  async waitForBrokersReady(deadlineMs: number): Promise<void> {
    await waitFor('every running broker to be ready', deadlineMs, async () => {
      for (const node of this.brokers) {
        if (node.process === undefined) continue;
        const state = (await this.readiness(node.id).catch(() => undefined)) as { ok?: boolean } | undefined;
        if (state?.ok !== true) return undefined;
      }
      return true;
    });
  }

  /** SIGTERM, then SIGKILL if the process is still there after `graceMs`. */
  stop(id: number, graceMs: number): Promise<void> {
    const child = this.node(id).process;
    if (child === undefined) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }

  /**
   * SIGKILLs every node and removes the data directories. With SAMSA_SERVER_NODE_FLAGS set
   * (profiling) the nodes get a SIGTERM and 10 s first, so that they write their profiles.
   */
  async destroy(): Promise<void> {
    const graceful = serverNodeFlags().length > 0;
    await Promise.all(this.nodes.map((node) => (graceful ? this.stop(node.id, 10_000) : this.kill(node.id))));
    live.delete(this);
    fs.rmSync(this.root, { recursive: true, force: true });
  }

  /** Synchronous last resort on process exit: SIGKILL whatever still runs, remove the data. */
  killAllNow(): void {
    for (const node of this.nodes) node.process?.kill('SIGKILL');
    try {
      fs.rmSync(this.root, { recursive: true, force: true });
    } catch {
      // best effort while exiting
    }
  }

  outputOf(id: number): string {
    return this.node(id).output;
  }
}

function layoutRoles(layout: 'combined' | 'split', size: number): NodeRoles[] {
  if (layout === 'combined') return Array.from({ length: size }, () => 'controller,broker' as const);
  return [...Array.from({ length: size }, () => 'controller' as const), ...Array.from({ length: size }, () => 'broker' as const)];
}

/**
 * Node.js flags for the server processes, from SAMSA_SERVER_NODE_FLAGS (space-separated): a way
 * to profile the nodes, e.g. "--cpu-prof --cpu-prof-dir=prof", which NODE_OPTIONS refuses.
 */
function serverNodeFlags(): string[] {
  return (process.env['SAMSA_SERVER_NODE_FLAGS'] ?? '').split(' ').filter((flag) => flag !== '');
}

/**
 * The caller's environment without its `SAMSA_*` settings (a `SAMSA_CONFIG` or
 * `SAMSA_CONTROLLER_QUORUM` of the person running the tests must not reach the nodes),
 * plus the log level.
 */
function serverEnvironment(logLevel: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('SAMSA_')));
  return { ...env, SAMSA_LOG_LEVEL: logLevel };
}

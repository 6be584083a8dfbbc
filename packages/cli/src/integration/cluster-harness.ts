import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Real `samsa server` processes on loopback for integration tests: ephemeral ports, a temp
 * data directory per node, SIGKILL and restart, readiness through /readyz, and cleanup of
 * every process and directory the test started.
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
  output: string;
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

export class ControllerCluster {
  readonly nodes: NodeHandle[] = [];
  private readonly root: string;

  private constructor(
    root: string,
    private readonly extraArgs: readonly string[],
  ) {
    this.root = root;
  }

  /**
   * `size` controller-only nodes; `extraArgs` go to every `samsa server`
   * (e.g. `--metadata-snapshot-entries 20`).
   */
  static async create(size: number, extraArgs: readonly string[] = []): Promise<ControllerCluster> {
    return ControllerCluster.withLayout(Array.from({ length: size }, () => 'controller' as const), extraArgs);
  }

  /** Three combined nodes, or three controllers and three brokers. */
  static async withBrokers(layout: 'combined' | 'split', extraArgs: readonly string[] = []): Promise<ControllerCluster> {
    const roles: NodeRoles[] = layout === 'combined' ? ['controller,broker', 'controller,broker', 'controller,broker'] : ['controller', 'controller', 'controller', 'broker', 'broker', 'broker'];
    return ControllerCluster.withLayout(roles, extraArgs);
  }

  private static async withLayout(roles: readonly NodeRoles[], extraArgs: readonly string[]): Promise<ControllerCluster> {
    if (!fs.existsSync(SAMSA_BIN)) throw new Error(`${SAMSA_BIN} is missing: run \`npm run build\` first (npm test does)`);
    const cluster = new ControllerCluster(fs.mkdtempSync(path.join(os.tmpdir(), 'samsa-it-')), extraArgs);
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

  get quorum(): string {
    return this.controllers.map((node) => `${node.id}@127.0.0.1:${node.controllerPort}`).join(',');
  }

  get controllerAddresses(): string {
    return this.controllers.map((node) => `127.0.0.1:${node.controllerPort}`).join(',');
  }

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
      SAMSA_BIN, 'server',
      '--node-id', String(id),
      '--roles', node.roles,
      '--data-dir', node.dataDirectory,
      ...(node.controllerPort > 0 ? ['--controller-listen', `127.0.0.1:${node.controllerPort}`] : []),
      ...(node.brokerPort > 0 ? ['--listen', `127.0.0.1:${node.brokerPort}`] : []),
      '--http-listen', `127.0.0.1:${node.httpPort}`,
      '--controller-quorum', this.quorum,
      '--cluster-id', 'it',
      ...this.extraArgs,
    ], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SAMSA_LOG_LEVEL: process.env['SAMSA_LOG_LEVEL'] ?? 'info' } });
    node.process = child;
    const keep = (chunk: Buffer) => {
      node.output = (node.output + chunk.toString()).slice(-200_000);
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

  async destroy(): Promise<void> {
    await Promise.all(this.nodes.map((node) => this.kill(node.id)));
    fs.rmSync(this.root, { recursive: true, force: true });
  }

  outputOf(id: number): string {
    return this.node(id).output;
  }
}

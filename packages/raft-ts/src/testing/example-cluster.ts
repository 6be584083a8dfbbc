import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { waitFor } from './wait-for';

/**
 * Drives `dist/bin/raft-example-node.js` processes for the multi-process test and the
 * benchmark: spawn, talk JSON lines, SIGKILL, restart on the same data directory. Every
 * wait polls a condition against a deadline; nothing sleeps a fixed time and hopes.
 */

/** The compiled example node; tests run from src/ but spawn the build, so it must exist. */
export function exampleNodeScript(): string {
  let directory = __dirname;
  while (!fs.existsSync(path.join(directory, 'package.json'))) {
    const parent = path.dirname(directory);
    if (parent === directory) throw new Error(`raft-ts package.json not found above ${__dirname}`);
    directory = parent;
  }
  const script = path.join(directory, 'dist', 'bin', 'raft-example-node.js');
  if (!fs.existsSync(script)) {
    throw new Error(`${script} is missing: build raft-ts first (\`npx tsc -b packages/raft-ts\`; \`npm test\` does it before jest)`);
  }
  return script;
}

export interface Reply {
  readonly id?: number;
  readonly ok: boolean;
  readonly error?: string;
  readonly message?: string;
  readonly leader?: number;
  readonly [field: string]: unknown;
}

export interface NodeStatus {
  readonly node: number;
  readonly role: string;
  readonly term: number;
  readonly leader: number;
  readonly commit: number;
  readonly applied: number;
  readonly firstIndex: number;
  readonly lastIndex: number;
  readonly snapshotIndex: number;
  readonly snapshotsReceived: number;
}

export interface ExampleNodeSettings {
  readonly id: number;
  readonly dataDirectory: string;
  readonly voters: readonly number[];
  /** Extra flags for the node, e.g. ['--snapshot-every', '50']. */
  readonly flags?: readonly string[];
  /** Flags for node itself, e.g. ['--cpu-prof']. */
  readonly nodeFlags?: readonly string[];
  readonly startupTimeoutMs?: number;
}

/** One example node process and its JSON-line channel. */
export class ExampleNodeProcess {
  readonly id: number;
  port = 0;
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, { resolve(reply: Reply): void; reject(error: Error): void; timer: NodeJS.Timeout }>();
  private nextRequestId = 1;
  private stderrLines: string[] = [];
  private exitedValue = false;
  readonly exited: Promise<void>;

  private constructor(readonly settings: ExampleNodeSettings) {
    this.id = settings.id;
    const args = [
      ...(settings.nodeFlags ?? []),
      exampleNodeScript(),
      '--id', String(settings.id),
      '--data-dir', settings.dataDirectory,
      '--voters', settings.voters.join(','),
      ...(settings.flags ?? []),
    ];
    this.child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
    void this.exited.then(() => {
      this.exitedValue = true;
      for (const [id, request] of this.pending) {
        clearTimeout(request.timer);
        request.reject(new Error(`node ${this.id} exited before answering request ${id}`));
      }
      this.pending.clear();
    });
    readline.createInterface({ input: this.child.stderr! }).on('line', (line) => {
      this.stderrLines.push(line);
      if (this.stderrLines.length > 200) this.stderrLines = this.stderrLines.slice(-100);
    });
  }

  /** Spawns the node and waits until its gRPC server listens (it binds an ephemeral port). */
  static async spawn(settings: ExampleNodeSettings): Promise<ExampleNodeProcess> {
    const node = new ExampleNodeProcess(settings);
    node.port = await node.readListening(settings.startupTimeoutMs ?? 20_000);
    return node;
  }

  get alive(): boolean {
    return !this.exitedValue;
  }

  /** Sends one request; rejects after `timeoutMs` or if the process dies first. */
  request(request: { op: string; [field: string]: unknown }, timeoutMs = 10_000): Promise<Reply> {
    if (!this.alive) return Promise.reject(new Error(`node ${this.id} is not running`));
    const id = this.nextRequestId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`node ${this.id}: no answer to ${request.op} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.child.stdin!.write(`${JSON.stringify({ ...request, id })}\n`);
    });
  }

  async status(): Promise<NodeStatus | undefined> {
    try {
      const reply = await this.request({ op: 'status' }, 5_000);
      return reply.ok ? (reply as unknown as NodeStatus) : undefined;
    } catch {
      return undefined;
    }
  }

  /** SIGKILL: no chance to flush or sync anything. */
  async kill(): Promise<void> {
    if (this.alive) this.child.kill('SIGKILL');
    await this.exited;
  }

  /** The last lines the node logged, for a failure message. */
  stderrTail(lines = 30): string {
    return this.stderrLines.slice(-lines).join('\n');
  }

  private readListening(timeoutMs: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`node ${this.id} did not start within ${timeoutMs} ms:\n${this.stderrTail()}`)), timeoutMs);
      void this.exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`node ${this.id} exited during startup:\n${this.stderrTail()}`));
      });
      readline.createInterface({ input: this.child.stdout! }).on('line', (line) => {
        let message: Reply & { event?: string; port?: number };
        try {
          message = JSON.parse(line) as Reply & { event?: string; port?: number };
        } catch {
          return;
        }
        if (message.event === 'listening') {
          clearTimeout(timer);
          resolve(message.port!);
          return;
        }
        const request = message.id === undefined ? undefined : this.pending.get(message.id);
        if (request === undefined) return;
        this.pending.delete(message.id!);
        clearTimeout(request.timer);
        request.resolve(message);
      });
    });
  }
}

export interface ClusterSettings {
  readonly size: number;
  readonly baseDirectory: string;
  readonly flags?: readonly string[];
  readonly nodeFlags?: (id: number) => readonly string[];
}

/** A cluster of example nodes on loopback, each in its own process and data directory. */
export class ExampleCluster {
  readonly nodes = new Map<number, ExampleNodeProcess>();
  readonly ids: number[];

  private constructor(private readonly settings: ClusterSettings) {
    this.ids = Array.from({ length: settings.size }, (_, position) => position + 1);
  }

  static async start(settings: ClusterSettings): Promise<ExampleCluster> {
    const cluster = new ExampleCluster(settings);
    try {
      await Promise.all(cluster.ids.map(async (id) => cluster.nodes.set(id, await cluster.spawnNode(id))));
      const peers = cluster.peers();
      await Promise.all([...cluster.nodes.values()].map((node) => cluster.expectOk(node.request({ op: 'start', peers }), `start node ${node.id}`)));
    } catch (error) {
      await cluster.killAll();
      throw error;
    }
    return cluster;
  }

  dataDirectory(id: number): string {
    return path.join(this.settings.baseDirectory, `node-${id}`);
  }

  alive(): ExampleNodeProcess[] {
    return [...this.nodes.values()].filter((node) => node.alive);
  }

  /**
   * A leader that every other live node agrees on (same leader id and term), so a stale
   * leader on the wrong side of a kill is never picked.
   */
  waitForLeader(deadlineMs: number, excluding?: number): Promise<ExampleNodeProcess> {
    return waitFor('an agreed leader', deadlineMs, async () => {
      const statuses = (await Promise.all(this.alive().map((node) => node.status()))).filter((status): status is NodeStatus => status !== undefined);
      const leader = statuses.find((status) => status.role === 'leader' && status.node !== excluding);
      if (leader === undefined) return undefined;
      const agreed = statuses.every((status) => status.leader === leader.node && status.term === leader.term);
      return agreed ? this.nodes.get(leader.node) : undefined;
    });
  }

  /**
   * Proposes `data` through whoever leads, retrying on NOT_LEADER and lost requests until
   * the deadline. Resolves with the index it was committed and applied at.
   */
  async propose(data: string, deadlineMs: number): Promise<number> {
    const deadline = Date.now() + deadlineMs;
    let target: ExampleNodeProcess | undefined;
    let lastError = '';
    while (Date.now() < deadline) {
      target ??= await this.waitForLeader(Math.max(1, deadline - Date.now()));
      try {
        const reply = await target.request({ op: 'propose', data }, Math.max(1, deadline - Date.now()));
        if (reply.ok) return reply['index'] as number;
        lastError = `${reply.error}: ${reply.message ?? ''}`;
        const hinted = reply.leader === undefined ? undefined : this.nodes.get(reply.leader);
        target = hinted !== undefined && hinted.alive && hinted !== target ? hinted : undefined;
      } catch (error) {
        lastError = (error as Error).message;
        target = undefined;
      }
    }
    throw new Error(`proposal "${data}" not committed within ${deadlineMs} ms (last error: ${lastError})`);
  }

  /** Starts node `id` again on its data directory and tells everyone its new port. */
  async restart(id: number): Promise<ExampleNodeProcess> {
    const node = await this.spawnNode(id);
    this.nodes.set(id, node);
    const peers = this.peers();
    await Promise.all(this.alive().filter((other) => other !== node).map((other) => this.expectOk(other.request({ op: 'peers', peers }), `update peers of ${other.id}`)));
    await this.expectOk(node.request({ op: 'start', peers }), `start node ${id}`);
    return node;
  }

  async killAll(): Promise<void> {
    await Promise.all([...this.nodes.values()].map((node) => node.kill()));
  }

  /** The logs of every node, for a failure message. */
  diagnostics(): string {
    return [...this.nodes.values()].map((node) => `--- node ${node.id} (${node.alive ? 'alive' : 'dead'}) ---\n${node.stderrTail(15)}`).join('\n');
  }

  private spawnNode(id: number): Promise<ExampleNodeProcess> {
    return ExampleNodeProcess.spawn({
      id,
      dataDirectory: this.dataDirectory(id),
      voters: this.ids,
      flags: this.settings.flags ?? [],
      nodeFlags: this.settings.nodeFlags?.(id) ?? [],
    });
  }

  private peers(): Array<{ id: number; host: string; port: number }> {
    return [...this.nodes.values()].map((node) => ({ id: node.id, host: '127.0.0.1', port: node.port }));
  }

  private async expectOk(reply: Promise<Reply>, what: string): Promise<void> {
    const result = await reply;
    if (!result.ok) throw new Error(`${what} failed: ${result.error} ${result.message ?? ''}`);
  }
}

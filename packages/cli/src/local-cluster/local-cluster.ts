import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { waitFor } from '@samsa/protocol';
import { startedPortsOf } from '../server/started-line';

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
  /** The controller's port (--controller-listen), chosen before the start; 0 for a broker-only node. */
  readonly controllerPort: number;
  /**
   * The broker's client port (--listen): 0 until the node has reported it (it binds port 0 on
   * its first start and that same port again after a restart); 0 for a controller-only node.
   */
  readonly brokerPort: number;
  /** The HTTP port (/readyz, /metrics): reported like `brokerPort`, 0 until then. */
  readonly httpPort: number;
  readonly dataDirectory: string;
  /** The running process; undefined before the start and after it exited. */
  readonly process: ChildProcess | undefined;
  /** The tail of the node's stdout and stderr (its pino logs). */
  readonly output: string;
}

export interface LocalClusterOptions {
  /** Extra arguments for every `samsa server` (e.g. `--metadata-snapshot-entries 20`). */
  readonly extraArgs?: readonly string[];
  /**
   * The nodes' `SAMSA_LOG_LEVEL`; default: the caller's `SAMSA_LOG_LEVEL`, else `info`.
   * `silent` becomes `fatal`: a node must still write the line that reports its ports.
   */
  readonly logLevel?: string;
  /** How many characters of each node's output to keep. Default 200000. */
  readonly outputTailChars?: number;
  /** Prefix of the temp directory under `os.tmpdir()`. Default `samsa-it-`. */
  readonly tempPrefix?: string;
  /** `--cluster-id`. Default `it`. */
  readonly clusterId?: string;
  /**
   * Runs node `id` as this user id (and group id), so that the fault suite's network rules
   * can tell its packets from the others'. Needs root. Default: as this process.
   */
  readonly runAs?: ((nodeId: number) => number) | undefined;
  /** Node `id`'s `--rack`, or undefined for none. Default: no racks. */
  readonly rackOf?: ((nodeId: number) => string | undefined) | undefined;
}

/** How many times `startAll` starts the cluster when a controller finds its port taken. */
const CONTROLLER_PORT_ATTEMPTS = 4;

/**
 * Ports for the controllers, found by binding port 0 and closing: another process may take
 * one before the controller binds it, which `startAll` detects and answers with fresh ports.
 */
async function freePorts(count: number): Promise<number[]> {
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

/** One process of a node, from its start to its exit. */
interface Run {
  readonly child: ChildProcess;
  /** Whether the node had reported its ports before: this run binds those same ports. */
  readonly restart: boolean;
  /** Set by kill and stop: an exit without it is a failure that the waits report. */
  stopping: boolean;
  /** The started line arrived: the node listens on its ports. */
  reported: boolean;
  /** Why the process ended on its own, once it has. */
  failure: string | undefined;
  /** Set when the failure is a controller that could not bind its port: someone else holds it. */
  controllerPortTaken: boolean;
  /** Stdout after its last newline (a log line not complete yet), until the started line. */
  partialLine: string;
  /** The tail of stderr, where `samsa server` says why it cannot start. */
  stderr: string;
}

interface NodeState extends NodeHandle {
  controllerPort: number;
  brokerPort: number;
  httpPort: number;
  process: ChildProcess | undefined;
  output: string;
  /** The latest process, kept after it exited so that its failure can be reported. */
  run: Run | undefined;
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

/**
 * How the nodes get their ports. The broker and HTTP listeners bind port 0 in the node
 * itself, which reports the ports it got on its "samsa server started" log line; the cluster
 * reads them from the node's output. Picking a free port here and handing it to the child
 * would leave a moment in which any other process could take it. A restarted node binds the
 * ports it reported the first time, so that addresses handed out before (bootstrap lists,
 * broker registrations) stay true; the port was this node's, so losing it in between is
 * reported as such.
 *
 * The controllers cannot do the same: each one must know every voter's address before any
 * of them starts (`--controller-quorum 1@host:port,...`), so their ports are picked up front,
 * and the moment in which another process can take one remains. `startAll` therefore checks
 * that every controller could bind its port; when one could not ("cannot start the
 * controller on ...: EADDRINUSE"), it stops every node, wipes their data and starts the
 * cluster again on fresh controller ports, a few times at most.
 */
export class LocalCluster {
  readonly nodes: NodeHandle[];
  readonly root: string;
  private readonly states: NodeState[] = [];
  private readonly extraArgs: readonly string[];
  private readonly logLevel: string;
  private readonly outputTailChars: number;
  private readonly clusterId: string;
  private readonly runAs: ((nodeId: number) => number) | undefined;
  private readonly rackOf: ((nodeId: number) => string | undefined) | undefined;

  private constructor(root: string, options: LocalClusterOptions) {
    this.root = root;
    this.runAs = options.runAs;
    this.rackOf = options.rackOf;
    // Nodes running as other users must be able to reach their data directories.
    if (this.runAs !== undefined) fs.chmodSync(root, 0o755);
    this.nodes = this.states;
    this.extraArgs = options.extraArgs ?? [];
    // The nodes report their ports on an info line that every level but silent writes.
    const level = options.logLevel ?? process.env['SAMSA_LOG_LEVEL'] ?? 'info';
    this.logLevel = level === 'silent' ? 'fatal' : level;
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
    roles.forEach((nodeRoles, index) => {
      cluster.states.push({
        id: index + 1,
        roles: nodeRoles,
        controllerPort: 0,
        brokerPort: 0,
        httpPort: 0,
        dataDirectory: path.join(cluster.root, String(index + 1)),
        process: undefined,
        output: '',
        run: undefined,
      });
    });
    await cluster.pickControllerPorts();
    return cluster;
  }

  /**
   * Adds a broker-only node to a cluster, running or not, with the next free id and a data
   * directory beside the others, and returns it unstarted (`start(id)` starts it, and
   * `waitForBrokersReady` waits for it): how a cluster grows. Only brokers: a new controller
   * would change the quorum, which `--controller-quorum` cannot do.
   */
  addBroker(): NodeHandle {
    const id = Math.max(0, ...this.states.map((node) => node.id)) + 1;
    const node: NodeState = { id, roles: 'broker', controllerPort: 0, brokerPort: 0, httpPort: 0, dataDirectory: path.join(this.root, String(id)), process: undefined, output: '', run: undefined };
    this.states.push(node);
    return node;
  }

  private get controllers(): NodeHandle[] {
    return this.nodes.filter((node) => node.roles.includes('controller'));
  }

  get brokers(): NodeHandle[] {
    return this.nodes.filter((node) => node.roles.includes('broker'));
  }

  /** `--controller-quorum`: `1@127.0.0.1:P1,2@127.0.0.1:P2,...`. */
  get quorum(): string {
    return this.controllers.map((node) => `${node.id}@127.0.0.1:${node.controllerPort}`).join(',');
  }

  /** For `samsa --controller`: `127.0.0.1:P1,127.0.0.1:P2,...`. */
  get controllerAddresses(): string {
    return this.controllers.map((node) => `127.0.0.1:${node.controllerPort}`).join(',');
  }

  /** Broker addresses, for `new Samsa({ bootstrap })` or `samsa -b` (joined with commas); known once `startAll` resolved. */
  get bootstrap(): string[] {
    return this.brokers.map((node) => {
      if (node.brokerPort === 0) throw new Error(`node ${node.id} has not reported its broker port yet: await startAll() first`);
      return `127.0.0.1:${node.brokerPort}`;
    });
  }

  node(id: number): NodeHandle {
    return this.state(id);
  }

  private state(id: number): NodeState {
    const node = this.states.find((candidate) => candidate.id === id);
    if (node === undefined) throw new Error(`no node ${id}`);
    return node;
  }

  /**
   * Starts node `id` without waiting for it: its broker and HTTP ports are known once it has
   * reported them (`waitForBrokersReady` waits for that too). A node started before binds the
   * ports it reported then.
   */
  start(id: number): void {
    const node = this.state(id);
    if (node.process !== undefined) throw new Error(`node ${id} is already running`);
    const isController = node.roles.includes('controller');
    const isBroker = node.roles.includes('broker');
    const uid = this.runAs?.(id);
    const rack = this.rackOf?.(id);
    if (uid !== undefined) {
      fs.mkdirSync(node.dataDirectory, { recursive: true });
      fs.chownSync(node.dataDirectory, uid, uid);
    }
    const child = spawn(process.execPath, [
      ...serverNodeFlags(),
      SAMSA_BIN, 'server',
      '--node-id', String(id),
      '--roles', node.roles,
      '--data-dir', node.dataDirectory,
      ...(isController ? ['--controller-listen', `127.0.0.1:${node.controllerPort}`] : []),
      ...(isBroker ? ['--listen', `127.0.0.1:${node.brokerPort}`] : []),
      '--http-listen', `127.0.0.1:${node.httpPort}`,
      '--controller-quorum', this.quorum,
      '--cluster-id', this.clusterId,
      ...(rack === undefined ? [] : ['--rack', rack]),
      ...this.extraArgs,
    ], { stdio: ['ignore', 'pipe', 'pipe'], env: serverEnvironment(this.logLevel), ...(uid === undefined ? {} : { uid, gid: uid }) });
    const run: Run = { child, restart: node.httpPort !== 0, stopping: false, reported: false, failure: undefined, controllerPortTaken: false, partialLine: '', stderr: '' };
    node.process = child;
    node.run = run;
    live.add(this);
    installExitHook();
    const keep = (text: string) => {
      node.output = (node.output + text).slice(-this.outputTailChars);
    };
    child.stdout!.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      keep(text);
      if (!run.reported) this.readStartedLine(node, run, text);
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      keep(text);
      run.stderr = (run.stderr + text).slice(-10_000);
    });
    child.once('exit', () => {
      if (node.process === child) node.process = undefined;
    });
    // 'close' comes after the output is read to its end: what the node said about its exit.
    child.once('close', (code, signal) => {
      if (run.stopping) return;
      const said = run.stderr.trim().split('\n').filter((line) => line.startsWith('samsa: ')).at(-1) ?? `(nothing on stderr; see its output)`;
      const how = signal === null ? `exit code ${code}` : `signal ${signal}`;
      const portInUse = /EADDRINUSE|address already in use/.test(said);
      run.controllerPortTaken = portInUse && said.includes(`cannot start the controller on 127.0.0.1:${node.controllerPort}:`);
      run.failure =
        run.restart && portInUse
          ? `node ${id} could not start again on the ports it had (${formatPorts(node)}): another process took one of them while it was down: ${said}`
          : `node ${id} exited on its own (${how}): ${said}`;
    });
  }

  /** Reads the ports of the started line out of the node's stdout (pino JSON, a record a line). */
  private readStartedLine(node: NodeState, run: Run, text: string): void {
    const lines = (run.partialLine + text).split('\n');
    run.partialLine = lines.pop() ?? '';
    for (const line of lines) {
      const ports = startedPortsOf(line);
      if (ports === undefined) continue;
      if (node.roles.includes('broker')) node.brokerPort = ports.broker ?? 0;
      node.httpPort = ports.http;
      run.reported = true;
      run.partialLine = '';
      return;
    }
  }

  /**
   * Starts every node and resolves once each has reported the ports it bound. A controller
   * that finds its port taken (see the class comment) makes it start the whole cluster again
   * on fresh controller ports, up to CONTROLLER_PORT_ATTEMPTS times in all. `deadlineMs`
   * applies to each attempt.
   */
  async startAll(deadlineMs = 60_000): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      for (const node of this.states) this.start(node.id);
      const outcome = await waitFor('every node to report the ports it bound', deadlineMs, () => {
        const taken = this.states.filter((node) => node.run?.controllerPortTaken === true);
        if (taken.length > 0) return { taken };
        const failure = this.failure();
        if (failure !== undefined) return { failure };
        return this.states.every((node) => node.run?.reported === true) ? { started: true } : undefined;
      });
      if ('started' in outcome) return;
      if ('failure' in outcome) throw new Error(outcome.failure);
      const ports = outcome.taken.map((node) => `node ${node.id}'s ${node.controllerPort}`).join(', ');
      if (attempt >= CONTROLLER_PORT_ATTEMPTS) {
        throw new Error(`the controller ports were taken by other processes ${attempt} times in a row (last: ${ports}): ${outcome.taken[0]!.run!.failure}`);
      }
      await Promise.all(this.states.map((node) => this.kill(node.id)));
      for (const node of this.states) {
        node.output += `\n[local-cluster] controller port in use (${ports}): starting every node again on fresh controller ports (attempt ${attempt + 1} of ${CONTROLLER_PORT_ATTEMPTS})\n`;
        node.brokerPort = 0;
        node.httpPort = 0;
        node.run = undefined;
        // The nodes knew the old quorum: the new attempt is a new cluster.
        fs.rmSync(node.dataDirectory, { recursive: true, force: true });
      }
      await this.pickControllerPorts();
    }
  }

  private async pickControllerPorts(): Promise<void> {
    const controllers = this.states.filter((node) => node.roles.includes('controller'));
    const ports = await freePorts(controllers.length);
    controllers.forEach((node, index) => (node.controllerPort = ports[index]!));
  }

  /** Starts every node and waits for a controller leader and every broker ready. */
  async startAndWait(deadlineMs = 60_000): Promise<void> {
    await this.startAll(deadlineMs);
    await this.waitForLeader(deadlineMs);
    await this.waitForBrokersReady(deadlineMs);
  }

  /** SIGKILL, and resolve once the process is gone. */
  kill(id: number): Promise<void> {
    const node = this.state(id);
    const child = node.process;
    if (child === undefined) return Promise.resolve();
    node.run!.stopping = true;
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  /** SIGSTOP: the node freezes with its sockets open, as a long GC pause or a hung VM would. */
  pause(id: number): void {
    this.state(id).process?.kill('SIGSTOP');
  }

  /** SIGCONT after `pause`; harmless on a node that runs. */
  resume(id: number): void {
    this.state(id).process?.kill('SIGCONT');
  }

  /** The node's /readyz; throws while it has not reported its HTTP port. */
  async readiness(id: number): Promise<{ ok: boolean; role?: string; leader?: number } | undefined> {
    const node = this.state(id);
    if (node.httpPort === 0) throw new Error(`node ${id} has not reported its HTTP port yet`);
    const response = await fetch(`http://127.0.0.1:${node.httpPort}/readyz`, { signal: AbortSignal.timeout(2000) });
    return (await response.json()) as { ok: boolean; role?: string; leader?: number };
  }

  /** Waits until some running node reports itself leader and returns its id. */
  async waitForLeader(deadlineMs: number): Promise<number> {
    return this.waitUnlessFailed('a controller leader', deadlineMs, async () => {
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
    await this.waitUnlessFailed('every running broker to be ready', deadlineMs, async () => {
      for (const node of this.brokers) {
        if (node.process === undefined) continue;
        const state = (await this.readiness(node.id).catch(() => undefined)) as { ok?: boolean } | undefined;
        if (state?.ok !== true) return undefined;
      }
      return true;
    });
  }

  /** `waitFor`, except that a node that exited on its own ends the wait at once with why. */
  private async waitUnlessFailed<T>(what: string, deadlineMs: number, condition: () => Promise<T | undefined>): Promise<T> {
    const outcome = await waitFor(what, deadlineMs, async (): Promise<{ value: T } | { failure: string } | undefined> => {
      const failure = this.failure();
      if (failure !== undefined) return { failure };
      const value = await condition();
      return value === undefined ? undefined : { value };
    });
    if ('failure' in outcome) throw new Error(`${outcome.failure} (while waiting for ${what})`);
    return outcome.value;
  }

  /** Why a node's latest process ended when nobody stopped it, if one did. */
  private failure(): string | undefined {
    return this.states.find((node) => node.run?.failure !== undefined)?.run!.failure;
  }

  /** SIGTERM, then SIGKILL if the process is still there after `graceMs`. */
  stop(id: number, graceMs: number): Promise<void> {
    const node = this.state(id);
    const child = node.process;
    if (child === undefined) return Promise.resolve();
    node.run!.stopping = true;
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
    for (const node of this.states) {
      if (node.run !== undefined) node.run.stopping = true;
      node.process?.kill('SIGKILL');
    }
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

function formatPorts(node: NodeHandle): string {
  return [
    node.roles.includes('controller') ? `controller 127.0.0.1:${node.controllerPort}` : undefined,
    node.roles.includes('broker') ? `broker 127.0.0.1:${node.brokerPort}` : undefined,
    `HTTP 127.0.0.1:${node.httpPort}`,
  ].filter((part) => part !== undefined).join(', ');
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

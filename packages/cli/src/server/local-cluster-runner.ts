import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import * as readline from 'node:readline';
import type { CommandIo } from '../command-line/command';
import { formatLogLine } from '../output/log-line';
import { renderClusterBanner } from './local-cluster-banner';
import type { LocalNode } from './local-cluster-plan';
import { waitForShutdownSignal, withTimeout } from './shutdown-signals';

/** After the first SIGTERM, the nodes get this long in all to stop before SIGKILL. */
const NODE_STOP_TIMEOUT_MS = 15_000;
const READY_POLL_INTERVAL_MS = 500;
const READY_WAIT_MS_MAX = 60_000;

export interface LocalClusterOptions {
  readonly nodes: readonly LocalNode[];
  /** The folder holding every node's data directory, for the banner. */
  readonly dataDirectory: string;
  readonly io: CommandIo;
  /** Forward the nodes' pino JSON as is, instead of one readable line per record. */
  readonly jsonLogs: boolean;
}

interface RunningNode {
  readonly node: LocalNode;
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
  alive: boolean;
}

/**
 * Runs every node as a `samsa server` child process in its own process group (so a Ctrl-C
 * reaches this process only, which then stops the nodes in order) and forwards their output
 * with a `[node N]` prefix. Resolves to the exit code: 0 when stopped by SIGINT or SIGTERM,
 * 1 when a node dies on its own (the others are then stopped too).
 */
export async function runLocalCluster(options: LocalClusterOptions): Promise<number> {
  const { io } = options;
  const script = samsaScript();
  let stopping = false;
  let exitCode = 0;
  let resolveFailure: () => void = () => {};
  const failure = new Promise<void>((resolve) => {
    resolveFailure = resolve;
  });

  const running = options.nodes.map((node): RunningNode => {
    fs.mkdirSync(node.dataDirectory, { recursive: true });
    const child = spawn(process.execPath, [script, 'server', ...node.serverArguments], { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { ...io.env } });
    const entry: RunningNode = { node, child, alive: true, exited: new Promise((resolve) => child.once('close', () => resolve())) };
    forwardLines(child.stdout!, `[node ${node.id}] `, (line) => io.stdout(`${line}\n`), options.jsonLogs);
    forwardLines(child.stderr!, `[node ${node.id}] `, (line) => io.stderr(`${line}\n`), true);
    child.once('error', (error) => {
      io.stderr(`samsa: node ${node.id} could not start: ${error.message}\n`);
    });
    child.once('exit', (code, signal) => {
      entry.alive = false;
      if (stopping) return;
      io.stderr(`samsa: node ${node.id} exited unexpectedly (${signal === null ? `exit code ${code}` : `signal ${signal}`}); stopping the cluster\n`);
      exitCode = 1;
      resolveFailure();
    });
    return entry;
  });
  // Whatever ends this process, the nodes must not outlive it.
  const killAll = () => {
    for (const entry of running) if (entry.alive) entry.child.kill('SIGKILL');
  };
  process.once('exit', killAll);

  void announceReadiness(options, () => stopping);
  const reason = await Promise.race([waitForShutdownSignal(() => killAll()), failure.then(() => 'failure' as const)]);
  stopping = true;
  if (reason !== 'failure') io.stderr(`samsa: ${reason}: stopping the cluster\n`);
  const stopped = await withTimeout(stopOneByOne(running), NODE_STOP_TIMEOUT_MS);
  if (stopped === 'timeout') {
    io.stderr(`samsa: nodes still running after ${NODE_STOP_TIMEOUT_MS / 1000} s; killing them\n`);
    killAll();
    await Promise.all(running.map((entry) => entry.exited));
    exitCode = 1;
  }
  process.removeListener('exit', killAll);
  return exitCode;
}

/**
 * SIGTERM to one node at a time, each waited for. Stopped together, every broker would ask
 * for a controlled shutdown at once and the last ones would wait for a controller quorum
 * that the first ones took down with them; one by one, each hands its leaderships to nodes
 * still up, and the last, with nobody to hand them to, stops at once.
 */
async function stopOneByOne(running: readonly RunningNode[]): Promise<void> {
  for (const entry of running) {
    if (entry.alive) entry.child.kill('SIGTERM');
    await entry.exited;
  }
}

/** The compiled `samsa` entry point beside this file (dist/bin/samsa.js). */
function samsaScript(): string {
  const script = path.join(__dirname, '..', 'bin', 'samsa.js');
  if (!fs.existsSync(script)) throw new Error(`cannot find the samsa script at ${script}; build it with "npx tsc -b packages/cli"`);
  return script;
}

function forwardLines(stream: NodeJS.ReadableStream, prefix: string, write: (line: string) => void, raw: boolean): void {
  const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
  lines.on('line', (line) => write(`${prefix}${raw ? line : formatLogLine(line)}`));
}

/** Polls each node's /readyz and says when it, then the whole cluster, is ready. */
async function announceReadiness(options: LocalClusterOptions, stopping: () => boolean): Promise<void> {
  const { nodes, io } = options;
  const waiting = new Set(nodes);
  const deadline = Date.now() + READY_WAIT_MS_MAX;
  while (waiting.size > 0 && !stopping() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, READY_POLL_INTERVAL_MS));
    for (const node of [...waiting]) {
      if (await isReady(node)) {
        waiting.delete(node);
        io.stderr(`samsa: node ${node.id} is ready\n`);
      }
    }
  }
  if (stopping()) return;
  if (waiting.size === 0) io.stdout(renderClusterBanner(nodes, options.dataDirectory));
  else io.stderr(`samsa: nodes ${[...waiting].map((node) => node.id).join(', ')} not ready after ${READY_WAIT_MS_MAX / 1000} s\n`);
}

function isReady(node: LocalNode): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get({ host: node.httpListen.host, port: node.httpListen.port, path: '/readyz', timeout: 1_000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { waitFor } from '@samsa/protocol';

/**
 * The README's quick start, exactly as a newcomer types it: clone the repository (its
 * committed HEAD) into a temp dir, run the README's start line, wait for the banner, then run
 * every line of the README's next shell block and check what they print. Ctrl-C (SIGINT to
 * the foreground process group, as a terminal sends it) must stop every node within a few
 * seconds, and a second `npm start` must find the data again.
 *
 * It uses the README's fixed ports (9092/9093/9644 + 10000 per node), so it fails at once
 * when something else holds them.
 */

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const README_PORTS = [9092, 9093, 9644, 19092, 19093, 19644, 29092, 29093, 29644];
/** npm ci and a build from nothing on a busy 2-core machine. */
const FIRST_START_DEADLINE_MS = 360_000;
const RESTART_DEADLINE_MS = 90_000;
const COMMAND_TIMEOUT_MS = 60_000;
/** "Ctrl-C stops every node within a few seconds". */
const STOP_DEADLINE_MS = 10_000;

interface QuickStart {
  /** The line that installs and starts the cluster, e.g. `npm ci && npm start`. */
  readonly startLine: string;
  /** The lines to type in another terminal while it runs. */
  readonly tryLines: readonly string[];
}

/** The first two `sh` blocks of the README's "Quick start" section, comments removed. */
function readQuickStart(readme: string): QuickStart {
  const section = readme.split(/^## /m).find((part) => part.startsWith('Quick start'));
  if (section === undefined) throw new Error('README.md has no "## Quick start" section');
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) =>
    match[1]!
      .split('\n')
      .map((line) => line.replace(/\s+#.*$/, '').trim())
      .filter((line) => line.length > 0),
  );
  const startLine = blocks[0]?.find((line) => line.includes('npm start'));
  if (startLine === undefined || blocks[1] === undefined) throw new Error('README.md quick start: expected a block with "npm start" and a block of commands to try');
  return { startLine, tryLines: blocks[1] };
}

/** The environment of a person at a terminal: nothing of jest's or of a Samsa setting. */
function userEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('SAMSA_') && !name.startsWith('JEST') && name !== 'NODE_ENV' && !name.startsWith('npm_')));
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A foreground shell line in its own process group, so SIGINT reaches all of it, as Ctrl-C does. */
class Terminal {
  readonly child: ChildProcess;
  output = '';

  constructor(line: string, cwd: string) {
    this.child = spawn('bash', ['-c', line], { cwd, env: userEnvironment(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-400_000);
    };
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
  }

  interrupt(): void {
    process.kill(-this.child.pid!, 'SIGINT');
  }

  kill(): void {
    try {
      process.kill(-this.child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

function run(line: string, cwd: string): { stdout: string; stderr: string } {
  try {
    const stdout = execFileSync('bash', ['-c', line], { cwd, env: userEnvironment(), encoding: 'utf8', timeout: COMMAND_TIMEOUT_MS, stdio: ['ignore', 'pipe', 'pipe'] });
    return { stdout, stderr: '' };
  } catch (error) {
    const failure = error as { status: number | null; stdout?: string; stderr?: string };
    throw new Error(`"${line}" failed (exit ${failure.status}):\n${failure.stderr ?? ''}${failure.stdout ?? ''}`);
  }
}

describe('the README quick start on a fresh clone', () => {
  let workspace: string;
  const terminals: Terminal[] = [];

  beforeAll(async () => {
    for (const port of README_PORTS) {
      if (!(await portIsFree(port))) throw new Error(`port ${port} is in use; the README's quick start needs ports ${README_PORTS.join(', ')} free`);
    }
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'samsa-quick-start-'));
  });

  afterAll(async () => {
    // The nodes run in process groups of their own, which a SIGKILLed `npm start` cannot stop:
    // a test that failed with a cluster up first gets Ctrl-C, as a person would type it, and
    // only a command that has not exited after that is killed.
    const running = terminals.filter((terminal) => terminal.child.exitCode === null && terminal.child.signalCode === null);
    for (const terminal of running) terminal.interrupt();
    await waitFor('the quick start commands to exit', STOP_DEADLINE_MS, async () => (running.every((terminal) => terminal.child.exitCode !== null || terminal.child.signalCode !== null) ? true : undefined)).catch(() => undefined);
    for (const terminal of terminals) terminal.kill();
    // Then wait until no README port answers before removing their data.
    await waitFor('the README ports to close', 20_000, async () => ((await Promise.all(README_PORTS.map(portAnswers))).some(Boolean) ? undefined : true)).catch(() => undefined);
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  test('clone, start, topic create, produce, consume, describe, Ctrl-C, start again', async () => {
    const clone = path.join(workspace, 'samsa');
    execFileSync('git', ['clone', '--quiet', REPO_ROOT, clone], { stdio: 'ignore' });
    const { startLine, tryLines } = readQuickStart(fs.readFileSync(path.join(clone, 'README.md'), 'utf8'));

    const start = async (line: string, deadlineMs: number): Promise<Terminal> => {
      const terminal = new Terminal(line, clone);
      terminals.push(terminal);
      await waitFor(`"${line}" to print its banner`, deadlineMs, async () => {
        if (terminal.child.exitCode !== null) throw new Error(`"${line}" exited with ${terminal.child.exitCode}:\n${terminal.output.slice(-4000)}`);
        return terminal.output.includes('Samsa is ready:') ? true : undefined;
      }).catch((error: Error) => {
        throw new Error(`${error.message}\n--- output ---\n${terminal.output.slice(-4000)}`);
      });
      return terminal;
    };
    const stop = async (terminal: Terminal): Promise<number> => {
      const startedMs = Date.now();
      terminal.interrupt();
      // Stopped: the command has exited and no node answers on any README port.
      await waitFor('Ctrl-C to stop every node', STOP_DEADLINE_MS, async () => {
        if (terminal.child.exitCode === null && terminal.child.signalCode === null) return undefined;
        return (await Promise.all(README_PORTS.map(portAnswers))).some(Boolean) ? undefined : true;
      }).catch((error: Error) => {
        throw new Error(`${error.message}\n--- output ---\n${terminal.output.slice(-4000)}`);
      });
      // A clean stop, not the SIGKILL that a second Ctrl-C would bring.
      expect(terminal.output).not.toContain('killing them');
      expect(terminal.output).not.toContain('exiting without a clean stop');
      return Date.now() - startedMs;
    };

    const first = await start(startLine, FIRST_START_DEADLINE_MS);
    expect(first.output).toContain('bootstrap   127.0.0.1:9092,127.0.0.1:19092,127.0.0.1:29092');
    expect(first.output).toContain('http://127.0.0.1:9644/metrics');

    const produced = new Set<string>();
    for (const line of tryLines) {
      const { stdout } = run(line, clone);
      if (/^seq 1 (\d+) \| npx samsa produce/.test(line)) {
        const count = Number(/^seq 1 (\d+)/.exec(line)![1]);
        for (let value = 1; value <= count; value++) produced.add(String(value));
      }
      if (line.includes('samsa consume')) {
        // Six partitions: order holds within a partition, not across them.
        const consumed = stdout.split('\n').filter((value) => value.length > 0);
        expect(consumed.length).toBe(produced.size);
        expect(new Set(consumed)).toEqual(produced);
      }
      if (line.includes('group describe')) {
        // The group consumed everything and committed it: the committed offsets add up to what
        // was produced, each at its partition's end (lag 0). Unkeyed records may all sit in one
        // partition, so partitions without a commit ('-') are allowed.
        expect(stdout).toContain('billing');
        const rows = stdout.split('\n').map((row) => /^orders\s+(\d+)\s+(\d+|-)\s+(\d+)\s+(-?\d+|-)\b/.exec(row.trim())).filter((match) => match !== null);
        const committed = rows.filter((match) => match[2] !== '-');
        expect(committed.length).toBeGreaterThan(0);
        for (const match of committed) expect([match[1], match[4]]).toEqual([match[1], '0']);
        expect(committed.reduce((sum, match) => sum + Number(match[2]), 0)).toBe(produced.size);
      }
      if (line.includes('cluster describe')) {
        for (const broker of ['127.0.0.1:9092', '127.0.0.1:19092', '127.0.0.1:29092']) expect(stdout).toContain(broker);
      }
    }
    expect(produced.size).toBeGreaterThan(0);
    await stop(first);

    // A second start finds the data of the first.
    const second = await start('npm start', RESTART_DEADLINE_MS);
    const consumeLine = tryLines.find((line) => line.includes('samsa consume'))!;
    const again = run(consumeLine, clone).stdout.split('\n').filter((value) => value.length > 0);
    expect(new Set(again)).toEqual(produced);
    await stop(second);
  }, FIRST_START_DEADLINE_MS + RESTART_DEADLINE_MS + 5 * COMMAND_TIMEOUT_MS);
});

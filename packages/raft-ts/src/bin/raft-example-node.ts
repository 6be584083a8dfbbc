/**
 * One Raft node in its own process, for the multi-process test and the benchmark: a
 * RaftNode on a FileStorage in `--data-dir`, a GrpcRaftTransport served on 127.0.0.1, and a
 * small key-value state machine. It is driven over stdin/stdout with JSON lines:
 *
 *   stdout, first:  {"event":"listening","id":1,"port":40123}
 *   {"op":"start","id":"r1","peers":[{"id":2,"host":"127.0.0.1","port":40124},...]}
 *                                       → {"id":"r1","ok":true}   (starts the RaftNode)
 *   {"op":"peers","peers":[...]}        → updates peer addresses (a restarted peer moved)
 *   {"op":"propose","id":"r2","data":"key=value"}
 *                                       → {"id":"r2","ok":true,"index":17}
 *                                       | {"id":"r2","ok":false,"error":"NOT_LEADER","leader":2}
 *   {"op":"status"}                     → role, term, leader, commit, applied, first/last index
 *   {"op":"dump"}                       → {"applied":…, "kv":[[key, value, index], …]}
 *   {"op":"load","count":N,"inflight":K,"bytes":B}
 *                                       → proposes N entries of B bytes, K at a time, here on
 *                                         the leader; answers with throughput and latencies
 *   {"op":"propose-when-leader","data":…,"timeoutMs":T}
 *                                       → once this node leads, proposes; answers with the
 *                                         wall-clock time (ms, sub-ms precision) it committed
 *   {"op":"cpu"}                        → process.cpuUsage() so far (user and system µs)
 *   {"op":"exit"}                       → stops cleanly (so --cpu-prof writes its profile)
 *
 * Flags: --id N --data-dir DIR --voters 1,2,3 [--port 0] [--tick-ms 100]
 *        [--election-ticks 10] [--heartbeat-ticks 1] [--snapshot-every 10000]
 *        [--keep-entries 1000] [--segment-bytes 67108864]
 * Logs go to stderr as JSON lines. The process exits when stdin closes.
 */
import * as grpc from '@grpc/grpc-js';
import * as readline from 'node:readline';
import { NotLeaderError, RaftError } from '../errors';
import { FileStorage } from '../file-storage';
import { RaftNode, type RaftNodeLogger } from '../node/raft-node';
import { GrpcRaftTransport, bindRaftServer, type PeerAddress } from '../transport/grpc-transport';
import { KvStateMachine } from './kv-state-machine';
import { runLoad } from './load-generator';

interface Settings {
  readonly id: number;
  readonly dataDirectory: string;
  readonly voters: number[];
  readonly port: number;
  readonly tickMs: number;
  readonly electionTicks: number;
  readonly heartbeatTicks: number;
  readonly snapshotEveryEntries: number;
  readonly entriesKeptAfterSnapshot: number;
  readonly segmentBytesMax: number;
}

type Request = { op: string; id?: unknown; [field: string]: unknown };

function parseSettings(argv: readonly string[]): Settings {
  const flags = new Map<string, string>();
  for (let position = 0; position < argv.length; position += 2) {
    const name = argv[position]!;
    const value = argv[position + 1];
    if (!name.startsWith('--') || value === undefined) fail(`bad argument "${name}": expected --flag value pairs`);
    flags.set(name.slice(2), value);
  }
  const integer = (name: string, fallback?: number): number => {
    const text = flags.get(name);
    if (text === undefined) {
      if (fallback === undefined) fail(`--${name} is required`);
      return fallback;
    }
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0) fail(`--${name} must be a non-negative integer, got "${text}"`);
    return value;
  };
  const dataDirectory = flags.get('data-dir') ?? fail('--data-dir is required');
  const voters = (flags.get('voters') ?? fail('--voters is required')).split(',').map(Number);
  if (voters.some((voter) => !Number.isInteger(voter) || voter <= 0)) fail('--voters must be a comma-separated list of node ids');
  return {
    id: integer('id'),
    dataDirectory,
    voters,
    port: integer('port', 0),
    tickMs: integer('tick-ms', 100),
    electionTicks: integer('election-ticks', 10),
    heartbeatTicks: integer('heartbeat-ticks', 1),
    snapshotEveryEntries: integer('snapshot-every', 10_000),
    entriesKeptAfterSnapshot: integer('keep-entries', 1000),
    segmentBytesMax: integer('segment-bytes', 64 * 1024 * 1024),
  };
}

function fail(message: string): never {
  process.stderr.write(`raft-example-node: ${message}\n`);
  process.exit(2);
}

function stderrLogger(id: number): RaftNodeLogger {
  const write = (level: string, object: object, message: string): void => {
    process.stderr.write(`${JSON.stringify({ level, time: Date.now(), node: id, message, ...serializable(object) })}\n`);
  };
  return { info: (object, message) => write('info', object, message), warn: (object, message) => write('warn', object, message) };
}

function serializable(object: object): object {
  const error = (object as { err?: unknown }).err;
  return error instanceof Error ? { ...object, err: error.message } : object;
}

function reply(message: object): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

function errorReply(id: unknown, error: unknown): object {
  if (error instanceof NotLeaderError) return { id, ok: false, error: 'NOT_LEADER', leader: error.leaderId ?? 0 };
  if (error instanceof RaftError) return { id, ok: false, error: error.code, message: error.message };
  return { id, ok: false, error: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

async function main(): Promise<void> {
  const settings = parseSettings(process.argv.slice(2));
  const logger = stderrLogger(settings.id);
  const storage = FileStorage.open(settings.dataDirectory, {
    bootstrap: { voters: settings.voters, learners: [] },
    segmentBytesMax: settings.segmentBytesMax,
    logger,
  });
  const stateMachine = new KvStateMachine(storage.snapshot());
  const transport = new GrpcRaftTransport({ nodeId: settings.id, group: 'raft-example', peers: [] });
  const server = new grpc.Server();
  transport.addToServer(server);
  const port = await bindRaftServer(server, '127.0.0.1', settings.port, { warn: logger.warn, debug() {} });
  let node: RaftNode | undefined;

  const requireNode = (): RaftNode => node ?? (() => { throw new RaftError('NOT_STARTED', 'send {"op":"start"} first', true); })();
  const handlers: Record<string, (request: Request) => Promise<object> | object> = {
    start: (request) => {
      if (node !== undefined) throw new RaftError('ALREADY_STARTED', 'the node is already running', false);
      for (const peer of request['peers'] as PeerAddress[]) transport.addPeer(peer);
      node = new RaftNode({
        id: settings.id,
        storage,
        transport,
        stateMachine,
        tickMs: settings.tickMs,
        electionTicks: settings.electionTicks,
        heartbeatTicks: settings.heartbeatTicks,
        snapshotEveryEntries: settings.snapshotEveryEntries,
        entriesKeptAfterSnapshot: settings.entriesKeptAfterSnapshot,
        logger,
      });
      node.start();
      return {};
    },
    peers: (request) => {
      for (const peer of request['peers'] as PeerAddress[]) transport.addPeer(peer);
      return {};
    },
    propose: async (request) => ({ index: await requireNode().propose(Buffer.from(String(request['data']))) }),
    status: () => {
      const status = requireNode().status();
      return {
        node: settings.id,
        role: status.role,
        term: status.term,
        leader: status.leaderId,
        commit: status.commitIndex,
        applied: status.appliedIndex,
        firstIndex: status.firstIndex,
        lastIndex: status.lastIndex,
        snapshotIndex: storage.snapshot().metadata.index,
        snapshotsReceived: stateMachine.snapshotsReceived,
      };
    },
    dump: () => ({ applied: requireNode().status().appliedIndex, kv: stateMachine.dump() }),
    load: (request) => runLoad(requireNode(), { count: Number(request['count']), inflight: Number(request['inflight']), bytes: Number(request['bytes'] ?? 100) }),
    'propose-when-leader': (request) => proposeWhenLeader(requireNode(), String(request['data']), Number(request['timeoutMs'] ?? 30_000)),
    cpu: () => {
      const usage = process.cpuUsage();
      return { userMicros: usage.user, systemMicros: usage.system };
    },
    exit: () => {
      setImmediate(() => shutdown(0));
      return {};
    },
  };

  const shutdown = (code: number): void => {
    node?.stop();
    transport.close();
    server.forceShutdown();
    storage.close();
    process.exit(code);
  };

  const lines = readline.createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    let request: Request;
    try {
      request = JSON.parse(line) as Request;
    } catch {
      reply({ ok: false, error: 'BAD_REQUEST', message: `not JSON: ${line.slice(0, 100)}` });
      return;
    }
    const handler = handlers[request.op];
    if (handler === undefined) {
      reply({ id: request.id, ok: false, error: 'BAD_REQUEST', message: `unknown op "${request.op}"` });
      return;
    }
    Promise.resolve()
      .then(() => handler(request))
      .then(
        (result) => reply({ id: request.id, ok: true, ...result }),
        (error: unknown) => reply(errorReply(request.id, error)),
      );
  });
  // The parent (a test or the benchmark) owns this process: when it goes, so do we.
  lines.on('close', () => shutdown(0));
  reply({ event: 'listening', id: settings.id, port });
}

/** Waits until this node leads, proposes once, and reports when it committed (epoch ms). */
function proposeWhenLeader(node: RaftNode, data: string, timeoutMs: number): Promise<object> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      node.off('role-change', onRoleChange);
      reject(new RaftError('TIMEOUT', `not leader within ${timeoutMs} ms`, true));
    }, timeoutMs);
    const attempt = (): void => {
      node.off('role-change', onRoleChange);
      node.propose(Buffer.from(data)).then(
        (index) => {
          clearTimeout(timer);
          resolve({ index, committedAtMs: performance.timeOrigin + performance.now() });
        },
        () => node.on('role-change', onRoleChange),
      );
    };
    const onRoleChange = (): void => {
      if (node.isLeader) attempt();
    };
    if (node.isLeader) attempt();
    else node.on('role-change', onRoleChange);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`raft-example-node: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

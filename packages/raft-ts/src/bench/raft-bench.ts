/**
 * raft-ts benchmark: three raft-example-node processes over gRPC on loopback, each on a
 * FileStorage that fdatasyncs once per Ready (before sending), in a temporary directory.
 *
 * - throughput: committed entries per second for 100-byte entries with 1 and with 256
 *   proposals in flight, and the commit latency (propose → committed and applied on the
 *   leader) p50/p99. The proposals are issued inside the leader's process (a closed loop
 *   of `inflight` outstanding `RaftNode.propose` calls), so this measures Raft, storage and
 *   transport, not a client protocol in front of them.
 * - failover: SIGKILL the leader, then the time until the first proposal commits under the
 *   new leader (the survivors stamp the commit; same machine, same clock), over N runs.
 *
 *   npm run bench -w raft-ts [-- --runs 10 --count 60000 --profile]
 *
 * Prints tables and writes bench-results/raft.json (relative to the working directory).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ExampleCluster, type ExampleNodeProcess } from '../testing/example-cluster';
import { waitFor } from '../testing/wait-for';
import { summarizeProfile } from './profile-summary';

interface BenchOptions {
  readonly runs: number;
  readonly count: number;
  readonly countSingle: number;
  /** Each throughput load runs this many times (the machine is shared: report the spread). */
  readonly repeat: number;
  readonly profile: boolean;
  readonly only: string | undefined;
}

interface Timeouts {
  readonly name: string;
  readonly tickMs: number;
  readonly electionTicks: number;
  readonly heartbeatTicks: number;
}

const DEFAULT_TIMEOUTS: Timeouts = { name: 'RaftNode defaults', tickMs: 50, electionTicks: 10, heartbeatTicks: 1 };
const FAST_TIMEOUTS: Timeouts = { name: 'earlier defaults', tickMs: 100, electionTicks: 10, heartbeatTicks: 1 };
const ENTRY_BYTES = 100;

function parseOptions(argv: readonly string[]): BenchOptions {
  const value = (name: string): string | undefined => {
    const position = argv.indexOf(`--${name}`);
    return position < 0 ? undefined : argv[position + 1];
  };
  const integer = (name: string, fallback: number): number => {
    const text = value(name);
    const parsed = text === undefined ? fallback : Number(text);
    if (!Number.isInteger(parsed) || parsed <= 0) throw new Error(`--${name} must be a positive integer, got "${text}"`);
    return parsed;
  };
  return {
    runs: integer('runs', 10),
    count: integer('count', 60_000),
    countSingle: integer('count-single', 2_000),
    repeat: integer('repeat', 3),
    profile: argv.includes('--profile'),
    only: value('only'),
  };
}

function clusterFlags(timeouts: Timeouts): string[] {
  return ['--tick-ms', String(timeouts.tickMs), '--election-ticks', String(timeouts.electionTicks), '--heartbeat-ticks', String(timeouts.heartbeatTicks)];
}

async function withCluster<T>(label: string, timeouts: Timeouts, body: (cluster: ExampleCluster) => Promise<T>, nodeFlags?: (id: number) => readonly string[]): Promise<T> {
  const baseDirectory = fs.mkdtempSync(path.join(os.tmpdir(), `raft-bench-${label}-`));
  const cluster = await ExampleCluster.start({ size: 3, baseDirectory, flags: clusterFlags(timeouts), ...(nodeFlags === undefined ? {} : { nodeFlags }) });
  try {
    return await body(cluster);
  } catch (error) {
    process.stderr.write(`${cluster.diagnostics()}\n`);
    throw error;
  } finally {
    await cluster.killAll();
    fs.rmSync(baseDirectory, { recursive: true, force: true });
  }
}

interface LoadReply {
  readonly count: number;
  readonly seconds: number;
  readonly entriesPerSecond: number;
  readonly latencyMs: { p50: number; p99: number; max: number };
}

async function load(leader: ExampleNodeProcess, count: number, inflight: number): Promise<LoadReply> {
  const reply = await leader.request({ op: 'load', count, inflight, bytes: ENTRY_BYTES }, 300_000);
  if (!reply.ok) throw new Error(`load on node ${leader.id} failed: ${reply.error} ${reply.message ?? ''}`);
  return reply as unknown as LoadReply;
}

type ThroughputRow = { inflight: number; cpuMicrosPerEntry: { leader: number; followers: number } } & LoadReply;

async function cpuMicros(node: ExampleNodeProcess): Promise<number> {
  const reply = await node.request({ op: 'cpu' });
  return (reply['userMicros'] as number) + (reply['systemMicros'] as number);
}

/**
 * Runs one load and reports, besides the rates, the CPU time each process spent per
 * committed entry: on a shared machine the rates move with the neighbours' load, the CPU
 * cost much less.
 */
async function measuredLoad(cluster: ExampleCluster, leader: ExampleNodeProcess, count: number, inflight: number): Promise<ThroughputRow> {
  const nodes = cluster.alive();
  const before = await Promise.all(nodes.map(cpuMicros));
  const result = await load(leader, count, inflight);
  const after = await Promise.all(nodes.map(cpuMicros));
  const spent = nodes.map((node, position) => ({ leader: node === leader, micros: after[position]! - before[position]! }));
  const leaderMicros = spent.find((row) => row.leader)!.micros;
  const followerMicros = spent.filter((row) => !row.leader).reduce((sum, row) => sum + row.micros, 0) / (nodes.length - 1);
  return { inflight, ...result, cpuMicrosPerEntry: { leader: Math.round((10 * leaderMicros) / count) / 10, followers: Math.round((10 * followerMicros) / count) / 10 } };
}

async function measureThroughput(options: BenchOptions): Promise<ThroughputRow[]> {
  return withCluster('throughput', DEFAULT_TIMEOUTS, async (cluster) => {
    const leader = await cluster.waitForLeader(30_000);
    await load(leader, 5_000, 256); // warm-up: JIT, page cache, gRPC streams
    const rows: ThroughputRow[] = [];
    for (let run = 0; run < options.repeat; run += 1) {
      rows.push(await measuredLoad(cluster, leader, options.countSingle, 1));
      rows.push(await measuredLoad(cluster, leader, options.count, 256));
    }
    return rows.sort((a, b) => a.inflight - b.inflight);
  });
}

/** One failover: SIGKILL the leader, stamp the first commit under a new one, restart the victim. */
async function failoverOnce(cluster: ExampleCluster, run: number): Promise<number> {
  const leader = await cluster.waitForLeader(30_000);
  await cluster.propose(`warm-${run}=1`, 30_000);
  const survivors = cluster.alive().filter((node) => node !== leader);
  // Both survivors wait to lead; whichever wins proposes and reports when it committed.
  const commits = survivors.map((node) =>
    node.request({ op: 'propose-when-leader', data: `failover-${run}=1`, timeoutMs: 20_000 }, 25_000).then((reply) => {
      if (!reply.ok) throw new Error(`node ${node.id}: ${reply.error}`);
      return reply['committedAtMs'] as number;
    }),
  );
  const killedAtMs = performance.timeOrigin + performance.now();
  await leader.kill();
  const committedAtMs = await Promise.any(commits);
  commits.forEach((commit) => commit.catch(() => undefined));
  // Bring the victim back and let it catch up, so every run starts from three healthy nodes.
  const restarted = await cluster.restart(leader.id);
  const target = (await cluster.waitForLeader(30_000)).status();
  const commit = (await target)?.commit ?? 0;
  await waitFor(`node ${leader.id} to catch up`, 30_000, async () => (((await restarted.status())?.applied ?? 0) >= commit ? true : undefined));
  return committedAtMs - killedAtMs;
}

interface FailoverResult {
  readonly timeouts: Timeouts;
  readonly runsMs: number[];
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  /**
   * Terms beyond the one each SIGKILL forces (also counting a 256-in-flight load first): a
   * split vote after a kill, or an election nobody caused, which would mean instability.
   */
  readonly extraTerms: number;
}

async function currentTerm(cluster: ExampleCluster): Promise<number> {
  return (await (await cluster.waitForLeader(30_000)).status())?.term ?? 0;
}

/**
 * Failover runs on one cluster. Stability first: a 256-in-flight load should not cost an
 * election, and each SIGKILL should cost one term (pre-vote keeps a restarted node from
 * bumping terms); any other term is counted: a split vote, or an unprovoked election.
 */
async function measureFailover(timeouts: Timeouts, runs: number, loadCount: number): Promise<FailoverResult> {
  return withCluster('failover', timeouts, async (cluster) => {
    const firstTerm = await currentTerm(cluster);
    await load(await cluster.waitForLeader(30_000), loadCount, 256);
    const runsMs: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      runsMs.push(Math.round(await failoverOnce(cluster, run)));
      process.stderr.write(`failover (${timeouts.name}) run ${run + 1}/${runs}: ${runsMs[runsMs.length - 1]} ms\n`);
    }
    const extraTerms = (await currentTerm(cluster)) - firstTerm - runs;
    const sorted = [...runsMs].sort((a, b) => a - b);
    const median = sorted.length % 2 === 1 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
    return { timeouts, runsMs, medianMs: median, minMs: sorted[0]!, maxMs: sorted[sorted.length - 1]!, extraTerms };
  });
}

/** Runs the 256-in-flight load with --cpu-prof on every node and summarizes the leader's profile. */
async function profileLeader(options: BenchOptions): Promise<{ leader: number; file: string; top: ReturnType<typeof summarizeProfile> }> {
  const profileDirectory = path.resolve('bench-results', 'profiles');
  fs.mkdirSync(profileDirectory, { recursive: true });
  for (const file of fs.readdirSync(profileDirectory)) fs.rmSync(path.join(profileDirectory, file));
  let leaderId = 0;
  await withCluster(
    'profile',
    DEFAULT_TIMEOUTS,
    async (cluster) => {
      const leader = await cluster.waitForLeader(30_000);
      leaderId = leader.id;
      await load(leader, options.count, 256);
      // A clean exit lets --cpu-prof write the profiles.
      await Promise.all(cluster.alive().map((node) => node.request({ op: 'exit' }).then(() => node.exited)));
    },
    (id) => ['--cpu-prof', '--cpu-prof-dir', profileDirectory, '--cpu-prof-name', `node-${id}.cpuprofile`],
  );
  const file = path.join(profileDirectory, `node-${leaderId}.cpuprofile`);
  return { leader: leaderId, file, top: summarizeProfile(JSON.parse(fs.readFileSync(file, 'utf8')), 20) };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const startedAt = new Date().toISOString();
  const loadAverage = os.loadavg().map((value) => Math.round(value * 100) / 100);
  const results: Record<string, unknown> = {
    workload: {
      nodes: 3,
      transport: 'gRPC (grpc-js) on 127.0.0.1, one stream per peer',
      storage: 'FileStorage, fdatasync once per Ready before sending',
      entryBytes: ENTRY_BYTES,
      proposer: 'closed loop of RaftNode.propose calls inside the leader process',
      entriesAt256: options.count,
      entriesAt1: options.countSingle,
      failoverRuns: options.runs,
    },
    machine: { cpus: os.cpus().length, node: process.version, loadAverageAtStart: loadAverage },
    startedAt,
  };
  const want = (part: string): boolean => options.only === undefined || options.only.split(',').includes(part);

  if (want('throughput')) {
    const throughput = await measureThroughput(options);
    results['throughput'] = throughput;
    results['throughputMedian'] = [1, 256].map((inflight) => {
      const rates = throughput.filter((row) => row.inflight === inflight).map((row) => row.entriesPerSecond).sort((a, b) => a - b);
      return { inflight, entriesPerSecondMedian: rates[Math.floor(rates.length / 2)], entriesPerSecondMax: rates[rates.length - 1] };
    });
    console.table(
      throughput.map((row) => ({
        'in flight': row.inflight,
        entries: row.count,
        'entries/s': row.entriesPerSecond,
        'p50 ms': row.latencyMs.p50,
        'p99 ms': row.latencyMs.p99,
        'max ms': row.latencyMs.max,
        'leader CPU µs/entry': row.cpuMicrosPerEntry.leader,
        'follower CPU µs/entry': row.cpuMicrosPerEntry.followers,
      })),
    );
  }
  if (want('failover')) {
    const failover = [await measureFailover(DEFAULT_TIMEOUTS, options.runs, options.count)];
    if (failover[0]!.medianMs >= 1000) failover.push(await measureFailover(FAST_TIMEOUTS, options.runs, options.count));
    results['failover'] = failover;
    console.table(
      failover.map((row) => ({
        timeouts: `${row.timeouts.name}: tick ${row.timeouts.tickMs} ms × election ${row.timeouts.electionTicks}`,
        'election timeout ms': `${row.timeouts.tickMs * row.timeouts.electionTicks}–${2 * row.timeouts.tickMs * row.timeouts.electionTicks}`,
        'median ms': row.medianMs,
        'min ms': row.minMs,
        'max ms': row.maxMs,
        'extra terms': row.extraTerms,
        runs: row.runsMs.join(' '),
      })),
    );
  }
  if (options.profile) {
    const profile = await profileLeader(options);
    results['profile'] = profile;
    console.log(`CPU profile of the leader (node ${profile.leader}) under 256 in flight: ${profile.file}`);
    console.table(profile.top);
  }
  results['finishedAt'] = new Date().toISOString();
  results['loadAverageAtEnd'] = os.loadavg().map((value) => Math.round(value * 100) / 100);
  fs.mkdirSync('bench-results', { recursive: true });
  fs.writeFileSync(path.join('bench-results', 'raft.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`wrote ${path.resolve('bench-results', 'raft.json')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

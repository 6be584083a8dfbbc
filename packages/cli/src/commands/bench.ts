import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BenchKind, BenchResult, PartitionsBenchResult } from '../bench/bench-result';
import { type ProgressSink, type RunSettings, consumeBench, e2eBench, produceBench } from '../bench/bench-runs';
import { type BenchTarget, createBenchTopic, openBenchTarget } from '../bench/bench-target';
import { groupConsumeRuns } from '../bench/group-bench';
import { PARTITIONS_BENCH_DEFAULTS, PARTITIONS_BENCH_TOPIC, PARTITIONS_STEP_DEADLINES_MS, type PartitionsBenchSettings, runPartitionsBench } from '../bench/partitions-bench';
import { partitionsWorkloadLine, renderPartitionsTable } from '../bench/partitions-output';
import { renderBenchTable, workloadLine } from '../bench/bench-output';
import type { BenchAcks } from '../bench/workloads';
import type { Command, CommandContext } from '../command-line/command';
import { type ParsedOptions, parseIntegerOption, stringValue } from '../command-line/option-parser';
import { UsageError } from '../command-line/usage-error';
import { formatHostPort } from '@samsa/protocol';
import { parseHostPortList } from '../server/server-config';

export interface BenchSettings {
  readonly kind: BenchKind;
  readonly records: number;
  readonly recordSize: number;
  readonly partitions: number;
  readonly replicationFactor: number;
  readonly acks: BenchAcks;
  readonly rate: number | undefined;
  readonly maxSeconds: number;
  readonly json: string | undefined;
  /** From -b/--bootstrap only (not SAMSA_BOOTSTRAP): without it the benchmark starts its own cluster. */
  readonly bootstrap: string[] | undefined;
  readonly nodes: number;
  readonly topic: string | undefined;
  /** consume: read as consumer groups named after this (one member, then `members`), not with readers. */
  readonly group: string | undefined;
  readonly members: number;
}

export const BENCH_DEFAULTS = { records: 100_000, recordSize: 100, partitions: 6, replicationFactor: 3, maxSeconds: 60, nodes: 3 } as const;

/** Seconds of the short peak run `bench e2e` makes to choose its rate when --rate is not given. */
const E2E_PEAK_PROBE_SECONDS = 5;

export function benchSettings(kind: BenchKind, parsed: ParsedOptions): BenchSettings {
  const integer = (name: string, fallback: number, range: { min: number; max: number }) => {
    const raw = stringValue(parsed, name);
    return raw === undefined ? fallback : parseIntegerOption(name, raw, range);
  };
  const rawAcks = stringValue(parsed, 'acks') ?? 'all';
  if (rawAcks !== 'all' && rawAcks !== '-1' && rawAcks !== '1') throw new UsageError(`invalid --acks: expected all or 1 (acks=0 has no acknowledgement to measure), got "${rawAcks}"`);
  const rawRate = stringValue(parsed, 'rate');
  const rawBootstrap = stringValue(parsed, 'bootstrap');
  let bootstrap: string[] | undefined;
  if (rawBootstrap !== undefined) {
    try {
      bootstrap = parseHostPortList(rawBootstrap).map(formatHostPort);
    } catch (error) {
      throw new UsageError(`invalid --bootstrap: ${(error as Error).message}`);
    }
  }
  const settings: BenchSettings = {
    kind,
    records: integer('records', BENCH_DEFAULTS.records, { min: 1, max: 1_000_000_000 }),
    recordSize: integer('record-size', BENCH_DEFAULTS.recordSize, { min: kind === 'e2e' ? 8 : 1, max: 1024 * 1024 - 1024 }),
    partitions: integer('partitions', BENCH_DEFAULTS.partitions, { min: 1, max: 10_000 }),
    replicationFactor: integer('replication-factor', BENCH_DEFAULTS.replicationFactor, { min: 1, max: 32 }),
    acks: rawAcks === '1' ? 1 : 'all',
    rate: rawRate === undefined ? undefined : parseIntegerOption('rate', rawRate, { min: 1, max: 100_000_000 }),
    maxSeconds: integer('max-seconds', BENCH_DEFAULTS.maxSeconds, { min: 1, max: 86_400 }),
    json: stringValue(parsed, 'json'),
    bootstrap,
    nodes: integer('nodes', BENCH_DEFAULTS.nodes, { min: 1, max: 5 }),
    topic: stringValue(parsed, 'topic'),
    group: stringValue(parsed, 'group'),
    members: integer('members', 4, { min: 1, max: 64 }),
  };
  if (settings.group !== undefined && kind !== 'consume') throw new UsageError('bench: --group is for bench consume');
  if (settings.group !== undefined && !/^[a-zA-Z0-9._-]{1,200}$/.test(settings.group)) throw new UsageError(`invalid --group: expected 1 to 200 characters of a-z A-Z 0-9 . _ -, got "${settings.group}"`);
  if (settings.group === undefined && stringValue(parsed, 'members') !== undefined) throw new UsageError('bench: --members needs --group');
  if (bootstrap === undefined && settings.replicationFactor > settings.nodes) {
    throw new UsageError(`invalid --replication-factor: ${settings.replicationFactor} is more than the ${settings.nodes} nodes of the benchmark's own cluster`);
  }
  if (bootstrap !== undefined && stringValue(parsed, 'nodes') !== undefined) throw new UsageError('bench: --nodes is for the own cluster; leave it out with --bootstrap');
  return settings;
}

const BENCH_OPTIONS: Command['options'] = [
  { name: 'records', type: 'string', valueName: 'N', defaultText: String(BENCH_DEFAULTS.records), description: 'records to send (or to read back, for consume)' },
  { name: 'record-size', type: 'string', valueName: 'B', defaultText: String(BENCH_DEFAULTS.recordSize), description: 'bytes of each record value' },
  { name: 'partitions', type: 'string', valueName: 'P', defaultText: String(BENCH_DEFAULTS.partitions), description: "partitions of the benchmark's topic" },
  { name: 'replication-factor', type: 'string', valueName: 'R', defaultText: String(BENCH_DEFAULTS.replicationFactor), description: "replicas of the benchmark's topic" },
  { name: 'acks', type: 'string', valueName: 'all|1', defaultText: 'all', description: 'producer acks (all: idempotent)' },
  { name: 'rate', type: 'string', valueName: 'R', description: 'records per second (produce: default as fast as possible; e2e: default half a measured peak)' },
  { name: 'max-seconds', type: 'string', valueName: 'S', defaultText: String(BENCH_DEFAULTS.maxSeconds), description: 'stop a run after S seconds even if --records were not all sent' },
  { name: 'json', type: 'string', valueName: 'FILE', description: 'also write the result as JSON (DESIGN.md bench shape)' },
  { name: 'nodes', type: 'string', valueName: 'N', defaultText: String(BENCH_DEFAULTS.nodes), description: 'nodes of the own cluster (without -b)' },
  { name: 'topic', type: 'string', valueName: 'NAME', description: 'topic to create (default bench-<kind>-<time>); it must not exist' },
  { name: 'group', type: 'string', valueName: 'G', description: 'consume: read as consumer groups (G-1 with one member, then G-N), each member a child process' },
  { name: 'members', type: 'string', valueName: 'N', defaultText: '4', description: 'with --group: members of the second group' },
];

const DETAILS = [
  'Without -b/--bootstrap (SAMSA_BOOTSTRAP is not used here) the benchmark starts its own cluster of',
  '--nodes combined nodes on 127.0.0.1 (ephemeral ports, a temp data directory, removed afterwards).',
  'It creates its topic (deleted afterwards on an existing cluster), sends one warm-up record per partition,',
  'then measures. Latency: send→ack for produce, produce→seen by a reader for e2e. MB = 2^20 bytes of values.',
  'Exit codes: 0 when every record was acknowledged; 1 on errors (the table still shows them); 2 for bad flags.',
].join('\n');

function benchCommand(kind: BenchKind, summary: string): Command {
  return {
    path: ['bench', kind],
    summary,
    usage: '',
    positionals: { required: 0, max: 0 },
    options: BENCH_OPTIONS,
    details: DETAILS,
    run: (context) => runBench(benchSettings(kind, context.parsed), context),
  };
}

export const benchProduceCommand = benchCommand('produce', 'measure produce throughput and send→ack latency');
export const benchConsumeCommand = benchCommand('consume', 'fill a topic, then measure reading it back (a reader per partition)');
export const benchE2eCommand = benchCommand('e2e', 'measure produce→consume latency at a steady rate');

async function runBench(settings: BenchSettings, { io }: CommandContext): Promise<number> {
  const sink: ProgressSink = { isTty: io.stderrIsTty === true, write: (text) => io.stderr(text) };
  const note = (text: string) => {
    if (io.stderrIsTty === true) io.stderr(`${text}\n`);
  };
  let interrupt: (error: Error) => void = () => {};
  const interrupted = new Promise<never>((_, reject) => {
    interrupt = reject;
  });
  interrupted.catch(() => undefined);
  const removeInterrupt = io.onInterrupt?.(() => interrupt(new Error('bench: interrupted')));
  let target: BenchTarget | undefined;
  try {
    target = await Promise.race([openBenchTarget({ bootstrap: settings.bootstrap, nodes: settings.nodes, note }), interrupted]);
    const measured = await Promise.race([measure(settings, target, sink, note), interrupted]);
    const results = Array.isArray(measured) ? measured : [measured];
    io.stdout(workloadLine(target, settings));
    io.stdout(renderBenchTable(results));
    if (settings.json !== undefined) {
      fs.mkdirSync(path.dirname(path.resolve(settings.json)), { recursive: true });
      fs.writeFileSync(settings.json, `${JSON.stringify(Array.isArray(measured) ? { runs: measured } : measured, null, 2)}\n`);
    }
    const errors = results.reduce((sum, result) => sum + result.errors, 0);
    if (errors > 0) {
      io.stderr(`samsa: bench: ${errors} records were not acknowledged or not seen\n`);
      return 1;
    }
    return 0;
  } finally {
    removeInterrupt?.();
    await target?.close();
  }
}

async function measure(settings: BenchSettings, target: BenchTarget, sink: ProgressSink, note: (text: string) => void): Promise<BenchResult | BenchResult[]> {
  const topic = settings.topic ?? `bench-${settings.kind}-${Date.now().toString(36)}`;
  await createBenchTopic(target.samsa, topic, settings.partitions, settings.replicationFactor);
  const run: RunSettings = { ...settings, topic };
  try {
    switch (settings.kind) {
      case 'produce':
        return await produceBench(target, run, sink);
      case 'consume': {
        note(`filling ${topic} with ${settings.records.toLocaleString('en-US')} records ...`);
        const filled = await produceBench(target, { ...run, rate: undefined }, sink, 'fill');
        if (filled.errors > 0) throw new Error(`bench consume: ${filled.errors} records of the fill were not acknowledged`);
        if (settings.group !== undefined) return await groupConsumeRuns(target, { ...run, group: settings.group, members: settings.members }, sink, note);
        return await consumeBench(target, run, sink);
      }
      case 'e2e': {
        let rate = settings.rate;
        if (rate === undefined) {
          note(`measuring the peak produce rate for ${E2E_PEAK_PROBE_SECONDS} s to run at half of it ...`);
          const peak = await produceBench(target, { ...run, rate: undefined, maxSeconds: E2E_PEAK_PROBE_SECONDS }, sink, 'peak probe');
          rate = Math.max(1, Math.floor(peak.recordsPerSec / 2));
        }
        return await e2eBench(target, { ...run, rate, records: Math.min(settings.records, Math.ceil(rate * settings.maxSeconds)) }, sink);
      }
      default:
        throw new Error(`unknown bench kind ${String(settings.kind)}`);
    }
  } finally {
    if (target.cluster === 'external') await target.samsa.admin().deleteTopic(topic).catch(() => undefined);
  }
}

/** `bench partitions`: its own flags, checked before any cluster starts. */
export function partitionsBenchSettings(parsed: ParsedOptions): PartitionsBenchSettings {
  if (stringValue(parsed, 'bootstrap') !== undefined) throw new UsageError('bench partitions always starts its own cluster (it kills and restarts a node): leave out -b/--bootstrap');
  const rawCount = stringValue(parsed, 'count');
  if (rawCount === undefined) throw new UsageError('bench partitions needs --count N (partitions of the topic it creates)');
  const integer = (name: string, fallback: number, range: { min: number; max: number }) => {
    const raw = stringValue(parsed, name);
    return raw === undefined ? fallback : parseIntegerOption(name, raw, range);
  };
  return {
    count: parseIntegerOption('count', rawCount, { min: 1, max: 100_000 }),
    // Combined nodes are the controllers too: three at least, so that the quorum survives the kill.
    nodes: integer('nodes', PARTITIONS_BENCH_DEFAULTS.nodes, { min: 3, max: 5 }),
    idleSeconds: integer('idle-seconds', PARTITIONS_BENCH_DEFAULTS.idleSeconds, { min: 1, max: 3_600 }),
    json: stringValue(parsed, 'json'),
  };
}

const PARTITIONS_DETAILS = [
  'Always on its own cluster of --nodes combined nodes on 127.0.0.1 (log level warn, ephemeral ports, a temp',
  `data directory; removed afterwards, also on errors and Ctrl-C). Steps, each with a deadline:`,
  `  create          topic ${PARTITIONS_BENCH_TOPIC}, --count partitions, replication factor 3: until createTopics returns (${PARTITIONS_STEP_DEADLINES_MS.create / 1000} s)`,
  `  all led + ISR   from the start of the create until every partition has a leader and ISR = replicas (${PARTITIONS_STEP_DEADLINES_MS.allLedFullIsr / 60_000} min)`,
  '  idle            after 5 s of settling, over --idle-seconds: CPU (% of one core, /proc utime+stime), log',
  '                  lines/s; RSS (VmRSS) and open file descriptors at the end; per node',
  `  failover        SIGKILL of the node leading the most partitions: until each has another leader (${PARTITIONS_STEP_DEADLINES_MS.failover / 1000} s);`,
  '                  partitions without a leader at that moment',
  `  rejoin          restart of that node: until it is back in the ISR of every partition it replicates (${PARTITIONS_STEP_DEADLINES_MS.rejoin / 60_000} min)`,
  'Exit codes: 0 when every step finished in time; 1 when one did not (the table shows what was reached,',
  'stderr says where it stopped); 2 for bad flags.',
].join('\n');

export const benchPartitionsCommand: Command = {
  path: ['bench', 'partitions'],
  summary: 'measure what N partitions cost: create, full ISRs, idle CPU/RSS/logs/fds, failover and rejoin',
  usage: '',
  positionals: { required: 0, max: 0 },
  options: [
    { name: 'count', type: 'string', valueName: 'N', description: 'partitions of the topic to create (required)' },
    { name: 'nodes', type: 'string', valueName: 'N', defaultText: String(PARTITIONS_BENCH_DEFAULTS.nodes), description: 'combined nodes of the own cluster (3 to 5)' },
    { name: 'idle-seconds', type: 'string', valueName: 'S', defaultText: String(PARTITIONS_BENCH_DEFAULTS.idleSeconds), description: 'length of the idle window' },
    { name: 'json', type: 'string', valueName: 'FILE', description: 'also write the result as JSON (DESIGN.md bench shape, kind "partitions")' },
  ],
  details: PARTITIONS_DETAILS,
  run: (context) => runPartitionsCommand(partitionsBenchSettings(context.parsed), context),
};

async function runPartitionsCommand(settings: PartitionsBenchSettings, { io }: CommandContext): Promise<number> {
  let interrupt: (error: Error) => void = () => {};
  const interrupted = new Promise<never>((_, reject) => {
    interrupt = reject;
  });
  interrupted.catch(() => undefined);
  const removeInterrupt = io.onInterrupt?.(() => interrupt(new Error('bench: interrupted')));
  const note = (text: string) => {
    if (io.stderrIsTty === true) io.stderr(`${text}\n`);
  };
  let result: PartitionsBenchResult;
  try {
    result = await runPartitionsBench(settings, { note, sink: { isTty: io.stderrIsTty === true, write: (text) => io.stderr(text) }, interrupted });
  } finally {
    removeInterrupt?.();
  }
  io.stdout(partitionsWorkloadLine(result));
  io.stdout(renderPartitionsTable(result));
  const messages = (list: readonly { msg: string; count: number }[]) => list.map(({ msg, count }) => `${count}× "${msg}"`).join(', ');
  for (const node of result.idle ?? []) {
    if (node.topLogMessages.length > 0) io.stdout(`node ${node.node} logged while idle: ${messages(node.topLogMessages)}\n`);
  }
  for (const node of result.runLog) {
    if (node.lines > 0) io.stdout(`node ${node.node} logged ${node.lines.toLocaleString('en-US')} lines (${result.workload.nodeLogLevel}+) in the whole run, most often: ${messages(node.topLogMessages)}\n`);
  }
  if (settings.json !== undefined) {
    fs.mkdirSync(path.dirname(path.resolve(settings.json)), { recursive: true });
    fs.writeFileSync(settings.json, `${JSON.stringify(result, null, 2)}\n`);
  }
  if (result.failure !== null) {
    io.stderr(`samsa: bench partitions: step ${result.failure.step} did not finish: ${result.failure.message}\n`);
    return 1;
  }
  return 0;
}

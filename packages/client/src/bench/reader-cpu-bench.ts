/**
 * Reader CPU benchmark: `node packages/client/dist/bench/reader-cpu-bench.js` (after
 * `npx tsc -b packages/client`), from the repository root. No network, one core.
 *
 * It builds Fetch payloads of 100-byte records (null keys, no headers, CreateTime, about
 * 70 records per millisecond as at 70,000 records/s) and measures CPU microseconds per
 * record from the payload bytes to record objects along three paths: `decodeRecordBatches`;
 * `PartitionReader.fetch` against a stub cluster whose broker answers every Fetch with the
 * same prebuilt response (the reader's whole path without gRPC); and `for await` over the
 * reader. Two payload shapes: a 1 MiB fetch of 1000-record batches (a reader catching up)
 * and a tail fetch of two 50-record batches (a reader keeping up, as in the end-to-end
 * benchmark). Every cell runs in its own child process, so the JIT's feedback from one
 * shape does not leak into another; each reports, over BENCH_ROUNDS rounds of
 * BENCH_ROUND_MS, the process's CPU (user + system, GC helper threads included: median and
 * best round) and the main thread's alone (from /proc, on Linux). The main thread is what a
 * saturated process runs out of, and it varies far less than the process total.
 * BENCH_ONLY (a regular expression on "shape / path") picks cells, for profiling with
 * `node --cpu-prof` (the children inherit the flag). Prints a table and writes
 * bench-results/reader-cpu.json (or BENCH_JSON).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type BrokerWire, decodeRecordBatches, encodeRecordBatch } from '@samsa/protocol';
import type { Cluster } from '../cluster/cluster';
import { DEFAULT_RETRY } from '../errors/retry';
import { PartitionReader } from '../reader/partition-reader';

const rounds = Number(process.env['BENCH_ROUNDS'] ?? 5);
const roundMs = Number(process.env['BENCH_ROUND_MS'] ?? 1000);
const only = new RegExp(process.env['BENCH_ONLY'] ?? '');
const outputFile = process.env['BENCH_JSON'] ?? path.join(process.cwd(), 'bench-results', 'reader-cpu.json');
const TOPIC = 'bench';
const RECORD_BYTES = 100;
const RECORDS_PER_MS = 70;
const BASE_TIMESTAMP_MS = 1_760_000_000_000;

const SHAPES = {
  '1 MiB fetch, 1000-record batches': { batchRecords: 1000, bytesMax: 1024 * 1024, batchesMax: Infinity },
  'tail fetch, 2 x 50-record batches': { batchRecords: 50, bytesMax: Infinity, batchesMax: 2 },
} as const;
type ShapeName = keyof typeof SHAPES;
const PATHS = ['decodeRecordBatches', 'PartitionReader.fetch', 'PartitionReader for-await'] as const;
type PathName = (typeof PATHS)[number];

interface Cell {
  readonly shape: ShapeName;
  readonly path: PathName;
  readonly recordsPerFetch: number;
  /** Process CPU (user + system, GC helper threads included): median and best round. */
  readonly cpuUsPerRecord: number;
  readonly cpuUsPerRecordMin: number;
  /** The main thread's CPU over all rounds (Linux only): what a saturated process runs out of. */
  readonly mainThreadCpuUsPerRecord: number | null;
  readonly wallUsPerRecord: number;
}

async function payloadOf(shapeName: ShapeName): Promise<{ payload: Buffer; records: number }> {
  const shape = SHAPES[shapeName];
  const batches: Buffer[] = [];
  let bytes = 0;
  let offset = 0;
  while (batches.length < shape.batchesMax) {
    const records = Array.from({ length: shape.batchRecords }, (_, index) => ({
      key: null,
      value: Buffer.alloc(RECORD_BYTES, 97 + (index % 26)),
      timestamp: BigInt(BASE_TIMESTAMP_MS + Math.floor((offset + index) / RECORDS_PER_MS)),
    }));
    const batch = await encodeRecordBatch({ records, baseOffset: BigInt(offset) });
    if (bytes + batch.length > shape.bytesMax) break;
    batches.push(batch);
    bytes += batch.length;
    offset += shape.batchRecords;
  }
  return { payload: Buffer.concat(batches), records: offset };
}

/** Just enough of `Cluster` for a reader that starts at an offset and never fails. */
function stubCluster(payload: Buffer): Cluster {
  const data = { partition: 0, errorCode: 0, errorMessage: '', highWatermark: 1e9, lastStableOffset: 1e9, logStartOffset: 0, records: payload, currentLeader: null };
  const response: BrokerWire.FetchResponse__Output = { errorCode: 0, topics: [{ name: TOPIC, partitions: [data] }] };
  const broker = { address: 'stub:0', fetch: (_request: BrokerWire.FetchRequest) => Promise.resolve(response) };
  const partitionInfo = { topic: TOPIC, partition: 0, leader: 1, leaderEpoch: 0, replicas: [1], isr: [1], errorCode: 0 };
  const topicInfo = { name: TOPIC, topicId: 'stub', errorCode: 0, partitions: [partitionInfo] };
  // The reader's fetcher routes by cached metadata (`partition`) and may ask for a refresh.
  const stub = { isClosed: false, watch: () => undefined, ensureTopic: () => Promise.resolve(topicInfo), partition: () => partitionInfo, brokerClient: () => broker, requestRefresh: () => undefined, applyLeaderHint: () => undefined };
  return stub as unknown as Cluster;
}

/** One call consumes one fetch's worth of records and returns how many it saw. */
function callOf(pathName: PathName, payload: Buffer, recordsPerFetch: number): () => Promise<number> {
  if (pathName === 'decodeRecordBatches') {
    return async () => {
      let count = 0;
      for (const batch of await decodeRecordBatches(payload)) count += batch.records.length;
      return count;
    };
  }
  const reader = new PartitionReader({ topic: TOPIC, partition: 0, offset: 0n }, stubCluster(payload), DEFAULT_RETRY);
  if (pathName === 'PartitionReader.fetch') {
    return async () => {
      reader.seek(0n);
      return (await reader.fetch()).length;
    };
  }
  const iterator = reader[Symbol.asyncIterator]();
  return async () => {
    for (let count = 0; count < recordsPerFetch; count++) if ((await iterator.next()).done === true) throw new Error('the reader ended');
    reader.seek(0n); // the iterator fetches again only after handing out the last record
    return recordsPerFetch;
  };
}

async function measureRound(call: () => Promise<number>, recordsPerFetch: number): Promise<{ cpu: number; wall: number; records: number }> {
  const cpuStart = process.cpuUsage();
  const wallStart = process.hrtime.bigint();
  const deadline = wallStart + BigInt(roundMs) * 1_000_000n;
  let records = 0;
  do {
    for (let index = 0; index < 20; index++) {
      const got = await call();
      if (got !== recordsPerFetch) throw new Error(`expected ${recordsPerFetch} records, got ${got}`);
      records += got;
    }
  } while (process.hrtime.bigint() < deadline);
  const cpu = process.cpuUsage(cpuStart);
  return { cpu: (cpu.user + cpu.system) / records, wall: Number(process.hrtime.bigint() - wallStart) / 1000 / records, records };
}

const TICKS_PER_SECOND = 100; // Linux's USER_HZ, the unit of /proc's CPU times

/** The main thread's user + system CPU in µs from /proc (10 ms resolution), or null. */
function mainThreadCpuUs(): number | null {
  try {
    const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Runs in a child process: measures one cell and prints it as JSON. */
async function runCell(shape: ShapeName, pathName: PathName): Promise<void> {
  const { payload, records } = await payloadOf(shape);
  const call = callOf(pathName, payload, records);
  await measureRound(call, records); // warm-up, so the JIT settles
  const cpu: number[] = [];
  const wall: number[] = [];
  let recordsTotal = 0;
  const mainThreadStart = mainThreadCpuUs();
  for (let round = 0; round < rounds; round++) {
    const result = await measureRound(call, records);
    cpu.push(result.cpu);
    wall.push(result.wall);
    recordsTotal += result.records;
  }
  const mainThreadEnd = mainThreadCpuUs();
  const mainThread = mainThreadStart === null || mainThreadEnd === null ? null : (mainThreadEnd - mainThreadStart) / recordsTotal;
  const cell: Cell = { shape, path: pathName, recordsPerFetch: records, cpuUsPerRecord: median(cpu), cpuUsPerRecordMin: Math.min(...cpu), mainThreadCpuUsPerRecord: mainThread, wallUsPerRecord: median(wall) };
  process.stdout.write(`${JSON.stringify(cell)}\n`);
}

function runAll(): void {
  const cells: Cell[] = [];
  for (const shape of Object.keys(SHAPES) as ShapeName[]) {
    for (const pathName of PATHS) {
      if (!only.test(`${shape} / ${pathName}`)) continue;
      const child = spawnSync(process.execPath, [...process.execArgv, __filename], { env: { ...process.env, BENCH_CELL: JSON.stringify([shape, pathName]) }, encoding: 'utf8' });
      if (child.status !== 0) throw new Error(`cell ${shape} / ${pathName} failed: ${child.stderr}`);
      cells.push(JSON.parse(child.stdout) as Cell);
    }
  }
  console.log(`${'shape'.padEnd(36)} ${'path'.padEnd(26)} ${'rec/fetch'.padStart(9)} ${'cpu µs/rec'.padStart(11)} ${'(best)'.padStart(7)} ${'main thread'.padStart(12)} ${'wall µs/rec'.padStart(12)}`);
  for (const cell of cells) {
    console.log(`${cell.shape.padEnd(36)} ${cell.path.padEnd(26)} ${String(cell.recordsPerFetch).padStart(9)} ${cell.cpuUsPerRecord.toFixed(3).padStart(11)} ${cell.cpuUsPerRecordMin.toFixed(3).padStart(7)} ${(cell.mainThreadCpuUsPerRecord?.toFixed(3) ?? '-').padStart(12)} ${cell.wallUsPerRecord.toFixed(3).padStart(12)}`);
  }
  const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', node: process.version, loadAverage: os.loadavg() };
  const settings = { rounds, roundMs, recordBytes: RECORD_BYTES, recordsPerMs: RECORDS_PER_MS };
  fs.mkdirSync(path.dirname(outputFile), { recursive: true });
  fs.writeFileSync(outputFile, `${JSON.stringify({ benchmark: 'reader-cpu', startedAt: new Date().toISOString(), machine, settings, cells }, null, 2)}\n`);
  console.log(`wrote ${outputFile}`);
}

const cellArgument = process.env['BENCH_CELL'];
if (cellArgument === undefined) {
  runAll();
} else {
  const [shape, pathName] = JSON.parse(cellArgument) as [ShapeName, PathName];
  runCell(shape, pathName).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}

/**
 * Storage benchmark: `npm run bench -w @samsa/storage`.
 *
 * Workload: one partition log, default config (1 GiB segments, 4 KiB index interval, no
 * fsync: page cache only, as Kafka by default). For batch sizes of 1 KiB, 16 KiB and 1 MiB
 * it appends BENCH_MB (default 1024) MiB of valid RecordBatch v2 batches through
 * `appendAsLeader` (CRC check, offset assignment, indexes) and, side by side in the same
 * run, writes the same bytes with a plain `fs.writeSync` loop. Rounds alternate the two and
 * the median is reported. Then it reads the 16 KiB log back sequentially (1 MiB fetches
 * from the page cache) and times random lookups by offset. Prints a table, writes JSON.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PartitionLog } from '../partition-log';
import { makeBatch } from '../test-support/batches';

const totalBytes = Number(process.env['BENCH_MB'] ?? 1024) * 1024 * 1024;
const rounds = Number(process.env['BENCH_ROUNDS'] ?? 3);
const outputFile = process.env['BENCH_JSON'] ?? path.join(process.cwd(), 'bench-results', 'storage.json');
const batchSizes = [1024, 16 * 1024, 1024 * 1024];

interface AppendRow {
  batchBytes: number;
  batches: number;
  samsaMBps: number;
  samsaBatchesPerSec: number;
  plainMBps: number;
  ratio: number;
}

function secondsSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** One batch of at most `batchBytes`, made of 100-byte records as a producer would send. */
function batchOf(batchBytes: number): Buffer {
  for (let recordCount = Math.ceil(batchBytes / 100); recordCount > 0; recordCount -= 1) {
    const valueBytes = Math.min(100, batchBytes - 80);
    const values = Array.from({ length: recordCount }, (_, index) => Buffer.alloc(valueBytes, 97 + (index % 26)));
    const batch = makeBatch({ values });
    if (batch.length <= batchBytes) return batch;
    recordCount -= Math.floor((batch.length - batchBytes) / 110);
  }
  throw new Error(`cannot build a batch of ${batchBytes} bytes`);
}

function plainWrite(directory: string, batch: Buffer, count: number): number {
  const file = path.join(directory, 'plain.bin');
  const fd = fs.openSync(file, 'a');
  const start = process.hrtime.bigint();
  for (let index = 0; index < count; index += 1) fs.writeSync(fd, batch);
  const seconds = secondsSince(start);
  fs.closeSync(fd);
  fs.rmSync(file);
  return seconds;
}

function samsaAppend(directory: string, batch: Buffer, count: number, keep = false): { seconds: number; log: PartitionLog } {
  const logDirectory = path.join(directory, 'log');
  const log = PartitionLog.open({ directory: logDirectory });
  const start = process.hrtime.bigint();
  for (let index = 0; index < count; index += 1) log.appendAsLeader(batch, 0);
  const seconds = secondsSince(start);
  if (!keep) {
    log.deleteAll();
  }
  return { seconds, log };
}

function appendRow(directory: string, batchBytes: number): AppendRow {
  const batch = batchOf(batchBytes);
  const count = Math.floor(totalBytes / batch.length);
  const plain: number[] = [];
  const samsa: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    plain.push(plainWrite(directory, batch, count));
    samsa.push(samsaAppend(directory, batch, count).seconds);
  }
  const megabytes = (count * batch.length) / (1024 * 1024);
  const samsaMBps = megabytes / median(samsa);
  const plainMBps = megabytes / median(plain);
  return { batchBytes: batch.length, batches: count, samsaMBps, samsaBatchesPerSec: count / median(samsa), plainMBps, ratio: samsaMBps / plainMBps };
}

function readBenchmark(directory: string) {
  const batch = batchOf(16 * 1024);
  const count = Math.floor(totalBytes / batch.length);
  const { log } = samsaAppend(directory, batch, count, true);
  const start = process.hrtime.bigint();
  let bytes = 0;
  for (let offset = 0; offset < log.logEndOffset; ) {
    const read = log.read(offset, { maxBytes: 1024 * 1024 });
    bytes += read.records.length;
    offset = read.lastOffset + 1;
  }
  const readMBps = bytes / (1024 * 1024) / secondsSince(start);
  const lookups = 100_000;
  let seed = 12345;
  const lookupStart = process.hrtime.bigint();
  for (let index = 0; index < lookups; index += 1) {
    seed = (seed * 48271) % 2147483647;
    log.read(seed % log.logEndOffset, { maxBytes: 1 });
  }
  const lookupMicros = (secondsSince(lookupStart) * 1e6) / lookups;
  log.deleteAll();
  return { readMBps, readBytes: bytes, lookupMicros, lookups, logRecords: count };
}

function main(): void {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'samsa-bench-'));
  try {
    const appends = batchSizes.map((batchBytes) => appendRow(directory, batchBytes));
    const reads = readBenchmark(directory);
    const workload = { partitions: 1, totalMiB: totalBytes / 1048576, rounds, fsync: 'never (page cache)', segmentBytes: 1 << 30, node: process.version, cpus: os.cpus().length };
    console.log(`Workload: ${JSON.stringify(workload)}`);
    console.table(
      appends.map((row) => ({
        'batch bytes': row.batchBytes,
        batches: row.batches,
        'samsa MB/s': row.samsaMBps.toFixed(0),
        'samsa batches/s': row.samsaBatchesPerSec.toFixed(0),
        'plain write MB/s': row.plainMBps.toFixed(0),
        'samsa / plain': `${(row.ratio * 100).toFixed(1)}%`,
      })),
    );
    console.table([
      { measure: 'sequential read, 1 MiB fetches, 16 KiB batches (MB/s)', value: reads.readMBps.toFixed(0) },
      { measure: `random lookup by offset, ${reads.lookups} reads (µs each)`, value: reads.lookupMicros.toFixed(2) },
    ]);
    fs.mkdirSync(path.dirname(outputFile), { recursive: true });
    fs.writeFileSync(outputFile, `${JSON.stringify({ workload, appends, reads }, null, 2)}\n`);
    console.log(`JSON written to ${outputFile}`);
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

main();

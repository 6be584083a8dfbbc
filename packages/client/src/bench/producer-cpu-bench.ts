/**
 * Producer CPU benchmark: `npm run bench -w @samsa/client`.
 *
 * Workload: one `Producer` with the default options (acks all, idempotent, linger 5 ms,
 * 128 KiB batches, no compression unless BENCH_COMPRESSION) against an in-process cluster
 * (3 brokers, 6 partitions, no gRPC: see in-process-cluster.ts), keyless records of one
 * shared value, 100 records per `send`, at most 16 MiB of records unacknowledged (as the
 * CLI's produce benchmark). Runs 2,000,000 records of 100 B and 300,000 of 1 KiB (scaled
 * by BENCH_SCALE), each after a warm-up of a tenth as many. Reports CPU time of the whole
 * process (process.cpuUsage: the producer, the fake brokers' header and CRC checks, GC)
 * per record, and records per second. Prints a table, writes JSON. BENCH_RECORD_BYTES=100
 * runs one workload only, for profiling (`node --cpu-prof`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Producer } from '../producer/producer';
import type { CompressionName } from '../producer/producer-options';
import type { ProducerRecord } from '../producer/producer-record';
import { InProcessCluster } from './in-process-cluster';

const scale = Number(process.env['BENCH_SCALE'] ?? 1);
const compression = (process.env['BENCH_COMPRESSION'] ?? 'none') as CompressionName;
const outputFile = process.env['BENCH_JSON'] ?? path.join(process.cwd(), 'bench-results', 'producer-cpu.json');
const RECORDS_PER_SEND = 100;
const WINDOW_BYTES = 16 * 1024 * 1024;
const PARTITIONS = 6;
/** Record size in bytes → records measured. */
const WORKLOADS: readonly (readonly [number, number])[] = [
  [100, 2_000_000],
  [1024, 300_000],
];
/** BENCH_RECORD_BYTES=1024 runs only that workload. */
const only = process.env['BENCH_RECORD_BYTES']?.split(',').map(Number);

interface Row {
  recordBytes: number;
  records: number;
  seconds: number;
  recordsPerSec: number;
  cpuMicrosPerRecord: number;
  userMicrosPerRecord: number;
  systemMicrosPerRecord: number;
}

/** Sends `records` records of `recordBytes` through `producer`, keeping the window bounded. */
async function produce(producer: Producer, topic: string, recordBytes: number, records: number): Promise<void> {
  const value = Buffer.from(Array.from({ length: recordBytes }, (_, index) => (index * 31) & 0xff));
  const batch: ProducerRecord[] = Array.from({ length: RECORDS_PER_SEND }, () => ({ value }));
  const windowRecords = Math.max(RECORDS_PER_SEND, Math.floor(WINDOW_BYTES / (recordBytes + 64)));
  let outstanding = 0;
  let failure: unknown;
  let wake: (() => void) | undefined;
  for (let issued = 0; issued < records && failure === undefined; ) {
    const count = Math.min(RECORDS_PER_SEND, records - issued);
    while (outstanding + count > windowRecords) await new Promise<void>((resolve) => (wake = resolve));
    outstanding += count;
    issued += count;
    producer.send(topic, count === RECORDS_PER_SEND ? batch : batch.slice(0, count)).then(
      (metadata) => {
        if (metadata.length !== count) failure ??= new Error(`a send of ${count} records resolved with ${metadata.length}`);
      },
      (error: unknown) => (failure ??= error),
    ).finally(() => {
      outstanding -= count;
      wake?.();
      wake = undefined;
    });
    // Yield now and then so answers are handled while the window is not full.
    if (issued % (RECORDS_PER_SEND * 20) === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  await producer.flush();
  if (failure !== undefined) throw failure;
}

async function measure(recordBytes: number, records: number): Promise<Row> {
  const topic = `bench-${recordBytes}`;
  const cluster = new InProcessCluster(3, { [topic]: PARTITIONS });
  const producer = new Producer({ compression }, { cluster, retry: cluster.options.retry, requestTimeoutMs: 30_000 });
  await produce(producer, topic, recordBytes, Math.ceil(records / 10));
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  await produce(producer, topic, recordBytes, records);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  await producer.close();
  const written = cluster.recordCount(topic);
  if (written !== records + Math.ceil(records / 10)) throw new Error(`the brokers hold ${written} records, expected ${records + Math.ceil(records / 10)}`);
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return {
    recordBytes,
    records,
    seconds: round(seconds),
    recordsPerSec: Math.round(records / seconds),
    cpuMicrosPerRecord: round((cpu.user + cpu.system) / records),
    userMicrosPerRecord: round(cpu.user / records),
    systemMicrosPerRecord: round(cpu.system / records),
  };
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  for (const [recordBytes, records] of WORKLOADS) if (only === undefined || only.includes(recordBytes)) rows.push(await measure(recordBytes, Math.round(records * scale)));
  console.log(`producer CPU, in-process brokers (3), ${PARTITIONS} partitions, acks all, idempotent, compression ${compression}, ${RECORDS_PER_SEND} records per send`);
  console.log('record B    records   seconds   records/s   CPU µs/record (user + sys)');
  for (const row of rows) {
    console.log(
      `${String(row.recordBytes).padStart(8)} ${String(row.records).padStart(10)} ${row.seconds.toFixed(2).padStart(9)} ${String(row.recordsPerSec).padStart(11)}   ${row.cpuMicrosPerRecord.toFixed(3)} (${row.userMicrosPerRecord.toFixed(3)} + ${row.systemMicrosPerRecord.toFixed(3)})`,
    );
  }
  const workload = { brokers: 3, partitions: PARTITIONS, acks: 'all', idempotent: true, compression, recordsPerSend: RECORDS_PER_SEND, windowBytes: WINDOW_BYTES, node: process.version };
  fs.mkdirSync(path.dirname(outputFile), { recursive: true });
  fs.writeFileSync(outputFile, `${JSON.stringify({ workload, results: rows }, null, 2)}\n`);
  console.log(`wrote ${outputFile}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

import { type BenchResult, type Workload, benchResult } from './bench-result';
import type { BenchTarget } from './bench-target';
import { type BenchAcks, type Progress, benchProducer, consumeAll, endToEnd, produceRecords, warmUp } from './workloads';

/** Where progress goes: a line on a terminal's stderr, rewritten in place; nothing otherwise. */
export interface ProgressSink {
  readonly isTty: boolean;
  write(text: string): void;
}

export interface RunSettings {
  readonly topic: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  readonly recordSize: number;
  readonly records: number;
  readonly acks: BenchAcks;
  readonly rate?: number | undefined;
  readonly maxSeconds: number;
}

/** Shows `name: done/total` every 250 ms while `work` runs (terminal only). */
export async function withProgress<T>(sink: ProgressSink | undefined, name: string, work: (progress: Progress) => Promise<T>): Promise<T> {
  const progress: Progress = { done: 0, total: 0 };
  if (sink?.isTty !== true) return work(progress);
  const started = Date.now();
  const draw = () => {
    const seconds = (Date.now() - started) / 1000;
    const fraction = progress.total > 0 ? Math.min(1, progress.done / progress.total) : 0;
    const width = 24;
    const filled = Math.round(fraction * width);
    sink.write(`\r\x1b[K${name} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${progress.done.toLocaleString('en-US')}/${progress.total.toLocaleString('en-US')} ${seconds.toFixed(1)} s`);
  };
  const timer = setInterval(draw, 250);
  try {
    return await work(progress);
  } finally {
    clearInterval(timer);
    sink.write('\r\x1b[K');
  }
}

function workload(target: BenchTarget, kind: Workload['kind'], name: string, settings: RunSettings, rate: number | null): Workload {
  return {
    name,
    kind,
    brokers: target.brokers,
    cluster: target.cluster,
    topic: settings.topic,
    partitions: settings.partitions,
    replicationFactor: settings.replicationFactor,
    acks: kind === 'consume' ? null : settings.acks,
    recordSize: settings.recordSize,
    records: settings.records,
    rate,
    maxSeconds: settings.maxSeconds,
    latency: kind === 'produce' ? 'send-to-ack' : kind === 'e2e' ? 'end-to-end' : null,
  };
}

function sizeName(bytes: number): string {
  return bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} B`;
}

/** A produce run: a fresh producer, a warm-up record per partition, then the measured sends. */
export async function produceBench(target: BenchTarget, settings: RunSettings, sink?: ProgressSink, name?: string): Promise<BenchResult> {
  const runName = name ?? `produce ${sizeName(settings.recordSize)} acks=${settings.acks}${settings.rate === undefined ? '' : ` @${Math.round(settings.rate).toLocaleString('en-US')}/s`}`;
  const producer = benchProducer(target.samsa, settings.acks);
  try {
    await warmUp(producer, settings.topic, settings.partitions, settings.recordSize);
    const measured = await withProgress(sink, runName, (progress) => produceRecords(producer, { ...settings, progress }));
    throwIfNothing(measured, runName);
    return benchResult(workload(target, 'produce', runName, settings, settings.rate ?? null), measured);
  } finally {
    await producer.close().catch(() => undefined);
  }
}

/** A consume run over everything in the topic (from earliest to the end at the start). */
export async function consumeBench(target: BenchTarget, settings: RunSettings, sink?: ProgressSink, name?: string): Promise<BenchResult> {
  const runName = name ?? `consume ${sizeName(settings.recordSize)}`;
  const measured = await withProgress(sink, runName, (progress) => consumeAll(target.samsa, { topic: settings.topic, partitions: settings.partitions, maxSeconds: settings.maxSeconds, progress }));
  return benchResult({ ...workload(target, 'consume', runName, settings, null), records: measured.records }, measured);
}

/** An e2e run paced at `rate` (required here; the callers pick half a measured peak). */
export async function e2eBench(target: BenchTarget, settings: RunSettings & { readonly rate: number }, sink?: ProgressSink, name?: string): Promise<BenchResult> {
  const runName = name ?? `e2e ${sizeName(settings.recordSize)} acks=${settings.acks} @${Math.round(settings.rate).toLocaleString('en-US')}/s`;
  const producer = benchProducer(target.samsa, settings.acks);
  try {
    await warmUp(producer, settings.topic, settings.partitions, settings.recordSize);
    const measured = await withProgress(sink, runName, (progress) => endToEnd(target.samsa, producer, { ...settings, progress }));
    throwIfNothing(measured, runName);
    return benchResult(workload(target, 'e2e', runName, settings, settings.rate), measured);
  } finally {
    await producer.close().catch(() => undefined);
  }
}

function throwIfNothing(measured: { records: number; errors: number; firstError?: unknown }, name: string): void {
  if (measured.records > 0 || measured.errors === 0) return;
  const cause = measured.firstError instanceof Error ? measured.firstError.message.split('\n')[0] : String(measured.firstError);
  throw new Error(`${name}: no record was acknowledged (${cause})`);
}

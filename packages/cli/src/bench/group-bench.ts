import { type ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { type BenchResult, benchResult } from './bench-result';
import type { ProgressSink, RunSettings } from './bench-runs';
import { withProgress } from './bench-runs';
import type { BenchTarget } from './bench-target';

interface MemberProgress {
  records: number;
  bytes: number;
  firstMs: number;
  lastMs: number;
  cpuUs: number;
  done: boolean;
}

/** The child script (compiled beside this file). */
const MEMBER_SCRIPT = path.join(__dirname, 'group-member.js');

/**
 * A group of `members` consumers, each in its own process (group-member.ts), reads the
 * whole topic from the earliest offsets; the run ends when together they have counted
 * every record there was at the start (or after maxSeconds). Time is from the first record
 * any member counted to the last: joining and the first assignment are left out, as they
 * are for the reader runs, so the figure is the group's reading rate.
 */
export async function groupConsumeBench(target: BenchTarget, settings: RunSettings & { readonly group: string; readonly members: number; readonly iterator?: boolean }, sink?: ProgressSink, note?: (text: string) => void): Promise<BenchResult> {
  const total = await recordsInTopic(target, settings.topic, settings.partitions);
  const name = `consume ${settings.recordSize} B, group of ${settings.members}${settings.iterator === true ? ' (for await)' : ''}`;
  const progress: MemberProgress[] = [];
  const children: ChildProcess[] = [];
  try {
    const measured = await withProgress(sink, name, async (shown) => {
      shown.total = total;
      const finished: Promise<void>[] = [];
      for (let index = 0; index < settings.members; index++) {
        const state: MemberProgress = { records: 0, bytes: 0, firstMs: 0, lastMs: 0, cpuUs: 0, done: false };
        progress.push(state);
        const config = { bootstrap: target.bootstrap, topic: settings.topic, group: settings.group, records: settings.members === 1 ? total : 0, iterator: settings.iterator === true };
        const child = spawn(process.execPath, [...process.execArgv, MEMBER_SCRIPT, JSON.stringify(config)], { stdio: ['pipe', 'pipe', 'pipe'] });
        children.push(child);
        finished.push(watch(child, state));
      }
      const deadline = Date.now() + settings.maxSeconds * 1000;
      for (;;) {
        const records = progress.reduce((sum, state) => sum + state.records, 0);
        shown.done = records;
        if (records >= total || Date.now() > deadline || progress.every((state) => state.done)) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      for (const child of children) child.stdin?.end('stop\n');
      await Promise.all(finished);
      const counted = progress.filter((state) => state.records > 0);
      const firstMs = Math.min(...counted.map((state) => state.firstMs));
      const lastMs = Math.max(...counted.map((state) => state.lastMs));
      const records = progress.reduce((sum, state) => sum + state.records, 0);
      const cpuUs = progress.reduce((sum, state) => sum + state.cpuUs, 0);
      note?.(`  ${name}: consumer CPU ${(cpuUs / Math.max(1, records)).toFixed(2)} µs a record (user + system of the member processes, from their first record)`);
      return { records, bytes: progress.reduce((sum, state) => sum + state.bytes, 0), seconds: counted.length === 0 ? 0 : (lastMs - firstMs) / 1000, latencyMs: null, errors: Math.max(0, total - records) };
    });
    return benchResult(
      { name, kind: 'consume', brokers: target.brokers, cluster: target.cluster, topic: settings.topic, partitions: settings.partitions, replicationFactor: settings.replicationFactor, acks: null, recordSize: settings.recordSize, records: total, rate: null, maxSeconds: settings.maxSeconds, latency: null },
      measured,
    );
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  }
}

/** Follows a member's progress lines; resolves when it exits, rejects when it fails. */
function watch(child: ChildProcess, state: MemberProgress): Promise<void> {
  let pending = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.startsWith('{')) Object.assign(state, JSON.parse(line) as MemberProgress);
  });
  child.stderr?.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`a group member exited with ${code}: ${stderr.trim()}`))));
  });
}

async function recordsInTopic(target: BenchTarget, topic: string, partitions: number): Promise<number> {
  const counts = await Promise.all(
    Array.from({ length: partitions }, async (_, partition) => Number((await target.samsa.listOffsets(topic, partition, 'latest')) - (await target.samsa.listOffsets(topic, partition, 'earliest')))),
  );
  return counts.reduce((sum, count) => sum + count, 0);
}

/** `bench consume --group G --members N`: group G-1 of one member, then G-N of N, over the same topic. */
export async function groupConsumeRuns(target: BenchTarget, settings: RunSettings & { readonly group: string; readonly members: number }, sink: ProgressSink, note: (text: string) => void): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const members of settings.members === 1 ? [1] : [1, settings.members]) {
    note(`reading ${settings.topic} with group ${settings.group}-${members} (${members} member process${members === 1 ? '' : 'es'}) ...`);
    // SAMSA_BENCH_ITERATOR=1: the members read with `for await` instead of run({ eachBatch }).
    const iterator = process.env['SAMSA_BENCH_ITERATOR'] === '1';
    results.push(await groupConsumeBench(target, { ...settings, group: `${settings.group}-${members}`, members, iterator }, sink, note));
  }
  return results;
}

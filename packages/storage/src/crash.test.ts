import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateBatches } from '@samsa/protocol';
import { PartitionLog } from './partition-log';
import { splitBatches, valuesOf } from './test-support/batches';
import { crashValueFor } from './test-support/crash-child';
import { makeTempDirs } from './test-support/temp-dir';

/**
 * A child process appends in a loop and is killed with SIGKILL at random moments, many
 * times. After each kill the recovered log must hold, from offset 0 and in order, exactly
 * the records the child wrote (a prefix of its stream), every batch valid, every offset
 * found through the indexes, and at least everything the child saw acknowledged.
 * Set CRASH_ROUNDS to run more rounds, CRASH_SEED to replay a run.
 */
const childScript = path.join(__dirname, '..', 'dist', 'test-support', 'crash-child.js');
const rounds = Number(process.env['CRASH_ROUNDS'] ?? 25);
const seed = Number(process.env['CRASH_SEED'] ?? Date.now() % 100000);
const temp = makeTempDirs();
const children = new Set<ChildProcess>();

afterEach(() => {
  for (const child of children) child.kill('SIGKILL');
  temp.cleanup();
});

/** Starts the child and resolves with it once it has acknowledged offsets >= `target`. */
function runChildUntil(directory: string, childSeed: number, target: number): Promise<{ child: ChildProcess; acknowledged: number }> {
  const child = spawn(process.execPath, [childScript, directory, String(childSeed)], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.add(child);
  return new Promise((resolve, reject) => {
    let acknowledged = 0;
    let pending = '';
    const deadline = setTimeout(() => reject(new Error(`child made no progress to ${target} within 30 s`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        const [word, value] = line.split(' ');
        if (word === 'appended') acknowledged = Number(value);
        if (word === 'ready' && Number(value) < 0) reject(new Error('bad ready line'));
      }
      if (acknowledged >= target) {
        clearTimeout(deadline);
        child.stdout!.removeAllListeners('data');
        resolve({ child, acknowledged });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(deadline);
      reject(new Error(`child exited early with ${code}`));
    });
  });
}

function killAndWait(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', () => {
      children.delete(child);
      resolve();
    });
    child.kill('SIGKILL');
  });
}

function verifyRecoveredLog(directory: string, acknowledged: number): number {
  const log = PartitionLog.open({ directory, config: { segmentBytes: 64 * 1024, indexIntervalBytes: 1024 } });
  try {
    expect(log.logEndOffset).toBeGreaterThanOrEqual(acknowledged);
    let expectedOffset = 0;
    for (let offset = 0; offset < log.logEndOffset; ) {
      const read = log.read(offset, { maxBytes: 256 * 1024 });
      validateBatches(read.records);
      for (const batch of splitBatches(read.records)) {
        if (batch.baseOffset !== expectedOffset) throw new Error(`batch at ${batch.baseOffset}, expected ${expectedOffset}`);
        valuesOf(batch.bytes).forEach((value, index) => {
          const expected = crashValueFor(batch.baseOffset + index);
          if (value !== expected) throw new Error(`offset ${batch.baseOffset + index} holds ${value}, expected ${expected}`);
        });
        expectedOffset = batch.lastOffset + 1;
      }
      offset = read.lastOffset + 1;
    }
    expect(expectedOffset).toBe(log.logEndOffset);
    for (let probe = 0; probe < 200; probe += 1) {
      const offset = Math.floor((probe / 200) * log.logEndOffset);
      const read = log.read(offset, { maxBytes: 1 });
      expect(read.firstOffset).toBeLessThanOrEqual(offset);
      expect(read.lastOffset).toBeGreaterThanOrEqual(offset);
    }
    return log.logEndOffset;
  } finally {
    log.abandon();
  }
}

describe('crash safety under SIGKILL', () => {
  it(`recovers a valid prefix after ${rounds} kills at random moments (seed ${seed})`, async () => {
    if (!fs.existsSync(childScript)) throw new Error(`${childScript} is missing: run \`npm run build\` (npm test does) first`);
    const directory = temp.create('samsa-crash-');
    let random = seed;
    let logEndOffset = 0;
    for (let round = 0; round < rounds; round += 1) {
      random = (random * 48271) % 2147483647;
      const target = logEndOffset + 50 + (random % 1500);
      const { child, acknowledged } = await runChildUntil(directory, random, target);
      await killAndWait(child);
      logEndOffset = verifyRecoveredLog(directory, acknowledged);
    }
    expect(logEndOffset).toBeGreaterThan(rounds * 50);
  });
});

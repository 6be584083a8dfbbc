import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CorruptStorageError } from './errors';
import { FileStorage, type StorageLogger } from './file-storage';
import { crc32, tableCrc32 } from './file-storage/crc32';
import { MemoryStorage } from './memory-storage';
import { Xoshiro128, randomBelow } from './prng';
import { CrashFileSystem } from './testing/crash-file-system';
import type { ConfState, Entry, HardState, Snapshot } from './types';

const ONE: ConfState = { voters: [1], learners: [] };
const entry = (index: number, term: number, size = 20): Entry => ({ index, term, type: index % 7 === 0 ? 'conf-change' : 'normal', data: Buffer.alloc(size, index & 0xff) });
const range = (low: number, high: number, term: number): Entry[] => Array.from({ length: high - low }, (_, k) => entry(low + k, term));

/** Everything a restarted node reads from its storage, as plain values. */
function state(storage: FileStorage | MemoryStorage): object {
  const first = storage.firstIndex();
  const last = storage.lastIndex();
  return {
    first,
    last,
    compactedTerm: storage.term(first - 1),
    entries: (last >= first ? storage.entries(first, last + 1, Infinity) : []).map((item) => `${item.index}/${item.term}/${item.type}/${Buffer.from(item.data).toString('hex')}`),
    initial: storage.initialState(),
    snapshot: `${JSON.stringify(storage.snapshot().metadata)}:${Buffer.from(storage.snapshot().data).toString('hex')}`,
  };
}

/** A logger that remembers what it was told. */
function recordingLogger(): StorageLogger & { warnings: Array<{ object: Record<string, unknown>; message: string }> } {
  const warnings: Array<{ object: Record<string, unknown>; message: string }> = [];
  return { warnings, info() {}, warn: (object, message) => warnings.push({ object: object as Record<string, unknown>, message }) };
}

describe('FileStorage on disk', () => {
  let directory: string;
  beforeEach(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'raft-file-storage-'));
  });
  afterEach(() => fs.rmSync(directory, { recursive: true, force: true }));

  const segments = (): string[] => fs.readdirSync(directory).filter((name) => name.endsWith('.seg')).sort();
  const lastSegmentPath = (): string => path.join(directory, segments().at(-1)!);

  /** A log spread over several segments, snapshotted and compacted, with a hard state. */
  function buildLog(): object {
    const storage = FileStorage.open(directory, { bootstrap: ONE, segmentBytesMax: 300 });
    storage.append(range(2, 40, 1));
    storage.append(range(30, 60, 2)); // overwrites 30..39
    storage.setHardState({ term: 2, vote: 1, commit: 50 });
    storage.createSnapshot(45, { voters: [1, 2], learners: [3] }, Buffer.from('kv state'));
    storage.compact(40);
    storage.append(range(60, 70, 2));
    const before = state(storage);
    storage.close();
    return before;
  }

  it('reopens after a clean close with exactly the same state', () => {
    const before = buildLog();
    expect(segments().length).toBeGreaterThan(2);
    const reopened = FileStorage.open(directory, { segmentBytesMax: 300 });
    expect(state(reopened)).toEqual(before);
    expect(reopened.initialState().hardState).toEqual({ term: 2, vote: 1, commit: 50 });
    expect(reopened.firstIndex()).toBe(41);
    reopened.append([entry(70, 3)]);
    reopened.close();
    expect(FileStorage.open(directory).lastIndex()).toBe(70);
  });

  it('keeps a directory that already holds state when opened with a bootstrap', () => {
    buildLog();
    const reopened = FileStorage.open(directory, { bootstrap: { voters: [9], learners: [] } });
    expect(reopened.initialState().confState).toEqual({ voters: [1, 2], learners: [3] });
    reopened.close();
  });

  it('drops a frame cut in the middle', () => {
    buildLog();
    const size = fs.statSync(lastSegmentPath()).size;
    fs.truncateSync(lastSegmentPath(), size - 5);
    const logger = recordingLogger();
    const storage = FileStorage.open(directory, { logger });
    expect(storage.lastIndex()).toBe(68);
    expect(logger.warnings).toEqual([expect.objectContaining({ message: 'raft log: dropping a torn or corrupt tail', object: expect.objectContaining({ droppedBytes: 20 + 25 - 5 }) })]);
    expect(fs.statSync(lastSegmentPath()).size).toBe(size - 45);
    // The log continues where the valid frames end, and that survives another reopen.
    storage.append([entry(69, 3)]);
    storage.close();
    const again = FileStorage.open(directory);
    expect(again.term(69)).toBe(3);
    expect(again.lastIndex()).toBe(69);
    again.close();
  });

  it('drops a last frame with a flipped byte', () => {
    buildLog();
    const content = fs.readFileSync(lastSegmentPath());
    content[content.length - 3] = content[content.length - 3]! ^ 0x40;
    fs.writeFileSync(lastSegmentPath(), content);
    const logger = recordingLogger();
    const storage = FileStorage.open(directory, { logger });
    expect(storage.lastIndex()).toBe(68);
    expect(logger.warnings[0]?.object).toEqual(expect.objectContaining({ droppedBytes: 45, reason: 'crc mismatch' }));
    storage.close();
  });

  it('drops garbage appended after the last frame', () => {
    buildLog();
    fs.appendFileSync(lastSegmentPath(), Buffer.from('not a frame at all, just bytes'));
    const logger = recordingLogger();
    const storage = FileStorage.open(directory, { logger });
    expect(storage.lastIndex()).toBe(69);
    expect(logger.warnings[0]?.object).toEqual(expect.objectContaining({ droppedBytes: 30 }));
    storage.close();
  });

  it('cuts the log at a corrupt frame in an earlier segment and deletes the later segments', () => {
    buildLog();
    const names = segments();
    const damaged = path.join(directory, names[names.length - 3]!);
    const content = fs.readFileSync(damaged);
    content[45 + 30] = content[45 + 30]! ^ 0xff; // inside the second frame (each frame is 25 + 20 bytes)
    fs.writeFileSync(damaged, content);
    const logger = recordingLogger();
    const storage = FileStorage.open(directory, { logger });
    expect(segments()).toEqual(names.slice(0, names.length - 2));
    expect(logger.warnings.map((warning) => warning.message)).toEqual([
      'raft log: dropping a torn or corrupt tail',
      'raft log: deleting a segment that does not continue the log',
      'raft log: deleting a segment that does not continue the log',
    ]);
    const first = Number(names[names.length - 3]!.slice(4, 24));
    expect(storage.lastIndex()).toBe(first);
    storage.close();
  });

  it('refuses to start when both hard-state slots are damaged', () => {
    buildLog();
    const hardState = path.join(directory, 'hard-state');
    const content = fs.readFileSync(hardState);
    content[10] = content[10]! ^ 1;
    content[4096 + 10] = content[4096 + 10]! ^ 1;
    fs.writeFileSync(hardState, content);
    expect(() => FileStorage.open(directory)).toThrow(CorruptStorageError);
  });

  it('falls back to the other hard-state slot when the newest is torn', () => {
    const storage = FileStorage.open(directory, { bootstrap: ONE });
    storage.append([entry(2, 2)]);
    storage.setHardState({ term: 2, vote: 1, commit: 1 });
    storage.sync();
    storage.setHardState({ term: 3, vote: 0, commit: 2 });
    storage.close();
    // The last write (sequence 3) went to slot 1; tear it.
    const hardState = path.join(directory, 'hard-state');
    const content = fs.readFileSync(hardState);
    content[4096 + 20] = content[4096 + 20]! ^ 1;
    fs.writeFileSync(hardState, content);
    expect(FileStorage.open(directory).initialState().hardState).toEqual({ term: 2, vote: 1, commit: 1 });
  });

  it('removes half-written temporary files and ignores a damaged newest snapshot', () => {
    buildLog();
    fs.writeFileSync(path.join(directory, 'snapshot-00000000000000000050.snap.tmp'), 'half');
    fs.writeFileSync(path.join(directory, 'snapshot-00000000000000000060.snap'), 'not a snapshot');
    const logger = recordingLogger();
    const storage = FileStorage.open(directory, { logger });
    expect(storage.snapshot().metadata.index).toBe(45);
    expect(fs.existsSync(path.join(directory, 'snapshot-00000000000000000050.snap.tmp'))).toBe(false);
    expect(logger.warnings[0]?.message).toBe('raft storage: ignoring a damaged snapshot file');
    storage.close();
  });
});

describe('crc32', () => {
  it('agrees with the table-driven fallback', () => {
    const random = new Xoshiro128(3);
    for (let length = 0; length < 300; length += 7) {
      const data = Buffer.from(Array.from({ length }, () => randomBelow(random, 256)));
      expect(crc32(data)).toBe(tableCrc32(data));
    }
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });
});

/**
 * Power cuts. A seeded walk drives a FileStorage on a CrashFileSystem, which forgets
 * whatever was not synced (keeping a random, possibly torn, part of it), and a
 * MemoryStorage as the model. After each crash the directory is reopened and checked:
 * - every entry that was synced (and not overwritten or compacted since) is there, unchanged;
 * - the log is a prefix of a log the model actually held since the last sync (nothing
 *   mixed, nothing invented), so log matching holds;
 * - the snapshot is the newest one written (they are durable on return);
 * - the hard state is the last synced one or one written after it, and the commit index
 *   lies within the log (and, with commitDurability 'every-sync', never goes back).
 * A failure names its seed: CRASH_SEED=5 npx jest packages/raft-ts/src/file-storage.test
 */
function crashWalk(seed: number, steps: number, commitDurability: 'lazy' | 'every-sync'): number {
  const random = new Xoshiro128(seed);
  const fileSystem = new CrashFileSystem();
  const directory = '/node';
  const open = (): FileStorage => FileStorage.open(directory, { bootstrap: ONE, segmentBytesMax: 80 + randomBelow(random, 300), cacheBytesMax: randomBelow(random, 200), preallocateBytes: randomBelow(random, 3) === 0 ? 0 : 1 + randomBelow(random, 500), fileSystem, commitDurability });
  let file = open();
  let model = new MemoryStorage(ONE);
  let term = 1;
  let hardState: HardState = model.hardState();
  // What the last sync made durable, and what the model held since then.
  let syncedEntries = new Map<number, string>();
  let syncedHardState = hardState;
  let hardStatesSinceSync: HardState[] = [];
  let logsSinceSync: ModelLog[] = [];
  const key = (item: Entry): string => `${item.term}/${item.type}/${Buffer.from(item.data).toString('hex')}`;
  const modelLog = (): ModelLog => {
    const log: ModelLog = new Map<number, string>();
    log.firstIndex = model.firstIndex();
    if (model.lastIndex() >= model.firstIndex()) for (const item of model.entries(model.firstIndex(), model.lastIndex() + 1, Infinity)) log.set(item.index, key(item));
    return log;
  };
  const markSynced = (): void => {
    syncedEntries = modelLog();
    syncedHardState = hardState;
    hardStatesSinceSync = [];
    logsSinceSync = [syncedEntries];
  };
  markSynced();
  let crashes = 0;
  for (let step = 0; step < steps; step += 1) {
    const choice = randomBelow(random, 100);
    const lastIndex = model.lastIndex();
    const overwritable = Math.max(model.firstIndex(), hardState.commit + 1);
    const snapshotIndex = model.snapshot().metadata.index;
    if (choice < 40) {
      const overwrite = randomBelow(random, 4) === 0 && lastIndex >= overwritable;
      const start = overwrite ? overwritable + randomBelow(random, lastIndex - overwritable + 1) : lastIndex + 1;
      if (overwrite) term += 1;
      const entries = Array.from({ length: 1 + randomBelow(random, 5) }, (_, k) => entry(start + k, term, randomBelow(random, 50)));
      model.append(entries);
      file.append(entries);
      // A truncation is durable at once: synced entries from `start` on may now be gone.
      for (const index of syncedEntries.keys()) if (index >= start) syncedEntries.delete(index);
      logsSinceSync.push(modelLog());
    } else if (choice < 55) {
      hardState = { term: Math.max(term, hardState.term), vote: randomBelow(random, 4), commit: Math.min(lastIndex, hardState.commit + randomBelow(random, 8)) };
      model.setHardState(hardState);
      file.setHardState(hardState);
      hardStatesSinceSync.push(hardState);
    } else if (choice < 62 && hardState.commit > snapshotIndex) {
      const index = snapshotIndex + 1 + randomBelow(random, hardState.commit - snapshotIndex);
      model.createSnapshot(index, ONE, Buffer.from(`at ${index}`));
      file.createSnapshot(index, ONE, Buffer.from(`at ${index}`));
      const compactTo = index - randomBelow(random, 4);
      if (compactTo >= model.firstIndex()) {
        model.compact(compactTo);
        file.compact(compactTo);
        for (const index of syncedEntries.keys()) if (index <= compactTo) syncedEntries.delete(index);
      }
    } else if (choice < 65) {
      term += 1;
      const snapshot: Snapshot = { metadata: { index: lastIndex + 1 + randomBelow(random, 4), term, voters: [1], learners: [] }, data: Buffer.from(`leader ${term}`) };
      model.applySnapshot(snapshot);
      file.applySnapshot(snapshot);
      hardState = { term, vote: 0, commit: snapshot.metadata.index };
      model.setHardState(hardState);
      file.setHardState(hardState);
      hardStatesSinceSync.push(hardState);
      syncedEntries.clear();
      logsSinceSync.push(modelLog());
    } else if (choice < 85) {
      file.sync();
      markSynced();
    } else {
      crashes += 1;
      fileSystem.crash(random);
      file = open();
      const context = `crash walk seed ${seed}, step ${step} (replay: CRASH_SEED=${seed} npx jest packages/raft-ts/src/file-storage.test)`;
      checkRecovered(file, { syncedEntries, syncedHardState, hardStatesSinceSync, logsSinceSync, snapshot: model.snapshot(), key, strictCommit: commitDurability === 'every-sync' }, context);
      model = rebuildModel(file);
      hardState = file.hardState();
      term = Math.max(term, hardState.term);
      markSynced();
    }
  }
  return crashes;
}

/** The model's log by index, and where it started. */
type ModelLog = Map<number, string> & { firstIndex?: number };

interface Expectations {
  readonly syncedEntries: Map<number, string>;
  readonly syncedHardState: HardState;
  readonly hardStatesSinceSync: readonly HardState[];
  readonly logsSinceSync: readonly ModelLog[];
  readonly snapshot: Snapshot;
  /** With commitDurability 'lazy' a synced commit index may come back lower (never below the snapshot). */
  readonly strictCommit: boolean;
  key(item: Entry): string;
}

function checkRecovered(file: FileStorage, expected: Expectations, context: string): void {
  const fail = (message: string): never => {
    throw new Error(`${context}: ${message}`);
  };
  const first = file.firstIndex();
  const last = file.lastIndex();
  const recovered = new Map<number, string>();
  if (last >= first) for (const item of file.entries(first, last + 1, Infinity)) recovered.set(item.index, expected.key(item));
  for (const [index, value] of expected.syncedEntries) {
    if (index >= first && recovered.get(index) !== value) fail(`synced entry ${index} (${value}) came back as ${recovered.get(index)}`);
    if (index < first - 1) fail(`synced entry ${index} fell before the first index ${first}`);
  }
  // Entries below a log's first index were compacted in the model; the file may keep them.
  const isPrefixOf = (log: ModelLog): boolean => [...recovered].every(([index, value]) => index < log.firstIndex! || log.get(index) === value);
  if (!expected.logsSinceSync.some(isPrefixOf)) fail(`recovered log ${first}..${last} is not a prefix of any log held since the last sync`);
  const metadata = file.snapshot().metadata;
  if (JSON.stringify(metadata) !== JSON.stringify(expected.snapshot.metadata)) fail(`snapshot ${JSON.stringify(metadata)}, expected ${JSON.stringify(expected.snapshot.metadata)}`);
  const hardState = file.hardState();
  const candidates = [expected.syncedHardState, ...expected.hardStatesSinceSync];
  if (!candidates.some((candidate) => candidate.term === hardState.term && candidate.vote === hardState.vote)) fail(`hard state ${JSON.stringify(hardState)} was never written`);
  if (expected.strictCommit && expected.hardStatesSinceSync.length === 0 && hardState.commit < expected.syncedHardState.commit) fail(`commit went back from ${expected.syncedHardState.commit} to ${hardState.commit}`);
  if (hardState.commit > last || hardState.commit < metadata.index) fail(`commit ${hardState.commit} outside [${metadata.index}, ${last}]`);
}

/** A MemoryStorage holding what the recovered FileStorage holds, to continue the walk. */
function rebuildModel(file: FileStorage): MemoryStorage {
  const model = new MemoryStorage();
  const snapshot = file.snapshot();
  // The walk compares logs only from the model's first index, so starting the model at the
  // snapshot (dropping entries kept behind it) loses nothing the checks need.
  model.applySnapshot(snapshot);
  if (file.lastIndex() > snapshot.metadata.index) model.append(file.entries(snapshot.metadata.index + 1, file.lastIndex() + 1, Infinity));
  model.setHardState(file.hardState());
  return model;
}

describe('FileStorage survives power cuts', () => {
  const replay = process.env['CRASH_SEED'];
  const seeds = replay === undefined ? Array.from({ length: 300 }, (_, k) => k + 1) : [Number(replay)];
  it.each(['lazy', 'every-sync'] as const)(`keeps everything synced and invents nothing (commit durability %s), seeds ${seeds[0]}..${seeds[seeds.length - 1]}`, (commitDurability) => {
    let crashes = 0;
    for (const seed of seeds) crashes += crashWalk(seed, 200, commitDurability);
    expect(crashes).toBeGreaterThan(seeds.length);
  });
});

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Logger } from '@samsa/common';
import { type LogConfig, PartitionLog, fsyncDirectory, nodeFileSystem, writeFileAtomically } from '@samsa/storage';
import type { ScheduledTask, Scheduler } from '../time/scheduler';
import { SYSTEM_CLOCK } from '../time/system-clock';
import { isStorageFailure } from './storage-failure';

/** Identifies a partition across topic re-creation: the topic id, not only the name. */
export interface PartitionKey {
  readonly topic: string;
  readonly topicId: string;
  readonly partition: number;
}

export function partitionName(key: { topic: string; partition: number }): string {
  return `${key.topic}-${key.partition}`;
}

const TOPIC_ID_FILE = 'partition.metadata';

/**
 * Beside the partition directories: the broker epoch this broker stopped with, written last
 * by a clean close of every log (KIP-966's clean-shutdown detection; Kafka keeps it in
 * `.kafka_cleanshutdown`). A dot name, so it is never taken for a partition directory.
 */
const CLEAN_SHUTDOWN_FILE = '.broker-clean-shutdown';
const CLEAN_SHUTDOWN_HEADER = 'samsa-broker-clean-shutdown v1';

interface LogEntry {
  readonly key: PartitionKey;
  readonly log: PartitionLog;
  /** Run with each periodic checkpoint and before a clean close (the producer-state snapshot). */
  onCheckpoint?: () => void;
}

/**
 * The broker's partition logs: one directory per partition, `<data>/logs/<topic>-<n>`, as
 * Kafka lays them out, with the topic id in `partition.metadata` so that a directory left
 * by a deleted topic of the same name is recognised and removed instead of reused. Runs the
 * periodic work every log needs: the time-based flush policy, retention, and checkpoints.
 * A partition's owner can attach a checkpoint hook (the producer-state snapshot), run with
 * every periodic checkpoint and just before the log closes cleanly. Periodic work that fails
 * with a storage failure (a failed fsync above all) is reported to `onStorageFailure`'s
 * listener, which takes the partition offline and out of here with `closeFailed`.
 */
export class LogManager {
  private readonly logs = new Map<string, LogEntry>();
  private readonly root: string;
  private tasks: ScheduledTask[] = [];
  private storageFailureListener: ((key: PartitionKey, error: unknown) => void) | undefined;
  /** A log was closed as failed: its unflushed tail may be lost, so this run's stop is never clean. */
  private anyLogFailed = false;

  constructor(
    private readonly options: {
      readonly dataDirectory: string;
      readonly logger: Logger;
      readonly retentionCheckIntervalMs?: number;
      readonly checkpointIntervalMs?: number;
      /** Runs the periodic work; the real clock unless a test passes a manual one. */
      readonly clock?: Scheduler;
    },
  ) {
    this.root = path.join(options.dataDirectory, 'logs');
    fs.mkdirSync(this.root, { recursive: true });
  }

  start(): void {
    const clock = this.options.clock ?? SYSTEM_CLOCK;
    this.tasks.push(clock.every(1000, () => this.forEach((log) => log.flushIfDue())));
    this.tasks.push(clock.every(this.options.retentionCheckIntervalMs ?? 30_000, () => this.forEach((log) => log.applyRetention())));
    const checkpoint = (log: PartitionLog, entry: LogEntry) => {
      log.writeCheckpoint();
      entry.onCheckpoint?.();
    };
    this.tasks.push(clock.every(this.options.checkpointIntervalMs ?? 10_000, () => this.forEach(checkpoint)));
  }

  get(key: { topic: string; partition: number }): PartitionLog | undefined {
    return this.logs.get(partitionName(key))?.log;
  }

  /** Opens (creating or recovering) the log of a partition this broker now hosts. */
  open(key: PartitionKey, config: Partial<LogConfig>): PartitionLog {
    const name = partitionName(key);
    const existing = this.logs.get(name);
    if (existing !== undefined && existing.key.topicId === key.topicId) return existing.log;
    if (existing !== undefined) this.remove(existing.key);
    const directory = path.join(this.root, name);
    const idFile = path.join(directory, TOPIC_ID_FILE);
    if (fs.existsSync(idFile) && fs.readFileSync(idFile, 'utf8').trim() !== key.topicId) {
      this.options.logger.info({ partition: name }, 'removing the data of an earlier topic with the same name');
      fs.rmSync(directory, { recursive: true, force: true });
    }
    const log = PartitionLog.open({ directory, config, logger: this.options.logger.child({ partition: name }) });
    if (!fs.existsSync(idFile)) fs.writeFileSync(idFile, `${key.topicId}\n`);
    this.logs.set(name, { key, log });
    return log;
  }

  /** Who hears of a periodic flush, checkpoint or retention that failed with a storage failure. */
  onStorageFailure(listener: (key: PartitionKey, error: unknown) => void): void {
    this.storageFailureListener = listener;
  }

  /**
   * Takes a failed log out of service: closes its files without a flush, a checkpoint or the
   * clean-shutdown marker (its unflushed bytes may never reach the disk, so the next start
   * must recover it), and forgets it, so that no periodic work or close touches it again.
   * Its directory stays where it is. Only the log of that topic id: a newer topic of the same
   * name is left alone.
   */
  closeFailed(key: PartitionKey): void {
    const name = partitionName(key);
    const entry = this.logs.get(name);
    if (entry === undefined || entry.key.topicId !== key.topicId) return;
    this.logs.delete(name);
    this.anyLogFailed = true;
    try {
      entry.log.abandon();
    } catch (error) {
      this.options.logger.error({ err: error, partition: name }, 'closing a failed log failed');
    }
  }

  /** Runs `hook` with every periodic checkpoint of the partition's log and before it closes cleanly. */
  attachCheckpointHook(key: { topic: string; partition: number }, hook: () => void): void {
    const entry = this.logs.get(partitionName(key));
    if (entry !== undefined) entry.onCheckpoint = hook;
  }

  /** Closes and deletes a partition's data (its topic was deleted or it moved away). */
  remove(key: { topic: string; partition: number }): void {
    const name = partitionName(key);
    const entry = this.logs.get(name);
    this.logs.delete(name);
    if (entry !== undefined) entry.log.deleteAll();
    else fs.rmSync(path.join(this.root, name), { recursive: true, force: true });
  }

  /** Partition directories on disk, for cleaning up after topics deleted while down. */
  directoriesOnDisk(): string[] {
    return fs.readdirSync(this.root).filter((name) => fs.statSync(path.join(this.root, name)).isDirectory());
  }

  removeDirectory(name: string): void {
    fs.rmSync(path.join(this.root, name), { recursive: true, force: true });
  }

  /**
   * The broker epoch the previous process wrote when it stopped cleanly, or -1 (no clean stop
   * recorded, or the file does not read). The file is removed first, and the removal made
   * durable, so that if this process crashes, the next start does not take it for clean.
   * Call once, at start, before registering.
   */
  takeCleanShutdownEpoch(): number {
    const file = path.join(this.root, CLEAN_SHUTDOWN_FILE);
    if (!fs.existsSync(file)) return -1;
    const [header, line] = fs.readFileSync(file, 'utf8').split('\n');
    const match = header === CLEAN_SHUTDOWN_HEADER ? /^brokerEpoch (\d+)$/.exec(line ?? '') : null;
    fs.unlinkSync(file);
    fsyncDirectory(nodeFileSystem, this.root);
    const epoch = match === null ? -1 : Number(match[1]);
    return Number.isSafeInteger(epoch) && epoch > 0 ? epoch : -1;
  }

  /**
   * Stops the periodic work and closes every log (each flushed, checkpointed and marked
   * clean by storage). With `brokerEpoch` (the registration this process stops with), and
   * only when every log closed cleanly and none was taken out of service as failed during the
   * run, the clean-shutdown file is written last (see `takeCleanShutdownEpoch`).
   */
  close(brokerEpoch?: number): void {
    for (const task of this.tasks) task.cancel();
    this.tasks = [];
    let clean = !this.anyLogFailed;
    for (const [name, { log, onCheckpoint }] of this.logs) {
      try {
        onCheckpoint?.();
      } catch (error) {
        this.options.logger.error({ err: error, partition: name }, 'checkpoint hook before close failed');
      }
      try {
        log.close();
      } catch (error) {
        clean = false;
        this.options.logger.error({ err: error }, 'closing a log failed');
      }
    }
    this.logs.clear();
    if (brokerEpoch === undefined || brokerEpoch <= 0) return;
    if (!clean) {
      this.options.logger.warn('not every log closed cleanly: the next start registers as after an unclean shutdown');
      return;
    }
    try {
      const text = `${CLEAN_SHUTDOWN_HEADER}\nbrokerEpoch ${brokerEpoch}\n`;
      writeFileAtomically(nodeFileSystem, path.join(this.root, CLEAN_SHUTDOWN_FILE), Buffer.from(text, 'utf8'));
    } catch (error) {
      this.options.logger.error({ err: error }, 'writing the clean-shutdown file failed: the next start registers as after an unclean shutdown');
    }
  }

  private forEach(action: (log: PartitionLog, entry: LogEntry) => void): void {
    for (const [name, entry] of this.logs) {
      try {
        action(entry.log, entry);
      } catch (error) {
        this.options.logger.error({ err: error, partition: name }, 'periodic log work failed');
        if (isStorageFailure(error)) this.storageFailureListener?.(entry.key, error);
      }
    }
  }
}

import { type ConsumedRecord, OffsetOutOfRangeError, type PartitionReader, type Samsa, SamsaError } from '@samsa/client';
import type { Command, CommandIo } from '../command-line/command';
import { errorLine } from '../command-line/error-line';
import { flagValue, parseIntegerOption, stringValue } from '../command-line/option-parser';
import { UsageError } from '../command-line/usage-error';
import { formatRecordJson, formatRecordPlain } from '../output/record-output';
import { consumeGroup } from './consume-group';
import { checkPartition, topicPartitionCount } from './topic-metadata';

export type StartOffset = bigint | 'earliest' | 'latest';

export interface ConsumeSettings {
  readonly topic: string;
  /** Read as a member of this group (committing), instead of every partition directly. */
  readonly group?: string | undefined;
  readonly partition: number | undefined;
  readonly start: StartOffset;
  readonly maxMessages: number | undefined;
  readonly timeoutMs: number | undefined;
  readonly json: boolean;
}

/** How long one fetch waits on the broker for data: short enough that a stop is prompt. */
const FETCH_MAX_WAIT_MS = 500;

/** Checks the flags of `samsa consume` (pure: bad input is a UsageError, exit 2). */
export function consumeSettings(parsed: { readonly values: Readonly<Record<string, unknown>>; readonly positionals: readonly string[] }): ConsumeSettings {
  const options = parsed as Parameters<typeof stringValue>[0];
  const group = stringValue(options, 'group');
  if (group !== undefined && !/^[a-zA-Z0-9._-]{1,249}$/.test(group)) throw new UsageError(`invalid --group: expected 1 to 249 characters of a-z A-Z 0-9 . _ -, got "${group}"`);
  if (group !== undefined && (stringValue(options, 'partition') !== undefined || stringValue(options, 'offset') !== undefined)) {
    throw new UsageError('consume --group: the group assigns the partitions and its committed offsets say where to start; leave out --partition and --offset');
  }
  const rawPartition = stringValue(options, 'partition');
  const rawOffset = stringValue(options, 'offset');
  const fromBeginning = flagValue(options, 'from-beginning');
  if (rawOffset !== undefined && rawPartition === undefined) throw new UsageError('consume --offset needs --partition');
  if (rawOffset !== undefined && fromBeginning) throw new UsageError('consume: --offset and --from-beginning cannot be used together');
  const partition = rawPartition === undefined ? undefined : parseIntegerOption('partition', rawPartition, { min: 0, max: 2 ** 31 - 1 });
  let start: StartOffset = fromBeginning ? 'earliest' : 'latest';
  if (rawOffset !== undefined) start = parseOffset(rawOffset);
  const rawMax = stringValue(options, 'max-messages');
  const rawTimeout = stringValue(options, 'timeout-ms');
  return {
    topic: parsed.positionals[0]!,
    ...(group === undefined ? {} : { group }),
    partition,
    start,
    maxMessages: rawMax === undefined ? undefined : parseIntegerOption('max-messages', rawMax, { min: 1, max: Number.MAX_SAFE_INTEGER }),
    timeoutMs: rawTimeout === undefined ? undefined : parseIntegerOption('timeout-ms', rawTimeout, { min: 1, max: 2 ** 31 - 1 }),
    json: flagValue(options, 'json'),
  };
}

/** `--offset`: a non-negative offset, or `earliest` / `latest` (as Kafka's console consumer). */
export function parseOffset(raw: string): StartOffset {
  const text = raw.trim();
  if (text === 'earliest' || text === 'latest') return text;
  if (!/^\d+$/.test(text) || BigInt(text) > 2n ** 63n - 1n) throw new UsageError(`invalid --offset: expected an offset (0 or more), earliest or latest, got "${raw}"`);
  return BigInt(text);
}

export const consumeCommand: Command = {
  path: ['consume'],
  summary: 'print the records of a topic (every partition, or one)',
  usage: 'TOPIC',
  positionals: { required: 1, max: 1 },
  options: [
    { name: 'from-beginning', type: 'boolean', description: 'start at the earliest offset of each partition (default: the end)' },
    { name: 'partition', type: 'string', valueName: 'P', description: 'read only partition P' },
    { name: 'offset', type: 'string', valueName: 'O', description: 'with --partition: start at offset O (or earliest, latest)' },
    { name: 'max-messages', type: 'string', valueName: 'N', description: 'stop after N records' },
    { name: 'timeout-ms', type: 'string', valueName: 'T', description: 'stop after T ms without a new record (default: run until Ctrl-C)' },
    { name: 'json', type: 'boolean', description: 'one JSON object a line: topic, partition, offset, timestamp, key, value, headers' },
    { name: 'group', type: 'string', valueName: 'G', description: 'read as a member of group G: its partitions, from its committed offsets (new partitions: the end, or the start with --from-beginning); commits and leaves the group on exit' },
  ],
  details: [
    'Prints each value on its own line (null for a null value); --json prints offset and timestamp as strings.',
    'Records of one partition come out in offset order; partitions interleave.',
    'Exit codes: 0 after --max-messages records, after --timeout-ms without a new record, or on Ctrl-C;',
    '1 when --timeout-ms ends the run before --max-messages records, for an unknown topic or partition,',
    'an offset out of range or an unreachable cluster; 2 for bad flags.',
    'With --group, what was printed is committed before the group is left (at least once: a record may be printed again after a crash).',
  ].join('\n'),
  async run(context) {
    const settings = consumeSettings(context.parsed);
    context.bootstrapAddresses();
    if (settings.group !== undefined) return consumeGroup(context.broker(), context.io, { ...settings, group: settings.group });
    return consume(context.broker(), context.io, settings);
  },
};

/** Reads the partitions in parallel until a stop condition; resolves to the exit code. */
export async function consume(samsa: Samsa, io: CommandIo, settings: ConsumeSettings): Promise<number> {
  const partitionCount = await topicPartitionCount(samsa, settings.topic);
  if (settings.partition !== undefined) checkPartition(settings.topic, settings.partition, partitionCount);
  const partitions = settings.partition === undefined ? Array.from({ length: partitionCount }, (_, index) => index) : [settings.partition];
  const format = settings.json ? formatRecordJson : formatRecordPlain;
  const readers: PartitionReader[] = partitions.map((partition) =>
    samsa.reader({
      topic: settings.topic,
      partition,
      offset: settings.start,
      maxWaitMs: Math.min(FETCH_MAX_WAIT_MS, settings.timeoutMs ?? FETCH_MAX_WAIT_MS),
      // An explicit offset out of range is an error; earliest/latest follow retention.
      offsetReset: typeof settings.start === 'bigint' ? 'none' : settings.start,
    }),
  );

  let printed = 0;
  let lastActivityMs = Date.now();
  let outcome: { kind: 'max' | 'timeout' | 'interrupted' } | { kind: 'error'; error: unknown } | undefined;
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const stop = (reason: NonNullable<typeof outcome>) => {
    if (outcome !== undefined) return;
    outcome = reason;
    for (const reader of readers) reader.close();
    finish();
  };
  const removeInterrupt = io.onInterrupt?.(() => stop({ kind: 'interrupted' }));
  const timer =
    settings.timeoutMs === undefined
      ? undefined
      : setInterval(() => {
          if (Date.now() - lastActivityMs >= settings.timeoutMs!) stop({ kind: 'timeout' });
        }, Math.max(10, Math.min(100, Math.floor(settings.timeoutMs / 4))));

  const drain = async () => {
    const stream = io.stdoutStream;
    if (stream?.writableNeedDrain === true) await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
  };

  const readLoop = async (reader: PartitionReader) => {
    try {
      while (outcome === undefined) {
        const records: ConsumedRecord[] = await reader.fetch();
        if (outcome !== undefined || records.length === 0) continue;
        let text = '';
        for (const record of records) {
          text += format(record);
          printed += 1;
          if (settings.maxMessages !== undefined && printed >= settings.maxMessages) break;
        }
        io.stdout(text);
        lastActivityMs = Date.now();
        if (settings.maxMessages !== undefined && printed >= settings.maxMessages) stop({ kind: 'max' });
        else await drain();
        lastActivityMs = Date.now();
      }
    } catch (error) {
      stop({ kind: 'error', error: error instanceof OffsetOutOfRangeError ? await explainOutOfRange(samsa, reader, error) : error });
    }
  };
  const loops = readers.map(readLoop);
  try {
    await finished;
  } finally {
    if (timer !== undefined) clearInterval(timer);
    removeInterrupt?.();
  }
  // Fetches in flight end within their max wait; their records are dropped.
  await Promise.race([Promise.allSettled(loops), new Promise((resolve) => setTimeout(resolve, FETCH_MAX_WAIT_MS * 2).unref())]);
  const end = outcome!;
  if (end.kind === 'error') {
    io.stderr(`${errorLine(end.error)}\n`);
    return 1;
  }
  if (end.kind === 'timeout' && settings.maxMessages !== undefined && printed < settings.maxMessages) {
    io.stderr(`samsa: consume: no new record for ${settings.timeoutMs} ms; got ${printed} of --max-messages ${settings.maxMessages}\n`);
    return 1;
  }
  return 0;
}

/** The client's error carries what the broker said; say which offsets the partition does hold. */
async function explainOutOfRange(samsa: Samsa, reader: PartitionReader, error: OffsetOutOfRangeError): Promise<unknown> {
  try {
    const [earliest, latest] = await Promise.all([samsa.listOffsets(reader.topic, reader.partition, 'earliest'), samsa.listOffsets(reader.topic, reader.partition, 'latest')]);
    const holds = latest > earliest ? `it holds offsets ${earliest} to ${latest - 1n}` : `it holds no records (the next offset is ${latest})`;
    return new SamsaError('OFFSET_OUT_OF_RANGE', `offset ${error.requestedOffset} is out of range for ${reader.topic}-${reader.partition}: ${holds}`);
  } catch {
    return error;
  }
}

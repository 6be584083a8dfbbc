import type { ResetTarget } from '@samsa/client';
import { type Command, JSON_OPTION, printJson } from '../command-line/command';
import { type ParsedOptions, flagValue, listValue, parseIntegerOption, stringValue } from '../command-line/option-parser';
import { UsageError } from '../command-line/usage-error';
import { formatOffsetReset, offsetResetJson } from './group-output';

const TARGET_FLAGS = ['to-earliest', 'to-latest', 'to-offset', 'to-datetime', 'shift-by'] as const;

export interface ResetSettings {
  readonly topic: string;
  readonly partitions: readonly number[] | undefined;
  readonly to: ResetTarget;
  readonly dryRun: boolean;
  readonly json: boolean;
}

/** Checks the flags (pure: bad input is a UsageError, exit 2, before any connection). */
export function resetSettings(parsed: ParsedOptions): ResetSettings {
  const topic = stringValue(parsed, 'topic');
  if (topic === undefined || topic.length === 0) throw new UsageError('group reset-offsets needs --topic T');
  const given = TARGET_FLAGS.filter((flag) => parsed.values[flag] !== undefined);
  if (given.length !== 1) throw new UsageError(`group reset-offsets needs exactly one of ${TARGET_FLAGS.map((flag) => `--${flag}`).join(', ')}${given.length > 1 ? `, got ${given.map((flag) => `--${flag}`).join(' and ')}` : ''}`);
  const partitions = listValue(parsed, 'partition').map((raw) => parseIntegerOption('partition', raw, { min: 0, max: 2 ** 31 - 1 }));
  if (new Set(partitions).size !== partitions.length) throw new UsageError('invalid --partition: a partition is given twice');
  return { topic, partitions: partitions.length === 0 ? undefined : partitions, to: target(parsed, given[0]!), dryRun: flagValue(parsed, 'dry-run'), json: flagValue(parsed, 'json') };
}

function target(parsed: ParsedOptions, flag: (typeof TARGET_FLAGS)[number]): ResetTarget {
  switch (flag) {
    case 'to-earliest':
    case 'to-latest':
      return flag === 'to-earliest' ? 'earliest' : 'latest';
    case 'to-offset':
      return { offset: integer('to-offset', stringValue(parsed, flag)!, 0n) };
    case 'shift-by':
      return { shiftBy: integer('shift-by', stringValue(parsed, flag)!, undefined) };
    case 'to-datetime':
      return { timestamp: datetime(stringValue(parsed, flag)!) };
  }
}

const INT64_MAX = 2n ** 63n - 1n;

function integer(name: string, raw: string, min: bigint | undefined): bigint {
  const text = raw.trim();
  if (!/^-?\d+$/.test(text) || BigInt(text) > INT64_MAX || BigInt(text) < -INT64_MAX || (min !== undefined && BigInt(text) < min)) {
    throw new UsageError(`invalid --${name}: expected ${min === undefined ? 'an integer' : `an integer of ${min} or more`}, got "${raw}"`);
  }
  return BigInt(text);
}

/** ISO 8601: a date, or a date and time, with Z or an offset (local time without one). */
function datetime(raw: string): number {
  const text = raw.trim();
  const ms = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(ms) || ms < 0) throw new UsageError(`invalid --to-datetime: expected an ISO 8601 time such as 2024-05-01T12:00:00Z, got "${raw}"`);
  return ms;
}

export const groupResetOffsetsCommand: Command = {
  path: ['group', 'reset-offsets'],
  summary: "move an empty group's committed offsets of a topic (earliest, latest, an offset, a time, a shift)",
  usage: 'GROUP',
  positionals: { required: 1, max: 1 },
  options: [
    { name: 'topic', type: 'string', valueName: 'T', description: 'the topic whose offsets move (required)' },
    { name: 'partition', type: 'string', multiple: true, valueName: 'P', description: 'only partition P (may be repeated; default: every partition)' },
    { name: 'to-earliest', type: 'boolean', description: 'to the log start' },
    { name: 'to-latest', type: 'boolean', description: 'to the log end (skip everything written so far)' },
    { name: 'to-offset', type: 'string', valueName: 'N', description: 'to offset N, which must lie within every chosen partition\'s log' },
    { name: 'to-datetime', type: 'string', valueName: 'ISO', description: 'to the first record at or after this time (the log end when none is)' },
    { name: 'shift-by', type: 'string', valueName: 'N', description: 'by N (negative: back) from the committed offset, kept within the log' },
    { name: 'dry-run', type: 'boolean', description: 'show the new offsets without changing anything' },
    JSON_OPTION,
  ],
  details: [
    'Exactly one of --to-earliest, --to-latest, --to-offset, --to-datetime, --shift-by.',
    'Everything is checked before anything changes. Exit 1 with NON_EMPTY_GROUP while the group has members (stop its',
    'consumers first), UNKNOWN_TOPIC_OR_PARTITION for an unknown topic or partition, OFFSET_OUT_OF_RANGE for --to-offset',
    'outside a partition\'s log, INVALID_GROUP_ID for a malformed id. A group that does not exist is created, as Kafka does.',
    'JSON: {"group","dryRun","offsets":[{"topic","partition","previous","offset"}]} (previous null where nothing was committed).',
  ].join('\n'),
  async run({ io, parsed, broker }) {
    const groupId = parsed.positionals[0]!;
    const settings = resetSettings(parsed);
    const admin = broker().admin();
    try {
      const plan = await admin.resetOffsets(groupId, { topic: settings.topic, ...(settings.partitions === undefined ? {} : { partitions: settings.partitions }), to: settings.to, dryRun: settings.dryRun });
      if (settings.json) printJson(io, offsetResetJson(groupId, settings.dryRun, plan));
      else io.stdout(formatOffsetReset(groupId, settings.dryRun, plan));
      return 0;
    } finally {
      admin.close();
    }
  },
};

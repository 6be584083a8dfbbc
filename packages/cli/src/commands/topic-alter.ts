import type { ControllerWire } from '@samsa/protocol';
import type { Command } from '../command-line/command';
import { parseConfigEntries, parseConfigKeys } from '../command-line/config-entries';
import { listValue, parseIntegerOption, stringValue } from '../command-line/option-parser';
import { UsageError } from '../command-line/usage-error';
import { PARTITIONS_MAX } from './topic-create';

export const topicAlterCommand: Command = {
  path: ['topic', 'alter'],
  summary: 'add partitions to a topic, or set and delete its configs',
  usage: 'NAME',
  positionals: { required: 1, max: 1 },
  options: [
    { name: 'partitions', short: 'p', type: 'string', valueName: 'N', description: 'the new partition count (only increases)' },
    { name: 'config', short: 'c', type: 'string', multiple: true, valueName: 'KEY=VALUE', description: 'set a topic config' },
    { name: 'delete-config', type: 'string', multiple: true, valueName: 'KEY', description: 'delete a topic config: it takes its default again' },
  ],
  details: 'With both --partitions and configs, partitions are added first; if that fails, configs are left alone.',
  async run({ io, parsed, controller }) {
    const name = parsed.positionals[0]!;
    const partitionsText = stringValue(parsed, 'partitions');
    const partitions = partitionsText === undefined ? undefined : parseIntegerOption('partitions', partitionsText, { min: 1, max: PARTITIONS_MAX });
    const changes = configChanges(listValue(parsed, 'config'), listValue(parsed, 'delete-config'));
    if (partitions === undefined && changes.length === 0) throw new UsageError('topic alter needs --partitions, --config or --delete-config');
    if (partitions !== undefined) {
      await controller().createPartitions({ name, partitions });
      io.stdout(`Topic ${name} now has ${partitions} partitions.\n`);
    }
    if (changes.length > 0) {
      await controller().alterConfigs({ resourceType: 'topic', name, changes });
      io.stdout(`Updated the configs of topic ${name}: ${changes.map((change) => (change.hasValue ? `${change.key}=${change.value}` : `${change.key} deleted`)).join(', ')}.\n`);
    }
    return 0;
  },
};

/** `--config` sets and `--delete-config` deletes; one key cannot be both. */
export function configChanges(sets: readonly string[], deletes: readonly string[]): ControllerWire.ConfigChange[] {
  const entries = parseConfigEntries(sets);
  const keys = parseConfigKeys(deletes);
  const both = keys.find((key) => entries.some((entry) => entry.key === key));
  if (both !== undefined) throw new UsageError(`config "${both}" is both set (--config) and deleted (--delete-config)`);
  return [...entries.map((entry) => ({ key: entry.key, hasValue: true, value: entry.value })), ...keys.map((key) => ({ key, hasValue: false }))];
}

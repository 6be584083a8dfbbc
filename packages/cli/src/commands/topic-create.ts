import { throwIfError } from '@samsa/metadata';
import type { Command } from '../command-line/command';
import { parseConfigEntries } from '../command-line/config-entries';
import { listValue, parseIntegerOption, stringValue } from '../command-line/option-parser';

/** Kafka's PARTITION_COUNT_PER_TOPIC_MAX is the controller's to enforce; this bounds typos. */
export const PARTITIONS_MAX = 10_000;
export const REPLICATION_FACTOR_MAX = 32;

export const topicCreateCommand: Command = {
  path: ['topic', 'create'],
  summary: 'create a topic',
  usage: 'NAME',
  positionals: { required: 1, max: 1 },
  options: [
    { name: 'partitions', short: 'p', type: 'string', valueName: 'N', defaultText: '1', description: 'number of partitions' },
    { name: 'replication-factor', short: 'r', type: 'string', valueName: 'R', defaultText: '1', description: 'replicas of each partition; at most the number of unfenced brokers' },
    { name: 'config', short: 'c', type: 'string', multiple: true, valueName: 'KEY=VALUE', description: 'a topic config, e.g. retention.ms=86400000' },
  ],
  async run({ io, parsed, controller }) {
    const name = parsed.positionals[0]!;
    const partitions = parseIntegerOption('partitions', stringValue(parsed, 'partitions') ?? '1', { min: 1, max: PARTITIONS_MAX });
    const replicationFactor = parseIntegerOption('replication-factor', stringValue(parsed, 'replication-factor') ?? '1', { min: 1, max: REPLICATION_FACTOR_MAX });
    const configs = parseConfigEntries(listValue(parsed, 'config'));
    const response = await controller().createTopics({ topics: [{ name, partitions, replicationFactor, configs }] });
    const result = response.topics.find((topic) => topic.name === name);
    if (result === undefined) throw new Error(`the controller's answer does not mention topic "${name}"`);
    throwIfError(result.error);
    io.stdout(`Created topic ${name} (${partitions} partition${partitions === 1 ? '' : 's'}, replication factor ${replicationFactor}, id ${result.topicId}).\n`);
    return 0;
  },
};

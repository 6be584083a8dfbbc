import { throwIfError } from '@samsa/metadata';
import { type Command, JSON_OPTION, printJson } from '../command-line/command';
import { flagValue } from '../command-line/option-parser';
import { formatTopicDescription, topicDescriptionJson } from '../output/topic-output';

export const topicDescribeCommand: Command = {
  path: ['topic', 'describe'],
  summary: "show a topic's partitions (leader, leader epoch, replicas, ISR) and configs",
  usage: 'NAME',
  positionals: { required: 1, max: 1 },
  options: [JSON_OPTION],
  details: 'JSON: {"name","partitions":[{"partition","leader","leaderEpoch","replicas":[],"isr":[]}],"configs":{}}\nA leader of -1 means the partition is offline. "configs" holds the configs set on the topic; the rest take defaults.',
  async run({ io, parsed, controller }) {
    const name = parsed.positionals[0]!;
    const response = await controller().describeTopics({ names: [name] });
    const topic = response.topics.find((candidate) => candidate.name === name);
    if (topic === undefined) throw new Error(`the controller's answer does not mention topic "${name}"`);
    throwIfError(topic.error);
    if (flagValue(parsed, 'json')) printJson(io, topicDescriptionJson(topic));
    else io.stdout(formatTopicDescription(topic));
    return 0;
  },
};

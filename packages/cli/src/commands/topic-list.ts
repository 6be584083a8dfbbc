import { type Command, JSON_OPTION, printJson } from '../command-line/command';
import { flagValue } from '../command-line/option-parser';
import { formatTopicList, topicListJson } from '../output/topic-output';

export const topicListCommand: Command = {
  path: ['topic', 'list'],
  summary: 'list the topics with their partition counts and replication factors',
  usage: '',
  positionals: { required: 0, max: 0 },
  options: [JSON_OPTION],
  details: 'JSON: [{"name","partitions","replicationFactor"}], sorted by name',
  async run({ io, parsed, controller }) {
    const response = await controller().describeTopics({ names: [] });
    if (flagValue(parsed, 'json')) printJson(io, topicListJson(response.topics));
    else io.stdout(formatTopicList(response.topics));
    return 0;
  },
};

import { throwIfError } from '@samsa/metadata';
import type { Command } from '../command-line/command';

export const topicDeleteCommand: Command = {
  path: ['topic', 'delete'],
  summary: 'delete a topic and all its records',
  usage: 'NAME',
  positionals: { required: 1, max: 1 },
  options: [],
  async run({ io, parsed, controller }) {
    const name = parsed.positionals[0]!;
    const response = await controller().deleteTopics({ names: [name] });
    const result = response.topics.find((topic) => topic.name === name);
    if (result === undefined) throw new Error(`the controller's answer does not mention topic "${name}"`);
    throwIfError(result.error);
    io.stdout(`Deleted topic ${name}.\n`);
    return 0;
  },
};

import { type Command, JSON_OPTION, printJson } from '../command-line/command';
import { flagValue } from '../command-line/option-parser';
import { clusterDescriptionJson, formatClusterDescription } from '../output/cluster-output';

export const clusterDescribeCommand: Command = {
  path: ['cluster', 'describe'],
  summary: 'show the cluster id, the controllers (which one leads) and the brokers',
  usage: '',
  positionals: { required: 0, max: 0 },
  options: [JSON_OPTION],
  details: 'JSON: {"clusterId","controllers":[{"id","address","leader"}],"brokers":[{"id","address","rack","fenced"}]}',
  async run({ io, parsed, controller }) {
    const response = await controller().describeCluster();
    if (flagValue(parsed, 'json')) printJson(io, clusterDescriptionJson(response));
    else io.stdout(formatClusterDescription(response));
    return 0;
  },
};

import * as path from 'node:path';
import type { Command } from '../command-line/command';
import { flagValue, parseIntegerOption, stringValue } from '../command-line/option-parser';
import { renderTable } from '../output/table';
import { LOCAL_CLUSTER_NODES_MAX, planLocalCluster } from '../server/local-cluster-plan';
import { runLocalCluster } from '../server/local-cluster-runner';
import { formatHostPort } from '@samsa/protocol';

export const clusterStartCommand: Command = {
  path: ['cluster', 'start'],
  summary: 'run a local cluster in the foreground until Ctrl-C',
  usage: '',
  positionals: { required: 0, max: 0 },
  options: [
    { name: 'nodes', short: 'n', type: 'string', valueName: 'N', defaultText: '3', description: `how many nodes, 1 to ${LOCAL_CLUSTER_NODES_MAX}` },
    { name: 'data-dir', type: 'string', valueName: 'DIR', defaultText: './data', description: 'where the nodes keep their data, one folder per node id' },
    { name: 'json-logs', type: 'boolean', description: "forward the nodes' JSON logs as they are" },
  ],
  details: [
    'Each node is a controller and a broker. Node i (from 1) listens on 127.0.0.1: broker 9092 + 10000*(i-1),',
    'controller 9093 + 10000*(i-1), HTTP 9644 + 10000*(i-1).',
    'Exit codes: 0 after Ctrl-C or SIGTERM; 1 when a node dies on its own; 2 for bad flags.',
  ].join('\n'),
  async run({ io, parsed }) {
    const nodeCount = parseIntegerOption('nodes', stringValue(parsed, 'nodes') ?? '3', { min: 1, max: LOCAL_CLUSTER_NODES_MAX });
    const dataDirectory = path.resolve(stringValue(parsed, 'data-dir') ?? './data');
    const nodes = planLocalCluster({ nodeCount, dataDirectory });
    io.stdout(`Starting ${nodeCount} node${nodeCount === 1 ? '' : 's'} (controller and broker roles):\n`);
    io.stdout(renderTable(['node', 'broker', 'controller', 'http', 'data'], nodes.map((node) => [node.id, formatHostPort(node.listen), formatHostPort(node.controllerListen), formatHostPort(node.httpListen), node.dataDirectory])));
    return runLocalCluster({ nodes, dataDirectory, io, jsonLogs: flagValue(parsed, 'json-logs') });
  },
};

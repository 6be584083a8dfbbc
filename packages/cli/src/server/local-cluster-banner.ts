import { formatHostPort } from '@samsa/protocol';
import type { LocalNode } from './local-cluster-plan';

/**
 * What `samsa cluster start` prints once every node is ready: where clients connect, where
 * the metrics are, and commands to paste into another terminal. Its first line is stable
 * (`Samsa is ready: ...`) so scripts and tests can wait for it.
 */
export function renderClusterBanner(nodes: readonly LocalNode[], dataDirectory: string): string {
  const bootstrap = nodes.map((node) => formatHostPort(node.listen)).join(',');
  const http = (node: LocalNode, endpoint: string) => `http://${formatHostPort(node.httpListen)}/${endpoint}`;
  return [
    '',
    `Samsa is ready: ${nodes.length} node${nodes.length === 1 ? '' : 's'}, each a controller and a broker, data in ${dataDirectory}`,
    `  bootstrap   ${bootstrap}   (the CLI's default is ${formatHostPort(nodes[0]!.listen)}; -b or SAMSA_BOOTSTRAP to change)`,
    `  controllers ${nodes.map((node) => formatHostPort(node.controllerListen)).join(',')}   (admin commands: --controller or SAMSA_CONTROLLER; default ${formatHostPort(nodes[0]!.controllerListen)})`,
    `  metrics     ${nodes.map((node) => http(node, 'metrics')).join('  ')}`,
    `  readiness   ${nodes.map((node) => http(node, 'readyz')).join('  ')}`,
    '',
    'In another terminal, from this folder:',
    `  npx samsa topic create orders --partitions 6 --replication-factor ${Math.min(3, nodes.length)}`,
    '  seq 1 1000 | npx samsa produce orders',
    '  npx samsa consume orders --from-beginning --max-messages 1000',
    '  npx samsa cluster describe',
    '',
    'Ctrl-C stops every node; the next start reuses the data.',
    '',
  ].join('\n');
}

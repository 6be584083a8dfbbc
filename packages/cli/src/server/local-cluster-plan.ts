import * as path from 'node:path';
import { type HostPort, formatHostPort } from '@samsa/protocol';

export const LOCAL_CLUSTER_NODES_MAX = 5;
/** Node i (from 1) listens on these ports plus 10000 * (i - 1): 9093, 19093, 29093, ... */
const CONTROLLER_PORT_BASE = 9093;
const HTTP_PORT_BASE = 9644;
const BROKER_PORT_BASE = 9092;
const PORT_STRIDE = 10_000;
const HOST = '127.0.0.1';

export interface LocalNode {
  readonly id: number;
  readonly listen: HostPort;
  readonly controllerListen: HostPort;
  readonly httpListen: HostPort;
  readonly dataDirectory: string;
  /** The arguments after `samsa server`. */
  readonly serverArguments: readonly string[];
}

/**
 * The nodes of `samsa cluster start`: ids 1..N, fixed loopback ports so that the default
 * `--controller 127.0.0.1:9093` of the other commands finds node 1, data under
 * `<dataDirectory>/<id>`. Each node runs both roles (KRaft's combined mode); clients
 * bootstrap from 127.0.0.1:9092.
 */
export function planLocalCluster(options: { readonly nodeCount: number; readonly dataDirectory: string }): LocalNode[] {
  if (!Number.isInteger(options.nodeCount) || options.nodeCount < 1 || options.nodeCount > LOCAL_CLUSTER_NODES_MAX) {
    throw new RangeError(`nodeCount must be an integer in [1, ${LOCAL_CLUSTER_NODES_MAX}], got ${options.nodeCount}`);
  }
  const ids = Array.from({ length: options.nodeCount }, (_, index) => index + 1);
  const at = (base: number, id: number): HostPort => ({ host: HOST, port: base + PORT_STRIDE * (id - 1) });
  const quorum = ids.map((id) => `${id}@${formatHostPort(at(CONTROLLER_PORT_BASE, id))}`).join(',');
  return ids.map((id) => {
    const controllerListen = at(CONTROLLER_PORT_BASE, id);
    const httpListen = at(HTTP_PORT_BASE, id);
    const dataDirectory = path.join(options.dataDirectory, String(id));
    return {
      id,
      listen: at(BROKER_PORT_BASE, id),
      controllerListen,
      httpListen,
      dataDirectory,
      serverArguments: [
        '--node-id', String(id),
        '--roles', 'controller,broker',
        '--data-dir', dataDirectory,
        '--listen', formatHostPort(at(BROKER_PORT_BASE, id)),
        '--controller-listen', formatHostPort(controllerListen),
        '--http-listen', formatHostPort(httpListen),
        '--controller-quorum', quorum,
      ],
    };
  });
}

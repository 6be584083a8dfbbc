import type { ControllerWire } from '@samsa/protocol';
import { renderTable } from './table';

/** `samsa cluster describe --json`, the shape DESIGN.md promises scripts. */
export interface ClusterDescriptionJson {
  readonly clusterId: string;
  readonly controllers: readonly { readonly id: number; readonly address: string; readonly leader: boolean }[];
  readonly brokers: readonly { readonly id: number; readonly address: string; readonly rack: string | null; readonly fenced: boolean }[];
}

/** Controllers and brokers sorted by id; a broker without a rack has `rack: null`. */
export function clusterDescriptionJson(response: ControllerWire.DescribeClusterResponse__Output): ClusterDescriptionJson {
  return {
    clusterId: response.clusterId,
    controllers: [...response.controllers].sort(byId).map((controller) => ({ id: controller.id, address: controller.address, leader: controller.leader })),
    brokers: [...response.brokers].sort(byId).map((broker) => ({ id: broker.id, address: broker.address, rack: broker.rack === '' ? null : broker.rack, fenced: broker.fenced })),
  };
}

export function formatClusterDescription(response: ControllerWire.DescribeClusterResponse__Output): string {
  const cluster = clusterDescriptionJson(response);
  const lines = [`CLUSTER ${cluster.clusterId}  (metadata offset ${response.metadataOffset})`, ''];
  lines.push(renderTable(['controller', 'address', 'role'], cluster.controllers.map((controller) => [controller.id, controller.address, controller.leader ? 'leader' : 'follower'])));
  if (cluster.brokers.length === 0) {
    lines.push('no brokers registered\n');
  } else {
    lines.push(renderTable(['broker', 'address', 'rack', 'state'], cluster.brokers.map((broker) => [broker.id, broker.address, broker.rack ?? '-', broker.fenced ? 'fenced' : 'unfenced'])));
  }
  return lines.join('\n');
}

function byId(left: { readonly id: number }, right: { readonly id: number }): number {
  return left.id - right.id;
}

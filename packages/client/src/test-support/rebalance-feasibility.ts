// An oracle for the rebalance planner's tests, independent of its search: whether a balanced
// assignment exists at all, decided by a feasible flow with lower bounds (Edmonds-Karp).
import type { PartitionAssignment, RebalanceBroker } from '../admin/rebalance-plan';

interface Edge {
  readonly to: number;
  capacity: number;
  readonly reverse: number;
}

class FlowNetwork {
  private readonly edges: Edge[][] = [];
  private readonly excess: number[] = [];

  node(): number {
    this.edges.push([]);
    this.excess.push(0);
    return this.edges.length - 1;
  }

  /** An edge that must carry between `lower` and `upper` units. */
  edge(from: number, to: number, lower: number, upper: number): void {
    this.plain(from, to, upper - lower);
    this.excess[to]! += lower;
    this.excess[from]! -= lower;
  }

  /** Whether a flow meets every edge's bounds, with `sink` feeding `source` freely. */
  feasible(source: number, sink: number): boolean {
    this.plain(sink, source, Number.MAX_SAFE_INTEGER);
    const superSource = this.node();
    const superSink = this.node();
    let demand = 0;
    this.excess.forEach((excess, node) => {
      if (excess > 0) this.plain(superSource, node, excess);
      if (excess < 0) this.plain(node, superSink, -excess);
      if (excess > 0) demand += excess;
    });
    return this.maxFlow(superSource, superSink) === demand;
  }

  private plain(from: number, to: number, capacity: number): void {
    this.edges[from]!.push({ to, capacity, reverse: this.edges[to]!.length });
    this.edges[to]!.push({ to: from, capacity: 0, reverse: this.edges[from]!.length - 1 });
  }

  private maxFlow(source: number, sink: number): number {
    let total = 0;
    for (;;) {
      const via = new Map<number, { from: number; edge: Edge }>();
      const queue = [source];
      while (queue.length > 0 && !via.has(sink)) {
        const at = queue.shift()!;
        for (const edge of this.edges[at]!) {
          if (edge.capacity > 0 && edge.to !== source && !via.has(edge.to)) {
            via.set(edge.to, { from: at, edge });
            queue.push(edge.to);
          }
        }
      }
      if (!via.has(sink)) return total;
      let amount = Number.MAX_SAFE_INTEGER;
      for (let at = sink; at !== source; at = via.get(at)!.from) amount = Math.min(amount, via.get(at)!.edge.capacity);
      for (let at = sink; at !== source; at = via.get(at)!.from) {
        const edge = via.get(at)!.edge;
        edge.capacity -= amount;
        this.edges[edge.to]![edge.reverse]!.capacity += amount;
      }
      total += amount;
    }
  }
}

function bounds(total: number, brokers: number): { floor: number; ceil: number } {
  return { floor: Math.floor(total / brokers), ceil: Math.ceil(total / brokers) };
}

/**
 * Whether replicas can sit with every broker at floor or ceil of the mean, each partition on
 * distinct brokers, at most `limitOf(replicationFactor)` of a partition on one rack.
 */
export function balancedReplicasExist(
  brokers: readonly RebalanceBroker[],
  partitions: readonly PartitionAssignment[],
  rackOf: (broker: RebalanceBroker) => string,
  limitOf: (replicationFactor: number) => number,
): boolean {
  const network = new FlowNetwork();
  const source = network.node();
  const sink = network.node();
  const brokerNodes = new Map(brokers.map((broker) => [broker.id, network.node()]));
  const racks = [...new Set(brokers.map(rackOf))];
  const total = partitions.reduce((sum, partition) => sum + partition.replicas.length, 0);
  const { floor, ceil } = bounds(total, brokers.length);
  for (const partition of partitions) {
    const node = network.node();
    network.edge(source, node, partition.replicas.length, partition.replicas.length);
    for (const rack of racks) {
      const rackNode = network.node();
      network.edge(node, rackNode, 0, limitOf(partition.replicas.length));
      for (const broker of brokers) if (rackOf(broker) === rack) network.edge(rackNode, brokerNodes.get(broker.id)!, 0, 1);
    }
  }
  for (const node of brokerNodes.values()) network.edge(node, sink, floor, ceil);
  return network.feasible(source, sink);
}

/** Whether preferred leaders can be chosen within the given replicas with every broker at floor or ceil of the mean. */
export function balancedLeadersExist(brokerIds: readonly number[], partitions: readonly PartitionAssignment[]): boolean {
  const network = new FlowNetwork();
  const source = network.node();
  const sink = network.node();
  const brokerNodes = new Map(brokerIds.map((id) => [id, network.node()]));
  const { floor, ceil } = bounds(partitions.length, brokerIds.length);
  for (const partition of partitions) {
    const node = network.node();
    network.edge(source, node, 1, 1);
    for (const id of partition.replicas) network.edge(node, brokerNodes.get(id)!, 0, 1);
  }
  for (const node of brokerNodes.values()) network.edge(node, sink, floor, ceil);
  return network.feasible(source, sink);
}

import { SamsaError } from '@samsa/protocol';
import type { Admin, TopicDescription } from './admin';
import { countPerBroker, type PartitionAssignment, planRebalance, type RebalancePlan } from './rebalance-plan';

export interface RebalanceOptions {
  /** Brokers to empty (`samsa cluster remove-broker`): the plan moves every replica off them. */
  readonly excludeBrokers?: readonly number[];
}

/** One broker's share before and after (planned, or measured once a run has ended). */
export interface BrokerLoad {
  readonly id: number;
  readonly rack: string | null;
  readonly fenced: boolean;
  /** Excluded by the caller: it ends with no replica. */
  readonly excluded: boolean;
  readonly replicasBefore: number;
  readonly replicasAfter: number;
  /** Partitions it leads now (before) and will lead once preferred leaders lead (after). */
  readonly leadersBefore: number;
  readonly leadersAfter: number;
}

export interface ClusterRebalancePlan extends RebalancePlan {
  /** Every registered broker, and any id that replicas name without it being registered, by id. */
  readonly brokers: readonly BrokerLoad[];
}

/**
 * Reads the cluster and topics and plans their rebalance over the unfenced brokers minus the
 * excluded ones. Refuses while reassignments are under way, because the replicas it would
 * read are then a mix of old and new; and while a fenced broker that is not excluded holds
 * replicas: it is most likely restarting, and moving all it holds would cost far more than
 * waiting (exclude it to move them anyway). A fenced broker that holds nothing, such as one
 * stopped after `remove-broker`, is simply left out.
 */
/** What planning needs of the admin client. */
export type RebalancePlanningAdmin = Pick<Admin, 'describeCluster' | 'describeTopics' | 'listPartitionReassignments'>;

export async function planClusterRebalance(admin: RebalancePlanningAdmin, options: RebalanceOptions): Promise<ClusterRebalancePlan> {
  const excluded = new Set(options.excludeBrokers ?? []);
  const [cluster, topics, ongoing] = await Promise.all([admin.describeCluster(), admin.describeTopics(), admin.listPartitionReassignments()]);
  const unknown = [...excluded].filter((id) => !cluster.brokers.some((broker) => broker.id === id));
  if (unknown.length > 0) throw new SamsaError('BROKER_NOT_AVAILABLE', `broker ${unknown.join(', ')} is not registered`);
  if (ongoing.length > 0) {
    const first = ongoing[0]!;
    throw new SamsaError('REASSIGNMENT_IN_PROGRESS', `${ongoing.length} partition reassignment(s) are under way (first: ${first.topic}/${first.partition}); wait for them to finish`);
  }
  const eligible = cluster.brokers.filter((broker) => !broker.fenced && !excluded.has(broker.id)).map((broker) => ({ id: broker.id, rack: broker.rack === '' ? null : broker.rack }));
  const current = assignmentOf(topics);
  const unavailable = unavailableHolders(current, cluster.brokers, excluded);
  if (unavailable.length > 0) {
    throw new SamsaError(
      'BROKER_NOT_AVAILABLE',
      `broker ${unavailable.join(', ')} holds replicas but is fenced or not registered: start it again, or move its replicas off with remove-broker`,
    );
  }
  const plan = planRebalance(eligible, current);
  const ids = [...new Set([...cluster.brokers.map((broker) => broker.id), ...current.flatMap((partition) => partition.replicas)])].sort((a, b) => a - b);
  const replicasBefore = countPerBroker(current, ids);
  const leadersBefore = actualLeaders(topics, ids);
  const replicasAfter = countPerBroker(plan.target, ids);
  const leadersAfter = countPerBroker(plan.target, ids, true);
  const brokers = ids.map((id) => {
    const registered = cluster.brokers.find((broker) => broker.id === id);
    return {
      id,
      rack: registered === undefined || registered.rack === '' ? null : registered.rack,
      fenced: registered?.fenced ?? true,
      excluded: excluded.has(id),
      replicasBefore: replicasBefore.get(id)!,
      replicasAfter: replicasAfter.get(id)!,
      leadersBefore: leadersBefore.get(id)!,
      leadersAfter: leadersAfter.get(id)!,
    };
  });
  return { ...plan, brokers };
}

/** Brokers that hold replicas without being able to serve them, and that the caller did not exclude. */
function unavailableHolders(current: readonly PartitionAssignment[], brokers: readonly { id: number; fenced: boolean }[], excluded: ReadonlySet<number>): number[] {
  const holders = new Set(current.flatMap((partition) => partition.replicas));
  return [...holders].filter((id) => !excluded.has(id) && brokers.find((broker) => broker.id === id)?.fenced !== false).sort((a, b) => a - b);
}

export function assignmentOf(topics: readonly TopicDescription[]): PartitionAssignment[] {
  return topics.flatMap((topic) => topic.partitions.map((partition) => ({ topic: topic.name, partition: partition.partition, replicas: partition.replicas })));
}

/** Partitions each broker leads now; an offline partition (leader -1) counts for nobody. */
export function actualLeaders(topics: readonly TopicDescription[], ids: readonly number[]): Map<number, number> {
  const counts = new Map<number, number>(ids.map((id) => [id, 0]));
  for (const topic of topics) for (const partition of topic.partitions) if (counts.has(partition.leader)) counts.set(partition.leader, counts.get(partition.leader)! + 1);
  return counts;
}

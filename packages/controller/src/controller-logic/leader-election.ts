import { type MetadataImage, NO_LEADER, type PartitionFields, type PartitionState } from '@samsa/metadata';
import { isUncleanLeaderElectionEnabled } from './topic-configs';

/**
 * Leader election rules, shared by fencing, unfencing, reassignment and preferred election.
 * Clean election takes the first replica, in replica order, that is in the ISR and
 * eligible (registered, unfenced, not being shut down). Unclean election, when the topic
 * allows it and no clean choice exists, takes the first eligible replica outside the ISR
 * that is not still joining in a reassignment (a joining replica has no data to offer) and
 * makes it the whole ISR.
 */
export interface ElectionRules {
  readonly isEligible: (brokerId: number) => boolean;
  readonly uncleanAllowed: boolean;
}

/** The rules for one topic as the image stands. */
export function electionRules(image: MetadataImage, topicId: string): ElectionRules {
  const topic = image.topicById(topicId);
  return {
    isEligible: (brokerId) => image.isUnfenced(brokerId),
    uncleanAllowed: topic !== undefined && isUncleanLeaderElectionEnabled(image, topic.name),
  };
}

/** The leader and ISR an election gives; `NO_LEADER` with the ISR unchanged if none. */
export function electLeader(partition: PartitionFields, rules: ElectionRules): Pick<PartitionFields, 'leader' | 'isr'> {
  const clean = partition.replicas.find((id) => partition.isr.includes(id) && rules.isEligible(id));
  if (clean !== undefined) return { leader: clean, isr: partition.isr };
  if (rules.uncleanAllowed) {
    const unclean = partition.replicas.find((id) => rules.isEligible(id) && !partition.addingReplicas.includes(id));
    if (unclean !== undefined) return { leader: unclean, isr: [unclean] };
  }
  return { leader: NO_LEADER, isr: partition.isr };
}

/**
 * The partition without `brokerId` in its ISR or leadership, as fencing and controlled
 * shutdown need. The ISR keeps its last member even when that is `brokerId`: it records who
 * has every acknowledged record, so that broker may lead again when it comes back.
 */
export function withoutBroker(partition: PartitionState, brokerId: number, rules: ElectionRules): PartitionFields {
  const shrunk = partition.isr.filter((id) => id !== brokerId);
  const isr = shrunk.length > 0 ? shrunk : partition.isr;
  if (partition.leader !== brokerId) return { ...partition, isr };
  return { ...partition, ...electLeader({ ...partition, isr }, rules) };
}

/** An offline partition with a leader elected if one is eligible now; others unchanged. */
export function withLeaderIfOffline(partition: PartitionState, rules: ElectionRules): PartitionFields {
  if (partition.leader !== NO_LEADER) return partition;
  return { ...partition, ...electLeader(partition, rules) };
}

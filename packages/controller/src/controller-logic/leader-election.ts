import { type MetadataImage, NO_LEADER, type PartitionFields, type PartitionState } from '@samsa/metadata';
import { isUncleanLeaderElectionEnabled, minInsyncReplicasOf } from './topic-configs';

/**
 * Leader election rules, shared by fencing, unfencing, reassignment and preferred election,
 * and the Eligible Leader Replicas rules of KIP-966 that every ISR change follows.
 *
 * Election: first the first replica, in replica order, that is in the ISR and eligible
 * (registered and unfenced); else the first eligible member of the ELR (a replica that left
 * the ISR while it was below `min.insync.replicas`, so that the high watermark has not moved
 * since: it holds every committed record), which becomes the whole ISR. Unclean election,
 * when the topic allows it and neither exists, takes the first eligible replica outside them
 * that is not still joining in a reassignment (a joining replica has no data to offer),
 * makes it the whole ISR and forgets the ELR and the last known ELR (its log is the truth
 * from now on, whatever they held). When nothing is eligible the partition stays leaderless;
 * after a whole-cluster power loss `log-recovery-election.ts` elects once the replicas are back.
 *
 * ELR: a member that leaves the ISR joins the ELR when the ISR it leaves is smaller than
 * `min.insync.replicas` (and every ELR member is dropped once the ISR holds that many again,
 * since the high watermark moves on without them); a member that rejoins the ISR leaves it.
 * The ISR may become empty: a fenced last member moves to the ELR rather than staying in the
 * ISR, so that an unclean restart can take it out of the running (`broker-registration.ts`).
 */
export interface ElectionRules {
  readonly isEligible: (brokerId: number) => boolean;
  readonly uncleanAllowed: boolean;
  /** The topic's effective min.insync.replicas. */
  readonly minIsr: number;
}

/** The rules for one topic as the image stands. */
export function electionRules(image: MetadataImage, topicId: string): ElectionRules {
  const topic = image.topicById(topicId);
  return {
    isEligible: (brokerId) => image.isUnfenced(brokerId),
    uncleanAllowed: topic !== undefined && isUncleanLeaderElectionEnabled(image, topic.name),
    minIsr: topic === undefined ? 1 : minInsyncReplicasOf(image, topic.name),
  };
}

/** What an election decides: the leader, and the ISR and ELRs that come with it. */
export type Elected = Pick<PartitionFields, 'leader' | 'isr' | 'elr' | 'lastKnownElr'>;

/** The leader an election gives, with ISR and ELRs; `NO_LEADER` and the rest unchanged if none. */
export function electLeader(partition: PartitionFields, rules: ElectionRules): Elected {
  const { isr, elr, lastKnownElr } = partition;
  const clean = partition.replicas.find((id) => isr.includes(id) && rules.isEligible(id));
  if (clean !== undefined) return { leader: clean, isr, elr, lastKnownElr };
  const eligible = partition.replicas.find((id) => elr.includes(id) && rules.isEligible(id));
  if (eligible !== undefined) {
    const elected = withIsr(partition, [eligible], rules);
    return { leader: eligible, isr: elected.isr, elr: elected.elr, lastKnownElr: elected.lastKnownElr };
  }
  if (rules.uncleanAllowed) {
    const unclean = partition.replicas.find((id) => rules.isEligible(id) && !partition.addingReplicas.includes(id));
    if (unclean !== undefined) return { leader: unclean, isr: [unclean], elr: [], lastKnownElr: [] };
  }
  return { leader: NO_LEADER, isr, elr, lastKnownElr };
}

/**
 * The partition with `newIsr` as its ISR, the ELRs following KIP-966: members that leave an
 * ISR smaller than `min.insync.replicas` join the ELR (except those in `notEligible`: a broker
 * being forgotten, a leader whose log failed), and `settleEligibleReplicas` does the rest.
 */
export function withIsr(partition: PartitionFields, newIsr: readonly number[], rules: ElectionRules, notEligible: readonly number[] = []): PartitionFields {
  const leaving = partition.isr.filter((id) => !newIsr.includes(id) && !notEligible.includes(id));
  const elr = newIsr.length < rules.minIsr ? [...partition.elr, ...leaving] : [];
  return settleEligibleReplicas({ ...partition, isr: newIsr, elr }, rules);
}

/**
 * The ELR and last known ELR made consistent with the rest, in replica order: nobody in the
 * ISR is in either, nobody in both, both hold replicas only, and the ELR is empty once the
 * ISR holds `min.insync.replicas` members. Every decision passes its fields through it.
 */
export function settleEligibleReplicas(partition: PartitionFields, rules: Pick<ElectionRules, 'minIsr'>): PartitionFields {
  const outsideIsr = partition.replicas.filter((id) => !partition.isr.includes(id));
  const elr = partition.isr.length >= rules.minIsr ? [] : outsideIsr.filter((id) => partition.elr.includes(id));
  const lastKnownElr = outsideIsr.filter((id) => partition.lastKnownElr.includes(id) && !elr.includes(id));
  return { ...partition, elr, lastKnownElr };
}

/**
 * The partition without `brokerId` in its ISR or leadership, as fencing and controlled
 * shutdown need: it joins the ELR if the ISR it leaves is below `min.insync.replicas`, and a
 * new leader is elected if it led. The ISR may become empty. With `forget` (the broker is
 * unregistered, or its log failed) it joins no ELR, and leaves the ELRs it is in.
 */
export function withoutBroker(partition: PartitionState, brokerId: number, rules: ElectionRules, options: { readonly forget?: boolean } = {}): PartitionFields {
  const forget = options.forget === true;
  const shrunk = withIsr(partition, partition.isr.filter((id) => id !== brokerId), rules, forget ? [brokerId] : []);
  const fields = forget ? { ...shrunk, elr: shrunk.elr.filter((id) => id !== brokerId), lastKnownElr: shrunk.lastKnownElr.filter((id) => id !== brokerId) } : shrunk;
  if (partition.leader !== brokerId) return fields;
  return { ...fields, ...electLeader({ ...fields, leader: NO_LEADER }, rules) };
}

/**
 * An offline partition with a leader elected if one is eligible now; others unchanged. With
 * `aliveLeader`, a leader elected who is that broker (it just heartbeated, so it is alive)
 * holds every acknowledged record: the last known ELR is not needed any more.
 */
export function withLeaderIfOffline(partition: PartitionState, rules: ElectionRules, aliveLeader?: number): PartitionFields {
  if (partition.leader !== NO_LEADER) return partition;
  const elected = { ...partition, ...electLeader(partition, rules) };
  return elected.leader !== NO_LEADER && elected.leader === aliveLeader ? { ...elected, lastKnownElr: [] } : elected;
}

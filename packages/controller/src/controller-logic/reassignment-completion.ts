import { isReassigning, type PartitionFields, targetReplicas } from '@samsa/metadata';
import { type ElectionRules, electLeader, settleEligibleReplicas } from './leader-election';

/**
 * Completes a reassignment once every target replica is in the ISR: replicas become the
 * target, the ISR keeps only target members, and if the leader is being removed the first
 * eligible target replica in the ISR takes over (the leader epoch bump comes from applying
 * the change). Otherwise returns the fields unchanged. Pure: callers fold it into the
 * change they are making, so completion never needs a round of its own. Replicas that leave
 * leave the ELR and the last known ELR too.
 */
export function withReassignmentCompleted(fields: PartitionFields, rules: ElectionRules): PartitionFields {
  if (!isReassigning(fields)) return fields;
  const target = targetReplicas(fields);
  if (!target.every((id) => fields.isr.includes(id))) return fields;
  const completed = settleEligibleReplicas(
    { ...fields, replicas: target, isr: fields.isr.filter((id) => target.includes(id)), addingReplicas: [], removingReplicas: [] },
    rules,
  );
  if (target.includes(fields.leader)) return completed;
  return { ...completed, ...electLeader(completed, rules) };
}

import { awaitsRecoveryElection, type MetadataImage, partitionChange, type PartitionChangeRecord, type PartitionState } from '@samsa/metadata';

/**
 * Leader election after a whole-cluster power loss (KIP-966's "unclean recovery", balanced).
 *
 * A partition is *recovering* when it has no leader, no ISR and no ELR, but a last known ELR:
 * every replica that was eligible to lead has restarted uncleanly, and may have lost an
 * unflushed tail. Nobody is eligible, so nobody was elected when they came back. The brokers
 * say what their logs hold instead: each heartbeat of a broker carries, for every recovering
 * partition it hosts, its log's last leader epoch and log end offset (`ReplicaLogState`).
 * Once every member of the last known ELR is registered, unfenced and has reported under its
 * current broker epoch, the controller elects, among every unfenced replica that has reported
 * (members of the last known ELR or not, but not one still joining in a reassignment), the
 * log that is longest in the order (last epoch, log end offset), ties going to replica order.
 * The last epoch comes first: a longer log of an older epoch has a tail the newer leader never
 * had, which was never committed. The winner becomes the whole ISR, the last known ELR is
 * cleared, and the others truncate to it and catch up.
 *
 * Waiting for the whole last known ELR, not just for the first to come back, is what keeps
 * the replica that registers first (or last) from winning with a shorter log. A member that
 * never comes back keeps the partition offline, as an ISR member does; turning
 * `unclean.leader.election.enable` on elects any unfenced replica at once instead.
 */

/** What a broker reports about its log of one recovering partition. */
export interface ReplicaLogState {
  readonly topicId: string;
  readonly partition: number;
  /** The latest leader epoch in the log's epoch cache; -1 when it has none. */
  readonly lastEpoch: number;
  readonly logEndOffset: number;
}

/** The reports one broker registration sent last, by `topicId:partition`. */
interface BrokerReports {
  readonly brokerEpoch: number;
  readonly logs: ReadonlyMap<string, ReplicaLogState>;
}

/** More than this many in one heartbeat are ignored (a broker hosts fewer partitions than that). */
export const RECOVERING_REPLICAS_PER_HEARTBEAT_MAX = 100_000;

/**
 * The replica logs brokers reported, on the active controller. Soft state, like heartbeat
 * times: not in the metadata log, empty on a new active controller, refilled by the next
 * heartbeats (brokers report with every heartbeat while a partition is recovering). A
 * heartbeat replaces what the same registration reported before; a report counts only for
 * the registration (broker epoch) that sent it, so a broker that restarted again since is
 * waited for anew.
 */
export class ReplicaLogReports {
  private readonly byBroker = new Map<number, BrokerReports>();

  record(brokerId: number, brokerEpoch: number, states: readonly ReplicaLogState[]): void {
    const current = this.byBroker.get(brokerId);
    if (current !== undefined && current.brokerEpoch > brokerEpoch) return;
    if (states.length === 0) {
      this.byBroker.delete(brokerId);
      return;
    }
    const logs = new Map<string, ReplicaLogState>();
    for (const state of states.slice(0, RECOVERING_REPLICAS_PER_HEARTBEAT_MAX)) logs.set(keyOf(state.topicId, state.partition), state);
    this.byBroker.set(brokerId, { brokerEpoch, logs });
  }

  /** What this registration of the broker reported about the partition, if it did. */
  logOf(brokerId: number, brokerEpoch: number, topicId: string, partition: number): ReplicaLogState | undefined {
    const reports = this.byBroker.get(brokerId);
    return reports?.brokerEpoch === brokerEpoch ? reports.logs.get(keyOf(topicId, partition)) : undefined;
  }
}

function keyOf(topicId: string, partition: number): string {
  return `${topicId}:${partition}`;
}

/** No leader, no ISR, no ELR, but a last known ELR to wait for. */
export const isRecovering = awaitsRecoveryElection;

/** The replica to elect now, or undefined while a member of the last known ELR has not reported. */
export function recoveryLeader(image: MetadataImage, partition: PartitionState, reports: ReplicaLogReports): number | undefined {
  if (!isRecovering(partition)) return undefined;
  const reported = (brokerId: number): ReplicaLogState | undefined => {
    const broker = image.broker(brokerId);
    if (broker === undefined || broker.fenced) return undefined;
    return reports.logOf(brokerId, broker.brokerEpoch, partition.topicId, partition.partition);
  };
  if (!partition.lastKnownElr.every((id) => reported(id) !== undefined)) return undefined;
  let best: { readonly brokerId: number; readonly log: ReplicaLogState } | undefined;
  for (const brokerId of partition.replicas) {
    const log = reported(brokerId);
    if (log === undefined || partition.addingReplicas.includes(brokerId)) continue;
    if (best === undefined || log.lastEpoch > best.log.lastEpoch || (log.lastEpoch === best.log.lastEpoch && log.logEndOffset > best.log.logEndOffset)) {
      best = { brokerId, log };
    }
  }
  return best?.brokerId;
}

/**
 * Elects a leader for each recovering partition among `partitions` (by topic id and index;
 * every partition when absent) whose replicas have all reported (see the file comment).
 */
export function electRecoveredLeaders(
  image: MetadataImage,
  reports: ReplicaLogReports,
  partitions?: Iterable<{ readonly topicId: string; readonly partition: number }>,
): PartitionChangeRecord[] {
  const candidates = partitions === undefined ? image.allPartitions() : [...partitions].flatMap(({ topicId, partition }) => image.partition(topicId, partition) ?? []);
  const seen = new Set<PartitionState>();
  return candidates.flatMap((partition) => {
    if (seen.has(partition)) return [];
    seen.add(partition);
    const leader = recoveryLeader(image, partition, reports);
    if (leader === undefined) return [];
    const change = partitionChange(partition, { ...partition, leader, isr: [leader], elr: [], lastKnownElr: [] });
    return change === null ? [] : [change];
  });
}

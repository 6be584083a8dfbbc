import type { MetadataImage } from '@samsa/metadata';
import { requireBrokerEpoch } from './broker-epoch';
import { fenceBroker, fenceBrokers, unfenceBroker } from './broker-fencing';
import type { BrokerHeartbeatTracker } from './broker-heartbeat-tracker';
import { type ControllerResult, imageAfter } from './controller-result';
import { electRecoveredLeaders, type ReplicaLogReports, type ReplicaLogState } from './log-recovery-election';

export interface BrokerHeartbeatRequest {
  readonly brokerId: number;
  readonly brokerEpoch: number;
  /** The highest metadata offset the broker has applied. */
  readonly currentMetadataOffset: number;
  /** The broker is stopping and asks for its leaderships to be moved first. */
  readonly wantShutdown: boolean;
  /**
   * Its log of every partition it hosts that has, in its image, no leader, ISR or ELR
   * (KIP-966 recovery after a whole-cluster power loss; see `log-recovery-election.ts`).
   */
  readonly recoveringReplicas?: readonly ReplicaLogState[];
}

/**
 * `fenced`: keep catching up and heartbeating. `unfenced`: serve. `shutdown`: every
 * leadership that could move has moved (once the records commit); stop now.
 */
export type BrokerHeartbeatState = 'fenced' | 'unfenced' | 'shutdown';

export interface BrokerHeartbeatResponse {
  readonly state: BrokerHeartbeatState;
  readonly isCaughtUp: boolean;
}

/** Where heartbeat times are kept, and the leader's monotonic clock reading now. */
export interface HeartbeatSession {
  readonly tracker: BrokerHeartbeatTracker;
  readonly nowMs: number;
}

/**
 * One broker heartbeat, as in KRaft. A stale epoch throws `STALE_BROKER_EPOCH`. Otherwise:
 * a shutdown request fences the broker, which moves its leaderships and ISR memberships away
 * in the same batch; a fenced broker that has applied its own registration record is
 * unfenced, and takes over offline partitions it can lead. The broker's session is not kept
 * here: the QuorumController notes the heartbeat in its tracker when it arrives
 * (`BrokerHeartbeatTracker.touch`), not when its turn in the queue comes.
 *
 * Controlled shutdown fences at once rather than keeping a separate "shutting down" state:
 * the effect on partitions is what Kafka does, in one step instead of several heartbeats.
 *
 * With `reports` (the active controller's), the replica logs the heartbeat carries are noted
 * there, and each recovering partition it names whose replicas have all reported gets its
 * leader in the same batch (after the unfencing, so the broker may be elected at once).
 */
export function handleBrokerHeartbeat(
  image: MetadataImage,
  request: BrokerHeartbeatRequest,
  reports?: ReplicaLogReports,
): ControllerResult<BrokerHeartbeatResponse> {
  const broker = requireBrokerEpoch(image, request.brokerId, request.brokerEpoch);
  const isCaughtUp = request.currentMetadataOffset >= broker.registrationOffset;
  if (request.wantShutdown) {
    return { records: fenceBroker(image, request.brokerId).records, response: { state: 'shutdown', isCaughtUp } };
  }
  const recovering = request.recoveringReplicas ?? [];
  if (reports !== undefined) reports.record(request.brokerId, request.brokerEpoch, recovering);
  const decided: ControllerResult<BrokerHeartbeatResponse> = broker.fenced && isCaughtUp
    ? { records: unfenceBroker(image, request.brokerId).records, response: { state: 'unfenced', isCaughtUp } }
    : { records: [], response: { state: broker.fenced ? 'fenced' : 'unfenced', isCaughtUp } };
  if (reports === undefined || recovering.length === 0) return decided;
  const elections = electRecoveredLeaders(imageAfter(image, decided.records), reports, recovering);
  return { records: [...decided.records, ...elections], response: decided.response };
}

/**
 * Fences every unfenced broker whose session expired. Unfenced brokers the tracker has not
 * heard from under their current epoch (this controller just became leader) get a session
 * starting now.
 */
export function fenceExpiredBrokers(
  image: MetadataImage,
  session: HeartbeatSession & { readonly sessionTimeoutMs: number },
): ControllerResult<{ readonly fencedBrokerIds: readonly number[] }> {
  const unfenced = image.unfencedBrokers();
  session.tracker.startSessions(unfenced, session.nowMs);
  const expired = session.tracker.expiredBrokers(unfenced, session.nowMs, session.sessionTimeoutMs);
  return { records: fenceBrokers(image, expired).records, response: { fencedBrokerIds: expired } };
}

import { type Listener, type MetadataImage, type MetadataRecord, type PartitionChangeRecord, partitionChange } from '@samsa/metadata';
import { SamsaError } from '@samsa/protocol';
import { fenceBroker } from './broker-fencing';
import { type ControllerResult, imageAfter } from './controller-result';
import { electionRules, settleEligibleReplicas } from './leader-election';

export interface RegisterBrokerRequest {
  readonly brokerId: number;
  /** Random per process start; the same value again means a retried request. */
  readonly incarnationId: string;
  readonly listeners: readonly Listener[];
  readonly rack: string | null;
  /**
   * The broker epoch the broker's previous process stopped with, if that stop was clean
   * (KIP-966); -1, 0 or absent after an unclean stop or when the broker does not know.
   */
  readonly previousBrokerEpoch?: number;
}

export interface RegisterBrokerResponse {
  readonly brokerEpoch: number;
}

const BROKER_ID_MAX = 2 ** 31 - 1;
const LISTENER_COUNT_MAX = 16;

/**
 * Registers a broker, or re-registers one that restarted. A retry from the same
 * incarnation gets its existing epoch back and changes nothing. A new incarnation gets a
 * new epoch and starts fenced; if the old incarnation still led partitions or sat in ISRs,
 * those move away first in the same batch (to the ELR where the ISR falls below
 * min.insync.replicas). (Kafka refuses a new incarnation while the old session is alive; we
 * accept it, so a broker that crashed and restarted quickly is back at once.)
 *
 * KIP-966: a restart is clean when the broker names the epoch of the registration it
 * stopped with (`previousBrokerEpoch`, kept in its clean-shutdown file), which is the one
 * registered now. Anything else is an unclean restart, after which the broker may have lost
 * whatever it had not flushed: it leaves every ELR in the same batch, and each partition
 * whose ISR or ELR it was in remembers it in its last known ELR (`uncleanRestartChanges`).
 */
export function registerBroker(image: MetadataImage, request: RegisterBrokerRequest): ControllerResult<RegisterBrokerResponse> {
  validateRegistration(request);
  const existing = image.broker(request.brokerId);
  if (existing !== undefined && existing.incarnationId === request.incarnationId) {
    return { records: [], response: { brokerEpoch: existing.brokerEpoch } };
  }
  const brokerEpoch = image.lastBrokerEpoch + 1;
  const register: MetadataRecord = { type: 'RegisterBroker', ...copyRequest(request), brokerEpoch };
  const fence = fenceBroker(image, request.brokerId).records;
  const previous = request.previousBrokerEpoch ?? -1;
  const clean = existing !== undefined && previous > 0 && previous === existing.brokerEpoch;
  const unclean = clean ? [] : uncleanRestartChanges(image, imageAfter(image, fence), request.brokerId);
  return { records: [...fence, ...unclean, register], response: { brokerEpoch } };
}

/**
 * After an unclean restart of `brokerId`: out of every ELR, and into the last known ELR of
 * each partition whose ISR or ELR it was in `before` its old registration was fenced (it
 * held every acknowledged record then; a whole-cluster power loss waits for it).
 */
function uncleanRestartChanges(before: MetadataImage, fenced: MetadataImage, brokerId: number): PartitionChangeRecord[] {
  return fenced.partitionsWithReplica(brokerId).flatMap((partition) => {
    const earlier = before.partition(partition.topicId, partition.partition);
    const wasEligible = earlier !== undefined && (earlier.isr.includes(brokerId) || earlier.elr.includes(brokerId));
    const fields = {
      ...partition,
      elr: partition.elr.filter((id) => id !== brokerId),
      lastKnownElr: wasEligible ? [...partition.lastKnownElr, brokerId] : partition.lastKnownElr,
    };
    const change = partitionChange(partition, settleEligibleReplicas(fields, electionRules(fenced, partition.topicId)));
    return change === null ? [] : [change];
  });
}

function copyRequest(request: RegisterBrokerRequest) {
  return {
    brokerId: request.brokerId,
    incarnationId: request.incarnationId,
    listeners: request.listeners.map(({ name, host, port }) => ({ name, host, port })),
    rack: request.rack,
  };
}

function validateRegistration(request: RegisterBrokerRequest): void {
  const invalid = (message: string) => new SamsaError('INVALID_REQUEST', `broker registration: ${message}`);
  if (!Number.isSafeInteger(request.brokerId) || request.brokerId < 0 || request.brokerId > BROKER_ID_MAX) {
    throw invalid(`broker id must be an integer in [0, ${BROKER_ID_MAX}], got ${request.brokerId}`);
  }
  if (request.incarnationId.length === 0) throw invalid('incarnation id must not be empty');
  if (request.listeners.length === 0 || request.listeners.length > LISTENER_COUNT_MAX) {
    throw invalid(`between 1 and ${LISTENER_COUNT_MAX} listeners are needed, got ${request.listeners.length}`);
  }
  for (const listener of request.listeners) {
    if (listener.name.length === 0 || listener.host.length === 0) throw invalid('a listener needs a name and a host');
    if (!Number.isInteger(listener.port) || listener.port < 1 || listener.port > 65535) {
      throw invalid(`listener ${listener.name} has port ${listener.port}, outside [1, 65535]`);
    }
  }
  if (request.rack !== null && request.rack.length === 0) throw invalid('rack must be null or a non-empty name');
}

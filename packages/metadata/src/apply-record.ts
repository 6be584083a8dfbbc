import { assert, unreachable } from '@samsa/protocol';
import { type ImageState, type TopicImage, withEntry, withoutEntry } from './image-state';
import { NO_LEADER } from './records';
import { applyPartitionChange, assertPartitionInvariants } from './partition-state';
import type {
  ConfigRecord,
  MetadataRecord,
  PartitionChangeRecord,
  PartitionRecord,
  PartitionState,
  ProducerIdsRecord,
  RegisterBrokerRecord,
  TopicRecord,
} from './records';

/**
 * A PartitionChange decided on a state that is no longer current: the partition is at
 * another epoch than the one it was decided against, or a broker it makes leader or adds to
 * the ISR has been fenced (or has gone) since. Another decision made on the same state was
 * applied first. Not a bug but a lost race (a controller write that timed out and committed
 * anyway), so `MetadataImage.tryApplyBatch` refuses the record's whole batch, the same way on
 * every replica, instead of failing an assertion.
 */
export class StalePartitionChange extends Error {
  override readonly name = 'StalePartitionChange';
}

/**
 * Applies one committed record to an image state and returns the next state. Records were
 * validated by the controller that wrote them, so anything inconsistent here is a bug and
 * fails an assertion rather than being skipped: replicas must never silently diverge. The one
 * expected refusal is a stale PartitionChange, thrown as `StalePartitionChange`.
 */
export function applyRecord(state: ImageState, record: MetadataRecord, offset: number): ImageState {
  switch (record.type) {
    case 'RegisterBroker':
      return applyRegisterBroker(state, record, offset);
    case 'FenceBroker':
    case 'UnfenceBroker':
      return applyFencing(state, record.brokerId, record.brokerEpoch, record.type === 'FenceBroker');
    case 'UnregisterBroker':
      requireBroker(state, record.brokerId, record.brokerEpoch);
      return { ...state, brokers: withoutEntry(state.brokers, record.brokerId) };
    case 'Topic':
      return applyTopic(state, record);
    case 'RemoveTopic':
      return applyRemoveTopic(state, record.topicId);
    case 'Partition':
      return applyPartition(state, record);
    case 'PartitionChange':
      return applyChange(state, record);
    case 'Config':
      return applyConfig(state, record);
    case 'ProducerIds':
      return applyProducerIds(state, record);
    default:
      return unreachable(record, 'unknown metadata record');
  }
}

function applyRegisterBroker(state: ImageState, record: RegisterBrokerRecord, offset: number): ImageState {
  assert(record.brokerEpoch > state.lastBrokerEpoch, `broker epoch ${record.brokerEpoch} was handed out before`);
  const { type: _type, ...fields } = record;
  const registration = { ...fields, fenced: true, registrationOffset: offset };
  return { ...state, brokers: withEntry(state.brokers, record.brokerId, registration), lastBrokerEpoch: record.brokerEpoch };
}

function applyFencing(state: ImageState, brokerId: number, brokerEpoch: number, fenced: boolean): ImageState {
  const broker = requireBroker(state, brokerId, brokerEpoch);
  return { ...state, brokers: withEntry(state.brokers, brokerId, { ...broker, fenced }) };
}

function requireBroker(state: ImageState, brokerId: number, brokerEpoch: number) {
  const broker = state.brokers.get(brokerId);
  assert(broker !== undefined, `broker ${brokerId} is not registered`);
  assert(broker.brokerEpoch === brokerEpoch, `broker ${brokerId} epoch ${brokerEpoch} is not ${broker.brokerEpoch}`);
  return broker;
}

function applyTopic(state: ImageState, record: TopicRecord): ImageState {
  assert(!state.topicIdsByName.has(record.name), `topic ${record.name} exists`);
  assert(!state.topicsById.has(record.topicId), `topic id ${record.topicId} exists`);
  const topic: TopicImage = { name: record.name, topicId: record.topicId, partitions: [] };
  return {
    ...state,
    topicsById: withEntry(state.topicsById, record.topicId, topic),
    topicIdsByName: withEntry(state.topicIdsByName, record.name, record.topicId),
  };
}

function applyRemoveTopic(state: ImageState, topicId: string): ImageState {
  const topic = state.topicsById.get(topicId);
  assert(topic !== undefined, `topic id ${topicId} does not exist`);
  // A topic's configs die with it, so a topic created again under the name starts clean.
  return {
    ...state,
    topicsById: withoutEntry(state.topicsById, topicId),
    topicIdsByName: withoutEntry(state.topicIdsByName, topic.name),
    topicConfigs: withoutEntry(state.topicConfigs, topic.name),
  };
}

function applyPartition(state: ImageState, record: PartitionRecord): ImageState {
  const topic = state.topicsById.get(record.topicId);
  assert(topic !== undefined, `topic id ${record.topicId} does not exist`);
  assert(record.partition === topic.partitions.length, `partition ${record.partition} is not the next one`);
  const { type: _type, elr, lastKnownElr, ...fields } = record;
  // Records written before KIP-966's fields existed have neither: none then.
  const partition: PartitionState = { ...fields, elr: elr ?? [], lastKnownElr: lastKnownElr ?? [] };
  assertPartitionInvariants(partition);
  return withTopic(state, { ...topic, partitions: [...topic.partitions, partition] });
}

function applyChange(state: ImageState, record: PartitionChangeRecord): ImageState {
  const topic = state.topicsById.get(record.topicId);
  const current = topic?.partitions[record.partition];
  assert(topic !== undefined && current !== undefined, `partition ${record.topicId}/${record.partition} does not exist`);
  if (record.expectedPartitionEpoch !== undefined) checkNotStale(state, current, record);
  const partitions = topic.partitions.slice();
  partitions[record.partition] = applyPartitionChange(current, record);
  return withTopic(state, { ...topic, partitions });
}

/**
 * The checks of a change that says which state it was decided on (records written before
 * `expectedPartitionEpoch` existed skip them): the partition epoch is still that one, and every
 * broker the change makes leader or adds to the ISR is still registered and unfenced (a
 * fence decided meanwhile need not touch this partition, so its epoch alone cannot tell).
 */
function checkNotStale(state: ImageState, current: PartitionState, record: PartitionChangeRecord): void {
  const where = `partition ${record.topicId}/${record.partition}`;
  if (record.expectedPartitionEpoch !== current.partitionEpoch) {
    throw new StalePartitionChange(`${where}: change decided against partition epoch ${String(record.expectedPartitionEpoch)}, now ${current.partitionEpoch}`);
  }
  const joining = (record.isr ?? []).filter((id) => !current.isr.includes(id));
  if (record.leader !== undefined && record.leader !== NO_LEADER && record.leader !== current.leader) joining.push(record.leader);
  const ineligible = joining.filter((id) => state.brokers.get(id)?.fenced !== false);
  if (ineligible.length > 0) {
    throw new StalePartitionChange(`${where}: change gives leadership or ISR membership to brokers no longer unfenced: ${[...new Set(ineligible)].join(', ')}`);
  }
}

function withTopic(state: ImageState, topic: TopicImage): ImageState {
  return { ...state, topicsById: withEntry(state.topicsById, topic.topicId, topic) };
}

function applyConfig(state: ImageState, record: ConfigRecord): ImageState {
  if (record.resourceType === 'topic') {
    assert(state.topicIdsByName.has(record.name), `config for missing topic ${record.name}`);
    return { ...state, topicConfigs: withConfig(state.topicConfigs, record) };
  }
  return { ...state, brokerConfigs: withConfig(state.brokerConfigs, record) };
}

function withConfig(
  configs: ReadonlyMap<string, ReadonlyMap<string, string>>,
  record: ConfigRecord,
): ReadonlyMap<string, ReadonlyMap<string, string>> {
  const current = configs.get(record.name) ?? new Map<string, string>();
  const entries = record.value === null ? withoutEntry(current, record.key) : withEntry(current, record.key, record.value);
  return entries.size === 0 ? withoutEntry(configs, record.name) : withEntry(configs, record.name, entries);
}

function applyProducerIds(state: ImageState, record: ProducerIdsRecord): ImageState {
  assert(record.nextProducerId > state.nextProducerId, 'producer id blocks must move forward');
  return { ...state, nextProducerId: record.nextProducerId };
}

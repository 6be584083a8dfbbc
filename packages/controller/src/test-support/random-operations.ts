import type { MetadataImage, MetadataRecord } from '@samsa/metadata';
import fc from 'fast-check';
import { SamsaError } from '@samsa/protocol';
import { alterConfigs } from '../controller-logic/alter-configs';
import { alterPartition } from '../controller-logic/alter-partition';
import { fenceBroker } from '../controller-logic/broker-fencing';
import { handleBrokerHeartbeat } from '../controller-logic/broker-heartbeat';
import { registerBroker } from '../controller-logic/broker-registration';
import { unregisterBroker } from '../controller-logic/broker-unregistration';
import type { ControllerResult } from '../controller-logic/controller-result';
import { createPartitions } from '../controller-logic/partition-increase';
import { alterPartitionReassignment } from '../controller-logic/partition-reassignment';
import { electPreferredLeaders } from '../controller-logic/preferred-leader-election';
import { allocateProducerIds } from '../controller-logic/producer-id-allocation';
import { createTopic } from '../controller-logic/topic-creation';
import { deleteTopic } from '../controller-logic/topic-deletion';
import { isRecovering, type ReplicaLogReports } from '../controller-logic/log-recovery-election';

/**
 * Random controller operations for property tests. Each one is run through the real
 * decision function, so the records that come out are ones a controller could write; an
 * operation the controller refuses (a typed error) simply writes nothing.
 */
export type Operation =
  | { readonly kind: 'register'; readonly brokerId: number; readonly rack: string | null; readonly incarnation: number; readonly clean?: boolean }
  | { readonly kind: 'heartbeat'; readonly brokerId: number; readonly wantShutdown: boolean; readonly caughtUp: boolean; readonly logEndOffset?: number }
  | { readonly kind: 'fence'; readonly brokerId: number }
  | { readonly kind: 'unregister'; readonly brokerId: number }
  | { readonly kind: 'createTopic'; readonly topic: number; readonly partitionCount: number; readonly replicationFactor: number }
  | { readonly kind: 'deleteTopic'; readonly topic: number }
  | { readonly kind: 'createPartitions'; readonly topic: number; readonly extra: number }
  | { readonly kind: 'alterIsr'; readonly topic: number; readonly partition: number; readonly keep: readonly boolean[] }
  | { readonly kind: 'reassign'; readonly topic: number; readonly partition: number; readonly target: readonly number[] | null }
  | { readonly kind: 'preferred' }
  | { readonly kind: 'producerIds'; readonly brokerId: number }
  | { readonly kind: 'unclean'; readonly topic: number; readonly enabled: boolean }
  | { readonly kind: 'minIsr'; readonly topic: number; readonly value: number | null };

const brokerId = fc.integer({ min: 1, max: 5 });
const topic = fc.integer({ min: 0, max: 2 });
const partition = fc.integer({ min: 0, max: 3 });

const weighted = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });

export const operationArbitrary: fc.Arbitrary<Operation> = fc.oneof(
  weighted(1, fc.record({
    kind: fc.constant('register' as const),
    brokerId,
    rack: fc.constantFrom('a', 'b', null),
    incarnation: fc.integer({ min: 0, max: 2 }),
    clean: fc.boolean(),
  })),
  weighted(4, fc.record({
    kind: fc.constant('heartbeat' as const),
    brokerId,
    wantShutdown: fc.boolean().chain((maybe) => (maybe ? fc.boolean() : fc.constant(false))),
    caughtUp: fc.integer({ min: 0, max: 4 }).map((roll) => roll > 0),
    logEndOffset: fc.integer({ min: 0, max: 3 }),
  })),
  weighted(2, fc.record({ kind: fc.constant('fence' as const), brokerId })),
  weighted(1, fc.record({ kind: fc.constant('unregister' as const), brokerId })),
  weighted(3, fc.record({
    kind: fc.constant('createTopic' as const),
    topic,
    partitionCount: fc.integer({ min: 1, max: 4 }),
    replicationFactor: fc.integer({ min: 1, max: 3 }),
  })),
  weighted(1, fc.record({ kind: fc.constant('deleteTopic' as const), topic })),
  weighted(1, fc.record({ kind: fc.constant('createPartitions' as const), topic, extra: fc.integer({ min: 1, max: 2 }) })),
  weighted(5, fc.record({
    kind: fc.constant('alterIsr' as const),
    topic,
    partition,
    keep: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
  })),
  weighted(3, fc.record({
    kind: fc.constant('reassign' as const),
    topic,
    partition,
    target: fc.option(fc.uniqueArray(brokerId, { minLength: 1, maxLength: 3 }), { nil: null, freq: 4 }),
  })),
  weighted(1, fc.record({ kind: fc.constant('preferred' as const) })),
  weighted(1, fc.record({ kind: fc.constant('producerIds' as const), brokerId })),
  weighted(1, fc.record({ kind: fc.constant('unclean' as const), topic, enabled: fc.boolean() })),
  weighted(1, fc.record({ kind: fc.constant('minIsr' as const), topic, value: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }) })),
);

/** Four brokers over two racks, registered and unfenced, so random operations start from a live cluster. */
const bootstrap: readonly Operation[] = [1, 2, 3, 4].flatMap((id): Operation[] => [
  { kind: 'register', brokerId: id, rack: id % 2 === 0 ? 'a' : 'b', incarnation: 0 },
  { kind: 'heartbeat', brokerId: id, wantShutdown: false, caughtUp: true },
]);

/** A bootstrapped cluster followed by random operations. */
export const scenarioArbitrary: fc.Arbitrary<Operation[]> = fc
  .array(operationArbitrary, { minLength: 10, maxLength: 80, size: 'max' })
  .map((operations) => [...bootstrap, ...operations]);

/**
 * The records the operation writes against `image`; none when the controller refuses it.
 * `reports` are the active controller's replica log reports, kept across one scenario.
 */
export function recordsFor(image: MetadataImage, operation: Operation, reports?: ReplicaLogReports): readonly MetadataRecord[] {
  try {
    return decide(image, operation, reports).records;
  } catch (error) {
    if (error instanceof SamsaError) return [];
    throw error;
  }
}

const topicName = (index: number) => `topic-${index}`;
const none: ControllerResult<void> = { records: [], response: undefined };

function decide(image: MetadataImage, operation: Operation, reports: ReplicaLogReports | undefined): ControllerResult<unknown> {
  switch (operation.kind) {
    case 'register': {
      const listeners = [{ name: 'PLAINTEXT', host: 'localhost', port: 9000 + operation.brokerId }];
      const incarnationId = `${operation.brokerId}-${operation.incarnation}`;
      const previousBrokerEpoch = operation.clean === true ? (image.broker(operation.brokerId)?.brokerEpoch ?? -1) : -1;
      return registerBroker(image, { brokerId: operation.brokerId, incarnationId, listeners, rack: operation.rack, previousBrokerEpoch });
    }
    case 'heartbeat':
      return heartbeatOf(image, operation, reports);
    case 'fence':
      return fenceBroker(image, operation.brokerId);
    case 'unregister':
      return unregisterBroker(image, operation.brokerId);
    case 'createTopic':
      return createTopic(image, { ...operation, name: topicName(operation.topic) });
    case 'deleteTopic':
      return deleteTopic(image, topicName(operation.topic));
    case 'createPartitions': {
      const current = image.topic(topicName(operation.topic))?.partitions.length ?? 0;
      return createPartitions(image, { name: topicName(operation.topic), partitionCount: current + operation.extra });
    }
    case 'alterIsr':
      return alterIsrOf(image, operation);
    case 'reassign':
      return alterPartitionReassignment(image, { ...operation, topicName: topicName(operation.topic), targetReplicas: operation.target });
    case 'preferred':
      return electPreferredLeaders(image);
    case 'producerIds': {
      const broker = image.broker(operation.brokerId);
      return broker === undefined ? none : allocateProducerIds(image, broker);
    }
    case 'unclean': {
      const changes = [{ key: 'unclean.leader.election.enable', value: operation.enabled ? 'true' : null }];
      return alterConfigs(image, { resourceType: 'topic', name: topicName(operation.topic), changes });
    }
    case 'minIsr': {
      const changes = [{ key: 'min.insync.replicas', value: operation.value === null ? null : String(operation.value) }];
      return alterConfigs(image, { resourceType: 'topic', name: topicName(operation.topic), changes });
    }
  }
}

/** A heartbeat; it reports a log for every recovering partition the broker hosts, as a broker does. */
function heartbeatOf(image: MetadataImage, operation: Extract<Operation, { kind: 'heartbeat' }>, reports: ReplicaLogReports | undefined): ControllerResult<unknown> {
  const broker = image.broker(operation.brokerId);
  if (broker === undefined) return none;
  const currentMetadataOffset = operation.caughtUp ? image.lastAppliedOffset : broker.registrationOffset - 1;
  const { brokerId, brokerEpoch } = broker;
  const recoveringReplicas = image
    .partitionsWithReplica(brokerId)
    .filter(isRecovering)
    .map((partition) => ({ topicId: partition.topicId, partition: partition.partition, lastEpoch: partition.leaderEpoch, logEndOffset: (operation.logEndOffset ?? 0) + brokerId }));
  const request = { brokerId, brokerEpoch, currentMetadataOffset, wantShutdown: operation.wantShutdown, recoveringReplicas };
  return handleBrokerHeartbeat(image, request, reports);
}

/** The leader proposes an ISR of the replicas picked by `keep`, plus itself, with current epochs. */
function alterIsrOf(image: MetadataImage, operation: Extract<Operation, { kind: 'alterIsr' }>): ControllerResult<unknown> {
  const state = image.topic(topicName(operation.topic))?.partitions[operation.partition];
  const leader = state === undefined ? undefined : image.broker(state.leader);
  if (state === undefined || leader === undefined) return none;
  const newIsr = state.replicas.filter((id, index) => id === state.leader || operation.keep[index] === true);
  return alterPartition(image, { ...state, brokerId: leader.brokerId, brokerEpoch: leader.brokerEpoch, newIsr });
}

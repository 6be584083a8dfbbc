import { MetadataImage, NO_LEADER, type PartitionFields, type PartitionState } from '@samsa/metadata';
import { assert } from '@samsa/protocol';
import { handleBrokerHeartbeat } from '../controller-logic/broker-heartbeat';
import { registerBroker } from '../controller-logic/broker-registration';
import { type ControllerResult, imageAfter } from '../controller-logic/controller-result';
import { alterPartition } from '../controller-logic/alter-partition';
import { createTopic } from '../controller-logic/topic-creation';
import { minInsyncReplicasOf } from '../controller-logic/topic-configs';

/**
 * Test helpers: a cluster image built through the real decision functions, so every test
 * starts from a state the controller could actually reach.
 */

/** The image after a decision's records are committed. */
export function commit<T>(image: MetadataImage, result: ControllerResult<T>): MetadataImage {
  return imageAfter(image, result.records);
}

export interface TestBroker {
  readonly brokerId: number;
  readonly rack?: string;
}

/** Brokers 1..count (or as given), registered, caught up and unfenced. */
export function clusterOf(brokers: number | readonly TestBroker[]): MetadataImage {
  const list: readonly TestBroker[] =
    typeof brokers === 'number' ? Array.from({ length: brokers }, (_, index) => ({ brokerId: index + 1 })) : brokers;
  let image = MetadataImage.EMPTY;
  for (const broker of list) image = register(image, broker.brokerId, broker.rack ?? null);
  for (const broker of list) image = heartbeat(image, broker.brokerId).image;
  return image;
}

export function register(image: MetadataImage, brokerId: number, rack: string | null = null, incarnation = 'a'): MetadataImage {
  const listeners = [{ name: 'PLAINTEXT', host: '127.0.0.1', port: 9092 + brokerId }];
  return commit(image, registerBroker(image, { brokerId, incarnationId: `${brokerId}-${incarnation}`, listeners, rack }));
}

/** A caught-up heartbeat (or shutdown request) from the broker's current registration. */
export function heartbeat(image: MetadataImage, brokerId: number, options: { wantShutdown?: boolean } = {}) {
  const broker = image.broker(brokerId);
  assert(broker !== undefined, `broker ${brokerId} is not registered`);
  const request = {
    brokerId,
    brokerEpoch: broker.brokerEpoch,
    currentMetadataOffset: image.lastAppliedOffset,
    wantShutdown: options.wantShutdown ?? false,
  };
  const result = handleBrokerHeartbeat(image, request);
  return { image: commit(image, result), result };
}

export function withTopic(
  image: MetadataImage,
  name: string,
  partitionCount: number,
  replicationFactor: number,
  configs: Record<string, string> = {},
): MetadataImage {
  return commit(image, createTopic(image, { name, partitionCount, replicationFactor, configs }));
}

export function partitionOf(image: MetadataImage, topicName: string, partition = 0): PartitionState {
  const state = image.topic(topicName)?.partitions[partition];
  assert(state !== undefined, `no partition ${topicName}/${partition}`);
  return state;
}

/** Sets a partition's replicas and ISR directly, leader first, for scenario set-up. */
export function withPartition(image: MetadataImage, topicName: string, partition: number, fields: Partial<PartitionFields>) {
  const current = partitionOf(image, topicName, partition);
  const { topicId } = current;
  return image.apply({ type: 'PartitionChange', topicId, partition, ...fields }, image.lastAppliedOffset + 1);
}

/**
 * Cluster-wide invariants that every reachable image keeps, beyond the per-partition ones
 * `apply` asserts: a leader is an unfenced broker; every ISR member is unfenced (a fenced
 * last member leaves for the ELR, KIP-966), so a leaderless partition has an empty ISR; the
 * ELR is empty while the ISR holds min.insync.replicas members; and a leaderless partition
 * has no unfenced ELR member (it would have been elected).
 */
export function checkClusterInvariants(image: MetadataImage): void {
  for (const partition of image.allPartitions()) {
    const where = `partition ${partition.topicId}/${partition.partition}`;
    if (partition.leader !== NO_LEADER) assert(image.isUnfenced(partition.leader), `${where}: leader ${partition.leader} is fenced`);
    for (const id of partition.isr) assert(image.isUnfenced(id), `${where}: fenced broker ${id} in the ISR`);
    if (partition.leader === NO_LEADER) {
      assert(partition.isr.length === 0, `${where}: leaderless with ISR [${partition.isr.join(', ')}]`);
      for (const id of partition.elr) assert(!image.isUnfenced(id), `${where}: leaderless with unfenced ELR member ${id}`);
    }
    const topicName = image.topicById(partition.topicId)?.name ?? '';
    if (partition.isr.length >= minInsyncReplicasOf(image, topicName)) {
      assert(partition.elr.length === 0, `${where}: ELR [${partition.elr.join(', ')}] beside an ISR of min.insync.replicas`);
    }
  }
}

/** The partition's leader proposes `newIsr` through AlterPartition, with current epochs. */
export function leaderAltersIsr(image: MetadataImage, topicName: string, partition: number, newIsr: readonly number[]) {
  const state = partitionOf(image, topicName, partition);
  const leader = image.broker(state.leader);
  assert(leader !== undefined, `partition ${topicName}/${partition} has no leader`);
  const request = { ...state, brokerId: leader.brokerId, brokerEpoch: leader.brokerEpoch, newIsr };
  return commit(image, alterPartition(image, request));
}

import { type ConfigRecord, type ConfigResourceType, type MetadataImage, type MetadataRecord, partitionChange } from '@samsa/metadata';
import { SamsaError } from '@samsa/protocol';
import { type ControllerResult, imageAfter } from './controller-result';
import { electionRules, settleEligibleReplicas, withLeaderIfOffline } from './leader-election';
import { validateTopicConfig } from './topic-configs';

export interface ConfigChange {
  readonly key: string;
  /** null deletes the key, so the default applies again. */
  readonly value: string | null;
}

export interface AlterConfigsRequest {
  readonly resourceType: ConfigResourceType;
  /** A topic name; for `broker`, a broker id or '' for the cluster-wide default. */
  readonly name: string;
  readonly changes: readonly ConfigChange[];
}

/**
 * Incremental config changes (Kafka's IncrementalAlterConfigs with SET and DELETE). All
 * changes are validated before any is written; a key already at the asked value writes
 * nothing. Broker resources take the same keys, as cluster- or broker-level defaults for
 * topics. Turning unclean leader election on also elects leaders for offline partitions
 * that can now have one, in the same batch, as Kafka does. Changing min.insync.replicas
 * drops, in the same batch, the ELR of every partition whose ISR now holds that many: its
 * leader may advance the high watermark without them from now on (KIP-966 clears the ELR of
 * the topic on any such change; keeping it while the ISR is still short is as safe).
 */
export function alterConfigs(image: MetadataImage, request: AlterConfigsRequest): ControllerResult<void> {
  const current = checkResource(image, request);
  const keys = request.changes.map((change) => change.key);
  if (new Set(keys).size !== keys.length) throw new SamsaError('INVALID_REQUEST', 'a config key appears twice in one request');
  for (const change of request.changes) validateTopicConfig(change.key, change.value);
  const records: ConfigRecord[] = request.changes
    .filter((change) => (current.get(change.key) ?? null) !== change.value)
    .map((change) => ({ type: 'Config', resourceType: request.resourceType, name: request.name, ...change }));
  const touchesMinIsr = records.some((record) => record.key === 'min.insync.replicas');
  const settled = touchesMinIsr ? settledEligibleReplicas(imageAfter(image, records)) : [];
  const touchesElection = records.some((record) => record.key === 'unclean.leader.election.enable');
  const elections = touchesElection ? offlineElections(imageAfter(image, [...records, ...settled])) : [];
  return { records: [...records, ...settled, ...elections], response: undefined };
}

function settledEligibleReplicas(image: MetadataImage): MetadataRecord[] {
  return image.allPartitions().flatMap((partition) => {
    const change = partitionChange(partition, settleEligibleReplicas(partition, electionRules(image, partition.topicId)));
    return change === null ? [] : [change];
  });
}

function checkResource(image: MetadataImage, request: AlterConfigsRequest): ReadonlyMap<string, string> {
  if (request.resourceType === 'topic') {
    if (image.topic(request.name) === undefined) {
      throw new SamsaError('UNKNOWN_TOPIC_OR_PARTITION', `topic ${request.name} does not exist`);
    }
    return image.topicConfig(request.name);
  }
  if (request.name !== '' && !/^\d+$/.test(request.name)) {
    throw new SamsaError('INVALID_REQUEST', `broker config resource must be a broker id or '', got ${request.name}`);
  }
  return image.brokerConfig(request.name);
}

function offlineElections(image: MetadataImage): MetadataRecord[] {
  return image.offlinePartitions().flatMap((partition) => {
    const change = partitionChange(partition, withLeaderIfOffline(partition, electionRules(image, partition.topicId)));
    return change === null ? [] : [change];
  });
}

// Original file: proto/samsa/v1/broker.proto

import type { ReplicaFetchPartition as _samsa_broker_v1_ReplicaFetchPartition, ReplicaFetchPartition__Output as _samsa_broker_v1_ReplicaFetchPartition__Output } from '../../../samsa/broker/v1/ReplicaFetchPartition';
import type { ForgottenPartition as _samsa_broker_v1_ForgottenPartition, ForgottenPartition__Output as _samsa_broker_v1_ForgottenPartition__Output } from '../../../samsa/broker/v1/ForgottenPartition';
import type { Long } from '@grpc/proto-loader';

/**
 * The requests of one Replication.Fetch stream form a fetch session (KIP-227, the stream
 * being the session): the first names every partition the follower replicates from this
 * leader; each later one names only the partitions whose fetch state changed, or that were
 * answered with records, an error or a divergence since they were last named, and lists in
 * `forgotten` those it no longer fetches here. The leader remembers the rest. Each answer
 * carries only the partitions with something to say (records, a new high watermark or log
 * start, an error, a divergence); an empty answer after max_wait_ms means nothing changed.
 */
export interface ReplicaFetchRequest {
  'replicaId'?: (number);
  'brokerEpoch'?: (number | string | Long);
  'maxWaitMs'?: (number);
  'minBytes'?: (number);
  /**
   * Records in one answer, across partitions (Kafka's replica.fetch.response.max.bytes).
   */
  'maxBytes'?: (number);
  'partitions'?: (_samsa_broker_v1_ReplicaFetchPartition)[];
  'forgotten'?: (_samsa_broker_v1_ForgottenPartition)[];
}

/**
 * The requests of one Replication.Fetch stream form a fetch session (KIP-227, the stream
 * being the session): the first names every partition the follower replicates from this
 * leader; each later one names only the partitions whose fetch state changed, or that were
 * answered with records, an error or a divergence since they were last named, and lists in
 * `forgotten` those it no longer fetches here. The leader remembers the rest. Each answer
 * carries only the partitions with something to say (records, a new high watermark or log
 * start, an error, a divergence); an empty answer after max_wait_ms means nothing changed.
 */
export interface ReplicaFetchRequest__Output {
  'replicaId': (number);
  'brokerEpoch': (number);
  'maxWaitMs': (number);
  'minBytes': (number);
  /**
   * Records in one answer, across partitions (Kafka's replica.fetch.response.max.bytes).
   */
  'maxBytes': (number);
  'partitions': (_samsa_broker_v1_ReplicaFetchPartition__Output)[];
  'forgotten': (_samsa_broker_v1_ForgottenPartition__Output)[];
}

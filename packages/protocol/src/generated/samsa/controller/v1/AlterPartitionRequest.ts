// Original file: proto/samsa/v1/controller.proto

import type { PartitionIsrChange as _samsa_controller_v1_PartitionIsrChange, PartitionIsrChange__Output as _samsa_controller_v1_PartitionIsrChange__Output } from '../../../samsa/controller/v1/PartitionIsrChange';
import type { Long } from '@grpc/proto-loader';

/**
 * Kafka's AlterPartition: one request carries the ISR changes of many partitions this broker
 * leads (its AlterPartitionManager sends one request at a time and batches what queues up
 * meanwhile). Each partition is decided on its own; `error` is request-wide only (a stale
 * broker epoch, NOT_CONTROLLER), otherwise each partition's outcome is in `partitions`.
 */
export interface AlterPartitionRequest {
  'brokerId'?: (number);
  'brokerEpoch'?: (number | string | Long);
  'partitions'?: (_samsa_controller_v1_PartitionIsrChange)[];
}

/**
 * Kafka's AlterPartition: one request carries the ISR changes of many partitions this broker
 * leads (its AlterPartitionManager sends one request at a time and batches what queues up
 * meanwhile). Each partition is decided on its own; `error` is request-wide only (a stale
 * broker epoch, NOT_CONTROLLER), otherwise each partition's outcome is in `partitions`.
 */
export interface AlterPartitionRequest__Output {
  'brokerId': (number);
  'brokerEpoch': (number);
  'partitions': (_samsa_controller_v1_PartitionIsrChange__Output)[];
}

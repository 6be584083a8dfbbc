// Original file: proto/samsa/v1/controller.proto

import type { ReplicaLogState as _samsa_controller_v1_ReplicaLogState, ReplicaLogState__Output as _samsa_controller_v1_ReplicaLogState__Output } from '../../../samsa/controller/v1/ReplicaLogState';
import type { Long } from '@grpc/proto-loader';

export interface BrokerHeartbeatRequest {
  'brokerId'?: (number);
  'brokerEpoch'?: (number | string | Long);
  'currentMetadataOffset'?: (number | string | Long);
  'wantShutdown'?: (boolean);
  /**
   * KIP-966 recovery: this broker's log of each partition it hosts that, in its metadata,
   * has no leader and neither an ISR nor an ELR (every eligible replica restarted uncleanly).
   * Sent with every heartbeat while that lasts, so a new active controller hears them too;
   * once the replicas it waits for have reported, it elects the longest log of the last epoch.
   */
  'recoveringReplicas'?: (_samsa_controller_v1_ReplicaLogState)[];
}

export interface BrokerHeartbeatRequest__Output {
  'brokerId': (number);
  'brokerEpoch': (number);
  'currentMetadataOffset': (number);
  'wantShutdown': (boolean);
  /**
   * KIP-966 recovery: this broker's log of each partition it hosts that, in its metadata,
   * has no leader and neither an ISR nor an ELR (every eligible replica restarted uncleanly).
   * Sent with every heartbeat while that lasts, so a new active controller hears them too;
   * once the replicas it waits for have reported, it elects the longest log of the last epoch.
   */
  'recoveringReplicas': (_samsa_controller_v1_ReplicaLogState__Output)[];
}

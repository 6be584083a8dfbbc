// Original file: proto/samsa/v1/controller.proto

import type { BrokerState as _samsa_controller_v1_BrokerState, BrokerState__Output as _samsa_controller_v1_BrokerState__Output } from '../../../samsa/controller/v1/BrokerState';

export interface PartitionIsrChange {
  'topicId'?: (string);
  'partition'?: (number);
  'leaderEpoch'?: (number);
  'partitionEpoch'?: (number);
  'newIsr'?: (number)[];
  /**
   * KIP-903: the broker epoch the leader saw in each ISR member's latest replica fetch. The
   * controller refuses the change (INELIGIBLE_REPLICA) when a member it adds has since
   * registered again with a newer epoch: that member may have lost what it fetched.
   */
  'newIsrWithEpochs'?: (_samsa_controller_v1_BrokerState)[];
}

export interface PartitionIsrChange__Output {
  'topicId': (string);
  'partition': (number);
  'leaderEpoch': (number);
  'partitionEpoch': (number);
  'newIsr': (number)[];
  /**
   * KIP-903: the broker epoch the leader saw in each ISR member's latest replica fetch. The
   * controller refuses the change (INELIGIBLE_REPLICA) when a member it adds has since
   * registered again with a newer epoch: that member may have lost what it fetched.
   */
  'newIsrWithEpochs': (_samsa_controller_v1_BrokerState__Output)[];
}

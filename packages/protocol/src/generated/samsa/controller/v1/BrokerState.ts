// Original file: proto/samsa/v1/controller.proto

import type { Long } from '@grpc/proto-loader';

export interface BrokerState {
  'brokerId'?: (number);
  'brokerEpoch'?: (number | string | Long);
}

export interface BrokerState__Output {
  'brokerId': (number);
  'brokerEpoch': (number);
}

// Original file: proto/samsa/v1/controller.proto

import type { Long } from '@grpc/proto-loader';

export interface BrokerInfo {
  'id'?: (number);
  'address'?: (string);
  'rack'?: (string);
  'fenced'?: (boolean);
  'brokerEpoch'?: (number | string | Long);
}

export interface BrokerInfo__Output {
  'id': (number);
  'address': (string);
  'rack': (string);
  'fenced': (boolean);
  'brokerEpoch': (number);
}

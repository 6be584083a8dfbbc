// Original file: proto/samsa/v1/broker.proto

import type { Long } from '@grpc/proto-loader';

export interface InitProducerIdResponse {
  'errorCode'?: (number);
  'errorMessage'?: (string);
  'producerId'?: (number | string | Long);
  'producerEpoch'?: (number);
}

export interface InitProducerIdResponse__Output {
  'errorCode': (number);
  'errorMessage': (string);
  'producerId': (number);
  'producerEpoch': (number);
}

// Original file: proto/samsa/v1/controller.proto

import type { Error as _samsa_controller_v1_Error, Error__Output as _samsa_controller_v1_Error__Output } from '../../../samsa/controller/v1/Error';
import type { Long } from '@grpc/proto-loader';

export interface RegisterBrokerResponse {
  'error'?: (_samsa_controller_v1_Error | null);
  'brokerEpoch'?: (number | string | Long);
}

export interface RegisterBrokerResponse__Output {
  'error': (_samsa_controller_v1_Error__Output | null);
  'brokerEpoch': (number);
}

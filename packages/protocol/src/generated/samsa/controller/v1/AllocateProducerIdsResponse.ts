// Original file: proto/samsa/v1/controller.proto

import type { Error as _samsa_controller_v1_Error, Error__Output as _samsa_controller_v1_Error__Output } from '../../../samsa/controller/v1/Error';
import type { Long } from '@grpc/proto-loader';

export interface AllocateProducerIdsResponse {
  'error'?: (_samsa_controller_v1_Error | null);
  'producerIdStart'?: (number | string | Long);
  'producerIdCount'?: (number);
}

export interface AllocateProducerIdsResponse__Output {
  'error': (_samsa_controller_v1_Error__Output | null);
  'producerIdStart': (number);
  'producerIdCount': (number);
}

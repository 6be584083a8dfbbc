// Original file: proto/samsa/v1/controller.proto

import type { Error as _samsa_controller_v1_Error, Error__Output as _samsa_controller_v1_Error__Output } from '../../../samsa/controller/v1/Error';
import type { PartitionIsrResult as _samsa_controller_v1_PartitionIsrResult, PartitionIsrResult__Output as _samsa_controller_v1_PartitionIsrResult__Output } from '../../../samsa/controller/v1/PartitionIsrResult';

export interface AlterPartitionResponse {
  'error'?: (_samsa_controller_v1_Error | null);
  'partitions'?: (_samsa_controller_v1_PartitionIsrResult)[];
}

export interface AlterPartitionResponse__Output {
  'error': (_samsa_controller_v1_Error__Output | null);
  'partitions': (_samsa_controller_v1_PartitionIsrResult__Output)[];
}

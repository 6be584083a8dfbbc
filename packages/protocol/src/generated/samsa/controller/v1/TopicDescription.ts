// Original file: proto/samsa/v1/controller.proto

import type { PartitionState as _samsa_controller_v1_PartitionState, PartitionState__Output as _samsa_controller_v1_PartitionState__Output } from '../../../samsa/controller/v1/PartitionState';
import type { TopicConfig as _samsa_controller_v1_TopicConfig, TopicConfig__Output as _samsa_controller_v1_TopicConfig__Output } from '../../../samsa/controller/v1/TopicConfig';
import type { Error as _samsa_controller_v1_Error, Error__Output as _samsa_controller_v1_Error__Output } from '../../../samsa/controller/v1/Error';

export interface TopicDescription {
  'name'?: (string);
  'topicId'?: (string);
  'partitions'?: (_samsa_controller_v1_PartitionState)[];
  'configs'?: (_samsa_controller_v1_TopicConfig)[];
  'error'?: (_samsa_controller_v1_Error | null);
}

export interface TopicDescription__Output {
  'name': (string);
  'topicId': (string);
  'partitions': (_samsa_controller_v1_PartitionState__Output)[];
  'configs': (_samsa_controller_v1_TopicConfig__Output)[];
  'error': (_samsa_controller_v1_Error__Output | null);
}

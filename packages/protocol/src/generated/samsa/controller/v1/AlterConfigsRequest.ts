// Original file: proto/samsa/v1/controller.proto

import type { ConfigChange as _samsa_controller_v1_ConfigChange, ConfigChange__Output as _samsa_controller_v1_ConfigChange__Output } from '../../../samsa/controller/v1/ConfigChange';

export interface AlterConfigsRequest {
  /**
   * "topic" or "broker"
   */
  'resourceType'?: (string);
  'name'?: (string);
  'changes'?: (_samsa_controller_v1_ConfigChange)[];
}

export interface AlterConfigsRequest__Output {
  /**
   * "topic" or "broker"
   */
  'resourceType': (string);
  'name': (string);
  'changes': (_samsa_controller_v1_ConfigChange__Output)[];
}

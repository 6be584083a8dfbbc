// Original file: proto/samsa/v1/controller.proto

import type { NodeAddress as _samsa_controller_v1_NodeAddress, NodeAddress__Output as _samsa_controller_v1_NodeAddress__Output } from '../../../samsa/controller/v1/NodeAddress';

export interface Error {
  'code'?: (number);
  'name'?: (string);
  'message'?: (string);
  /**
   * Set with NOT_CONTROLLER: where the current Raft leader listens.
   */
  'leader'?: (_samsa_controller_v1_NodeAddress | null);
}

export interface Error__Output {
  'code': (number);
  'name': (string);
  'message': (string);
  /**
   * Set with NOT_CONTROLLER: where the current Raft leader listens.
   */
  'leader': (_samsa_controller_v1_NodeAddress__Output | null);
}

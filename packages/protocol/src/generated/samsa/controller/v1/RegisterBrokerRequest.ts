// Original file: proto/samsa/v1/controller.proto

import type { Listener as _samsa_controller_v1_Listener, Listener__Output as _samsa_controller_v1_Listener__Output } from '../../../samsa/controller/v1/Listener';

export interface RegisterBrokerRequest {
  'brokerId'?: (number);
  'incarnationId'?: (string);
  'listeners'?: (_samsa_controller_v1_Listener)[];
  'rack'?: (string);
}

export interface RegisterBrokerRequest__Output {
  'brokerId': (number);
  'incarnationId': (string);
  'listeners': (_samsa_controller_v1_Listener__Output)[];
  'rack': (string);
}

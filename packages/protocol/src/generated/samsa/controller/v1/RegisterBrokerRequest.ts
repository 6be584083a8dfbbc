// Original file: proto/samsa/v1/controller.proto

import type { Listener as _samsa_controller_v1_Listener, Listener__Output as _samsa_controller_v1_Listener__Output } from '../../../samsa/controller/v1/Listener';
import type { Long } from '@grpc/proto-loader';

export interface RegisterBrokerRequest {
  'brokerId'?: (number);
  'incarnationId'?: (string);
  'listeners'?: (_samsa_controller_v1_Listener)[];
  'rack'?: (string);
  /**
   * KIP-966: the broker epoch this broker's previous process stopped with, when that stop was
   * clean (every log flushed and closed; the broker read it from its clean-shutdown file);
   * -1 (or 0, unset) after an unclean stop or when unknown. A registration whose previous
   * epoch is not the one registered counts as an unclean restart: the broker may have lost
   * an unflushed tail, so it leaves every ELR.
   */
  'previousBrokerEpoch'?: (number | string | Long);
}

export interface RegisterBrokerRequest__Output {
  'brokerId': (number);
  'incarnationId': (string);
  'listeners': (_samsa_controller_v1_Listener__Output)[];
  'rack': (string);
  /**
   * KIP-966: the broker epoch this broker's previous process stopped with, when that stop was
   * clean (every log flushed and closed; the broker read it from its clean-shutdown file);
   * -1 (or 0, unset) after an unclean stop or when unknown. A registration whose previous
   * epoch is not the one registered counts as an unclean restart: the broker may have lost
   * an unflushed tail, so it leaves every ELR.
   */
  'previousBrokerEpoch': (number);
}

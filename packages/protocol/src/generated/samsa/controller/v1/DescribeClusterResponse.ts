// Original file: proto/samsa/v1/controller.proto

import type { Error as _samsa_controller_v1_Error, Error__Output as _samsa_controller_v1_Error__Output } from '../../../samsa/controller/v1/Error';
import type { ControllerInfo as _samsa_controller_v1_ControllerInfo, ControllerInfo__Output as _samsa_controller_v1_ControllerInfo__Output } from '../../../samsa/controller/v1/ControllerInfo';
import type { BrokerInfo as _samsa_controller_v1_BrokerInfo, BrokerInfo__Output as _samsa_controller_v1_BrokerInfo__Output } from '../../../samsa/controller/v1/BrokerInfo';
import type { Long } from '@grpc/proto-loader';

export interface DescribeClusterResponse {
  'error'?: (_samsa_controller_v1_Error | null);
  'clusterId'?: (string);
  'controllers'?: (_samsa_controller_v1_ControllerInfo)[];
  'brokers'?: (_samsa_controller_v1_BrokerInfo)[];
  'metadataOffset'?: (number | string | Long);
}

export interface DescribeClusterResponse__Output {
  'error': (_samsa_controller_v1_Error__Output | null);
  'clusterId': (string);
  'controllers': (_samsa_controller_v1_ControllerInfo__Output)[];
  'brokers': (_samsa_controller_v1_BrokerInfo__Output)[];
  'metadataOffset': (number);
}

// Original file: proto/samsa/v1/broker.proto

import type { BrokerNode as _samsa_broker_v1_BrokerNode, BrokerNode__Output as _samsa_broker_v1_BrokerNode__Output } from '../../../samsa/broker/v1/BrokerNode';
import type { TopicMetadata as _samsa_broker_v1_TopicMetadata, TopicMetadata__Output as _samsa_broker_v1_TopicMetadata__Output } from '../../../samsa/broker/v1/TopicMetadata';

export interface MetadataResponse {
  'clusterId'?: (string);
  'controllerId'?: (number);
  'brokers'?: (_samsa_broker_v1_BrokerNode)[];
  'topics'?: (_samsa_broker_v1_TopicMetadata)[];
}

export interface MetadataResponse__Output {
  'clusterId': (string);
  'controllerId': (number);
  'brokers': (_samsa_broker_v1_BrokerNode__Output)[];
  'topics': (_samsa_broker_v1_TopicMetadata__Output)[];
}

// Original file: proto/samsa/v1/broker.proto

import type { TopicProduceResponse as _samsa_broker_v1_TopicProduceResponse, TopicProduceResponse__Output as _samsa_broker_v1_TopicProduceResponse__Output } from '../../../samsa/broker/v1/TopicProduceResponse';

export interface ProduceResponse {
  'topics'?: (_samsa_broker_v1_TopicProduceResponse)[];
}

export interface ProduceResponse__Output {
  'topics': (_samsa_broker_v1_TopicProduceResponse__Output)[];
}

// Original file: proto/samsa/v1/broker.proto

import type { TopicProduceData as _samsa_broker_v1_TopicProduceData, TopicProduceData__Output as _samsa_broker_v1_TopicProduceData__Output } from '../../../samsa/broker/v1/TopicProduceData';

export interface ProduceRequest {
  /**
   * 0, 1 or -1 (all).
   */
  'acks'?: (number);
  'timeoutMs'?: (number);
  'topics'?: (_samsa_broker_v1_TopicProduceData)[];
}

export interface ProduceRequest__Output {
  /**
   * 0, 1 or -1 (all).
   */
  'acks': (number);
  'timeoutMs': (number);
  'topics': (_samsa_broker_v1_TopicProduceData__Output)[];
}

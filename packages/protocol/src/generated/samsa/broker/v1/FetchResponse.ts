// Original file: proto/samsa/v1/broker.proto

import type { FetchableTopicResponse as _samsa_broker_v1_FetchableTopicResponse, FetchableTopicResponse__Output as _samsa_broker_v1_FetchableTopicResponse__Output } from '../../../samsa/broker/v1/FetchableTopicResponse';

export interface FetchResponse {
  'errorCode'?: (number);
  'topics'?: (_samsa_broker_v1_FetchableTopicResponse)[];
}

export interface FetchResponse__Output {
  'errorCode': (number);
  'topics': (_samsa_broker_v1_FetchableTopicResponse__Output)[];
}

// Original file: proto/samsa/v1/broker.proto

import type { FetchTopic as _samsa_broker_v1_FetchTopic, FetchTopic__Output as _samsa_broker_v1_FetchTopic__Output } from '../../../samsa/broker/v1/FetchTopic';

export interface FetchRequest {
  'maxWaitMs'?: (number);
  'minBytes'?: (number);
  'maxBytes'?: (number);
  /**
   * 0: read uncommitted (up to the high watermark); 1: read committed.
   */
  'isolationLevel'?: (number);
  'topics'?: (_samsa_broker_v1_FetchTopic)[];
}

export interface FetchRequest__Output {
  'maxWaitMs': (number);
  'minBytes': (number);
  'maxBytes': (number);
  /**
   * 0: read uncommitted (up to the high watermark); 1: read committed.
   */
  'isolationLevel': (number);
  'topics': (_samsa_broker_v1_FetchTopic__Output)[];
}

// Original file: proto/samsa/v1/broker.proto


export interface MetadataRequest {
  /**
   * Empty: every topic.
   */
  'topics'?: (string)[];
}

export interface MetadataRequest__Output {
  /**
   * Empty: every topic.
   */
  'topics': (string)[];
}

// Original file: proto/samsa/v1/controller.proto


export interface DescribeTopicsRequest {
  /**
   * Empty: every topic.
   */
  'names'?: (string)[];
}

export interface DescribeTopicsRequest__Output {
  /**
   * Empty: every topic.
   */
  'names': (string)[];
}

// Original file: proto/samsa/v1/group.proto


export interface ListGroupsRequest {
  /**
   * Empty: every state.
   */
  'states'?: (string)[];
}

export interface ListGroupsRequest__Output {
  /**
   * Empty: every state.
   */
  'states': (string)[];
}

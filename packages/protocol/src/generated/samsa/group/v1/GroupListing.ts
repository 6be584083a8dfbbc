// Original file: proto/samsa/v1/group.proto


export interface GroupListing {
  'groupId'?: (string);
  /**
   * "empty", "assigning", "reconciling", "stable" or "dead".
   */
  'state'?: (string);
  'members'?: (number);
}

export interface GroupListing__Output {
  'groupId': (string);
  /**
   * "empty", "assigning", "reconciling", "stable" or "dead".
   */
  'state': (string);
  'members': (number);
}

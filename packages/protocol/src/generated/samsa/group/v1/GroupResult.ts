// Original file: proto/samsa/v1/group.proto


export interface GroupResult {
  'groupId'?: (string);
  'errorCode'?: (number);
  'errorMessage'?: (string);
}

export interface GroupResult__Output {
  'groupId': (string);
  'errorCode': (number);
  'errorMessage': (string);
}

// Original file: proto/samsa/v1/group.proto


export interface Coordinator {
  'groupId'?: (string);
  'errorCode'?: (number);
  'errorMessage'?: (string);
  'nodeId'?: (number);
  'host'?: (string);
  'port'?: (number);
}

export interface Coordinator__Output {
  'groupId': (string);
  'errorCode': (number);
  'errorMessage': (string);
  'nodeId': (number);
  'host': (string);
  'port': (number);
}

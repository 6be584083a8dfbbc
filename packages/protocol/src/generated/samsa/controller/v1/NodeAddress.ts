// Original file: proto/samsa/v1/controller.proto


export interface NodeAddress {
  'id'?: (number);
  'host'?: (string);
  'port'?: (number);
}

export interface NodeAddress__Output {
  'id': (number);
  'host': (string);
  'port': (number);
}

// Original file: proto/samsa/v1/broker.proto


export interface BrokerNode {
  'id'?: (number);
  'host'?: (string);
  'port'?: (number);
  'rack'?: (string);
}

export interface BrokerNode__Output {
  'id': (number);
  'host': (string);
  'port': (number);
  'rack': (string);
}

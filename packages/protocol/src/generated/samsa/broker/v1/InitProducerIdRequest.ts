// Original file: proto/samsa/v1/broker.proto


export interface InitProducerIdRequest {
  'transactionalId'?: (string);
  'transactionTimeoutMs'?: (number);
}

export interface InitProducerIdRequest__Output {
  'transactionalId': (string);
  'transactionTimeoutMs': (number);
}

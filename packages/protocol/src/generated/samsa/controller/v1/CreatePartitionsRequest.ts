// Original file: proto/samsa/v1/controller.proto


export interface CreatePartitionsRequest {
  'name'?: (string);
  'partitions'?: (number);
}

export interface CreatePartitionsRequest__Output {
  'name': (string);
  'partitions': (number);
}

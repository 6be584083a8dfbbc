// Original file: proto/samsa/v1/controller.proto


export interface TopicConfig {
  'key'?: (string);
  'value'?: (string);
}

export interface TopicConfig__Output {
  'key': (string);
  'value': (string);
}

// Original file: proto/samsa/v1/group.proto


export interface TopicPartitions {
  'topicId'?: (string);
  'topic'?: (string);
  'partitions'?: (number)[];
}

export interface TopicPartitions__Output {
  'topicId': (string);
  'topic': (string);
  'partitions': (number)[];
}

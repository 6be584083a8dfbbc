// Original file: proto/samsa/v1/broker.proto


export interface PartitionProduceData {
  'partition'?: (number);
  /**
   * One or more RecordBatch v2, back to back.
   */
  'records'?: (Buffer | Uint8Array | string);
}

export interface PartitionProduceData__Output {
  'partition': (number);
  /**
   * One or more RecordBatch v2, back to back.
   */
  'records': (Buffer);
}

// Original file: proto/samsa/v1/controller.proto

import type { Long } from '@grpc/proto-loader';

export interface FetchMetadataRequest {
  'brokerId'?: (number);
  'fromOffset'?: (number | string | Long);
}

export interface FetchMetadataRequest__Output {
  'brokerId': (number);
  'fromOffset': (number);
}

// Original file: proto/samsa/v1/controller.proto

import type { Long } from '@grpc/proto-loader';

export interface MetadataEntry {
  'offset'?: (number | string | Long);
  'records'?: (Buffer | Uint8Array | string);
}

export interface MetadataEntry__Output {
  'offset': (number);
  'records': (Buffer);
}

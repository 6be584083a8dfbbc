// Original file: proto/samsa/v1/controller.proto

import type { MetadataEntry as _samsa_controller_v1_MetadataEntry, MetadataEntry__Output as _samsa_controller_v1_MetadataEntry__Output } from '../../../samsa/controller/v1/MetadataEntry';
import type { Long } from '@grpc/proto-loader';

export interface FetchMetadataResponse {
  /**
   * Set when this message starts with a snapshot of the image at `snapshot_offset`.
   */
  'snapshot'?: (Buffer | Uint8Array | string);
  'snapshotOffset'?: (number | string | Long);
  /**
   * Encoded record batches (controller's encodeMetadataRecordBatch), with their offsets.
   */
  'entries'?: (_samsa_controller_v1_MetadataEntry)[];
}

export interface FetchMetadataResponse__Output {
  /**
   * Set when this message starts with a snapshot of the image at `snapshot_offset`.
   */
  'snapshot': (Buffer);
  'snapshotOffset': (number);
  /**
   * Encoded record batches (controller's encodeMetadataRecordBatch), with their offsets.
   */
  'entries': (_samsa_controller_v1_MetadataEntry__Output)[];
}

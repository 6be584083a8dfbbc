// Original file: proto/samsa/v1/controller.proto

import type { MetadataEntry as _samsa_controller_v1_MetadataEntry, MetadataEntry__Output as _samsa_controller_v1_MetadataEntry__Output } from '../../../samsa/controller/v1/MetadataEntry';
import type { Error as _samsa_controller_v1_Error, Error__Output as _samsa_controller_v1_Error__Output } from '../../../samsa/controller/v1/Error';
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
  /**
   * Set on the last message of a stream that ends for a reason the broker acts on:
   * NOT_CONTROLLER, with the leader's address in `leader` when known, from a controller that
   * is not, or stopped being, the active one. Unset otherwise.
   */
  'error'?: (_samsa_controller_v1_Error | null);
  /**
   * On a keepalive (no snapshot, no entries), sent while the stream is idle: the offset of
   * the last entry this controller has applied, every entry up to which has been sent. A
   * broker that hears nothing for a while, or is behind this offset, reopens its stream.
   */
  'lastOffset'?: (number | string | Long);
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
  /**
   * Set on the last message of a stream that ends for a reason the broker acts on:
   * NOT_CONTROLLER, with the leader's address in `leader` when known, from a controller that
   * is not, or stopped being, the active one. Unset otherwise.
   */
  'error': (_samsa_controller_v1_Error__Output | null);
  /**
   * On a keepalive (no snapshot, no entries), sent while the stream is idle: the offset of
   * the last entry this controller has applied, every entry up to which has been sent. A
   * broker that hears nothing for a while, or is behind this offset, reopens its stream.
   */
  'lastOffset': (number);
}

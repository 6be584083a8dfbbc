/**
 * raft-ts: a deterministic Raft core in the style of etcd's raft. See README.md for the
 * driver loop and the Ready contract.
 */
export { AssertionError, assert } from './assert';
export { applyConfChange, decodeConfChange, encodeConfChange } from './conf-change';
export type { ConfChange, ConfChangeType } from './conf-change';
export type { RaftOptions } from './config';
export {
  CompactedError,
  CorruptStorageError,
  InvalidRequestError,
  NotLeaderError,
  RaftError,
  RequestDroppedError,
  SnapshotOutOfDateError,
  UnavailableError,
} from './errors';
export type { DropReason } from './errors';
export { MemoryStorage } from './memory-storage';
export { FileStorage } from './file-storage';
export type { FileStorageOptions, FileSystem, StorageLogger } from './file-storage';
export type * from './message';
export { Xoshiro128, randomBelow } from './prng';
export type { RandomSource } from './prng';
export { RawNode } from './raw-node';
export type { ProposalResult, Status } from './raw-node';
export type { Ready } from './ready';
export type { InitialState, Storage } from './storage';
export { EMPTY_HARD_STATE, NO_NODE, entryBytes } from './types';
export type { ConfState, Entry, EntryType, HardState, NodeId, ReadState, Role, Snapshot, SnapshotMetadata, SoftState } from './types';
export { RaftNode, RAFT_NODE_TICK_MS_DEFAULT } from './node/raft-node';
export type { RaftNodeOptions, RaftNodeLogger, RaftTransport, RoleChange, StateMachine, WritableStorage } from './node/raft-node';
export { RaftMetrics } from './node/raft-metrics';
export { GrpcRaftTransport, RAFT_CHANNEL_OPTIONS, bindRaftServer } from './transport/grpc-transport';
export type { GrpcTransportOptions, PeerAddress, TransportLogger } from './transport/grpc-transport';
export { RAFT_PROTO_PATH, PROTO_LOADER_OPTIONS } from './transport/raft-proto';

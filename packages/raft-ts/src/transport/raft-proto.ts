import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

/**
 * raft-ts ships its own `proto/raft.proto` (it is a general library, not part of Samsa's
 * wire API). This file sits two folders below the package root in src/ and in dist/ alike.
 */
export const RAFT_PROTO_PATH = path.join(__dirname, '..', '..', 'proto', 'raft.proto');

/** Options shared by every loader: uint64 as Number, enums as names, absent fields as defaults. */
export const PROTO_LOADER_OPTIONS: protoLoader.Options = { keepCase: false, longs: Number, enums: String, defaults: true, oneofs: true };

let cached: grpc.ServiceClientConstructor | undefined;

/** The `samsa.raft.v1.Raft` service: its client constructor and `.service` definition. */
export function raftService(): grpc.ServiceClientConstructor {
  if (cached !== undefined) return cached;
  const definition = protoLoader.loadSync(RAFT_PROTO_PATH, PROTO_LOADER_OPTIONS);
  const loaded = grpc.loadPackageDefinition(definition) as unknown as { samsa: { raft: { v1: { Raft: grpc.ServiceClientConstructor } } } };
  cached = loaded.samsa.raft.v1.Raft;
  return cached;
}

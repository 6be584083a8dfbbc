import * as fs from 'node:fs';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

/** Finds `proto/samsa/v1/raft.proto` by walking up from this file (src/ or dist/). */
export function findProtoRoot(start = __dirname): string {
  for (let directory = start; ; directory = path.dirname(directory)) {
    if (fs.existsSync(path.join(directory, 'proto', 'samsa', 'v1', 'raft.proto'))) return path.join(directory, 'proto');
    if (path.dirname(directory) === directory) throw new Error(`proto/samsa/v1/raft.proto not found above ${start}`);
  }
}

/** Options shared by every loader: uint64 as Number, enums as names, absent fields as defaults. */
export const PROTO_LOADER_OPTIONS: protoLoader.Options = { keepCase: false, longs: Number, enums: String, defaults: true, oneofs: true };

let cached: grpc.ServiceClientConstructor | undefined;

/** The `samsa.raft.v1.Raft` service: its client constructor and `.service` definition. */
export function raftService(): grpc.ServiceClientConstructor {
  if (cached !== undefined) return cached;
  const protoRoot = findProtoRoot();
  const definition = protoLoader.loadSync(path.join(protoRoot, 'samsa', 'v1', 'raft.proto'), { ...PROTO_LOADER_OPTIONS, includeDirs: [protoRoot] });
  const loaded = grpc.loadPackageDefinition(definition) as unknown as { samsa: { raft: { v1: { Raft: grpc.ServiceClientConstructor } } } };
  cached = loaded.samsa.raft.v1.Raft;
  return cached;
}

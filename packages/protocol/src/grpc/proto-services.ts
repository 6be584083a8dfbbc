import * as fs from 'node:fs';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type { ProtoGrpcType as BrokerProtos } from '../generated/broker';
import type { ProtoGrpcType as GroupProtos } from '../generated/group';
import { withHandCodecs } from './wire/hot-methods';

/**
 * The gRPC services of `proto/samsa/v1/*.proto`, loaded once per process. Messages use
 * camelCase fields, int64 as JavaScript numbers (offsets stay below 2^53), enums as names,
 * and defaults for absent fields, on every side of the wire. The types in src/generated/
 * (`BrokerWire`, `ControllerWire`, `GroupWire`) are generated with the same options: change both together
 * (scripts/gen-proto.js's LOADER_FLAGS; a test compares them).
 */
export const PROTO_OPTIONS: protoLoader.Options = { keepCase: false, longs: Number, enums: String, defaults: true, oneofs: true };

/** Finds the repository's `proto/` folder by walking up from `start` (works from src/ and dist/). */
export function protoRoot(start = __dirname): string {
  for (let directory = start; ; directory = path.dirname(directory)) {
    if (fs.existsSync(path.join(directory, 'proto', 'samsa', 'v1', 'broker.proto'))) return path.join(directory, 'proto');
    if (path.dirname(directory) === directory) throw new Error(`proto/samsa/v1 not found above ${start}`);
  }
}

/** What loading broker.proto (which imports controller.proto) and group.proto yields, as generated from them. */
type Loaded = BrokerProtos & { samsa: { group: GroupProtos['samsa']['group'] } };

/** A service's client constructor, typed by the generated client interface; `.service` is its definition. */
export type BrokerServiceConstructor = Loaded['samsa']['broker']['v1']['Broker'];
export type ReplicationServiceConstructor = Loaded['samsa']['broker']['v1']['Replication'];
export type ControllerServiceConstructor = Loaded['samsa']['controller']['v1']['Controller'];
export type GroupsServiceConstructor = Loaded['samsa']['group']['v1']['Groups'];

let loaded: Loaded | undefined;

function load(): Loaded {
  if (loaded !== undefined) return loaded;
  const root = protoRoot();
  const files = ['broker.proto', 'controller.proto', 'group.proto'].map((name) => path.join(root, 'samsa', 'v1', name));
  loaded = withHandCodecs(grpc.loadPackageDefinition(protoLoader.loadSync(files, { ...PROTO_OPTIONS, includeDirs: [root] })) as unknown as Loaded);
  return loaded;
}

/** Clients talk to brokers through this; `.service` is what a broker serves. */
export function brokerService(): BrokerServiceConstructor {
  return load().samsa.broker.v1.Broker;
}

/** Broker-to-broker replication streams. */
export function replicationService(): ReplicationServiceConstructor {
  return load().samsa.broker.v1.Replication;
}

/**
 * The `samsa.controller.v1.Controller` service: its constructor makes clients (brokers and
 * the CLI, through @samsa/metadata's `ControllerClient`); its `.service` is what a controller
 * passes to `addService`.
 */
export function controllerService(): ControllerServiceConstructor {
  return load().samsa.controller.v1.Controller;
}

/**
 * The `samsa.group.v1.Groups` service (consumer groups): every broker serves it; a group's
 * calls go to its coordinator, the leader of the group's `__consumer_offsets` partition.
 */
export function groupsService(): GroupsServiceConstructor {
  return load().samsa.group.v1.Groups;
}

/** Channel options for Samsa's gRPC links: large messages (batches), keepalive, quick reconnects. */
export const SAMSA_CHANNEL_OPTIONS: grpc.ChannelOptions = {
  'grpc.max_receive_message_length': 256 * 1024 * 1024,
  'grpc.max_send_message_length': 256 * 1024 * 1024,
  'grpc.keepalive_time_ms': 10_000,
  'grpc.keepalive_timeout_ms': 5_000,
  'grpc.initial_reconnect_backoff_ms': 100,
  'grpc.max_reconnect_backoff_ms': 1_000,
  // The client's receive window (fetch and replication answers); see `widenWindows`.
  'grpc-node.flow_control_window': 64 * 1024 * 1024,
};

/**
 * Binds `server` on host:port (0 for an ephemeral port), resolving with the port, with
 * Nagle's algorithm off on every accepted connection. grpc-js sets TCP_NODELAY only on the
 * client side; answers flowing back from the server otherwise wait for the peer's delayed
 * ACK (~40 ms on Linux), which made every acks=all produce take a replication round of tens of
 * milliseconds. grpc-js has no option for it, so this reaches its internal `http2Servers`;
 * if a future grpc-js renames that field, `onUnavailable` is told and the server runs slower
 * but correct. (raft-ts, which depends on nothing of ours, has its own copy.)
 */
export function bindGrpcServer(server: grpc.Server, host: string, port: number, onUnavailable: () => void = () => undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync(`${host}:${port}`, grpc.ServerCredentials.createInsecure(), (error, boundPort) => {
      if (error) {
        reject(error);
        return;
      }
      const listeners = (server as unknown as { http2Servers?: Map<unknown, unknown> }).http2Servers;
      if (listeners instanceof Map) {
        for (const listener of listeners.keys()) {
          (listener as NodeJS.EventEmitter).on('connection', (socket: { setNoDelay?(noDelay: boolean): void }) => socket.setNoDelay?.(true));
          (listener as NodeJS.EventEmitter).on('session', (session: Http2SessionLike) => widenWindows(session));
        }
      } else {
        onUnavailable();
      }
      resolve(boundPort);
    });
  });
}

interface Http2SessionLike {
  settings(settings: { initialWindowSize: number }): void;
  setLocalWindowSize(size: number): void;
}

/** Per-stream and per-connection receive windows for batch-sized messages. */
const STREAM_WINDOW_BYTES = 8 * 1024 * 1024;
const CONNECTION_WINDOW_BYTES = 64 * 1024 * 1024;

/**
 * HTTP/2 starts every stream with a 64 KiB receive window, so a client sending a 1 MiB
 * Produce request waits for window updates many times per request. Batches are the point of
 * Samsa's requests: the server offers windows that fit them.
 */
function widenWindows(session: Http2SessionLike): void {
  try {
    session.settings({ initialWindowSize: STREAM_WINDOW_BYTES });
    session.setLocalWindowSize(CONNECTION_WINDOW_BYTES);
  } catch {
    // A session closing as it opens: nothing to widen.
  }
}

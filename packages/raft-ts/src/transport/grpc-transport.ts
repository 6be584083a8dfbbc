import * as grpc from '@grpc/grpc-js';
import type { Message } from '../message';
import { entryBytes, type Entry, type NodeId } from '../types';
import { coalesce } from './coalesce';
import { raftService } from './raft-proto';
import { type WireMessage, messageFromWire, messageToWire } from './wire-codec';

/** Where a peer listens, as in KRaft's `id@host:port`. */
export interface PeerAddress {
  readonly id: NodeId;
  readonly host: string;
  readonly port: number;
}

export interface TransportLogger {
  warn(object: object, message: string): void;
  debug(object: object, message: string): void;
}

export interface GrpcTransportOptions {
  readonly nodeId: NodeId;
  /** The Raft group's name; batches for another group are refused. */
  readonly group: string;
  readonly peers: readonly PeerAddress[];
  /** Messages kept per peer while it is unreachable; older ones are dropped (Raft retries). */
  readonly maxQueuedMessages?: number;
  /** Upper bound of the payload bytes put into one gRPC stream message. */
  readonly maxBatchBytes?: number;
  readonly logger?: TransportLogger;
}

export const RAFT_CHANNEL_OPTIONS: grpc.ChannelOptions = {
  'grpc.max_receive_message_length': 64 * 1024 * 1024,
  'grpc.max_send_message_length': 64 * 1024 * 1024,
  'grpc.keepalive_time_ms': 10_000,
  'grpc.keepalive_timeout_ms': 5_000,
  'grpc.initial_reconnect_backoff_ms': 100,
  'grpc.max_reconnect_backoff_ms': 1_000,
};

const silent: TransportLogger = { warn() {}, debug() {} };

/**
 * Binds `server` on host:port (0 for an ephemeral port) and resolves with the port, with
 * Nagle's algorithm off on every connection it accepts. grpc-js sets TCP_NODELAY on the
 * client side only (1.14). Raft traffic on a peer's stream flows client to server; what
 * flows back (HTTP/2 window updates, settings and ping acks) is small and, with Nagle on,
 * waits for the peer's delayed ACK: measured on loopback, that halved the throughput of a
 * three-node cluster (11,000 → 24,000 entries/s at 256 in flight). grpc-js has no option
 * for it, so this reaches the http2 servers it listens with (an internal field); if a
 * future grpc-js renames it, we warn and run on, slower but correct.
 */
export function bindRaftServer(server: grpc.Server, host: string, port: number, logger: TransportLogger = silent): Promise<number> {
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
        }
      } else {
        logger.warn({}, 'cannot reach grpc-js listening sockets; raft server connections keep Nagle on (slower)');
      }
      resolve(boundPort);
    });
  });
}

/**
 * Raft messages over gRPC: one long-lived client stream to each peer carrying batches of
 * messages. `send` never blocks and never throws: messages for a peer queue up (bounded),
 * go out together on the next turn of the event loop, and are dropped when the peer stays
 * unreachable, which Raft tolerates by retrying. Incoming batches go to `onMessage`.
 */
export class GrpcRaftTransport {
  private readonly peers = new Map<NodeId, PeerStream>();
  private handler: (message: Message) => void = () => {};
  private readonly logger: TransportLogger;
  private closed = false;

  constructor(private readonly options: GrpcTransportOptions) {
    this.logger = options.logger ?? silent;
    for (const peer of options.peers) this.addPeer(peer);
  }

  /** Adds (or replaces) where a peer listens; messages to it start flowing at once. */
  addPeer(peer: PeerAddress): void {
    if (peer.id === this.options.nodeId) return;
    this.peers.get(peer.id)?.close();
    this.peers.set(peer.id, new PeerStream(peer, this.options, this.logger));
  }

  /** Registers the Raft service on `server` (the caller binds and starts it). */
  addToServer(server: grpc.Server): void {
    server.addService(raftService().service, { Stream: (call: grpc.ServerReadableStream<BatchWire, object>, callback: grpc.sendUnaryData<object>) => this.serveStream(call, callback) });
  }

  onMessage(handler: (message: Message) => void): void {
    this.handler = handler;
  }

  /** Queues messages for their peers; messages to unknown peers are dropped. */
  send(messages: readonly Message[]): void {
    if (this.closed) return;
    for (const message of messages) {
      const peer = this.peers.get(message.to);
      if (peer === undefined) {
        this.logger.debug({ to: message.to }, 'dropping a raft message to an unknown peer');
        continue;
      }
      peer.enqueue(message);
    }
  }

  close(): void {
    this.closed = true;
    for (const peer of this.peers.values()) peer.close();
  }

  private serveStream(call: grpc.ServerReadableStream<BatchWire, object>, callback: grpc.sendUnaryData<object>): void {
    call.on('data', (batch: BatchWire) => {
      if (batch.group !== this.options.group) {
        this.logger.warn({ group: batch.group, from: batch.from }, 'refusing raft messages for another group');
        call.destroy();
        return;
      }
      for (const wire of batch.messages) {
        let message: Message;
        try {
          message = messageFromWire(wire);
        } catch (error) {
          this.logger.warn({ err: error, from: batch.from }, 'dropping a malformed raft message');
          continue;
        }
        if (message.to === this.options.nodeId) this.handler(message);
      }
    });
    call.on('end', () => callback(null, {}));
    call.on('error', () => {
      // The peer went away; it reconnects on its own.
    });
  }
}

interface BatchWire {
  group: string;
  from: number;
  messages: WireMessage[];
}

/**
 * One peer's outgoing stream: a bounded queue, batching, reconnection with backoff. Queued
 * messages stay raft-ts messages until the flush, so consecutive appends (and their
 * acknowledgments) can merge first (see coalesce.ts).
 */
class PeerStream {
  private readonly client: grpc.Client & { Stream: (callback: grpc.requestCallback<object>) => grpc.ClientWritableStream<BatchWire> };
  private call: grpc.ClientWritableStream<BatchWire> | undefined;
  private queue: Message[] = [];
  /** Entries array of the last queued message when coalescing built it, and that message's size. */
  private lastOwnedEntries: Entry[] | undefined;
  private lastBytes = 0;
  private flushScheduled = false;
  private waitingForDrain = false;
  private backoffMs = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private droppedMessages = 0;
  private closed = false;
  private readonly maxQueuedMessages: number;
  private readonly maxBatchBytes: number;

  constructor(
    private readonly peer: PeerAddress,
    private readonly options: GrpcTransportOptions,
    private readonly logger: TransportLogger,
  ) {
    const Client = raftService();
    this.client = new Client(`${peer.host}:${peer.port}`, grpc.credentials.createInsecure(), RAFT_CHANNEL_OPTIONS) as never;
    this.maxQueuedMessages = options.maxQueuedMessages ?? 8192;
    this.maxBatchBytes = options.maxBatchBytes ?? 4 * 1024 * 1024;
  }

  enqueue(message: Message): void {
    if (this.closed) return;
    const previous = this.queue[this.queue.length - 1];
    const merged = previous === undefined ? undefined : coalesce(previous, message, this.lastOwnedEntries, this.maxBatchBytes, this.lastBytes);
    if (merged !== undefined) {
      this.queue[this.queue.length - 1] = merged.message;
      this.lastOwnedEntries = merged.owned;
      this.lastBytes += merged.addedBytes;
    } else {
      this.queue.push(message);
      this.lastOwnedEntries = undefined;
      this.lastBytes = approximateBytes(message);
    }
    if (this.queue.length > this.maxQueuedMessages) {
      this.queue.shift();
      this.droppedMessages += 1;
      if (this.droppedMessages % 1000 === 1) this.logger.warn({ peer: this.peer.id, dropped: this.droppedMessages }, 'raft peer queue full; dropping old messages');
    }
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        this.flush();
      });
    }
  }

  private flush(): void {
    if (this.closed || this.waitingForDrain || this.reconnectTimer !== undefined) return;
    const call = this.call ?? this.open();
    while (this.queue.length > 0) {
      const messages = this.takeBatch();
      const writable = call.write({ group: this.options.group, from: this.options.nodeId, messages });
      if (!writable) {
        this.waitingForDrain = true;
        call.once('drain', () => {
          this.waitingForDrain = false;
          this.flush();
        });
        return;
      }
    }
  }

  private takeBatch(): WireMessage[] {
    let bytes = 0;
    let count = 0;
    while (count < this.queue.length && (count === 0 || bytes < this.maxBatchBytes)) {
      bytes += approximateBytes(this.queue[count]!);
      count += 1;
    }
    // The last queued message leaves the queue: nothing may merge into it any more.
    if (count === this.queue.length) this.lastOwnedEntries = undefined;
    return this.queue.splice(0, count).map(messageToWire);
  }

  private open(): grpc.ClientWritableStream<BatchWire> {
    const openedAtMs = Date.now();
    const call = this.client.Stream((error) => {
      if (this.call === call) this.call = undefined;
      this.waitingForDrain = false;
      if (this.closed) return;
      // A stream that lived a while was healthy: start the backoff over.
      this.backoffMs = Date.now() - openedAtMs > 1000 ? 50 : Math.min(1000, Math.max(50, this.backoffMs * 2));
      if (error) this.logger.debug({ peer: this.peer.id, code: error.code }, 'raft stream to peer closed');
      this.reconnectTimer = setTimeout(() => {
        this.reconnectTimer = undefined;
        if (this.queue.length > 0) this.flush();
      }, this.backoffMs);
    });
    this.call = call;
    return call;
  }

  close(): void {
    this.closed = true;
    if (this.reconnectTimer !== undefined) clearTimeout(this.reconnectTimer);
    this.call?.end();
    this.call = undefined;
    this.client.close();
  }
}

function approximateBytes(message: Message): number {
  switch (message.kind) {
    case 'append': {
      let bytes = 64;
      for (const entry of message.entries) bytes += entryBytes(entry);
      return bytes;
    }
    case 'install-snapshot':
      return 64 + message.data.length;
    case 'read-index-request':
    case 'read-index-response':
      return 64 + message.context.length;
    default:
      return 64;
  }
}

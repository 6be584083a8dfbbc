import * as grpc from '@grpc/grpc-js';
import { SAMSA_CHANNEL_OPTIONS } from '@samsa/protocol';
import { brokerServiceClient } from './broker-proto';

/**
 * Channel options for the client's links to brokers: room for large produce and fetch
 * messages, keepalive so a dead broker is noticed, and quick reconnects after failover.
 */
export const CLIENT_CHANNEL_OPTIONS: grpc.ChannelOptions = SAMSA_CHANNEL_OPTIONS;

/**
 * One gRPC client (one HTTP/2 channel) per broker address, created on first use and kept
 * until `close()`. Every request to a broker shares its channel; HTTP/2 multiplexes them.
 */
export class ChannelPool {
  private readonly clients = new Map<string, grpc.Client>();
  private closed = false;

  get(address: string): grpc.Client {
    if (this.closed) throw new Error('the channel pool is closed');
    let client = this.clients.get(address);
    if (client === undefined) {
      const Constructor = brokerServiceClient();
      client = new Constructor(address, grpc.credentials.createInsecure(), CLIENT_CHANNEL_OPTIONS);
      this.clients.set(address, client);
    }
    return client;
  }

  /** Drops the channel to `address` (the broker left the cluster). */
  remove(address: string): void {
    this.clients.get(address)?.close();
    this.clients.delete(address);
  }

  get size(): number {
    return this.clients.size;
  }

  close(): void {
    this.closed = true;
    for (const client of this.clients.values()) client.close();
    this.clients.clear();
  }
}

import { EventEmitter } from 'node:events';
import { MetadataImage } from '../metadata-image';
import { decodeMetadataRecordBatch } from '../record-codec';
import type { ControllerClient } from './controller-client';
import type { ControllerWire } from '@samsa/protocol';

/**
 * The two log calls a follower makes, in pino's shape (a context object, then the message),
 * so a pino logger fits without this package depending on @samsa/common.
 */
export interface MetadataFollowerLogger {
  error(context: object, message: string): void;
  debug(context: object, message: string): void;
}

export interface MetadataFollowerOptions {
  readonly brokerId: number;
  readonly client: ControllerClient;
  readonly logger: MetadataFollowerLogger;
  /**
   * A stream that carries nothing, not even a keepalive, for this long is reopened. Default
   * 3 s: six of the active controller's keepalives (every 500 ms), like a KRaft observer's
   * fetch timeout.
   */
  readonly idleTimeoutMs?: number;
}

export const METADATA_STREAM_IDLE_TIMEOUT_MS_DEFAULT = 3_000;

type MetadataStream = ReturnType<ControllerClient['fetchMetadata']>;

/**
 * Follows the committed metadata log (FetchMetadata) into a local `MetadataImage`, as a KRaft
 * broker does: a snapshot first when far behind, then every batch as it commits. Emits
 * `image` (newImage, previousImage) after each applied message.
 *
 * The log must come from the active controller: a controller cut off from the quorum would
 * feed a log that no longer grows while this broker's heartbeats, reaching the new leader,
 * keep it unfenced. So the stream is reopened, from the last applied offset and with backoff,
 * when it breaks or ends; when a controller answers NOT_CONTROLLER (it is not, or stopped
 * being, the active one), at the leader it names; when it carries nothing, not even a
 * keepalive, for `idleTimeoutMs` (a hung controller, a connection dead without a word); and
 * when a keepalive says the controller has applied entries this broker has not received.
 */
export class MetadataFollower extends EventEmitter {
  private current = MetadataImage.EMPTY;
  private stream: MetadataStream | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private backoffMs = 50;
  private stopped = false;

  constructor(private readonly options: MetadataFollowerOptions) {
    super();
  }

  get image(): MetadataImage {
    return this.current;
  }

  start(): void {
    this.open();
  }

  stop(): void {
    this.stopped = true;
    if (this.reconnectTimer !== undefined) clearTimeout(this.reconnectTimer);
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.stream?.cancel();
  }

  private open(): void {
    if (this.stopped) return;
    const client = this.options.client;
    const address = client.currentAddress;
    const stream = client.fetchMetadata({ brokerId: this.options.brokerId, fromOffset: this.current.lastAppliedOffset });
    this.stream = stream;
    this.watchIdle(stream, address);
    stream.on('data', (message: ControllerWire.FetchMetadataResponse__Output) => {
      if (this.stream !== stream) return;
      this.watchIdle(stream, address);
      if (message.error !== null && message.error.code !== 0) {
        this.options.logger.debug({ controller: address, error: message.error.name, leader: message.error.leader }, 'metadata stream refused; reconnecting');
        client.moveAwayFrom(address, message.error.leader);
        this.reopen(stream);
        return;
      }
      this.backoffMs = 50;
      try {
        this.applyMessage(message);
      } catch (error) {
        this.options.logger.error({ err: error }, 'cannot apply metadata; reconnecting');
        this.reopen(stream);
        return;
      }
      const keepalive = message.snapshot.length === 0 && message.entries.length === 0;
      if (keepalive && message.lastOffset > this.current.lastAppliedOffset) {
        this.options.logger.debug({ controller: address, lastOffset: message.lastOffset, applied: this.current.lastAppliedOffset }, 'metadata stream skipped entries; reconnecting');
        this.reopen(stream);
      }
    });
    stream.on('error', (error: Error) => {
      this.options.logger.debug({ err: error.message }, 'metadata stream broke');
      this.reopen(stream);
    });
    stream.on('end', () => this.reopen(stream));
  }

  /** (Re)starts the wait for the next message on `stream`; past the idle timeout it is reopened. */
  private watchIdle(stream: MetadataStream, address: string): void {
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (this.stream !== stream) return;
      this.options.logger.debug({ controller: address, idleTimeoutMs: this.idleTimeoutMs }, 'metadata stream silent; reconnecting');
      this.options.client.moveAwayFrom(address);
      this.reopen(stream);
    }, this.idleTimeoutMs);
  }

  private get idleTimeoutMs(): number {
    return this.options.idleTimeoutMs ?? METADATA_STREAM_IDLE_TIMEOUT_MS_DEFAULT;
  }

  /** Drops `stream` (if still the current one) and opens another after the backoff. */
  private reopen(stream: MetadataStream): void {
    if (this.stream !== stream || this.stopped) return;
    this.stream = undefined;
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    stream.cancel();
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.open();
    }, this.backoffMs);
    this.backoffMs = Math.min(1000, this.backoffMs * 2);
  }

  private applyMessage(message: ControllerWire.FetchMetadataResponse__Output): void {
    const previous = this.current;
    let image = previous;
    if (message.snapshot.length > 0 && message.snapshotOffset > image.lastAppliedOffset) {
      image = MetadataImage.fromSnapshot(message.snapshot);
    }
    for (const entry of message.entries) {
      if (entry.offset <= image.lastAppliedOffset) continue;
      image = image.applyBatch(decodeMetadataRecordBatch(entry.records), entry.offset);
    }
    if (image === previous) return;
    this.current = image;
    this.emit('image', image, previous);
  }
}

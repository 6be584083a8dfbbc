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
}

/**
 * Follows the committed metadata log (FetchMetadata) into a local `MetadataImage`, as a KRaft
 * broker does: a snapshot first when far behind, then every batch as it commits. The stream
 * is reopened from the last applied offset whenever it breaks, against the next controller,
 * with backoff. Emits `image` (newImage, previousImage) after each applied message.
 */
export class MetadataFollower extends EventEmitter {
  private current = MetadataImage.EMPTY;
  private stream: ReturnType<ControllerClient['fetchMetadata']> | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
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
    this.stream?.cancel();
  }

  private open(): void {
    if (this.stopped) return;
    const stream = this.options.client.fetchMetadata({ brokerId: this.options.brokerId, fromOffset: this.current.lastAppliedOffset });
    this.stream = stream;
    stream.on('data', (message: ControllerWire.FetchMetadataResponse__Output) => {
      this.backoffMs = 50;
      try {
        this.applyMessage(message);
      } catch (error) {
        this.options.logger.error({ err: error }, 'cannot apply metadata; reconnecting');
        stream.cancel();
      }
    });
    const reopen = () => {
      if (this.stream !== stream || this.stopped) return;
      this.stream = undefined;
      this.reconnectTimer = setTimeout(() => {
        this.reconnectTimer = undefined;
        this.open();
      }, this.backoffMs);
      this.backoffMs = Math.min(1000, this.backoffMs * 2);
    };
    stream.on('error', (error: Error) => {
      this.options.logger.debug({ err: error.message }, 'metadata stream broke');
      reopen();
    });
    stream.on('end', reopen);
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

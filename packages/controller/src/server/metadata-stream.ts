import type * as grpc from '@grpc/grpc-js';
import type { Logger } from '@samsa/common';
import type { ControllerWire } from '@samsa/protocol';
import type { PeerAddress } from 'raft-ts';
import type { MetadataLogEntry, MetadataStateMachine } from './metadata-state-machine';
import { NotControllerError } from './quorum-controller';
import { toWireError } from './wire-errors';

/** Entries per stream message while catching a broker up. */
const ENTRIES_PER_MESSAGE = 500;

/**
 * How often an idle stream carries a keepalive. A broker reopens a stream it has heard
 * nothing on for several of these (MetadataFollower's idle timeout), as a KRaft observer's
 * fetch times out: a controller that hangs, or a connection that silently died, cannot hold
 * a broker on a log that no longer moves.
 */
export const METADATA_KEEPALIVE_INTERVAL_MS_DEFAULT = 500;

/** Who may serve the stream: the active controller, for as long as it stays so. */
export interface MetadataStreamSource {
  readonly isActive: boolean;
  leaderAddress(): PeerAddress | undefined;
  onLeadershipLost(listener: () => void): () => void;
}

type FetchMetadataCall = grpc.ServerWritableStream<ControllerWire.FetchMetadataRequest__Output, ControllerWire.FetchMetadataResponse>;

/**
 * FetchMetadata: committed metadata from `fromOffset` on, then every entry as it commits,
 * until the broker goes away. A broker behind what this controller holds in memory (or new,
 * with offset 0) first gets the whole image as a snapshot.
 *
 * Only the active controller serves it. Any other controller may be cut off from the quorum
 * while a broker's heartbeats reach the new leader: such a broker would never be fenced, yet
 * never learn a new leadership. So a controller that is not active answers one message
 * with NOT_CONTROLLER (naming the leader when it knows it, like every other call) and ends
 * the stream, and the active one does the same to its streams when it loses leadership.
 * While no entry commits, the stream carries a keepalive every `keepaliveIntervalMs`.
 */
export function serveFetchMetadata(
  call: FetchMetadataCall,
  stateMachine: MetadataStateMachine,
  source: MetadataStreamSource,
  logger: Logger,
  keepaliveIntervalMs = METADATA_KEEPALIVE_INTERVAL_MS_DEFAULT,
): void {
  if (!source.isActive) {
    endNotController(call, source, logger);
    return;
  }
  let sentOffset = call.request.fromOffset;
  const pending: MetadataLogEntry[] = [];
  let writing = false;
  let wroteSinceKeepalive = false;
  /** Writes one message; when the stream's buffer is full, holds further writes until it drains. */
  const send = (message: ControllerWire.FetchMetadataResponse) => {
    if (call.write(message)) return;
    writing = true;
    call.once('drain', () => {
      writing = false;
      flush();
    });
  };
  const flush = () => {
    while (!writing && !call.cancelled && pending.length > 0) {
      const batch = pending.splice(0, ENTRIES_PER_MESSAGE);
      wroteSinceKeepalive = true;
      send({ snapshot: Buffer.alloc(0), snapshotOffset: 0, entries: batch.map((entry) => ({ offset: entry.offset, records: Buffer.from(entry.records) })) });
    }
  };
  const unsubscribe = stateMachine.subscribe((entry) => {
    if (entry.offset <= sentOffset) return;
    sentOffset = entry.offset;
    pending.push(entry);
    flush();
  });
  // Entries reach the subscriber as they apply, so once `pending` is empty and nothing waits
  // to drain, every entry up to the image's offset has been written: the keepalive says so.
  const keepalive = setInterval(() => {
    if (wroteSinceKeepalive || writing || pending.length > 0 || call.cancelled) {
      wroteSinceKeepalive = false;
      return;
    }
    send({ snapshot: Buffer.alloc(0), snapshotOffset: 0, entries: [], lastOffset: stateMachine.image.lastAppliedOffset });
  }, keepaliveIntervalMs);
  keepalive.unref();
  let stopFollowingLeadership = () => {};
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    unsubscribe();
    stopFollowingLeadership();
    clearInterval(keepalive);
  };
  stopFollowingLeadership = source.onLeadershipLost(() => {
    close();
    endNotController(call, source, logger);
  });
  call.on('cancelled', close);
  call.on('close', close);
  call.on('error', close);
  const backlog = sentOffset > 0 ? stateMachine.entriesAfter(sentOffset) : undefined;
  if (backlog === undefined) {
    const image = stateMachine.image;
    wroteSinceKeepalive = true;
    send({ snapshot: Buffer.from(image.toSnapshot()), snapshotOffset: image.lastAppliedOffset, entries: [] });
    logger.debug({ brokerId: call.request.brokerId, offset: image.lastAppliedOffset }, 'sent a metadata snapshot');
    sentOffset = Math.max(sentOffset, image.lastAppliedOffset);
  } else {
    pending.push(...backlog);
    if (backlog.length > 0) sentOffset = backlog[backlog.length - 1]!.offset;
  }
  flush();
}

/** The stream's last message: NOT_CONTROLLER, naming the leader when known; then its end. */
function endNotController(call: FetchMetadataCall, source: MetadataStreamSource, logger: Logger): void {
  if (call.cancelled) return;
  const error = toWireError(new NotControllerError(source.leaderAddress()), logger);
  call.write({ snapshot: Buffer.alloc(0), snapshotOffset: 0, entries: [], error });
  call.end();
}

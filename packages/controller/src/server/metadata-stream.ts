import type * as grpc from '@grpc/grpc-js';
import type { Logger } from '@samsa/common';
import type { ControllerWire } from '@samsa/protocol';
import type { MetadataLogEntry, MetadataStateMachine } from './metadata-state-machine';

/** Entries per stream message while catching a broker up. */
const ENTRIES_PER_MESSAGE = 500;

/**
 * FetchMetadata: committed metadata from `fromOffset` on, then every entry as it commits,
 * until the broker goes away. A broker behind what this controller holds in memory (or new,
 * with offset 0) first gets the whole image as a snapshot.
 */
export function serveFetchMetadata(
  call: grpc.ServerWritableStream<ControllerWire.FetchMetadataRequest__Output, ControllerWire.FetchMetadataResponse>,
  stateMachine: MetadataStateMachine,
  logger: Logger,
): void {
  let sentOffset = call.request.fromOffset;
  const pending: MetadataLogEntry[] = [];
  let writing = false;
  const flush = () => {
    if (writing || call.cancelled) return;
    while (pending.length > 0) {
      const batch = pending.splice(0, ENTRIES_PER_MESSAGE);
      const writable = call.write({ snapshot: Buffer.alloc(0), snapshotOffset: 0, entries: batch.map((entry) => ({ offset: entry.offset, records: Buffer.from(entry.records) })) });
      if (!writable) {
        writing = true;
        call.once('drain', () => {
          writing = false;
          flush();
        });
        return;
      }
    }
  };
  const unsubscribe = stateMachine.subscribe((entry) => {
    if (entry.offset <= sentOffset) return;
    sentOffset = entry.offset;
    pending.push(entry);
    flush();
  });
  const close = () => unsubscribe();
  call.on('cancelled', close);
  call.on('close', close);
  call.on('error', close);
  const backlog = sentOffset > 0 ? stateMachine.entriesAfter(sentOffset) : undefined;
  if (backlog === undefined) {
    const image = stateMachine.image;
    call.write({ snapshot: Buffer.from(image.toSnapshot()), snapshotOffset: image.lastAppliedOffset, entries: [] });
    logger.debug({ brokerId: call.request.brokerId, offset: image.lastAppliedOffset }, 'sent a metadata snapshot');
    sentOffset = Math.max(sentOffset, image.lastAppliedOffset);
  } else {
    pending.push(...backlog);
    if (backlog.length > 0) sentOffset = backlog[backlog.length - 1]!.offset;
  }
  flush();
}

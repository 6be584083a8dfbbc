import type { Message } from '../message';

/** A one-line description of a message for failure traces. */
export function formatMessage(message: Message): string {
  const head = `${message.kind} ${message.from}->${message.to} term=${message.term}`;
  switch (message.kind) {
    case 'append': {
      const last = message.entries[message.entries.length - 1]?.index ?? message.prevLogIndex;
      return `${head} prev=${message.prevLogIndex}/${message.prevLogTerm} entries=${message.entries.length} last=${last} commit=${message.commit}`;
    }
    case 'append-response':
      return message.reject ? `${head} REJECT index=${message.index} hint=${message.hintIndex}/${message.hintTerm}` : `${head} index=${message.index}`;
    case 'vote-request':
      return `${head} last=${message.lastLogIndex}/${message.lastLogTerm}${message.transfer ? ' transfer' : ''}`;
    case 'pre-vote-request':
      return `${head} last=${message.lastLogIndex}/${message.lastLogTerm}`;
    case 'vote-response':
    case 'pre-vote-response':
      return `${head} ${message.reject ? 'REJECT' : 'GRANT'}`;
    case 'heartbeat':
      return `${head} commit=${message.commit} round=${message.readRound}`;
    case 'heartbeat-response':
      return `${head} round=${message.readRound}`;
    case 'install-snapshot':
      return `${head} snapshot=${message.metadata.index}/${message.metadata.term} offset=${message.offset} bytes=${message.data.length}${message.done ? ' done' : ''}`;
    case 'install-snapshot-response':
      return `${head} snapshot=${message.snapshotIndex} next=${message.nextOffset}`;
    case 'read-index-response':
      return `${head} index=${message.index}`;
    default:
      return head;
  }
}

import type { Acks, ProducerRecord } from '@samsa/client';
import type { Command, CommandIo } from '../command-line/command';
import { parseIntegerOption, stringValue } from '../command-line/option-parser';
import { UsageError } from '../command-line/usage-error';
import { errorLine } from '../command-line/error-line';
import { LineTooLongError, lineChunks, splitKey } from '../produce/line-chunks';
import { checkPartition, topicPartitionCount } from './topic-metadata';

/** Failure lines printed before the rest are only counted. */
export const FAILURE_LINES_MAX = 10;
/** Records handed to the producer and not yet acknowledged, at most (bounds memory). */
const IN_FLIGHT_RECORDS_MAX = 100_000;
const IN_FLIGHT_BYTES_MAX = 16 * 1024 * 1024;

export function parseAcks(raw: string | undefined): Acks {
  if (raw === undefined || raw === 'all' || raw === '-1') return 'all';
  if (raw === '1') return 1;
  if (raw === '0') return 0;
  throw new UsageError(`invalid --acks: expected all, 1 or 0, got "${raw}"`);
}

export function parseKeySeparator(raw: string | undefined): Buffer | undefined {
  if (raw === undefined) return undefined;
  if (raw.length === 0) throw new UsageError('invalid --key-separator: it must not be empty');
  // `--key-separator '\t'` as typed in a shell arrives as backslash-t: take it as a tab.
  return Buffer.from(raw === '\\t' ? '\t' : raw, 'utf8');
}

/** One failed `send` or unreadable line: lines `first`..`last` (1-based) were not acknowledged. */
export interface ProduceFailure {
  readonly first: number;
  readonly last: number;
  readonly reason: string;
}

export function failureLine(failure: ProduceFailure): string {
  const where = failure.first === failure.last ? `line ${failure.first}` : `lines ${failure.first}-${failure.last}`;
  return `samsa: produce: ${where} not acknowledged: ${failure.reason.replace(/^samsa: /, '')}`;
}

/** The stderr text for a run with failures: up to FAILURE_LINES_MAX lines, then a count, then the total. */
export function failureReport(failures: readonly ProduceFailure[], failedRecords: number, totalRecords: number): string {
  const lines = failures.slice(0, FAILURE_LINES_MAX).map(failureLine);
  if (failures.length > FAILURE_LINES_MAX) lines.push(`samsa: produce: ... and ${failures.length - FAILURE_LINES_MAX} more failures`);
  lines.push(`samsa: produce: ${failedRecords} of ${totalRecords} records were not acknowledged`);
  return `${lines.join('\n')}\n`;
}

export const produceCommand: Command = {
  path: ['produce'],
  summary: 'write one record per line of stdin to a topic',
  usage: 'TOPIC',
  positionals: { required: 1, max: 1 },
  options: [
    { name: 'acks', type: 'string', valueName: 'all|1|0', defaultText: 'all', description: 'all: every in-sync replica (idempotent producer); 1: the leader; 0: no answer' },
    { name: 'key-separator', type: 'string', valueName: 'SEP', description: 'each line is KEY SEP VALUE (split at the first SEP); \\t is a tab' },
    { name: 'partition', type: 'string', valueName: 'P', description: 'write every record to partition P (default: by key, sticky without one)' },
  ],
  details: [
    'Reads stdin as a stream; an empty line is an empty record, a final line needs no newline, CRLF is accepted.',
    'Exit codes: 0 when every record was acknowledged (acks 0: sent); 1 otherwise, naming the failed',
    'lines on stderr (at most 10 lines, then a count); 1 for an unknown topic or an unreachable cluster; 2 for bad flags.',
    'Ctrl-C stops reading, waits for what was sent, and reports as above.',
  ].join('\n'),
  async run(context) {
    const { io, parsed } = context;
    const topic = parsed.positionals[0]!;
    const acks = parseAcks(stringValue(parsed, 'acks'));
    const separator = parseKeySeparator(stringValue(parsed, 'key-separator'));
    const rawPartition = stringValue(parsed, 'partition');
    const partition = rawPartition === undefined ? undefined : parseIntegerOption('partition', rawPartition, { min: 0, max: 2 ** 31 - 1 });
    context.bootstrapAddresses();
    if (io.stdin === undefined) throw new UsageError('produce: no standard input');

    const samsa = context.broker();
    const partitionCount = await topicPartitionCount(samsa, topic);
    if (partition !== undefined) checkPartition(topic, partition, partitionCount);
    const producer = samsa.producer({ acks });
    return produceLines({ io, topic, partition, separator, send: (records) => producer.send(topic, records), flush: () => producer.flush() });
  },
};

export interface ProduceLinesOptions {
  readonly io: CommandIo;
  readonly topic: string;
  readonly partition: number | undefined;
  readonly separator: Buffer | undefined;
  readonly send: (records: ProducerRecord[]) => Promise<unknown>;
  readonly flush: () => Promise<void>;
}

/** The produce loop, apart from the client so tests can drive it: resolves to the exit code. */
export async function produceLines(options: ProduceLinesOptions): Promise<number> {
  const { io, partition, separator } = options;
  const failures: ProduceFailure[] = [];
  let failedRecords = 0;
  let totalRecords = 0;
  let inFlightRecords = 0;
  let inFlightBytes = 0;
  let wake: (() => void) | undefined;
  const pending = new Set<Promise<void>>();
  // Ctrl-C stops reading even while a read is waiting for input (the read is abandoned).
  let interrupt: () => void = () => {};
  const interrupted = new Promise<'interrupted'>((resolve) => {
    interrupt = () => resolve('interrupted');
  });
  const removeInterrupt = io.onInterrupt?.(() => interrupt());
  const fail = (failure: ProduceFailure, records: number) => {
    failures.push(failure);
    failedRecords += records;
  };
  try {
    const input = lineChunks(io.stdin!)[Symbol.asyncIterator]();
    for (;;) {
      const next = await Promise.race([input.next(), interrupted]);
      if (next === 'interrupted' || next.done === true) break;
      const chunk = next.value;
      const records: ProducerRecord[] = [];
      let bytes = 0;
      let first = chunk.firstLine;
      const flushRun = (lastLine: number) => {
        if (records.length === 0) return;
        const batch = records.splice(0);
        const batchBytes = bytes;
        const [from, to] = [first, lastLine];
        bytes = 0;
        inFlightRecords += batch.length;
        inFlightBytes += batchBytes;
        const sent: Promise<void> = options.send(batch).then(
          () => undefined,
          (error: unknown) => fail({ first: from, last: to, reason: errorLine(error) }, batch.length),
        ).finally(() => {
          inFlightRecords -= batch.length;
          inFlightBytes -= batchBytes;
          pending.delete(sent);
          wake?.();
        });
        pending.add(sent);
      };
      chunk.lines.forEach((line, index) => {
        const lineNumber = chunk.firstLine + index;
        totalRecords += 1;
        if (separator === undefined) {
          records.push(partition === undefined ? { value: line } : { value: line, partition });
          bytes += line.length;
          return;
        }
        const split = splitKey(line, separator);
        if (split === undefined) {
          // Send what came before, so the records around the bad line keep their order.
          flushRun(lineNumber - 1);
          fail({ first: lineNumber, last: lineNumber, reason: `no key separator ${JSON.stringify(separator.toString())} in the line` }, 1);
          first = lineNumber + 1;
          return;
        }
        records.push(partition === undefined ? split : { ...split, partition });
        bytes += line.length;
      });
      flushRun(chunk.firstLine + chunk.lines.length - 1);
      // Backpressure: stop reading stdin while too much is unacknowledged.
      while (inFlightRecords > IN_FLIGHT_RECORDS_MAX || inFlightBytes > IN_FLIGHT_BYTES_MAX) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
      }
    }
  } catch (error) {
    if (!(error instanceof LineTooLongError)) throw error;
    fail({ first: error.line, last: error.line, reason: `${error.message}; stopped reading` }, 1);
    totalRecords += 1;
  } finally {
    removeInterrupt?.();
  }
  await options.flush();
  await Promise.all(pending);
  if (failures.length === 0) return 0;
  failures.sort((a, b) => a.first - b.first);
  io.stderr(failureReport(failures, failedRecords, totalRecords));
  return 1;
}

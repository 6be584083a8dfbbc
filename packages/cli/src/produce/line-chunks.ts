/**
 * Splits a byte stream into lines, as `samsa produce` reads stdin: `\n` ends a line and a
 * `\r` before it is dropped (CRLF input), the last line needs no newline, and an empty line
 * is an empty record (as Kafka's console producer). Lines come out in chunks of at most
 * `maxLines` lines or about `maxBytes` bytes, never more than one input chunk ahead, so a
 * consumer that awaits between chunks holds the stream back (backpressure) and the input is
 * never buffered whole.
 */
export interface LineChunk {
  readonly lines: Buffer[];
  /** The 1-based line number of `lines[0]`. */
  readonly firstLine: number;
}

export interface LineChunkOptions {
  readonly maxLines?: number;
  readonly maxBytes?: number;
  /** A line longer than this is an error (it would not fit in a record anyway). */
  readonly maxLineBytes?: number;
}

export class LineTooLongError extends Error {
  constructor(
    readonly line: number,
    readonly limit: number,
  ) {
    super(`line ${line} is longer than ${limit} bytes`);
  }
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

export async function* lineChunks(input: AsyncIterable<Buffer | string>, options: LineChunkOptions = {}): AsyncGenerator<LineChunk> {
  const maxLines = options.maxLines ?? 1000;
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const maxLineBytes = options.maxLineBytes ?? 64 * 1024 * 1024;
  let partial: Buffer[] = [];
  let partialBytes = 0;
  let lineNumber = 1;
  let lines: Buffer[] = [];
  let bytes = 0;
  const take = (): LineChunk => {
    const chunk = { lines, firstLine: lineNumber - lines.length };
    lines = [];
    bytes = 0;
    return chunk;
  };
  const push = (line: Buffer): void => {
    lines.push(line.length > 0 && line[line.length - 1] === CARRIAGE_RETURN ? line.subarray(0, line.length - 1) : line);
    bytes += line.length;
    lineNumber += 1;
  };
  for await (const piece of input) {
    const data = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
    let start = 0;
    for (let end = data.indexOf(NEWLINE); end !== -1; end = data.indexOf(NEWLINE, start)) {
      let line = data.subarray(start, end);
      if (partial.length > 0) {
        line = Buffer.concat([...partial, line]);
        partial = [];
        partialBytes = 0;
      }
      if (line.length > maxLineBytes) throw new LineTooLongError(lineNumber, maxLineBytes);
      push(line);
      start = end + 1;
      if (lines.length >= maxLines || bytes >= maxBytes) yield take();
    }
    if (start < data.length) {
      // Copy: the rest of this chunk must not pin the chunk, and it is usually short.
      partial.push(Buffer.from(data.subarray(start)));
      partialBytes += data.length - start;
      if (partialBytes > maxLineBytes) throw new LineTooLongError(lineNumber, maxLineBytes);
    }
    if (lines.length > 0) yield take();
  }
  if (partial.length > 0) push(Buffer.concat(partial));
  if (lines.length > 0) yield take();
}

/**
 * `--key-separator`: the key is what comes before the first separator, the value what comes
 * after. Without the separator in the line, undefined (the caller reports that line).
 */
export function splitKey(line: Buffer, separator: Buffer): { key: Buffer; value: Buffer } | undefined {
  const at = line.indexOf(separator);
  if (at === -1) return undefined;
  return { key: line.subarray(0, at), value: line.subarray(at + separator.length) };
}

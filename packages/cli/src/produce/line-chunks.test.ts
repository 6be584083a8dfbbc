import { Readable } from 'node:stream';
import { LineTooLongError, lineChunks, splitKey } from './line-chunks';

async function collect(pieces: (string | Buffer)[], options = {}): Promise<{ lines: string[]; firsts: number[] }> {
  const lines: string[] = [];
  const firsts: number[] = [];
  for await (const chunk of lineChunks(Readable.from(pieces.map((piece) => (typeof piece === 'string' ? Buffer.from(piece) : piece))), options)) {
    firsts.push(chunk.firstLine);
    lines.push(...chunk.lines.map((line) => line.toString()));
  }
  return { lines, firsts };
}

describe('lineChunks', () => {
  test('splits on newlines across input chunks, drops CR before LF, keeps a last line without newline', async () => {
    expect((await collect(['a\nb', 'c\r\n', '\nd'])).lines).toEqual(['a', 'bc', '', 'd']);
  });

  test('a trailing newline adds no empty record; empty input gives nothing', async () => {
    expect((await collect(['x\n'])).lines).toEqual(['x']);
    expect((await collect([])).lines).toEqual([]);
  });

  test('chunks carry their first line number and respect maxLines', async () => {
    const { lines, firsts } = await collect(['1\n2\n3\n4\n5\n'], { maxLines: 2 });
    expect(lines).toEqual(['1', '2', '3', '4', '5']);
    expect(firsts).toEqual([1, 3, 5]);
  });

  test('a line longer than maxLineBytes is an error naming it', async () => {
    await expect(collect(['ok\n', 'x'.repeat(20), 'y'], { maxLineBytes: 10 })).rejects.toEqual(new LineTooLongError(2, 10));
  });

  test('it pulls the input lazily (backpressure): no more than one input chunk ahead', async () => {
    let pulled = 0;
    async function* source() {
      for (let index = 0; index < 100; index += 1) {
        pulled += 1;
        yield Buffer.from(`${index}\n`);
      }
    }
    const iterator = lineChunks(source())[Symbol.asyncIterator]();
    await iterator.next();
    await iterator.next();
    expect(pulled).toBe(2);
    await iterator.return?.(undefined);
  });
});

describe('splitKey', () => {
  test('splits at the first separator; undefined without one', () => {
    const split = splitKey(Buffer.from('k1::v::w'), Buffer.from('::'));
    expect(split?.key.toString()).toBe('k1');
    expect(split?.value.toString()).toBe('v::w');
    expect(splitKey(Buffer.from('nokey'), Buffer.from('\t'))).toBeUndefined();
    expect(splitKey(Buffer.from('\tv'), Buffer.from('\t'))?.key.toString()).toBe('');
  });
});

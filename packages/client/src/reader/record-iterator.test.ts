import { RecordIterator, type RecordSource } from './record-iterator';

/** A source answering fetches from a script: arrays of records, or errors to throw. */
class ScriptedSource implements RecordSource<number> {
  closed = false;
  fetches = 0;
  constructor(private readonly script: (number[] | Error)[]) {}

  async fetch(): Promise<number[]> {
    const step = this.script[this.fetches++];
    if (step === undefined) return [];
    if (step instanceof Error) throw step;
    return step;
  }

  isClosed(): boolean {
    return this.closed || this.fetches > this.script.length + 3; // ends a test that over-reads
  }
}

async function collect(iterator: AsyncIterable<number>, limit = 100): Promise<number[]> {
  const out: number[] = [];
  for await (const value of iterator) {
    out.push(value);
    if (out.length === limit) break;
  }
  return out;
}

describe('RecordIterator', () => {
  it('hands out every record in order, skipping empty fetches, until the source closes', async () => {
    const source = new ScriptedSource([[1, 2], [], [3], [4, 5, 6]]);
    expect(await collect(new RecordIterator(source))).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('fetches again only after the last buffered record was handed out', async () => {
    const source = new ScriptedSource([[1, 2, 3], [4]]);
    const iterator = new RecordIterator(source);
    await iterator.next();
    await iterator.next();
    await iterator.next();
    expect(source.fetches).toBe(1);
    expect(await iterator.next()).toEqual({ value: 4, done: false });
    expect(source.fetches).toBe(2);
  });

  it('sees close() between buffered records', async () => {
    const source = new ScriptedSource([[1, 2, 3]]);
    const iterator = new RecordIterator(source);
    expect(await iterator.next()).toEqual({ value: 1, done: false });
    source.closed = true;
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });

  it('rejects one next() with a fetch error and is done afterwards', async () => {
    const failure = new Error('broker gone');
    const iterator = new RecordIterator(new ScriptedSource([[1], failure, [2]]));
    expect(await iterator.next()).toEqual({ value: 1, done: false });
    await expect(iterator.next()).rejects.toBe(failure);
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });

  it('answers overlapping next() calls in order, with one fetch at a time', async () => {
    const source = new ScriptedSource([[1], [2, 3]]);
    const iterator = new RecordIterator(source);
    const results = await Promise.all([iterator.next(), iterator.next(), iterator.next()]);
    expect(results.map((result) => result.value)).toEqual([1, 2, 3]);
    expect(source.fetches).toBe(2);
  });

  it('ends on break (return()), dropping what was buffered', async () => {
    const source = new ScriptedSource([[1, 2, 3]]);
    const iterator = new RecordIterator(source);
    expect(await collect(iterator, 1)).toEqual([1]);
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });
});

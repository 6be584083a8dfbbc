import { Readable } from 'node:stream';
import type { ProducerRecord } from '@samsa/client';
import { SamsaError } from '@samsa/protocol';
import { UsageError } from '../command-line/usage-error';
import { failureReport, parseAcks, parseKeySeparator, produceLines } from './produce';

function io(input: string) {
  const out = { stderr: '' };
  return { out, io: { stdout: () => undefined, stderr: (text: string) => void (out.stderr += text), env: {}, stdin: Readable.from([Buffer.from(input)]) } };
}

describe('produce flags', () => {
  test('--acks takes all, -1, 1 and 0', () => {
    expect(parseAcks(undefined)).toBe('all');
    expect(parseAcks('-1')).toBe('all');
    expect(parseAcks('1')).toBe(1);
    expect(parseAcks('0')).toBe(0);
    expect(() => parseAcks('2')).toThrow(new UsageError('invalid --acks: expected all, 1 or 0, got "2"'));
  });

  test('--key-separator: \\t is a tab, empty is refused', () => {
    expect(parseKeySeparator('\\t')).toEqual(Buffer.from('\t'));
    expect(parseKeySeparator(':')).toEqual(Buffer.from(':'));
    expect(() => parseKeySeparator('')).toThrow(UsageError);
  });
});

describe('produceLines', () => {
  test('sends every line with its key, in order, and exits 0', async () => {
    const sent: ProducerRecord[] = [];
    const { io: fake, out } = io('a:1\nb:2\n:3\n');
    const code = await produceLines({ io: fake, topic: 't', partition: 2, separator: Buffer.from(':'), send: async (records) => void sent.push(...records), flush: async () => undefined });
    expect(code).toBe(0);
    expect(out.stderr).toBe('');
    expect(sent.map((record) => [String(record.key), String(record.value), record.partition])).toEqual([['a', '1', 2], ['b', '2', 2], ['', '3', 2]]);
  });

  test('a line without the separator and a refused send are named on stderr, exit 1', async () => {
    const { io: fake, out } = io('a:1\nbad\nc:3\n');
    const code = await produceLines({
      io: fake,
      topic: 't',
      partition: undefined,
      separator: Buffer.from(':'),
      send: async (records) => {
        if (String(records[0]!.key) === 'c') throw new SamsaError('NOT_ENOUGH_REPLICAS', 'only 1 in sync');
      },
      flush: async () => undefined,
    });
    expect(code).toBe(1);
    expect(out.stderr).toBe(
      [
        'samsa: produce: line 2 not acknowledged: no key separator ":" in the line',
        'samsa: produce: line 3 not acknowledged: NOT_ENOUGH_REPLICAS: only 1 in sync',
        'samsa: produce: 2 of 3 records were not acknowledged',
        '',
      ].join('\n'),
    );
  });

  test('the failure report is bounded', () => {
    const failures = Array.from({ length: 25 }, (_, index) => ({ first: index * 10 + 1, last: index * 10 + 10, reason: 'samsa: REQUEST_TIMED_OUT: slow' }));
    const text = failureReport(failures, 250, 1000);
    expect(text.split('\n')).toHaveLength(13);
    expect(text).toContain('samsa: produce: lines 1-10 not acknowledged: REQUEST_TIMED_OUT: slow\n');
    expect(text).toContain('samsa: produce: ... and 15 more failures\n');
    expect(text.endsWith('samsa: produce: 250 of 1000 records were not acknowledged\n')).toBe(true);
  });
});

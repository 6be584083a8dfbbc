import type { ConsumedRecord } from '@samsa/client';
import { formatRecordJson, formatRecordPlain } from './record-output';

const record: ConsumedRecord = {
  topic: 'orders',
  partition: 3,
  offset: 9007199254740993n,
  timestamp: 1700000000123n,
  key: Buffer.from('k1'),
  value: Buffer.from('héllo'),
  headers: [{ key: 'h', value: Buffer.from('1') }, { key: 'h', value: null }],
};

test('plain output is the value alone, null for a null value', () => {
  expect(formatRecordPlain(record)).toBe('héllo\n');
  expect(formatRecordPlain({ ...record, value: null })).toBe('null\n');
});

test('--json: the DESIGN keys, int64 fields as strings, headers in order', () => {
  expect(formatRecordJson(record)).toBe(
    '{"topic":"orders","partition":3,"offset":"9007199254740993","timestamp":"1700000000123","key":"k1","value":"héllo","headers":[{"key":"h","value":"1"},{"key":"h","value":null}]}\n',
  );
  expect(JSON.parse(formatRecordJson({ ...record, key: null, value: null, headers: [] }))).toMatchObject({ key: null, value: null, headers: [] });
});

import type { ConsumedRecord } from '@samsa/client';

/**
 * `samsa consume` output. Plain: the value alone, one per line (Kafka's console consumer
 * default), `null` for a null value. `--json`: one object a line,
 * `{"topic","partition","offset","timestamp","key","value","headers"}`, where offset and
 * timestamp are decimal strings (int64 values do not all fit a JSON number), key and value
 * are UTF-8 text or null, and headers a list of `{"key","value"}` in written order (keys may
 * repeat). Bytes that are not UTF-8 come out as U+FFFD, as with Kafka's StringDeserializer.
 */
export function formatRecordPlain(record: ConsumedRecord): string {
  return `${record.value === null ? 'null' : record.value.toString('utf8')}\n`;
}

export interface RecordJson {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly timestamp: string;
  readonly key: string | null;
  readonly value: string | null;
  readonly headers: readonly { readonly key: string; readonly value: string | null }[];
}

export function recordJson(record: ConsumedRecord): RecordJson {
  return {
    topic: record.topic,
    partition: record.partition,
    offset: record.offset.toString(),
    timestamp: record.timestamp.toString(),
    key: record.key === null ? null : record.key.toString('utf8'),
    value: record.value === null ? null : record.value.toString('utf8'),
    headers: record.headers.map((header) => ({ key: header.key, value: header.value === null ? null : header.value.toString('utf8') })),
  };
}

export function formatRecordJson(record: ConsumedRecord): string {
  return `${JSON.stringify(recordJson(record))}\n`;
}

import * as path from 'node:path';
import * as protoLoader from '@grpc/proto-loader';
import fc from 'fast-check';
import { PROTO_OPTIONS, protoRoot } from '../proto-services';
import { FETCH_REQUEST, FETCH_RESPONSE, PRODUCE_REQUEST, PRODUCE_RESPONSE, REPLICA_FETCH_REQUEST, REPLICA_FETCH_RESPONSE } from './hot-messages';
import { decodeMessage, encodeMessage, WireFormatError } from './message-codec';
import type { FieldSpec, MessageSchema } from './message-schema';

// The hand codecs against proto-loader (protobufjs) reading the same broker.proto with the
// options every Samsa process uses: same schema, same bytes understood both ways.

const root = protoRoot();
const definition = protoLoader.loadSync([path.join(root, 'samsa', 'v1', 'broker.proto')], { ...PROTO_OPTIONS, includeDirs: [root] });

interface DescriptorField {
  name: string;
  number: number;
  label: string;
  type: string;
  typeName: string;
}

/** protobufjs's serializer and deserializer of a message type, from proto-loader's definition. */
function reference(fullName: string) {
  const type = (definition[fullName] as unknown as { type: { field: DescriptorField[] } }).type;
  return type;
}

const HOT = [PRODUCE_REQUEST, PRODUCE_RESPONSE, FETCH_REQUEST, FETCH_RESPONSE, REPLICA_FETCH_REQUEST, REPLICA_FETCH_RESPONSE];

/** The method whose request or response is `schema`, with protobufjs's codecs. */
function protobufjsCodec(schema: MessageSchema): { encode: (value: object) => Buffer; decode: (bytes: Buffer) => unknown } {
  const broker = definition['samsa.broker.v1.Broker'] as protoLoader.ServiceDefinition;
  const replication = definition['samsa.broker.v1.Replication'] as protoLoader.ServiceDefinition;
  const shortName = schema.fullName.split('.').pop();
  const nameOf = (type: protoLoader.MessageTypeDefinition<object, object>) => (type.type as { name: string }).name;
  for (const method of [broker['Produce']!, broker['Fetch']!, replication['Fetch']!]) {
    if (nameOf(method.requestType) === shortName) return { encode: method.requestSerialize, decode: method.requestDeserialize };
    if (nameOf(method.responseType) === shortName) return { encode: method.responseSerialize, decode: method.responseDeserialize };
  }
  throw new Error(`no hot method carries ${schema.fullName}`);
}

const SCALAR_TYPES: Record<string, string> = { int32: 'TYPE_INT32', int64: 'TYPE_INT64', string: 'TYPE_STRING', bytes: 'TYPE_BYTES' };

function camel(name: string): string {
  return name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

function checkSchema(schema: MessageSchema): void {
  const fields = reference(schema.fullName).field;
  expect(schema.fields.map((field) => [field.number, field.name, field.repeated === true]).sort()).toEqual(fields.map((field) => [field.number, camel(field.name), field.label === 'LABEL_REPEATED']).sort());
  for (const field of schema.fields) {
    const described = fields.find((candidate) => candidate.number === field.number)!;
    if (typeof field.type === 'string') expect([field.name, described.type]).toEqual([field.name, SCALAR_TYPES[field.type]]);
    else {
      expect([field.name, described.typeName]).toEqual([field.name, field.type.fullName.split('.').pop()]);
      checkSchema(field.type);
    }
  }
}

/** Arbitrary messages of `schema`, with every field present or absent, and extreme integers. */
function arbitraryOf(schema: MessageSchema, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const entries: Record<string, fc.Arbitrary<unknown>> = {};
  for (const field of schema.fields) {
    // Repeated messages have no null items; a single message field may be unset (null).
    const single = field.repeated && typeof field.type !== 'string' ? arbitraryOf(field.type, depth + 1) : valueOf(field, depth);
    entries[field.name] = field.repeated ? fc.array(single, { maxLength: 3 }) : single;
  }
  return fc.record(entries, { requiredKeys: [] });
}

function valueOf(field: FieldSpec, depth: number): fc.Arbitrary<unknown> {
  switch (field.type) {
    case 'int32':
      return fc.oneof(fc.integer(), fc.constantFrom(0, -1, 2147483647, -2147483648));
    case 'int64':
      return fc.oneof(fc.maxSafeInteger(), fc.constantFrom(0, -1, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 2 ** 32, -(2 ** 31)));
    case 'string':
      return fc.string({ unit: 'grapheme', maxLength: 12 });
    case 'bytes':
      return fc.uint8Array({ maxLength: 40 }).map((bytes) => Buffer.from(bytes));
    default:
      return depth > 3 ? fc.constant(null) : fc.option(arbitraryOf(field.type, depth + 1), { nil: null });
  }
}

describe('hand codecs of the hot messages', () => {
  test.each(HOT.map((schema) => [schema.fullName, schema]))('%s matches broker.proto field for field', (_name, schema) => {
    checkSchema(schema);
  });

  test.each(HOT.map((schema) => [schema.fullName, schema]))('%s: protobufjs reads what the hand codec writes, and the other way round', (_name, schema) => {
    const protobufjs = protobufjsCodec(schema);
    fc.assert(
      fc.property(arbitraryOf(schema), (message) => {
        const expected = protobufjs.decode(protobufjs.encode(message));
        expect(protobufjs.decode(encodeMessage(schema, message))).toEqual(expected);
        expect(decodeMessage(schema, protobufjs.encode(message))).toEqual(expected);
        expect(decodeMessage(schema, encodeMessage(schema, message))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  test('unknown fields of every wire type are skipped', () => {
    const message = { acks: -1, timeoutMs: 30_000, topics: [{ name: 'orders', partitions: [{ partition: 2, records: Buffer.from('batch') }] }] };
    const bytes = encodeMessage(PRODUCE_REQUEST, message);
    // Field numbers above 15 need two tag bytes: write them properly.
    const tags = Buffer.concat([tagged(99, 0, Buffer.from([0x96, 0x01])), tagged(98, 1, Buffer.alloc(8, 1)), tagged(97, 2, Buffer.from([3, 0x61, 0x62, 0x63])), tagged(96, 5, Buffer.alloc(4, 2))]);
    expect(decodeMessage(PRODUCE_REQUEST, Buffer.concat([tags, bytes, tags]))).toEqual(decodeMessage(PRODUCE_REQUEST, bytes));
  });

  test('records decode as views of the received bytes, not copies', () => {
    const bytes = encodeMessage(FETCH_RESPONSE, { topics: [{ name: 't', partitions: [{ partition: 0, records: Buffer.alloc(1000, 7) }] }] });
    const decoded = decodeMessage<{ topics: { partitions: { records: Buffer }[] }[] }>(FETCH_RESPONSE, bytes);
    const records = decoded.topics[0]!.partitions[0]!.records;
    expect(records.buffer).toBe(bytes.buffer);
    expect(records.length).toBe(1000);
  });

  test('truncated or malformed input is a WireFormatError', () => {
    const bytes = encodeMessage(FETCH_RESPONSE, { topics: [{ name: 'orders', partitions: [{ partition: 0, records: Buffer.alloc(100, 1) }] }] });
    for (let cut = 1; cut < bytes.length; cut += 7) expect(() => decodeMessage(FETCH_RESPONSE, bytes.subarray(0, cut))).toThrow(WireFormatError);
    expect(() => decodeMessage(FETCH_RESPONSE, Buffer.from([0x0b]))).toThrow(WireFormatError); // wire type 3 (groups)
    expect(() => decodeMessage(FETCH_RESPONSE, Buffer.from([0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]))).toThrow(WireFormatError);
  });
});

function tagged(number: number, wireType: number, body: Buffer): Buffer {
  const tag: number[] = [];
  let value = number * 8 + wireType;
  while (value >= 128) {
    tag.push((value % 128) | 0x80);
    value = Math.floor(value / 128);
  }
  tag.push(value);
  return Buffer.concat([Buffer.from(tag), body]);
}

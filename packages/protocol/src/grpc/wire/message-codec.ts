// Protobuf encoding and decoding driven by a MessageSchema, producing and accepting exactly
// the objects proto-loader does with Samsa's options (camelCase, int64 as numbers, every
// field present on decode, unset messages null) so callers cannot tell the difference. What
// it does differently is the point: `bytes` fields decode to views of the received buffer
// (record batches are never copied on the way in), and encoding measures the message once
// and writes it into one buffer (record batches are copied once, into the message).
import { AssertionError } from '../../assert';
import { type FieldSpec, type FieldType, type MessageSchema, WireType, wireTypeOf } from './message-schema';

type Message = Record<string, unknown>;

const EMPTY = Buffer.alloc(0);
const TWO_32 = 4294967296;

/** Bytes of an unsigned varint (a value below 2^53, or a negative int as its 10-byte form). */
function varintSize(value: number): number {
  if (value < 0) return 10;
  let size = 1;
  while (value >= 128) {
    value = Math.floor(value / 128);
    size++;
  }
  return size;
}

function toInteger(value: unknown, field: FieldSpec): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint' || typeof value === 'string') return Number(value);
  if (value !== null && typeof value === 'object' && 'low' in value && 'high' in value) {
    const long = value as { low: number; high: number };
    return long.high * TWO_32 + (long.low >>> 0);
  }
  throw new TypeError(`${field.name}: expected an integer, got ${typeof value}`);
}

function isUnset(value: unknown): boolean {
  return value === undefined || value === null;
}

/** The encoded size of every length-delimited value, in the order `write` meets them. */
interface Sizes {
  readonly list: number[];
}

function scalarBodySize(type: 'int32' | 'int64' | 'string' | 'bytes', value: unknown, field: FieldSpec): number {
  switch (type) {
    case 'int32':
    case 'int64':
      return varintSize(toInteger(value, field));
    case 'string':
      return Buffer.byteLength(value as string, 'utf8');
    case 'bytes':
      return (value as Uint8Array).length;
  }
}

/** Whether proto3 writes the value at all: scalars only when not their default. */
function present(type: FieldType, value: unknown): boolean {
  if (isUnset(value)) return false;
  if (typeof type !== 'string') return true;
  if (type === 'string') return (value as string).length > 0;
  if (type === 'bytes') return (value as Uint8Array).length > 0;
  return value !== 0 && value !== '0' && value !== 0n;
}

function messageSize(schema: MessageSchema, message: Message, sizes: Sizes): number {
  let total = 0;
  for (const field of schema.fields) {
    const value = message[field.name];
    if (field.repeated) {
      if (isUnset(value)) continue;
      for (const item of value as unknown[]) total += fieldSize(field, item, sizes);
    } else if (present(field.type, value)) {
      total += fieldSize(field, value, sizes);
    }
  }
  return total;
}

function fieldSize(field: FieldSpec, value: unknown, sizes: Sizes): number {
  const tagSize = varintSize(field.number * 8);
  if (typeof field.type !== 'string') {
    const slot = sizes.list.length;
    sizes.list.push(0);
    const body = messageSize(field.type, (value ?? {}) as Message, sizes);
    sizes.list[slot] = body;
    return tagSize + varintSize(body) + body;
  }
  const body = scalarBodySize(field.type, value, field);
  if (field.type === 'string' || field.type === 'bytes') return tagSize + varintSize(body) + body;
  return tagSize + body;
}

class Writer {
  position = 0;
  sizeIndex = 0;
  constructor(
    readonly buffer: Buffer,
    readonly sizes: Sizes,
  ) {}

  varint(value: number): void {
    const buffer = this.buffer;
    if (value < 0) {
      // Negative int32 and int64: two's complement over 64 bits, ten bytes.
      let low = value >>> 0;
      let high = Math.floor(value / TWO_32) >>> 0;
      for (let index = 0; index < 9; index++) {
        buffer[this.position++] = (low & 0x7f) | 0x80;
        low = ((low >>> 7) | (high << 25)) >>> 0;
        high >>>= 7;
      }
      buffer[this.position++] = low & 0x01;
      return;
    }
    while (value >= 128) {
      buffer[this.position++] = (value % 128) | 0x80;
      value = Math.floor(value / 128);
    }
    buffer[this.position++] = value;
  }

  message(schema: MessageSchema, message: Message): void {
    for (const field of schema.fields) {
      const value = message[field.name];
      if (field.repeated) {
        if (isUnset(value)) continue;
        for (const item of value as unknown[]) this.field(field, item);
      } else if (present(field.type, value)) {
        this.field(field, value);
      }
    }
  }

  private field(field: FieldSpec, value: unknown): void {
    const type = field.type;
    this.varint(field.number * 8 + wireTypeOf(type));
    if (typeof type !== 'string') {
      this.varint(this.sizes.list[this.sizeIndex++]!);
      this.message(type, (value ?? {}) as Message);
      return;
    }
    switch (type) {
      case 'int32':
      case 'int64':
        this.varint(isUnset(value) ? 0 : toInteger(value, field));
        return;
      case 'string': {
        const length = Buffer.byteLength(value as string, 'utf8');
        this.varint(length);
        this.position += this.buffer.write(value as string, this.position, length, 'utf8');
        return;
      }
      case 'bytes': {
        const bytes = value as Uint8Array;
        this.varint(bytes.length);
        this.buffer.set(bytes, this.position);
        this.position += bytes.length;
        return;
      }
    }
  }
}

/** The message's protobuf bytes, in one buffer measured first. */
export function encodeMessage(schema: MessageSchema, message: object): Buffer {
  const sizes: Sizes = { list: [] };
  const size = messageSize(schema, message as Message, sizes);
  const writer = new Writer(Buffer.allocUnsafe(size), sizes);
  writer.message(schema, message as Message);
  if (writer.position !== size) throw new AssertionError(`${schema.fullName}: wrote ${writer.position} bytes of the ${size} measured`);
  return writer.buffer;
}

/** A protobuf decode error: the bytes are not the message they claim to be. */
export class WireFormatError extends Error {
  override readonly name = 'WireFormatError';
}

class Reader {
  constructor(
    readonly buffer: Buffer,
    public position: number,
    readonly end: number,
  ) {}

  /** An unsigned varint below 2^49 on the fast path; longer ones as a signed int64 (negative ints). */
  varint(): number {
    const buffer = this.buffer;
    const start = this.position;
    let result = 0;
    let multiplier = 1;
    for (let index = 0; index < 7; index++) {
      if (this.position >= this.end) throw new WireFormatError('a varint runs past the end of its message');
      const byte = buffer[this.position++]!;
      result += (byte & 0x7f) * multiplier;
      if (byte < 0x80) return result;
      multiplier *= 128;
    }
    this.position = start;
    return this.longVarint();
  }

  private longVarint(): number {
    let value = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (this.position >= this.end) throw new WireFormatError('a varint runs past the end of its message');
      const byte = this.buffer[this.position++]!;
      value |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) return Number(BigInt.asIntN(64, value));
    }
    throw new WireFormatError('a varint longer than 10 bytes');
  }

  lengthDelimited(): [number, number] {
    const length = this.varint();
    const start = this.position;
    if (length < 0 || start + length > this.end) throw new WireFormatError(`a field of ${length} bytes runs past the end of its message`);
    this.position = start + length;
    return [start, start + length];
  }

  skip(wireType: number): void {
    switch (wireType) {
      case WireType.varint:
        this.varint();
        return;
      case WireType.fixed64:
        this.position += 8;
        break;
      case WireType.lengthDelimited:
        this.lengthDelimited();
        return;
      case WireType.fixed32:
        this.position += 4;
        break;
      default:
        throw new WireFormatError(`wire type ${wireType} is not supported`);
    }
    if (this.position > this.end) throw new WireFormatError('a fixed-size field runs past the end of its message');
  }
}

/** Per schema: fields by number, and a fresh object with every default set. */
interface CompiledSchema {
  readonly byNumber: readonly (FieldSpec | undefined)[];
  readonly defaults: () => Message;
}

const compiled = new WeakMap<MessageSchema, CompiledSchema>();

function compile(schema: MessageSchema): CompiledSchema {
  let entry = compiled.get(schema);
  if (entry !== undefined) return entry;
  const byNumber: (FieldSpec | undefined)[] = [];
  for (const field of schema.fields) {
    // Repeated scalars are packed in proto3; no hot message has one, so none is supported.
    if (field.repeated && typeof field.type === 'string' && field.type !== 'string' && field.type !== 'bytes') throw new AssertionError(`${schema.fullName}.${field.name}: repeated ${field.type} is not supported`);
    byNumber[field.number] = field;
  }
  const defaults = () => {
    const message: Message = {};
    for (const field of schema.fields) {
      if (field.repeated) message[field.name] = [];
      else if (typeof field.type !== 'string') message[field.name] = null;
      else message[field.name] = field.type === 'string' ? '' : field.type === 'bytes' ? EMPTY : 0;
    }
    return message;
  };
  entry = { byNumber, defaults };
  compiled.set(schema, entry);
  return entry;
}

function decodeInto(schema: MessageSchema, reader: Reader): Message {
  const { byNumber, defaults } = compile(schema);
  const message = defaults();
  while (reader.position < reader.end) {
    const tag = reader.varint();
    const number = Math.floor(tag / 8);
    const wireType = tag & 7;
    const field = byNumber[number];
    if (field === undefined || wireType !== wireTypeOf(field.type)) {
      // Unknown fields (a newer peer) are skipped, as protobuf requires.
      reader.skip(wireType);
      continue;
    }
    const value = readValue(field, reader);
    if (field.repeated) (message[field.name] as unknown[]).push(value);
    else message[field.name] = value;
  }
  return message;
}

function readValue(field: FieldSpec, reader: Reader): unknown {
  const type = field.type;
  if (typeof type !== 'string') {
    const [start, end] = reader.lengthDelimited();
    return decodeInto(type, new Reader(reader.buffer, start, end));
  }
  switch (type) {
    case 'int32':
      return reader.varint() | 0;
    case 'int64':
      return reader.varint();
    case 'string': {
      const [start, end] = reader.lengthDelimited();
      return reader.buffer.toString('utf8', start, end);
    }
    case 'bytes': {
      const [start, end] = reader.lengthDelimited();
      return reader.buffer.subarray(start, end);
    }
  }
}

/** The message in `bytes`; `bytes` fields are views of `bytes`, not copies. */
export function decodeMessage<T>(schema: MessageSchema, bytes: Buffer): T {
  return decodeInto(schema, new Reader(bytes, 0, bytes.length)) as T;
}

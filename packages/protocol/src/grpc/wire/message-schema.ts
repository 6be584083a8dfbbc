// A protobuf message described as data, for the hand codecs of the hot methods (Produce,
// Fetch, the replica-fetch stream). The descriptions mirror proto/samsa/v1/broker.proto field
// for field; a test checks them against the .proto as proto-loader reads it.

/** The proto3 scalar types the hot messages use, and nested messages. */
export type FieldType = 'int32' | 'int64' | 'string' | 'bytes' | MessageSchema;

export interface FieldSpec {
  /** The field's number in the .proto. */
  readonly number: number;
  /** The JavaScript property: proto-loader's camelCase of the .proto name. */
  readonly name: string;
  readonly type: FieldType;
  readonly repeated?: boolean;
}

export interface MessageSchema {
  /** The fully qualified .proto name, for the cross-check and error messages. */
  readonly fullName: string;
  readonly fields: readonly FieldSpec[];
}

export const WireType = { varint: 0, fixed64: 1, lengthDelimited: 2, fixed32: 5 } as const;

export function wireTypeOf(type: FieldType): number {
  return type === 'int32' || type === 'int64' ? WireType.varint : WireType.lengthDelimited;
}

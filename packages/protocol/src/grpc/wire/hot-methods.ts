// The hot methods' definitions with the hand codecs in place of protobufjs: Broker.Produce,
// Broker.Fetch and the Replication.Fetch stream carry record batches, and protobufjs turned
// each batch into objects and copies on both sides. The bytes on the wire are the same
// protobuf (message-codec.test.ts checks it against protobufjs), so any client generated
// from proto/ still talks to Samsa. Every other method keeps proto-loader's codecs.
import * as grpc from '@grpc/grpc-js';
import { decodeMessage, encodeMessage } from './message-codec';
import { FETCH_REQUEST, FETCH_RESPONSE, PRODUCE_REQUEST, PRODUCE_RESPONSE, REPLICA_FETCH_REQUEST, REPLICA_FETCH_RESPONSE } from './hot-messages';
import type { MessageSchema } from './message-schema';

type ServiceConstructor = grpc.ServiceClientConstructor;

interface LoadedPackages {
  samsa: { broker: { v1: { Broker: unknown; Replication: unknown } } };
}

function handCoded(method: grpc.MethodDefinition<unknown, unknown>, request: MessageSchema, response: MessageSchema): grpc.MethodDefinition<unknown, unknown> {
  return {
    ...method,
    requestSerialize: (value: unknown) => encodeMessage(request, value as object),
    requestDeserialize: (bytes: Buffer) => decodeMessage(request, bytes),
    responseSerialize: (value: unknown) => encodeMessage(response, value as object),
    responseDeserialize: (bytes: Buffer) => decodeMessage(response, bytes),
  };
}

/** A service constructor like proto-loader's, with some methods' codecs replaced. */
function replaceCodecs(constructor: unknown, serviceName: string, replacements: Record<string, readonly [MessageSchema, MessageSchema]>): ServiceConstructor {
  const original = (constructor as ServiceConstructor).service;
  const definition: Record<string, grpc.MethodDefinition<unknown, unknown>> = { ...(original as Record<string, grpc.MethodDefinition<unknown, unknown>>) };
  for (const [name, [request, response]] of Object.entries(replacements)) {
    const method = original[name];
    if (method === undefined) throw new Error(`${serviceName}.${name} is not in the loaded service`);
    definition[name] = handCoded(method as grpc.MethodDefinition<unknown, unknown>, request, response);
  }
  return grpc.makeClientConstructor(definition as grpc.ServiceDefinition, serviceName);
}

/** The loaded packages with Broker and Replication rebuilt around the hand codecs. */
export function withHandCodecs<Loaded extends LoadedPackages>(loaded: Loaded): Loaded {
  const v1 = loaded.samsa.broker.v1;
  v1.Broker = replaceCodecs(v1.Broker, 'Broker', { Produce: [PRODUCE_REQUEST, PRODUCE_RESPONSE], Fetch: [FETCH_REQUEST, FETCH_RESPONSE] });
  v1.Replication = replaceCodecs(v1.Replication, 'Replication', { Fetch: [REPLICA_FETCH_REQUEST, REPLICA_FETCH_RESPONSE] });
  return loaded;
}

#!/usr/bin/env node
'use strict';
// ns per byte to encode and decode the hot messages with protobufjs (proto-loader) and with
// Samsa's hand codecs, for a Produce request of one batch and a Fetch response of six.
// Usage: npx tsc -b packages/protocol && node packages/protocol/scripts/bench-codecs.js [--json FILE]
const fs = require('node:fs');
const path = require('node:path');
const protoLoader = require('@grpc/proto-loader');
const { PROTO_OPTIONS, protoRoot } = require('../dist/grpc/proto-services');
const { encodeMessage, decodeMessage } = require('../dist/grpc/wire/message-codec');
const { PRODUCE_REQUEST, FETCH_RESPONSE } = require('../dist/grpc/wire/hot-messages');

const root = protoRoot();
const definition = protoLoader.loadSync([path.join(root, 'samsa', 'v1', 'broker.proto')], { ...PROTO_OPTIONS, includeDirs: [root] });
const broker = definition['samsa.broker.v1.Broker'];

function nsPerByte(operation, bytes) {
  const iterations = Math.max(20, Math.floor((512 * 1024 * 1024) / bytes));
  for (let index = 0; index < Math.min(iterations, 50); index++) operation();
  let best = Infinity;
  for (let run = 0; run < 5; run++) {
    const started = process.hrtime.bigint();
    for (let index = 0; index < iterations; index++) operation();
    best = Math.min(best, Number(process.hrtime.bigint() - started) / iterations / bytes);
  }
  return best;
}

const rows = [];
for (const batchBytes of [16 * 1024, 1024 * 1024]) {
  const produce = { acks: -1, timeoutMs: 30000, topics: [{ name: 'orders', partitions: [{ partition: 0, records: Buffer.alloc(batchBytes, 7) }] }] };
  const fetch = { topics: [{ name: 'orders', partitions: [0, 1, 2, 3, 4, 5].map((partition) => ({ partition, highWatermark: 123456, logStartOffset: 0, records: Buffer.alloc(batchBytes, 7) })) }] };
  for (const [message, value, schema, method, side] of [
    ['ProduceRequest', produce, PRODUCE_REQUEST, broker.Produce, 'request'],
    ['FetchResponse (6 partitions)', fetch, FETCH_RESPONSE, broker.Fetch, 'response'],
  ]) {
    const serialize = method[`${side}Serialize`];
    const deserialize = method[`${side}Deserialize`];
    const wire = serialize(value);
    rows.push({
      message,
      batchBytes,
      protobufjsEncode: nsPerByte(() => serialize(value), wire.length),
      protobufjsDecode: nsPerByte(() => deserialize(wire), wire.length),
      handEncode: nsPerByte(() => encodeMessage(schema, value), wire.length),
      handDecode: nsPerByte(() => decodeMessage(schema, wire), wire.length),
    });
  }
}
const format = (value) => value.toFixed(3).padStart(9);
console.log('message                        batch   protobufjs enc/dec ns/B   hand enc/dec ns/B');
for (const row of rows) {
  console.log(`${row.message.padEnd(30)} ${String(row.batchBytes / 1024).padStart(5)}K  ${format(row.protobufjsEncode)} ${format(row.protobufjsDecode)}   ${format(row.handEncode)} ${format(row.handDecode)}`);
}
const jsonIndex = process.argv.indexOf('--json');
if (jsonIndex > 0) fs.writeFileSync(process.argv[jsonIndex + 1], `${JSON.stringify({ rows }, null, 2)}\n`);

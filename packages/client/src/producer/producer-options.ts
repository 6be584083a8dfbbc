import { CompressionCodec } from '@samsa/protocol';
import { booleanOption, choiceOption, integerOption, rejectUnknownOptions } from '../options/validate';
import type { PartitionerFunction } from './partitioner';

export type Acks = 'all' | -1 | 0 | 1;
export type CompressionName = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';

export interface ProducerOptions {
  /** 'all' (or -1): every in-sync replica has the batch; 1: the leader has it; 0: no answer awaited. Default 'all'. */
  readonly acks?: Acks;
  /** How long a partition's batch waits for more records before it is sent. Default 5. */
  readonly lingerMs?: number;
  /** A batch closes once it holds about this many bytes of records. Default 131072 (128 KiB). */
  readonly batchBytes?: number;
  /** Upper bound of one Produce request (and of one record). Default 1048576 (1 MiB). */
  readonly maxRequestBytes?: number;
  readonly compression?: CompressionName;
  /** Producer id + per-partition sequences so retries never duplicate. Default: true with acks 'all'. */
  readonly idempotent?: boolean;
  /** Produce requests in flight per broker. Default 5 (at most 5 when idempotent). */
  readonly maxInFlight?: number;
  /** Bytes of records held (queued and in flight) before `send` waits. Default 33554432 (32 MiB). */
  readonly bufferBytes?: number;
  /** Retries of a batch after retriable errors, within deliveryTimeoutMs. Default Infinity. */
  readonly retries?: number;
  /** A record not acknowledged this long after `send` fails with DeliveryTimeoutError. Default 120000. */
  readonly deliveryTimeoutMs?: number;
  /** Per-request timeout; default the client's requestTimeoutMs. */
  readonly requestTimeoutMs?: number;
  /** 'murmur2' (Kafka's default partitioner, sticky for null keys) or a function. */
  readonly partitioner?: 'murmur2' | PartitionerFunction;
}

export interface ResolvedProducerOptions {
  readonly acks: -1 | 0 | 1;
  readonly lingerMs: number;
  readonly batchBytes: number;
  readonly maxRequestBytes: number;
  readonly compression: CompressionCodec;
  readonly idempotent: boolean;
  readonly maxInFlight: number;
  readonly bufferBytes: number;
  readonly retries: number;
  readonly deliveryTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly partitioner: PartitionerFunction | undefined;
}

export const PRODUCER_DEFAULTS = {
  lingerMs: 5,
  batchBytes: 128 * 1024,
  maxRequestBytes: 1024 * 1024,
  maxInFlight: 5,
  bufferBytes: 32 * 1024 * 1024,
  deliveryTimeoutMs: 120_000,
} as const;

const CODECS: Record<CompressionName, CompressionCodec> = {
  none: CompressionCodec.None,
  gzip: CompressionCodec.Gzip,
  snappy: CompressionCodec.Snappy,
  lz4: CompressionCodec.Lz4,
  zstd: CompressionCodec.Zstd,
};

const KNOWN = ['acks', 'lingerMs', 'batchBytes', 'maxRequestBytes', 'compression', 'idempotent', 'maxInFlight', 'bufferBytes', 'retries', 'deliveryTimeoutMs', 'requestTimeoutMs', 'partitioner'];

export function resolveProducerOptions(options: ProducerOptions, clientRequestTimeoutMs: number): ResolvedProducerOptions {
  if (options === null || typeof options !== 'object') throw new TypeError('producer options: expected an object');
  rejectUnknownOptions('producer', options, KNOWN);
  const acksChoice = choiceOption<Acks>('producer.acks', options.acks, 'all', ['all', -1, 0, 1]);
  const acks = acksChoice === 'all' ? -1 : acksChoice;
  // Kafka turns idempotence off by default when acks is not all, and refuses the explicit mix.
  const idempotent = booleanOption('producer.idempotent', options.idempotent, acks === -1);
  if (idempotent && acks !== -1) throw new RangeError(`producer.idempotent: idempotence needs acks 'all', got acks ${String(options.acks)}`);
  const maxInFlight = integerOption('producer.maxInFlight', options.maxInFlight, PRODUCER_DEFAULTS.maxInFlight, { min: 1, max: idempotent ? 5 : 1000 });
  const lingerMs = integerOption('producer.lingerMs', options.lingerMs, PRODUCER_DEFAULTS.lingerMs, { min: 0, max: 60_000 });
  const requestTimeoutMs = integerOption('producer.requestTimeoutMs', options.requestTimeoutMs, clientRequestTimeoutMs, { min: 1 });
  const deliveryTimeoutMs = integerOption('producer.deliveryTimeoutMs', options.deliveryTimeoutMs, Math.max(PRODUCER_DEFAULTS.deliveryTimeoutMs, lingerMs + requestTimeoutMs), { min: 1 });
  if (deliveryTimeoutMs < lingerMs + requestTimeoutMs && options.deliveryTimeoutMs !== undefined) {
    throw new RangeError(`producer.deliveryTimeoutMs: ${deliveryTimeoutMs} must be at least lingerMs + requestTimeoutMs (${lingerMs + requestTimeoutMs})`);
  }
  const maxRequestBytes = integerOption('producer.maxRequestBytes', options.maxRequestBytes, PRODUCER_DEFAULTS.maxRequestBytes, { min: 1024 });
  const batchBytes = integerOption('producer.batchBytes', options.batchBytes, Math.min(PRODUCER_DEFAULTS.batchBytes, maxRequestBytes), { min: 1, max: maxRequestBytes });
  const bufferBytes = integerOption('producer.bufferBytes', options.bufferBytes, PRODUCER_DEFAULTS.bufferBytes, { min: batchBytes });
  const compression = CODECS[choiceOption<CompressionName>('producer.compression', options.compression, 'none', Object.keys(CODECS) as CompressionName[])];
  const retries = integerOption('producer.retries', options.retries, Infinity, { min: 0, allowInfinity: true });
  const partitioner = options.partitioner;
  if (partitioner !== undefined && partitioner !== 'murmur2' && typeof partitioner !== 'function') {
    throw new TypeError(`producer.partitioner: expected 'murmur2' or a function, got ${typeof partitioner}`);
  }
  return {
    acks,
    lingerMs,
    batchBytes,
    maxRequestBytes,
    compression,
    idempotent,
    maxInFlight,
    bufferBytes,
    retries,
    deliveryTimeoutMs,
    requestTimeoutMs,
    partitioner: typeof partitioner === 'function' ? partitioner : undefined,
  };
}

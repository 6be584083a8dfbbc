/**
 * Defaults for the controller's timing and limits. Kafka uses a 2 s heartbeat and a 9 s
 * session; we want a dead broker found in a few seconds, while a busy 2-core machine (GC
 * pauses, a blocked event loop for a few hundred ms) must not fence live brokers. Six
 * missed heartbeats in a row is that margin.
 */
export const BROKER_HEARTBEAT_INTERVAL_MS_DEFAULT = 500;
export const BROKER_SESSION_TIMEOUT_MS_DEFAULT = 3000;

/** How many producer ids one AllocateProducerIds request hands out (Kafka's block size). */
export const PRODUCER_ID_BLOCK_SIZE = 1000;

/** A limit on everything: Kafka has none here, but a typo of 10^9 partitions should fail fast. */
export const PARTITION_COUNT_PER_TOPIC_MAX = 10_000;

/** Kafka's limit on topic name length. */
export const TOPIC_NAME_LENGTH_MAX = 249;

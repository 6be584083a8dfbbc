/**
 * What the broker's driver reads the time from (Kafka's `Time.milliseconds`): milliseconds
 * on a monotonic scale with an arbitrary origin, so only differences mean anything. The pure
 * partition logic never holds one; the driver reads it and passes `nowMs` in.
 */
export interface Clock {
  nowMs(): number;
}

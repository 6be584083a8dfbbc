/** Kafka's sequence arithmetic: int32 sequences wrap to 0 after 2^31 - 1. */
const INT32_MAX = 0x7fffffff;

export function incrementSequence(sequence: number, increment: number): number {
  if (sequence > INT32_MAX - increment) return increment - (INT32_MAX - sequence) - 1;
  return sequence + increment;
}

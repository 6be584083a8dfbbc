import { assert } from './assert';

/**
 * The only source of randomness the core sees. Injecting it keeps every run reproducible:
 * the same seed gives the same election timeouts and therefore the same history.
 */
export interface RandomSource {
  /** Returns a uniformly distributed unsigned 32-bit integer. */
  nextUint32(): number;
}

/** Returns an integer uniformly distributed in [0, bound), for bound in [1, 2^32]. */
export function randomBelow(random: RandomSource, bound: number): number {
  assert(Number.isInteger(bound) && bound >= 1 && bound <= 2 ** 32, `bad bound ${bound}`);
  // Multiply-shift maps 32 random bits onto the range with negligible bias for small bounds.
  return Math.floor((random.nextUint32() / 2 ** 32) * bound);
}

/**
 * xoshiro128** by Blackman and Vigna: tiny, fast, and statistically sound for simulation.
 * The 128-bit state is seeded with splitmix32 so that nearby seeds give unrelated streams.
 */
export class Xoshiro128 implements RandomSource {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number) {
    assert(Number.isInteger(seed), `seed must be an integer, got ${seed}`);
    let state = seed >>> 0;
    const next = (): number => {
      state = (state + 0x9e3779b9) >>> 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    // An all-zero state would emit zeros forever; splitmix32 cannot produce it, check anyway.
    assert((this.s0 | this.s1 | this.s2 | this.s3) !== 0, 'xoshiro state must not be zero');
  }

  nextUint32(): number {
    const result = Math.imul(rotateLeft(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotateLeft(this.s3, 11);
    return result;
  }

  /** Returns an integer in [0, bound). */
  nextBelow(bound: number): number {
    return randomBelow(this, bound);
  }

  /** Returns true with the given probability in [0, 1]. */
  chance(probability: number): boolean {
    return this.nextUint32() / 2 ** 32 < probability;
  }
}

function rotateLeft(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
}

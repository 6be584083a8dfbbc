import type { Entry } from '../types';

/** The state of the simulated application before anything is applied at index 1. */
export const BOOTSTRAP_HASH = 0x5eed5eed;

/**
 * Chains an entry onto the hash of everything before it. Equal chained hashes at an index
 * mean equal logs up to that index (up to 32-bit collisions), which turns "log matching"
 * and "same applied sequence" into cheap comparisons of one number.
 */
export function chainHash(previous: number, entry: Entry): number {
  let hash = mix(previous ^ 0x9e3779b9, entry.index);
  hash = mix(hash, entry.term);
  hash = mix(hash, entry.type === 'normal' ? 1 : 2);
  const data = entry.data;
  for (let i = 0; i < data.length; i += 1) hash = Math.imul(hash ^ (data[i] ?? 0), 16777619);
  return mix(hash, data.length);
}

function mix(hash: number, value: number): number {
  let h = Math.imul(hash ^ value, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

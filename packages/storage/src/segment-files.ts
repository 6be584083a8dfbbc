import * as path from 'node:path';

/** Kafka's file naming: the segment's base offset, zero-padded to 20 digits. */
export function segmentFileStem(baseOffset: number): string {
  return String(baseOffset).padStart(20, '0');
}

export function segmentPaths(directory: string, baseOffset: number) {
  const stem = path.join(directory, segmentFileStem(baseOffset));
  return { log: `${stem}.log`, offsetIndex: `${stem}.index`, timeIndex: `${stem}.timeindex` };
}

const segmentLogName = /^(\d{20})\.log$/;

/** Base offsets of the `.log` files in a directory, ascending. */
export function parseSegmentBaseOffsets(fileNames: readonly string[]): number[] {
  const offsets: number[] = [];
  for (const name of fileNames) {
    const match = segmentLogName.exec(name);
    if (match?.[1] !== undefined) offsets.push(Number(match[1]));
  }
  return offsets.sort((a, b) => a - b);
}

/** Leftovers of an interrupted operation (`*.tmp`, `*.deleted`), safe to remove at start. */
export function isLeftoverFile(name: string): boolean {
  return name.endsWith('.tmp') || name.endsWith('.deleted');
}

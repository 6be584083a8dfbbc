import * as fs from 'node:fs';
import * as path from 'node:path';

/** What one power cut did to one partition's newest segment. */
export interface SegmentCut {
  readonly file: string;
  readonly sizeBefore: number;
  readonly bytesCut: number;
}

/**
 * What a power cut does to writes that were only in the page cache: the newest segment
 * file of every partition of a stopped node loses a random tail of up to `maxBytes`. The node
 * must be dead (SIGKILLed) when this runs. Other files (indexes, checkpoints, the producer
 * snapshots, the Raft log) are left as they were: the fault model of issue 13, the one that
 * found the anomalies.
 */
export function cutSegmentTails(dataDirectory: string, maxBytes: number, random: () => number): SegmentCut[] {
  const logs = path.join(dataDirectory, 'logs');
  if (!fs.existsSync(logs)) return [];
  const cuts: SegmentCut[] = [];
  for (const partition of fs.readdirSync(logs, { withFileTypes: true })) {
    if (!partition.isDirectory()) continue;
    const directory = path.join(logs, partition.name);
    const segments = fs
      .readdirSync(directory)
      .filter((name) => /^\d{20}\.log$/.test(name))
      .sort();
    const newest = segments.at(-1);
    if (newest === undefined) continue;
    const file = path.join(directory, newest);
    const sizeBefore = fs.statSync(file).size;
    const bytesCut = Math.min(sizeBefore, Math.floor(random() * (maxBytes + 1)));
    fs.truncateSync(file, sizeBefore - bytesCut);
    cuts.push({ file, sizeBefore, bytesCut });
  }
  return cuts;
}

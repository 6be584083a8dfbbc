/**
 * The child process of the crash test: opens (and so recovers) the log in argv[2], then
 * appends forever, batch contents determined by offset, printing `appended <logEndOffset>`
 * after appends return. The parent SIGKILLs it at random moments.
 */
import { PartitionLog } from '../partition-log';
import { makeBatch } from './batches';

export function crashValueFor(offset: number): string {
  return `record-${offset}-`.padEnd(10 + (offset % 300), 'x');
}

function main(): void {
  const directory = process.argv[2];
  const seed = Number(process.argv[3] ?? 1);
  if (directory === undefined) throw new Error('usage: crash-child DIRECTORY SEED');
  const log = PartitionLog.open({ directory, config: { segmentBytes: 64 * 1024, indexIntervalBytes: 1024 } });
  let random = seed;
  const next = () => {
    random = (random * 1103515245 + 12345) % 2147483648;
    return random / 2147483648;
  };
  process.stdout.write(`ready ${log.logEndOffset}\n`);
  for (let appends = 0; ; appends += 1) {
    const batches: Buffer[] = [];
    let offset = log.logEndOffset;
    for (let batch = 0, count = 1 + Math.floor(next() * 3); batch < count; batch += 1) {
      const records = 1 + Math.floor(next() * 8);
      const values = Array.from({ length: records }, (_, index) => Buffer.from(crashValueFor(offset + index)));
      batches.push(makeBatch({ values, timestampMs: 1_700_000_000_000 + offset }));
      offset += records;
    }
    log.appendAsLeader(Buffer.concat(batches), 1 + Math.floor(appends / 500));
    if (next() < 0.01) log.flush();
    if (next() < 0.005) log.writeCheckpoint();
    if (appends % 20 === 0) process.stdout.write(`appended ${log.logEndOffset}\n`);
  }
}

if (require.main === module) main();

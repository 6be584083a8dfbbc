import fc from 'fast-check';
import { PartitionLog } from './partition-log';
import { makeBatch, splitBatches, valuesOf } from './test-support/batches';
import { makeTempDirs } from './test-support/temp-dir';

/**
 * Random sequences of append / read / truncate / roll / retention / restart against a
 * model that is just an array of batches. After every step the log must hold exactly the
 * model's records, from its log start to its log end.
 */
interface ModelBatch {
  readonly baseOffset: number;
  readonly lastOffset: number;
  readonly values: readonly string[];
}

type Command =
  | { kind: 'append'; batches: string[][] }
  | { kind: 'read'; offsetFraction: number; maxBytes: number }
  | { kind: 'truncate'; offsetFraction: number }
  | { kind: 'retention'; hwFraction: number }
  | { kind: 'restart'; clean: boolean };

const valueArbitrary = fc.string({ minLength: 0, maxLength: 120 });
const commandArbitrary: fc.Arbitrary<Command> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('append' as const), batches: fc.array(fc.array(valueArbitrary, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('read' as const), offsetFraction: fc.double({ min: 0, max: 1, noNaN: true }), maxBytes: fc.integer({ min: 1, max: 4000 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), offsetFraction: fc.double({ min: 0, max: 1, noNaN: true }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('retention' as const), hwFraction: fc.double({ min: 0, max: 1, noNaN: true }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart' as const), clean: fc.boolean() }) },
);

const config = { segmentBytes: 1500, indexIntervalBytes: 200, retentionBytes: 3000 };
const temp = makeTempDirs();
afterEach(() => temp.cleanup());

function offsetIn(log: PartitionLog, fraction: number): number {
  return log.logStartOffset + Math.floor(fraction * (log.logEndOffset - log.logStartOffset));
}

function checkAgainstModel(log: PartitionLog, model: ModelBatch[]): void {
  const expectedEnd = model.length === 0 ? log.logStartOffset : model[model.length - 1]!.lastOffset + 1;
  expect(log.logEndOffset).toBe(expectedEnd);
  const actual: string[] = [];
  for (let offset = log.logStartOffset; offset < log.logEndOffset; ) {
    const read = log.read(offset, { maxBytes: 2000 });
    expect(read.records.length).toBeGreaterThan(0);
    for (const batch of splitBatches(read.records)) actual.push(...valuesOf(batch.bytes));
    offset = read.lastOffset + 1;
  }
  expect(actual).toEqual(model.flatMap((batch) => batch.values));
}

function run(commands: Command[]): void {
  const directory = temp.create();
  let log = PartitionLog.open({ directory, config });
  let model: ModelBatch[] = [];
  try {
    for (const command of commands) {
      switch (command.kind) {
        case 'append': {
          const buffers = command.batches.map((values) => makeBatch({ values: values.map((value) => Buffer.from(value)) }));
          const result = log.appendAsLeader(Buffer.concat(buffers), 1);
          let offset = result.firstOffset;
          for (const values of command.batches) {
            model.push({ baseOffset: offset, lastOffset: offset + values.length - 1, values });
            offset += values.length;
          }
          break;
        }
        case 'read': {
          if (log.logEndOffset === log.logStartOffset) break;
          const offset = offsetIn(log, command.offsetFraction);
          const read = log.read(offset, { maxBytes: command.maxBytes });
          const holding = model.find((batch) => batch.lastOffset >= offset);
          if (holding === undefined) expect(read.records.length).toBe(0);
          else expect(read.firstOffset).toBe(holding.baseOffset);
          break;
        }
        case 'truncate': {
          const offset = offsetIn(log, command.offsetFraction);
          log.truncateTo(offset);
          model = model.filter((batch) => batch.lastOffset < offset);
          break;
        }
        case 'retention': {
          log.updateHighWatermark(offsetIn(log, command.hwFraction));
          log.applyRetention();
          expect(log.logStartOffset).toBeLessThanOrEqual(log.highWatermark);
          model = model.filter((batch) => batch.baseOffset >= log.logStartOffset);
          break;
        }
        case 'restart': {
          if (command.clean) log.close();
          else log.abandon();
          log = PartitionLog.open({ directory, config });
          expect(log.recoveryTruncatedBytes).toBe(0);
          break;
        }
      }
      checkAgainstModel(log, model);
    }
  } finally {
    log.abandon();
  }
}

describe('PartitionLog against an in-memory model', () => {
  it('matches the model for random operation sequences', () => {
    fc.assert(
      fc.property(fc.array(commandArbitrary, { minLength: 1, maxLength: 40 }), (commands) => {
        run(commands);
        temp.cleanup();
      }),
      { numRuns: Number(process.env['STORAGE_PROPERTY_RUNS'] ?? 150) },
    );
  });
});

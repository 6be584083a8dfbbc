import { MAX_SEQUENCE, type PlacedProducerBatch, type ProducerBatch, addToSequence, lastSequenceOf } from './producer-batch';
import { ProducerStateManager } from './producer-state-manager';

const PRODUCER = 1000n;

function batch(baseSequence: number, records = 1, producerEpoch = 0, producerId = PRODUCER): ProducerBatch {
  return { producerId, producerEpoch, baseSequence, lastOffsetDelta: records - 1 };
}

/** Checks and, when accepted, appends `b` at the manager's end offset, as a leader does. */
/** Records a batch as the log holds it, without checks (a follower's or recovery's path). */
function seed(manager: ProducerStateManager, b: ProducerBatch): void {
  const firstOffset = manager.endOffset;
  manager.onAppended(b, { firstOffset, lastOffset: firstOffset + b.lastOffsetDelta, timestampMs: 0 });
}

function produce(manager: ProducerStateManager, b: ProducerBatch, timestampMs = 0) {
  const check = manager.checkAppend(b);
  if (check.kind === 'append') {
    const firstOffset = manager.endOffset;
    manager.onAppended(b, { firstOffset, lastOffset: firstOffset + b.lastOffsetDelta, timestampMs });
  }
  return check;
}

describe('sequence arithmetic', () => {
  it('wraps from 2^31-1 to 0 like Kafka', () => {
    expect(addToSequence(MAX_SEQUENCE, 1)).toBe(0);
    expect(addToSequence(MAX_SEQUENCE - 1, 3)).toBe(1);
    expect(lastSequenceOf(batch(MAX_SEQUENCE - 1, 4))).toBe(1);
  });
});

describe('ProducerStateManager.checkAppend', () => {
  it('lets batches without a producer id through unchecked', () => {
    const manager = new ProducerStateManager();
    expect(produce(manager, batch(-1, 3, -1, -1n))).toEqual({ kind: 'append' });
    expect(manager.producerCount).toBe(0);
    expect(manager.endOffset).toBe(3);
  });

  it('accepts consecutive sequences and answers a retry of any of the last five with its original offsets', () => {
    const manager = new ProducerStateManager();
    for (let sequence = 0; sequence < 30; sequence += 5) expect(produce(manager, batch(sequence, 5)).kind).toBe('append');
    // Batches were [0..4]@0..4, [5..9]@5..9, ..., [25..29]@25..29; the last five start at 5.
    expect(manager.checkAppend(batch(25, 5))).toEqual({ kind: 'duplicate', firstOffset: 25, lastOffset: 29 });
    expect(manager.checkAppend(batch(5, 5))).toEqual({ kind: 'duplicate', firstOffset: 5, lastOffset: 9 });
    // The sixth batch back is forgotten: Kafka answers it out of order too.
    expect(manager.checkAppend(batch(0, 5))).toMatchObject({ kind: 'error', error: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });
    // Only an exact range is a duplicate.
    expect(manager.checkAppend(batch(25, 4))).toMatchObject({ kind: 'error', error: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });
  });

  it('rejects a gap', () => {
    const manager = new ProducerStateManager();
    produce(manager, batch(0, 2));
    expect(manager.checkAppend(batch(3))).toMatchObject({ kind: 'error', error: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });
    expect(manager.checkAppend(batch(2))).toEqual({ kind: 'append' });
  });

  it('requires a new epoch to start at 0, forgets the old epoch\'s batches, and fences the old epoch', () => {
    const manager = new ProducerStateManager();
    produce(manager, batch(0, 3, 0));
    expect(manager.checkAppend(batch(3, 1, 1))).toMatchObject({ kind: 'error', error: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });
    expect(produce(manager, batch(0, 1, 1))).toEqual({ kind: 'append' });
    expect(manager.entry(PRODUCER)).toMatchObject({ producerEpoch: 1, batches: [{ firstSequence: 0, lastSequence: 0, firstOffset: 3 }] });
    expect(manager.checkAppend(batch(3, 1, 0))).toMatchObject({ kind: 'error', error: 'INVALID_PRODUCER_EPOCH' });
    expect(manager.checkAppend(batch(0, 3, 0))).toMatchObject({ kind: 'error', error: 'INVALID_PRODUCER_EPOCH' });
  });

  it('continues across the sequence wraparound', () => {
    const manager = new ProducerStateManager();
    seed(manager, batch(MAX_SEQUENCE - 2, 3));
    expect(manager.checkAppend(batch(1))).toMatchObject({ kind: 'error' });
    expect(produce(manager, batch(0, 2))).toEqual({ kind: 'append' });
    expect(produce(manager, batch(MAX_SEQUENCE - 1, 4))).toMatchObject({ kind: 'error' });
    expect(produce(manager, batch(2, 1))).toEqual({ kind: 'append' });
    expect(manager.checkAppend(batch(0, 2))).toEqual({ kind: 'duplicate', firstOffset: 3, lastOffset: 4 });
  });

  it('treats a wrapping batch as one range', () => {
    const manager = new ProducerStateManager();
    seed(manager, batch(MAX_SEQUENCE - 1, 4));
    expect(manager.entry(PRODUCER)!.batches[0]).toMatchObject({ firstSequence: MAX_SEQUENCE - 1, lastSequence: 1 });
    expect(manager.checkAppend(batch(2))).toEqual({ kind: 'append' });
  });

  it('requires an unknown producer to start at sequence 0 (a later batch that overtook the first is refused) and refuses malformed fields', () => {
    const manager = new ProducerStateManager();
    expect(manager.checkAppend(batch(42))).toMatchObject({ kind: 'error', error: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });
    expect(manager.checkAppend(batch(0))).toEqual({ kind: 'append' });
    expect(manager.checkAppend(batch(-1))).toMatchObject({ kind: 'error', error: 'INVALID_RECORD' });
    expect(manager.checkAppend(batch(0, 1, -1))).toMatchObject({ kind: 'error', error: 'INVALID_RECORD' });
  });

  it('checks a request\'s batches in order, each after the earlier ones', () => {
    const manager = new ProducerStateManager();
    produce(manager, batch(0, 2));
    const other = 7n;
    expect(manager.checkAppends([batch(2, 2), batch(-1, 1, -1, -1n), batch(0, 1, 0, other), batch(4, 1)])).toEqual({ kind: 'append' });
    expect(manager.checkAppends([batch(2, 2), batch(5)])).toMatchObject({ error: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });
    expect(manager.checkAppends([batch(0, 2), batch(2)])).toMatchObject({ error: 'DUPLICATE_SEQUENCE_NUMBER' });
  });

  it('keeps producers apart', () => {
    const manager = new ProducerStateManager();
    produce(manager, batch(0, 1, 0, 1n));
    produce(manager, batch(0, 1, 0, 2n));
    expect(manager.checkAppend(batch(0, 1, 0, 1n))).toEqual({ kind: 'duplicate', firstOffset: 0, lastOffset: 0 });
    expect(manager.checkAppend(batch(0, 1, 0, 2n))).toEqual({ kind: 'duplicate', firstOffset: 1, lastOffset: 1 });
  });
});

describe('ProducerStateManager: followers, recovery and truncation', () => {
  function leaderWithHistory(): { manager: ProducerStateManager; log: PlacedProducerBatch[] } {
    const manager = new ProducerStateManager();
    const log: PlacedProducerBatch[] = [];
    const batches = [batch(0, 3), batch(0, 1, 0, 5n), batch(3, 2), batch(-1, 4, -1, -1n), batch(0, 2, 1), batch(1, 1, 0, 5n)];
    for (const [index, b] of batches.entries()) {
      const baseOffset = manager.endOffset;
      expect(produce(manager, b, 100 + index).kind).toBe('append');
      log.push({ ...b, baseOffset, maxTimestampMs: 100 + index });
    }
    return { manager, log };
  }

  it('gives a follower that records the same batches the same state, and the same snapshot', () => {
    const { manager, log } = leaderWithHistory();
    const follower = new ProducerStateManager();
    for (const b of log) {
      follower.onAppended(b, { firstOffset: b.baseOffset, lastOffset: b.baseOffset + b.lastOffsetDelta, timestampMs: b.maxTimestampMs });
    }
    expect(follower.toSnapshot()).toEqual(manager.toSnapshot());
    expect(follower.checkAppend(batch(0, 2, 1))).toEqual({ kind: 'duplicate', firstOffset: 10, lastOffset: 11 });
  });

  it('round-trips through a snapshot and rebuilds from the log after it', () => {
    const { manager, log } = leaderWithHistory();
    const early = new ProducerStateManager();
    early.rebuildFrom(log.slice(0, 3));
    const restored = ProducerStateManager.fromSnapshot(early.toSnapshot());
    expect(restored.endOffset).toBe(6);
    restored.rebuildFrom(log); // batches below the snapshot's end are skipped
    expect(restored.toSnapshot()).toEqual(manager.toSnapshot());
    expect(ProducerStateManager.fromSnapshot(manager.toSnapshot()).entry(5n)).toEqual(manager.entry(5n));
  });

  it('refuses a damaged snapshot', () => {
    const snapshot = leaderWithHistory().manager.toSnapshot();
    for (const position of [0, 3, 10, snapshot.length - 1]) {
      const damaged = Buffer.from(snapshot);
      damaged[position]! ^= 0x40;
      expect(() => ProducerStateManager.fromSnapshot(damaged)).toThrow(/producer state snapshot/);
    }
    expect(() => ProducerStateManager.fromSnapshot(snapshot.subarray(0, snapshot.length - 4))).toThrow(/producer state snapshot/);
  });

  it('forgets batches at or above a truncation point, and producers left with none', () => {
    const { manager, log } = leaderWithHistory();
    // The log: producer 1000 at 0..2 and 4..5 (epoch 0), 10..11 (epoch 1); producer 5 at 3 and 12.
    manager.truncateTo(10);
    expect(manager.endOffset).toBe(10);
    expect(manager.entry(PRODUCER)).toBeUndefined(); // its epoch-0 batches were already replaced
    expect(manager.entry(5n)!.batches).toHaveLength(1);
    expect(manager.checkAppend(batch(1, 1, 0, 5n))).toEqual({ kind: 'append' });
    const rebuilt = new ProducerStateManager();
    rebuilt.rebuildFrom(log.filter((b) => b.baseOffset < 10));
    expect(rebuilt.entry(5n)!.batches).toEqual(manager.entry(5n)!.batches);
  });

  it('forgets everything when the log restarts elsewhere', () => {
    const { manager } = leaderWithHistory();
    manager.truncateFullyAndStartAt(100);
    expect(manager.producerCount).toBe(0);
    expect(manager.endOffset).toBe(100);
  });

  it('expires producers idle for producer.id.expiration.ms', () => {
    const { manager } = leaderWithHistory(); // producer 1000 last at 104, producer 5 at 105
    expect(manager.removeExpiredProducers(1_104, 1_000)).toBe(1);
    expect(manager.entry(PRODUCER)).toBeUndefined();
    expect(manager.entry(5n)).toBeDefined();
  });
});

import { BatchMemory } from './batch-memory';

describe('BatchMemory', () => {
  it('gives a busy partition a recycled batchBytes buffer, newest first', () => {
    const memory = new BatchMemory(1000, 2);
    const fresh = memory.forBatch(900);
    expect(fresh).toBeInstanceOf(Buffer);
    expect((fresh as Buffer).length).toBe(1000);
    memory.recycle(fresh as Buffer);
    expect(memory.forBatch(500)).toBe(fresh);
    expect(memory.freeCount).toBe(0);
  });

  it('gives any other batch only as much room as its partition last used', () => {
    const memory = new BatchMemory(1000, 2);
    expect(memory.forBatch(0)).toBe(1024);
    expect(memory.forBatch(120)).toBe(120);
    expect(memory.forBatch(499)).toBe(499);
  });

  it('keeps at most maxFree buffers, and only those of batchBytes', () => {
    const memory = new BatchMemory(1000, 2);
    for (let index = 0; index < 3; index++) memory.recycle(Buffer.alloc(1000));
    memory.recycle(Buffer.alloc(2000));
    expect(memory.freeCount).toBe(2);
    expect(new BatchMemory(1000, 0).forBatch(1000)).toBeInstanceOf(Buffer);
  });

  it('refuses the same buffer twice, which would let two batches write into it', () => {
    const memory = new BatchMemory(1000, 4);
    const buffer = Buffer.alloc(1000);
    memory.recycle(buffer);
    expect(() => memory.recycle(buffer)).toThrow(/recycled twice/);
  });
});

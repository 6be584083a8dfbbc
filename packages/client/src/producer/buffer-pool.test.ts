import { DeliveryTimeoutError } from '../errors/client-errors';
import { BufferPool } from './buffer-pool';

describe('BufferPool', () => {
  it('reserves while there is room and makes later callers wait, first come first served', async () => {
    const pool = new BufferPool(100);
    expect(pool.tryReserve(60)).toBe(true);
    const order: string[] = [];
    const a = pool.reserve(50, 10_000).then(() => order.push('a'));
    const b = pool.reserve(10, 10_000).then(() => order.push('b'));
    expect(pool.tryReserve(1)).toBe(false); // someone waits ahead
    pool.release(60);
    await Promise.all([a, b]);
    expect(order).toEqual(['a', 'b']);
    expect(pool.inUseBytes).toBe(60);
  });

  it('gives up with a DeliveryTimeoutError when nothing is released in time', async () => {
    const pool = new BufferPool(10);
    pool.tryReserve(10);
    await expect(pool.reserve(5, 20)).rejects.toBeInstanceOf(DeliveryTimeoutError);
    expect(pool.hasWaiters).toBe(false);
  });

  it('refuses at once what can never fit', async () => {
    await expect(new BufferPool(10).reserve(11, 1000)).rejects.toBeInstanceOf(RangeError);
  });
});

import type { AppendRequest, Message } from '../message';
import type { Entry } from '../types';
import { coalesce } from './coalesce';

const entry = (index: number, term = 2): Entry => ({ index, term, type: 'normal', data: Buffer.from(`e${index}`) });
const append = (prevLogIndex: number, indexes: number[], commit: number, overrides: Partial<AppendRequest> = {}): AppendRequest => ({
  kind: 'append',
  from: 1,
  to: 2,
  term: 2,
  prevLogIndex,
  prevLogTerm: 2,
  entries: indexes.map((index) => entry(index)),
  commit,
  ...overrides,
});
const MAX = 1 << 20;

describe('coalescing queued raft messages', () => {
  it('merges an append that continues the previous one, keeping the later commit', () => {
    const first = append(4, [5], 3);
    const merged = coalesce(first, append(5, [6, 7], 4), undefined, MAX, 0);
    expect(merged?.message).toEqual(append(4, [5, 6, 7], 4));
    // The core's own entries array is never touched; the merged one is ours to extend.
    expect(first.entries).toHaveLength(1);
    const again = coalesce(merged!.message, append(7, [8], 4), merged!.owned, MAX, 0);
    expect(again?.owned).toBe(merged!.owned);
    expect((again?.message as AppendRequest).entries.map((item) => item.index)).toEqual([5, 6, 7, 8]);
  });

  it('merges into an empty append only when it continues the same point', () => {
    expect(coalesce(append(4, [], 3), append(4, [5], 3), undefined, MAX, 0)?.message).toEqual(append(4, [5], 3));
    expect(coalesce(append(4, [], 3), append(5, [6], 3), undefined, MAX, 0)).toBeUndefined();
  });

  it('keeps apart appends that do not continue each other or differ in term, sender or receiver', () => {
    const first = append(4, [5], 3);
    expect(coalesce(first, append(6, [7], 3), undefined, MAX, 0)).toBeUndefined();
    expect(coalesce(first, append(5, [6], 3, { prevLogTerm: 1 }), undefined, MAX, 0)).toBeUndefined();
    expect(coalesce(first, append(5, [6], 3, { term: 3 }), undefined, MAX, 0)).toBeUndefined();
    expect(coalesce(first, append(5, [6], 3, { to: 3 }), undefined, MAX, 0)).toBeUndefined();
  });

  it('stops merging at the byte limit', () => {
    expect(coalesce(append(4, [5], 3), append(5, [6], 3), undefined, 40, 30)).toBeUndefined();
  });

  it('collapses successful acknowledgments to the highest, but never a rejection', () => {
    const ack = (index: number): Message => ({ kind: 'append-response', from: 2, to: 1, term: 2, reject: false, index });
    const rejection: Message = { kind: 'append-response', from: 2, to: 1, term: 2, reject: true, index: 9, hintIndex: 3, hintTerm: 1 };
    expect(coalesce(ack(5), ack(9), undefined, MAX, 0)?.message).toEqual(ack(9));
    expect(coalesce(ack(9), ack(5), undefined, MAX, 0)).toBeUndefined();
    expect(coalesce(ack(5), rejection, undefined, MAX, 0)).toBeUndefined();
    expect(coalesce(rejection, ack(9), undefined, MAX, 0)).toBeUndefined();
  });

  it('leaves every other kind alone', () => {
    const heartbeat: Message = { kind: 'heartbeat', from: 1, to: 2, term: 2, commit: 3, readRound: 1 };
    expect(coalesce(heartbeat, heartbeat, undefined, MAX, 0)).toBeUndefined();
  });
});

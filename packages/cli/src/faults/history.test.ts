import { History, type StoredRecord } from './history';

function historyOf(sends: readonly [producer: number, sequence: number, ack?: [partition: number, offset: number, atMs: number]][]): History {
  const history = new History();
  for (const [producer, sequence, ack] of sends) {
    const value = history.sent(producer, sequence, 0);
    if (ack !== undefined) history.acknowledged(value, ack[0], ack[1], ack[2]);
  }
  return history;
}

const at = (partition: number, offset: number, value: string): StoredRecord => ({ partition, offset, value });

test('a clean history has no anomaly', () => {
  const history = historyOf([
    [1, 0, [0, 0, 10]],
    [1, 1, [0, 1, 20]],
    [2, 0, [1, 0, 15]],
  ]);
  const check = history.check([at(0, 0, 'p1-0'), at(0, 1, 'p1-1'), at(1, 0, 'p2-0')]);
  expect(check).toMatchObject({ sent: 3, acknowledged: 3, lost: 0, moved: 0, duplicated: 0, reordered: 0, unknown: 0, longestGapMs: 10 });
});

test('an acknowledged value missing is lost; one found elsewhere has moved', () => {
  const history = historyOf([
    [1, 0, [0, 0, 1]],
    [1, 1, [0, 1, 2]],
  ]);
  const check = history.check([at(0, 0, 'p1-1')]);
  expect(check.lost).toBe(1);
  expect(check.moved).toBe(1);
  expect(check.examples).toEqual(expect.arrayContaining(['lost p1-0, acknowledged at 0/0, which now holds p1-1', 'moved p1-1: acknowledged at 0/1, found at 0/0']));
});

test('a value stored twice is a duplicate, acknowledged or not', () => {
  const history = historyOf([[1, 0, [0, 0, 1]], [1, 1]]);
  history.failed('p1-1', 'REQUEST_TIMED_OUT');
  const check = history.check([at(0, 0, 'p1-0'), at(0, 1, 'p1-1'), at(0, 2, 'p1-1'), at(0, 3, 'p1-0')]);
  expect(check).toMatchObject({ duplicated: 2, failed: 1, lost: 0, moved: 0 });
});

test("one producer's values out of send order within a partition are reordered", () => {
  const history = historyOf([[1, 0], [1, 1], [2, 0]]);
  const check = history.check([at(0, 0, 'p1-1'), at(0, 1, 'p2-0'), at(0, 2, 'p1-0')]);
  expect(check.reordered).toBe(1);
});

test('values nobody sent are reported', () => {
  expect(historyOf([]).check([at(0, 0, 'garbage')]).unknown).toBe(1);
});

test('the longest gap counts from the first send to the first acknowledgement too', () => {
  const history = new History();
  const a = history.sent(1, 0, 100);
  const b = history.sent(1, 1, 100);
  history.acknowledged(a, 0, 0, 600);
  history.acknowledged(b, 0, 1, 700);
  expect(history.check([at(0, 0, a), at(0, 1, b)]).longestGapMs).toBe(500);
});

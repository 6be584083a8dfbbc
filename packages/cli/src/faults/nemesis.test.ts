import { PAGE_CACHE_WINDOW_MS, planFaults, seededRandom } from './nemesis';

test('the same seed plans the same faults', () => {
  const plan = (seed: number) => planFaults({ faults: 50, brokerIds: [1, 2, 3], nodeIds: [1, 2, 3], powerCutShare: 0.7, partitions: true, random: seededRandom(seed) });
  expect(plan(5)).toEqual(plan(5));
  expect(plan(5)).not.toEqual(plan(6));
});

test('power cuts of two different nodes are never planned within the page-cache window', () => {
  for (let seed = 1; seed <= 50; seed++) {
    const faults = planFaults({ faults: 80, brokerIds: [4, 5, 6], nodeIds: [1, 2, 3, 4, 5, 6], powerCutShare: 0.8, partitions: true, random: seededRandom(seed) });
    let atMs = 0;
    let last: { nodeId: number; atMs: number } | undefined;
    for (const fault of faults) {
      atMs += fault.delayMs;
      if (fault.kind === 'power-cut') {
        expect([4, 5, 6]).toContain(fault.nodeId);
        if (last !== undefined && last.nodeId !== fault.nodeId) expect(atMs - last.atMs).toBeGreaterThanOrEqual(PAGE_CACHE_WINDOW_MS);
        last = { nodeId: fault.nodeId, atMs };
      }
      atMs += fault.durationMs;
    }
  }
});

test('every kind of fault is planned, and every broker gets power cuts over a long run', () => {
  const faults = planFaults({ faults: 300, brokerIds: [1, 2, 3], nodeIds: [1, 2, 3], powerCutShare: 0.7, partitions: true, random: seededRandom(1) });
  expect(new Set(faults.map((fault) => fault.kind))).toEqual(new Set(['power-cut', 'kill', 'pause', 'partition']));
  expect(new Set(faults.filter((fault) => fault.kind === 'power-cut').map((fault) => fault.nodeId))).toEqual(new Set([1, 2, 3]));
});

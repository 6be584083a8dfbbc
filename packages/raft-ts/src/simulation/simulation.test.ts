import { runSimulation } from './simulation';

/**
 * Deterministic simulation of whole clusters under faults. Each seed is one complete run;
 * a failure names its seed and how to replay it:
 *   RAFT_SIM_SEED=1234 npx jest packages/raft-ts     (one seed, exactly)
 *   RAFT_SIM_SEEDS=20000 npx jest packages/raft-ts   (more seeds)
 */
const replaySeed = process.env['RAFT_SIM_SEED'];
const seedCount = Number(process.env['RAFT_SIM_SEEDS'] ?? 1000);
const BATCHES = 4;

describe('raft simulation', () => {
  if (replaySeed !== undefined) {
    it(`replays seed ${replaySeed}`, () => {
      const summary = runSimulation(Number(replaySeed));
      console.log(summary);
    });
    return;
  }
  const batchSize = Math.ceil(seedCount / BATCHES);
  for (let batch = 0; batch < BATCHES; batch += 1) {
    const first = 1 + batch * batchSize;
    const last = Math.min(seedCount, first + batchSize - 1);
    if (first > last) continue;
    it(`keeps safety and liveness for seeds ${first}..${last}`, () => {
      for (let seed = first; seed <= last; seed += 1) runSimulation(seed);
    });
  }
});

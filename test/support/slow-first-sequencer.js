// The order in which jest hands suites to its workers: the longest first, so that no long
// suite starts near the end while the other worker has nothing left to do.
//
// Jest does this by itself when it has timings from an earlier run in its cache; without them
// (a fresh clone, as in CI) it goes by file size, which put the quick-start test (about 110 s
// with two workers) in the middle of the run and left a long tail. The estimates below stand
// in for that cache: the seconds each suite took with two workers on a 2-core machine. They
// only order the run; a suite missing from the list, or listed with a stale figure, runs all
// the same. Timings of this machine's own earlier runs, when jest has them, win.
const path = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

/** Seconds, for suites of about 8 s or more; paths relative to the repository root. */
const ESTIMATED_SECONDS = {
  'packages/cli/src/integration/readme-quick-start.test.ts': 110,
  'packages/cli/src/integration/many-partitions.test.ts': 60,
  'packages/cli/src/integration/bench-partitions.test.ts': 20,
  'packages/cli/src/integration/data-plane.test.ts': 90,
  'packages/cli/src/integration/scale-out.test.ts': 65,
  'packages/cli/src/integration/group-commands.test.ts': 50,
  'packages/cli/src/integration/consumer-group.test.ts': 40,
  'packages/cli/src/integration/last-isr-member-power-cut.test.ts': 35,
  'packages/raft-ts/src/simulation/simulation.test.ts': 30,
  'packages/cli/src/integration/alter-partition-retry.test.ts': 28,
  'packages/storage/src/crash.test.ts': 22,
  'packages/cli/src/integration/offline-partition.test.ts': 16,
  'packages/cli/src/integration/controller-quorum.test.ts': 14,
  'packages/cli/src/integration/produce-consume.process.test.ts': 14,
  'packages/broker/src/group/group-coordinator.property.test.ts': 12,
  'packages/cli/src/integration/group-coordinator.test.ts': 11,
  'packages/cli/src/integration/local-cluster-ports.test.ts': 11,
  'packages/raft-ts/src/file-storage.test.ts': 10,
  'packages/cli/src/integration/producer-id-reset.test.ts': 9,
  'packages/cli/src/integration/power-cut-restart.test.ts': 9,
};

class SlowFirstSequencer extends Sequencer {
  sort(tests) {
    const rootDir = path.resolve(__dirname, '..', '..');
    const seconds = (test) => {
      const measuredMs = this.time(test);
      if (measuredMs !== undefined) return measuredMs / 1000;
      return ESTIMATED_SECONDS[path.relative(rootDir, test.path).split(path.sep).join('/')];
    };
    const size = (test) => test.context.hasteFS.getSize(test.path) ?? 0;
    const keyed = tests.map((test) => ({ test, failed: this.hasFailed(test), seconds: seconds(test), size: size(test) }));
    // As jest's own order: suites that failed last time first; then by (measured or estimated)
    // duration, longest first; suites with neither figure after those, the largest file first.
    keyed.sort((a, b) => {
      if (a.failed !== b.failed) return a.failed ? -1 : 1;
      if ((a.seconds === undefined) !== (b.seconds === undefined)) return a.seconds === undefined ? 1 : -1;
      if (a.seconds !== undefined && b.seconds !== undefined && a.seconds !== b.seconds) return b.seconds - a.seconds;
      return b.size - a.size;
    });
    return keyed.map((entry) => entry.test);
  }
}

module.exports = SlowFirstSequencer;

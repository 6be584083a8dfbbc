// One jest run over every package. Sources are transformed by SWC (fast, no type
// check); `npm test` type-checks the whole tree with `tsc -b` before jest starts.
const os = require('node:os');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/test'],
  testMatch: ['**/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  // Workspace packages resolve to their TypeScript sources, so tests never need a build.
  moduleNameMapper: {
    '^@samsa/([a-z-]+)$': '<rootDir>/packages/$1/src/index.ts',
    '^raft-ts$': '<rootDir>/packages/raft-ts/src/index.ts',
  },
  testTimeout: 60000,
  // Jest's default is one worker fewer than the cores: on a 2-core machine (CI) one worker, every
  // suite in a row, and the machine about half busy, since a suite with its `samsa server`
  // processes keeps about one core busy on average (they wait on elections, session timeouts
  // and restarts). Two workers keep both cores busy: 588 s → about 375 s for the whole run
  // there. On larger machines this is jest's default.
  maxWorkers: Math.max(2, os.availableParallelism() - 1),
  // The longest suites first, also without jest's timing cache (a fresh clone, as in CI).
  testSequencer: '<rootDir>/test/support/slow-first-sequencer.js',
};

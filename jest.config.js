// One jest run over every package. Sources are transformed by SWC (fast, no type
// check); `npm test` type-checks the whole tree with `tsc -b` before jest starts.
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
};

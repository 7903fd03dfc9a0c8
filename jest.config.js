/**
 * Native ESM jest (the code is ESM, and lowdb 7 is ESM-only; run with NODE_OPTIONS=--experimental-vm-modules, as
 * the test scripts do), with swc as the transform because it is fast. swc only strips the types, so
 * `tsc --noEmit` (`npm run typecheck`) does the type check.
 */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } }],
  },
  testTimeout: 30000,
  // A throwaway PostgreSQL server for the whole run, unless TEST_DATABASE_URL names one (test/postgresCluster.mjs).
  globalSetup: '<rootDir>/test/postgresGlobalSetup.mjs',
  globalTeardown: '<rootDir>/test/postgresGlobalTeardown.mjs',
};

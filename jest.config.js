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
  // Before any test: the certificates of the Microsoft stub (test/microsoftCaSetup.mjs), then a throwaway PostgreSQL
  // server for the whole run, unless TEST_DATABASE_URL names one (test/postgresCluster.mjs). Both hand what they
  // made to the tests through process.env.
  globalSetup: '<rootDir>/test/globalSetup.mjs',
  globalTeardown: '<rootDir>/test/globalTeardown.mjs',
  // Setting a limit makes jest always run the tests in worker processes, never in its own, even for one test file
  // or on one core: the workers start after globalSetup, so they trust the stub's CA (Node reads NODE_EXTRA_CA_CERTS
  // only at start-up). A worker above the limit after a test file is replaced by a fresh one.
  workerIdleMemoryLimit: '1536MB',
};

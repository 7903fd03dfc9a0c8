/**
 * `npm run test:fast`: the tests that need no browser, no PostgreSQL and no bot process (services, cards,
 * understanding, dialogs through the SDK's TestAdapter on the embedded store, locales, the layout's rules).
 * jest's summary ends with how long they took.
 */
import base from './jest.config.js';

export default {
  ...base,
  // The Microsoft stub's certificates only: these tests need no PostgreSQL server.
  globalSetup: '<rootDir>/test/microsoftCaSetup.mjs',
  globalTeardown: '<rootDir>/test/microsoftCaTeardown.mjs',
  testMatch: ['<rootDir>/test/{services,cards,understanding,dialogs,locales}/**/*.test.ts', '<rootDir>/test/layout.test.ts'],
};

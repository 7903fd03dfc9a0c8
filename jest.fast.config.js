/**
 * `npm run test:fast`: the tests that need no browser, no PostgreSQL and no bot process (services, cards,
 * understanding, dialogs through the SDK's TestAdapter on the embedded store, locales, the layout's rules).
 * jest's summary ends with how long they took.
 */
import base from './jest.config.js';

const withoutPostgres = { ...base };
delete withoutPostgres.globalSetup;
delete withoutPostgres.globalTeardown;

export default {
  ...withoutPostgres,
  testMatch: ['<rootDir>/test/{services,cards,understanding,dialogs,locales}/**/*.test.ts', '<rootDir>/test/layout.test.ts'],
};

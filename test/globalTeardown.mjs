// jest globalTeardown (jest.config.js): undoes test/globalSetup.mjs, the PostgreSQL server first.
import microsoftCaTeardown from './microsoftCaTeardown.mjs';
import postgresGlobalTeardown from './postgresGlobalTeardown.mjs';

export default async function globalTeardown() {
  try {
    await postgresGlobalTeardown();
  } finally {
    await microsoftCaTeardown();
  }
}

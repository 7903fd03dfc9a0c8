// jest globalSetup (jest.config.js): the test certificates for the Microsoft stub (microsoftCaSetup.mjs), then
// the PostgreSQL server (postgresGlobalSetup.mjs). Both put what the tests need in process.env, which the test
// workers and the bot processes the tests start inherit. globalTeardown.mjs undoes both.
import microsoftCaSetup from './microsoftCaSetup.mjs';
import microsoftCaTeardown from './microsoftCaTeardown.mjs';
import postgresGlobalSetup from './postgresGlobalSetup.mjs';

export default async function globalSetup() {
  await microsoftCaSetup();
  try {
    await postgresGlobalSetup();
  } catch (error) {
    // jest runs no teardown when the setup fails: do not leave the certificates' folder behind.
    await microsoftCaTeardown();
    throw error;
  }
}

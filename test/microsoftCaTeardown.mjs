// jest globalTeardown (part of it: test/globalTeardown.mjs runs this and the PostgreSQL teardown): removes the
// folder microsoftCaSetup.mjs made and puts the environment back, so that a re-run in watch mode makes new ones.
import { rmSync } from 'node:fs';

export default async function microsoftCaTeardown() {
  const tls = globalThis.__helpdeskMicrosoftTls;
  if (!tls) return;
  globalThis.__helpdeskMicrosoftTls = undefined;
  if (tls.earlier === undefined) delete process.env.NODE_EXTRA_CA_CERTS;
  else process.env.NODE_EXTRA_CA_CERTS = tls.earlier;
  if (process.env.TEST_MICROSOFT_TLS_DIR === tls.folder) delete process.env.TEST_MICROSOFT_TLS_DIR;
  rmSync(tls.folder, { recursive: true, force: true });
}

// jest globalSetup (part of it: test/globalSetup.mjs runs this and the PostgreSQL setup; jest.fast.config.js runs
// only this): a throwaway certificate authority and a server certificate for 127.0.0.1 and localhost, so that the
// Microsoft stub (test/helpers/microsoftStub.ts) serves real https that msal-node, the Graph client and fetch trust
// without NODE_TLS_REJECT_UNAUTHORIZED. Made with openssl, once per run, in a temporary folder that
// microsoftCaTeardown.mjs removes.
//
// Node reads NODE_EXTRA_CA_CERTS only when a process starts, so the CA is trusted by the processes started after
// this has run: jest's workers (jest.config.js sets workerIdleMemoryLimit so that jest never runs the tests in its
// own process, which started before this) and the bot processes that HTTP tests start (they inherit the
// environment). TEST_MICROSOFT_TLS_DIR tells the stub where its key and certificate are.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Long enough for any test run, short enough that a leftover folder's key is worth nothing. */
const VALID_DAYS = '2';
const PREFIX = 'helpdesk-microsoft-tls-';
/** A run that was killed leaves its folder behind; one this old belongs to no run still going. */
const STALE_MS = 24 * 60 * 60 * 1000;

export default async function microsoftCaSetup() {
  removeStaleFolders();
  const folder = mkdtempSync(join(tmpdir(), PREFIX));
  try {
    const openssl = (...args) => execFileSync('openssl', args, { cwd: folder, stdio: ['ignore', 'ignore', 'pipe'] });
    const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    openssl('req', '-x509', ...ecKey, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', VALID_DAYS, '-subj', '/CN=helpdesk bot test CA',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
    openssl('req', ...ecKey, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost');
    writeFileSync(join(folder, 'server.ext'), [
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=serverAuth',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ].join('\n'));
    openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', '1', '-days', VALID_DAYS,
      '-extfile', 'server.ext', '-out', 'server.pem');
    // The CA's key is not needed any more: nothing else can be signed with it.
    rmSync(join(folder, 'ca.key'));
    // Whatever extra CAs the environment already trusted (a company proxy's) stay trusted.
    const earlier = process.env.NODE_EXTRA_CA_CERTS;
    const bundle = [earlier && existsSync(earlier) ? readFileSync(earlier, 'utf8').trim() : '', readFileSync(join(folder, 'ca.pem'), 'utf8').trim()];
    writeFileSync(join(folder, 'trusted.pem'), `${bundle.filter(Boolean).join('\n')}\n`);
    globalThis.__helpdeskMicrosoftTls = { folder, earlier };
    process.env.NODE_EXTRA_CA_CERTS = join(folder, 'trusted.pem');
    process.env.TEST_MICROSOFT_TLS_DIR = folder;
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    const reason = error.code === 'ENOENT' ? 'openssl was not found (install it: apt-get install openssl)' : String(error.stderr ?? error.message);
    throw new Error(`Could not make the test certificates for the Microsoft stub: ${reason}`);
  }
}

function removeStaleFolders() {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(PREFIX)) continue;
    const path = join(tmpdir(), name);
    try {
      if (Date.now() - statSync(path).mtimeMs > STALE_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // Another run removed it first, or it is not ours to remove: either way, not this run's concern.
    }
  }
}

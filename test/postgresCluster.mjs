// Throwaway PostgreSQL servers for the tests: initdb into a fresh temporary folder, started with pg_ctl on
// 127.0.0.1 (and a Unix socket in the same folder), trust authentication for the `postgres` role, fsync off.
// Plain JavaScript so jest's globalSetup can load it untransformed; test/helpers/postgresCluster.ts
// re-exports it with the types from postgresCluster.d.mts. As root the server runs as the `postgres` user
// (initdb and postgres refuse to run as root); otherwise as the current user.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** Where Debian's postgresql-NN packages put the server binaries, one folder per major version. */
const DEBIAN_ROOT = '/usr/lib/postgresql';
const TOOLS = ['initdb', 'pg_ctl', 'postgres'];
/** Temporary folders are named `${PREFIX}${pid of the process that made it}-XXXXXX` (see reapStaleClusters). */
const PREFIX = 'helpdesk-pg-';
const LOG_LINES = 30;

export const POSTGRES_INSTALL_HINT =
  'install the PostgreSQL server with "apt-get install -y postgresql" (as root, or with sudo; ' +
  '"npm test" does this by itself when run as root, see test/ensurePostgres.mjs)';

/** The folder with initdb, pg_ctl and postgres: the highest version under /usr/lib/postgresql, else on PATH. */
export function findPostgresBinDir() {
  const hasTools = (dir) => TOOLS.every((tool) => existsSync(join(dir, tool)));
  if (existsSync(DEBIAN_ROOT)) {
    const versions = readdirSync(DEBIAN_ROOT).sort((a, b) => b.localeCompare(a, 'en', { numeric: true }));
    for (const version of versions) {
      const bin = join(DEBIAN_ROOT, version, 'bin');
      if (hasTools(bin)) return bin;
    }
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && hasTools(dir)) return dir;
  }
  return undefined;
}

export function postgresAvailable() {
  return findPostgresBinDir() !== undefined;
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function postgresUser() {
  try {
    const id = (flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: 'pipe' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error(
      'Running as root, so the PostgreSQL test server has to run as the "postgres" user, which does not exist: ' +
        `${POSTGRES_INSTALL_HINT} (the package creates the user).`,
    );
  }
}

/** Runs one of the PostgreSQL tools (through runuser as `postgres` when root); rejects saying what failed. */
function runTool(binDir, dir, tool, args) {
  const command = join(binDir, tool);
  const [file, fileArgs] = isRoot()
    ? [existsSync('/usr/sbin/runuser') ? '/usr/sbin/runuser' : 'runuser', ['-u', 'postgres', '--', command, ...args]]
    : [command, args];
  return new Promise((resolve, reject) => {
    // cwd: the tools complain when they cannot read the working directory (root's, as `postgres`).
    execFile(file, fileArgs, { cwd: dir, encoding: 'utf8', timeout: 120_000 }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const how =
        typeof error.code === 'number'
          ? `exited with code ${error.code}`
          : error.signal
            ? `was killed by ${error.signal}`
            : `could not be run (${error.code ?? error.message})`;
      const output = `${stderr}${stdout}`.trim();
      reject(new Error(`${tool} ${how}: ${[file, ...fileArgs].join(' ')}${output ? `\n${output}` : ''}`));
    });
  });
}

async function logTail(dir) {
  try {
    const lines = (await readFile(join(dir, 'log'), 'utf8')).trimEnd().split('\n');
    return lines.slice(-LOG_LINES).join('\n');
  } catch {
    return '(no server log was written)';
  }
}

/** A port that was free a moment ago (the OS picks it; the listener is closed again at once). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function quoted(value) {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

/** pg_ctl start; on failure the error carries pg_ctl's output and the end of the server log. */
async function pgCtlStart(binDir, dir, port) {
  const settings = `-c listen_addresses=127.0.0.1 -p ${port} -k ${quoted(dir)} -c fsync=off -c max_connections=200`;
  try {
    await runTool(binDir, dir, 'pg_ctl', ['-D', dir, '-w', '-t', '60', '-l', join(dir, 'log'), '-o', settings, 'start']);
  } catch (error) {
    const failure = new Error(
      `Could not start the PostgreSQL test server in ${dir} on 127.0.0.1:${port}: ${error.message}\n` +
        `--- last lines of ${join(dir, 'log')} ---\n${await logTail(dir)}`,
    );
    failure.portInUse = /could not bind|address already in use/i.test(failure.message);
    throw failure;
  }
}

async function pgCtlStop(binDir, dir, mode) {
  // Without postmaster.pid nothing is running: stopping a stopped server is not an error here.
  if (!existsSync(join(dir, 'postmaster.pid'))) return;
  try {
    await runTool(binDir, dir, 'pg_ctl', ['-D', dir, '-w', '-t', '60', '-m', mode, 'stop']);
  } catch (error) {
    throw new Error(
      `Could not stop the PostgreSQL test server in ${dir}: ${error.message}\n` +
        `--- last lines of ${join(dir, 'log')} ---\n${await logTail(dir)}`,
    );
  }
}

/**
 * Creates and starts a new cluster. Without `options.port` it takes a free port (and tries another one if
 * that was taken in the meantime). `stop` keeps the data, `start` brings it back on the same port,
 * `destroy` stops it and removes the folder.
 */
export async function startPostgresCluster(options = {}) {
  const binDir = findPostgresBinDir();
  if (!binDir) {
    throw new Error(
      `No PostgreSQL server binaries (${TOOLS.join(', ')}) in ${DEBIAN_ROOT}/*/bin or on PATH: ${POSTGRES_INSTALL_HINT}.`,
    );
  }
  const owner = isRoot() ? postgresUser() : undefined;
  const dataDir = await mkdtemp(join(tmpdir(), `${PREFIX}${process.pid}-`));
  let port = options.port;
  try {
    if (owner) await chown(dataDir, owner.uid, owner.gid);
    try {
      // C.UTF-8: Unicode-aware lower()/upper() (Dutch text) without depending on which locales are installed.
      await runTool(binDir, dataDir, 'initdb', ['-D', dataDir, '-A', 'trust', '--no-sync', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8']);
    } catch (error) {
      throw new Error(`Could not create the PostgreSQL test cluster in ${dataDir}: ${error.message}`);
    }
    for (let attempt = 1; ; attempt++) {
      port ??= await freePort();
      try {
        await pgCtlStart(binDir, dataDir, port);
        break;
      } catch (error) {
        if (options.port !== undefined || !error.portInUse || attempt >= 3) throw error;
        port = undefined;
      }
    }
  } catch (error) {
    await pgCtlStop(binDir, dataDir, 'immediate').catch(() => {});
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const finalPort = port;
  return {
    url: `postgres://postgres@127.0.0.1:${finalPort}/postgres`,
    port: finalPort,
    dataDir,
    stop: () => pgCtlStop(binDir, dataDir, 'fast'),
    start: () => pgCtlStart(binDir, dataDir, finalPort),
    async destroy() {
      try {
        await pgCtlStop(binDir, dataDir, 'fast');
      } catch {
        await pgCtlStop(binDir, dataDir, 'immediate').catch(() => {});
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/**
 * Stops and removes clusters whose creating process is gone (a test run that was killed before its
 * teardown), so they do not pile up. Clusters of runs that are still going are left alone. Best effort.
 */
export async function reapStaleClusters() {
  const binDir = findPostgresBinDir();
  let entries;
  try {
    entries = readdirSync(tmpdir());
  } catch {
    return;
  }
  for (const entry of entries) {
    const match = new RegExp(`^${PREFIX}(\\d+)-`).exec(entry);
    if (!match || processAlive(Number(match[1]))) continue;
    const dir = join(tmpdir(), entry);
    if (binDir) await pgCtlStop(binDir, dir, 'immediate').catch(() => {});
    await rm(dir, { recursive: true, force: true }).catch(() => {});
  }
}

// Runs before `npm test`: the PostgreSQL tests start a throwaway server from Debian's PostgreSQL binaries
// (/usr/lib/postgresql/<version>/bin, see test/postgresCluster.mjs), so a fresh machine gets them from
// Debian's packages here. Without root or apt-get it says what to install instead. Installing the package may
// also create and start Debian's default cluster on port 5432; the tests do not use it.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { postgresAvailable } from './postgresCluster.mjs';

if (!process.env.TEST_DATABASE_URL && !postgresAvailable()) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    console.error('The PostgreSQL tests need the PostgreSQL server: install it with "sudo apt-get install -y --no-install-recommends postgresql" (or set TEST_DATABASE_URL to a server), then run npm test again.');
    process.exit(1);
  }
  console.log('Installing PostgreSQL from Debian packages for the database tests...');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'postgresql'], { stdio: 'inherit', env });
  if (!postgresAvailable()) {
    console.error('apt-get installed postgresql, but no server binaries were found under /usr/lib/postgresql/*/bin.');
    process.exit(1);
  }
}

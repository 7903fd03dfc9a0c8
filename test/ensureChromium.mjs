// Runs before `npm test`: the browser tests drive Debian's Chromium (/usr/bin/chromium) through
// playwright-core, so a fresh machine gets it from Debian's packages here (`npx playwright install`
// cannot work without internet). Without root or apt-get it says what to install instead.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    console.error(`The browser tests need ${CHROMIUM}: install it with "sudo apt-get install -y --no-install-recommends chromium", then run npm test again.`);
    process.exit(1);
  }
  console.log('Installing Chromium from Debian packages for the browser tests...');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
}

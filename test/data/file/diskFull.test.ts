/**
 * A full disk for real: the bot (bot/app/index.ts, as `npm start` runs it) on a store in a small tmpfs, mounted in
 * a private mount namespace, while people sign up over HTTP. The disk is filled up while they do, then freed.
 * Every signup the bot confirmed is in the store after the bot is restarted; every other one was told "I can't
 * reach my records right now... try again" and is not in the store; /healthz answers 503 while the disk is full
 * and 200 again by itself once it is not.
 * @remarks Needs root and `unshare --mount` (a container may forbid it): skipped, saying so, where it cannot run.
 * The tmpfs exists only in the namespace of a holder process (`sleep`); the bot joins it with `nsenter`, and this
 * test reaches the tmpfs through /proc/<holder>/root.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LocalConnector } from '../../../devtools/localConnector.js';
import type { HelpdeskData } from '../../../data/file/helpdeskFile.js';
import { format, stringsFor } from '../../../locales/strings.js';
import { startBotProcess, type BotProcess } from '../../helpers/botProcess.js';
import { cardText, conversation } from '../../helpers/httpConversation.js';

const en = stringsFor('en');

/** Why this test cannot run here, or undefined when it can. */
function cannotRun(): string | undefined {
  if (process.getuid?.() !== 0) return 'it needs root (to mount a tmpfs)';
  if (spawnSync('unshare', ['--mount', '--propagation', 'private', 'true']).status !== 0) return '`unshare --mount --propagation private` is not permitted here';
  if (spawnSync('nsenter', ['--version']).status !== 0) return 'nsenter is missing';
  return undefined;
}
const reason = cannotRun();
if (reason) console.info(`diskFull.test.ts: the real full-disk test is skipped: ${reason}`);
const describeWhenPossible = reason ? describe.skip : describe;

type Outcome = { email: string; phase: string; kind: 'confirmed' | 'refused' } | { email: string; phase: string; kind: 'unexpected'; said: string };

describeWhenPossible('a full disk under the running bot (tmpfs in a private mount namespace)', () => {
  let mountPoint: string;
  let holder: ChildProcess;
  /** The tmpfs as this process reaches it: through the holder's root. */
  let tmpfs: string;
  let connector: LocalConnector;

  beforeAll(async () => {
    mountPoint = await mkdtemp(join(tmpdir(), 'helpdesk-tmpfs-'));
    holder = spawn('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', 'mount -t tmpfs -o size=4m tmpfs "$1" && echo mounted && exec sleep 3600', 'sh', mountPoint], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [line] = (await Promise.race([once(holder.stdout!, 'data'), once(holder, 'exit')])) as [Buffer | number];
    if (String(line).trim() !== 'mounted') throw new Error(`the tmpfs could not be mounted (${String(line)})`);
    tmpfs = `/proc/${holder.pid}/root${mountPoint}`;
    connector = await LocalConnector.start();
  });

  afterAll(async () => {
    await connector?.close();
    if (holder && holder.exitCode === null) {
      const gone = once(holder, 'exit');
      holder.kill('SIGKILL');
      await gone;
    }
    await rm(mountPoint, { recursive: true, force: true });
  });

  /** The bot on DB_FILE in the tmpfs, inside the holder's namespace. */
  const startBot = () => startBotProcess({ DB_FILE: join(mountPoint, 'helpdesk.json') }, { prefix: ['nsenter', `--target=${holder.pid}`, '--mount', '--'] });

  async function health(bot: BotProcess): Promise<number> {
    return (await fetch(`${bot.url}/healthz`)).status;
  }

  /** Fills the tmpfs to the last byte. */
  async function fillDisk(): Promise<void> {
    for (const size of [1 << 16, 1 << 12, 1 << 9, 1]) {
      const chunk = Buffer.alloc(size, 120);
      for (;;) {
        try {
          await appendFile(`${tmpfs}/filler`, chunk);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw error;
        }
      }
    }
  }

  /** `people` colleagues signing up over and over, each time as a new Teams user, until `until` resolves. */
  async function signUps(bot: BotProcess, phase: string, until: Promise<unknown>, outcomes: Outcome[], people = 6): Promise<void> {
    let stop = false;
    void until.then(() => (stop = true));
    let n = 0;
    await Promise.all(
      Array.from({ length: people }, async (_, person) => {
        while (!stop) {
          const id = `${phase}-${person}-${(n += 1)}`;
          const domain = `full${person % 2}.example`;
          const email = `${id}@${domain}`;
          const chat = conversation(bot, connector, { locale: 'en-US', userId: id });
          const said = (replies: Awaited<ReturnType<typeof chat.say>>) => cardText(replies);
          const preview = await chat.say(`sign me up for Power BI with ${email}`);
          if (said(preview).includes(en.common.notSaved)) {
            outcomes.push({ email, phase, kind: 'refused' });
            continue;
          }
          const done = said(await chat.press(preview, en.signup.confirm));
          if (done.includes(format(en.signup.createdTitle, { domain })) || done.includes(format(en.signup.joinedTitle, { org: domain }))) {
            outcomes.push({ email, phase, kind: 'confirmed' });
          } else if (done.includes(en.common.notSaved)) {
            outcomes.push({ email, phase, kind: 'refused' });
          } else {
            outcomes.push({ email, phase, kind: 'unexpected', said: done.slice(0, 300) });
          }
        }
      }),
    );
  }

  it('loses no confirmed signup while the disk fills up and frees again, tells everyone else to try again, and reports it on /healthz', async () => {
    const outcomes: Outcome[] = [];
    const bot = await startBot();
    let restarted: BotProcess | undefined;
    try {
      // Space: signups go through. Then the disk fills up under them.
      await signUps(bot, 'space', sleep(1_500), outcomes);
      await signUps(
        bot,
        'full',
        (async () => {
          await fillDisk();
          await sleep(2_500);
        })(),
        outcomes,
      );
      expect(await health(bot)).toBe(503);

      // Space comes back while nobody writes: the bot finds out by itself.
      await rm(`${tmpfs}/filler`);
      let status = 0;
      for (let tries = 0; tries < 50 && status !== 200; tries++) {
        status = await health(bot);
        if (status !== 200) await sleep(200);
      }
      expect(status).toBe(200);
      await signUps(bot, 'freed', sleep(1_500), outcomes);
      expect(await bot.stop()).toBe(0);

      // Restarted on the same store: every confirmed signup is there, no refused one is.
      restarted = await startBot();
      const data = JSON.parse(await readFile(`${tmpfs}/helpdesk.json`, 'utf8')) as HelpdeskData;
      const members = new Set(data.members.map((member) => member.email));
      const count = (phase: string, kind: Outcome['kind']) => outcomes.filter((outcome) => outcome.phase === phase && outcome.kind === kind).length;

      expect(outcomes.filter((outcome) => outcome.kind === 'unexpected')).toEqual([]);
      expect(outcomes.filter((outcome) => outcome.kind === 'confirmed' && !members.has(outcome.email)).map(({ email }) => email)).toEqual([]);
      expect(outcomes.filter((outcome) => outcome.kind === 'refused' && members.has(outcome.email)).map(({ email }) => email)).toEqual([]);
      expect({ confirmedWithSpace: count('space', 'confirmed') > 0, refusedWhileFull: count('full', 'refused') > 0, confirmedAfter: count('freed', 'confirmed') > 0 }).toEqual({
        confirmedWithSpace: true,
        refusedWhileFull: true,
        confirmedAfter: true,
      });
      console.info(
        `disk full: ${count('space', 'confirmed')} signups confirmed with space, then ${count('full', 'confirmed')} confirmed and ${count('full', 'refused')} refused as the disk filled, ` +
          `${count('freed', 'confirmed')} confirmed after it was freed; all confirmed ones in the store after a restart, no refused one`,
      );
    } finally {
      await bot.kill();
      await restarted?.stop();
    }
  }, 90_000);
});

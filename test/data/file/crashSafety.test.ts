/**
 * Crash safety of the store: "nothing acknowledged is lost", tested the hard way.
 * - A writer process (storeWriter.ts: state writes and deletes, signups, tickets, a large item replaced over
 *   and over) is killed with SIGKILL at random moments, while it writes and while it opens the store, and
 *   restarted, CRASH_ROUNDS times (30 by default). After every kill the store opens, every write the writer
 *   acknowledged is there, no ticket number is handed out twice, and the large item is one whole version.
 * - The bot itself (bot/app/index.ts, as `npm start` runs it) is killed with SIGKILL while people sign up over
 *   HTTP, CRASH_BOT_ROUNDS times (3 by default): every signup the bot confirmed to its user is in the
 *   directory after the restart. This part runs on the run's store (the file, or PostgreSQL).
 * - A damaged store file at start-up (garbage, half a file, empty, zeros) stops the bot with a non-zero exit
 *   and a message naming the file and how to recover, and the file is left as it was: never an empty start.
 * The kill moments come from CRASH_SEED (random by default); a failure names the seed, to run it again.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { build } from 'esbuild';
import { LocalConnector } from '../../../devtools/localConnector.js';
import type { HelpdeskStore } from '../../../data/helpdeskStore.js';
import { openHelpdeskStore } from '../../../data/openHelpdeskStore.js';
import { format, stringsFor } from '../../../locales/strings.js';
import { recordSignup } from '../../../services/signup/signup.js';
import { projectFile } from '../../../lib/projectFiles.js';
import { startBotProcess, type BotProcess } from '../../helpers/botProcess.js';
import { openStoreAt, storeEnvFor } from '../../helpers/httpBot.js';
import { cardText, conversation, sentTo } from '../../helpers/httpConversation.js';

const en = stringsFor('en');
const ROUNDS = positiveInt('CRASH_ROUNDS', 30);
const BOT_ROUNDS = positiveInt('CRASH_BOT_ROUNDS', 3);
const SEED = positiveInt('CRASH_SEED', Math.floor(Math.random() * 2 ** 31));
const random = mulberry32(SEED);
/** What a failure says first: how to run the same kill moments again. */
const AGAIN = `CRASH_SEED=${SEED}`;

function positiveInt(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name}="${text}" must be a positive whole number`);
  return value;
}

/** A small seeded generator, so a failing run's kill moments can be replayed. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function between(low: number, high: number): number {
  return Math.floor(low + random() * (high - low + 1));
}

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'helpdesk-crash-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** storeWriter.ts as one ES module under node_modules/.cache, where its packages resolve as from the project. */
let writerBundle: Promise<string> | undefined;
function writerEntry(): Promise<string> {
  writerBundle ??= (async () => {
    const outfile = projectFile('node_modules', '.cache', 'helpdesk-test-bot', `store-writer-${process.pid}.mjs`);
    await build({ entryPoints: [projectFile('test', 'data', 'file', 'storeWriter.ts')], outfile, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'error' });
    return outfile;
  })();
  return writerBundle;
}

/** Everything the writers acknowledged, over all rounds so far. */
interface Ledger {
  /** State items acknowledged as written (key -> its n), those whose delete started, and those acknowledged as deleted. */
  written: Map<string, { tag: string; n: number }>;
  deleting: Set<string>;
  deleted: Set<string>;
  /** Signups acknowledged per round's tag: 0 .. count-1. */
  signups: Map<string, number>;
  /** Tickets acknowledged: id -> question (`tag/n`). */
  tickets: Map<string, string>;
  /** The last acknowledged version of the large item. */
  blob?: { round: number; n: number; sha: string };
  acknowledged: number;
}

interface Round {
  round: number;
  tag: string;
  /** Milliseconds from spawn to the kill, and whether the writer had opened the store by then. */
  killedAfterMs: number;
  wasReady: boolean;
  acknowledged: number;
}

/** Runs one writer and kills it with SIGKILL: mostly while it writes, sometimes while it is still opening the store. */
async function killWriterAtRandom(dbFile: string, round: number, ledger: Ledger, readyTimes: number[]): Promise<Round> {
  const tag = `r${round}`;
  const child = spawn(process.execPath, [await writerEntry()], {
    env: { PATH: process.env.PATH ?? '', DB_FILE: dbFile, WRITER_TAG: tag },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const started = Date.now();
  const exited = once(child, 'exit');
  let stdout = '';
  let stderr = '';
  let readyAt: number | undefined;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (readyAt === undefined && stdout.startsWith('ready\n')) readyAt = Date.now();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

  // One round in five is killed before or while it opens the store (replaying, compacting, taking the lock).
  const typicalReady = readyTimes.length > 0 ? [...readyTimes].sort((a, b) => a - b)[Math.floor(readyTimes.length / 2)]! : 250;
  if (round % 5 === 4) {
    await Promise.race([sleep(between(0, typicalReady + 50)), exited]);
  } else {
    const deadline = Date.now() + 20_000;
    while (readyAt === undefined && child.exitCode === null && Date.now() < deadline) await sleep(5);
    if (readyAt === undefined) throw new Error(`${AGAIN}: round ${round}: the writer did not open the store within 20 s (exit ${child.exitCode})\n${stderr}`);
    readyTimes.push(readyAt - started);
    await sleep(between(1, 400));
  }
  const killedAfterMs = Date.now() - started;
  if (child.exitCode !== null) throw new Error(`${AGAIN}: round ${round}: the writer stopped by itself with code ${child.exitCode}\n${stderr}`);
  child.kill('SIGKILL');
  await exited;
  // Stray output on stderr means the writer failed, not that it was killed.
  if (stderr.trim() !== '') throw new Error(`${AGAIN}: round ${round}: the writer wrote to stderr:\n${stderr}`);

  let acknowledged = 0;
  // Only whole lines count: a line is printed after its write resolved.
  for (const line of stdout.split('\n').slice(0, -1)) {
    const [kind, a, b] = line.split(' ');
    if (kind === 'ready') continue;
    if (kind === 'd') {
      ledger.deleting.add(`crash/${tag}/${a}`);
      continue;
    }
    acknowledged += 1;
    if (kind === 'W') ledger.written.set(`crash/${tag}/${a}`, { tag, n: Number(a) });
    else if (kind === 'D') ledger.deleted.add(`crash/${tag}/${a}`);
    else if (kind === 'S') ledger.signups.set(tag, Number(a) + 1);
    else if (kind === 'T') ledger.tickets.set(a!, `${tag}/${b}`);
    else if (kind === 'B') ledger.blob = { round, n: Number(a), sha: b! };
    else throw new Error(`${AGAIN}: round ${round}: the writer printed "${line}"`);
  }
  ledger.acknowledged += acknowledged;
  return { round, tag, killedAfterMs, wasReady: readyAt !== undefined, acknowledged };
}

/** The indexes 0..n-1 of a chain's records in the store: a chain writes in order, so they must be a prefix. */
function expectPrefix(found: number[], acknowledged: number, what: string): void {
  const sorted = [...found].sort((a, b) => a - b);
  expect({ what, indexes: sorted }).toEqual({ what, indexes: sorted.map((_, i) => i) });
  expect({ what, count: sorted.length >= acknowledged }).toEqual({ what, count: true });
}

/** Opens the store as a restarted bot would, and checks every acknowledged write of every round so far. */
async function expectEverythingAcknowledged(dbFile: string, ledger: Ledger, rounds: number): Promise<void> {
  // Open as the bot opens it: the killed writer's lock is taken over, then the file is read.
  const store = await openHelpdeskStore({ dbFile }, 'the crash-safety check');
  try {
    // Conversation state: acknowledged writes are there with their content, acknowledged deletes stay deleted.
    // An item whose delete had started but was not acknowledged may be either way.
    const keys = [...ledger.written.keys(), ...ledger.deleted];
    const items = await store.storage.read(keys);
    for (const [key, { tag, n }] of ledger.written) {
      if (ledger.deleting.has(key) && !items[key]) continue;
      if (ledger.deleted.has(key)) continue;
      expect({ key, item: items[key] }).toEqual({ key, item: expect.objectContaining({ tag, n }) });
    }
    for (const key of ledger.deleted) expect({ key, item: items[key] }).toEqual({ key, item: undefined });

    // Signups: one organization per domain, no member twice, every acknowledged signup there, in order.
    const organizations = (await store.directory.listOrganizations()).filter((org) => org.domains.some((domain) => domain.startsWith('crash')));
    const domains = organizations.flatMap((org) => org.domains);
    expect(domains.length).toBeLessThanOrEqual(3);
    expect(new Set(domains).size).toBe(domains.length);
    const members = (await Promise.all(organizations.map((org) => store.directory.membersOf(org.id)))).flat();
    expect(new Set(members.map((member) => member.email)).size).toBe(members.length);
    for (let round = 0; round < rounds; round++) {
      const tag = `r${round}`;
      const mine = members.filter((member) => member.email.startsWith(`${tag}-`)).map((member) => Number(/-(\d+)@/.exec(member.email)![1]));
      expectPrefix(mine, ledger.signups.get(tag) ?? 0, `signups of ${tag}`);
    }

    // Tickets: every acknowledged number still names its own ticket, and no number was handed out twice.
    const tickets = await store.records.listTickets();
    expect(new Set(tickets.map((ticket) => ticket.id)).size).toBe(tickets.length);
    const byId = new Map(tickets.map((ticket) => [ticket.id, ticket.question]));
    for (const [id, question] of ledger.tickets) expect({ id, question: byId.get(id) }).toEqual({ id, question });
    for (let round = 0; round < rounds; round++) {
      const tag = `r${round}`;
      const mine = tickets.filter((ticket) => ticket.question.startsWith(`${tag}/`)).map((ticket) => Number(ticket.question.split('/')[1]));
      const acknowledged = [...ledger.tickets.values()].filter((question) => question.startsWith(`${tag}/`)).length;
      expectPrefix(mine, acknowledged, `tickets of ${tag}`);
    }

    // The large item: one whole version, the last acknowledged one or a later one.
    const blob = (await store.storage.read(['crash/blob']))['crash/blob'] as { tag: string; n: number; data: string; sha: string } | undefined;
    if (ledger.blob) {
      expect(blob).toBeDefined();
      const stored = { round: Number(blob!.tag.slice(1)), n: blob!.n };
      expect(createHash('sha256').update(blob!.data).digest('hex')).toBe(blob!.sha);
      const notOlder = stored.round > ledger.blob.round || (stored.round === ledger.blob.round && stored.n >= ledger.blob.n);
      expect({ stored, acknowledged: ledger.blob, notOlder }).toEqual({ stored, acknowledged: ledger.blob, notOlder: true });
      if (stored.round === ledger.blob.round && stored.n === ledger.blob.n) expect(blob!.sha).toBe(ledger.blob.sha);
    }
  } finally {
    await store.close();
  }
}

describe('crash safety: a writer killed with SIGKILL at random moments', () => {
  it(`keeps every acknowledged write through ${ROUNDS} kills and restarts`, async () => {
    const dbFile = join(folder, 'writer', 'helpdesk.json');
    const ledger: Ledger = { written: new Map(), deleting: new Set(), deleted: new Set(), signups: new Map(), tickets: new Map(), acknowledged: 0 };
    const readyTimes: number[] = [];
    const rounds: Round[] = [];
    const startedAt = Date.now();
    for (let round = 0; round < ROUNDS; round++) {
      rounds.push(await killWriterAtRandom(dbFile, round, ledger, readyTimes));
      try {
        await expectEverythingAcknowledged(dbFile, ledger, round + 1);
      } catch (error) {
        const last = rounds[rounds.length - 1]!;
        throw new Error(`${AGAIN}: after round ${round} (killed ${last.killedAfterMs} ms after start, ${last.wasReady ? 'while writing' : 'while opening'}):\n${(error as Error).message}`);
      }
    }

    // The kills landed where they should: most rounds while writing, some before the store was open.
    expect(rounds.filter((round) => round.wasReady && round.acknowledged > 0).length).toBeGreaterThanOrEqual(Math.ceil(ROUNDS / 2));
    expect(ledger.acknowledged).toBeGreaterThan(ROUNDS * 10);
    console.info(
      `crash safety (${AGAIN}): ${ROUNDS} writer kills (${rounds.filter((round) => !round.wasReady).length} while opening), ` +
        `${ledger.acknowledged} acknowledged writes, all present after every restart, in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
    );
  }, 60_000 + ROUNDS * 5_000);
});

describe('crash safety: the bot killed with SIGKILL while people sign up', () => {
  let connector: LocalConnector;
  beforeAll(async () => {
    connector = await LocalConnector.start();
  });
  afterAll(async () => {
    await connector.close();
  });

  it(`keeps every signup the bot confirmed through ${BOT_ROUNDS} kills and restarts (the run's store)`, async () => {
    const dbFile = join(folder, 'bot', 'helpdesk.json');
    const env = await storeEnvFor(dbFile);
    /** Conversation id -> the address signed up in it. */
    const attempts = new Map<string, { email: string; domain: string }>();
    const confirmed = new Set<string>();
    const PEOPLE = 12;
    for (let round = 0; round < BOT_ROUNDS; round++) {
      const bot: BotProcess = await startBotProcess(env);
      let killing = false;
      const unexpected: string[] = [];
      const people = Array.from({ length: PEOPLE }, async (_, person) => {
        for (let n = 0; !killing; n++) {
          const domain = `botcrash${(person + n) % 3}.example`;
          const email = `b${round}-${person}-${n}@${domain}`;
          // One Teams user per signup, as many colleagues would be: the bot's per-user flood guard stays out of it.
          const chat = conversation(bot, connector, { locale: 'en-US', userId: `b${round}-${person}-${n}` });
          attempts.set(chat.id, { email, domain });
          try {
            const preview = await chat.say(`sign me up for Power BI with ${email}`);
            await chat.press(preview, en.signup.confirm);
          } catch (error) {
            // Killed under this conversation: whether the bot confirmed is read below from what it sent.
            if (!killing) unexpected.push(`${email}: ${(error as Error).message}`);
            return;
          }
        }
      });
      await sleep(between(800, 2_500));
      killing = true;
      await bot.kill('SIGKILL');
      await Promise.all(people);
      expect({ round, unexpected }).toEqual({ round, unexpected: [] });

      // Acknowledged: the bot told the user "Done", whether or not the HTTP request itself came back.
      for (const [id, { email, domain }] of attempts) {
        const said = cardText(sentTo(connector.activities, id));
        if (said.includes(format(en.signup.createdTitle, { domain })) || said.includes(format(en.signup.joinedTitle, { org: domain }))) confirmed.add(email);
      }
      const store: HelpdeskStore = await openStoreAt(dbFile);
      try {
        const missing: string[] = [];
        for (const email of confirmed) if (!(await store.directory.findMember(email))) missing.push(email);
        expect({ round, missing }).toEqual({ round, missing: [] });
        const organizations = (await store.directory.listOrganizations()).filter((org) => org.domains.some((domain) => domain.startsWith('botcrash')));
        expect(organizations.flatMap((org) => org.domains).sort()).toEqual([...new Set(organizations.flatMap((org) => org.domains))].sort());
      } finally {
        await store.close();
      }
    }
    expect(confirmed.size).toBeGreaterThan(BOT_ROUNDS * 5);
    console.info(`crash safety (${AGAIN}): ${BOT_ROUNDS} bot kills, ${confirmed.size} confirmed signups of ${attempts.size} attempted, all in the directory after every restart`);

    // And after the last kill the bot starts once more and stops cleanly.
    const last = await startBotProcess(env);
    const code = await last.stop();
    expect({ code, log: code === 0 ? '' : last.log() }).toEqual({ code: 0, log: '' });
  }, 60_000 + BOT_ROUNDS * 15_000);
});

describe('crash safety: a damaged store file at start-up', () => {
  /** A real store file, made the way the bot makes one, to cut in half. */
  async function validStoreText(): Promise<string> {
    const dir = await mkdtemp(join(folder, 'valid-'));
    const store = await openHelpdeskStore({ dbFile: join(dir, 'helpdesk.json') }, 'a test making a store file');
    for (const name of ['ann', 'bob', 'cem']) {
      await recordSignup(store.directory, { address: { address: `${name}@half.example`, domain: 'half.example' }, service: 'Power BI' }, new Date());
    }
    await store.storage.write({ 'some/conversation': { step: 2, text: 'x'.repeat(2_000) } });
    await store.close();
    const text = await readFile(join(dir, 'helpdesk.json'), 'utf8');
    // Whatever the file's format inside, a store that was written holds what was written to it.
    expect(text).toContain('half.example');
    return text;
  }

  const damages: [string, () => Promise<Buffer>][] = [
    ['garbage', async () => Buffer.concat([Buffer.from('this is not a store\n'), randomBytes(4_096)])],
    ['truncated: the first half of a valid store file', async () => {
      const text = Buffer.from(await validStoreText(), 'utf8');
      return text.subarray(0, Math.floor(text.length / 2));
    }],
    ['empty (0 bytes)', async () => Buffer.alloc(0)],
    ['zeros (what a power cut can leave)', async () => Buffer.alloc(8_192)],
    ['valid JSON but not a store (null)', async () => Buffer.from('null\n')],
    ['a store whose sections have the wrong type', async () => Buffer.from('{"state":[],"organizations":"none"}\n')],
  ];

  it.each(damages)('refuses to start on a file that is %s: exits non-zero, names the file and the way back, and leaves it alone', async (_, damage) => {
    const dir = await mkdtemp(join(folder, 'damaged-'));
    const dbFile = join(dir, 'helpdesk.json');
    const content = await damage();
    await writeFile(dbFile, content);

    const failure = await startBotProcess({ DB_FILE: dbFile }).then(
      async (bot) => {
        await bot.stop();
        throw new Error(`the bot started on a damaged store file:\n${bot.log()}`);
      },
      (error: Error) => error.message,
    );

    const code = /exited with code (\S+) before listening/.exec(failure)?.[1];
    expect({ code }).toEqual({ code: expect.stringMatching(/^[1-9]\d*$/) });
    // The fatal line an operator reads: one JSON line whose own message says what is wrong and what to do.
    const fatal = failure
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { level: number; msg: string })
      .find((line) => line.level === 60);
    expect(fatal).toBeDefined();
    expect(fatal!.msg).toContain(`"${dbFile}"`);
    expect(fatal!.msg).toMatch(/damaged|not valid|corrupt/i);
    expect(fatal!.msg).toMatch(/backup/i);
    // Nothing was written over the damaged file, and the store is not locked for the next start.
    expect(Buffer.compare(await readFile(dbFile), content)).toBe(0);
    expect(existsSync(`${dbFile}.lock`)).toBe(false);
  }, 30_000);
});

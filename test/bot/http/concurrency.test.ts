/**
 * Hundreds of simultaneous conversations over HTTP against one bot, signing up on and taking over the same
 * three domains, on the run's store (the file, or PostgreSQL when HELPDESK_TEST_STORE=postgres):
 * - wave one of the signups creates each domain's organization in a race (one must come out per domain);
 * - the takeover requesters start as soon as their domain exists, while the signups go on, and paste the TXT
 *   values Microsoft showed them, which are then published on a real DNS server on loopback;
 * - every requester checks DNS, and then presses "I've finished in Microsoft" at the same moment, while wave two
 *   of the signups confirms. Microsoft is not asked (MICROSOFT_LOOKUPS=off), so each takeover is recorded on the
 *   requester's word: exactly one per domain may be.
 * Expected: no lost update (every confirmed signup is a member), no duplicate (one organization per domain,
 * no member twice, one completed takeover and one admin per domain, every other requester told that
 * someone else won), no deadlock (everything finishes well within the time limit), and no 5xx.
 * CONCURRENCY_CONVERSATIONS sets the number of conversations (300 by default; a tenth of them take over).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { viewCard } from '../../../devtools/cardText.js';
import { LocalConnector, type ConnectorActivity } from '../../../devtools/localConnector.js';
import { format, stringsFor } from '../../../locales/strings.js';
import { startDnsServer, type TestDnsServer } from '../../helpers/dnsServer.js';
import { startHttpBot, type HttpBot, type PostActivity } from '../../helpers/httpBot.js';
import { askForTakeoverRecord, cardText, conversation } from '../../helpers/httpConversation.js';
import { testStoreKind } from '../../helpers/storeUnderTest.js';

const en = stringsFor('en');
const CONVERSATIONS = Number(process.env.CONCURRENCY_CONVERSATIONS ?? 300);
const DOMAINS = ['race-a.example', 'race-b.example', 'race-c.example'];
const TAKEOVERS_PER_DOMAIN = Math.max(2, Math.round(CONVERSATIONS / 10 / DOMAINS.length));
const SIGNUPS_PER_DOMAIN = Math.floor((CONVERSATIONS - TAKEOVERS_PER_DOMAIN * DOMAINS.length) / DOMAINS.length);
/** Far above what the run needs (a few seconds to half a minute): reaching it means something waits forever. */
const DEADLOCK_MS = 150_000;

let connector: LocalConnector;
let dns: TestDnsServer;
let bot: HttpBot;
/** Every HTTP status the bot answered, by status. */
const statuses = new Map<number, number>();

beforeAll(async () => {
  connector = await LocalConnector.start();
  dns = await startDnsServer();
  // A day between background re-checks: only the requesters' own presses verify.
  bot = await startHttpBot({ DNS_SERVERS: dns.servers.join(','), TAKEOVER_RECHECK_SECONDS: '86400' });
}, 60_000);
afterAll(async () => {
  await bot?.stop();
  await dns?.close();
  await connector?.close();
});

/** The bot's endpoint, counting every answer's status; a request that gets no answer at all fails the test. */
const counted: { post: PostActivity } = {
  post: async (body, headers) => {
    const response = await bot.post(body, headers);
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    return response;
  },
};

/** Resolves once every party has arrived; rejects everyone waiting if any party fails, so nobody hangs on it. */
function barrier(parties: number) {
  let arrived = 0;
  let open!: () => void;
  let fail!: (error: unknown) => void;
  const opened = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  opened.catch(() => undefined);
  return {
    arrive: () => {
      arrived += 1;
      if (arrived === parties) open();
      return opened;
    },
    wait: () => opened,
    fail,
  };
}

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + DEADLOCK_MS;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`until(): ${what} did not happen within ${DEADLOCK_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A value as Microsoft's wizard would show it, one per requester. */
function valueFor(index: number): string {
  return `MS=ms${String(10_000_000 + index)}`;
}

function requestIdOf(record: ConnectorActivity[]): string {
  const button = record
    .flatMap((reply) => reply.attachments ?? [])
    .flatMap((attachment) => viewCard(attachment.content).buttons)
    .find((candidate) => candidate.title === en.takeover.checkDns);
  const request = (button?.data as { request?: unknown } | undefined)?.request;
  if (typeof request !== 'string') throw new Error(`no "${en.takeover.checkDns}" button with a request id:\n${cardText(record)}`);
  return request;
}


interface Signup {
  email: string;
  domain: string;
  /** Wave two confirms while the takeovers are verified. */
  wave: 1 | 2;
  outcome?: string;
}

interface Takeover {
  domain: string;
  userId: string;
  email: string;
  value: string;
  request?: string;
  outcome?: string;
}

describe(`concurrency: ${CONVERSATIONS} simultaneous conversations on ${DOMAINS.length} domains (${testStoreKind()} store)`, () => {
  it('signs everyone up, gives each domain one organization and one admin, loses nothing and never answers 5xx', async () => {
    const signups: Signup[] = DOMAINS.flatMap((domain) =>
      Array.from({ length: SIGNUPS_PER_DOMAIN }, (_, i): Signup => ({ email: `person${i}@${domain}`, domain, wave: i % 2 === 0 ? 1 : 2 })),
    );
    const takeovers: Takeover[] = DOMAINS.flatMap((domain, d) =>
      Array.from({ length: TAKEOVERS_PER_DOMAIN }, (_, k): Takeover => ({ domain, userId: `taker-${d}-${k}`, email: `taker${k}@${domain}`, value: valueFor(d * 1000 + k) })),
    );
    for (const taker of takeovers) connector.members.set(taker.userId, { id: taker.userId, name: `Taker ${taker.userId}`, email: taker.email });
    const values = new Map<string, string[]>(DOMAINS.map((domain) => [domain, []]));
    const recordsReady = barrier(takeovers.length);
    const stepsReady = barrier(takeovers.length);

    const signingUp = signups.map(async (signup, n) => {
      const chat = conversation(counted, connector, { locale: 'en-US', userId: `signer-${n}` });
      const preview = await chat.say(`sign me up for Power BI with ${signup.email}`);
      expect(cardText(preview)).toContain(en.signup.previewTitle);
      // Wave two confirms from the moment the verifications start, spread over a few seconds: before, during and after the takeovers.
      if (signup.wave === 2) {
        await recordsReady.wait();
        await new Promise((resolve) => setTimeout(resolve, (n % 60) * 25));
      }
      signup.outcome = cardText(await chat.press(preview, en.signup.confirm));
    });
    const takingOver = takeovers.map(async (taker) => {
      try {
        // A takeover needs the unmanaged organization that the first signup on the domain creates.
        await until(async () => (await bot.app.directory.findByDomain(taker.domain)) !== undefined, `an organization for ${taker.domain}`);
        const chat = conversation(counted, connector, { locale: 'en-US', userId: taker.userId, replyToCard: true });
        const record = await askForTakeoverRecord(chat, taker.domain, taker.value);
        taker.request = requestIdOf(record);
        values.get(taker.domain)!.push(taker.value);
        // Every requester's record is published before anyone checks, so all of them pass the DNS check.
        if (values.get(taker.domain)!.length === TAKEOVERS_PER_DOMAIN) dns.setTxt(taker.domain, values.get(taker.domain)!.map((value) => [value]));
        await recordsReady.arrive();
        const step = await chat.press(record, en.takeover.checkDns);
        expect(cardText(step)).toContain(format(en.takeover.microsoftTitle, { domain: taker.domain }));
        await stepsReady.arrive();
        taker.outcome = cardText(await chat.press(step, en.takeover.finishedInMicrosoft));
      } catch (error) {
        recordsReady.fail(error);
        stepsReady.fail(error);
        throw error;
      }
    });

    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const deadlock = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const waiting = signups.filter((signup) => signup.outcome === undefined).length + takeovers.filter((taker) => taker.outcome === undefined).length;
        reject(new Error(`deadlock? ${waiting} of ${CONVERSATIONS} conversations had not finished after ${DEADLOCK_MS} ms`));
      }, DEADLOCK_MS);
    });
    try {
      await Promise.race([Promise.all([...signingUp, ...takingOver]), deadlock]);
    } finally {
      clearTimeout(timer);
    }
    const seconds = (Date.now() - started) / 1000;

    // No 5xx, nor any other refusal: every request of every conversation was answered 200.
    expect(Object.fromEntries(statuses)).toEqual({ 200: expect.any(Number) });

    const organizations = (await bot.app.directory.listOrganizations()).filter((org) => org.domains.some((domain) => DOMAINS.includes(domain)));
    expect(organizations.map((org) => org.domains).sort()).toEqual(DOMAINS.map((domain) => [domain]));

    /** How hard the race was: losers whose record had been verified too, and wave-two signups that joined a managed organization. */
    let verifiedLosers = 0;
    for (const domain of DOMAINS) {
      const organization = (await bot.app.directory.findByDomain(domain))!;
      const mine = signups.filter((signup) => signup.domain === domain);
      const takers = takeovers.filter((taker) => taker.domain === domain);

      // One signup created the organization; every other one joined it: nobody was refused or lost.
      const created = mine.filter((signup) => signup.outcome!.includes(format(en.signup.createdTitle, { domain })));
      const joined = mine.filter((signup) => signup.outcome!.includes(format(en.signup.joinedTitle, { org: organization.displayName })));
      expect({ domain, created: created.length, joined: joined.length }).toEqual({ domain, created: 1, joined: mine.length - 1 });
      expect(created[0]!.wave).toBe(1);

      // One requester won and is the only admin; every other one was told someone else took the domain over.
      const winners = takers.filter((taker) => taker.outcome!.includes(format(en.takeover.reportedTitle, { domain })));
      const losers = takers.filter((taker) => taker.outcome!.includes(format(en.takeover.takenOverTitle, { domain })));
      expect({ domain, winners: winners.length, losers: losers.length }).toEqual({ domain, winners: 1, losers: takers.length - 1 });
      const winner = winners[0]!;
      expect(organization).toMatchObject({ managed: true, admins: [{ email: winner.email, reportedByUser: true }] });
      expect(organization.admins).toHaveLength(1);

      // The takeover requests agree: one recorded (on the requester's word), the others ended because someone else won.
      const requests = await Promise.all(takers.map(async (taker) => (await bot.app.directory.findTakeover(taker.request!))!));
      expect(requests.filter((request) => request.status === 'reportedByUser').map((request) => request.id)).toEqual([winner.request]);
      for (const request of requests.filter((candidate) => candidate.id !== winner.request)) {
        expect(request).toMatchObject({ status: 'cancelled', endedBecause: 'takenOverByOther' });
        if (request.attempts.some((attempt) => attempt.outcome === 'found')) verifiedLosers += 1;
      }

      // No lost update and no duplicate: exactly the people who signed up, and the winner, each once.
      const members = await bot.app.directory.membersOf(organization.id);
      const emails = members.map((member) => member.email).sort();
      expect(emails).toEqual([...mine.map((signup) => signup.email), winner.email].sort());
      for (const signup of mine) expect(await bot.app.directory.findMember(signup.email)).toMatchObject({ orgId: organization.id, services: ['Power BI'] });
    }

    const turns = [...statuses.values()].reduce((sum, count) => sum + count, 0);
    const joinedManaged = signups.filter((signup) => signup.outcome!.includes(format(en.signup.joinedManagedText, { address: signup.email, org: signup.domain }))).length;
    console.info(
      `concurrency (${testStoreKind()} store): ${CONVERSATIONS} conversations (${signups.length} signups, ${takeovers.length} takeovers), ` +
        `${turns} requests, all 200, in ${seconds.toFixed(1)} s; ${verifiedLosers} losing requesters had passed the DNS check too, ` +
        `${joinedManaged} signups joined after their domain was taken over`,
    );
  }, DEADLOCK_MS + 30_000);
});

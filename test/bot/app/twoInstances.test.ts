/**
 * Two bot processes on one PostgreSQL database, as behind a load balancer: every conversation's turns go to
 * both instances in turn, and the races the issue names are run over HTTP. The database decides them:
 * one organization for a domain, one winner of a takeover, one assignee of a ticket, and the background
 * re-check runs once across the instances, not once per instance.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { viewCard } from '../../../devtools/cardText.js';
import { LocalConnector } from '../../../devtools/localConnector.js';
import type { HelpdeskStore } from '../../../data/helpdeskStore.js';
import { openHelpdeskStore } from '../../../data/openHelpdeskStore.js';
import { Database } from '../../../data/postgres/database.js';
import { bundledMigrations } from '../../../data/postgres/migrations.js';
import { format, stringsFor } from '../../../locales/strings.js';
import { startBotProcess, type BotProcess } from '../../helpers/botProcess.js';
import { startDnsServer, type TestDnsServer } from '../../helpers/dnsServer.js';
import { contoso } from '../../helpers/fixtures.js';
import type { PostActivity } from '../../helpers/httpBot.js';
import { askForTakeoverRecord, cardText, conversation, sentTo, type HttpConversation, type TeamChannel } from '../../helpers/httpConversation.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/postgresDatabase.js';

const en = stringsFor('en');
const HELPDESK: TeamChannel = { teamId: '19:it-team@thread.tacv2', channelId: '19:it-general@thread.tacv2' };

let connector: LocalConnector;
let dns: TestDnsServer;
let database: TestDatabase;
let instances: BotProcess[];
/** The same database, opened by the test to set up and look at what the instances did. */
let store: HelpdeskStore;

beforeAll(async () => {
  connector = await LocalConnector.start();
  dns = await startDnsServer();
  database = await createTestDatabase();
  const env = { DATABASE_URL: database.url, DNS_SERVERS: dns.servers.join(','), TAKEOVER_RECHECK_SECONDS: '1' };
  // Started together: both migrate the empty database at the same moment.
  instances = await Promise.all([startBotProcess(env), startBotProcess(env)]);
  store = await openHelpdeskStore({ dbFile: '', databaseUrl: database.url }, 'the two-instance test');
}, 60_000);

afterAll(async () => {
  const codes = await Promise.all((instances ?? []).map((instance) => instance.stop()));
  expect(codes).toEqual([0, 0]);
  await store?.close();
  await database?.drop();
  await connector?.close();
  await dns?.close();
});

/** A load balancer without sticky sessions: each request goes to the next instance. */
function roundRobin(): { post: PostActivity } {
  let next = 0;
  return { post: (body, headers) => instances[next++ % instances.length]!.post(body, headers) };
}

/** One instance only, for the side of a race that must land there. */
function on(index: number): { post: PostActivity } {
  return { post: (body, headers) => instances[index]!.post(body, headers) };
}

function teamsMember(userId: string, name: string, email: string, tenantId?: string): void {
  connector.members.set(userId, { id: userId, name, email, ...(tenantId ? { tenantId } : {}) });
}

/** Values as Microsoft's wizard would show them to each requester. */
const ALEX_VALUE = 'MS=ms11223344';
const BLAIR_VALUE = 'MS=ms55667788';
const CASEY_VALUE = 'MS=ms99001122';

async function signUp(chat: HttpConversation, address: string): Promise<void> {
  const preview = await chat.say(`sign me up for Power BI with ${address}`);
  const done = await chat.press(preview, en.signup.confirm);
  expect(cardText(done)).not.toBe('');
}


describe('two bot processes on one PostgreSQL database', () => {
  it('migrated the schema once, although both started at the same moment', async () => {
    const sql = new Database(database.url);
    try {
      expect(await sql.query('SELECT version FROM schema_migrations ORDER BY version')).toEqual(bundledMigrations().map(({ version }) => ({ version })));
    } finally {
      await sql.close();
    }
    for (const instance of instances) expect(instance.log()).toContain('"msg":"database schema ready"');
  });

  it('ends 24 simultaneous signups on one new domain, spread over both instances, in one organization', async () => {
    const domain = 'together.example';
    await Promise.all(
      Array.from({ length: 24 }, (_, index) => signUp(conversation(roundRobin(), connector, { locale: 'en-US', userId: `signup-${index}` }), `person${index}@${domain}`)),
    );
    const organization = await store.directory.findByDomain(domain);
    expect(organization).toMatchObject({ managed: false });
    expect(await store.directory.countMembers(organization!.id)).toBe(24);
    expect((await store.directory.listOrganizations()).filter((org) => org.domains.includes(domain))).toHaveLength(1);
  });

  it('lets exactly one of two requesters finishing the same domain at once, on different instances, take it over', async () => {
    const domain = 'contested.example';
    for (const name of ['ann', 'bob']) await signUp(conversation(roundRobin(), connector, { locale: 'en-US', userId: `${domain}-${name}` }), `${name}@${domain}`);
    teamsMember('alex', 'Alex Wilber', `alex@${domain}`);
    teamsMember('blair', 'Blair Mendez', `blair@${domain}`);
    const alex = conversation(roundRobin(), connector, { locale: 'en-US', userId: 'alex', replyToCard: true });
    const blair = conversation(roundRobin(), connector, { locale: 'en-US', userId: 'blair', replyToCard: true });
    const [alexRecord, blairRecord] = [await askForTakeoverRecord(alex, domain, ALEX_VALUE), await askForTakeoverRecord(blair, domain, BLAIR_VALUE)];
    dns.setTxt(domain, [[ALEX_VALUE], [BLAIR_VALUE]]);
    // Both records are visible: each is at the step in Microsoft.
    const [alexStep, blairStep] = [await alex.press(alexRecord, en.takeover.checkDns), await blair.press(blairRecord, en.takeover.checkDns)];

    // The instances do not ask Microsoft (MICROSOFT_LOOKUPS=off), so each records its requester's word: only one may win.
    const alexOnFirst = conversation(on(0), connector, { locale: 'en-US', userId: 'alex', replyToCard: true, conversationId: alex.id });
    const blairOnSecond = conversation(on(1), connector, { locale: 'en-US', userId: 'blair', replyToCard: true, conversationId: blair.id });
    const outcomes = await Promise.all([alexOnFirst.press(alexStep, en.takeover.finishedInMicrosoft), blairOnSecond.press(blairStep, en.takeover.finishedInMicrosoft)]);

    const won = outcomes.filter((replies) => cardText(replies).includes(format(en.takeover.reportedTitle, { domain })));
    const lost = outcomes.filter((replies) => cardText(replies).includes(format(en.takeover.takenOverTitle, { domain })));
    expect([won.length, lost.length]).toEqual([1, 1]);
    const organization = await store.directory.findByDomain(domain);
    expect(organization?.managed).toBe(true);
    expect(organization?.admins).toHaveLength(1);
    const requests = await store.directory.transaction((tx) => tx.takeoversFor(domain));
    expect(requests.filter((request) => request.status === 'reportedByUser')).toHaveLength(1);
    expect(requests.filter((request) => request.endedBecause === 'takenOverByOther')).toHaveLength(1);
  });

  it('gives a ticket that two helpdesk agents assign at once, on different instances, one assignee', async () => {
    await store.directory.save(contoso);
    const tenantId = contoso.tenantId!;
    teamsMember('aad-megan', 'Megan Bowen', 'megan@contoso.com', tenantId);
    teamsMember('lee', 'Lee Gu', 'lee@contoso.com', tenantId);
    const megan = conversation(roundRobin(), connector, { locale: 'en-US', tenantId, channel: HELPDESK, userId: 'aad-megan', name: 'Megan Bowen', aadObjectId: 'aad-megan' });
    expect(cardText(await megan.say('use this channel for tickets'))).toBe(format(en.tickets.channelSet, { org: contoso.displayName }));

    const requester = conversation(roundRobin(), connector, { locale: 'en-US', userId: 'lee', tenantId });
    await requester.say('my password stopped working');
    const asked = await requester.say('talk to a person');
    const since = connector.activities.length;
    // The question typed on one instance is pre-filled by the other: the recent lines are shared.
    expect(viewCard(asked[0]!.attachments![0]!.content).inputs).toEqual([expect.objectContaining({ id: 'question', value: 'my password stopped working' })]);
    const created = await requester.press(asked, en.tickets.send);
    expect(cardText(created)).toContain(format(en.tickets.createdTitle, { id: 'HD-1001' }));
    const [ticketCard] = sentTo(connector.activities.slice(since), HELPDESK.channelId);
    expect(ticketCard).toBeDefined();

    const thread = `${HELPDESK.channelId};messageid=${ticketCard!.id!}`;
    const agents = [
      conversation(on(0), connector, { locale: 'en-US', tenantId, channel: HELPDESK, replyToCard: true, conversationId: thread, userId: 'kim', name: 'Kim Akers' }),
      conversation(on(1), connector, { locale: 'en-US', tenantId, channel: HELPDESK, replyToCard: true, conversationId: thread, userId: 'pat', name: 'Pat Pace' }),
    ];
    const answers = await Promise.all(agents.map((agent) => agent.press([ticketCard!], en.tickets.assignToMe)));

    const ticketId = viewCard(ticketCard!.attachments![0]!.content).lines[0]!.match(/HD-\d+/)![0];
    const ticket = await store.records.findTicket(ticketId);
    const assignee = ticket?.assignee?.name;
    expect(['Kim Akers', 'Pat Pace']).toContain(assignee);
    // Both agents are in one thread, so each press may collect the other's reply too: count replies once.
    const replies = [...new Map(answers.flat().map((activity) => [activity.id, activity])).values()];
    const refusals = replies.filter((activity) => activity.text === format(en.tickets.alreadyAssigned, { id: ticketId, name: assignee! }));
    expect(refusals).toHaveLength(1);
    expect((refusals[0]!.recipient as { name?: string } | undefined)?.name).not.toBe(assignee);
  });

  it('re-checks a pending takeover once per interval across both instances, and tells the requester once', async () => {
    const domain = 'patient.example';
    for (const name of ['ann', 'bob']) await signUp(conversation(roundRobin(), connector, { locale: 'en-US', userId: `${domain}-${name}` }), `${name}@${domain}`);
    teamsMember('casey', 'Casey Jensen', `casey@${domain}`);
    const casey = conversation(roundRobin(), connector, { locale: 'en-US', userId: 'casey', replyToCard: true });
    const record = await askForTakeoverRecord(casey, domain, CASEY_VALUE);
    await casey.press(record, en.takeover.checkLater);

    // Both instances tick every second; a round is claimed in the database, so about one check a second, not two.
    const lookups = () => dns.queries.filter((name) => name === domain).length;
    const before = lookups();
    await sleep(4500);
    const checks = lookups() - before;
    expect(checks).toBeGreaterThanOrEqual(2);
    expect(checks).toBeLessThanOrEqual(6);

    const since = connector.activities.length;
    dns.setTxt(domain, [[CASEY_VALUE]]);
    await sleep(3500);
    const told = sentTo(connector.activities.slice(since), casey.id).filter((activity) => cardText([activity]).includes(format(en.takeover.recheckFound, { domain })));
    expect(told).toHaveLength(1);
  });
});

/**
 * Who may do what, against the real server over HTTP.
 * - With an app id configured, a request without a valid Bot Framework token gets 401 and runs no turn (the
 *   connector hears nothing). The tokens are checked for real, offline: the bot's OpenID metadata points at a
 *   key server on loopback whose key signs the test's tokens, so a token that is refused is refused for what
 *   is wrong with it (expired, another audience, another issuer, another service URL, no or a foreign
 *   signature), not because the keys could not be fetched. The same tokens are also checked against the SDK's
 *   authentication directly, with a valid one accepted, to show each differs from a good one in one respect.
 * - A takeover step (the value, check DNS, check later, cancel, "I've finished in Microsoft", the license choice) sent by anyone but the requester
 *   is refused and audited under the domain with who tried; a ticket's Assign or Resolve from outside its
 *   organization's helpdesk channel likewise (under the organization's first domain, or the ticket id).
 * - Settings belong to the organization's admins: a member's PUT /api/settings gets 403, in
 *   test/bot/tabApi.test.ts ("refuses a member with 403 and changes nothing"); not repeated here.
 * - Secrets and tokens never reach the log: the bot runs as its own process with LOG_LEVEL=trace, and its whole
 *   output (stdout and stderr) is searched for the app password and every token sent to it.
 * @remarks A request with a valid token is not sent over HTTP: its turn would need a token of the bot's own from
 * login.microsoftonline.com to reply, which this machine cannot reach.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { CallerIdConstants, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { AuthenticationConstants } from 'botframework-connector';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type RunningApp } from '../../../bot/app/createApp.js';
import { loadConfig, type BotAuthSettings } from '../../../bot/app/config.js';
import { createLogger } from '../../../bot/app/logger.js';
import { LocalConnector, type ConnectorActivity } from '../../../devtools/localConnector.js';
import { format, stringsFor, type Strings } from '../../../locales/strings.js';
import type { AuditEntry } from '../../../services/ports/directory.js';
import type { TxtChecker } from '../../../services/takeover/dnsTxtCheck.js';
import { recordSignup } from '../../../services/signup/signup.js';
import type { TakeoverRequest } from '../../../services/models/takeoverRequest.js';
import { REFUSED_NOT_REQUESTER, TakeoverService } from '../../../services/takeover/takeoverService.js';
import { microsoftLookupsOff } from '../../../services/microsoft/lookupsOff.js';
import { startBotProcess } from '../../helpers/botProcess.js';
import { contoso } from '../../helpers/fixtures.js';
import { poster, startHttpBot, storeEnvFor, type HttpBot } from '../../helpers/httpBot.js';
import { cardText, conversation, sentTo, type HttpConversation, type TeamChannel } from '../../helpers/httpConversation.js';

const en = stringsFor('en');
const nl = stringsFor('nl');
const APP_ID = 'e1b5c1f0-5f5e-4a57-9d0e-6a1f2c3d4e5f';
const CHANNEL_ISSUER = AuthenticationConstants.ToBotFromChannelTokenIssuer;

let connector: LocalConnector;
beforeAll(async () => {
  connector = await LocalConnector.start();
});
afterAll(async () => {
  await connector.close();
});

// ---------------------------------------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------------------------------------

/** A key server on loopback standing in for the Bot Framework's OpenID metadata and signing keys. */
interface KeyServer {
  metadataUrl: string;
  /** The key the server publishes (kid `bot-framework-test`). */
  privateKey: CryptoKey;
  close(): Promise<void>;
}

async function startKeyServer(): Promise<KeyServer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'bot-framework-test', use: 'sig', alg: 'RS256', endorsements: ['msteams'] };
  const server: Server = createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(req.url?.startsWith('/.well-known/') ? { issuer: CHANNEL_ISSUER, jwks_uri: `${base}/keys` } : { keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    metadataUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/openidconfiguration`,
    privateKey,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * The public cloud's authentication settings with the key server in place of Microsoft's metadata. The SDK
 * takes all of them as given once one is set, so the others are the public cloud's own values.
 */
function authSettings(keys: KeyServer): Record<string, string | boolean> {
  return {
    MicrosoftAppId: APP_ID,
    MicrosoftAppPassword: 'not-used-offline',
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: CHANNEL_ISSUER,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: keys.metadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: keys.metadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** What a channel's token says: from the Bot Framework, for this bot, about this service URL, valid for an hour. */
function claims(serviceUrl: string, overrides: JWTPayload = {}): JWTPayload {
  const now = Math.floor(Date.now() / 1000);
  return { iss: CHANNEL_ISSUER, aud: APP_ID, serviceurl: serviceUrl, nbf: now - 60, exp: now + 3600, iat: now - 60, ...overrides };
}

function sign(payload: JWTPayload, key: CryptoKey | Uint8Array, header: { alg: string; kid?: string } = { alg: 'RS256', kid: 'bot-framework-test' }): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ typ: 'JWT', ...header }).sign(key);
}

/** Every way a request can lack a valid token, as Authorization header values (undefined: no header). */
async function badAuthorizations(keys: KeyServer, serviceUrl: string): Promise<[string, string | undefined][]> {
  const now = Math.floor(Date.now() / 1000);
  const attacker = (await generateKeyPair('RS256')).privateKey;
  return [
    ['no Authorization header', undefined],
    ['an empty Bearer', 'Bearer '],
    ['garbage', 'Bearer not.a.token'],
    ['another scheme', `Basic ${Buffer.from('bot:secret').toString('base64')}`],
    ['an unsigned token (alg "none")', `Bearer ${base64url({ alg: 'none', typ: 'JWT', kid: 'bot-framework-test' })}.${base64url(claims(serviceUrl))}.`],
    ['an expired token', `Bearer ${await sign(claims(serviceUrl, { nbf: now - 7200, iat: now - 7200, exp: now - 3600 }), keys.privateKey)}`],
    ['a token not valid yet', `Bearer ${await sign(claims(serviceUrl, { nbf: now + 3600, exp: now + 7200 }), keys.privateKey)}`],
    ['a token for another bot (audience)', `Bearer ${await sign(claims(serviceUrl, { aud: 'someone-elses-bot' }), keys.privateKey)}`],
    ['a token from another issuer', `Bearer ${await sign(claims(serviceUrl, { iss: 'https://login.evil.example/' }), keys.privateKey)}`],
    ['a token for another service URL', `Bearer ${await sign(claims('https://attacker.example/'), keys.privateKey)}`],
    ['a token signed by a foreign key under the real key id', `Bearer ${await sign(claims(serviceUrl), attacker)}`],
    ['a token signed by a foreign key with an unknown key id', `Bearer ${await sign(claims(serviceUrl), attacker, { alg: 'RS256', kid: 'attacker-key' })}`],
    ['a token signed with HS256 and a guessable secret', `Bearer ${await sign(claims(serviceUrl), new TextEncoder().encode('bot-framework-test'), { alg: 'HS256', kid: 'bot-framework-test' })}`],
  ];
}

/**
 * What the SDK writes to the console when it refuses a token: botframework-connector's JwtTokenExtractor
 * calls console.error with the TokenExpiredError itself, or with "Error finding key for token. Available
 * keys: ..." for any other failed verification, before it throws.
 */
function isSdkTokenError(args: unknown[]): boolean {
  const [first] = args;
  if (typeof first === 'string') return first.startsWith('Error finding key for token.');
  return typeof first === 'object' && first !== null && (first as { name?: unknown }).name === 'TokenExpiredError';
}

/**
 * Collects the SDK's console.error lines about refused tokens instead of printing them (they are expected
 * here, and there are dozens); anything else written to console.error still reaches the console.
 */
function collectSdkTokenErrors(): { calls: unknown[][]; restore(): void } {
  const original = console.error;
  const calls: unknown[][] = [];
  const spy = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    if (isSdkTokenError(args)) calls.push(args);
    else original.apply(console, args);
  });
  return { calls, restore: () => spy.mockRestore() };
}

/** A bot with an app id whose token checks use the key server; its store in a temporary folder. */
async function startAuthenticatedBot(keys: KeyServer): Promise<{ app: RunningApp; url: string; stop(): Promise<void> }> {
  const folder = await mkdtemp(join(tmpdir(), 'helpdesk-authz-'));
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-used-offline', ...(await storeEnvFor(join(folder, 'helpdesk.json'))) });
  // BotAuthSettings names only what the environment may set; the SDK reads the whole object.
  const app = await startApp({ ...config, auth: authSettings(keys) as BotAuthSettings }, createLogger('silent'));
  return {
    app,
    url: `http://127.0.0.1:${app.port}`,
    async stop() {
      await app.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

describe('requests without a valid token, with an app id configured', () => {
  let keys: KeyServer;
  let bot: Awaited<ReturnType<typeof startAuthenticatedBot>>;
  let cases: [string, string | undefined][];
  let sdkErrors: ReturnType<typeof collectSdkTokenErrors>;
  beforeAll(async () => {
    sdkErrors = collectSdkTokenErrors();
    keys = await startKeyServer();
    bot = await startAuthenticatedBot(keys);
    cases = await badAuthorizations(keys, connector.serviceUrl);
  });
  afterAll(async () => {
    sdkErrors.restore();
    await bot.stop();
    await keys.close();
  });

  const activity = (conversationId: string, extra: Record<string, unknown> = {}) => ({
    type: 'message',
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    conversation: { id: conversationId, conversationType: 'personal' },
    from: { id: 'user-authz', name: 'Sam' },
    recipient: { id: 'bot', name: 'Helpdesk' },
    locale: 'en-US',
    text: 'who is my admin?',
    ...extra,
  });

  it('are told apart from a valid token by the SDK itself: only the valid one authenticates', async () => {
    const auth = new ConfigurationBotFrameworkAuthentication(authSettings(keys));
    const valid = `Bearer ${await sign(claims(connector.serviceUrl), keys.privateKey)}`;
    sdkErrors.calls.length = 0;
    await expect(auth.authenticateRequest(activity('c-valid') as never, valid)).resolves.toMatchObject({ claimsIdentity: { isAuthenticated: true } });
    expect(sdkErrors.calls).toEqual([]);
    const logged: Record<string, string[]> = {};
    for (const [name, header] of cases) {
      const since = sdkErrors.calls.length;
      await expect(auth.authenticateRequest(activity(`c-${name}`) as never, header ?? '').then(() => `${name}: accepted`)).rejects.toThrow();
      logged[name] = sdkErrors.calls.slice(since).map(([first]) => (typeof first === 'string' ? 'key' : 'expired'));
    }
    // The SDK's own console lines: the expired token as such, and a failed verification with the key it tried.
    expect(logged).toMatchObject({ 'an expired token': ['expired'], 'a token signed by a foreign key under the real key id': ['key'] });
  });

  it('get 401, run no turn, and change nothing: a message, a card press, an Action.Execute, a member added', async () => {
    const post = poster(bot.url);
    const organizationsBefore = await bot.app.directory.listOrganizations();
    for (const [name, header] of cases) {
      for (const extra of [
        {},
        { text: undefined, value: { verb: 'submitTicket', question: 'please do something' } },
        { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'showHelp', data: {} } } },
        { type: 'conversationUpdate', text: undefined, membersAdded: [{ id: 'user-authz' }] },
      ]) {
        const conversationId = `authz-${randomUUID()}`;
        const since = connector.activities.length;
        const response = await post(activity(conversationId, extra), header === undefined ? {} : { authorization: header });
        expect({ name, status: response.status, body: response.json }).toEqual({ name, status: 401, body: { error: 'unauthorized', message: expect.any(String) } });
        expect({ name, sent: connector.activities.slice(since) }).toEqual({ name, sent: [] });
      }
    }
    expect(await bot.app.directory.listOrganizations()).toEqual(organizationsBefore);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Takeover steps by someone else
// ---------------------------------------------------------------------------------------------------------

/** Every refusal audited under a subject, as [actor, action, outcome]. */
async function refusalsAudited(bot: HttpBot, subject: string): Promise<[string, string, string][]> {
  const trail: AuditEntry[] = await bot.app.directory.auditTrail(subject, 1000);
  return trail.filter((entry) => entry.outcome.startsWith('refused')).map((entry) => [entry.actor, entry.action, entry.outcome]);
}

describe('takeover steps sent by anyone but the requester', () => {
  let bot: HttpBot;
  const domain = 'authz-takeover.example';
  let pending: TakeoverRequest;
  let verified: TakeoverRequest;
  beforeAll(async () => {
    bot = await startHttpBot({ TAKEOVER_RECHECK_SECONDS: '86400' });
    for (const name of ['ann', 'bob']) await recordSignup(bot.app.directory, { address: { address: `${name}@${domain}`, domain }, service: 'Power BI' }, new Date());
    const noDns: TxtChecker = { check: () => Promise.reject(new Error('no DNS check may run for a refused step')) };
    const takeovers = new TakeoverService({ directory: bot.app.directory, checker: noDns, microsoft: microsoftLookupsOff(), now: () => new Date() });
    const owner = { userId: 'takeover-owner', aadObjectId: 'aad-owner', name: 'Olga', email: `olga@${domain}` };
    const started = await takeovers.start(owner, { conversation: {} }, domain, 'internal');
    if (started.kind !== 'started') throw new Error(started.kind);
    pending = started.request;
    // A second requester whose record was already found: "I've finished in Microsoft" and the license choice apply to it.
    const other = await takeovers.start({ userId: 'takeover-owner-2', aadObjectId: 'aad-owner-2', email: `otto@${domain}` }, { conversation: {} }, domain, 'internal');
    if (other.kind !== 'started') throw new Error(other.kind);
    verified = { ...other.request, value: 'MS=ms12345678', status: 'waitingForMicrosoft', recordFoundAt: new Date().toISOString() };
    await bot.app.directory.transaction((tx) => tx.saveTakeover(verified));
  });
  afterAll(async () => {
    await bot.stop();
  });

  it.each([
    ['a colleague, in English', 'en-US', en, { userId: 'intruder-en', aadObjectId: 'aad-intruder-en' }],
    ['a colleague, in Dutch', 'nl-NL', nl, { userId: 'intruder-nl', aadObjectId: 'aad-intruder-nl' }],
    // The requester's own channel id with another Entra object id: someone replaying their activity.
    ["someone with the requester's channel id but another Entra id", 'en-US', en, { userId: 'takeover-owner', aadObjectId: 'aad-impostor' }],
  ] as const)('refuses every step by %s, changes nothing, and audits each attempt with who tried', async (_who, locale, t, who) => {
    const chat = conversation(bot, connector, { locale, ...who });
    const presses: [string, TakeoverRequest, string][] = [
      ['submitTakeoverValue', pending, 'takeover.value'],
      ['verifyTakeover', pending, 'takeover.verify'],
      ['recheckTakeover', pending, 'takeover.recheckLater'],
      ['cancelTakeover', pending, 'takeover.cancel'],
      ['verifyTakeover', verified, 'takeover.verify'],
      ['finishedInMicrosoft', verified, 'takeover.complete'],
      ['buyLicenses', verified, 'takeover.licenses'],
      ['postponeLicenses', verified, 'takeover.licenses'],
      ['cancelTakeover', verified, 'takeover.cancel'],
    ];
    const before = await refusalsAudited(bot, domain);
    for (const [verb, request] of presses) {
      const data = { request: request.id, ...(verb === 'submitTakeoverValue' ? { value: 'MS=ms87654321' } : {}) };
      expect(cardText(await chat.send({ value: { verb, ...data } }))).toBe(t.takeover.notYours);
      const executed = await chat.execute(verb, data);
      expect(executed.status).toBe(200);
      expect(cardText(executed.replies)).toBe(t.takeover.notYours);
    }
    const expected = presses.flatMap(([, , action]) => [action, action]).map((action) => [who.aadObjectId, action, REFUSED_NOT_REQUESTER]);
    expect((await refusalsAudited(bot, domain)).slice(before.length)).toEqual(expected);
    expect(await bot.app.directory.findTakeover(pending.id)).toEqual(pending);
    expect(await bot.app.directory.findTakeover(verified.id)).toEqual(verified);
    expect(await bot.app.directory.findByDomain(domain)).toMatchObject({ managed: false, admins: [] });
  });

  it('answers a step on a request that does not exist without auditing it (made-up ids must not fill the trail)', async () => {
    const chat = conversation(bot, connector, { locale: 'en-US', userId: 'guesser' });
    const before = await refusalsAudited(bot, domain);
    expect(cardText(await chat.send({ value: { verb: 'verifyTakeover', request: randomUUID() } }))).toBe(en.takeover.unknownRequest);
    expect(await refusalsAudited(bot, domain)).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Ticket changes from outside the helpdesk channel
// ---------------------------------------------------------------------------------------------------------

describe('ticket changes from outside the helpdesk channel', () => {
  const TENANT = contoso.tenantId!;
  const HELPDESK: TeamChannel = { teamId: '19:authz-it@thread.tacv2', channelId: '19:authz-it-general@thread.tacv2' };
  const OTHER_TEAM: TeamChannel = { teamId: '19:authz-sales@thread.tacv2', channelId: '19:authz-sales-general@thread.tacv2' };
  let bot: HttpBot;
  let ticketCard: ConnectorActivity;
  beforeAll(async () => {
    connector.members.set('aad-megan', { id: 'aad-megan', name: 'Megan Bowen', email: 'megan@contoso.com', tenantId: TENANT });
    connector.members.set('authz-lee', { id: 'authz-lee', name: 'Lee Gu', email: 'lee@contoso.com', tenantId: TENANT });
    bot = await startHttpBot();
    await bot.app.directory.save(contoso);
    const megan = conversation(bot, connector, { locale: 'en-US', tenantId: TENANT, channel: HELPDESK, userId: 'aad-megan', aadObjectId: 'aad-megan', name: 'Megan Bowen' });
    expect(cardText(await megan.say('use this channel for tickets'))).toBe(format(en.tickets.channelSet, { org: contoso.displayName }));
    const lee = conversation(bot, connector, { locale: 'en-US', tenantId: TENANT, userId: 'authz-lee', aadObjectId: 'aad-lee' });
    const since = connector.activities.length;
    const asked = await lee.say('talk to a person');
    await lee.press(asked, en.tickets.send, { question: 'my mailbox is full' });
    ticketCard = sentTo(connector.activities.slice(since), HELPDESK.channelId)[0]!;
    expect(cardText([ticketCard])).toContain('HD-1001');
  });
  afterAll(async () => {
    await bot.stop();
  });

  it.each([
    ['the requester, from their own chat', () => conversation(bot, connector, { locale: 'en-US', tenantId: TENANT, userId: 'authz-lee', aadObjectId: 'aad-lee' }), en, 'aad-lee'],
    ['an admin, from another team', () => conversation(bot, connector, { locale: 'nl-NL', tenantId: TENANT, channel: OTHER_TEAM, userId: 'aad-megan', aadObjectId: 'aad-megan' }), nl, 'aad-megan'],
  ] as [string, () => HttpConversation, Strings, string][])('refuses Assign and Resolve by %s, keeps the ticket open, and audits each attempt', async (_who, open, t, actor) => {
    const from = open();
    const before = await refusalsAudited(bot, 'contoso.com');
    for (const value of [{ verb: 'assignTicket', ticket: 'HD-1001' }, { verb: 'resolveTicket', ticket: 'HD-1001', note: 'done' }]) {
      expect(cardText(await from.send({ value, replyToId: ticketCard.id }))).toBe(t.tickets.notFromChannel);
    }
    const executed = await from.execute('resolveTicket', { ticket: 'HD-1001', note: 'closing it myself' }, ticketCard.id);
    expect(cardText(executed.replies)).toBe(t.tickets.notFromChannel);

    const outcome = 'refused: HD-1001 not from the helpdesk channel';
    expect((await refusalsAudited(bot, 'contoso.com')).slice(before.length)).toEqual([
      [actor, 'ticket.assign', outcome],
      [actor, 'ticket.resolve', outcome],
      [actor, 'ticket.resolve', outcome],
    ]);
    const lee = conversation(bot, connector, { locale: 'en-US', tenantId: TENANT, userId: 'authz-lee', aadObjectId: 'aad-lee' });
    expect(cardText(await lee.say('my tickets'))).toContain(format(en.tickets.statusLine, { id: '**HD-1001**', status: en.tickets.status.open, question: 'my mailbox is full' }));
  });

  it('files a refused change of a ticket without an organization under the ticket id', async () => {
    const stranger = conversation(bot, connector, { locale: 'en-US', userId: 'authz-stranger' });
    const asked = await stranger.say('talk to a person');
    const created = cardText(await stranger.press(asked, en.tickets.send, { question: 'who am I even' }));
    const id = /HD-\d+/.exec(created)![0];
    expect(cardText(await stranger.send({ value: { verb: 'assignTicket', ticket: id } }))).toBe(en.tickets.notFromChannel);
    expect(await refusalsAudited(bot, id)).toEqual([['authz-stranger', 'ticket.assign', `refused: ${id} not from the helpdesk channel`]]);
  });

  it('does not audit a change from the helpdesk channel itself', async () => {
    const before = await refusalsAudited(bot, 'contoso.com');
    const kim = conversation(bot, connector, {
      locale: 'en-US',
      tenantId: TENANT,
      channel: HELPDESK,
      conversationId: `${HELPDESK.channelId};messageid=${ticketCard.id!}`,
      userId: 'authz-kim',
      aadObjectId: 'aad-kim',
      name: 'Kim Akers',
      replyToCard: true,
    });
    await kim.send({ value: { verb: 'assignTicket', ticket: 'HD-1001' }, replyToId: ticketCard.id });
    expect(await refusalsAudited(bot, 'contoso.com')).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Secrets in the log
// ---------------------------------------------------------------------------------------------------------

describe('the logger', () => {
  it('redacts secrets wherever the code could put them in a log line, and keeps the rest', () => {
    let written = '';
    const logger = createLogger('trace', new Writable({ write: (chunk: Buffer, _encoding, done) => ((written += chunk.toString()), done()) }));
    const secret = `s3cret-${randomUUID()}`;
    logger.info({ authorization: `Bearer ${secret}`, headers: { authorization: `Bearer ${secret}` } }, 'a request');
    logger.warn({ req: { headers: { authorization: `Bearer ${secret}`, 'user-agent': 'Teams' } } }, 'a request, nested');
    logger.error({ err: { message: 'reply failed', request: { headers: { Authorization: `Bearer ${secret}` } } } }, 'an error with its request');
    logger.info({ config: { auth: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: secret } }, MicrosoftAppPassword: secret }, 'settings');
    logger.info({ databaseUrl: `postgres://helpdesk:${secret}@db:5432/helpdesk`, pool: { connectionString: `postgres://u:${secret}@h/d`, password: secret } }, 'database');
    logger.info({ token: { client_secret: secret, clientSecret: secret } }, 'outbound token request');
    expect(written.split('\n').filter(Boolean)).toHaveLength(6);
    expect(written).not.toContain(secret);
    expect(written).toContain('[redacted]');
    expect(written).toContain(APP_ID);
    expect(written).toContain('"user-agent":"Teams"');
  });
});

describe('the log at LOG_LEVEL=trace', () => {
  /** Unique strings that must never appear in the output, whatever part of them a log line could hold. */
  const secretParts = (secret: string) => [secret, ...(secret.includes('.') ? secret.split('.').filter((part) => part.length >= 16) : [])];

  it('holds neither the app password nor any token sent to the bot, in authenticated mode', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'helpdesk-log-secrets-'));
    const password = `pw-${randomBytes(18).toString('base64url')}`;
    const proc = await startBotProcess({ LOG_LEVEL: 'trace', MicrosoftAppId: APP_ID, MicrosoftAppPassword: password, ...(await storeEnvFor(join(folder, 'helpdesk.json'))) });
    const tokens: string[] = [];
    try {
      const now = Math.floor(Date.now() / 1000);
      const forged = await sign(claims(connector.serviceUrl, { nbf: now - 60, exp: now + 3600 }), (await generateKeyPair('RS256')).privateKey, { alg: 'RS256', kid: `kid-${randomUUID()}` });
      const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims(connector.serviceUrl, { nonce: randomUUID() }))}.`;
      const opaque = `opaque-${randomBytes(24).toString('hex')}`;
      tokens.push(forged, unsigned, opaque);
      for (const token of tokens) {
        const body = { type: 'message', id: randomUUID(), channelId: 'msteams', serviceUrl: connector.serviceUrl, conversation: { id: `log-${randomUUID()}` }, from: { id: 'u' }, recipient: { id: 'bot' }, text: 'who is my admin?' };
        expect((await proc.post(body, { authorization: `Bearer ${token}` })).status).toBe(401);
        // The tab's API takes the same header: refused, with 503 while Microsoft's keys cannot be fetched (offline).
        expect([401, 503]).toContain((await fetch(`${proc.url}/api/settings`, { headers: { authorization: `Bearer ${token}` } })).status);
      }
      const basic = Buffer.from(`${APP_ID}:${password}`).toString('base64');
      tokens.push(basic);
      expect((await proc.post({ type: 'message', channelId: 'msteams', serviceUrl: connector.serviceUrl, conversation: { id: 'c' }, from: { id: 'u' } }, { authorization: `Basic ${basic}` })).status).toBe(401);
    } finally {
      await proc.stop();
      await rm(folder, { recursive: true, force: true });
    }
    const log = proc.log();
    // The log was written (and at trace level), so its silence about secrets means something.
    expect(log).toContain('request refused: not authenticated');
    for (const secret of [password, ...tokens.flatMap(secretParts)]) expect({ secret, found: log.includes(secret) }).toEqual({ secret, found: false });
  }, 60_000);

  it('holds neither the app password nor the tokens on the requests, over a whole conversation in local mode', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'helpdesk-log-secrets-'));
    const password = `pw-${randomBytes(18).toString('base64url')}`;
    const token = `${base64url({ alg: 'RS256', typ: 'JWT', kid: 'k' })}.${base64url({ sub: randomUUID(), aud: APP_ID })}.${randomBytes(64).toString('base64url')}`;
    // Local mode: no app id, so the requests' tokens are not checked, but they pass through the server all the same.
    const proc = await startBotProcess({ LOG_LEVEL: 'trace', MicrosoftAppPassword: password, ...(await storeEnvFor(join(folder, 'helpdesk.json'))) });
    try {
      const withToken = { post: (body: unknown) => proc.post(body, { authorization: `Bearer ${token}` }) };
      const chat = conversation(withToken, connector, { locale: 'en-US', userId: 'log-user' });
      const asked = await chat.say('who is my admin?');
      await chat.press(asked, en.orgTypes.enterprise);
      await chat.say('am I an admin?');
      await chat.say('it says fabrikam.example is already in use');
      const escalation = await chat.say('talk to a person');
      await chat.press(escalation, en.tickets.send, { question: 'my password is hunter2 and it does not work' });
      await chat.say('my tickets');
      await chat.send({ value: { verb: 'verifyTakeover', request: randomUUID() } });
      await chat.send({ value: { verb: 'assignTicket', ticket: 'HD-1001' } });
      await conversation(withToken, connector, { locale: 'nl-NL', userId: 'log-user-nl' }).say('wie is mijn beheerder?');
      expect((await fetch(`${proc.url}/api/settings`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    } finally {
      await proc.stop();
      await rm(folder, { recursive: true, force: true });
    }
    const log = proc.log();
    // Debug lines are there: the level below info is on.
    expect(log).toContain('"level":20');
    for (const secret of [password, ...secretParts(token)]) expect({ secret, found: log.includes(secret) }).toEqual({ secret, found: false });
  }, 60_000);
});


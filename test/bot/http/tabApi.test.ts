/**
 * The Teams tab's API over HTTP against the real server: Teams single sign-on tokens minted here and checked
 * against a key set served on loopback, settings read by a member and changed by an admin (and then answered
 * in a conversation), refused changes, the figures, and the local-mode development identity.
 * @remarks The store (the file, or PostgreSQL in a PostgreSQL run) is filled through the store the bot opens
 * before the bot starts, so tickets, answers and takeovers exist without running the conversations that
 * would create them.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, request, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { LocalConnector } from '../../../devtools/localConnector.js';
import { isLoopbackAddress } from '../../../bot/http/tabAuth.js';
import { format, stringsFor } from '../../../locales/strings.js';
import type { Organization } from '../../../services/models/organization.js';
import type { TakeoverRequest } from '../../../services/models/takeoverRequest.js';
import type { Ticket } from '../../../services/models/ticket.js';
import { contoso, fabrikam, organization } from '../../helpers/fixtures.js';
import { openStoreAt, startHttpBot, type HttpBot } from '../../helpers/httpBot.js';
import { startMicrosoftStub, STUB_APP, type MicrosoftStub } from '../../helpers/microsoftStub.js';
import { cardText, conversation } from '../../helpers/httpConversation.js';

const en = stringsFor('en');
const APP_ID = '0b5f1f5e-3c1d-4a7e-9f59-1d2b3c4d5e6f';
const AUDIENCE = `api://tab.contoso.test/${APP_ID}`;
const KID = 'test-key-1';
const SECRET_QUESTION = 'My password is Hunter2, why can I not sign in?';
const SECRET_TRANSCRIPT = 'I typed Hunter2 into the admin center';

const channel = (setBy: string, setAt: string): NonNullable<Organization['helpdeskChannel']> => ({
  conversation: { serviceUrl: 'https://smba.trafficmanager.net/emea/', conversation: { id: '19:it-general@thread.tacv2' } },
  conversationId: '19:it-general@thread.tacv2',
  language: 'en',
  setBy,
  setAt,
});
const CONTOSO: Organization = { ...contoso, orgType: 'enterprise', helpdeskChannel: channel('megan@contoso.com', '2026-02-01T09:00:00.000Z') };
const FABRIKAM: Organization = { ...fabrikam, helpdeskChannel: channel('jan@fabrikam.nl', '2026-03-01T09:00:00.000Z') };
/** Known by its domain only: nobody from it has talked to the bot in Teams yet. */
const NORTHWIND = organization({ id: 'org-northwind', displayName: 'Northwind', domains: ['northwind.test'] });

/** The people who sign in to the tab: what their tokens say. */
const PEOPLE = {
  megan: { tid: 'tenant-contoso', oid: 'aad-megan', preferred_username: 'Megan@contoso.com', name: 'Megan Bowen' },
  kim: { tid: 'tenant-contoso', oid: 'aad-kim', preferred_username: 'kim@contoso.com', name: 'Kim Akers' },
  /** Jan is recorded as Fabrikam's admin with another object id (say, from an import): his address decides. */
  jan: { tid: 'tenant-fabrikam', oid: 'aad-jan-elsewhere', preferred_username: 'jan@fabrikam.nl', name: 'Jan de Vries' },
  nora: { tid: 'tenant-northwind', oid: 'aad-nora', preferred_username: 'nora@northwind.test', name: 'Nora' },
  stranger: { tid: 'tenant-unknown', oid: 'aad-stranger', preferred_username: 'someone@unknown.test', name: 'Someone' },
};

function ticket(orgId: string, status: Ticket['status'], createdAt: string): Omit<Ticket, 'id'> {
  return {
    requester: { userId: 'user-kim', name: 'Kim Akers', conversation: { id: 'conv-kim' }, language: 'en' },
    orgId,
    question: SECRET_QUESTION,
    transcript: [{ from: 'user', text: SECRET_TRANSCRIPT, at: createdAt }],
    status,
    createdAt,
  };
}

function takeover(id: string, orgId: string, status: TakeoverRequest['status']): TakeoverRequest {
  return {
    id,
    domain: 'contoso.com',
    orgId,
    kind: 'internal',
    requester: { userId: 'user-x', conversation: {} },
    value: 'MS=ms12345678',
    status,
    attempts: [],
    recheck: false,
    createdAt: '2026-11-01T09:00:00.000Z',
    expiresAt: '2026-11-08T09:00:00.000Z',
  };
}

/**
 * A store in a new temporary folder with the organizations above, Contoso's tickets and answers, and a
 * takeover: the file there, or (PostgreSQL runs) the database standing in for it. Closed before the bot starts.
 */
async function seededStore(): Promise<{ dir: string; path: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'helpdesk-tab-'));
  const path = join(dir, 'helpdesk.json');
  const store = await openStoreAt(path);
  try {
    const { directory, records } = store;
    for (const org of [CONTOSO, FABRIKAM, NORTHWIND]) await directory.save(org);
    await records.createTicket(ticket(CONTOSO.id, 'open', '2026-11-17T10:00:00.000Z')); // HD-1001
    await records.createTicket(ticket(CONTOSO.id, 'assigned', '2026-11-10T10:00:00.000Z')); // HD-1002
    await records.createTicket(ticket(CONTOSO.id, 'resolved', '2026-10-01T10:00:00.000Z')); // HD-1003
    await records.createTicket(ticket(FABRIKAM.id, 'open', '2026-11-18T10:00:00.000Z')); // HD-1004
    const answers: [string, string, boolean | undefined][] = [
      ['a1', '2026-10-20T10:00:00.000Z', true],
      ['a2', '2026-11-16T10:00:00.000Z', undefined],
      ['a3', '2026-11-17T09:59:00.000Z', false],
    ];
    for (const [id, at, helpful] of answers) {
      await records.recordAnswer({ id, intent: 'whoIsMyAdmin', language: 'en', orgId: CONTOSO.id, userId: 'user-kim', at, ...(helpful === undefined ? {} : { helpful }) });
    }
    await records.recordAnswer({ id: 'f1', intent: 'signup', language: 'nl', orgId: FABRIKAM.id, userId: 'user-jan', at: '2026-11-17T10:00:00.000Z' });
    await directory.transaction(async (tx) => {
      await tx.saveTakeover(takeover('t-open', CONTOSO.id, 'waitingForDns'));
      await tx.saveTakeover(takeover('t-done', CONTOSO.id, 'completed'));
    });
  } finally {
    await store.close();
  }
  return { dir, path };
}

/** The key set Entra ID would publish, served on loopback; `other` signs with a key that is not in it. */
interface KeyServer {
  url: string;
  key: CryptoKey;
  other: CryptoKey;
  close(): Promise<void>;
}

async function startKeyServer(): Promise<KeyServer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const other = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: KID, alg: 'RS256', use: 'sig' };
  // Entra ID publishes several keys at once: a second one, that signs nothing here.
  const spare = { ...(await exportJWK((await generateKeyPair('RS256', { extractable: true })).publicKey)), kid: 'test-key-0', alg: 'RS256', use: 'sig' };
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [spare, jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/discovery/v2.0/keys`,
    key: privateKey,
    other: other.privateKey,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

interface TokenOptions {
  claims?: JWTPayload;
  issuer?: string;
  audience?: string;
  /** Seconds from now; negative for a token that has expired. */
  expiresIn?: number;
  key?: CryptoKey;
  /** The key id in the header; null for none. */
  kid?: string | null;
}

/** A Teams SSO token as Entra ID issues it (v2): the person's claims, the tab's audience, an hour to live. */
function tokenFor(keys: KeyServer, person: (typeof PEOPLE)[keyof typeof PEOPLE], options: TokenOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ ...person, scp: 'access_as_user', ver: '2.0', ...options.claims })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', ...(options.kid === null ? {} : { kid: options.kid ?? KID }) })
    .setIssuer(options.issuer ?? `https://login.microsoftonline.com/${person.tid}/v2.0`)
    .setAudience(options.audience ?? AUDIENCE)
    .setIssuedAt(now - 60)
    .setNotBefore(now - 60)
    .setExpirationTime(now + (options.expiresIn ?? 3600))
    .sign(options.key ?? keys.key);
}

interface Answer {
  status: number;
  json: Record<string, unknown>;
  text: string;
  headers: Headers;
}

/** Calls the tab API the way the tab does; `token` becomes the Authorization header. */
async function call(bot: HttpBot, method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${bot.url}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  return { status: response.status, json: JSON.parse(text) as Record<string, unknown>, text, headers: response.headers };
}

/** A request from this machine with headers fetch will not set (Host) or to another of its addresses. */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as Record<string, unknown> }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** What every refusal looks like: a short JSON error, never a stack. */
function expectRefusal(answer: Answer, status: number, error: string): void {
  expect(answer.status).toBe(status);
  expect(answer.json).toMatchObject({ error, message: expect.any(String) });
  expect(answer.text).not.toMatch(/\n\s+at |Error:|node_modules/);
}

describe('the tab API, with Teams single sign-on', () => {
  let keys: KeyServer;
  let store: { dir: string; path: string };
  let bot: HttpBot;
  const token = (who: keyof typeof PEOPLE, options?: TokenOptions) => tokenFor(keys, PEOPLE[who], options);

  beforeAll(async () => {
    keys = await startKeyServer();
    store = await seededStore();
    bot = await startHttpBot(
      { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'test-secret', TAB_SSO_JWKS_URL: keys.url, TAB_SSO_AUDIENCE: AUDIENCE },
      store.path,
    );
  });
  afterAll(async () => {
    await bot.stop();
    await keys.close();
    await rm(store.dir, { recursive: true, force: true });
  });

  describe('who may call it', () => {
    it.each([
      ['GET', '/api/settings'],
      ['PUT', '/api/settings'],
      ['GET', '/api/stats'],
    ])('refuses %s %s without a token', async (method, path) => {
      const answer = await call(bot, method, path, method === 'PUT' ? { body: { orgType: 'school' } } : {});
      expectRefusal(answer, 401, 'unauthorized');
      expect(answer.headers.get('www-authenticate')).toBe('Bearer');
    });

    it.each<[string, () => Promise<Record<string, string>>]>([
      ['an expired token', async () => ({ authorization: `Bearer ${await token('megan', { expiresIn: -300 })}` })],
      ['a token for another audience', async () => ({ authorization: `Bearer ${await token('megan', { audience: `api://elsewhere.test/${APP_ID}` })}` })],
      ['a token issued for another tenant than its tid', async () => ({ authorization: `Bearer ${await token('megan', { issuer: 'https://login.microsoftonline.com/tenant-fabrikam/v2.0' })}` })],
      ['a token from an issuer that is not Entra ID', async () => ({ authorization: `Bearer ${await token('megan', { issuer: 'https://evil.example/tenant-contoso/v2.0' })}` })],
      ['a token signed with another key', async () => ({ authorization: `Bearer ${await token('megan', { key: keys.other })}` })],
      // Entra ID's tokens name their key; without one, the key set offers several keys and none is picked.
      ['a token without a key id', async () => ({ authorization: `Bearer ${await token('megan', { kid: null })}` })],
      ['a token naming a key that is not in the set', async () => ({ authorization: `Bearer ${await token('megan', { kid: 'no-such-key' })}` })],
      ['an app-only token (no delegated scope)', async () => ({ authorization: `Bearer ${await token('megan', { claims: { scp: undefined, idtyp: 'app' } })}` })],
      ['a token without a tenant', async () => ({ authorization: `Bearer ${await token('megan', { claims: { tid: undefined } })}` })],
      ['an unsigned token', async () => ({ authorization: `Bearer ${unsigned(PEOPLE.megan)}.` })],
      ['something that is not a token', async () => ({ authorization: 'Bearer not-a-token' })],
      ['another scheme', async () => ({ authorization: 'Basic bWVnYW46cGFzc3dvcmQ=' })],
      ['a development identity (only in local mode)', async () => ({ 'x-dev-identity': 'megan@contoso.com' })],
    ])('refuses %s with 401', async (_case, headers) => {
      expectRefusal(await call(bot, 'GET', '/api/settings', { headers: await headers() }), 401, 'unauthorized');
    });

    it('allows a minute of clock skew on the expiry', async () => {
      expect((await call(bot, 'GET', '/api/settings', { token: await token('kim', { expiresIn: -30 }) })).status).toBe(200);
    });

    it('accepts a v1 token, issued by sts.windows.net for its tenant', async () => {
      const v1 = await token('kim', { issuer: 'https://sts.windows.net/tenant-contoso/', claims: { ver: '1.0', preferred_username: undefined, upn: 'kim@contoso.com' } });
      expect((await call(bot, 'GET', '/api/settings', { token: v1 })).status).toBe(200);
    });
  });

  describe('GET /api/settings', () => {
    it("shows a member their organization's settings, without the right to change them", async () => {
      const answer = await call(bot, 'GET', '/api/settings', { token: await token('kim') });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(answer.json).toEqual({
        displayName: 'Contoso',
        orgType: 'enterprise',
        cloud: 'worldwide',
        helpdeskContact: contoso.helpdeskContact,
        selfService: { allowEmailVerifiedUsers: true, allowAdHocSubscriptions: true },
        helpdeskChannel: { set: true, setAt: '2026-02-01T09:00:00.000Z' },
        canEdit: false,
        // Microsoft is not asked here (MICROSOFT_LOOKUPS=off): whether consent is granted is not known.
        microsoftConsent: 'unknown',
      });
      // Where the channel is stays with the bot.
      expect(answer.text).not.toMatch(/thread\.tacv2|smba\.trafficmanager/);
    });

    it('lets an admin edit, recognised by object id', async () => {
      expect((await call(bot, 'GET', '/api/settings', { token: await token('megan') })).json).toMatchObject({ canEdit: true });
    });

    it('lets an admin edit, recognised by sign-in address', async () => {
      expect((await call(bot, 'GET', '/api/settings', { token: await token('jan') })).json).toMatchObject({ displayName: 'Fabrikam', canEdit: true });
    });

    it('finds an organization by the sign-in domain when its tenant is not recorded', async () => {
      expect((await call(bot, 'GET', '/api/settings', { token: await token('nora') })).json).toMatchObject({ displayName: 'Northwind', canEdit: false });
    });

    it('does not hand out an organization that belongs to another tenant', async () => {
      const impostor = await token('megan', { claims: { tid: 'tenant-other', oid: 'aad-x' }, issuer: 'https://login.microsoftonline.com/tenant-other/v2.0' });
      expectRefusal(await call(bot, 'GET', '/api/settings', { token: impostor }), 404, 'unknown_organization');
    });

    it('answers 404 when the organization is unknown', async () => {
      expectRefusal(await call(bot, 'GET', '/api/settings', { token: await token('stranger') }), 404, 'unknown_organization');
    });
  });

  describe('PUT /api/settings', () => {
    it('refuses a member with 403 and changes nothing', async () => {
      const before = await bot.app.directory.findById(CONTOSO.id);
      const answer = await call(bot, 'PUT', '/api/settings', { token: await token('kim'), body: { orgType: 'school' } });
      expectRefusal(answer, 403, 'forbidden');
      expect(await bot.app.directory.findById(CONTOSO.id)).toEqual(before);
    });

    it("saves an admin's new helpdesk contact, with an audit entry, and answers with the new settings", async () => {
      const contact = { title: 'Contoso Servicedesk', phone: '+31 20 765 4321', url: 'https://help.contoso.com/it' };
      const answer = await call(bot, 'PUT', '/api/settings', { token: await token('megan'), body: { helpdeskContact: { ...contact, email: '' } } });
      expect(answer.status).toBe(200);
      expect(answer.json).toMatchObject({ helpdeskContact: contact, orgType: 'enterprise', canEdit: true });

      expect((await bot.app.directory.findByTenantId('tenant-contoso'))?.helpdeskContact).toEqual(contact);
      expect((await bot.app.directory.auditTrail('contoso.com', 1))[0]).toMatchObject({
        actor: 'megan@contoso.com',
        action: 'settings.update',
        outcome: 'helpdeskContact',
      });
      expect((await call(bot, 'GET', '/api/settings', { token: await token('kim') })).json).toMatchObject({ helpdeskContact: contact });
    });

    it('changes the organization type and self-service settings, leaving the rest', async () => {
      const answer = await call(bot, 'PUT', '/api/settings', { token: await token('jan'), body: { orgType: 'smallBusiness', selfService: { allowAdHocSubscriptions: false } } });
      expect(answer.json).toMatchObject({
        orgType: 'smallBusiness',
        cloud: 'china21Vianet',
        selfService: { allowEmailVerifiedUsers: true, allowAdHocSubscriptions: false },
      });
    });

    it('clears the helpdesk channel for null, and only that way', async () => {
      const refused = await call(bot, 'PUT', '/api/settings', { token: await token('jan'), body: { helpdeskChannel: { set: true } } });
      expectRefusal(refused, 400, 'invalid_settings');
      const cleared = await call(bot, 'PUT', '/api/settings', { token: await token('jan'), body: { helpdeskChannel: null } });
      expect(cleared.json).toMatchObject({ helpdeskChannel: { set: false } });
      expect(await bot.app.directory.findById(FABRIKAM.id)).not.toHaveProperty('helpdeskChannel');
    });

    it.each<[string, unknown, Record<string, string>, number, string, RegExp]>([
      ['JSON that does not parse', '{"orgType": ', {}, 400, 'invalid_json', /not valid JSON/],
      ['an empty body', '', {}, 400, 'empty_body', /empty/],
      ['a list', [], {}, 400, 'invalid_settings', /JSON object/],
      ['an unknown field', { orgType: 'school', colour: 'blue' }, {}, 400, 'invalid_settings', /"colour"/],
      ['a read-only field', { displayName: 'Contoso Ltd' }, {}, 400, 'invalid_settings', /"displayName"/],
      ['a contact without a title', { helpdeskContact: { phone: '+31 20 123 4567' } }, {}, 400, 'invalid_settings', /title/],
      ['a contact with a bad email address', { helpdeskContact: { title: 'IT', email: 'it@contoso' } }, {}, 400, 'invalid_settings', /"it@contoso" is not a valid email address/],
      ['a contact nobody can reach', { helpdeskContact: { title: 'IT' } }, {}, 400, 'invalid_settings', /phone, email or url/],
      ['organization type "martian"', { orgType: 'martian' }, {}, 400, 'invalid_settings', /"orgType" must be one of school, enterprise, smallBusiness, unknown/],
      ['a body of 20 KiB', { helpdeskContact: { title: 'x'.repeat(20 * 1024), phone: '123 456' } }, {}, 413, 'payload_too_large', /16384 bytes/],
      ['a form post', 'orgType=school', { 'content-type': 'application/x-www-form-urlencoded' }, 415, 'unsupported_media_type', /application\/json/],
    ])('refuses %s', async (_case, body, headers, status, error, message) => {
      const before = await bot.app.directory.findById(CONTOSO.id);
      const answer = await call(bot, 'PUT', '/api/settings', { token: await token('megan'), body, headers });
      expectRefusal(answer, status, error);
      expect(answer.json.message).toMatch(message);
      expect(await bot.app.directory.findById(CONTOSO.id)).toEqual(before);
    });

    it('names the field of every problem, for the tab to show next to it', async () => {
      const answer = await call(bot, 'PUT', '/api/settings', { token: await token('megan'), body: { cloud: 'mars', helpdeskContact: { title: '', email: 'nope' } } });
      expect(answer.json.problems).toEqual([
        expect.objectContaining({ field: 'cloud', code: 'invalidCloud' }),
        expect.objectContaining({ field: 'helpdeskContact.title', code: 'titleRequired' }),
        expect.objectContaining({ field: 'helpdeskContact.email', code: 'invalidEmail' }),
      ]);
    });
  });

  describe('GET /api/stats', () => {
    it("gives an admin the organization's figures, open tickets and takeovers in progress, without what anyone asked", async () => {
      const answer = await call(bot, 'GET', '/api/stats', { token: await token('megan') });
      expect(answer.status).toBe(200);
      expect(answer.json).toMatchObject({
        answered: 3,
        deflected: 2,
        helpful: 1,
        notHelpful: 1,
        unrated: 1,
        byIntent: [{ key: 'whoIsMyAdmin', answered: 3, deflected: 2 }],
        tickets: { open: 1, assigned: 1, resolved: 1, createdInPeriod: 3 },
        pendingTakeovers: 1,
      });
      expect(answer.json.openTickets).toEqual([
        { id: 'HD-1002', status: 'assigned', createdAt: '2026-11-10T10:00:00.000Z' },
        { id: 'HD-1001', status: 'open', createdAt: '2026-11-17T10:00:00.000Z' },
      ]);
      expect(answer.text).not.toContain('Hunter2');
      expect(answer.text).not.toContain('user-kim');
    });

    it('counts from the day given in "since"', async () => {
      const answer = await call(bot, 'GET', '/api/stats?since=2026-11-16', { token: await token('megan') });
      expect(answer.json).toMatchObject({ since: '2026-11-16T00:00:00.000Z', answered: 2, tickets: { createdInPeriod: 1 } });
      // The open tickets are the helpdesk's workload now, whenever they came in.
      expect(answer.json.openTickets).toHaveLength(2);
    });

    it.each(['2026-02-30', '16-11-2026', 'yesterday'])('refuses since=%s with 400', async (since) => {
      expectRefusal(await call(bot, 'GET', `/api/stats?since=${since}`, { token: await token('megan') }), 400, 'invalid_since');
    });

    it('refuses a member with 403', async () => {
      expectRefusal(await call(bot, 'GET', '/api/stats', { token: await token('kim') }), 403, 'forbidden');
    });
  });
});

describe('the tab API when the signing keys cannot be fetched', () => {
  let keys: KeyServer;
  let bot: HttpBot;
  beforeAll(async () => {
    keys = await startKeyServer();
    // A port nothing listens on any more: the key set is out of reach.
    const gone = keys.url;
    await keys.close();
    bot = await startHttpBot({ MicrosoftAppId: APP_ID, TAB_SSO_JWKS_URL: gone, TAB_SSO_AUDIENCE: AUDIENCE });
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('answers 503, not 401: the token may be fine, the check could not be made', async () => {
    const answer = await call(bot, 'GET', '/api/settings', { token: await tokenFor(keys, PEOPLE.megan) });
    expectRefusal(answer, 503, 'keys_unavailable');
  });
});

describe('the tab API in local mode, with the development identity', () => {
  let connector: LocalConnector;
  let bot: HttpBot;
  const as = (email: string, extra: Record<string, string> = {}) => ({ 'x-dev-identity': email, ...extra });

  beforeAll(async () => {
    connector = await LocalConnector.start();
    bot = await startHttpBot();
    await bot.app.directory.save(contoso);
  });
  afterAll(async () => {
    await bot.stop();
    await connector.close();
  });

  it('lets an admin change the helpdesk contact from this machine, and the bot answers with it', async () => {
    const contact = { title: 'Contoso Servicedesk (new)', url: 'https://help.contoso.com/' };
    const answer = await call(bot, 'PUT', '/api/settings', { headers: as('megan@contoso.com'), body: { helpdeskContact: contact } });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ helpdeskContact: contact, canEdit: true });
    expect((await bot.app.directory.auditTrail('contoso.com', 1))[0]).toMatchObject({ actor: 'dev:megan@contoso.com', action: 'settings.update' });

    const chat = conversation(bot, connector, { locale: 'en-US', tenantId: 'tenant-contoso' });
    const reply = cardText(await chat.say('who is my admin?'));
    expect(reply).toContain(format(en.whoIsMyAdmin.contactIntro, { org: 'Contoso' }));
    expect(reply).toContain(contact.title);
    expect(reply).toContain(contact.url);
    expect(reply).not.toContain(contoso.helpdeskContact!.title);
  });

  it('maps the development identity to the organization of its domain, or of X-Dev-Tenant', async () => {
    expect((await call(bot, 'GET', '/api/settings', { headers: as('kim@contoso.com') })).json).toMatchObject({ displayName: 'Contoso', canEdit: false });
    expect((await call(bot, 'GET', '/api/settings', { headers: as('kim@gmail.test', { 'x-dev-tenant': 'tenant-contoso' }) })).json).toMatchObject({ displayName: 'Contoso' });
    expect((await call(bot, 'GET', '/api/settings', { headers: as('kim@unknown.test') })).status).toBe(404);
  });

  it('still refuses a member who is not an admin', async () => {
    expectRefusal(await call(bot, 'PUT', '/api/settings', { headers: as('kim@contoso.com'), body: { orgType: 'school' } }), 403, 'forbidden');
  });

  it.each([
    ['no identity at all', {}],
    ['an identity that is not an email address', as('megan')],
  ])('refuses %s with 401', async (_case, headers) => {
    expectRefusal(await call(bot, 'GET', '/api/settings', { headers }), 401, 'unauthorized');
  });

  it('refuses the development identity for a Host that is not this machine (DNS rebinding)', async () => {
    // The server refuses any Host but this machine's in local mode, before the tab API sees the request.
    const answer = await rawGet(`${bot.url}/api/settings`, { ...as('megan@contoso.com'), host: 'attacker.example' });
    expect(answer).toEqual({ status: 403, json: expect.objectContaining({ error: 'host_not_allowed' }) });
  });

  const external = Object.values(networkInterfaces())
    .flat()
    .find((address) => address?.family === 'IPv4' && !address.internal)?.address;
  // Without a network interface besides loopback there is no other address to call from.
  // Local mode listens on loopback only; an operator who sets HOST to every interface still gets no
  // development identity from another address.
  (external ? it : it.skip)('refuses the development identity from an address that is not loopback', async () => {
    const everywhere = await startHttpBot({ HOST: '0.0.0.0' });
    try {
      const port = new URL(everywhere.url).port;
      const answer = await rawGet(`http://${external}:${port}/api/settings`, { ...as('megan@contoso.com'), host: `localhost:${port}` });
      expect(answer).toEqual({ status: 401, json: expect.objectContaining({ error: 'unauthorized', message: expect.stringMatching(/only from this machine/) }) });
    } finally {
      await everywhere.stop();
    }
  });
});

describe('the tab API asking Microsoft whether the organization granted the bot consent (the https stub)', () => {
  const GRANTED_TENANT = '6b0f1e4e-2c7a-4d1b-9f3e-1a2b3c4d5e6f';
  const REFUSED_TENANT = 'f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b';
  const granted = organization({ id: 'org-granted', displayName: 'Granted', domains: ['granted.test'], tenantId: GRANTED_TENANT });
  const refused = organization({ id: 'org-refused', displayName: 'Refused', domains: ['refused.test'], tenantId: REFUSED_TENANT });
  let keys: KeyServer;
  let stub: MicrosoftStub;
  let dir: string;
  let bot: HttpBot;
  const person = (tid: string, name: string) => ({ tid, oid: `aad-${name}`, preferred_username: `${name}@example.test`, name });

  beforeAll(async () => {
    keys = await startKeyServer();
    stub = await startMicrosoftStub();
    stub.scenario.tenants[GRANTED_TENANT] = { skus: [{ skuPartNumber: 'ENTERPRISEPACK', capabilityStatus: 'Enabled' }] };
    stub.scenario.tenants[REFUSED_TENANT] = { consent: false };
    dir = await mkdtemp(join(tmpdir(), 'helpdesk-tab-consent-'));
    const path = join(dir, 'helpdesk.json');
    const store = await openStoreAt(path);
    try {
      for (const org of [granted, refused]) await store.directory.save(org);
    } finally {
      await store.close();
    }
    bot = await startHttpBot(
      {
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'test-secret',
        TAB_SSO_JWKS_URL: keys.url,
        TAB_SSO_AUDIENCE: AUDIENCE,
        MICROSOFT_LOOKUPS: 'on',
        MICROSOFT_LOGIN_URL: stub.loginUrl,
        MICROSOFT_GRAPH_URL: stub.graphUrl,
        GRAPH_CLIENT_ID: STUB_APP.clientId,
        GRAPH_CLIENT_SECRET: STUB_APP.clientSecret,
      },
      path,
    );
  });
  afterAll(async () => {
    await bot.stop();
    await stub.close();
    await keys.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('says granted when Microsoft Graph answers for the caller\'s tenant', async () => {
    const answer = await call(bot, 'GET', '/api/settings', { token: await tokenFor(keys, person(GRANTED_TENANT, 'gina')) });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ displayName: 'Granted', microsoftConsent: 'granted' });
    expect(answer.json).not.toHaveProperty('consentUrl');
    expect(stub.requestsTo('graph', '/v1.0/subscribedSkus').map((request) => request.tenant)).toContain(GRANTED_TENANT);
  });

  it('says not granted, with the tenant\'s admin consent address, when Microsoft refuses the bot', async () => {
    const answer = await call(bot, 'GET', '/api/settings', { token: await tokenFor(keys, person(REFUSED_TENANT, 'ray')) });
    expect(answer.json).toMatchObject({
      displayName: 'Refused',
      microsoftConsent: 'notGranted',
      consentUrl: `${stub.loginUrl}/${REFUSED_TENANT}/adminconsent?client_id=${STUB_APP.clientId}`,
    });
  });
});

describe('an organization known by its domain only, bound to the tenant of its first verified sign-in', () => {
  /** Imported without a tenant id: its admin is known by address only. */
  const litware = (domain: string) =>
    organization({ id: `org-${domain}`, displayName: 'Litware', domains: [domain], admins: [{ name: 'Olaf', email: `olaf@${domain}`, since: '2026-01-05T09:00:00.000Z' }] });
  const LITWARE_TENANT = '3c5b2a1d-7e6f-4a8b-9c0d-1e2f3a4b5c6d';
  const OTHER_TENANT = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';
  /** The same sign-in name, in the right tenant and in another one. */
  const olaf = (tid: string, domain: string) => ({ tid, oid: `aad-olaf-${tid}`, preferred_username: `olaf@${domain}`, name: 'Olaf' });
  const contact = (title: string) => ({ helpdeskContact: { title, phone: '+31 20 555 0101' } });
  let keys: KeyServer;
  let stub: MicrosoftStub;
  let dir: string;
  let bot: HttpBot;

  /** A bot on a store with Litware on each domain; Microsoft asked (the stub) or not, as the run says. */
  async function startWith(domains: string[], env: Record<string, string>): Promise<HttpBot> {
    dir = await mkdtemp(join(tmpdir(), 'helpdesk-tab-binding-'));
    const path = join(dir, 'helpdesk.json');
    const store = await openStoreAt(path);
    try {
      for (const domain of domains) await store.directory.save(litware(domain));
    } finally {
      await store.close();
    }
    return startHttpBot({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'test-secret', TAB_SSO_JWKS_URL: keys.url, TAB_SSO_AUDIENCE: AUDIENCE, ...env }, path);
  }

  beforeAll(async () => {
    keys = await startKeyServer();
    stub = await startMicrosoftStub();
  });
  afterAll(async () => {
    await stub.close();
    await keys.close();
  });
  afterEach(async () => {
    await bot.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('lets only the first verified tenant in: a token of another tenant with the same user name is not the admin and changes nothing', async () => {
    bot = await startWith(['litware.test'], {});
    const first = await call(bot, 'PUT', '/api/settings', { token: await tokenFor(keys, olaf(LITWARE_TENANT, 'litware.test')), body: contact('Litware IT') });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ canEdit: true, helpdeskContact: { title: 'Litware IT' } });
    expect((await bot.app.directory.findByDomain('litware.test'))?.tenantId).toBe(LITWARE_TENANT);
    expect((await bot.app.directory.auditTrail('litware.test', 5)).find((entry) => entry.action === 'tenant.bind')).toMatchObject({
      outcome: expect.stringContaining(`bound to ${LITWARE_TENANT}`),
    });

    const impostor = await tokenFor(keys, olaf(OTHER_TENANT, 'litware.test'));
    expectRefusal(await call(bot, 'PUT', '/api/settings', { token: impostor, body: contact('Reset your password here') }), 404, 'unknown_organization');
    expectRefusal(await call(bot, 'GET', '/api/settings', { token: impostor }), 404, 'unknown_organization');
    expectRefusal(await call(bot, 'GET', '/api/stats', { token: impostor }), 404, 'unknown_organization');
    expect((await bot.app.directory.findByDomain('litware.test'))?.helpdeskContact?.title).toBe('Litware IT');
    expect((await call(bot, 'GET', '/api/settings', { token: await tokenFor(keys, olaf(LITWARE_TENANT, 'litware.test')) })).json).toMatchObject({ canEdit: true });
  });

  it('binds to the tenant Microsoft shows for the domain, and never to another one that signs in first', async () => {
    stub.scenario.domains['litware.example'] = { realm: 'managed', brand: 'Litware', tenantId: LITWARE_TENANT };
    bot = await startWith(['litware.example'], { MICROSOFT_LOOKUPS: 'on', MICROSOFT_LOGIN_URL: stub.loginUrl, MICROSOFT_GRAPH_URL: stub.graphUrl });
    const first = await call(bot, 'PUT', '/api/settings', { token: await tokenFor(keys, olaf(OTHER_TENANT, 'litware.example')), body: contact('Reset your password here') });
    expectRefusal(first, 404, 'unknown_organization');
    const untouched = await bot.app.directory.findByDomain('litware.example');
    expect(untouched?.tenantId).toBeUndefined();
    expect(untouched?.helpdeskContact).toBeUndefined();

    const own = await call(bot, 'PUT', '/api/settings', { token: await tokenFor(keys, olaf(LITWARE_TENANT, 'litware.example')), body: contact('Litware IT') });
    expect(own.status).toBe(200);
    expect((await bot.app.directory.findByDomain('litware.example'))?.tenantId).toBe(LITWARE_TENANT);
  });
});

describe('isLoopbackAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['192.0.2.2', false],
    ['::ffff:10.0.0.1', false],
    ['fd00::2', false],
    ['1127.0.0.1', false],
    [undefined, false],
  ])('%s: %s', (address, expected) => {
    expect(isLoopbackAddress(address)).toBe(expected);
  });
});

/** A token with "alg": "none" and no signature. */
function unsigned(claims: object): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ ...claims, scp: 'access_as_user', iss: 'https://login.microsoftonline.com/tenant-contoso/v2.0', aud: AUDIENCE, exp: now + 3600 })}`;
}

/**
 * The answers that come from Microsoft, over HTTP against the real server, with Microsoft stood in for by the https
 * stub (test/helpers/microsoftStub.ts: the realm endpoint, the OpenID configuration, the token endpoint and Microsoft
 * Graph): "who is my admin?" and "am I an admin?" from Graph in a Teams tenant that granted the bot consent, the
 * consent link where it did not, "my domain is already in use" from the realm endpoint, and with MICROSOFT_LOOKUPS=off
 * nothing at all asked of Microsoft.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { viewCard } from '../../../devtools/cardText.js';
import { LocalConnector, type ConnectorActivity } from '../../../devtools/localConnector.js';
import { format, stringsFor } from '../../../locales/strings.js';
import { ADMIN_ROLES } from '../../../services/models/adminRoles.js';
import { organization } from '../../helpers/fixtures.js';
import { openStoreAt, startHttpBot, storeEnvFor, type HttpBot } from '../../helpers/httpBot.js';
import { startBotProcess } from '../../helpers/botProcess.js';
import { cardText, conversation } from '../../helpers/httpConversation.js';
import { startMicrosoftStub, STUB_APP, type MicrosoftStub } from '../../helpers/microsoftStub.js';

const en = stringsFor('en');
const nl = stringsFor('nl');

const CONTOSO_TENANT = '6b0f1e4e-2c7a-4d1b-9f3e-1a2b3c4d5e6f';
const FABRIKAM_TENANT = 'f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b';
const NORTHWIND_TENANT = '0d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a';
const SAM = { userId: 'user-sam', aadObjectId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' };

const contoso = organization({ id: 'org-contoso', displayName: 'Contoso', domains: ['contoso.test'], tenantId: CONTOSO_TENANT });
const fabrikam = organization({
  id: 'org-fabrikam',
  displayName: 'Fabrikam',
  domains: ['fabrikam.test'],
  tenantId: FABRIKAM_TENANT,
  admins: [{ name: 'Jan de Vries', email: 'jan@fabrikam.test', since: '2026-01-05T09:00:00.000Z' }],
});

/** What the stub answers: Contoso granted consent, Fabrikam did not; a viral and a managed domain nobody told the directory about. */
function scenario(stub: MicrosoftStub): void {
  stub.scenario.tenants[CONTOSO_TENANT] = {
    roles: {
      [ADMIN_ROLES.globalAdministrator]: [
        { id: 'a0000000-0000-4000-8000-000000000001', displayName: 'Alice Admin', mail: 'alice@contoso.test' },
        { id: 'b0000000-0000-4000-8000-000000000002', displayName: 'Bob Builder', mail: null, userPrincipalName: 'bob@contoso.test' },
        { id: 'd0000000-0000-4000-8000-000000000004', '@odata.type': '#microsoft.graph.group', displayName: 'Tier 0 admins' },
      ],
      [ADMIN_ROLES.helpdeskAdministrator]: [{ id: 'c0000000-0000-4000-8000-000000000003', displayName: 'Carol Helpdesk', mail: 'carol@contoso.test' }],
    },
    userRoles: { [SAM.aadObjectId]: [{ displayName: 'User Administrator', roleTemplateId: ADMIN_ROLES.userAdministrator }] },
    skus: [{ skuPartNumber: 'ENTERPRISEPACK', capabilityStatus: 'Enabled' }],
  };
  stub.scenario.tenants[FABRIKAM_TENANT] = { consent: false };
  stub.scenario.domains['northwind.test'] = { realm: 'viral', tenantId: NORTHWIND_TENANT };
  stub.scenario.domains['tailwind.test'] = { realm: 'managed', brand: 'Tailwind Traders', tenantId: '11111111-2222-4333-8444-555555555555' };
}

let connector: LocalConnector;
let stub: MicrosoftStub;
let folder: string;

beforeAll(async () => {
  connector = await LocalConnector.start();
  stub = await startMicrosoftStub();
  // Set once: the bot keeps Microsoft's answers and tokens for minutes, as it does in production.
  scenario(stub);
  folder = await mkdtemp(join(tmpdir(), 'helpdesk-microsoft-answers-'));
});
afterAll(async () => {
  await connector.close();
  await stub.close();
  await rm(folder, { recursive: true, force: true });
});

/** A bot on a new store with Contoso and Fabrikam, pointed at the stub; `lookups` as MICROSOFT_LOOKUPS. */
async function botAskingMicrosoft(lookups: 'on' | 'off', name: string): Promise<HttpBot> {
  const path = join(folder, `${name}.json`);
  const store = await openStoreAt(path);
  try {
    for (const org of [contoso, fabrikam]) await store.directory.save(org);
  } finally {
    await store.close();
  }
  return startHttpBot(
    {
      MICROSOFT_LOOKUPS: lookups,
      MICROSOFT_LOGIN_URL: stub.loginUrl,
      MICROSOFT_GRAPH_URL: stub.graphUrl,
      GRAPH_CLIENT_ID: STUB_APP.clientId,
      GRAPH_CLIENT_SECRET: STUB_APP.clientSecret,
    },
    path,
  );
}

function buttons(replies: ConnectorActivity[]) {
  return replies.flatMap((reply) => reply.attachments ?? []).flatMap((attachment) => viewCard(attachment.content).buttons);
}

describe('with MICROSOFT_LOOKUPS=on', () => {
  let bot: HttpBot;
  beforeAll(async () => {
    bot = await botAskingMicrosoft('on', 'on');
  });
  afterAll(async () => {
    await bot.stop();
  });

  const teams = (tenantId: string, locale = 'en-US') => conversation(bot, connector, { locale, tenantId, ...SAM });
  /** The requests that reach the stub from now on. */
  const from = () => {
    const since = stub.requests.length;
    return (service: 'login' | 'graph', prefix = '') => stub.requests.slice(since).filter((request) => request.service === service && request.path.startsWith(prefix));
  };

  it('names the Global Administrators Microsoft Graph lists for a tenant that granted consent', async () => {
    const chat = teams(CONTOSO_TENANT);
    const requests = from();
    const answer = cardText(await chat.say('who is my admin?'));
    expect(answer).toContain(format(en.whoIsMyAdmin.knownAdminsTitle, { org: 'Contoso' }));
    expect(answer).toContain(en.microsoft.admins.intro.general);
    expect(answer).toContain(`Alice Admin: alice@contoso.test (${en.microsoft.roles.globalAdministrator})`);
    expect(answer).toContain(`Bob Builder: bob@contoso.test (${en.microsoft.roles.globalAdministrator})`);
    // A group that holds the role is no person to ask; a Helpdesk Administrator is not asked about here.
    expect(answer).not.toContain('Tier 0 admins');
    expect(answer).not.toContain('Carol Helpdesk');
    const asked = requests('graph', '/v1.0/directoryRoles');
    expect(asked.map((request) => request.tenant)).toEqual([CONTOSO_TENANT]);
    expect(asked[0]?.path).toContain(ADMIN_ROLES.globalAdministrator);
  });

  it('adds the Helpdesk Administrators for a password problem, in Dutch too', async () => {
    const chat = teams(CONTOSO_TENANT, 'nl-NL');
    const answer = cardText(await chat.say('ik ben mijn wachtwoord vergeten, wie is mijn beheerder?'));
    expect(answer).toContain(nl.microsoft.admins.intro.password);
    expect(answer).toContain(`Carol Helpdesk: carol@contoso.test (${nl.microsoft.roles.helpdeskAdministrator})`);
    expect(answer).toContain(`Alice Admin: alice@contoso.test (${nl.microsoft.roles.globalAdministrator})`);
  });

  it("names the user's own roles for \"am I an admin?\", from Graph", async () => {
    const chat = teams(CONTOSO_TENANT);
    const requests = from();
    const answer = cardText(await chat.say('am I an admin?'));
    expect(answer).toContain(format(en.microsoft.myRoles.yes, { roles: en.microsoft.roles.userAdministrator }));
    expect(answer).toContain(en.microsoft.roleDescriptions.userAdministrator);
    expect(requests('graph', `/v1.0/users/${SAM.aadObjectId}/transitiveMemberOf`)).toHaveLength(1);
  });

  it('answers from the directory, with the consent link for its admin, in a tenant that did not grant consent', async () => {
    const chat = teams(FABRIKAM_TENANT);
    const requests = from();
    const replies = await chat.say('who is my admin?');
    expect(cardText(replies)).toContain('Jan de Vries');
    expect(cardText(replies)).toContain(en.microsoft.consent.what);
    expect(buttons(replies)).toContainEqual({ title: en.microsoft.consent.button, data: undefined, url: `${stub.loginUrl}/${FABRIKAM_TENANT}/adminconsent?client_id=${STUB_APP.clientId}` });
    // No token for a tenant that refuses the app: Graph itself was never called for it.
    expect(requests('graph')).toEqual([]);
    expect(requests('login', `/${FABRIKAM_TENANT}/oauth2/v2.0/token`)).toHaveLength(1);
  });

  it.each([
    ['viral', 'northwind.test', format(en.domainInUse.unmanagedTitle, { domain: 'northwind.test' }), format(en.microsoft.domain.unmanagedText, { domain: 'northwind.test' })],
    ['managed', 'tailwind.test', format(en.domainInUse.managedTitle, { domain: 'tailwind.test', org: 'Tailwind Traders' }), format(en.domainInUse.managedText, { domain: 'tailwind.test', org: 'Tailwind Traders' })],
  ])('says who holds a domain the realm endpoint calls %s, for "my domain is already in use"', async (_kind, domain, title, text) => {
    const chat = teams(CONTOSO_TENANT);
    const requests = from();
    const answer = cardText(await chat.say(`it says ${domain} is already in use`));
    expect(answer).toContain(title);
    expect(answer).toContain(text);
    expect(answer).toContain(en.microsoft.checked);
    expect(requests('login', '/common/userrealm/').map((request) => request.path)).toEqual([expect.stringContaining(domain)]);
  });

  it('says Microsoft shows a domain as managed now where the directory had it unmanaged', async () => {
    const path = join(folder, 'disagree.json');
    const store = await openStoreAt(path);
    try {
      await store.directory.save(organization({ id: 'org-tailwind', displayName: 'tailwind.test', domains: ['tailwind.test'], managed: false }));
    } finally {
      await store.close();
    }
    const other = await startHttpBot(
      { MICROSOFT_LOOKUPS: 'on', MICROSOFT_LOGIN_URL: stub.loginUrl, MICROSOFT_GRAPH_URL: stub.graphUrl, GRAPH_CLIENT_ID: STUB_APP.clientId, GRAPH_CLIENT_SECRET: STUB_APP.clientSecret },
      path,
    );
    try {
      const chat = conversation(other, connector, { locale: 'en-US', ...SAM });
      const answer = cardText(await chat.say('it says tailwind.test is already in use'));
      expect(answer).toContain(format(en.microsoft.disagree.managed, { domain: 'tailwind.test', org: 'tailwind.test' }));
      expect(answer).toContain(format(en.domainInUse.managedTitle, { domain: 'tailwind.test', org: 'Tailwind Traders' }));
    } finally {
      await other.stop();
    }
  });
});

describe('with MICROSOFT_LOOKUPS=off', () => {
  let bot: HttpBot;
  beforeAll(async () => {
    bot = await botAskingMicrosoft('off', 'off');
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('asks Microsoft nothing, and answers from the directory, saying so', async () => {
    const since = stub.requests.length;
    const chat = conversation(bot, connector, { locale: 'en-US', tenantId: CONTOSO_TENANT, ...SAM });
    // Contoso has no admins on record and no type: the question comes, as before Microsoft was asked.
    expect(cardText(await chat.say('who is my admin?'))).toContain(en.whoIsMyAdmin.askTitle);
    expect(cardText(await chat.say('cancel'))).toContain(en.common.cancelled);
    const roles = cardText(await chat.say('am I an admin?'));
    expect(roles).toContain(en.amIAdmin.tile);
    expect(roles).not.toContain(en.microsoft.myRoles.none);
    const domain = cardText(await chat.say('it says northwind.test is already in use'));
    expect(domain).toContain(format(en.domainInUse.freeTitle, { domain: 'northwind.test' }));
    expect(domain).toContain(en.microsoft.fromDirectory);
    expect(stub.requests.slice(since)).toEqual([]);
  });
});

describe('the bot as its own process (as npm start runs it)', () => {
  it('names the Global Administrators from Microsoft Graph, and never logs the app secret', async () => {
    const path = join(folder, 'process.json');
    const store = await openStoreAt(path);
    try {
      await store.directory.save(contoso);
    } finally {
      await store.close();
    }
    const bot = await startBotProcess({
      ...(await storeEnvFor(path)),
      // The process trusts the stub's test CA only when told to (it gets no other environment).
      ...(process.env.NODE_EXTRA_CA_CERTS ? { NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS } : {}),
      MICROSOFT_LOOKUPS: 'on',
      MICROSOFT_LOGIN_URL: stub.loginUrl,
      MICROSOFT_GRAPH_URL: stub.graphUrl,
      GRAPH_CLIENT_ID: STUB_APP.clientId,
      GRAPH_CLIENT_SECRET: STUB_APP.clientSecret,
    });
    try {
      const chat = conversation(bot, connector, { locale: 'en-US', tenantId: CONTOSO_TENANT, ...SAM });
      const answer = cardText(await chat.say('who is my admin?'));
      expect(answer).toContain(`Alice Admin: alice@contoso.test (${en.microsoft.roles.globalAdministrator})`);
    } finally {
      expect(await bot.stop()).toBe(0);
    }
    expect(bot.log()).not.toContain(STUB_APP.clientSecret);
  }, 60_000);
});

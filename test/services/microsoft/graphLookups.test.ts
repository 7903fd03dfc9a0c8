/**
 * The Graph look-ups against the Microsoft stub, with real msal-node (client credentials) and the real Graph client
 * over real https: what a tenant that granted consent answers, every way there is no answer (no consent, refused
 * token, 403, 500, timeouts, nothing configured), what is kept, and that no secret or token is ever logged.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { startMicrosoftStub, STUB_APP, type MicrosoftStub } from '../../helpers/microsoftStub.js';
import { BILLING_ADMIN, FAST_TIMEOUT_MS, GLOBAL_ADMIN, HELPDESK_ADMIN, lookupsAt, logText, OTHER_TENANT, TENANT, USER, type LogLine } from './lookupHarness.js';

const ALICE = { id: 'a0000000-0000-4000-8000-000000000001', displayName: 'Alice Admin', mail: 'alice@contoso.com', userPrincipalName: 'alice@contoso.onmicrosoft.com' };
const BOB = { id: 'b0000000-0000-4000-8000-000000000002', displayName: 'Bob Builder', mail: null, userPrincipalName: 'bob@contoso.com' };
const CAROL = { id: 'c0000000-0000-4000-8000-000000000003', displayName: 'Carol' };
const ADMIN_GROUP = { id: 'd0000000-0000-4000-8000-000000000004', '@odata.type': '#microsoft.graph.group', displayName: 'Tier 0 admins' };
const SERVICE = { id: 'e0000000-0000-4000-8000-000000000005', '@odata.type': '#microsoft.graph.servicePrincipal', displayName: 'Automation' };

const ROLE_MEMBERS = (id: string) => `/v1.0/directoryRoles(roleTemplateId='${id}')/members?$select=id,displayName,mail,userPrincipalName`;
const USER_ROLES = `/v1.0/users/${USER}/transitiveMemberOf/microsoft.graph.directoryRole?$select=displayName,roleTemplateId`;
const SKUS = '/v1.0/subscribedSkus?$select=skuPartNumber,capabilityStatus';

describe('the Graph look-ups', () => {
  let stub: MicrosoftStub;
  /** Every log line of every test, checked for secrets at the end. */
  const allLines: LogLine[] = [];

  beforeAll(async () => {
    stub = await startMicrosoftStub();
  });
  afterAll(async () => {
    await stub.close();
    const text = logText(allLines);
    expect(text).not.toContain(STUB_APP.clientSecret);
    expect(text).not.toContain('stub-access-token');
    expect(text).not.toMatch(/Bearer/i);
  });
  beforeEach(() => {
    stub.reset();
    stub.scenario.tenants[TENANT] = {
      roles: { [GLOBAL_ADMIN]: [ALICE, BOB, ADMIN_GROUP, SERVICE], [HELPDESK_ADMIN]: [CAROL] },
      userRoles: {
        [USER]: [
          { displayName: 'Global Administrator', roleTemplateId: GLOBAL_ADMIN },
          { displayName: 'Helpdesk Administrator', roleTemplateId: HELPDESK_ADMIN.toUpperCase() },
        ],
      },
      skus: [
        { skuPartNumber: 'STANDARDWOFFPACK_FACULTY', capabilityStatus: 'Enabled' },
        { skuPartNumber: 'O365_BUSINESS_ESSENTIALS', capabilityStatus: 'Suspended' },
        { skuPartNumber: 'ENTERPRISEPACK', capabilityStatus: 'Warning' },
        { skuPartNumber: 'POWER_BI_STANDARD', capabilityStatus: 'Enabled' },
      ],
    };
  });

  describe('in a tenant that granted consent', () => {
    it('lists the people in each role asked, a role not activated (404) as nobody', async () => {
      const { lookups: microsoft, lines } = lookupsAt(stub);

      const answer = await microsoft.roleHolders(TENANT, [GLOBAL_ADMIN, HELPDESK_ADMIN, BILLING_ADMIN]);

      expect(answer).toEqual({
        answered: true,
        value: new Map([
          [GLOBAL_ADMIN, [{ id: ALICE.id, displayName: 'Alice Admin', email: 'alice@contoso.com' }, { id: BOB.id, displayName: 'Bob Builder', email: 'bob@contoso.com' }]],
          [HELPDESK_ADMIN, [{ id: CAROL.id, displayName: 'Carol' }]],
          [BILLING_ADMIN, []],
        ]),
      });
      expect(lines).toEqual([]);
      allLines.push(...lines);
    });

    it('gets one token (msal reads the authority from MICROSOFT_LOGIN_URL only) and sends it to Graph', async () => {
      const { lookups: microsoft } = lookupsAt(stub);

      await microsoft.roleHolders(TENANT, [GLOBAL_ADMIN, HELPDESK_ADMIN]);

      const login = stub.requestsTo('login').map((request) => `${request.method} ${request.path.replace(/\?.*$/, '')}`);
      expect(login).toEqual([`GET /${TENANT}/v2.0/.well-known/openid-configuration`, `POST /${TENANT}/oauth2/v2.0/token`]);
      const graph = stub.requestsTo('graph');
      expect(graph.map((request) => request.path).sort()).toEqual([ROLE_MEMBERS(GLOBAL_ADMIN), ROLE_MEMBERS(HELPDESK_ADMIN)].sort());
      expect(graph.every((request) => request.bearer && request.tenant === TENANT)).toBe(true);
    });

    it('follows @odata.nextLink through every page', async () => {
      stub.scenario.tenants[TENANT]!.pageSize = 1;
      const { lookups: microsoft } = lookupsAt(stub);

      const answer = await microsoft.roleHolders(TENANT, [GLOBAL_ADMIN]);

      expect(answer.answered && answer.value.get(GLOBAL_ADMIN)?.map((holder) => holder.id)).toEqual([ALICE.id, BOB.id]);
      const pages = stub.requestsTo('graph');
      expect(pages).toHaveLength(4);
      expect(pages[0]!.path).toBe(ROLE_MEMBERS(GLOBAL_ADMIN));
      expect(pages.slice(1).every((page) => page.path.startsWith(`${ROLE_MEMBERS(GLOBAL_ADMIN)}&$skiptoken=`) && page.bearer)).toBe(true);
    });

    it('lists the roles a user holds', async () => {
      const { lookups: microsoft } = lookupsAt(stub);

      await expect(microsoft.rolesOf(TENANT, USER)).resolves.toEqual({
        answered: true,
        value: [
          { displayName: 'Global Administrator', roleTemplateId: GLOBAL_ADMIN },
          { displayName: 'Helpdesk Administrator', roleTemplateId: HELPDESK_ADMIN },
        ],
      });
      expect(stub.requestsTo('graph').map((request) => request.path)).toEqual([USER_ROLES]);
    });

    it('answers no roles for a user the tenant does not have (404), or an id that is no object id (not asked)', async () => {
      const { lookups: microsoft, lines } = lookupsAt(stub);

      await expect(microsoft.rolesOf(TENANT, '99999999-0000-4000-8000-000000000000')).resolves.toEqual({ answered: true, value: [] });
      await expect(microsoft.rolesOf(TENANT, '../../organization')).resolves.toEqual({ answered: true, value: [] });
      expect(stub.requestsTo('graph')).toHaveLength(1);
      expect(lines).toEqual([]);
    });

    it('lists the enabled subscriptions only', async () => {
      const { lookups: microsoft } = lookupsAt(stub);

      await expect(microsoft.subscribedSkus(TENANT)).resolves.toEqual({ answered: true, value: ['STANDARDWOFFPACK_FACULTY', 'POWER_BI_STANDARD'] });
      expect(stub.requestsTo('graph').map((request) => request.path)).toEqual([SKUS]);
    });
  });

  describe('without an answer', () => {
    it('answers noConsent when the tenant has not granted consent (the token is refused, AADSTS700016), asking Graph nothing', async () => {
      stub.scenario.tenants[TENANT]!.consent = false;
      const { lookups: microsoft, lines } = lookupsAt(stub);

      await expect(microsoft.roleHolders(TENANT, [GLOBAL_ADMIN])).resolves.toEqual({ answered: false, why: { kind: 'noConsent' } });
      expect(stub.requestsTo('graph')).toEqual([]);
      expect(lines).toHaveLength(1);
      expect(lines[0]!.details).toMatchObject({ lookup: 'roleHolders', tenantId: TENANT, answer: 'noConsent' });
      expect(String(lines[0]!.details.problem)).toMatch(/AADSTS700016/);
      allLines.push(...lines);
    });

    it('answers noConsent when the secret is refused (invalid_client)', async () => {
      const { lookups: microsoft, lines } = lookupsAt(stub, { clientSecret: 'an-old-secret' });

      await expect(microsoft.subscribedSkus(TENANT)).resolves.toEqual({ answered: false, why: { kind: 'noConsent' } });
      expect(String(lines[0]!.details.problem)).toMatch(/invalid_client.*AADSTS7000215/);
      expect(logText(lines)).not.toContain('an-old-secret');
      allLines.push(...lines);
    });

    it('answers noConsent when Graph answers 403 (consent without the permission)', async () => {
      stub.scenario.tenants[TENANT]!.graph = 'forbidden';
      const { lookups: microsoft, lines } = lookupsAt(stub);

      await expect(microsoft.rolesOf(TENANT, USER)).resolves.toEqual({ answered: false, why: { kind: 'noConsent' } });
      await expect(microsoft.roleHolders(TENANT, [GLOBAL_ADMIN, HELPDESK_ADMIN])).resolves.toEqual({ answered: false, why: { kind: 'noConsent' } });
      expect(lines.map((line) => line.details.problem)).toEqual(['Graph: HTTP 403 Authorization_RequestDenied', 'Graph: HTTP 403 Authorization_RequestDenied']);
      allLines.push(...lines);
    });

    it.each([
      ['Graph answers 500', { graph: 'error500' }, /Graph: HTTP 500/],
      ['Graph does not answer', { graph: 'hang' }, new RegExp(`Graph: no answer within ${FAST_TIMEOUT_MS} ms`)],
      ['the token endpoint answers 500', { token: 'error500' }, /token: HTTP 500/],
      ['the token endpoint does not answer', { token: 'hang' }, new RegExp(`token: no answer within ${FAST_TIMEOUT_MS} ms`)],
    ] as const)('answers unreachable when %s, with one log line', async (_what, failure, problem) => {
      Object.assign(stub.scenario.tenants[TENANT]!, failure);
      const { lookups: microsoft, lines } = lookupsAt(stub);

      const started = Date.now();
      await expect(microsoft.subscribedSkus(TENANT)).resolves.toEqual({ answered: false, why: { kind: 'unreachable' } });
      expect(Date.now() - started).toBeLessThan(3 * FAST_TIMEOUT_MS + 2000);
      expect(lines).toHaveLength(1);
      expect(lines[0]!.details).toMatchObject({ lookup: 'subscribedSkus', tenantId: TENANT, answer: 'unreachable' });
      expect(String(lines[0]!.details.problem)).toMatch(problem);
      allLines.push(...lines);
    });

    it('answers unreachable for a tenant Microsoft does not know (its authority cannot be read)', async () => {
      const { lookups: microsoft, lines } = lookupsAt(stub);

      await expect(microsoft.subscribedSkus(OTHER_TENANT)).resolves.toEqual({ answered: false, why: { kind: 'unreachable' } });
      expect(stub.requestsTo('graph')).toEqual([]);
      expect(lines).toHaveLength(1);
      allLines.push(...lines);
    });

    it('answers notConfigured without a client id or secret, and asks nothing', async () => {
      for (const options of [{ clientId: undefined }, { clientSecret: undefined }, { clientId: '', clientSecret: '' }]) {
        const { lookups: microsoft, lines } = lookupsAt(stub, options);
        const notConfigured = { answered: false, why: { kind: 'notConfigured' } };

        await expect(microsoft.roleHolders(TENANT, [GLOBAL_ADMIN])).resolves.toEqual(notConfigured);
        await expect(microsoft.rolesOf(TENANT, USER)).resolves.toEqual(notConfigured);
        await expect(microsoft.subscribedSkus(TENANT)).resolves.toEqual(notConfigured);
        expect(lines).toEqual([]);
      }
      expect(stub.requests).toEqual([]);
    });

    it('sends nothing for a tenant id that is not a GUID', async () => {
      const { lookups: microsoft, lines } = lookupsAt(stub);

      await expect(microsoft.subscribedSkus('contoso.com/../common')).resolves.toEqual({ answered: false, why: { kind: 'unreachable' } });
      expect(stub.requests).toEqual([]);
      expect(lines).toHaveLength(1);
    });
  });

  describe('keeping answers', () => {
    it('asks Graph once per tenant and question while the answer is kept, and once for a token', async () => {
      const { lookups: microsoft } = lookupsAt(stub);

      const first = await microsoft.roleHolders(TENANT, [GLOBAL_ADMIN, HELPDESK_ADMIN]);
      await expect(microsoft.roleHolders(TENANT, [HELPDESK_ADMIN, GLOBAL_ADMIN.toUpperCase(), GLOBAL_ADMIN])).resolves.toMatchObject({ answered: true });
      await expect(microsoft.roleHolders(TENANT, [GLOBAL_ADMIN, HELPDESK_ADMIN])).resolves.toEqual(first);
      await microsoft.subscribedSkus(TENANT);
      await microsoft.subscribedSkus(TENANT);
      await microsoft.rolesOf(TENANT, USER);
      await microsoft.rolesOf(TENANT, USER.toUpperCase());

      expect(stub.requestsTo('graph')).toHaveLength(4);
      expect(stub.requestsTo('login', `/${TENANT}/oauth2/v2.0/token`)).toHaveLength(1);
    });

    it('keeps answers per tenant', async () => {
      stub.scenario.tenants[OTHER_TENANT] = { skus: [{ skuPartNumber: 'SPE_E5', capabilityStatus: 'Enabled' }] };
      const { lookups: microsoft } = lookupsAt(stub);

      await expect(microsoft.subscribedSkus(TENANT)).resolves.toMatchObject({ value: ['STANDARDWOFFPACK_FACULTY', 'POWER_BI_STANDARD'] });
      await expect(microsoft.subscribedSkus(OTHER_TENANT)).resolves.toEqual({ answered: true, value: ['SPE_E5'] });
      expect(stub.requestsTo('graph').map((request) => request.tenant)).toEqual([TENANT, OTHER_TENANT]);
    });

    it('keeps a refusal briefly, then asks again: the admin may have granted consent meanwhile', async () => {
      stub.scenario.tenants[TENANT]!.consent = false;
      const kept = lookupsAt(stub);
      await kept.lookups.subscribedSkus(TENANT);
      await kept.lookups.subscribedSkus(TENANT);
      expect(stub.requestsTo('login', `/${TENANT}/oauth2/v2.0/token`)).toHaveLength(1);
      expect(kept.lines).toHaveLength(1);

      const { lookups: microsoft } = lookupsAt(stub, { failureCacheSeconds: 0 });
      await expect(microsoft.subscribedSkus(TENANT)).resolves.toMatchObject({ why: { kind: 'noConsent' } });
      stub.scenario.tenants[TENANT]!.consent = true;
      await expect(microsoft.subscribedSkus(TENANT)).resolves.toMatchObject({ answered: true });
      allLines.push(...kept.lines);
    });

    it('asks again when nothing is kept (cacheSeconds 0), with the token msal keeps', async () => {
      const { lookups: microsoft } = lookupsAt(stub, { cacheSeconds: 0 });

      await microsoft.subscribedSkus(TENANT);
      await microsoft.subscribedSkus(TENANT);

      expect(stub.requestsTo('graph')).toHaveLength(2);
      expect(stub.requestsTo('login', `/${TENANT}/oauth2/v2.0/token`)).toHaveLength(1);
    });
  });

  describe('consentUrl()', () => {
    it('is the tenant\'s admin consent page for the app', () => {
      const { lookups: microsoft } = lookupsAt(stub, { loginUrl: 'https://login.microsoftonline.com', clientId: 'app id/1' });

      expect(microsoft.consentUrl(TENANT)).toBe(`https://login.microsoftonline.com/${TENANT}/adminconsent?client_id=app%20id%2F1`);
    });

    it('is undefined without a client id', () => {
      const { lookups: microsoft } = lookupsAt(stub, { clientId: undefined });

      expect(microsoft.consentUrl(TENANT)).toBeUndefined();
    });
  });

});

/**
 * The anonymous look-ups against the Microsoft stub over real https: what the realm endpoint and a domain's OpenID
 * configuration say, every way they can fail (one log line each), what is never sent, and what is kept.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { domainName, readRealm } from '../../../services/microsoft/publicEndpoints.js';
import { startMicrosoftStub, STUB_APP, type MicrosoftStub } from '../../helpers/microsoftStub.js';
import { FAST_TIMEOUT_MS, lookupsAt, logText, TENANT } from './lookupHarness.js';

const UNREACHABLE = { answered: false, why: { kind: 'unreachable' } };

describe('the realm and OpenID look-ups', () => {
  let stub: MicrosoftStub;

  beforeAll(async () => {
    stub = await startMicrosoftStub();
  });
  afterAll(async () => {
    await stub.close();
  });
  beforeEach(() => {
    stub.reset();
  });

  describe('domain()', () => {
    it('asks the realm endpoint about a synthetic address at the domain, never a person', async () => {
      const { lookups } = lookupsAt(stub);

      await lookups.domain(' Contoso.COM. ');

      expect(stub.requests).toEqual([{ service: 'login', method: 'GET', path: '/common/userrealm/helpdesk-bot-probe@contoso.com?api-version=2.1', bearer: false }]);
    });

    it('reads IsViral true as an unmanaged organization, with its brand', async () => {
      stub.scenario.domains['contoso.com'] = { realm: 'viral', brand: 'Contoso' };
      const { lookups, lines } = lookupsAt(stub);

      await expect(lookups.domain('contoso.com')).resolves.toEqual({ answered: true, value: { kind: 'unmanaged', brand: 'Contoso' } });
      expect(lines).toEqual([]);
    });

    it('reads Managed as a managed organization that is not federated', async () => {
      stub.scenario.domains['contoso.com'] = { realm: 'managed', brand: 'Contoso Ltd' };
      const { lookups } = lookupsAt(stub);

      await expect(lookups.domain('contoso.com')).resolves.toEqual({ answered: true, value: { kind: 'managed', federated: false, brand: 'Contoso Ltd' } });
    });

    it('reads Federated as a managed organization that is federated', async () => {
      stub.scenario.domains['fabrikam.com'] = { realm: 'federated', brand: 'Fabrikam' };
      const { lookups } = lookupsAt(stub);

      await expect(lookups.domain('fabrikam.com')).resolves.toEqual({ answered: true, value: { kind: 'managed', federated: true, brand: 'Fabrikam' } });
    });

    it('reads Unknown as a domain no organization uses', async () => {
      const { lookups, lines } = lookupsAt(stub);

      await expect(lookups.domain('nobody-uses-this.com')).resolves.toEqual({ answered: true, value: { kind: 'unknown' } });
      expect(lines).toEqual([]);
    });

    it('asks about an internationalized domain in its ASCII form', async () => {
      stub.scenario.domains['xn--bcher-kva.de'] = { realm: 'managed', brand: 'Bücher' };
      const { lookups } = lookupsAt(stub);

      await expect(lookups.domain('Bücher.de')).resolves.toEqual({ answered: true, value: { kind: 'managed', federated: false, brand: 'Bücher' } });
      expect(stub.requests.map((request) => request.path)).toEqual(['/common/userrealm/helpdesk-bot-probe@xn--bcher-kva.de?api-version=2.1']);
    });

    it.each([
      ['a 500', 'error500', /HTTP 500/],
      ['no answer (timeout)', 'hang', new RegExp(`no answer within ${FAST_TIMEOUT_MS} ms`)],
      ['a page that is not JSON', 'badJson', /not JSON/],
      ['JSON that is none of Microsoft\'s answers', 'strange', /NameSpaceType "Hybrid"/],
    ] as const)('answers unreachable to %s, with one log line', async (_what, realm, problem) => {
      stub.scenario.domains['contoso.com'] = { realm };
      const { lookups, lines } = lookupsAt(stub);

      const started = Date.now();
      await expect(lookups.domain('contoso.com')).resolves.toEqual(UNREACHABLE);
      expect(Date.now() - started).toBeLessThan(FAST_TIMEOUT_MS + 2000);
      expect(lines).toHaveLength(1);
      expect(lines[0]!.details).toMatchObject({ lookup: 'realm', domain: 'contoso.com' });
      expect(String(lines[0]!.details.problem)).toMatch(problem);
    });

    it('answers unreachable when nothing listens at MICROSOFT_LOGIN_URL', async () => {
      const { lookups, lines } = lookupsAt(stub, { loginUrl: 'https://127.0.0.1:1' });

      await expect(lookups.domain('contoso.com')).resolves.toEqual(UNREACHABLE);
      expect(lines).toHaveLength(1);
      expect(String(lines[0]!.details.problem)).toMatch(/network error/);
    });
  });

  describe('tenantOf()', () => {
    it('finds the tenant id in the OpenID configuration of the domain', async () => {
      stub.scenario.domains['contoso.com'] = { tenantId: TENANT };
      const { lookups, lines } = lookupsAt(stub);

      await expect(lookups.tenantOf('Contoso.com')).resolves.toEqual({ answered: true, value: TENANT });
      expect(stub.requests).toEqual([{ service: 'login', method: 'GET', path: '/contoso.com/v2.0/.well-known/openid-configuration', bearer: false }]);
      expect(lines).toEqual([]);
    });

    it('answers undefined when Microsoft says no tenant holds the domain (400 AADSTS90002)', async () => {
      const { lookups, lines } = lookupsAt(stub);

      await expect(lookups.tenantOf('nobody-uses-this.com')).resolves.toEqual({ answered: true, value: undefined });
      expect(lines).toEqual([]);
    });

    it.each([
      ['a 500', 'error500', /HTTP 500/],
      ['no answer (timeout)', 'hang', /no answer within/],
      ['a page that is not JSON', 'badJson', /not JSON/],
    ] as const)('answers unreachable to %s, with one log line', async (_what, openId, problem) => {
      stub.scenario.domains['contoso.com'] = { tenantId: TENANT, openId };
      const { lookups, lines } = lookupsAt(stub);

      await expect(lookups.tenantOf('contoso.com')).resolves.toEqual(UNREACHABLE);
      expect(lines).toHaveLength(1);
      expect(lines[0]!.details).toMatchObject({ lookup: 'tenant', domain: 'contoso.com' });
      expect(String(lines[0]!.details.problem)).toMatch(problem);
    });
  });

  describe('what is not a domain', () => {
    const notDomains = [
      '',
      '   ',
      'contoso',
      'localhost',
      '10.0.0.1',
      '[::1]',
      'sara@contoso.com',
      'contoso.com/../../common',
      '../common/oauth2/v2.0/token',
      'contoso.com?api-version=1.0',
      'contoso.com#x',
      'contoso.com:443',
      '%2e%2e.com',
      'con toso.com',
      'contoso..com',
      '-contoso.com',
      'contoso-.com',
      'contoso.c0m1',
      `${'a'.repeat(64)}.com`,
      `${'abcdefghi.'.repeat(26)}com`,
      'https://contoso.com',
      'contoso.com\n.evil.com',
    ];

    it.each(notDomains)('is never sent to Microsoft: %j', async (text) => {
      const { lookups, lines } = lookupsAt(stub);

      await expect(lookups.domain(text)).resolves.toEqual({ answered: true, value: { kind: 'unknown' } });
      await expect(lookups.tenantOf(text)).resolves.toEqual({ answered: true, value: undefined });
      expect(stub.requests).toEqual([]);
      expect(lines).toEqual([]);
    });

    it('accepts domain names as DNS has them', () => {
      expect(domainName('Contoso.COM')).toBe('contoso.com');
      expect(domainName('mail.contoso.co.uk.')).toBe('mail.contoso.co.uk');
      expect(domainName('xn--bcher-kva.de')).toBe('xn--bcher-kva.de');
      expect(domainName('münchen.de')).toBe('xn--mnchen-3ya.de');
      expect(domainName('a-b.example')).toBe('a-b.example');
    });
  });

  describe('reading the realm answer', () => {
    it('takes NameSpaceType Unknown before anything else, and IsViral before Managed', () => {
      expect(readRealm({ NameSpaceType: 'Unknown', IsViral: true })).toEqual({ ok: true, value: { kind: 'unknown' } });
      expect(readRealm({ NameSpaceType: 'Managed', IsViral: true })).toEqual({ ok: true, value: { kind: 'unmanaged' } });
      expect(readRealm({ NameSpaceType: 'Managed', IsViral: false, FederationBrandName: '  ' })).toEqual({ ok: true, value: { kind: 'managed', federated: false } });
    });

    it('refuses what is not a realm answer', () => {
      expect(readRealm(null).ok).toBe(false);
      expect(readRealm([]).ok).toBe(false);
      expect(readRealm({ IsViral: true }).ok).toBe(false);
      expect(readRealm({ NameSpaceType: 3 }).ok).toBe(false);
    });
  });

  describe('keeping answers', () => {
    it('asks Microsoft once for the same domain while the answer is kept', async () => {
      stub.scenario.domains['contoso.com'] = { realm: 'managed', tenantId: TENANT };
      const { lookups } = lookupsAt(stub);

      const first = await lookups.domain('contoso.com');
      stub.scenario.domains['contoso.com'] = { realm: 'viral' };
      await expect(lookups.domain('CONTOSO.com')).resolves.toEqual(first);
      await lookups.tenantOf('contoso.com');
      await lookups.tenantOf('contoso.com');

      expect(stub.requests.map((request) => request.path)).toEqual([
        '/common/userrealm/helpdesk-bot-probe@contoso.com?api-version=2.1',
        '/contoso.com/v2.0/.well-known/openid-configuration',
      ]);
    });

    it('shares one request between look-ups of the same domain at the same moment', async () => {
      stub.scenario.domains['contoso.com'] = { realm: 'managed' };
      const { lookups } = lookupsAt(stub);

      const answers = await Promise.all([lookups.domain('contoso.com'), lookups.domain('contoso.com'), lookups.domain('contoso.com')]);

      expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
      expect(stub.requests).toHaveLength(1);
    });

    it('asks again once the answer has expired (cacheSeconds 0 keeps nothing)', async () => {
      stub.scenario.domains['contoso.com'] = { realm: 'viral' };
      const { lookups } = lookupsAt(stub, { cacheSeconds: 0 });

      await expect(lookups.domain('contoso.com')).resolves.toMatchObject({ value: { kind: 'unmanaged' } });
      // The takeover went through: Microsoft now says managed, and the bot sees it.
      stub.scenario.domains['contoso.com'] = { realm: 'managed' };
      await expect(lookups.domain('contoso.com')).resolves.toMatchObject({ value: { kind: 'managed' } });
      expect(stub.requests).toHaveLength(2);
    });

    it('keeps a failure briefly, logged once, and asks again after that', async () => {
      stub.scenario.domains['contoso.com'] = { realm: 'error500' };
      const kept = lookupsAt(stub);

      await kept.lookups.domain('contoso.com');
      await kept.lookups.domain('contoso.com');
      expect(stub.requests).toHaveLength(1);
      expect(kept.lines).toHaveLength(1);

      const notKept = lookupsAt(stub, { failureCacheSeconds: 0 });
      await notKept.lookups.domain('contoso.com');
      stub.scenario.domains['contoso.com'] = { realm: 'managed' };
      await expect(notKept.lookups.domain('contoso.com')).resolves.toMatchObject({ answered: true, value: { kind: 'managed' } });
      expect(stub.requests).toHaveLength(3);
    });
  });

  it('never logs the client secret', async () => {
    stub.scenario.domains['contoso.com'] = { realm: 'error500', openId: 'badJson' };
    const { lookups, lines } = lookupsAt(stub);

    await lookups.domain('contoso.com');
    await lookups.tenantOf('contoso.com');

    expect(lines).toHaveLength(2);
    expect(logText(lines)).not.toContain(STUB_APP.clientSecret);
  });
});

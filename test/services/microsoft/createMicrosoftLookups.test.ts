/**
 * The configuration of the Microsoft look-ups (bot/app/config.ts, the `microsoft` group), the factory that turns it
 * into look-ups (MICROSOFT_LOOKUPS=off asks nothing), and the bot's logger as their logger (secrets redacted).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import { loadConfig } from '../../../bot/app/config.js';
import { createLogger } from '../../../bot/app/logger.js';
import { createMicrosoftLookups } from '../../../services/microsoft/createMicrosoftLookups.js';
import { MicrosoftLookupsClient, type LookupLogger } from '../../../services/microsoft/microsoftLookups.js';
import { startMicrosoftStub, STUB_APP, type MicrosoftStub } from '../../helpers/microsoftStub.js';
import { GLOBAL_ADMIN, TENANT, USER } from './lookupHarness.js';

describe('the microsoft settings', () => {
  it('default to Microsoft\'s worldwide cloud, look-ups on, and the bot\'s own app registration', () => {
    const config = loadConfig({ MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'app-password' });

    expect(config.microsoft).toEqual({
      loginUrl: 'https://login.microsoftonline.com',
      graphUrl: 'https://graph.microsoft.com',
      lookups: 'on',
      clientId: 'app-id',
      clientSecret: 'app-password',
    });
    expect(config.sources).toMatchObject({ MICROSOFT_LOGIN_URL: 'default', MICROSOFT_GRAPH_URL: 'default', MICROSOFT_LOOKUPS: 'default', GRAPH_CLIENT_ID: 'default', GRAPH_CLIENT_SECRET: 'default' });
    expect(Object.isFrozen(config.microsoft)).toBe(true);
  });

  it('are read from the environment, a trailing slash dropped', () => {
    const config = loadConfig({
      MICROSOFT_LOGIN_URL: 'https://login.microsoftonline.us/',
      MICROSOFT_GRAPH_URL: 'https://Graph.Microsoft.US:443',
      MICROSOFT_LOOKUPS: 'OFF',
      MicrosoftAppId: 'app-id',
      GRAPH_CLIENT_ID: 'graph-id',
      GRAPH_CLIENT_SECRET: 'graph-secret',
    });

    expect(config.microsoft).toEqual({ loginUrl: 'https://login.microsoftonline.us', graphUrl: 'https://graph.microsoft.us', lookups: 'off', clientId: 'graph-id', clientSecret: 'graph-secret' });
    expect(config.sources).toMatchObject({ MICROSOFT_LOGIN_URL: 'env', MICROSOFT_GRAPH_URL: 'env', MICROSOFT_LOOKUPS: 'env', GRAPH_CLIENT_ID: 'env', GRAPH_CLIENT_SECRET: 'env' });
  });

  it('have no app registration in local mode', () => {
    const config = loadConfig({});

    expect(config.microsoft.clientId).toBeUndefined();
    expect(config.microsoft.clientSecret).toBeUndefined();
  });

  it.each([
    ['MICROSOFT_LOGIN_URL', 'http://login.microsoftonline.com', /MICROSOFT_LOGIN_URL="http:\/\/login.microsoftonline.com" must be an https:\/\/ address/],
    ['MICROSOFT_LOGIN_URL', 'http://127.0.0.1:8443', /MICROSOFT_LOGIN_URL="http:\/\/127.0.0.1:8443" must be an https/],
    ['MICROSOFT_LOGIN_URL', 'https://login.microsoftonline.com/common', /without a path/],
    ['MICROSOFT_GRAPH_URL', 'graph.microsoft.com', /MICROSOFT_GRAPH_URL="graph.microsoft.com" must be/],
    ['MICROSOFT_GRAPH_URL', 'https://graph.microsoft.com/v1.0/', /without a path/],
    ['MICROSOFT_GRAPH_URL', 'https://graph.microsoft.com?x=1', /without a path/],
    ['MICROSOFT_LOOKUPS', 'maybe', /MICROSOFT_LOOKUPS="maybe" must be on or off/],
  ])('refuse %s=%s', (name, value, problem) => {
    expect(() => loadConfig({ [name]: value })).toThrow(problem);
  });

  it('never repeat credentials written into an address', () => {
    expect(() => loadConfig({ MICROSOFT_GRAPH_URL: 'https://user:hunter2@graph.microsoft.com' })).toThrow(/^(?!.*hunter2).*MICROSOFT_GRAPH_URL must be an https/);
  });
});

describe('the logger', () => {
  it('redacts GRAPH_CLIENT_SECRET and the Graph client secret in the settings', () => {
    let written = '';
    const logger = createLogger('trace', new Writable({ write: (chunk: Buffer, _encoding, done) => ((written += chunk.toString()), done()) }));
    const secret = `graph-s3cret-${Date.now()}`;
    logger.info({ GRAPH_CLIENT_SECRET: secret, env: { GRAPH_CLIENT_SECRET: secret }, process: { env: { GRAPH_CLIENT_SECRET: secret } } }, 'environment');
    logger.info({ microsoft: { clientId: 'graph-id', clientSecret: secret }, config: { microsoft: { clientSecret: secret } } }, 'settings');

    expect(written.split('\n').filter(Boolean)).toHaveLength(2);
    expect(written).not.toContain(secret);
    expect(written).toContain('graph-id');
  });

  it('is a logger the look-ups take', () => {
    const logger: LookupLogger = createLogger('silent');

    expect(new MicrosoftLookupsClient({ loginUrl: 'https://login.microsoftonline.com', graphUrl: 'https://graph.microsoft.com', logger })).toBeDefined();
  });
});

describe('createMicrosoftLookups()', () => {
  let stub: MicrosoftStub;

  beforeAll(async () => {
    stub = await startMicrosoftStub();
  });
  afterAll(async () => {
    await stub.close();
  });
  beforeEach(() => {
    stub.reset();
    stub.scenario.domains['contoso.com'] = { realm: 'viral', tenantId: TENANT };
    stub.scenario.tenants[TENANT] = { roles: { [GLOBAL_ADMIN]: [] }, skus: [] };
  });

  const settings = (lookups: 'on' | 'off') => ({ loginUrl: stub.loginUrl, graphUrl: stub.graphUrl, lookups, ...STUB_APP, timeoutMs: 1000, logger: { warn: () => undefined } });

  it('asks nothing at all with MICROSOFT_LOOKUPS=off, and says so', async () => {
    const microsoft = createMicrosoftLookups(settings('off'));
    const off = { answered: false, why: { kind: 'off' } };

    await expect(microsoft.domain('contoso.com')).resolves.toEqual(off);
    await expect(microsoft.tenantOf('contoso.com')).resolves.toEqual(off);
    await expect(microsoft.roleHolders(TENANT, [GLOBAL_ADMIN])).resolves.toEqual(off);
    await expect(microsoft.rolesOf(TENANT, USER)).resolves.toEqual(off);
    await expect(microsoft.subscribedSkus(TENANT)).resolves.toEqual(off);
    expect(microsoft.consentUrl(TENANT)).toBeUndefined();
    expect(stub.requests).toEqual([]);
  });

  it('asks Microsoft with MICROSOFT_LOOKUPS=on', async () => {
    const microsoft = createMicrosoftLookups(settings('on'));

    await expect(microsoft.domain('contoso.com')).resolves.toEqual({ answered: true, value: { kind: 'unmanaged', brand: 'contoso.com' } });
    await expect(microsoft.tenantOf('contoso.com')).resolves.toEqual({ answered: true, value: TENANT });
    await expect(microsoft.subscribedSkus(TENANT)).resolves.toEqual({ answered: true, value: [] });
    expect(microsoft.consentUrl(TENANT)).toBe(`${stub.loginUrl}/${TENANT}/adminconsent?client_id=${STUB_APP.clientId}`);
    expect(stub.requests.length).toBeGreaterThan(0);
  });

  it('passes the settings from the configuration as they are', async () => {
    const config = loadConfig({ MICROSOFT_LOGIN_URL: `${stub.loginUrl}/`, MICROSOFT_GRAPH_URL: stub.graphUrl, GRAPH_CLIENT_ID: STUB_APP.clientId, GRAPH_CLIENT_SECRET: STUB_APP.clientSecret });
    const microsoft = createMicrosoftLookups({ ...config.microsoft, logger: createLogger('silent') });

    await expect(microsoft.roleHolders(TENANT, [GLOBAL_ADMIN])).resolves.toEqual({ answered: true, value: new Map([[GLOBAL_ADMIN, []]]) });
  });
});

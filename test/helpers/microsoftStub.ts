/**
 * Microsoft on loopback, over real https, for tests of services/microsoft/: the realm endpoint, the OpenID
 * configuration (of a domain, and of a tenant as msal-node reads it for its authority), the token endpoint
 * (client credentials) and the Microsoft Graph calls the bot makes, answered with the JSON shapes Microsoft
 * documents, from a scenario the test changes as it goes. Every request is recorded.
 * @remarks One server serves both: give `loginUrl` as MICROSOFT_LOGIN_URL and `graphUrl` as MICROSOFT_GRAPH_URL.
 * The certificate comes from test/microsoftCaSetup.mjs (jest's globalSetup), which makes the processes started
 * after it trust its CA (NODE_EXTRA_CA_CERTS); `startMicrosoftStub()` checks that this process does.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/** What the realm endpoint answers for a domain: one of Microsoft's answers, or a failure. */
export type StubRealm = 'unknown' | 'viral' | 'managed' | 'federated' | 'error500' | 'hang' | 'badJson' | 'strange';
/** A way for an endpoint to fail: 500, never answering, or 200 with a body that is not JSON. */
export type StubFailure = 'error500' | 'hang' | 'badJson';

export interface StubDomain {
  /** Default `unknown`. */
  realm?: StubRealm;
  /** FederationBrandName (the organization's display name). */
  brand?: string;
  /** The tenant whose OpenID configuration the domain answers with; unset: 400 AADSTS90002 (tenant not found). */
  tenantId?: string;
  /** Makes the domain's OpenID configuration fail instead. */
  openId?: StubFailure;
}

/** A member of a directory role as Graph lists it (`@odata.type` defaults to a user). */
export interface StubDirectoryObject {
  id: string;
  '@odata.type'?: string;
  displayName?: string;
  mail?: string | null;
  userPrincipalName?: string;
}

export interface StubTenant {
  /** Whether the tenant granted the app admin consent; without it the token endpoint refuses (AADSTS700016). Default true. */
  consent?: boolean;
  /** Makes the tenant's token endpoint fail (its OpenID configuration still answers). */
  token?: 'error500' | 'hang';
  /** Makes every Graph call for the tenant fail: 403 Authorization_RequestDenied (token without the permission), 500, or no answer. */
  graph?: 'forbidden' | 'error500' | 'hang';
  /** Activated directory roles by role template id, with their members; a role not listed answers 404 (not activated). */
  roles?: Record<string, StubDirectoryObject[]>;
  /** The directory roles each user (by object id) holds; a user not listed answers 404 (no such user). */
  userRoles?: Record<string, { displayName: string; roleTemplateId: string }[]>;
  skus?: { skuPartNumber: string; capabilityStatus: string }[];
  /** Items per page of a Graph list; the rest follows through `@odata.nextLink`. Default 100. */
  pageSize?: number;
}

export interface MicrosoftScenario {
  /** The app registration the token endpoint accepts; another id or secret is refused (AADSTS700016 / AADSTS7000215). */
  app: { clientId: string; clientSecret: string };
  /** By lower-case domain name. */
  domains: Record<string, StubDomain>;
  /** By tenant id. */
  tenants: Record<string, StubTenant>;
}

export interface StubRequest {
  /** `graph` for `/v1.0/...`, `login` for everything else. */
  service: 'login' | 'graph';
  method: string;
  /** The path with the query, as sent: `/v1.0/subscribedSkus?$select=skuPartNumber,capabilityStatus`. */
  path: string;
  /** Whether an `Authorization: Bearer ...` header came with it. */
  bearer: boolean;
  /** The tenant the bearer token was issued for (Graph calls with a token the stub issued). */
  tenant?: string;
}

export interface MicrosoftStub {
  /** `https://127.0.0.1:PORT`, for MICROSOFT_LOGIN_URL. */
  readonly loginUrl: string;
  /** `https://127.0.0.1:PORT`, for MICROSOFT_GRAPH_URL. */
  readonly graphUrl: string;
  /** What the stub answers; change it at any time. */
  readonly scenario: MicrosoftScenario;
  /** Every request, in arrival order. */
  readonly requests: StubRequest[];
  /** Requests of one service, optionally only those whose path starts with `prefix`. */
  requestsTo(service: 'login' | 'graph', prefix?: string): StubRequest[];
  /** Forgets the recorded requests, the tokens issued, and every domain and tenant (the app stays). */
  reset(): void;
  /** Ends every open request (the hanging ones too) and stops the server. */
  close(): Promise<void>;
}

export const STUB_APP = { clientId: '8d5e0c2a-3f4b-4d6e-9a1b-2c3d4e5f6a7b', clientSecret: 'stub-secret-Q8~never-log-me' } as const;

const SELF_CHECK_PATH = '/__stub/ready';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Starts the stub on a random loopback port; close it in afterAll. */
export async function startMicrosoftStub(scenario: Partial<MicrosoftScenario> = {}): Promise<MicrosoftStub> {
  const folder = process.env.TEST_MICROSOFT_TLS_DIR;
  if (!folder) {
    throw new Error('startMicrosoftStub(): TEST_MICROSOFT_TLS_DIR is not set: run the tests through jest, whose globalSetup (test/microsoftCaSetup.mjs) makes the certificates');
  }
  const state: MicrosoftScenario = { app: { ...STUB_APP }, domains: {}, tenants: {}, ...scenario };
  const requests: StubRequest[] = [];
  /** access token -> tenant id */
  const tokens = new Map<string, string>();
  let base = '';

  const server: Server = createServer(
    { key: readFileSync(join(folder, 'server.key')), cert: readFileSync(join(folder, 'server.pem')) },
    (request, response) => {
      void handle(request, response).catch((error: unknown) => {
        if (!response.headersSent) json(response, 500, { error: 'stub_failure', error_description: String(error) });
      });
    },
  );

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const raw = request.url ?? '/';
    const url = new URL(raw, 'https://stub.invalid');
    if (url.pathname === SELF_CHECK_PATH) return json(response, 200, { ready: true });
    const authorization = request.headers.authorization ?? '';
    const bearer = /^Bearer \S+/i.test(authorization);
    const token = bearer ? authorization.slice('Bearer '.length).trim() : undefined;
    const body = await readBody(request);
    const service = url.pathname.startsWith('/v1.0/') ? 'graph' : 'login';
    const tenant = token ? tokens.get(token) : undefined;
    requests.push({ service, method: request.method ?? 'GET', path: raw, bearer, ...(tenant ? { tenant } : {}) });
    if (service === 'graph') return graph(url, request.method ?? 'GET', tenant, response);
    return login(url, request.method ?? 'GET', body, response);
  }

  function login(url: URL, method: string, body: string, response: ServerResponse): void {
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    // GET /common/userrealm/{address}?api-version=2.1
    if (method === 'GET' && parts.length === 3 && parts[0] === 'common' && parts[1] === 'userrealm') {
      const address = parts[2]!;
      const domainName = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
      return realm(address, domainName, response);
    }
    // GET /{tenant or domain}/v2.0/.well-known/openid-configuration
    if (method === 'GET' && parts.length === 4 && parts[1] === 'v2.0' && parts[2] === '.well-known' && parts[3] === 'openid-configuration') {
      return openIdConfiguration(parts[0]!.toLowerCase(), response);
    }
    // POST /{tenant}/oauth2/v2.0/token
    if (method === 'POST' && parts.length === 4 && parts[1] === 'oauth2' && parts[2] === 'v2.0' && parts[3] === 'token') {
      return tokenEndpoint(parts[0]!.toLowerCase(), new URLSearchParams(body), response);
    }
    json(response, 404, { error: 'not_found', error_description: `The stub does not serve ${method} ${url.pathname}` });
  }

  function realm(address: string, domainName: string, response: ServerResponse): void {
    const domain = state.domains[domainName];
    const behaviour = domain?.realm ?? 'unknown';
    if (fails(behaviour, response)) return;
    const common = { Login: address, DomainName: domainName, TenantBrandingInfo: null, cloud_instance_name: 'microsoftonline.com' };
    const brand = domain?.brand ?? domainName;
    switch (behaviour) {
      case 'unknown':
        return json(response, 200, { NameSpaceType: 'Unknown', ...common });
      case 'viral':
        return json(response, 200, { NameSpaceType: 'Managed', ...common, FederationBrandName: brand, IsViral: true });
      case 'managed':
        return json(response, 200, { NameSpaceType: 'Managed', ...common, FederationBrandName: brand });
      case 'federated':
        return json(response, 200, {
          NameSpaceType: 'Federated',
          federation_protocol: 'WSTrust',
          ...common,
          AuthURL: `https://sts.${domainName}/adfs/ls/?username=${encodeURIComponent(address)}&wa=wsignin1.0`,
          FederationBrandName: brand,
        });
      default:
        // 'strange': JSON the bot cannot read as any of Microsoft's answers.
        return json(response, 200, { NameSpaceType: 'Hybrid', ...common });
    }
  }

  function tenantNamed(segment: string): string | undefined {
    if (GUID.test(segment) && (state.tenants[segment] || Object.values(state.domains).some((domain) => domain.tenantId === segment))) return segment;
    return state.domains[segment]?.tenantId;
  }

  function openIdConfiguration(segment: string, response: ServerResponse): void {
    const failure = state.domains[segment]?.openId;
    if (failure && fails(failure, response)) return;
    const tenantId = tenantNamed(segment);
    if (!tenantId) return aadError(response, 400, 'invalid_tenant', 90002, `Tenant '${segment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
    json(response, 200, {
      token_endpoint: `${base}/${tenantId}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${base}/${tenantId}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: `${base}/${tenantId}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: 'https://graph.microsoft.com/oidc/userinfo',
      authorization_endpoint: `${base}/${tenantId}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/${tenantId}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/${tenantId}/oauth2/v2.0/logout`,
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'at_hash', 'c_hash', 'email'],
      kerberos_endpoint: `${base}/${tenantId}/kerberos`,
      tenant_region_scope: 'EU',
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: 'graph.microsoft.com',
      rbac_url: 'https://pas.windows.net',
    });
  }

  function tokenEndpoint(segment: string, form: URLSearchParams, response: ServerResponse): void {
    const tenantId = tenantNamed(segment);
    if (!tenantId) return aadError(response, 400, 'invalid_request', 90002, `Tenant '${segment}' not found.`);
    const tenant = state.tenants[tenantId] ?? {};
    if (tenant.token && fails(tenant.token, response)) return;
    if (form.get('grant_type') !== 'client_credentials') return aadError(response, 400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.');
    const clientId = form.get('client_id') ?? '';
    if (clientId !== state.app.clientId || tenant.consent === false) {
      return aadError(response, 400, 'unauthorized_client', 700016,
        `Application with identifier '${clientId}' was not found in the directory '${tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`);
    }
    if (form.get('client_secret') !== state.app.clientSecret) {
      return aadError(response, 401, 'invalid_client', 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`);
    }
    const accessToken = `stub-access-token.${tenantId}.${randomUUID()}`;
    tokens.set(accessToken, tenantId);
    json(response, 200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: accessToken });
  }

  function graph(url: URL, method: string, tenantId: string | undefined, response: ServerResponse): void {
    if (!tenantId) return graphError(response, 401, 'InvalidAuthenticationToken', 'Access token is empty.');
    const tenant = state.tenants[tenantId] ?? {};
    if (tenant.graph === 'forbidden') return graphError(response, 403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    if (tenant.graph && fails(tenant.graph, response, 'graph')) return;
    if (method !== 'GET') return graphError(response, 405, 'Request_BadRequest', 'The stub serves GET only.');
    const path = decodeURIComponent(url.pathname);
    const roleMembers = /^\/v1\.0\/directoryRoles\(roleTemplateId='([^']+)'\)\/members$/.exec(path);
    if (roleMembers) {
      const members = tenant.roles?.[roleMembers[1]!];
      if (!members) return graphError(response, 404, 'Request_ResourceNotFound', `Resource '${roleMembers[1]}' does not exist or one of its queried reference-property objects are not present.`);
      const users = members.map((member) => ({ '@odata.type': '#microsoft.graph.user', ...member }));
      return list(url, '$metadata#directoryObjects', users, tenant, response);
    }
    const userRoles = /^\/v1\.0\/users\/([^/]+)\/transitiveMemberOf\/microsoft\.graph\.directoryRole$/.exec(path);
    if (userRoles) {
      const roles = tenant.userRoles?.[userRoles[1]!];
      if (!roles) return graphError(response, 404, 'Request_ResourceNotFound', `Resource '${userRoles[1]}' does not exist or one of its queried reference-property objects are not present.`);
      const items = roles.map((role, index) => ({ '@odata.type': '#microsoft.graph.directoryRole', id: `role-${index}`, description: '', ...role }));
      return list(url, '$metadata#directoryRoles', items, tenant, response);
    }
    if (path === '/v1.0/subscribedSkus') {
      const skus = (tenant.skus ?? []).map((sku, index) => ({ id: `${tenantId}_sku-${index}`, skuId: randomUUID(), appliesTo: 'User', ...sku }));
      return list(url, '$metadata#subscribedSkus', skus, tenant, response);
    }
    graphError(response, 400, 'BadRequest', `Resource not found for the segment '${path}'.`);
  }

  /** A Graph collection, `$select`ed, in pages of `pageSize` linked by `@odata.nextLink` with an opaque `$skiptoken`. */
  function list(url: URL, context: string, items: Record<string, unknown>[], tenant: StubTenant, response: ServerResponse): void {
    const select = url.searchParams.get('$select')?.split(',').filter(Boolean);
    const skipToken = url.searchParams.get('$skiptoken');
    const offset = skipToken ? Number(JSON.parse(Buffer.from(skipToken, 'base64').toString('utf8')).offset) : 0;
    const pageSize = tenant.pageSize ?? 100;
    const page = items.slice(offset, offset + pageSize).map((item) => (select ? project(item, select) : item));
    const answer: Record<string, unknown> = { '@odata.context': `${base}/v1.0/${context}`, value: page };
    if (offset + pageSize < items.length) {
      // As Graph writes it: the query as asked (`$select=a,b`), then an opaque token that needs escaping ('+', '/', '=').
      const query = url.search.slice(1).split('&').filter((part) => part && !part.startsWith('$skiptoken=') && !part.startsWith('%24skiptoken='));
      const token = encodeURIComponent(Buffer.from(JSON.stringify({ offset: offset + pageSize, pad: '>?>' })).toString('base64'));
      answer['@odata.nextLink'] = `${base}${url.pathname}?${[...query, `$skiptoken=${token}`].join('&')}`;
    }
    json(response, 200, answer);
  }

  function fails(behaviour: string, response: ServerResponse, service: 'login' | 'graph' = 'login'): boolean {
    switch (behaviour) {
      case 'error500':
        if (service === 'graph') graphError(response, 500, 'UnknownError', '');
        else aadError(response, 500, 'server_error', 90033, 'A transient error has occurred. Please try again.');
        return true;
      case 'hang':
        // Never answered; close() ends it.
        return true;
      case 'badJson':
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end('<!DOCTYPE html><html><head><title>Sign in to your account</title></head><body>Service unavailable</body></html>');
        return true;
      default:
        return false;
    }
  }

  function aadError(response: ServerResponse, status: number, error: string, code: number, description: string): void {
    const traceId = randomUUID();
    const correlationId = randomUUID();
    json(response, status, {
      error,
      error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${new Date().toISOString().replace('T', ' ').slice(0, 19)}Z`,
      error_codes: [code],
      timestamp: new Date().toISOString().replace('T', ' ').slice(0, 19) + 'Z',
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `${base}/error?code=${code}`,
    });
  }

  function graphError(response: ServerResponse, status: number, code: string, message: string): void {
    json(response, status, { error: { code, message, innerError: { date: new Date().toISOString().slice(0, 19), 'request-id': randomUUID(), 'client-request-id': randomUUID() } } });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.removeListener('error', reject);
      resolve();
    });
  });
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  };
  await selfCheck(base).catch(async (error: unknown) => {
    await close();
    throw error;
  });

  return {
    loginUrl: base,
    graphUrl: base,
    scenario: state,
    requests,
    requestsTo: (service, prefix = '') => requests.filter((request) => request.service === service && request.path.startsWith(prefix)),
    reset() {
      requests.length = 0;
      tokens.clear();
      state.domains = {};
      state.tenants = {};
    },
    close,
  };
}

/** Fails clearly when this process does not trust the test CA (Node reads NODE_EXTRA_CA_CERTS only at start-up). */
async function selfCheck(base: string): Promise<void> {
  try {
    const response = await fetch(`${base}${SELF_CHECK_PATH}`, { signal: AbortSignal.timeout(5000) });
    await response.arrayBuffer();
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(
      `startMicrosoftStub(): this process does not trust the stub's certificate (${cause?.code ?? cause?.message ?? String(error)}). ` +
        'Node reads NODE_EXTRA_CA_CERTS only when it starts, so the tests must run in a process started after jest\'s globalSetup ' +
        '(test/microsoftCaSetup.mjs): do not pass --runInBand / -i, and not --detectOpenHandles, which runs them there too.',
    );
  }
}

function json(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

function project(item: Record<string, unknown>, select: string[]): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  if (item['@odata.type'] !== undefined) kept['@odata.type'] = item['@odata.type'];
  for (const name of select) kept[name] = item[name] ?? null;
  return kept;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

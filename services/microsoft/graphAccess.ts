/**
 * Microsoft Graph with application permissions, per tenant: a token by client credentials (msal-node, one
 * ConfidentialClientApplication per tenant, which caches its tokens) and GET calls on Graph collections, following
 * `@odata.nextLink`.
 * @remarks msal-node is told that MICROSOFT_LOGIN_URL's host is a known authority, so it skips instance discovery
 * and asks that host only (the tenant's OpenID configuration, then the token endpoint). Graph is asked through
 * MICROSOFT_GRAPH_URL, listed in the client's `customHosts` (without that the client sends no Authorization
 * header to a host other than graph.microsoft.com). No retries: a failure is answered at once (the caller falls
 * back to what the directory knows) and remembered for a while by the caller. Every request has a timeout.
 * Nothing logged or returned holds a secret or a token: problems are status codes and error codes only.
 */
import {
  AuthError,
  ConfidentialClientApplication,
  InteractionRequiredAuthError,
  ServerError,
  type INetworkModule,
  type NetworkRequestOptions,
  type NetworkResponse,
} from '@azure/msal-node';
import { AuthenticationHandler, Client, GraphError, HTTPMessageHandler, TelemetryHandler } from '@microsoft/microsoft-graph-client';
import { aadstsCode, networkProblem, type Problem } from './publicEndpoints.js';

export interface GraphSettings {
  /** `https://login.microsoftonline.com`, no trailing slash. */
  loginUrl: string;
  /** `https://graph.microsoft.com`, no trailing slash. */
  graphUrl: string;
  clientId: string;
  clientSecret: string;
  /** Per request (the OpenID configuration, the token, each Graph page). */
  timeoutMs: number;
  /** Tenants whose token cache is kept; past this the least recently added is dropped. */
  maxTenants?: number;
}

export type GraphRead<T> = { ok: true; value: T } | { ok: false; why: 'noConsent' | 'unreachable'; problem: Problem };

/** The Graph calls of one look-up in one tenant. */
export interface GraphCalls {
  /**
   * Every item of a Graph collection (`path` from after the version: `/directoryRoles(...)/members?$select=...`),
   * following `@odata.nextLink`. `notFound: 'empty'` answers [] to a 404 (a role not activated, a user not in the tenant).
   */
  list<T>(path: string, options?: { notFound?: 'empty' }): Promise<GraphRead<T[]>>;
}

/** A Graph collection's answer: `value`, and `@odata.nextLink` while more pages follow. */
interface GraphPage<T> {
  value?: T[];
  '@odata.nextLink'?: string;
}

/** More pages than this is not a directory role or a subscription list: stop rather than loop. */
const MAX_PAGES = 50;
/** msal error codes (OAuth `error`) that mean the tenant will not give the app a token: no consent, no such app, wrong secret. */
const REFUSED = new Set(['invalid_client', 'unauthorized_client', 'invalid_grant', 'consent_required', 'interaction_required', 'access_denied', 'invalid_request', 'invalid_scope']);

export class GraphTenants {
  private readonly apps = new Map<string, ConfidentialClientApplication>();
  private readonly pendingTokens = new Map<string, Promise<GraphRead<string>>>();
  private readonly graphHost: string;
  private readonly networkClient: INetworkModule;

  constructor(private readonly settings: GraphSettings) {
    this.graphHost = new URL(settings.graphUrl).hostname;
    this.networkClient = timedNetworkClient(settings.timeoutMs);
  }

  /**
   * Graph for the tenant, once a token was given: msal is asked once per look-up (and two look-ups of one tenant at
   * the same moment share that request), so the calls of one look-up run with one token.
   */
  async calls(tenantId: string): Promise<GraphRead<GraphCalls>> {
    const token = await this.token(tenantId);
    if (!token.ok) return token;
    const client = Client.initWithMiddleware({
      middleware: [new AuthenticationHandler({ getAccessToken: async () => token.value }), new TelemetryHandler(), new HTTPMessageHandler()],
      baseUrl: `${this.settings.graphUrl}/`,
      defaultVersion: 'v1.0',
      customHosts: new Set([this.graphHost]),
    });
    return { ok: true, value: { list: (path, options) => this.list(client, path, options) } };
  }

  private async list<T>(client: Client, path: string, options: { notFound?: 'empty' } = {}): Promise<GraphRead<T[]>> {
    const items: T[] = [];
    let next: string | undefined = path;
    for (let pages = 0; next !== undefined; pages++) {
      if (pages === MAX_PAGES) return { ok: false, why: 'unreachable', problem: `more than ${MAX_PAGES} pages` };
      let page: GraphPage<T>;
      const signal = AbortSignal.timeout(this.settings.timeoutMs);
      try {
        page = (await client.api(next).option('signal', signal).get()) as GraphPage<T>;
      } catch (error) {
        if (options.notFound === 'empty' && error instanceof GraphError && error.statusCode === 404) return { ok: true, value: [] };
        // The Graph client turns a failed fetch into a GraphError without a status, and often without its reason.
        if (signal.aborted) return { ok: false, why: 'unreachable', problem: `Graph: no answer within ${this.settings.timeoutMs} ms` };
        return graphFailure(error, this.settings.timeoutMs);
      }
      if (!page || !Array.isArray(page.value)) return { ok: false, why: 'unreachable', problem: 'a Graph answer without a value list' };
      items.push(...page.value);
      next = page['@odata.nextLink'];
      // The token goes to Graph only: a next link elsewhere is not followed.
      if (next !== undefined && (typeof next !== 'string' || !next.startsWith(`${this.settings.graphUrl}/`))) {
        return { ok: false, why: 'unreachable', problem: 'an @odata.nextLink outside MICROSOFT_GRAPH_URL' };
      }
    }
    return { ok: true, value: items };
  }

  /** An app-only token for Graph in the tenant (msal answers from its cache while the last one is valid). */
  private token(tenantId: string): Promise<GraphRead<string>> {
    let pending = this.pendingTokens.get(tenantId);
    if (!pending) {
      pending = this.acquire(tenantId).finally(() => this.pendingTokens.delete(tenantId));
      this.pendingTokens.set(tenantId, pending);
    }
    return pending;
  }

  private async acquire(tenantId: string): Promise<GraphRead<string>> {
    try {
      const result = await this.app(tenantId).acquireTokenByClientCredential({ scopes: [`${this.settings.graphUrl}/.default`] });
      if (!result?.accessToken) return { ok: false, why: 'unreachable', problem: 'no access token in the token answer' };
      return { ok: true, value: result.accessToken };
    } catch (error) {
      return tokenFailure(error);
    }
  }

  private app(tenantId: string): ConfidentialClientApplication {
    let app = this.apps.get(tenantId);
    if (!app) {
      app = new ConfidentialClientApplication({
        auth: {
          clientId: this.settings.clientId,
          clientSecret: this.settings.clientSecret,
          authority: `${this.settings.loginUrl}/${tenantId}`,
          knownAuthorities: [new URL(this.settings.loginUrl).host],
        },
        system: { networkClient: this.networkClient },
      });
      this.apps.set(tenantId, app);
      while (this.apps.size > (this.settings.maxTenants ?? 500)) this.apps.delete(this.apps.keys().next().value as string);
    }
    return app;
  }
}

/** Why msal gave no token: refused by the tenant (no consent, unknown app, bad secret) or Microsoft not reachable. */
export function tokenFailure(error: unknown): GraphRead<never> {
  const failure = error as { errorCode?: string; errorNo?: string | number; status?: number; errorMessage?: string };
  if (failure?.errorCode === NETWORK_ERROR) {
    const mine = failure.errorMessage && !failure.errorMessage.startsWith('See ') ? failure.errorMessage : 'network error';
    return { ok: false, why: 'unreachable', problem: `token: ${mine}` };
  }
  const code = failure?.errorNo !== undefined && failure.errorNo !== '' ? ` (AADSTS${failure.errorNo})` : aadstsCode(failure?.errorMessage ?? '');
  const status = typeof failure?.status === 'number' ? `HTTP ${failure.status} ` : '';
  const problem = `token: ${status}${failure?.errorCode || 'error'}${code}`;
  const refusedStatus = typeof failure?.status === 'number' && failure.status >= 400 && failure.status < 500 && failure.status !== 429;
  const refused = error instanceof ServerError && (refusedStatus || (failure.status === undefined && REFUSED.has(failure.errorCode ?? '')));
  if (refused || error instanceof InteractionRequiredAuthError) return { ok: false, why: 'noConsent', problem };
  return { ok: false, why: 'unreachable', problem };
}

const NETWORK_ERROR = 'network_error';

/**
 * A request of msal's that failed (timeout, network, not JSON), as an AuthError `network_error` with the problem as
 * its message: msal passes an AuthError on as it is (any other error becomes a `network_error` without the reason).
 */
function networkFailure(problem: Problem): AuthError {
  return new AuthError(NETWORK_ERROR, '', problem);
}

/** Why Graph gave no answer: 401/403 (no consent, or consent without the permission), or unreachable. */
export function graphFailure(error: unknown, timeoutMs: number): GraphRead<never> {
  if (error instanceof GraphError && error.statusCode > 0) {
    const problem = `Graph: HTTP ${error.statusCode} ${error.code ?? ''}`.trim();
    if (error.statusCode === 401 || error.statusCode === 403) return { ok: false, why: 'noConsent', problem };
    return { ok: false, why: 'unreachable', problem };
  }
  // No status: the request itself failed; the GraphError keeps the cause's name as its code when it can.
  const problem = error instanceof GraphError ? `network error: ${(error.code || 'the request failed').slice(0, 120)}` : networkProblem(error, timeoutMs);
  return { ok: false, why: 'unreachable', problem: `Graph: ${problem}` };
}

/**
 * msal's network client: fetch, as msal-node's own, but with a timeout on every request (msal-node has none on
 * POST) and no redirects. A body that is not JSON fails the request.
 */
function timedNetworkClient(timeoutMs: number): INetworkModule {
  const send = async <T>(url: string, method: 'GET' | 'POST', options?: NetworkRequestOptions): Promise<NetworkResponse<T>> => {
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method,
        headers: options?.headers,
        ...(method === 'POST' ? { body: options?.body ?? '' } : {}),
        redirect: 'error',
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw networkFailure(networkProblem(error, timeoutMs));
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key] = value;
    });
    let body: T;
    try {
      body = JSON.parse(text) as T;
    } catch {
      throw networkFailure(`HTTP ${response.status} with a body that is not JSON`);
    }
    return { headers, body, status: response.status };
  };
  return {
    sendGetRequestAsync: <T>(url: string, options?: NetworkRequestOptions) => send<T>(url, 'GET', options),
    sendPostRequestAsync: <T>(url: string, options?: NetworkRequestOptions) => send<T>(url, 'POST', options),
  };
}

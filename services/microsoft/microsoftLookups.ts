/**
 * MicrosoftLookups asking Microsoft itself (MICROSOFT_LOOKUPS=on): the realm endpoint and OpenID configuration
 * (anonymous) and Microsoft Graph (the bot's app registration, in each tenant that granted it admin consent).
 * @remarks Every answer is kept for `cacheSeconds` (per domain, per tenant), so that a busy chat does not ask
 * Microsoft at every message; a failure (unreachable, no consent) is kept for `failureCacheSeconds` (30 s), so that
 * an outage does not add a timeout to every message either, while a tenant that just granted consent is asked
 * again soon. Each failure that was really asked is logged once (a kept failure is not logged again), with the
 * problem in a few words: never a secret, a token, or a response body.
 */
import type { Answer, DomainAtMicrosoft, FreshOption, GraphNoAnswer, HeldRole, MicrosoftLookups, RoleHolder } from '../ports/microsoft.js';
import { AnswerCache, type Kept } from './answerCache.js';
import { GraphTenants, type GraphCalls, type GraphRead } from './graphAccess.js';
import { askRealm, askTenant, domainName, isGuid, type Read } from './publicEndpoints.js';

/** The one method of a pino logger the lookups use (`logger.warn({ details }, 'message')`). */
export interface LookupLogger {
  warn(details: Record<string, unknown>, message: string): void;
}

export interface MicrosoftLookupsOptions {
  /** MICROSOFT_LOGIN_URL: https, no trailing slash. */
  loginUrl: string;
  /** MICROSOFT_GRAPH_URL: https, no trailing slash. */
  graphUrl: string;
  /** The Graph app registration (GRAPH_CLIENT_ID / GRAPH_CLIENT_SECRET); without both, Graph answers notConfigured. */
  clientId?: string;
  clientSecret?: string;
  /** Per request to Microsoft; default 3000. */
  timeoutMs?: number;
  /** How long an answer is kept; default 300, 0 keeps nothing. */
  cacheSeconds?: number;
  /** How long a failure is kept; default 30 (at most cacheSeconds). */
  failureCacheSeconds?: number;
  logger: LookupLogger;
}

export const DEFAULT_TIMEOUT_MS = 3000;
export const DEFAULT_CACHE_SECONDS = 300;
export const DEFAULT_FAILURE_CACHE_SECONDS = 30;

/** Directory role members are users, groups (role-assignable) or service principals; people are the users. */
interface GraphMember {
  '@odata.type'?: string;
  id?: string;
  displayName?: string | null;
  mail?: string | null;
  userPrincipalName?: string | null;
}

interface GraphRole {
  displayName?: string | null;
  roleTemplateId?: string | null;
}

interface GraphSku {
  skuPartNumber?: string | null;
  capabilityStatus?: string | null;
}

const UNREACHABLE = { answered: false, why: { kind: 'unreachable' } } as const;

export class MicrosoftLookupsClient implements MicrosoftLookups {
  private readonly loginUrl: string;
  private readonly graphUrl: string;
  private readonly timeoutMs: number;
  private readonly keepMs: number;
  private readonly keepFailureMs: number;
  private readonly cache = new AnswerCache();
  private readonly graph: GraphTenants | undefined;
  private readonly logger: LookupLogger;
  private readonly clientId: string | undefined;

  constructor(options: MicrosoftLookupsOptions) {
    this.loginUrl = options.loginUrl.replace(/\/+$/, '');
    this.graphUrl = options.graphUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.keepMs = (options.cacheSeconds ?? DEFAULT_CACHE_SECONDS) * 1000;
    this.keepFailureMs = Math.min(this.keepMs, (options.failureCacheSeconds ?? DEFAULT_FAILURE_CACHE_SECONDS) * 1000);
    this.logger = options.logger;
    this.clientId = options.clientId || undefined;
    this.graph =
      options.clientId && options.clientSecret
        ? new GraphTenants({ loginUrl: this.loginUrl, graphUrl: this.graphUrl, clientId: options.clientId, clientSecret: options.clientSecret, timeoutMs: this.timeoutMs })
        : undefined;
  }

  domain(domain: string, options: FreshOption = {}): Promise<Answer<DomainAtMicrosoft>> {
    const name = domainName(domain);
    if (!name) return Promise.resolve({ answered: true, value: { kind: 'unknown' } });
    return this.cache.get(`realm:${name}`, async () => this.publicAnswer(await askRealm(name, this.endpoints()), 'realm', { domain: name }), options.fresh);
  }

  tenantOf(domain: string, options: FreshOption = {}): Promise<Answer<string | undefined>> {
    const name = domainName(domain);
    if (!name) return Promise.resolve({ answered: true, value: undefined });
    return this.cache.get(`tenant:${name}`, async () => this.publicAnswer(await askTenant(name, this.endpoints()), 'tenant', { domain: name }), options.fresh);
  }

  roleHolders(tenantId: string, roleTemplateIds: readonly string[]): Promise<Answer<ReadonlyMap<string, RoleHolder[]>, GraphNoAnswer>> {
    // A role template id is a GUID in every tenant: anything else is a role nobody holds.
    const asked = [...new Set(roleTemplateIds.map((id) => id.toLowerCase()))].filter(isGuid).sort();
    const everyone = (found: ReadonlyMap<string, RoleHolder[]>) => new Map(roleTemplateIds.map((id) => [id, found.get(id.toLowerCase()) ?? []]));
    return this.graphLookup('roleHolders', tenantId, `roles:${asked.join(',')}`, async (graph) => {
      const lists = await Promise.all(
        asked.map((id) => graph.list<GraphMember>(`/directoryRoles(roleTemplateId='${id}')/members?$select=id,displayName,mail,userPrincipalName`, { notFound: 'empty' })),
      );
      const failed = lists.find((list) => !list.ok);
      if (failed && !failed.ok) return failed;
      const found = new Map(asked.map((id, index) => [id, holders((lists[index] as { value: GraphMember[] }).value)]));
      return { ok: true, value: found };
    }).then((answer) => (answer.answered ? { answered: true, value: everyone(answer.value) } : answer));
  }

  rolesOf(tenantId: string, userObjectId: string): Promise<Answer<HeldRole[], GraphNoAnswer>> {
    // An Entra object id is a GUID: anything else is no user of the tenant, who holds no role.
    if (this.graph && isGuid(tenantId) && !isGuid(userObjectId)) return Promise.resolve({ answered: true, value: [] });
    const user = userObjectId.toLowerCase();
    return this.graphLookup('rolesOf', tenantId, `rolesOf:${user}`, async (graph) => {
      const roles = await graph.list<GraphRole>(`/users/${user}/transitiveMemberOf/microsoft.graph.directoryRole?$select=displayName,roleTemplateId`, { notFound: 'empty' });
      if (!roles.ok) return roles;
      const held = roles.value.flatMap((role) => (role.roleTemplateId ? [{ displayName: role.displayName ?? '', roleTemplateId: role.roleTemplateId.toLowerCase() }] : []));
      return { ok: true, value: held };
    });
  }

  subscribedSkus(tenantId: string): Promise<Answer<string[], GraphNoAnswer>> {
    return this.graphLookup('subscribedSkus', tenantId, 'skus', async (graph) => {
      const skus = await graph.list<GraphSku>('/subscribedSkus?$select=skuPartNumber,capabilityStatus');
      if (!skus.ok) return skus;
      const enabled = skus.value.flatMap((sku) => (sku.capabilityStatus === 'Enabled' && sku.skuPartNumber ? [sku.skuPartNumber] : []));
      return { ok: true, value: [...new Set(enabled)] };
    });
  }

  consentUrl(tenantId: string): string | undefined {
    if (!this.clientId) return undefined;
    return `${this.loginUrl}/${encodeURIComponent(tenantId)}/adminconsent?client_id=${encodeURIComponent(this.clientId)}`;
  }

  private endpoints() {
    return { loginUrl: this.loginUrl, timeoutMs: this.timeoutMs };
  }

  private publicAnswer<T>(read: Read<T>, lookup: string, details: Record<string, unknown>): Kept<Answer<T>> {
    if (read.ok) return { value: { answered: true, value: read.value }, keepMs: this.keepMs };
    this.logger.warn({ lookup, ...details, problem: read.problem }, `Microsoft did not answer the ${lookup} look-up; answering without it`);
    return { value: UNREACHABLE, keepMs: this.keepFailureMs };
  }

  /** A Graph look-up in a tenant: not configured and invalid tenant ids ask nothing; answers and failures are kept. */
  private graphLookup<T>(lookup: string, tenantId: string, key: string, ask: (graph: GraphCalls) => Promise<GraphRead<T>>): Promise<Answer<T, GraphNoAnswer>> {
    if (!this.graph) return Promise.resolve({ answered: false, why: { kind: 'notConfigured' } });
    const graph = this.graph;
    const tenant = tenantId.trim().toLowerCase();
    if (!isGuid(tenant)) {
      this.logger.warn({ lookup, problem: 'the tenant id is not a GUID' }, `the ${lookup} look-up was not sent to Microsoft`);
      return Promise.resolve(UNREACHABLE);
    }
    return this.cache.get(`graph:${tenant}:${key}`, async (): Promise<Kept<Answer<T, GraphNoAnswer>>> => {
      const calls = await graph.calls(tenant);
      const read = calls.ok ? await ask(calls.value) : calls;
      if (read.ok) return { value: { answered: true, value: read.value }, keepMs: this.keepMs };
      this.logger.warn({ lookup, tenantId: tenant, answer: read.why, problem: read.problem }, `Microsoft Graph did not answer the ${lookup} look-up; answering without it`);
      return { value: { answered: false, why: { kind: read.why } }, keepMs: this.keepFailureMs };
    });
  }
}

/** The people among a role's members: users (groups and service principals that hold the role are left out). */
function holders(members: GraphMember[]): RoleHolder[] {
  return members.flatMap((member) => {
    const type = member['@odata.type'];
    if (!member.id || (type !== undefined && type !== '#microsoft.graph.user')) return [];
    const email = member.mail || member.userPrincipalName || undefined;
    return [{ id: member.id, ...(member.displayName ? { displayName: member.displayName } : {}), ...(email ? { email } : {}) }];
  });
}

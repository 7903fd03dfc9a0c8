/**
 * The Teams tab's API, served next to the bot: the caller's organization settings (read by its members,
 * changed by its admins, with whether the organization let the bot read its admins from Microsoft) and its
 * helpdesk figures (admins only).
 * @remarks Every answer is JSON. Client mistakes are 4xx with `{ error, message }` (a settings change that
 * does not validate also lists its `problems`, field by field); a failure on our side is 500 without details,
 * which go to the log. Who the caller is comes from the token alone (bot/tabAuth.ts): never from the body. An
 * organization is reached only from its own tenant: one without a tenant id is bound to the tenant of the first
 * verified token that reaches it by its domain (services/organizations/tenantBinding.ts).
 */
import type { IncomingMessage } from 'node:http';
import type { Request, Response, Server } from 'restify';
import { isRecordedAdmin } from '../../services/organizations/adminAnswer.js';
import type { Directory } from '../../services/ports/directory.js';
import type { MicrosoftLookups } from '../../services/ports/microsoft.js';
import { emailDomain } from '../../services/signup/emailAddress.js';
import type { Figures } from '../../services/tickets/figures.js';
import type { Organization } from '../../services/models/organization.js';
import { applySettingsChange, parseSettingsChange, settingsOf, type SettingsProblem } from '../../services/organizations/organizationSettings.js';
import type { Ticket } from '../../services/models/ticket.js';
import type { TicketService } from '../../services/tickets/ticketService.js';
import type { Config } from '../app/config.js';
import type { Logger } from '../app/logger.js';
import { createTabAuthenticator, type TabIdentity } from './tabAuth.js';
import { problem, type HttpReply } from './httpReply.js';
import { readLimitedBody } from './requestBody.js';
import { isStoreUnavailable } from '../../services/ports/storeUnavailable.js';
import { bindToTenant } from '../../services/organizations/tenantBinding.js';

export interface TabApiDeps {
  directory: Directory;
  /** Asked whether the caller's tenant granted the bot's app admin consent (docs/facts.md section 10). */
  microsoft: MicrosoftLookups;
  tickets: TicketService;
  config: Readonly<Config>;
  logger: Logger;
}

/** A settings change is a few short fields; anything near this size is not one. */
export const MAX_SETTINGS_BYTES = 16 * 1024;

/**
 * Whether the caller's organization granted the bot's app admin consent, so that "who is my admin?" names its
 * admins from Microsoft: `granted` (Microsoft Graph answers for the tenant), `notGranted` (with where its admin
 * grants it), `unknown` (Microsoft could not be asked: look-ups off, unreachable, no Graph app, no tenant).
 */
export type MicrosoftConsent = { microsoftConsent: 'granted' | 'unknown' } | { microsoftConsent: 'notGranted'; consentUrl?: string };

/** GET /api/stats: the figures, the tickets still in the helpdesk's hands (no question, no transcript), and takeovers in progress. */
export interface TabStats extends Figures {
  openTickets: { id: string; status: Ticket['status']; createdAt: string }[];
  pendingTakeovers: number;
}

type Handler = (req: Request, identity: TabIdentity) => Promise<HttpReply>;

const unknownOrganization = () =>
  problem(404, 'unknown_organization', 'Your organization is not in the helpdesk directory yet. Ask the helpdesk to add it.');

export function registerTabApi(server: Server, deps: TabApiDeps): void {
  const { directory, tickets, logger } = deps;
  const auth = createTabAuthenticator(deps.config, logger);

  /** Authenticates, runs the handler, and turns anything it throws into a 500 without details (503 when the store is away). */
  const route =
    (name: string, handler: Handler) =>
    async (req: Request, res: Response): Promise<void> => {
      let reply: HttpReply;
      try {
        const caller = await auth.authenticate(req);
        reply = caller.ok
          ? await handler(req, caller.identity)
          : { status: caller.status, body: { error: caller.error, message: caller.message }, headers: caller.status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {} };
      } catch (error) {
        if (isStoreUnavailable(error)) {
          // Not our bug and not the caller's: the database is away for a moment, so the tab may simply retry.
          logger.warn({ err: error, route: name }, 'tab API: the store is not reachable');
          reply = { ...problem(503, 'store_unavailable', 'The helpdesk cannot reach its records right now. Try again in a moment.'), headers: { 'Retry-After': '5' } };
        } else {
          logger.error({ err: error, route: name }, 'tab API: request failed');
          reply = problem(500, 'internal_error', 'The request could not be completed.');
        }
      }
      res.header('Cache-Control', 'no-store');
      for (const [header, value] of Object.entries(reply.headers ?? {})) res.header(header, value);
      res.send(reply.status, reply.body);
    };

  server.get('/api/settings', route('GET /api/settings', async (_req, identity) => {
    const organization = await callerOrganization(deps, identity);
    if (!organization) return unknownOrganization();
    return { status: 200, body: { ...settingsOf(organization, isAdmin(organization, identity)), ...(await consentOf(deps.microsoft, identity)) } };
  }));

  server.put('/api/settings', route('PUT /api/settings', async (req, identity) => {
    const found = await callerOrganization(deps, identity);
    if (!found) return unknownOrganization();
    if (!isAdmin(found, identity)) return notAdmin(found);
    const body = await readJsonBody(req, MAX_SETTINGS_BYTES);
    if ('status' in body) return body;
    const parsed = parseSettingsChange(body.json);
    if (!parsed.ok) return invalidSettings(parsed.problems);

    const actor = actorOf(identity);
    const saved = await directory.transaction(async (tx) => {
      // Read again inside the transaction: the admin check and the change see the same organization.
      const current = await tx.findById(found.id);
      if (!current || !isAdmin(current, identity)) return undefined;
      const { organization, changed } = applySettingsChange(current, parsed.change);
      if (changed.length > 0) await tx.saveOrganization(organization);
      await tx.audit({
        at: new Date().toISOString(),
        actor,
        action: 'settings.update',
        subject: organization.domains[0] ?? organization.id,
        outcome: changed.length > 0 ? changed.join(',') : 'unchanged',
      });
      return { organization, changed };
    });
    if (!saved) return notAdmin(found);
    logger.info({ orgId: found.id, actor, changed: saved.changed }, 'tab API: settings updated');
    return { status: 200, body: { ...settingsOf(saved.organization, true), ...(await consentOf(deps.microsoft, identity)) } };
  }));

  server.get('/api/stats', route('GET /api/stats', async (req, identity) => {
    const since = sinceOf(req);
    if (since instanceof Error) return problem(400, 'invalid_since', since.message);
    const organization = await callerOrganization(deps, identity);
    if (!organization) return unknownOrganization();
    if (!isAdmin(organization, identity)) return notAdmin(organization);
    const pendingTakeovers = (await directory.openTakeovers()).filter((request) => request.orgId === organization.id).length;
    const figures = await tickets.figuresFor(organization.id, pendingTakeovers, since);
    const open = await tickets.openTicketsOf(organization.id);
    const stats: TabStats = {
      ...figures,
      openTickets: open.map(({ id, status, createdAt }) => ({ id, status, createdAt })),
      pendingTakeovers,
    };
    return { status: 200, body: stats };
  }));
}

/**
 * The caller's organization: by the token's tenant, else by the sign-in address's domain, bound to the token's
 * tenant on this first verified use (tenantBinding.ts).
 * @remarks The tenant is what Entra ID vouched for; `preferred_username` is not: two tenants can issue the same
 * one. So an organization found by domain that is tied to another tenant is not the caller's (the domain may also
 * have moved between tenants), and one tied to none is tied to the caller's now, unless Microsoft shows the domain
 * in another tenant. The local-mode development identity binds nothing: it is no verified use.
 */
async function callerOrganization(deps: Pick<TabApiDeps, 'directory' | 'microsoft'>, identity: TabIdentity): Promise<Organization | undefined> {
  const { directory } = deps;
  if (identity.tenantId) {
    const byTenant = await directory.findByTenantId(identity.tenantId);
    if (byTenant) return byTenant;
  }
  const domain = emailDomain(identity.email);
  const byDomain = domain ? await directory.findByDomain(domain) : undefined;
  if (!byDomain || !domain) return undefined;
  if (identity.development || !identity.tenantId) {
    return byDomain.tenantId && identity.tenantId && byDomain.tenantId !== identity.tenantId ? undefined : byDomain;
  }
  return bindToTenant(directory, deps.microsoft, byDomain, domain, { tenantId: identity.tenantId, actor: actorOf(identity) }, new Date());
}

/**
 * Asks Microsoft Graph for the tenant's subscriptions (a look-up the bot makes anyway, kept for a few minutes): an
 * answer means consent is granted. The tenant is the one the token vouches for, never one the caller names.
 */
async function consentOf(microsoft: MicrosoftLookups, identity: TabIdentity): Promise<MicrosoftConsent> {
  if (!identity.tenantId) return { microsoftConsent: 'unknown' };
  const skus = await microsoft.subscribedSkus(identity.tenantId);
  if (skus.answered) return { microsoftConsent: 'granted' };
  if (skus.why.kind !== 'noConsent') return { microsoftConsent: 'unknown' };
  const consentUrl = microsoft.consentUrl(identity.tenantId);
  return { microsoftConsent: 'notGranted', ...(consentUrl ? { consentUrl } : {}) };
}

function isAdmin(organization: Organization, identity: TabIdentity): boolean {
  return isRecordedAdmin(organization, { email: identity.email, userId: identity.aadObjectId });
}

/** Who the audit trail names; a development identity is marked as one. */
function actorOf(identity: TabIdentity): string {
  const who = identity.email ?? identity.aadObjectId ?? 'unknown';
  return identity.development ? `dev:${who}` : who;
}

function notAdmin(organization: Organization): HttpReply {
  return problem(403, 'forbidden', `Only the admins of ${organization.displayName} can do this.`);
}

function invalidSettings(problems: SettingsProblem[]): HttpReply {
  return problem(400, 'invalid_settings', problems.map((p) => p.message).join(' '), { problems });
}

/** `?since=YYYY-MM-DD`: that day from midnight UTC; absent means all time. */
function sinceOf(req: IncomingMessage): Date | undefined | Error {
  const raw = new URL(req.url ?? '/', 'http://tab.invalid').searchParams.get('since');
  if (raw === null || raw === '') return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (!date || date.toISOString().slice(0, 10) !== raw) {
    return new Error('"since" must be a date as YYYY-MM-DD, for example 2026-01-31.');
  }
  return date;
}

/** The body as JSON, up to `maxBytes`; a declared or actual size over it is refused without reading on. */
async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<{ json: unknown } | HttpReply> {
  const type = req.headers['content-type'];
  if (type !== undefined && !/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) {
    return problem(415, 'unsupported_media_type', 'Send the settings as application/json.');
  }
  const text = await readLimitedBody(req, maxBytes);
  if (text === 'tooLarge') return problem(413, 'payload_too_large', `The request body is larger than ${maxBytes} bytes.`);
  if (text.length === 0) return problem(400, 'empty_body', 'The request body is empty; expected the settings as JSON.');
  try {
    return { json: JSON.parse(text) as unknown };
  } catch {
    return problem(400, 'invalid_json', 'The request body is not valid JSON.');
  }
}

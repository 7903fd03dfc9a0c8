/**
 * The admin takeover life cycle (docs/facts.md section 6): start a request for an unmanaged organization's
 * domain, verify the DNS TXT record, settle licenses, and complete it in the directory.
 * @remarks Every step that reads and then writes runs in one directory transaction, so two requesters
 * racing for one domain cannot both win. Who may act is decided here from the actor the bot read from the
 * activity's sender, never from card data. The token never reaches the audit log.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { Directory, DirectoryTransaction, Member } from '../ports/directory.js';
import type { TxtChecker, TxtCheckOutcome } from './dnsTxtCheck.js';
import { checkDomain, type DomainStatus } from '../organizations/domainStatus.js';
import { emailDomain } from '../signup/emailAddress.js';
import type { Requester } from '../organizations/findOrganization.js';
import type { OrgAdmin, Organization } from '../models/organization.js';
import { serviceNamed } from '../models/selfServiceServices.js';
import { isOpen, type LicenseNeed, type TakeoverKind, type TakeoverRequest, type TakeoverRequester } from '../models/takeoverRequest.js';

export const REQUEST_LIFETIME_DAYS = 7;
/** Microsoft deletes the emptied unmanaged organization this long after an external takeover. */
export const EMPTIED_ORGANIZATION_DAYS = 10;
/** Checks a requester may start per window; the background re-check does not count. */
export const MAX_CHECKS_PER_WINDOW = 5;
export const CHECK_WINDOW_SECONDS = 10 * 60;

const DAY_MS = 24 * 60 * 60 * 1000;
/** The audit outcome of a step someone tried on another person's request. */
export const REFUSED_NOT_REQUESTER = 'refused: not the requester';

/** Who is acting, as the bot read it from the activity's sender. */
export interface Actor {
  userId: string;
  aadObjectId?: string;
}

/** What a requester can do with a domain. */
export type TakeoverOptions =
  | { kind: 'notPossible'; status: Exclude<DomainStatus, { kind: 'unmanaged' }> }
  | {
      kind: 'possible';
      organization: Organization;
      members: number;
      /** Managed organizations the requester administers: where an external takeover could move the domain. */
      externalTargets: Organization[];
      /** Members use a plan with SharePoint or OneDrive, which only an internal takeover supports. */
      internalOnly: boolean;
      /** The requester's own open request for this domain, to resume. */
      open?: TakeoverRequest;
    };

export type StartResult = { kind: 'started' | 'resumed'; request: TakeoverRequest } | { kind: 'notPossible' } | { kind: 'externalNotAllowed' };

/** A request the actor may not touch, or that no longer exists, is answered the same way for every step. */
export type RefusedStep = { kind: 'unknownRequest' } | { kind: 'notYours' };

export type VerifyResult =
  | RefusedStep
  | { kind: 'expired'; request: TakeoverRequest }
  | { kind: 'ended'; request: TakeoverRequest }
  | { kind: 'rateLimited'; request: TakeoverRequest; retryAfterSeconds: number }
  | { kind: 'checked'; request: TakeoverRequest; outcome: TxtCheckOutcome }
  /** Verified before (by the background re-check or an earlier press). */
  | { kind: 'alreadyVerified'; request: TakeoverRequest };

export type CompleteResult =
  | RefusedStep
  | { kind: 'notVerified'; request: TakeoverRequest }
  | { kind: 'licensesNeeded'; request: TakeoverRequest; needs: LicenseNeed[] }
  | { kind: 'takenOverByOther'; request: TakeoverRequest }
  | { kind: 'completed'; request: TakeoverRequest; organization: Organization };

/** How to reach the requester later, and the address they gave if the channel gave none. */
export interface ReachAt {
  conversation: TakeoverRequester['conversation'];
  language?: TakeoverRequester['language'];
  contactEmail?: string;
}

export interface TakeoverServiceDeps {
  directory: Directory;
  checker: TxtChecker;
  now: () => Date;
}

export class TakeoverService {
  constructor(private readonly deps: TakeoverServiceDeps) {}

  /** Whether the domain can be taken over by this requester, and how. */
  async options(requester: Requester, domain: string): Promise<TakeoverOptions> {
    const { directory } = this.deps;
    const status = await checkDomain(directory, domain, requester);
    if (status.kind !== 'unmanaged') return { kind: 'notPossible', status };
    const organization = status.organization;
    const members = await directory.membersOf(organization.id);
    const open = (await this.openRequests(domain)).find((request) => sameActor(request.requester, actorOf(requester)) && !this.isPastExpiry(request));
    return {
      kind: 'possible',
      organization,
      members: members.length,
      externalTargets: await this.administeredBy(requester),
      internalOnly: members.some((member) => member.services.some((name) => serviceNamed(name)?.includesSharePoint)),
      open,
    };
  }

  /** The actor's request if it is still open (pending within its 7 days, or verified); otherwise undefined. */
  async openRequest(id: string, actor: Actor): Promise<TakeoverRequest | undefined> {
    const request = await this.deps.directory.findTakeover(id);
    return isActorsRequest(request, actor) && isOpen(request) && !this.isPastExpiry(request) ? request : undefined;
  }

  /**
   * Creates the request with a fresh token, or resumes the requester's open one for the domain (one per
   * domain and requester). `requester` is who the channel says is asking; `reachAt.contactEmail` is an
   * address they gave in chat, kept only to name them as admin, never to decide what they may do.
   */
  async start(requester: Requester, reachAt: ReachAt, domain: string, kind: TakeoverKind): Promise<StartResult> {
    const options = await this.options(requester, domain);
    if (options.kind !== 'possible') return { kind: 'notPossible' };
    if (kind === 'external' && (options.internalOnly || options.externalTargets.length === 0)) return { kind: 'externalNotAllowed' };
    const targetOrgId = kind === 'external' ? options.externalTargets[0]?.id : undefined;
    return this.deps.directory.transaction(async (tx) => {
      const at = this.deps.now();
      const organization = await tx.findByDomain(domain);
      if (!organization || organization.managed) return { kind: 'notPossible' } as const;
      const actor = actorOf(requester);
      const mine = (await tx.takeoversFor(domain)).filter((request) => isOpen(request) && sameActor(request.requester, actor));
      // A request left pending past its 7 days ends here, and a new one (with a new token) takes its place.
      for (const stale of mine.filter((request) => this.isPastExpiry(request))) await this.expireIn(tx, stale);
      const open = mine.find((request) => !this.isPastExpiry(request));
      if (open) {
        // Resuming keeps the token the requester may already have published; the kind follows the new
        // choice while nothing is verified, and news goes to the conversation they are in now.
        const reached: TakeoverRequest = { ...open, requester: { ...open.requester, conversation: reachAt.conversation, ...(reachAt.language ? { language: reachAt.language } : {}) } };
        const resumed: TakeoverRequest = open.status === 'pending' ? { ...reached, kind, targetOrgId } : reached;
        await tx.saveTakeover(resumed);
        return { kind: 'resumed', request: resumed } as const;
      }
      const request: TakeoverRequest = {
        id: randomUUID(),
        domain,
        orgId: organization.id,
        kind,
        ...(targetOrgId ? { targetOrgId } : {}),
        requester: { ...toStoredRequester(requester, reachAt.contactEmail), conversation: reachAt.conversation, ...(reachAt.language ? { language: reachAt.language } : {}) },
        token: newVerificationToken(),
        status: 'pending',
        attempts: [],
        recheck: false,
        createdAt: at.toISOString(),
        expiresAt: new Date(at.getTime() + REQUEST_LIFETIME_DAYS * DAY_MS).toISOString(),
      };
      await tx.saveTakeover(request);
      await audit(tx, at, request, 'takeover.start', kind);
      return { kind: 'started', request } as const;
    });
  }

  /** The requester's "Verify now": one DNS check, rate-limited per request. */
  verify(id: string, actor: Actor): Promise<VerifyResult> {
    return this.check(id, actor, false);
  }

  /** Turns the background re-check on ("Check for me later"). */
  async recheckLater(id: string, actor: Actor): Promise<VerifyResult | { kind: 'willRecheck'; request: TakeoverRequest }> {
    return this.deps.directory.transaction(async (tx) => {
      const request = await tx.findTakeover(id);
      if (!isActorsRequest(request, actor)) return this.refuseIn(tx, request, actor, 'takeover.recheckLater');
      if (request.status === 'verified') return { kind: 'alreadyVerified', request } as const;
      if (request.status !== 'pending') return { kind: 'ended', request } as const;
      if (this.isPastExpiry(request)) return { kind: 'expired', request: await this.expireIn(tx, request) } as const;
      const willRecheck = { ...request, recheck: true };
      await tx.saveTakeover(willRecheck);
      await audit(tx, this.deps.now(), willRecheck, 'takeover.recheckLater', 'on');
      return { kind: 'willRecheck', request: willRecheck } as const;
    });
  }

  async cancel(id: string, actor: Actor): Promise<RefusedStep | { kind: 'cancelled' | 'ended'; request: TakeoverRequest }> {
    return this.deps.directory.transaction(async (tx) => {
      const request = await tx.findTakeover(id);
      if (!isActorsRequest(request, actor)) return this.refuseIn(tx, request, actor, 'takeover.cancel');
      if (!isOpen(request)) return { kind: 'ended', request } as const;
      const cancelled: TakeoverRequest = { ...request, status: 'cancelled', endedBecause: 'cancelled' };
      await tx.saveTakeover(cancelled);
      await audit(tx, this.deps.now(), cancelled, 'takeover.cancel', 'cancelled');
      return { kind: 'cancelled', request: cancelled } as const;
    });
  }

  /** Records the new admin's decision on the licenses members need; completing follows. */
  async decideLicenses(id: string, actor: Actor, decision: 'buy' | 'postpone'): Promise<CompleteResult> {
    const settled = await this.deps.directory.transaction(async (tx) => {
      const request = await tx.findTakeover(id);
      if (!isActorsRequest(request, actor)) return this.refuseIn(tx, request, actor, 'takeover.licenses');
      if (request.status !== 'verified') return undefined;
      const at = this.deps.now();
      const needs = await licenseNeeds(tx, request.orgId);
      const decided: TakeoverRequest = { ...request, licenses: { decision, needs, decidedAt: at.toISOString() } };
      await tx.saveTakeover(decided);
      await audit(tx, at, decided, 'takeover.licenses', decision);
      return undefined;
    });
    return settled ?? this.complete(id, actor);
  }

  /**
   * Makes the verified requester the admin (internal) or moves the domain and its members into their
   * organization (external). Exactly one of two racing requesters wins; the other learns it was taken.
   */
  async complete(id: string, actor: Actor): Promise<CompleteResult> {
    return this.deps.directory.transaction(async (tx) => {
      const request = await tx.findTakeover(id);
      if (!isActorsRequest(request, actor)) return this.refuseIn(tx, request, actor, 'takeover.complete');
      if (request.status === 'completed') {
        const organization = await tx.findById(request.kind === 'external' && request.targetOrgId ? request.targetOrgId : request.orgId);
        if (organization) return { kind: 'completed', request, organization } as const;
      }
      if (request.endedBecause === 'takenOverByOther') return { kind: 'takenOverByOther', request } as const;
      if (request.status !== 'verified') return { kind: 'notVerified', request } as const;
      const at = this.deps.now();
      const organization = await tx.findById(request.orgId);
      if (!organization || organization.managed || !organization.domains.includes(request.domain)) {
        const lost: TakeoverRequest = { ...request, status: 'cancelled', endedBecause: 'takenOverByOther' };
        await tx.saveTakeover(lost);
        await audit(tx, at, lost, 'takeover.complete', 'takenOverByOther');
        return { kind: 'takenOverByOther', request: lost } as const;
      }
      const needs = await licenseNeeds(tx, organization.id);
      if (needs.length > 0 && !request.licenses) return { kind: 'licensesNeeded', request, needs } as const;

      const result = request.kind === 'external' ? await this.moveDomain(tx, request, organization, at) : await this.becomeAdmin(tx, request, organization, at);
      const completed: TakeoverRequest = { ...request, status: 'completed', completedAt: at.toISOString() };
      await tx.saveTakeover(completed);
      // Everyone else who was trying to take this domain over has lost the race.
      for (const other of await tx.takeoversFor(request.domain)) {
        if (other.id !== request.id && isOpen(other)) await tx.saveTakeover({ ...other, status: 'cancelled', endedBecause: 'takenOverByOther' });
      }
      await audit(tx, at, completed, 'takeover.complete', request.kind);
      return { kind: 'completed', request: completed, organization: result } as const;
    });
  }

  /**
   * The background job: checks DNS for every pending request that asked for it, expires old ones, and
   * returns the requests newly verified, to tell their requesters.
   */
  async recheckDue(): Promise<TakeoverRequest[]> {
    const verified: TakeoverRequest[] = [];
    for (const request of await this.deps.directory.openTakeovers()) {
      if (request.status !== 'pending') continue;
      // Every old request expires here, whether or not anyone asked for re-checks.
      if (this.isPastExpiry(request)) {
        await this.expire(request.id);
        continue;
      }
      if (!request.recheck) continue;
      const result = await this.check(request.id, request.requester, true);
      if (result.kind === 'checked' && result.outcome.kind === 'verified') verified.push(result.request);
    }
    return verified;
  }

  /** Records that the requester was told; false when someone else already did (a second instance). */
  async markNotified(id: string): Promise<boolean> {
    return this.deps.directory.transaction(async (tx) => {
      const request = await tx.findTakeover(id);
      if (!request || request.notifiedAt) return false;
      await tx.saveTakeover({ ...request, notifiedAt: this.deps.now().toISOString() });
      return true;
    });
  }

  /** The DNS check, outside the transaction (it may take seconds); its result is recorded in one. */
  private async check(id: string, actor: Actor, automatic: boolean): Promise<VerifyResult> {
    const { directory, checker } = this.deps;
    const before = await directory.findTakeover(id);
    if (!isActorsRequest(before, actor)) return directory.transaction((tx) => this.refuseIn(tx, before, actor, automatic ? 'takeover.recheck' : 'takeover.verify'));
    const gate = await this.checkGate(before, automatic);
    if (gate) return gate;
    const outcome = await checker.check(before.domain, before.token);
    return directory.transaction(async (tx) => {
      const request = await tx.findTakeover(id);
      if (!request) return { kind: 'unknownRequest' } as const;
      if (request.status === 'verified') return { kind: 'alreadyVerified', request } as const;
      if (request.status !== 'pending') return { kind: request.status === 'expired' ? 'expired' : 'ended', request } as const;
      const at = this.deps.now();
      // Presses at the same moment all pass the gate while DNS answers; only as many as the limit allows are recorded.
      const retryAfterSeconds = automatic ? undefined : rateLimitFor(request, at);
      if (retryAfterSeconds !== undefined) return { kind: 'rateLimited', request, retryAfterSeconds } as const;
      const found = outcome.kind === 'wrongValue' ? outcome.found : outcome.kind === 'wrongHost' ? [outcome.host] : [];
      const checked: TakeoverRequest = {
        ...request,
        attempts: [...request.attempts, { at: at.toISOString(), outcome: outcome.kind, found, automatic }],
        ...(outcome.kind === 'verified' ? { status: 'verified' as const, verifiedAt: at.toISOString() } : {}),
      };
      await tx.saveTakeover(checked);
      await audit(tx, at, checked, automatic ? 'takeover.recheck' : 'takeover.verify', outcome.kind);
      return { kind: 'checked', request: checked, outcome } as const;
    });
  }

  /** Expired, ended, verified before, or too many checks: answered without asking DNS. */
  private async checkGate(request: TakeoverRequest, automatic: boolean): Promise<VerifyResult | undefined> {
    if (request.status === 'verified') return { kind: 'alreadyVerified', request };
    if (request.status !== 'pending') return request.status === 'expired' ? { kind: 'expired', request } : { kind: 'ended', request };
    const now = this.deps.now();
    if (this.isPastExpiry(request)) return { kind: 'expired', request: await this.expire(request.id) };
    if (automatic) return undefined;
    const retryAfterSeconds = rateLimitFor(request, now);
    return retryAfterSeconds === undefined ? undefined : { kind: 'rateLimited', request, retryAfterSeconds };
  }

  /**
   * Refuses a step on a request that is not the actor's. When the request exists (someone else's), the attempt
   * is audited under its domain with who tried, so the organization's admins can see it; an id that names no
   * request is only refused: it has no domain to file it under, and made-up ids must not fill the audit trail.
   */
  private async refuseIn(tx: DirectoryTransaction, request: TakeoverRequest | undefined, actor: Actor, action: string): Promise<RefusedStep> {
    const refused = refusal(request);
    if (request && refused.kind === 'notYours') {
      await tx.audit({ at: this.deps.now().toISOString(), actor: actor.aadObjectId ?? actor.userId, action, subject: request.domain, outcome: REFUSED_NOT_REQUESTER });
    }
    return refused;
  }

  private expire(id: string): Promise<TakeoverRequest> {
    return this.deps.directory.transaction(async (tx) => {
      const request = (await tx.findTakeover(id))!;
      return isOpen(request) ? this.expireIn(tx, request) : request;
    });
  }

  private async expireIn(tx: DirectoryTransaction, request: TakeoverRequest): Promise<TakeoverRequest> {
    const expired: TakeoverRequest = { ...request, status: 'expired', endedBecause: 'expired' };
    await tx.saveTakeover(expired);
    await audit(tx, this.deps.now(), expired, 'takeover.expire', 'expired');
    return expired;
  }

  /** Still pending when its 7 days are over (a verified request no longer expires). */
  private isPastExpiry(request: TakeoverRequest): boolean {
    return request.status === 'pending' && this.deps.now().getTime() >= Date.parse(request.expiresAt);
  }

  private async openRequests(domain: string): Promise<TakeoverRequest[]> {
    return (await this.deps.directory.takeoversFor(domain)).filter(isOpen);
  }

  /** Managed organizations that record this requester (as Teams identifies them) as an admin. */
  private async administeredBy(requester: Requester): Promise<Organization[]> {
    const person = { email: requester.email, userId: requester.aadObjectId ?? requester.userId };
    return this.deps.directory.organizationsAdministeredBy(person);
  }

  /** Internal takeover: the organization becomes managed, with the requester as its admin and a member. */
  private async becomeAdmin(tx: DirectoryTransaction, request: TakeoverRequest, organization: Organization, at: Date): Promise<Organization> {
    const admin: OrgAdmin = {
      userId: request.requester.aadObjectId ?? request.requester.userId,
      name: request.requester.name ?? request.requester.email ?? request.domain,
      email: request.requester.email ?? '',
      since: at.toISOString(),
    };
    const managed: Organization = { ...organization, managed: true, admins: [admin] };
    await tx.saveOrganization(managed);
    await this.addRequesterAsMember(tx, request, managed, at);
    return managed;
  }

  /** External takeover: the domain and its members move to the requester's organization; the emptied one is deleted after 10 days. */
  private async moveDomain(tx: DirectoryTransaction, request: TakeoverRequest, organization: Organization, at: Date): Promise<Organization> {
    const target = request.targetOrgId ? await tx.findById(request.targetOrgId) : undefined;
    if (!target) throw new Error(`TakeoverService.complete(): request "${request.id}" has no target organization`);
    const remaining = organization.domains.filter((domain) => domain !== request.domain);
    // Only an organization left without domains is emptied, and deleted after 10 days.
    const emptied: Organization = remaining.length > 0 ? { ...organization, domains: remaining } : { ...organization, domains: remaining, deleteAfter: new Date(at.getTime() + EMPTIED_ORGANIZATION_DAYS * DAY_MS).toISOString() };
    await tx.saveOrganization(emptied);
    const grown: Organization = { ...target, domains: [...target.domains, request.domain] };
    await tx.saveOrganization(grown);
    // The members that move are the ones whose address is on the domain that moves.
    for (const member of await tx.membersOf(organization.id)) {
      if (emailDomain(member.email) === request.domain) await tx.saveMember({ ...member, orgId: grown.id });
    }
    await this.addRequesterAsMember(tx, request, grown, at);
    return grown;
  }

  /**
   * The requester joins the organization when their address is on one of its domains.
   * @remarks The domain of an address decides its organization (docs/facts.md section 4). An address elsewhere,
   * such as one typed in chat, stays with its own organization: moving it would take a member from another.
   */
  private async addRequesterAsMember(tx: DirectoryTransaction, request: TakeoverRequest, organization: Organization, at: Date): Promise<void> {
    const email = request.requester.email;
    const domain = emailDomain(email);
    if (!email || !domain || !organization.domains.includes(domain)) return;
    const orgId = organization.id;
    const existing = await tx.findMember(email);
    const member: Member = existing
      ? { ...existing, orgId }
      : { email, orgId, joinedVia: 'takeover', services: [], joinedAt: at.toISOString(), userId: request.requester.aadObjectId ?? request.requester.userId };
    await tx.saveMember(member);
  }
}

/** MS=ms followed by 8 digits from a cryptographic random source, as Microsoft's own tokens look. */
export function newVerificationToken(): string {
  return `MS=ms${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
}

/** Seconds until the requester may check again, or undefined when a manual check is allowed now. */
function rateLimitFor(request: TakeoverRequest, now: Date): number | undefined {
  const windowStart = now.getTime() - CHECK_WINDOW_SECONDS * 1000;
  const recent = request.attempts.filter((attempt) => !attempt.automatic && Date.parse(attempt.at) > windowStart);
  if (recent.length < MAX_CHECKS_PER_WINDOW) return undefined;
  const oldest = Date.parse(recent[0]!.at);
  return Math.max(1, Math.ceil((oldest + CHECK_WINDOW_SECONDS * 1000 - now.getTime()) / 1000));
}

/** How many members use each service that needs a license. */
async function licenseNeeds(tx: DirectoryTransaction, orgId: string): Promise<LicenseNeed[]> {
  const counts = new Map<string, number>();
  for (const member of await tx.membersOf(orgId)) {
    for (const name of member.services) if (serviceNamed(name)?.needsLicense) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts].map(([service, count]) => ({ service, count })).sort((a, b) => a.service.localeCompare(b.service));
}

/** The request exists and belongs to the actor. */
function isActorsRequest(request: TakeoverRequest | undefined, actor: Actor): request is TakeoverRequest {
  return request !== undefined && sameActor(request.requester, actor);
}

/** Why the actor may not act on a request that is not theirs: it does not exist, or it belongs to someone else. */
function refusal(request: TakeoverRequest | undefined): RefusedStep {
  return request ? { kind: 'notYours' } : { kind: 'unknownRequest' };
}

function actorOf(requester: Requester): Actor {
  return { userId: requester.userId, aadObjectId: requester.aadObjectId };
}

/** The same person: the same Microsoft Entra object id when both have one, else the same channel user id. */
function sameActor(owner: Actor, actor: Actor): boolean {
  if (owner.aadObjectId && actor.aadObjectId) return owner.aadObjectId === actor.aadObjectId;
  return owner.userId === actor.userId;
}

function toStoredRequester(requester: Requester, contactEmail: string | undefined): Omit<TakeoverRequester, 'conversation'> {
  const email = requester.email ?? contactEmail;
  return {
    userId: requester.userId,
    ...(requester.aadObjectId ? { aadObjectId: requester.aadObjectId } : {}),
    ...(requester.name ? { name: requester.name } : {}),
    ...(email ? { email } : {}),
  };
}

function audit(tx: DirectoryTransaction, at: Date, request: TakeoverRequest, action: string, outcome: string): Promise<void> {
  const actor = request.requester.email ?? request.requester.aadObjectId ?? request.requester.userId;
  return tx.audit({ at: at.toISOString(), actor, action, subject: request.domain, outcome });
}

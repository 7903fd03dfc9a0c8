/**
 * The admin takeover life cycle (docs/facts.md sections 6 and 10): the bot guides Microsoft's own takeover and
 * confirms it with Microsoft. Start a request for an unmanaged organization's domain; take the TXT value Microsoft
 * showed the requester (never one the bot makes up); check that DNS shows it; after the requester finished in
 * Microsoft, ask Microsoft; settle licenses; and only then record the new admin in the directory.
 * @remarks Every step that reads and then writes runs in one directory transaction, so two requesters racing for
 * one domain cannot both win. Who may act is decided here from the actor the bot read from the activity's sender,
 * never from card data. The value never reaches the audit log. DNS and Microsoft are asked outside transactions
 * (they may take seconds); what they answered is recorded in one.
 *
 * What counts as done is what Microsoft says: an internal takeover is complete when Microsoft no longer calls the
 * domain's organization unmanaged (viral); an external one when the domain belongs to the requester's own tenant.
 * When Microsoft cannot be asked, the requester's word is recorded as theirs (`reportedByUser`, and the admin entry
 * says so), and the background job keeps asking Microsoft until it agrees.
 */
import { randomUUID } from 'node:crypto';
import type { Directory, DirectoryTransaction, Member } from '../ports/directory.js';
import type { MicrosoftLookups } from '../ports/microsoft.js';
import type { TxtChecker, TxtCheckOutcome } from './dnsTxtCheck.js';
import { checkDomain, type DomainStatus } from '../organizations/domainStatus.js';
import { newUnmanagedOrganization, unmanagedOrganization } from '../organizations/unmanagedOrganization.js';
import { emailDomain } from '../signup/emailAddress.js';
import { belongsTo, type Requester } from '../organizations/findOrganization.js';
import type { OrgAdmin, Organization } from '../models/organization.js';
import { serviceNamed } from '../models/selfServiceServices.js';
import {
  isExampleTxtValue,
  isOpen,
  isUnsettled,
  normalizeTakeover,
  TXT_VALUE_PATTERN,
  type ConfirmedBy,
  type LicenseNeed,
  type TakeoverAttempt,
  type TakeoverKind,
  type TakeoverNewsKind,
  type TakeoverRequest,
  type TakeoverRequester,
} from '../models/takeoverRequest.js';

export const REQUEST_LIFETIME_DAYS = 7;
/** How long the background job keeps asking Microsoft after the record was found, or after the requester's report. */
export const MICROSOFT_WATCH_DAYS = 7;
/** Microsoft deletes the emptied unmanaged organization this long after an external takeover. */
export const EMPTIED_ORGANIZATION_DAYS = 10;
/** Checks (DNS or Microsoft) a requester may start per window; the background re-check does not count. */
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
  | { kind: 'notPossible'; status: Exclude<DomainStatus, { kind: 'unmanaged' | 'unmanagedAtMicrosoft' }> }
  | {
      kind: 'possible';
      organization: Organization;
      /** How many members the directory knows; only for a requester the channel places in the organization (belongsTo). */
      members?: number;
      /** Managed organizations the requester administers: where an external takeover could move the domain. */
      externalTargets: Organization[];
      /** Members use a plan with SharePoint or OneDrive, which only an internal takeover supports. */
      internalOnly: boolean;
      /**
       * The requester has an address on one of the organization's domains, so they can be a user there: what
       * Microsoft's Become the admin wizard needs (docs/facts.md 6a step 1).
       */
      internalAllowed: boolean;
      /** The requester's own open request for this domain, to resume. */
      open?: TakeoverRequest;
      /**
       * Microsoft shows an unmanaged organization for the domain that the directory has no record of: `organization`
       * is not recorded yet, and starting the takeover records it.
       */
      atMicrosoftOnly?: true;
    };

export type StartResult =
  | { kind: 'started' | 'resumed'; request: TakeoverRequest }
  | { kind: 'notPossible' }
  | { kind: 'externalNotAllowed' }
  /** An internal takeover for someone without an address on the domain. */
  | { kind: 'internalNotAllowed' };

/** A request the actor may not touch, or that no longer exists, is answered the same way for every step. */
export type RefusedStep = { kind: 'unknownRequest' } | { kind: 'notYours' };

/** A request that is over: expired, cancelled, lost, completed or reported. */
type Over = { kind: 'expired' | 'ended'; request: TakeoverRequest };

export type ValueResult = RefusedStep | Over | { kind: 'accepted'; request: TakeoverRequest } | { kind: 'invalidValue'; request: TakeoverRequest };

export type VerifyResult =
  | RefusedStep
  | Over
  /** No value from Microsoft yet: nothing to look for in DNS. */
  | { kind: 'needsValue'; request: TakeoverRequest }
  | { kind: 'rateLimited'; request: TakeoverRequest; retryAfterSeconds: number }
  | { kind: 'checked'; request: TakeoverRequest; outcome: TxtCheckOutcome }
  /** The record was found before (by the background re-check or an earlier press): on to Microsoft. */
  | { kind: 'recordFound'; request: TakeoverRequest };

/** What Microsoft shows instead of the takeover being done. */
export type MicrosoftSeen =
  /** Internal: the domain's organization is still unmanaged (viral); external: still in that organization. */
  | 'unmanaged'
  /** External: the domain belongs to a tenant other than the requester's. */
  | 'otherTenant'
  /** No organization holds the domain at Microsoft. */
  | 'unknown';

/** What Microsoft said about the takeover. */
export type MicrosoftCheck = { kind: 'confirmed' } | { kind: 'notYet'; seen: MicrosoftSeen } | { kind: 'cannotAsk'; why: 'off' | 'unreachable' | 'noTenant' };

export type CompleteResult =
  | RefusedStep
  | Over
  | { kind: 'needsValue'; request: TakeoverRequest }
  /** Microsoft cannot be asked, and the bot has not seen the record in DNS either: nothing confirms the takeover. */
  | { kind: 'needsDns'; request: TakeoverRequest; why: 'off' | 'unreachable' | 'noTenant' }
  | { kind: 'rateLimited'; request: TakeoverRequest; retryAfterSeconds: number }
  /** Microsoft still shows the organization as it was: not done yet. */
  | { kind: 'notConfirmed'; request: TakeoverRequest; seen: MicrosoftSeen }
  | { kind: 'licensesNeeded'; request: TakeoverRequest; needs: LicenseNeed[]; confirmedBy: ConfirmedBy }
  | { kind: 'takenOverByOther'; request: TakeoverRequest }
  /**
   * The directory records the new admin: confirmed by Microsoft (status completed) or on the requester's word
   * (status reportedByUser, with why Microsoft could not be asked). `members`: the members besides the new admin.
   */
  | {
      kind: 'completed';
      request: TakeoverRequest;
      organization: Organization;
      members: number;
      unconfirmedBecause?: 'off' | 'unreachable' | 'noTenant';
      /** Completed (or reported) before this step: a press of an older card. */
      before?: true;
    };

/** What the background job found, to tell the requester: each kind once per request (markNotified). */
export type TakeoverNews =
  /** The record showed up in DNS: now finish in Microsoft. */
  | { kind: 'recordFound'; request: TakeoverRequest }
  /** Microsoft confirmed the takeover, and the directory records the new admin. */
  | { kind: 'completed'; request: TakeoverRequest; organization: Organization; members: number }
  /** Microsoft confirmed the takeover; the members' licenses are to be settled first. */
  | { kind: 'licensesNeeded'; request: TakeoverRequest; needs: LicenseNeed[] }
  /** Microsoft now confirms a takeover the requester reported. */
  | { kind: 'confirmedLater'; request: TakeoverRequest; organization: Organization };

/** How to reach the requester later, and the address they gave if the channel gave none. */
export interface ReachAt {
  conversation: TakeoverRequester['conversation'];
  language?: TakeoverRequester['language'];
  contactEmail?: string;
}

export interface TakeoverServiceDeps {
  directory: Directory;
  checker: TxtChecker;
  /** Asks Microsoft whether the takeover happened (docs/facts.md section 10). */
  microsoft: MicrosoftLookups;
  now: () => Date;
}

type Reads = Pick<DirectoryTransaction, 'findTakeover' | 'takeoversFor'>;

export class TakeoverService {
  constructor(private readonly deps: TakeoverServiceDeps) {}

  /**
   * Whether the domain can be taken over by this requester, and how. `contactEmail`: an address the requester gave
   * in chat, which counts as much as the one Teams gives for whether they can be a user in the organization.
   */
  async options(requester: Requester, domain: string, contactEmail?: string): Promise<TakeoverOptions> {
    const { directory } = this.deps;
    const status = await checkDomain(directory, domain, requester, this.deps.microsoft);
    if (status.kind !== 'unmanaged' && status.kind !== 'unmanagedAtMicrosoft') return { kind: 'notPossible', status };
    // Microsoft shows an unmanaged organization the directory has no record of: it has no members here yet, and
    // start() records it.
    const atMicrosoftOnly = status.kind === 'unmanagedAtMicrosoft';
    const organization = atMicrosoftOnly ? unmanagedOrganization(`org-${domain}`, domain, this.deps.now().toISOString()) : status.organization;
    const members = atMicrosoftOnly ? [] : await directory.membersOf(organization.id);
    const open = (await this.openRequests(directory, domain)).find((request) => sameActor(request.requester, actorOf(requester)) && !this.isPastExpiry(request));
    return {
      kind: 'possible',
      organization,
      ...(belongsTo(organization, requester) ? { members: members.length } : {}),
      externalTargets: await this.administeredBy(requester),
      internalOnly: members.some((member) => member.services.some((name) => serviceNamed(name)?.includesSharePoint)),
      internalAllowed: hasAddressIn(organization, requester.email) || hasAddressIn(organization, contactEmail),
      open,
      ...(atMicrosoftOnly ? { atMicrosoftOnly: true as const } : {}),
    };
  }

  /** The actor's request if it is still open and within its days; otherwise undefined. */
  async openRequest(id: string, actor: Actor): Promise<TakeoverRequest | undefined> {
    const request = await this.find(this.deps.directory, id);
    return isActorsRequest(request, actor) && isOpen(request) && !this.isPastExpiry(request) ? request : undefined;
  }

  /**
   * Creates the request (waiting for the value from Microsoft), or resumes the requester's open one for the domain
   * (one per domain and requester). `requester` is who the channel says is asking; `reachAt.contactEmail` is an
   * address they gave in chat, kept to name them as admin and to see that they can be a user on the domain, never
   * to decide whose request it is.
   */
  async start(requester: Requester, reachAt: ReachAt, domain: string, kind: TakeoverKind): Promise<StartResult> {
    const options = await this.options(requester, domain, reachAt.contactEmail);
    if (options.kind !== 'possible') return { kind: 'notPossible' };
    if (kind === 'external' && (options.internalOnly || options.externalTargets.length === 0)) return { kind: 'externalNotAllowed' };
    if (kind === 'internal' && !options.internalAllowed) return { kind: 'internalNotAllowed' };
    const targetOrgId = kind === 'external' ? options.externalTargets[0]?.id : undefined;
    // Asked outside the transaction (it may take seconds); the lookups keep the answer options() just had.
    const tenant = options.atMicrosoftOnly ? await this.deps.microsoft.tenantOf(domain) : undefined;
    return this.deps.directory.transaction(async (tx) => {
      const at = this.deps.now();
      let organization = await tx.findByDomain(domain);
      if (!organization && options.atMicrosoftOnly) {
        // The organization Microsoft shows becomes the directory's record of it, as a signup would have made it.
        organization = await newUnmanagedOrganization(tx, domain, at.toISOString(), tenant?.answered ? tenant.value : undefined);
        await tx.saveOrganization(organization);
        await tx.audit({ at: at.toISOString(), actor: requester.email ?? requester.aadObjectId ?? requester.userId, action: 'organization.recordFromMicrosoft', subject: domain, outcome: 'unmanaged' });
      }
      if (!organization || organization.managed) return { kind: 'notPossible' } as const;
      const actor = actorOf(requester);
      const mine = (await this.requestsFor(tx, domain)).filter((request) => isOpen(request) && sameActor(request.requester, actor));
      // A request left waiting past its 7 days ends here, and a new one takes its place.
      for (const stale of mine.filter((request) => this.isPastExpiry(request))) await this.expireIn(tx, stale);
      const open = mine.find((request) => !this.isPastExpiry(request));
      if (open) {
        // Resuming keeps the value the requester may already have published; the kind follows the new choice while
        // no value is known (a value belongs to the kind: the wizard's, or the one of the admin's own organization),
        // and news goes to the conversation they are in now.
        const reached: TakeoverRequest = { ...open, requester: { ...open.requester, conversation: reachAt.conversation, ...(reachAt.language ? { language: reachAt.language } : {}) } };
        const resumed: TakeoverRequest = open.status === 'waitingForValue' ? withKind(reached, kind, targetOrgId) : reached;
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
        status: 'waitingForValue',
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

  /**
   * The TXT value Microsoft showed the requester (already read from what they pasted: `MS=ms12345678`). A new value
   * replaces an earlier one until Microsoft confirmed the takeover: the wizard may show a new one when opened again.
   */
  async submitValue(id: string, actor: Actor, value: string): Promise<ValueResult> {
    return this.deps.directory.transaction(async (tx) => {
      const request = await this.find(tx, id);
      if (!isActorsRequest(request, actor)) return this.refuseIn(tx, request, actor, 'takeover.value');
      if (!isOpen(request)) return this.over(request);
      if (this.isPastExpiry(request)) return { kind: 'expired', request: await this.expireIn(tx, request) } as const;
      // The documentation's example (MS=ms12345678) is no value Microsoft gave anyone.
      if (!TXT_VALUE_PATTERN.test(value) || isExampleTxtValue(value)) return { kind: 'invalidValue', request } as const;
      if (request.value === value && request.status !== 'waitingForValue') return { kind: 'accepted', request } as const;
      const withValue: TakeoverRequest = { ...withoutRecordFound(request), value, status: 'waitingForDns' };
      await tx.saveTakeover(withValue);
      await audit(tx, this.deps.now(), withValue, 'takeover.value', request.value ? 'replaced' : 'received');
      return { kind: 'accepted', request: withValue } as const;
    });
  }

  /** The requester's "Check DNS": one DNS check for the value, rate-limited per request. */
  verify(id: string, actor: Actor): Promise<VerifyResult> {
    return this.checkDns(id, actor, false);
  }

  /** Turns the background re-check on ("Check for me later"): DNS until the record is there, then Microsoft. */
  async recheckLater(id: string, actor: Actor): Promise<VerifyResult | { kind: 'willRecheck'; request: TakeoverRequest }> {
    return this.deps.directory.transaction(async (tx) => {
      const request = await this.find(tx, id);
      if (!isActorsRequest(request, actor)) return this.refuseIn(tx, request, actor, 'takeover.recheckLater');
      if (!isOpen(request)) return this.over(request);
      if (this.isPastExpiry(request)) return { kind: 'expired', request: await this.expireIn(tx, request) } as const;
      if (request.status === 'waitingForValue') return { kind: 'needsValue', request } as const;
      const willRecheck = { ...request, recheck: true };
      await tx.saveTakeover(willRecheck);
      await audit(tx, this.deps.now(), willRecheck, 'takeover.recheckLater', 'on');
      return { kind: 'willRecheck', request: willRecheck } as const;
    });
  }

  async cancel(id: string, actor: Actor): Promise<RefusedStep | { kind: 'cancelled' | 'ended'; request: TakeoverRequest }> {
    return this.deps.directory.transaction(async (tx) => {
      const request = await this.find(tx, id);
      if (!isActorsRequest(request, actor)) return this.refuseIn(tx, request, actor, 'takeover.cancel');
      if (!isOpen(request)) return { kind: 'ended', request } as const;
      const cancelled: TakeoverRequest = { ...request, status: 'cancelled', endedBecause: 'cancelled' };
      await tx.saveTakeover(cancelled);
      await audit(tx, this.deps.now(), cancelled, 'takeover.cancel', 'cancelled');
      return { kind: 'cancelled', request: cancelled } as const;
    });
  }

  /**
   * "I've finished in Microsoft": asks Microsoft whether the takeover happened, and records the new admin only when
   * it did, or (Microsoft cannot be asked, the record was seen in DNS) on the requester's word, marked as such.
   * Exactly one of two racing requesters wins; the other learns it was taken.
   */
  async finish(id: string, actor: Actor): Promise<CompleteResult> {
    const { directory } = this.deps;
    const before = await this.find(directory, id);
    if (!isActorsRequest(before, actor)) return directory.transaction((tx) => this.refuseIn(tx, before, actor, 'takeover.complete'));
    const gate = await this.finishGate(before);
    if (gate) return gate;
    const target = before.kind === 'external' && before.targetOrgId ? await directory.findById(before.targetOrgId) : undefined;
    const answer = await this.askMicrosoft(before, target);
    return directory.transaction(async (tx) => {
      const request = await this.find(tx, id);
      if (!request) return { kind: 'unknownRequest' } as const;
      const settled = await this.settledIn(tx, request);
      if (settled) return settled;
      if (!isOpen(request)) return this.over(request);
      const at = this.deps.now();
      const retryAfterSeconds = rateLimitFor(request, at);
      if (retryAfterSeconds !== undefined) return { kind: 'rateLimited', request, retryAfterSeconds } as const;
      const attempt = microsoftAttempt(answer, at, false);
      const asked = withAttempt(request, attempt);
      await tx.saveTakeover(asked);
      await audit(tx, at, asked, 'takeover.microsoft', attempt.outcome);
      if (answer.kind === 'notYet') return { kind: 'notConfirmed', request: asked, seen: answer.seen } as const;
      // Without Microsoft, the bot's own DNS check is the only sign the requester controls the domain.
      if (answer.kind === 'cannotAsk' && asked.status !== 'waitingForMicrosoft') return { kind: 'needsDns', request: asked, why: answer.why } as const;
      const confirmedBy: ConfirmedBy = answer.kind === 'confirmed' ? 'microsoft' : 'user';
      const completed = await this.completeIn(tx, asked, confirmedBy, at);
      return completed.kind === 'completed' && answer.kind === 'cannotAsk' ? { ...completed, unconfirmedBecause: answer.why } : completed;
    });
  }

  /** Records what the new admin said about the licenses members need (to buy in the admin center, or later); finishing follows. */
  async decideLicenses(id: string, actor: Actor, decision: 'buy' | 'postpone'): Promise<CompleteResult> {
    const refused = await this.deps.directory.transaction(async (tx) => {
      const request = await this.find(tx, id);
      if (!isActorsRequest(request, actor)) return this.refuseIn(tx, request, actor, 'takeover.licenses');
      if (!isOpen(request) || request.status === 'waitingForValue') return undefined;
      const at = this.deps.now();
      const needs = await licenseNeeds(tx, request.orgId);
      const decided: TakeoverRequest = { ...request, licenses: { decision, needs, decidedAt: at.toISOString() } };
      await tx.saveTakeover(decided);
      await audit(tx, at, decided, 'takeover.licenses', decision);
      return undefined;
    });
    return refused ?? this.finish(id, actor);
  }

  /**
   * The background job: checks DNS for the requests that asked for it, asks Microsoft about the ones whose record
   * is there and the ones the requester reported, expires old ones, and returns the news to tell the requesters.
   */
  async recheckDue(): Promise<TakeoverNews[]> {
    const news: TakeoverNews[] = [];
    for (const stored of await this.deps.directory.openTakeovers()) {
      const request = normalizeTakeover(stored);
      if (!isUnsettled(request)) continue;
      // Every old request expires here, whether or not anyone asked for re-checks.
      if (this.isPastExpiry(request)) {
        await this.expire(request.id);
        continue;
      }
      if (request.status === 'waitingForDns' && request.recheck) {
        const result = await this.checkDns(request.id, request.requester, true);
        if (result.kind === 'checked' && result.outcome.kind === 'found') news.push({ kind: 'recordFound', request: result.request });
      } else if (request.status === 'waitingForMicrosoft' && !request.notified?.licensesNeeded && this.watched(request.recordFoundAt)) {
        const found = await this.confirmInBackground(request);
        if (found) news.push(found);
      } else if (request.status === 'reportedByUser' && this.watched(request.completedAt)) {
        const confirmed = await this.confirmReported(request);
        if (confirmed) news.push(confirmed);
      }
    }
    return news;
  }

  /** Records that the requester was told this news; false when someone else already did (a second instance). */
  async markNotified(id: string, news: TakeoverNewsKind): Promise<boolean> {
    return this.deps.directory.transaction(async (tx) => {
      const request = await this.find(tx, id);
      if (!request || request.notified?.[news]) return false;
      await tx.saveTakeover({ ...request, notified: { ...request.notified, [news]: this.deps.now().toISOString() } });
      return true;
    });
  }

  /** The DNS check, outside the transaction (it may take seconds); its result is recorded in one. */
  private async checkDns(id: string, actor: Actor, automatic: boolean): Promise<VerifyResult> {
    const { directory, checker } = this.deps;
    const before = await this.find(directory, id);
    if (!isActorsRequest(before, actor)) return directory.transaction((tx) => this.refuseIn(tx, before, actor, automatic ? 'takeover.recheck' : 'takeover.verify'));
    const gate = await this.checkGate(before, automatic);
    if (gate) return gate;
    const outcome = await checker.check(before.domain, before.value!);
    return directory.transaction(async (tx) => {
      const request = await this.find(tx, id);
      if (!request) return { kind: 'unknownRequest' } as const;
      if (!isOpen(request)) return this.over(request);
      if (request.status === 'waitingForMicrosoft') return { kind: 'recordFound', request } as const;
      // The value changed while DNS answered: this answer is about the old one.
      if (request.status !== 'waitingForDns' || request.value !== before.value) return { kind: 'needsValue', request } as const;
      const at = this.deps.now();
      // Presses at the same moment all pass the gate while DNS answers; only as many as the limit allows are recorded.
      const retryAfterSeconds = automatic ? undefined : rateLimitFor(request, at);
      if (retryAfterSeconds !== undefined) return { kind: 'rateLimited', request, retryAfterSeconds } as const;
      const found = outcome.kind === 'wrongValue' ? outcome.found : outcome.kind === 'wrongHost' ? [outcome.host] : [];
      const checked: TakeoverRequest = {
        ...withAttempt(request, { at: at.toISOString(), outcome: outcome.kind, found, automatic }),
        ...(outcome.kind === 'found' ? { status: 'waitingForMicrosoft' as const, recordFoundAt: at.toISOString() } : {}),
      };
      await tx.saveTakeover(checked);
      await audit(tx, at, checked, automatic ? 'takeover.recheck' : 'takeover.verify', outcome.kind);
      return { kind: 'checked', request: checked, outcome } as const;
    });
  }

  /** Over, found before, without a value, or too many checks: answered without asking DNS. */
  private async checkGate(request: TakeoverRequest, automatic: boolean): Promise<VerifyResult | undefined> {
    if (!isOpen(request)) return this.over(request);
    if (this.isPastExpiry(request)) return { kind: 'expired', request: await this.expire(request.id) };
    if (request.status === 'waitingForMicrosoft') return { kind: 'recordFound', request };
    if (request.status === 'waitingForValue' || !request.value) return { kind: 'needsValue', request };
    if (automatic) return undefined;
    const retryAfterSeconds = rateLimitFor(request, this.deps.now());
    return retryAfterSeconds === undefined ? undefined : { kind: 'rateLimited', request, retryAfterSeconds };
  }

  /** Done before, over, without a value, or too many checks: answered without asking Microsoft. */
  private async finishGate(request: TakeoverRequest): Promise<CompleteResult | undefined> {
    const settled = await this.deps.directory.transaction((tx) => this.settledIn(tx, request));
    if (settled) return settled;
    if (!isOpen(request)) return this.over(request);
    if (this.isPastExpiry(request)) return { kind: 'expired', request: await this.expire(request.id) };
    if (request.status === 'waitingForValue') return { kind: 'needsValue', request };
    const retryAfterSeconds = rateLimitFor(request, this.deps.now());
    return retryAfterSeconds === undefined ? undefined : { kind: 'rateLimited', request, retryAfterSeconds };
  }

  /** A request completed or reported before answers with its result again (a press of an older card); lost ones say so. */
  private async settledIn(tx: DirectoryTransaction, request: TakeoverRequest): Promise<CompleteResult | undefined> {
    if (request.endedBecause === 'takenOverByOther') return { kind: 'takenOverByOther', request };
    if (request.status !== 'completed' && request.status !== 'reportedByUser') return undefined;
    const organization = await tx.findById(request.kind === 'external' && request.targetOrgId ? request.targetOrgId : request.orgId);
    if (!organization) return { kind: 'ended', request };
    return { kind: 'completed', request, organization, members: await otherMembers(tx, organization.id, request.requester), before: true };
  }

  /** Asks Microsoft whether the takeover of the request's domain happened. Never throws: no answer is an answer. */
  private async askMicrosoft(request: TakeoverRequest, target: Organization | undefined): Promise<MicrosoftCheck> {
    const { microsoft } = this.deps;
    if (request.kind === 'internal') {
      const answer = await microsoft.domain(request.domain, { fresh: true });
      if (!answer.answered) return { kind: 'cannotAsk', why: answer.why.kind };
      if (answer.value.kind === 'managed') return { kind: 'confirmed' };
      return { kind: 'notYet', seen: answer.value.kind };
    }
    const ownTenant = request.requester.tenantId ?? target?.tenantId;
    if (!ownTenant) return { kind: 'cannotAsk', why: 'noTenant' };
    const answer = await microsoft.tenantOf(request.domain, { fresh: true });
    if (!answer.answered) return { kind: 'cannotAsk', why: answer.why.kind };
    if (answer.value === undefined) return { kind: 'notYet', seen: 'unknown' };
    return answer.value.toLowerCase() === ownTenant.toLowerCase() ? { kind: 'confirmed' } : { kind: 'notYet', seen: 'otherTenant' };
  }

  /**
   * Records the new admin (internal) or moves the domain and its members (external), once the takeover is confirmed
   * (or reported): unless someone else won the race, or the members' licenses are to be settled first.
   */
  private async completeIn(tx: DirectoryTransaction, request: TakeoverRequest, confirmedBy: ConfirmedBy, at: Date): Promise<CompleteResult> {
    const organization = await tx.findById(request.orgId);
    if (!organization || organization.managed || !organization.domains.includes(request.domain)) {
      const lost: TakeoverRequest = { ...request, status: 'cancelled', endedBecause: 'takenOverByOther' };
      await tx.saveTakeover(lost);
      await audit(tx, at, lost, 'takeover.complete', 'takenOverByOther');
      return { kind: 'takenOverByOther', request: lost };
    }
    const needs = await licenseNeeds(tx, organization.id);
    if (needs.length > 0 && !request.licenses) return { kind: 'licensesNeeded', request, needs, confirmedBy };

    const result = request.kind === 'external' ? await this.moveDomain(tx, request, organization, at) : await this.becomeAdmin(tx, request, organization, at, confirmedBy);
    const completed: TakeoverRequest = {
      ...request,
      status: confirmedBy === 'microsoft' ? 'completed' : 'reportedByUser',
      completedAt: at.toISOString(),
      confirmedBy,
      ...(confirmedBy === 'microsoft' ? { confirmedAt: at.toISOString() } : {}),
    };
    await tx.saveTakeover(completed);
    // Everyone else who was trying to take this domain over has lost the race.
    for (const other of await this.requestsFor(tx, request.domain)) {
      if (other.id !== request.id && isOpen(other)) await tx.saveTakeover({ ...other, status: 'cancelled', endedBecause: 'takenOverByOther' });
    }
    await audit(tx, at, completed, 'takeover.complete', confirmedBy === 'microsoft' ? request.kind : `${request.kind}, reported by the requester`);
    return { kind: 'completed', request: completed, organization: result, members: await otherMembers(tx, result.id, request.requester) };
  }

  /** Background: Microsoft may confirm a takeover the requester finished without telling the bot. */
  private async confirmInBackground(before: TakeoverRequest): Promise<TakeoverNews | undefined> {
    const target = before.kind === 'external' && before.targetOrgId ? await this.deps.directory.findById(before.targetOrgId) : undefined;
    const answer = await this.askMicrosoft(before, target);
    // Only a confirmation changes anything: no answer, or "not yet", is what the request already says.
    if (answer.kind !== 'confirmed') return undefined;
    return this.deps.directory.transaction(async (tx) => {
      const request = await this.find(tx, before.id);
      if (!request || request.status !== 'waitingForMicrosoft') return undefined;
      const at = this.deps.now();
      const asked = withAttempt(request, microsoftAttempt(answer, at, true));
      await tx.saveTakeover(asked);
      await audit(tx, at, asked, 'takeover.recheck', 'confirmed');
      const result = await this.completeIn(tx, asked, 'microsoft', at);
      if (result.kind === 'completed') return { kind: 'completed', request: result.request, organization: result.organization, members: result.members } as const;
      if (result.kind === 'licensesNeeded') return { kind: 'licensesNeeded', request: result.request, needs: result.needs } as const;
      return undefined;
    });
  }

  /** Background: Microsoft now agrees with what the requester reported; the admin entry loses its "reported" mark. */
  private async confirmReported(before: TakeoverRequest): Promise<TakeoverNews | undefined> {
    const target = before.kind === 'external' && before.targetOrgId ? await this.deps.directory.findById(before.targetOrgId) : undefined;
    if ((await this.askMicrosoft(before, target)).kind !== 'confirmed') return undefined;
    return this.deps.directory.transaction(async (tx) => {
      const request = await this.find(tx, before.id);
      if (!request || request.status !== 'reportedByUser') return undefined;
      const at = this.deps.now();
      const organization = await tx.findById(request.kind === 'external' && request.targetOrgId ? request.targetOrgId : request.orgId);
      if (!organization) return undefined;
      const confirmedOrganization: Organization = {
        ...organization,
        admins: organization.admins.map((admin) => (admin.reportedByUser && isRequester(admin, request.requester) ? withoutReportMark(admin) : admin)),
      };
      await tx.saveOrganization(confirmedOrganization);
      const confirmed: TakeoverRequest = { ...request, status: 'completed', confirmedBy: 'microsoft', confirmedAt: at.toISOString() };
      await tx.saveTakeover(confirmed);
      await audit(tx, at, confirmed, 'takeover.recheck', 'confirmed');
      return { kind: 'confirmedLater', request: confirmed, organization: confirmedOrganization } as const;
    });
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

  private over(request: TakeoverRequest): Over {
    return { kind: request.status === 'expired' ? 'expired' : 'ended', request };
  }

  private expire(id: string): Promise<TakeoverRequest> {
    return this.deps.directory.transaction(async (tx) => {
      const request = (await this.find(tx, id))!;
      return isOpen(request) ? this.expireIn(tx, request) : request;
    });
  }

  private async expireIn(tx: DirectoryTransaction, request: TakeoverRequest): Promise<TakeoverRequest> {
    const expired: TakeoverRequest = { ...request, status: 'expired', endedBecause: 'expired' };
    await tx.saveTakeover(expired);
    await audit(tx, this.deps.now(), expired, 'takeover.expire', 'expired');
    return expired;
  }

  /**
   * Still waiting for the value or the record when its 7 days are over. Once the record is visible, the request no
   * longer expires: what is left is the requester's step in Microsoft.
   */
  private isPastExpiry(request: TakeoverRequest): boolean {
    return (request.status === 'waitingForValue' || request.status === 'waitingForDns') && this.deps.now().getTime() >= Date.parse(request.expiresAt);
  }

  /** Within the days the background job keeps asking Microsoft after `since`. */
  private watched(since: string | undefined): boolean {
    return since !== undefined && this.deps.now().getTime() < Date.parse(since) + MICROSOFT_WATCH_DAYS * DAY_MS;
  }

  /** A request as this version understands it (see normalizeTakeover), wherever it is read. */
  private async find(reads: Pick<Reads, 'findTakeover'>, id: string): Promise<TakeoverRequest | undefined> {
    const request = await reads.findTakeover(id);
    return request && normalizeTakeover(request);
  }

  private async requestsFor(reads: Pick<Reads, 'takeoversFor'>, domain: string): Promise<TakeoverRequest[]> {
    return (await reads.takeoversFor(domain)).map(normalizeTakeover);
  }

  private async openRequests(reads: Pick<Reads, 'takeoversFor'>, domain: string): Promise<TakeoverRequest[]> {
    return (await this.requestsFor(reads, domain)).filter(isOpen);
  }

  /** Managed organizations that record this requester (as Teams identifies them) as an admin. */
  private async administeredBy(requester: Requester): Promise<Organization[]> {
    const person = { email: requester.email, userId: requester.aadObjectId ?? requester.userId };
    return this.deps.directory.organizationsAdministeredBy(person);
  }

  /** Internal takeover: the organization becomes managed, with the requester as its admin and a member. */
  private async becomeAdmin(tx: DirectoryTransaction, request: TakeoverRequest, organization: Organization, at: Date, confirmedBy: ConfirmedBy): Promise<Organization> {
    const admin: OrgAdmin = {
      userId: request.requester.aadObjectId ?? request.requester.userId,
      name: request.requester.name ?? request.requester.email ?? request.domain,
      email: request.requester.email ?? '',
      since: at.toISOString(),
      ...(confirmedBy === 'user' ? { reportedByUser: true as const } : {}),
    };
    const managed: Organization = { ...organization, managed: true, admins: [admin] };
    await tx.saveOrganization(managed);
    await this.addRequesterAsMember(tx, request, managed, at);
    return managed;
  }

  /** External takeover: the domain and its members move to the requester's organization; the emptied one is deleted after 10 days. */
  private async moveDomain(tx: DirectoryTransaction, request: TakeoverRequest, organization: Organization, at: Date): Promise<Organization> {
    const target = request.targetOrgId ? await tx.findById(request.targetOrgId) : undefined;
    if (!target) throw new Error(`TakeoverService.finish(): request "${request.id}" has no target organization`);
    const remaining = organization.domains.filter((domain) => domain !== request.domain);
    // Where the domain went is kept: people still chatting from the old tenant are told the truth, not "no admin".
    const movedTo = [...(organization.domainsMovedTo ?? []), { domain: request.domain, orgId: target.id, at: at.toISOString() }];
    // Only an organization left without domains is emptied, and deleted after 10 days.
    const emptied: Organization =
      remaining.length > 0
        ? { ...organization, domains: remaining, domainsMovedTo: movedTo }
        : { ...organization, domains: remaining, domainsMovedTo: movedTo, deleteAfter: new Date(at.getTime() + EMPTIED_ORGANIZATION_DAYS * DAY_MS).toISOString() };
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

/** Seconds until the requester may check again, or undefined when a manual check is allowed now. */
function rateLimitFor(request: TakeoverRequest, now: Date): number | undefined {
  const windowStart = now.getTime() - CHECK_WINDOW_SECONDS * 1000;
  const recent = request.attempts.filter((attempt) => !attempt.automatic && Date.parse(attempt.at) > windowStart);
  if (recent.length < MAX_CHECKS_PER_WINDOW) return undefined;
  const oldest = Date.parse(recent[0]!.at);
  return Math.max(1, Math.ceil((oldest + CHECK_WINDOW_SECONDS * 1000 - now.getTime()) / 1000));
}

function withAttempt(request: TakeoverRequest, attempt: TakeoverAttempt): TakeoverRequest {
  return { ...request, attempts: [...request.attempts, attempt] };
}

function microsoftAttempt(answer: MicrosoftCheck, at: Date, automatic: boolean): TakeoverAttempt {
  const outcome = answer.kind === 'confirmed' ? 'confirmed' : answer.kind === 'notYet' ? 'notConfirmed' : 'microsoftUnavailable';
  return { at: at.toISOString(), outcome, found: answer.kind === 'notYet' ? [answer.seen] : answer.kind === 'cannotAsk' ? [answer.why] : [], automatic };
}

/** A request whose value changed: the record seen for the old value says nothing about the new one. */
function withoutRecordFound(request: TakeoverRequest): TakeoverRequest {
  const copy = { ...request };
  delete copy.recordFoundAt;
  return copy;
}

/** A request waiting for its value takes the kind chosen when it is resumed. */
function withKind(request: TakeoverRequest, kind: TakeoverKind, targetOrgId: string | undefined): TakeoverRequest {
  const copy: TakeoverRequest = { ...request, kind };
  delete copy.targetOrgId;
  return targetOrgId ? { ...copy, targetOrgId } : copy;
}

function withoutReportMark(admin: OrgAdmin): OrgAdmin {
  const copy = { ...admin };
  delete copy.reportedByUser;
  return copy;
}

/** The address is on one of the organization's domains. */
function hasAddressIn(organization: Organization, email: string | undefined): boolean {
  const domain = emailDomain(email);
  return domain !== undefined && organization.domains.includes(domain);
}

/** How many members use each service that needs a license. */
async function licenseNeeds(tx: DirectoryTransaction, orgId: string): Promise<LicenseNeed[]> {
  const counts = new Map<string, number>();
  for (const member of await tx.membersOf(orgId)) {
    for (const name of member.services) if (serviceNamed(name)?.needsLicense) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts].map(([service, count]) => ({ service, count })).sort((a, b) => a.service.localeCompare(b.service));
}

/** The admin entry is the requester's: by user id, or by address. */
function isRequester(admin: OrgAdmin, requester: TakeoverRequester): boolean {
  const ids = [requester.aadObjectId, requester.userId].filter(Boolean);
  return (admin.userId !== undefined && ids.includes(admin.userId)) || (requester.email !== undefined && admin.email.toLowerCase() === requester.email.toLowerCase());
}

/**
 * The organization's members besides the new admin: the ones who can now turn to them. The admin is known by
 * their address, or as the Teams user who signed up (with another address than the one Teams gives).
 */
async function otherMembers(tx: Pick<DirectoryTransaction, 'membersOf'>, orgId: string, admin: TakeoverRequester): Promise<number> {
  const members = await tx.membersOf(orgId);
  const adminIds = new Set([admin.userId, admin.aadObjectId].filter(Boolean));
  const isAdmin = (member: Member) => member.email === admin.email?.toLowerCase() || (member.userId !== undefined && adminIds.has(member.userId));
  return members.filter((member) => !isAdmin(member)).length;
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
    ...(requester.tenantId ? { tenantId: requester.tenantId } : {}),
  };
}

function audit(tx: DirectoryTransaction, at: Date, request: TakeoverRequest, action: string, outcome: string): Promise<void> {
  const actor = request.requester.email ?? request.requester.aadObjectId ?? request.requester.userId;
  return tx.audit({ at: at.toISOString(), actor, action, subject: request.domain, outcome });
}

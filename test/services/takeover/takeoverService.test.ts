import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import type { Member } from '../../../services/ports/directory.js';
import { DnsTxtChecker } from '../../../services/takeover/dnsTxtCheck.js';
import type { Requester } from '../../../services/organizations/findOrganization.js';
import type { Organization } from '../../../services/models/organization.js';
import type { TakeoverKind, TakeoverRequest } from '../../../services/models/takeoverRequest.js';
import {
  CHECK_WINDOW_SECONDS,
  EMPTIED_ORGANIZATION_DAYS,
  MAX_CHECKS_PER_WINDOW,
  REFUSED_NOT_REQUESTER,
  REQUEST_LIFETIME_DAYS,
  TakeoverService,
  type Actor,
  type ReachAt,
} from '../../../services/takeover/takeoverService.js';
import { startDnsServer, type TestDnsServer } from '../../helpers/dnsServer.js';
import { contoso, fabrikam, organization, unmanagedTailspin } from '../../helpers/fixtures.js';
import { testStoreKind } from '../../helpers/storeUnderTest.js';
import { useTestStore } from '../../helpers/tempStore.js';

const START = new Date('2026-03-02T10:00:00.000Z');
const MINUTE_MS = 60 * 1000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const TAILSPIN = 'tailspin.example';

/** Signed up on the unmanaged domain; wants to become its admin. */
const sara: Requester = { userId: '29:sara', aadObjectId: 'aad-sara', name: 'Sara Davis', email: 'sara@tailspin.example', tenantId: 'tenant-tailspin' };
/** A colleague of Sara's with the same idea. */
const tom: Requester = { userId: '29:tom', aadObjectId: 'aad-tom', name: 'Tom Hart', email: 'tom@tailspin.example', tenantId: 'tenant-tailspin' };
/** Contoso's recorded admin (by Entra object id): may take a domain over into Contoso. */
const megan: Requester = { userId: '29:megan', aadObjectId: 'aad-megan', name: 'Megan Bowen', email: 'megan@contoso.com', tenantId: 'tenant-contoso' };

const reachSara: ReachAt = { conversation: { id: 'conversation-sara' }, language: 'en' };

const northwind = organization({
  id: 'org-northwind',
  displayName: 'Northwind',
  domains: ['northwind.example'],
  admins: [{ userId: '29:lee', name: 'Lee Gu', email: 'lee@northwind.example', since: '2026-01-05T09:00:00.000Z' }],
});

function actorOf(requester: Requester): Actor {
  return requester.aadObjectId ? { userId: requester.userId, aadObjectId: requester.aadObjectId } : { userId: requester.userId };
}

function reachOf(requester: Requester): ReachAt {
  return { conversation: { id: `conversation-${requester.userId}` } };
}

function member(email: string, orgId: string, services: string[] = []): Member {
  return { email, orgId, joinedVia: 'selfService', services, joinedAt: '2026-02-01T09:00:00.000Z' };
}

function unmanaged(domain: string): Organization {
  return organization({ id: `org-${domain}`, displayName: domain, domains: [domain], managed: false });
}

/** The run's store: the embedded file, or PostgreSQL (HELPDESK_TEST_STORE=postgres). */
const store = useTestStore();
/** What is on disk exists only in a file run. */
const fileOnly = testStoreKind() === 'file' ? it : it.skip;
let dns: TestDnsServer;
let clock: Date;
let service: TakeoverService;

beforeAll(async () => {
  dns = await startDnsServer();
});
afterAll(async () => {
  await dns.close();
});
beforeEach(() => {
  dns.clear();
  clock = START;
  service = new TakeoverService({
    directory: store.directory,
    checker: new DnsTxtChecker({ servers: dns.servers, timeoutMs: 500, tries: 1 }),
    now: () => clock,
  });
});

function advance(ms: number): void {
  clock = new Date(clock.getTime() + ms);
}

/** Puts organizations and members in the directory, as an import would. */
async function given(organizations: Organization[], members: Member[] = []): Promise<void> {
  await store.directory.transaction(async (tx) => {
    for (const org of organizations) await tx.saveOrganization(org);
    for (const m of members) await tx.saveMember(m);
  });
}

/** Tailspin unmanaged with two colleagues who signed up for free services, and Contoso managed by Megan. */
async function givenTailspin(...extraMembers: Member[]): Promise<void> {
  await given(
    [unmanagedTailspin, contoso],
    [member('ann@tailspin.example', unmanagedTailspin.id, ['Power BI']), member('bob@tailspin.example', unmanagedTailspin.id, ['Power Apps']), ...extraMembers],
  );
}

/** Publishes these values as TXT records at the domain, one record each. */
function publish(domain: string, ...values: string[]): void {
  dns.setTxt(domain, values.map((value) => [value]));
}

async function started(requester: Requester, domain = TAILSPIN, kind: TakeoverKind = 'internal'): Promise<TakeoverRequest> {
  const result = await service.start(requester, reachOf(requester), domain, kind);
  if (result.kind !== 'started') throw new Error(`test: expected a started request for ${requester.userId} on ${domain}, got ${result.kind}`);
  return result.request;
}

/** Starts, publishes the token and verifies: the request is ready to complete. */
async function verified(requester: Requester, domain = TAILSPIN, kind: TakeoverKind = 'internal'): Promise<TakeoverRequest> {
  const request = await started(requester, domain, kind);
  publish(domain, request.token);
  const result = await service.verify(request.id, actorOf(requester));
  if (result.kind !== 'checked' || result.outcome.kind !== 'verified') throw new Error(`test: expected ${request.id} verified, got ${result.kind}`);
  return result.request;
}

async function stored(id: string): Promise<TakeoverRequest> {
  const request = await store.directory.findTakeover(id);
  if (!request) throw new Error(`test: request "${id}" is not stored`);
  return request;
}

/** Everything the directory holds that these tests touch, to show that a step changed nothing. */
async function snapshot(): Promise<unknown> {
  const organizations = await store.directory.listOrganizations();
  const domains = organizations.flatMap((org) => org.domains);
  return {
    organizations,
    members: await Promise.all(organizations.map((org) => store.directory.membersOf(org.id))),
    takeovers: await store.directory.transaction(async (tx) => (await Promise.all(domains.map((domain) => tx.takeoversFor(domain)))).flat()),
    audit: await Promise.all(domains.map((domain) => store.directory.auditTrail(domain, 1000))),
  };
}

/** A snapshot without its audit trail: a refused step adds an audit entry and must change nothing else. */
function withoutAudit(taken: unknown): unknown {
  return { ...(taken as Record<string, unknown>), audit: undefined };
}

/** The refusals audited under a domain, as [actor, action]. */
async function auditedRefusals(domain: string): Promise<[string, string][]> {
  return (await store.directory.auditTrail(domain, 1000)).filter((entry) => entry.outcome === REFUSED_NOT_REQUESTER).map((entry) => [entry.actor, entry.action]);
}

/** The store file as it is on disk in a file run (every change is written before it resolves); undefined in a PostgreSQL run. */
async function fileText(): Promise<string | undefined> {
  return store.path === undefined ? undefined : readFile(store.path, 'utf8');
}

async function storedOrganization(id: string): Promise<Organization> {
  const org = await store.directory.findById(id);
  if (!org) throw new Error(`test: organization "${id}" is not stored`);
  return org;
}

describe('TakeoverService.options', () => {
  it('offers a takeover of an unmanaged domain with its member count', async () => {
    await givenTailspin();

    const options = await service.options(sara, TAILSPIN);

    expect(options).toEqual({ kind: 'possible', organization: unmanagedTailspin, members: 2, externalTargets: [], internalOnly: false, open: undefined });
  });

  it('refuses a managed domain with its status, which names the organization but not its admins', async () => {
    await givenTailspin();

    const options = await service.options(sara, 'contoso.com');

    expect(options).toEqual({
      kind: 'notPossible',
      status: { kind: 'managed', domain: 'contoso.com', organization: { id: contoso.id, displayName: contoso.displayName }, maskedAdmins: [expect.stringMatching(/^m\*+@contoso\.com$/)] },
    });
  });

  it('refuses the managed domain its own admin asks about as theirs', async () => {
    await givenTailspin();

    expect(await service.options(megan, 'contoso.com')).toEqual({ kind: 'notPossible', status: { kind: 'yours', domain: 'contoso.com', organization: contoso } });
  });

  it('refuses a domain the directory does not know', async () => {
    await givenTailspin();

    expect(await service.options(sara, 'unknown.example')).toEqual({ kind: 'notPossible', status: { kind: 'free', domain: 'unknown.example' } });
  });

  it('refuses a subdomain of an unmanaged domain, naming the parent', async () => {
    await givenTailspin();

    expect(await service.options(sara, 'sales.tailspin.example')).toEqual({
      kind: 'notPossible',
      status: { kind: 'subdomain', domain: 'sales.tailspin.example', parent: TAILSPIN, organization: { id: unmanagedTailspin.id, displayName: unmanagedTailspin.displayName } },
    });
  });

  it('lists as external targets only the managed organizations that record the requester as admin', async () => {
    const recordsSaraAsAdminButUnmanaged = organization({
      id: 'org-odd',
      displayName: 'Odd',
      domains: ['odd.example'],
      managed: false,
      admins: [{ userId: 'aad-sara', name: 'Sara Davis', email: 'sara@tailspin.example', since: '2026-01-05T09:00:00.000Z' }],
    });
    await given([unmanagedTailspin, contoso, fabrikam, northwind, recordsSaraAsAdminButUnmanaged]);

    const targetsOf = async (requester: Requester) => {
      const options = await service.options(requester, TAILSPIN);
      if (options.kind !== 'possible') throw new Error(`test: expected possible, got ${options.kind}`);
      return options.externalTargets.map((org) => org.id).sort();
    };

    expect(await targetsOf(megan)).toEqual([contoso.id]);
    expect(await targetsOf({ userId: '29:lee' })).toEqual([northwind.id]);
    expect(await targetsOf({ userId: '29:someone', email: 'JAN@fabrikam.nl' })).toEqual([fabrikam.id]);
    expect(await targetsOf({ userId: '29:megan-elsewhere', aadObjectId: 'aad-megan', email: 'jan@fabrikam.nl' })).toEqual([contoso.id, fabrikam.id]);
    expect(await targetsOf(sara)).toEqual([]);
  });

  it('allows only an internal takeover when a member signed up for a plan with SharePoint', async () => {
    await givenTailspin(member('cy@tailspin.example', unmanagedTailspin.id, ['Office 365 A1']));

    expect(await service.options(sara, TAILSPIN)).toMatchObject({ kind: 'possible', members: 3, internalOnly: true });
  });

  it("offers the requester's own open request to resume, and not someone else's", async () => {
    await givenTailspin();
    const request = await started(sara);

    expect(await service.options(sara, TAILSPIN)).toMatchObject({ kind: 'possible', open: { id: request.id, token: request.token } });
    expect(await service.options(tom, TAILSPIN)).toMatchObject({ kind: 'possible', open: undefined });

    await service.cancel(request.id, actorOf(sara));
    expect(await service.options(sara, TAILSPIN)).toMatchObject({ kind: 'possible', open: undefined });
  });
});

describe('TakeoverService.start', () => {
  it('creates a pending request with an MS=ms token that lives seven days', async () => {
    await givenTailspin();

    const result = await service.start(sara, reachSara, TAILSPIN, 'internal');

    expect(result.kind).toBe('started');
    if (result.kind !== 'started') return;
    const request = result.request;
    expect(request.token).toMatch(/^MS=ms\d{8}$/);
    expect(request).toMatchObject({
      domain: TAILSPIN,
      orgId: unmanagedTailspin.id,
      kind: 'internal',
      status: 'pending',
      attempts: [],
      recheck: false,
      requester: { userId: sara.userId, aadObjectId: sara.aadObjectId, name: sara.name, email: sara.email, conversation: reachSara.conversation, language: 'en' },
      createdAt: START.toISOString(),
      expiresAt: new Date(START.getTime() + REQUEST_LIFETIME_DAYS * DAY_MS).toISOString(),
    });
    expect(request.targetOrgId).toBeUndefined();
    expect(await stored(request.id)).toEqual(request);
  });

  it('gives every request its own token', async () => {
    await given([unmanagedTailspin, ...Array.from({ length: 5 }, (_, index) => unmanaged(`t${index}.example`))]);

    const tokens = [await started(sara), await started(tom), ...(await Promise.all(Array.from({ length: 5 }, (_, index) => started(sara, `t${index}.example`))))].map((r) => r.token);

    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('resumes the same request and token when the requester starts again, and keeps one per requester', async () => {
    await givenTailspin();
    const first = await started(sara);
    advance(MINUTE_MS);

    const again = await service.start(sara, reachSara, TAILSPIN, 'internal');
    const other = await service.start(tom, reachOf(tom), TAILSPIN, 'internal');

    expect(again).toMatchObject({ kind: 'resumed', request: { id: first.id, token: first.token, createdAt: first.createdAt } });
    expect(other.kind).toBe('started');
    if (other.kind !== 'started') return;
    expect(other.request.id).not.toBe(first.id);
    expect(other.request.token).not.toBe(first.token);
    const open = await store.directory.openTakeovers();
    expect(open.map((request) => request.requester.userId).sort()).toEqual([sara.userId, tom.userId]);
  });

  it('starts a new request after the previous one was cancelled', async () => {
    await givenTailspin();
    const first = await started(sara);
    await service.cancel(first.id, actorOf(sara));

    const second = await service.start(sara, reachSara, TAILSPIN, 'internal');

    expect(second.kind).toBe('started');
    if (second.kind === 'started') expect(second.request.id).not.toBe(first.id);
  });

  it('refuses an external takeover to a requester who administers no organization', async () => {
    await givenTailspin();

    expect(await service.start(sara, reachSara, TAILSPIN, 'external')).toEqual({ kind: 'externalNotAllowed' });
    expect(await store.directory.openTakeovers()).toEqual([]);
  });

  it('refuses an external takeover when a member uses a plan with SharePoint, but allows an internal one', async () => {
    await givenTailspin(member('cy@tailspin.example', unmanagedTailspin.id, ['Office 365 A1']));

    expect(await service.start(megan, reachOf(megan), TAILSPIN, 'external')).toEqual({ kind: 'externalNotAllowed' });
    expect((await service.start(megan, reachOf(megan), TAILSPIN, 'internal')).kind).toBe('started');
  });

  it("starts an external takeover into the requester's organization", async () => {
    await givenTailspin();

    const request = await started(megan, TAILSPIN, 'external');

    expect(request).toMatchObject({ kind: 'external', targetOrgId: contoso.id, orgId: unmanagedTailspin.id });
  });

  it('refuses a managed domain and records nothing', async () => {
    await givenTailspin();

    expect(await service.start(sara, reachSara, 'contoso.com', 'internal')).toEqual({ kind: 'notPossible' });
    expect(await service.start(megan, reachOf(megan), 'contoso.com', 'internal')).toEqual({ kind: 'notPossible' });
    expect(await store.directory.openTakeovers()).toEqual([]);
    expect(await store.directory.auditTrail('contoso.com', 10)).toEqual([]);
  });

  it('takes the address given in chat only when Teams gave none', async () => {
    await givenTailspin();
    const withoutEmail: Requester = { userId: '29:guest' };

    const fromChat = await service.start(withoutEmail, { ...reachOf(withoutEmail), contactEmail: 'guest@tailspin.example' }, TAILSPIN, 'internal');
    const fromTeams = await service.start(sara, { ...reachSara, contactEmail: 'someone.else@tailspin.example' }, TAILSPIN, 'internal');

    expect(fromChat).toMatchObject({ kind: 'started', request: { requester: { userId: '29:guest', email: 'guest@tailspin.example' } } });
    expect(fromTeams).toMatchObject({ kind: 'started', request: { requester: { userId: sara.userId, email: sara.email } } });
  });
});

describe('TakeoverService.verify', () => {
  it('records a missing record as a noRecord attempt and stays pending', async () => {
    await givenTailspin();
    const request = await started(sara);
    advance(MINUTE_MS);

    const result = await service.verify(request.id, actorOf(sara));

    expect(result).toMatchObject({ kind: 'checked', outcome: { kind: 'noRecord' } });
    const after = await stored(request.id);
    expect(after.status).toBe('pending');
    expect(after.attempts).toEqual([{ at: clock.toISOString(), outcome: 'noRecord', found: [], automatic: false }]);
  });

  it('records the values found when the record holds something else', async () => {
    await givenTailspin();
    const request = await started(sara);
    const withoutPrefix = request.token.slice('MS='.length);
    publish(TAILSPIN, withoutPrefix, 'v=spf1 -all');

    const result = await service.verify(request.id, actorOf(sara));

    expect(result).toMatchObject({ kind: 'checked', outcome: { kind: 'wrongValue', found: [withoutPrefix, 'v=spf1 -all'], mistakes: ['missingPrefix'] } });
    expect((await stored(request.id)).attempts).toEqual([{ at: START.toISOString(), outcome: 'wrongValue', found: [withoutPrefix, 'v=spf1 -all'], automatic: false }]);
  });

  it('records the wrong host the token was put at', async () => {
    await givenTailspin();
    const request = await started(sara);
    publish(`www.${TAILSPIN}`, request.token);

    const result = await service.verify(request.id, actorOf(sara));

    expect(result).toMatchObject({ kind: 'checked', outcome: { kind: 'wrongHost', host: `www.${TAILSPIN}` } });
    expect((await stored(request.id)).attempts).toEqual([{ at: START.toISOString(), outcome: 'wrongHost', found: [`www.${TAILSPIN}`], automatic: false }]);
  });

  it('records a failing DNS server as a dnsFailure attempt', async () => {
    await givenTailspin();
    const request = await started(sara);
    dns.setBehaviour(TAILSPIN, 'servfail');

    const result = await service.verify(request.id, actorOf(sara));

    expect(result).toMatchObject({ kind: 'checked', outcome: { kind: 'dnsFailure', reason: 'servfail' } });
    const after = await stored(request.id);
    expect(after.status).toBe('pending');
    expect(after.attempts).toEqual([{ at: START.toISOString(), outcome: 'dnsFailure', found: [], automatic: false }]);
  });

  it('marks the request verified when the token is there', async () => {
    await givenTailspin();
    const request = await started(sara);
    publish(TAILSPIN, 'v=spf1 -all', request.token);
    advance(5 * MINUTE_MS);

    const result = await service.verify(request.id, actorOf(sara));

    expect(result).toMatchObject({ kind: 'checked', outcome: { kind: 'verified' }, request: { status: 'verified', verifiedAt: clock.toISOString() } });
    expect(await stored(request.id)).toMatchObject({
      status: 'verified',
      verifiedAt: clock.toISOString(),
      attempts: [{ at: clock.toISOString(), outcome: 'verified', found: [], automatic: false }],
    });
  });

  it('answers a verified request without asking DNS again', async () => {
    await givenTailspin();
    const request = await verified(sara);
    dns.clear();

    expect(await service.verify(request.id, actorOf(sara))).toMatchObject({ kind: 'alreadyVerified', request: { id: request.id } });
    expect(dns.queries).toEqual([]);
  });

  it('limits manual checks to five in ten minutes and allows the next once the oldest is out of the window', async () => {
    await givenTailspin();
    const request = await started(sara);
    for (let check = 1; check <= MAX_CHECKS_PER_WINDOW; check++) {
      expect((await service.verify(request.id, actorOf(sara))).kind).toBe('checked');
      advance(MINUTE_MS);
    }
    const queriesBefore = dns.queries.length;

    const sixth = await service.verify(request.id, actorOf(sara));

    // Five checks at minutes 0..4; now is minute 5, so the one at minute 0 leaves the window in 5 minutes.
    expect(sixth).toMatchObject({ kind: 'rateLimited', retryAfterSeconds: CHECK_WINDOW_SECONDS - 5 * 60 });
    expect(dns.queries.length).toBe(queriesBefore);
    expect((await stored(request.id)).attempts).toHaveLength(MAX_CHECKS_PER_WINDOW);

    advance(CHECK_WINDOW_SECONDS * 1000 - 5 * MINUTE_MS - 1000);
    expect(await service.verify(request.id, actorOf(sara))).toMatchObject({ kind: 'rateLimited', retryAfterSeconds: 1 });

    advance(1000);
    expect((await service.verify(request.id, actorOf(sara))).kind).toBe('checked');
    expect((await stored(request.id)).attempts).toHaveLength(MAX_CHECKS_PER_WINDOW + 1);
  });

  it('keeps the limit when the button is pressed many times at once', async () => {
    await givenTailspin();
    const request = await started(sara);

    const results = await Promise.all(Array.from({ length: MAX_CHECKS_PER_WINDOW + 3 }, () => service.verify(request.id, actorOf(sara))));

    expect(results.filter((result) => result.kind === 'checked')).toHaveLength(MAX_CHECKS_PER_WINDOW);
    expect(results.filter((result) => result.kind === 'rateLimited')).toHaveLength(3);
    expect((await stored(request.id)).attempts).toHaveLength(MAX_CHECKS_PER_WINDOW);
  });

  it('does not count the background re-checks against the limit', async () => {
    await givenTailspin();
    const request = await started(sara);
    await service.recheckLater(request.id, actorOf(sara));
    for (let round = 0; round < 2 * MAX_CHECKS_PER_WINDOW; round++) await service.recheckDue();

    expect((await service.verify(request.id, actorOf(sara))).kind).toBe('checked');
    const attempts = (await stored(request.id)).attempts;
    expect(attempts.filter((attempt) => attempt.automatic)).toHaveLength(2 * MAX_CHECKS_PER_WINDOW);
    expect(attempts.filter((attempt) => !attempt.automatic)).toHaveLength(1);
  });

  it('still checks just before seven days are up', async () => {
    await givenTailspin();
    const request = await started(sara);
    advance(REQUEST_LIFETIME_DAYS * DAY_MS - 1000);

    expect((await service.verify(request.id, actorOf(sara))).kind).toBe('checked');
  });

  it('expires the request after seven days without asking DNS', async () => {
    await givenTailspin();
    const request = await started(sara);
    publish(TAILSPIN, request.token);
    advance(REQUEST_LIFETIME_DAYS * DAY_MS);

    const result = await service.verify(request.id, actorOf(sara));

    expect(result).toMatchObject({ kind: 'expired', request: { id: request.id, status: 'expired', endedBecause: 'expired' } });
    expect(await stored(request.id)).toMatchObject({ status: 'expired', endedBecause: 'expired', attempts: [] });
    expect(dns.queries).toEqual([]);
    expect(await service.verify(request.id, actorOf(sara))).toMatchObject({ kind: 'expired' });
    expect(dns.queries).toEqual([]);
  });

  it('answers a cancelled request as ended without asking DNS', async () => {
    await givenTailspin();
    const request = await started(sara);
    await service.cancel(request.id, actorOf(sara));

    expect(await service.verify(request.id, actorOf(sara))).toMatchObject({ kind: 'ended', request: { status: 'cancelled' } });
    expect(dns.queries).toEqual([]);
  });

  it('answers an unknown request id as unknown', async () => {
    await givenTailspin();

    expect(await service.verify('no-such-request', actorOf(sara))).toEqual({ kind: 'unknownRequest' });
    expect(await service.complete('no-such-request', actorOf(sara))).toEqual({ kind: 'unknownRequest' });
    expect(await service.cancel('no-such-request', actorOf(sara))).toEqual({ kind: 'unknownRequest' });
    expect(await service.recheckLater('no-such-request', actorOf(sara))).toEqual({ kind: 'unknownRequest' });
    expect(await service.decideLicenses('no-such-request', actorOf(sara), 'buy')).toEqual({ kind: 'unknownRequest' });
    expect(dns.queries).toEqual([]);
  });

  it("refuses another user's verify, changes nothing else, and audits each attempt with who tried", async () => {
    await givenTailspin(member('cy@tailspin.example', unmanagedTailspin.id, ['Power Virtual Agents']));
    const request = await started(sara);
    publish(TAILSPIN, request.token);
    const before = await snapshot();
    // Tom, and someone reusing Sara's channel id with another Entra object id.
    const others: Actor[] = [actorOf(tom), { userId: sara.userId, aadObjectId: 'aad-impostor' }];

    for (const other of others) {
      expect(await service.verify(request.id, other)).toEqual({ kind: 'notYours' });
      expect(await service.recheckLater(request.id, other)).toEqual({ kind: 'notYours' });
      expect(await service.cancel(request.id, other)).toEqual({ kind: 'notYours' });
      expect(await service.complete(request.id, other)).toEqual({ kind: 'notYours' });
      expect(await service.decideLicenses(request.id, other, 'buy')).toEqual({ kind: 'notYours' });
    }

    expect(withoutAudit(await snapshot())).toEqual(withoutAudit(before));
    const steps = ['takeover.verify', 'takeover.recheckLater', 'takeover.cancel', 'takeover.complete', 'takeover.licenses'];
    expect(await auditedRefusals(TAILSPIN)).toEqual(['aad-tom', 'aad-impostor'].flatMap((actor) => steps.map((action) => [actor, action])));
    expect(dns.queries).toEqual([]);
  });

  it('refuses a step on a request that does not exist without auditing it', async () => {
    await givenTailspin();
    await started(sara);
    const before = await snapshot();

    expect(await service.verify('00000000-0000-4000-8000-000000000000', actorOf(tom))).toEqual({ kind: 'unknownRequest' });
    expect(await service.cancel('00000000-0000-4000-8000-000000000000', actorOf(tom))).toEqual({ kind: 'unknownRequest' });

    expect(await snapshot()).toEqual(before);
  });

  it("refuses another user's steps on a verified request too, and audits them", async () => {
    await givenTailspin();
    const request = await verified(sara);
    const before = await snapshot();

    expect(await service.complete(request.id, actorOf(tom))).toEqual({ kind: 'notYours' });
    expect(await service.decideLicenses(request.id, actorOf(tom), 'postpone')).toEqual({ kind: 'notYours' });
    expect(await service.cancel(request.id, actorOf(tom))).toEqual({ kind: 'notYours' });

    expect(withoutAudit(await snapshot())).toEqual(withoutAudit(before));
    expect(await auditedRefusals(TAILSPIN)).toEqual([
      ['aad-tom', 'takeover.complete'],
      ['aad-tom', 'takeover.licenses'],
      ['aad-tom', 'takeover.cancel'],
    ]);
    expect((await storedOrganization(unmanagedTailspin.id)).managed).toBe(false);
  });
});

describe('TakeoverService.recheckLater', () => {
  it('turns the background check on for a pending request', async () => {
    await givenTailspin();
    const request = await started(sara);

    expect(await service.recheckLater(request.id, actorOf(sara))).toMatchObject({ kind: 'willRecheck', request: { recheck: true } });
    expect((await stored(request.id)).recheck).toBe(true);
  });

  it('answers a verified request as verified and an ended one as ended', async () => {
    await givenTailspin();
    const done = await verified(sara);
    const cancelled = await started(tom);
    await service.cancel(cancelled.id, actorOf(tom));

    expect(await service.recheckLater(done.id, actorOf(sara))).toMatchObject({ kind: 'alreadyVerified' });
    expect(await service.recheckLater(cancelled.id, actorOf(tom))).toMatchObject({ kind: 'ended' });
    expect((await stored(cancelled.id)).recheck).toBe(false);
  });
});

describe('TakeoverService.recheckDue', () => {
  it('checks only pending requests that asked for it, and returns the newly verified ones', async () => {
    await given([unmanagedTailspin, unmanaged('wingtip.example'), unmanaged('litware.example')]);
    const asked = await started(sara);
    const notAsked = await started(tom);
    const askedNoRecord = await started(sara, 'wingtip.example');
    const askedButCancelled = await started(sara, 'litware.example');
    for (const request of [asked, askedNoRecord, askedButCancelled]) await service.recheckLater(request.id, actorOf(sara));
    await service.cancel(askedButCancelled.id, actorOf(sara));
    publish(TAILSPIN, asked.token, notAsked.token);
    publish('litware.example', askedButCancelled.token);
    advance(MINUTE_MS);

    const found = await service.recheckDue();

    expect(found.map((request) => request.id)).toEqual([asked.id]);
    expect(found[0]).toMatchObject({ status: 'verified', verifiedAt: clock.toISOString() });
    expect(await stored(asked.id)).toMatchObject({ status: 'verified', attempts: [{ outcome: 'verified', automatic: true, at: clock.toISOString() }] });
    expect(await stored(notAsked.id)).toMatchObject({ status: 'pending', attempts: [] });
    expect(await stored(askedNoRecord.id)).toMatchObject({ status: 'pending', attempts: [{ outcome: 'noRecord', automatic: true }] });
    expect(await stored(askedButCancelled.id)).toMatchObject({ status: 'cancelled', attempts: [] });
    expect(dns.queries).not.toContain('litware.example');
  });

  it('does not return a request again once it is verified', async () => {
    await givenTailspin();
    const request = await started(sara);
    await service.recheckLater(request.id, actorOf(sara));
    publish(TAILSPIN, request.token);

    expect((await service.recheckDue()).map((r) => r.id)).toEqual([request.id]);
    expect(await service.recheckDue()).toEqual([]);
  });

  it('expires a request it re-checks after seven days, without asking DNS', async () => {
    await givenTailspin();
    const request = await started(sara);
    await service.recheckLater(request.id, actorOf(sara));
    publish(TAILSPIN, request.token);
    advance(REQUEST_LIFETIME_DAYS * DAY_MS);

    expect(await service.recheckDue()).toEqual([]);
    expect(await stored(request.id)).toMatchObject({ status: 'expired', endedBecause: 'expired' });
    expect(dns.queries).toEqual([]);
  });
});

describe('TakeoverService.markNotified', () => {
  it('says true to the first caller only', async () => {
    await givenTailspin();
    const request = await verified(sara);
    advance(MINUTE_MS);

    expect(await service.markNotified(request.id)).toBe(true);
    expect(await service.markNotified(request.id)).toBe(false);
    expect((await stored(request.id)).notifiedAt).toBe(clock.toISOString());
  });

  it('says false for an unknown request', async () => {
    expect(await service.markNotified('no-such-request')).toBe(false);
  });
});

describe('TakeoverService.cancel', () => {
  it('cancels an open request, once', async () => {
    await givenTailspin();
    const request = await started(sara);

    expect(await service.cancel(request.id, actorOf(sara))).toMatchObject({ kind: 'cancelled', request: { status: 'cancelled', endedBecause: 'cancelled' } });
    expect(await service.cancel(request.id, actorOf(sara))).toMatchObject({ kind: 'ended' });
    expect(await store.directory.openTakeovers()).toEqual([]);
  });
});

describe('TakeoverService.complete (internal)', () => {
  it('refuses a request that is not verified yet', async () => {
    await givenTailspin();
    const request = await started(sara);

    expect(await service.complete(request.id, actorOf(sara))).toMatchObject({ kind: 'notVerified', request: { status: 'pending' } });
    expect((await storedOrganization(unmanagedTailspin.id)).managed).toBe(false);
  });

  it('makes the requester the only admin and a member, and ends the other requests for the domain', async () => {
    await givenTailspin();
    const others = await started(tom);
    const request = await verified(sara);
    advance(MINUTE_MS);

    const result = await service.complete(request.id, actorOf(sara));

    const admin = { userId: 'aad-sara', name: 'Sara Davis', email: 'sara@tailspin.example', since: clock.toISOString() };
    expect(result).toMatchObject({ kind: 'completed', request: { status: 'completed', completedAt: clock.toISOString() }, organization: { id: unmanagedTailspin.id, managed: true, admins: [admin] } });
    expect(await storedOrganization(unmanagedTailspin.id)).toEqual({ ...unmanagedTailspin, managed: true, admins: [admin] });
    expect(await store.directory.findMember('sara@tailspin.example')).toEqual({
      email: 'sara@tailspin.example',
      orgId: unmanagedTailspin.id,
      joinedVia: 'takeover',
      services: [],
      joinedAt: clock.toISOString(),
      userId: 'aad-sara',
    });
    expect(await store.directory.countMembers(unmanagedTailspin.id)).toBe(3);
    expect(await stored(request.id)).toMatchObject({ status: 'completed', completedAt: clock.toISOString() });
    expect(await stored(others.id)).toMatchObject({ status: 'cancelled', endedBecause: 'takenOverByOther' });
    expect(await service.complete(others.id, actorOf(tom))).toMatchObject({ kind: 'takenOverByOther' });
    expect(await service.options(tom, TAILSPIN)).toMatchObject({ kind: 'notPossible', status: { kind: 'member' } });
  });

  it('answers completing again with the same result and changes nothing', async () => {
    await givenTailspin();
    const request = await verified(sara);
    const first = await service.complete(request.id, actorOf(sara));
    const before = await snapshot();
    const beforeOnDisk = await fileText();
    advance(MINUTE_MS);

    expect(await service.complete(request.id, actorOf(sara))).toEqual(first);
    expect(await snapshot()).toEqual(before);
    expect(await fileText()).toBe(beforeOnDisk);
  });

  it('names an admin without an Entra object id or a name by their Teams id and email', async () => {
    await givenTailspin();
    const plain: Requester = { userId: '29:plain', email: 'plain@tailspin.example' };
    const request = await verified(plain);

    const result = await service.complete(request.id, actorOf(plain));

    expect(result).toMatchObject({ kind: 'completed', organization: { admins: [{ userId: '29:plain', name: 'plain@tailspin.example', email: 'plain@tailspin.example' }] } });
    expect(await store.directory.findMember('plain@tailspin.example')).toMatchObject({ orgId: unmanagedTailspin.id, joinedVia: 'takeover', userId: '29:plain' });
  });

  it("keeps a colleague who signed up before as they were, apart from the organization's new admin", async () => {
    await givenTailspin(member('sara@tailspin.example', unmanagedTailspin.id, ['Power BI']));
    const request = await verified(sara);

    await service.complete(request.id, actorOf(sara));

    expect(await store.directory.findMember('sara@tailspin.example')).toEqual(member('sara@tailspin.example', unmanagedTailspin.id, ['Power BI']));
  });

  it('leaves a member of another organization where they are when the address given in chat is theirs', async () => {
    await givenTailspin(member('megan@contoso.com', contoso.id));
    const guest: Requester = { userId: '29:guest' };
    const start = await service.start(guest, { ...reachOf(guest), contactEmail: 'megan@contoso.com' }, TAILSPIN, 'internal');
    if (start.kind !== 'started') throw new Error(`test: expected started, got ${start.kind}`);
    publish(TAILSPIN, start.request.token);
    await service.verify(start.request.id, actorOf(guest));

    expect((await service.complete(start.request.id, actorOf(guest))).kind).toBe('completed');

    expect(await store.directory.findMember('megan@contoso.com')).toEqual(member('megan@contoso.com', contoso.id));
    expect(await store.directory.countMembers(unmanagedTailspin.id)).toBe(2);
  });

  /** Tom starts, Sara starts, publishes a wrong value, then both tokens, verifies and completes. */
  async function takeoverWithAWrongValueFirst(): Promise<{ request: TakeoverRequest; loser: TakeoverRequest }> {
    await givenTailspin();
    const loser = await started(tom);
    const request = await started(sara);
    publish(TAILSPIN, request.token.slice('MS='.length));
    await service.verify(request.id, actorOf(sara));
    publish(TAILSPIN, request.token, loser.token);
    await service.verify(request.id, actorOf(sara));
    await service.complete(request.id, actorOf(sara));
    return { request, loser };
  }

  it('audits start, verify and complete under the domain, and keeps the token out of everything but the request', async () => {
    const { request, loser } = await takeoverWithAWrongValueFirst();

    const trail = await store.directory.auditTrail(TAILSPIN, 100);
    expect(trail.map((entry) => [entry.action, entry.outcome])).toEqual(
      expect.arrayContaining([
        ['takeover.start', 'internal'],
        ['takeover.verify', 'wrongValue'],
        ['takeover.verify', 'verified'],
        ['takeover.complete', 'internal'],
      ]),
    );
    expect(trail.every((entry) => entry.subject === TAILSPIN)).toBe(true);

    const organizations = await store.directory.listOrganizations();
    const members = await Promise.all(organizations.map((org) => store.directory.membersOf(org.id)));
    for (const token of [request.token, loser.token]) {
      expect(JSON.stringify({ trail, organizations, members })).not.toContain(token.slice('MS=ms'.length));
    }
    expect((await store.directory.findTakeover(request.id))?.token).toBe(request.token);
    expect((await store.directory.findTakeover(loser.id))?.token).toBe(loser.token);
  });

  fileOnly('keeps the token out of everything in the store file but the takeover requests', async () => {
    const { request, loser } = await takeoverWithAWrongValueFirst();

    const text = (await fileText())!;
    const data = JSON.parse(text) as Record<string, unknown>;
    const { takeovers, ...everythingElse } = data;
    for (const token of [request.token, loser.token]) {
      const digits = token.slice('MS=ms'.length);
      expect(JSON.stringify(takeovers)).toContain(token);
      expect(JSON.stringify(everythingElse)).not.toContain(digits);
      expect(text.split(digits).length - 1).toBe(JSON.stringify(takeovers).split(digits).length - 1);
    }
  });
});

describe('TakeoverService.complete (external)', () => {
  it("moves the domain and every member into the requester's organization, which Microsoft deletes 10 days later", async () => {
    await givenTailspin(member('megan@contoso.com', contoso.id));
    const request = await verified(megan, TAILSPIN, 'external');
    advance(MINUTE_MS);

    const result = await service.complete(request.id, actorOf(megan));

    expect(result).toMatchObject({ kind: 'completed', organization: { id: contoso.id, domains: ['contoso.com', TAILSPIN], admins: contoso.admins } });
    expect((await store.directory.findByDomain(TAILSPIN))?.id).toBe(contoso.id);
    expect(await storedOrganization(unmanagedTailspin.id)).toEqual({
      ...unmanagedTailspin,
      domains: [],
      deleteAfter: new Date(clock.getTime() + EMPTIED_ORGANIZATION_DAYS * DAY_MS).toISOString(),
    });
    expect(await store.directory.membersOf(unmanagedTailspin.id)).toEqual([]);
    expect((await store.directory.membersOf(contoso.id)).map((m) => m.email).sort()).toEqual(['ann@tailspin.example', 'bob@tailspin.example', 'megan@contoso.com']);
    expect(await store.directory.findMember('ann@tailspin.example')).toEqual(member('ann@tailspin.example', contoso.id, ['Power BI']));
    expect(await stored(request.id)).toMatchObject({ status: 'completed', completedAt: clock.toISOString() });
  });
});

describe('TakeoverService.decideLicenses', () => {
  async function givenPaidTrials(): Promise<void> {
    await given(
      [unmanagedTailspin],
      [
        member('ann@tailspin.example', unmanagedTailspin.id, ['Dynamics 365 for Financials']),
        member('bob@tailspin.example', unmanagedTailspin.id, ['Power Virtual Agents', 'Dynamics 365 for Financials']),
        member('cy@tailspin.example', unmanagedTailspin.id, ['Power BI']),
      ],
    );
  }
  const needs = [
    { service: 'Dynamics 365 for Financials', count: 2 },
    { service: 'Power Virtual Agents', count: 1 },
  ];

  it('asks for licenses before completing when members use paid trials, counting each service', async () => {
    await givenPaidTrials();
    const request = await verified(sara);

    expect(await service.complete(request.id, actorOf(sara))).toMatchObject({ kind: 'licensesNeeded', needs, request: { id: request.id } });
    expect((await storedOrganization(unmanagedTailspin.id)).managed).toBe(false);
    expect((await stored(request.id)).status).toBe('verified');
  });

  it.each(['buy', 'postpone'] as const)('records the decision to %s and completes', async (decision) => {
    await givenPaidTrials();
    const request = await verified(sara);
    advance(MINUTE_MS);

    const result = await service.decideLicenses(request.id, actorOf(sara), decision);

    const licenses = { decision, needs, decidedAt: clock.toISOString() };
    expect(result).toMatchObject({ kind: 'completed', request: { status: 'completed', licenses }, organization: { managed: true } });
    expect(await stored(request.id)).toMatchObject({ status: 'completed', licenses });
    const trail = await store.directory.auditTrail(TAILSPIN, 100);
    expect(trail.map((entry) => [entry.action, entry.outcome])).toContainEqual(['takeover.licenses', decision]);
  });

  it('records no decision for a request that is not verified', async () => {
    await givenPaidTrials();
    const request = await started(sara);

    expect(await service.decideLicenses(request.id, actorOf(sara), 'buy')).toMatchObject({ kind: 'notVerified' });
    expect((await stored(request.id)).licenses).toBeUndefined();
  });
});

describe('TakeoverService.complete (race)', () => {
  /** Two colleagues verified for the same domain (the TXT set holds both tokens) complete at the same moment. */
  async function race(domain: string, first: Requester, firstKind: TakeoverKind, second: Requester, secondKind: TakeoverKind) {
    const a = await started(first, domain, firstKind);
    const b = await started(second, domain, secondKind);
    publish(domain, a.token, b.token);
    for (const [request, requester] of [[a, first], [b, second]] as const) {
      expect(await service.verify(request.id, actorOf(requester))).toMatchObject({ kind: 'checked', outcome: { kind: 'verified' } });
    }

    const results = await Promise.all([service.complete(a.id, actorOf(first)), service.complete(b.id, actorOf(second))]);

    expect(results.map((result) => result.kind).sort()).toEqual(['completed', 'takenOverByOther']);
    const winner = results[0]?.kind === 'completed' ? { request: a, requester: first } : { request: b, requester: second };
    const loser = winner.request === a ? b : a;
    expect(await stored(winner.request.id)).toMatchObject({ status: 'completed' });
    expect(await stored(loser.id)).toMatchObject({ status: 'cancelled', endedBecause: 'takenOverByOther' });
    return { winner, loser };
  }

  it('lets exactly one of two internal requesters win, 20 times over', async () => {
    const domains = Array.from({ length: 20 }, (_, index) => `race${index}.example`);
    await given(domains.map(unmanaged));

    for (const domain of domains) {
      const { winner } = await race(domain, sara, 'internal', tom, 'internal');
      const org = await storedOrganization(`org-${domain}`);
      expect(org.managed).toBe(true);
      expect(org.admins).toEqual([expect.objectContaining({ userId: winner.requester.aadObjectId })]);
    }
  });

  it('lets exactly one win when one takes the domain over internally and the other externally', async () => {
    const domains = Array.from({ length: 10 }, (_, index) => `mixed${index}.example`);
    await given([contoso, ...domains.map(unmanaged)]);

    for (const domain of domains) {
      const { winner } = await race(domain, sara, 'internal', megan, 'external');
      const holder = await store.directory.findByDomain(domain);
      if (winner.requester === megan) {
        expect(holder?.id).toBe(contoso.id);
        expect(await storedOrganization(`org-${domain}`)).toMatchObject({ managed: false, admins: [], domains: [] });
      } else {
        expect(holder).toMatchObject({ id: `org-${domain}`, managed: true, admins: [expect.objectContaining({ userId: 'aad-sara' })] });
      }
    }
    expect((await storedOrganization(contoso.id)).admins).toEqual(contoso.admins);
  });
});

describe('TakeoverService (persistence)', () => {
  it('finds a started request again after the store is reopened (a restart)', async () => {
    await givenTailspin();
    const request = await started(sara);

    const reopened = (await store.reopen()).directory;

    const open = await reopened.openTakeovers();
    expect(open).toHaveLength(1);
    expect(open[0]).toEqual(request);
    const restarted = new TakeoverService({ directory: reopened, checker: new DnsTxtChecker({ servers: dns.servers, timeoutMs: 500, tries: 1 }), now: () => clock });
    publish(TAILSPIN, request.token);
    expect(await restarted.verify(request.id, actorOf(sara))).toMatchObject({ kind: 'checked', outcome: { kind: 'verified' } });
  });
});

describe('TakeoverService: requests past their 7 days, and what moves', () => {
  it('does not resume a request left pending past its 7 days: a new one with a new token replaces it', async () => {
    await givenTailspin();
    const old = await started(sara);
    advance((REQUEST_LIFETIME_DAYS + 1) * DAY_MS);
    const options = await service.options(sara, TAILSPIN);
    expect(options.kind === 'possible' && options.open).toBeUndefined();
    const again = await service.start(sara, reachSara, TAILSPIN, 'internal');
    expect(again.kind).toBe('started');
    expect(again.kind === 'started' && again.request.token).not.toBe(old.token);
    expect((await store.directory.findTakeover(old.id))?.status).toBe('expired');
  });

  it('answers "check for me later" on an expired request as expired', async () => {
    await givenTailspin();
    const request = await started(sara);
    advance((REQUEST_LIFETIME_DAYS + 1) * DAY_MS);
    expect((await service.recheckLater(request.id, actorOf(sara))).kind).toBe('expired');
    expect((await store.directory.findTakeover(request.id))?.recheck).toBe(false);
  });

  it('expires old pending requests in the background round, also those without re-checks', async () => {
    await givenTailspin();
    const request = await started(sara);
    advance((REQUEST_LIFETIME_DAYS + 1) * DAY_MS);
    expect(await service.recheckDue()).toEqual([]);
    expect((await store.directory.findTakeover(request.id))?.status).toBe('expired');
  });

  it('sends news of a resumed request to the conversation the requester is in now', async () => {
    await givenTailspin();
    const request = await started(sara);
    await service.start(sara, { conversation: { id: 'conversation-new' }, language: 'nl' }, TAILSPIN, 'internal');
    const stored = await store.directory.findTakeover(request.id);
    expect(stored?.requester.conversation).toEqual({ id: 'conversation-new' });
    expect(stored?.requester.language).toBe('nl');
  });

  it('moves only the members on the domain taken over externally, and deletes nothing while other domains remain', async () => {
    const twoDomains = organization({ id: 'org-tailspin', displayName: 'Tailspin', domains: [TAILSPIN, 'tailspin.nl'], managed: false });
    await given([twoDomains, contoso], [member('ann@tailspin.example', twoDomains.id), member('jan@tailspin.nl', twoDomains.id)]);
    const request = await verified(megan, TAILSPIN, 'external');
    expect((await service.complete(request.id, actorOf(megan))).kind).toBe('completed');
    expect((await store.directory.findMember('ann@tailspin.example'))?.orgId).toBe(contoso.id);
    expect((await store.directory.findMember('jan@tailspin.nl'))?.orgId).toBe(twoDomains.id);
    const rest = await store.directory.findById(twoDomains.id);
    expect(rest?.domains).toEqual(['tailspin.nl']);
    expect(rest?.deleteAfter).toBeUndefined();
  });
});

/**
 * TakeoverService on the run's real store, with a real DNS server on loopback and Microsoft stood in for by a
 * hand-written MicrosoftLookups: the value comes from Microsoft (pasted), DNS is checked for it, and the new admin is
 * recorded only when Microsoft confirms it, or on the requester's word (marked as such) when Microsoft cannot be asked.
 */
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
  MICROSOFT_WATCH_DAYS,
  REFUSED_NOT_REQUESTER,
  REQUEST_LIFETIME_DAYS,
  TakeoverService,
  type Actor,
  type ReachAt,
} from '../../../services/takeover/takeoverService.js';
import { startDnsServer, type TestDnsServer } from '../../helpers/dnsServer.js';
import { fakeMicrosoft, type FakeMicrosoft } from '../../helpers/fakeMicrosoft.js';
import { contoso, fabrikam, organization, unmanagedTailspin } from '../../helpers/fixtures.js';
import { testStoreKind } from '../../helpers/storeUnderTest.js';
import { useTestStore } from '../../helpers/tempStore.js';

const START = new Date('2026-03-02T10:00:00.000Z');
const MINUTE_MS = 60 * 1000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const TAILSPIN = 'tailspin.example';
/** Values as Microsoft shows them: the wizard's for Sara and Tom, Contoso's for Megan's external takeover. */
const SARAS_VALUE = 'MS=ms48151623';
const TOMS_VALUE = 'MS=ms42424242';
const MEGANS_VALUE = 'MS=ms10203040';

/** Signed up on the unmanaged domain; wants to become its admin. */
const sara: Requester = { userId: '29:sara', aadObjectId: 'aad-sara', name: 'Sara Davis', email: 'sara@tailspin.example', tenantId: 'tenant-tailspin' };
/** A colleague of Sara's with the same idea. */
const tom: Requester = { userId: '29:tom', aadObjectId: 'aad-tom', name: 'Tom Hart', email: 'tom@tailspin.example', tenantId: 'tenant-tailspin' };
/** Contoso's recorded admin (by Entra object id): may take a domain over into Contoso; has no address on Tailspin. */
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

/** Someone on `domain`, for the domains of many races. */
function personOn(name: string, domain: string): Requester {
  return { userId: `29:${name}`, aadObjectId: `aad-${name}`, name, email: `${name}@${domain}` };
}

/** The run's store: the embedded file, or PostgreSQL (HELPDESK_TEST_STORE=postgres). */
const store = useTestStore();
/** What is on disk exists only in a file run. */
const fileOnly = testStoreKind() === 'file' ? it : it.skip;
let dns: TestDnsServer;
let clock: Date;
let microsoft: FakeMicrosoft;
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
  microsoft = fakeMicrosoft();
  microsoft.viral(TAILSPIN, 'tenant-tailspin');
  service = newService();
});

function newService(directory = store.directory): TakeoverService {
  return new TakeoverService({ directory, checker: new DnsTxtChecker({ servers: dns.servers, timeoutMs: 500, tries: 1 }), microsoft, now: () => clock });
}

function advance(ms: number): void {
  clock = new Date(clock.getTime() + ms);
}

/** Puts organizations and members in the directory, as an import would. */
async function given(organizations: Organization[], members: Member[] = []): Promise<void> {
  microsoft.knows(organizations);
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

/** Started, and the value Microsoft showed pasted: the request waits for DNS. */
async function withValue(requester: Requester, value: string, domain = TAILSPIN, kind: TakeoverKind = 'internal'): Promise<TakeoverRequest> {
  const request = await started(requester, domain, kind);
  const result = await service.submitValue(request.id, actorOf(requester), value);
  if (result.kind !== 'accepted') throw new Error(`test: expected the value accepted, got ${result.kind}`);
  return result.request;
}

/** The value pasted, published and found in DNS: the requester's step in Microsoft is next. */
async function recordFound(requester: Requester, value: string, domain = TAILSPIN, kind: TakeoverKind = 'internal'): Promise<TakeoverRequest> {
  const request = await withValue(requester, value, domain, kind);
  publish(domain, value);
  const result = await service.verify(request.id, actorOf(requester));
  if (result.kind !== 'checked' || result.outcome.kind !== 'found') throw new Error(`test: expected ${request.id} found, got ${result.kind}`);
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
  it('offers a takeover of an unmanaged domain with its member count, internally to someone with an address on it', async () => {
    await givenTailspin();

    const options = await service.options(sara, TAILSPIN);

    expect(options).toEqual({ kind: 'possible', organization: unmanagedTailspin, members: 2, externalTargets: [], internalOnly: false, internalAllowed: true, open: undefined });
  });

  it('offers the takeover of an unmanaged organization only Microsoft shows, and records it in the directory when it starts', async () => {
    // No directory record of Tailspin: Microsoft (beforeEach) shows it unmanaged, in tenant-tailspin.
    const options = await service.options(sara, TAILSPIN);
    expect(options).toMatchObject({ kind: 'possible', atMicrosoftOnly: true, members: 0, internalAllowed: true, organization: { domains: [TAILSPIN], managed: false } });
    expect(await store.directory.findByDomain(TAILSPIN)).toBeUndefined();

    const request = await started(sara);

    expect(await store.directory.findByDomain(TAILSPIN)).toMatchObject({ id: request.orgId, domains: [TAILSPIN], managed: false, tenantId: 'tenant-tailspin', admins: [] });
  });

  it('refuses a domain Microsoft shows as managed, even when the directory records it unmanaged', async () => {
    await givenTailspin();
    microsoft.managed(TAILSPIN, 'tenant-tailspin');

    expect(await service.options(sara, TAILSPIN)).toMatchObject({ kind: 'notPossible' });
    expect((await service.start(sara, reachOf(sara), TAILSPIN, 'internal')).kind).toBe('notPossible');
  });

  it('does not allow the internal takeover to someone without an address on the domain, unless they gave one in chat', async () => {
    await givenTailspin();
    const guest: Requester = { userId: '29:guest' };

    expect(await service.options(megan, TAILSPIN)).toMatchObject({ kind: 'possible', internalAllowed: false, externalTargets: [contoso] });
    expect(await service.options(guest, TAILSPIN)).toMatchObject({ kind: 'possible', internalAllowed: false });
    expect(await service.options(guest, TAILSPIN, 'guest@tailspin.example')).toMatchObject({ kind: 'possible', internalAllowed: true });
    expect(await service.options(guest, TAILSPIN, 'guest@contoso.com')).toMatchObject({ kind: 'possible', internalAllowed: false });
  });

  it('refuses a managed domain with its status, which names the organization but not its admins', async () => {
    await givenTailspin();

    const options = await service.options(sara, 'contoso.com');

    expect(options).toMatchObject({
      kind: 'notPossible',
      status: { kind: 'managed', domain: 'contoso.com', organization: { id: contoso.id, displayName: contoso.displayName }, maskedAdmins: [expect.stringMatching(/^m\*+@contoso\.com$/)] },
    });
    expect(JSON.stringify(options)).not.toContain('megan@contoso.com');
  });

  it('refuses the managed domain its own admin asks about as theirs, and a domain the directory does not know', async () => {
    await givenTailspin();

    expect(await service.options(megan, 'contoso.com')).toMatchObject({ kind: 'notPossible', status: { kind: 'yours', domain: 'contoso.com', organization: contoso } });
    expect(await service.options(sara, 'unknown.example')).toMatchObject({ kind: 'notPossible', status: { kind: 'free', domain: 'unknown.example' } });
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
    expect(await targetsOf(sara)).toEqual([]);
  });

  it('allows only an internal takeover when a member signed up for a plan with SharePoint', async () => {
    await givenTailspin(member('cy@tailspin.example', unmanagedTailspin.id, ['Office 365 A1']));

    expect(await service.options(sara, TAILSPIN)).toMatchObject({ kind: 'possible', members: 3, internalOnly: true });
  });

  it("offers the requester's own open request to resume, and not someone else's", async () => {
    await givenTailspin();
    const request = await started(sara);

    expect(await service.options(sara, TAILSPIN)).toMatchObject({ kind: 'possible', open: { id: request.id } });
    expect(await service.options(tom, TAILSPIN)).toMatchObject({ kind: 'possible', open: undefined });

    await service.cancel(request.id, actorOf(sara));
    expect(await service.options(sara, TAILSPIN)).toMatchObject({ kind: 'possible', open: undefined });
  });
});

describe('TakeoverService.start', () => {
  it('creates a request that waits for the value from Microsoft, with no value of its own, for seven days', async () => {
    await givenTailspin();

    const result = await service.start(sara, reachSara, TAILSPIN, 'internal');

    expect(result.kind).toBe('started');
    if (result.kind !== 'started') return;
    const request = result.request;
    expect(request).toMatchObject({
      domain: TAILSPIN,
      orgId: unmanagedTailspin.id,
      kind: 'internal',
      status: 'waitingForValue',
      attempts: [],
      recheck: false,
      requester: { userId: sara.userId, aadObjectId: sara.aadObjectId, name: sara.name, email: sara.email, tenantId: 'tenant-tailspin', conversation: reachSara.conversation, language: 'en' },
      createdAt: START.toISOString(),
      expiresAt: new Date(START.getTime() + REQUEST_LIFETIME_DAYS * DAY_MS).toISOString(),
    });
    expect(request.value).toBeUndefined();
    expect(JSON.stringify(request)).not.toMatch(/MS=|token/);
    expect(await stored(request.id)).toEqual(request);
  });

  it('refuses the internal takeover to someone without an address on the domain, and records nothing', async () => {
    await givenTailspin();

    expect(await service.start(megan, reachOf(megan), TAILSPIN, 'internal')).toEqual({ kind: 'internalNotAllowed' });
    expect(await service.start({ userId: '29:guest' }, reachOf({ userId: '29:guest' }), TAILSPIN, 'internal')).toEqual({ kind: 'internalNotAllowed' });
    expect(await store.directory.openTakeovers()).toEqual([]);
  });

  it('resumes the same request when the requester starts again, keeps one per requester, and lets the kind follow while no value is known', async () => {
    await givenTailspin();
    const first = await started(sara);
    advance(MINUTE_MS);

    const again = await service.start(sara, reachSara, TAILSPIN, 'internal');
    const other = await service.start(tom, reachOf(tom), TAILSPIN, 'internal');

    expect(again).toMatchObject({ kind: 'resumed', request: { id: first.id, createdAt: first.createdAt } });
    expect(other.kind).toBe('started');
    const open = await store.directory.openTakeovers();
    expect(open.map((request) => request.requester.userId).sort()).toEqual([sara.userId, tom.userId]);
  });

  it("starts an external takeover into the requester's organization, and refuses it to someone who administers none", async () => {
    await givenTailspin();

    expect(await started(megan, TAILSPIN, 'external')).toMatchObject({ kind: 'external', targetOrgId: contoso.id, orgId: unmanagedTailspin.id, requester: { tenantId: 'tenant-contoso' } });
    expect(await service.start(sara, reachSara, TAILSPIN, 'external')).toEqual({ kind: 'externalNotAllowed' });
  });

  it('refuses an external takeover when a member uses a plan with SharePoint', async () => {
    await givenTailspin(member('cy@tailspin.example', unmanagedTailspin.id, ['Office 365 A1']));

    expect(await service.start(megan, reachOf(megan), TAILSPIN, 'external')).toEqual({ kind: 'externalNotAllowed' });
    expect((await service.start(sara, reachSara, TAILSPIN, 'internal')).kind).toBe('started');
  });

  it('refuses a managed domain and records nothing', async () => {
    await givenTailspin();

    expect(await service.start(sara, reachSara, 'contoso.com', 'internal')).toEqual({ kind: 'notPossible' });
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

describe('TakeoverService.submitValue', () => {
  it('records the value Microsoft showed, and the request waits for DNS; the audit trail never holds the value', async () => {
    await givenTailspin();
    const request = await started(sara);
    advance(MINUTE_MS);

    const result = await service.submitValue(request.id, actorOf(sara), SARAS_VALUE);

    expect(result).toMatchObject({ kind: 'accepted', request: { status: 'waitingForDns', value: SARAS_VALUE } });
    expect(await stored(request.id)).toMatchObject({ status: 'waitingForDns', value: SARAS_VALUE });
    const trail = await store.directory.auditTrail(TAILSPIN, 100);
    expect(trail.map((entry) => [entry.action, entry.outcome])).toContainEqual(['takeover.value', 'received']);
    expect(JSON.stringify(trail)).not.toContain(SARAS_VALUE.slice('MS=ms'.length));
  });

  it('refuses what is not a value in the shape Microsoft uses', async () => {
    await givenTailspin();
    const request = await started(sara);

    for (const bad of ['', 'ms48151623', 'MS=ms123', '@ 3600 IN TXT "MS=ms48151623"']) {
      expect(await service.submitValue(request.id, actorOf(sara), bad)).toMatchObject({ kind: 'invalidValue' });
    }
    expect(await stored(request.id)).toMatchObject({ status: 'waitingForValue' });
  });

  it('takes a new value until Microsoft confirmed the takeover: a value found in DNS before no longer counts', async () => {
    await givenTailspin();
    const found = await recordFound(sara, SARAS_VALUE);
    expect(found.status).toBe('waitingForMicrosoft');

    expect(await service.submitValue(found.id, actorOf(sara), SARAS_VALUE)).toMatchObject({ kind: 'accepted', request: { status: 'waitingForMicrosoft' } });
    const replaced = await service.submitValue(found.id, actorOf(sara), TOMS_VALUE);

    expect(replaced).toMatchObject({ kind: 'accepted', request: { status: 'waitingForDns', value: TOMS_VALUE } });
    expect((await stored(found.id)).recordFoundAt).toBeUndefined();
  });

  it("refuses another user's value and an expired request's", async () => {
    await givenTailspin();
    const request = await started(sara);

    expect(await service.submitValue(request.id, actorOf(tom), SARAS_VALUE)).toEqual({ kind: 'notYours' });
    expect(await auditedRefusals(TAILSPIN)).toEqual([['aad-tom', 'takeover.value']]);
    advance(REQUEST_LIFETIME_DAYS * DAY_MS);
    expect(await service.submitValue(request.id, actorOf(sara), SARAS_VALUE)).toMatchObject({ kind: 'expired', request: { status: 'expired' } });
  });
});

describe('TakeoverService.verify (DNS)', () => {
  it('has nothing to look for before the value is pasted, and asks no DNS', async () => {
    await givenTailspin();
    const request = await started(sara);

    expect(await service.verify(request.id, actorOf(sara))).toMatchObject({ kind: 'needsValue' });
    expect(await service.recheckLater(request.id, actorOf(sara))).toMatchObject({ kind: 'needsValue' });
    expect(dns.queries).toEqual([]);
  });

  it('records a missing record as a noRecord attempt and keeps waiting for DNS', async () => {
    await givenTailspin();
    const request = await withValue(sara, SARAS_VALUE);
    advance(MINUTE_MS);

    expect(await service.verify(request.id, actorOf(sara))).toMatchObject({ kind: 'checked', outcome: { kind: 'noRecord' } });
    expect(await stored(request.id)).toMatchObject({ status: 'waitingForDns', attempts: [{ at: clock.toISOString(), outcome: 'noRecord', found: [], automatic: false }] });
  });

  it('records the values found when the record holds something else, and the wrong host the value was put at', async () => {
    await givenTailspin();
    const request = await withValue(sara, SARAS_VALUE);
    const withoutPrefix = SARAS_VALUE.slice('MS='.length);
    publish(TAILSPIN, withoutPrefix, 'v=spf1 -all');

    expect(await service.verify(request.id, actorOf(sara))).toMatchObject({ kind: 'checked', outcome: { kind: 'wrongValue', found: [withoutPrefix, 'v=spf1 -all'], mistakes: ['missingPrefix'] } });

    dns.clear();
    publish(`www.${TAILSPIN}`, SARAS_VALUE);
    expect(await service.verify(request.id, actorOf(sara))).toMatchObject({ kind: 'checked', outcome: { kind: 'wrongHost', host: `www.${TAILSPIN}` } });
    expect((await stored(request.id)).attempts.map((attempt) => [attempt.outcome, attempt.found])).toEqual([
      ['wrongValue', [withoutPrefix, 'v=spf1 -all']],
      ['wrongHost', [`www.${TAILSPIN}`]],
    ]);
  });

  it('records a failing DNS server as a dnsFailure attempt', async () => {
    await givenTailspin();
    const request = await withValue(sara, SARAS_VALUE);
    dns.setBehaviour(TAILSPIN, 'servfail');

    expect(await service.verify(request.id, actorOf(sara))).toMatchObject({ kind: 'checked', outcome: { kind: 'dnsFailure', reason: 'servfail' } });
    expect(await stored(request.id)).toMatchObject({ status: 'waitingForDns', attempts: [{ outcome: 'dnsFailure' }] });
  });

  it('moves on to the step in Microsoft when the value is visible, and records nobody as admin yet', async () => {
    await givenTailspin();
    const request = await withValue(sara, SARAS_VALUE);
    publish(TAILSPIN, 'v=spf1 -all', SARAS_VALUE);
    advance(5 * MINUTE_MS);

    const result = await service.verify(request.id, actorOf(sara));

    expect(result).toMatchObject({ kind: 'checked', outcome: { kind: 'found' }, request: { status: 'waitingForMicrosoft', recordFoundAt: clock.toISOString() } });
    expect((await storedOrganization(unmanagedTailspin.id)).managed).toBe(false);
    dns.clear();
    expect(await service.verify(request.id, actorOf(sara))).toMatchObject({ kind: 'recordFound' });
    expect(dns.queries).toEqual([]);
  });

  it('limits manual checks to five in ten minutes and allows the next once the oldest is out of the window', async () => {
    await givenTailspin();
    const request = await withValue(sara, SARAS_VALUE);
    for (let check = 1; check <= MAX_CHECKS_PER_WINDOW; check++) {
      expect((await service.verify(request.id, actorOf(sara))).kind).toBe('checked');
      advance(MINUTE_MS);
    }
    const queriesBefore = dns.queries.length;

    // Five checks at minutes 0..4; now is minute 5, so the one at minute 0 leaves the window in 5 minutes.
    expect(await service.verify(request.id, actorOf(sara))).toMatchObject({ kind: 'rateLimited', retryAfterSeconds: CHECK_WINDOW_SECONDS - 5 * 60 });
    expect(dns.queries.length).toBe(queriesBefore);

    advance(CHECK_WINDOW_SECONDS * 1000 - 5 * MINUTE_MS);
    expect((await service.verify(request.id, actorOf(sara))).kind).toBe('checked');
  });

  it('keeps the limit when the button is pressed many times at once', async () => {
    await givenTailspin();
    const request = await withValue(sara, SARAS_VALUE);

    const results = await Promise.all(Array.from({ length: MAX_CHECKS_PER_WINDOW + 3 }, () => service.verify(request.id, actorOf(sara))));

    expect(results.filter((result) => result.kind === 'checked')).toHaveLength(MAX_CHECKS_PER_WINDOW);
    expect(results.filter((result) => result.kind === 'rateLimited')).toHaveLength(3);
    expect((await stored(request.id)).attempts).toHaveLength(MAX_CHECKS_PER_WINDOW);
  });

  it('does not count the background re-checks against the limit', async () => {
    await givenTailspin();
    const request = await withValue(sara, SARAS_VALUE);
    await service.recheckLater(request.id, actorOf(sara));
    for (let round = 0; round < 2 * MAX_CHECKS_PER_WINDOW; round++) await service.recheckDue();

    expect((await service.verify(request.id, actorOf(sara))).kind).toBe('checked');
    const attempts = (await stored(request.id)).attempts;
    expect(attempts.filter((attempt) => attempt.automatic)).toHaveLength(2 * MAX_CHECKS_PER_WINDOW);
    expect(attempts.filter((attempt) => !attempt.automatic)).toHaveLength(1);
  });

  it('expires the request after seven days without asking DNS, and answers a cancelled one as ended', async () => {
    await givenTailspin();
    const request = await withValue(sara, SARAS_VALUE);
    const cancelled = await withValue(tom, TOMS_VALUE);
    await service.cancel(cancelled.id, actorOf(tom));
    publish(TAILSPIN, SARAS_VALUE);
    advance(REQUEST_LIFETIME_DAYS * DAY_MS - 1000);
    expect((await service.recheckLater(request.id, actorOf(sara))).kind).toBe('willRecheck');
    advance(1000);

    expect(await service.verify(request.id, actorOf(sara))).toMatchObject({ kind: 'expired', request: { id: request.id, status: 'expired', endedBecause: 'expired' } });
    expect(await service.verify(cancelled.id, actorOf(tom))).toMatchObject({ kind: 'ended', request: { status: 'cancelled' } });
    expect(dns.queries).toEqual([]);
  });

  it('answers an unknown request id as unknown, for every step', async () => {
    await givenTailspin();

    expect(await service.verify('no-such-request', actorOf(sara))).toEqual({ kind: 'unknownRequest' });
    expect(await service.submitValue('no-such-request', actorOf(sara), SARAS_VALUE)).toEqual({ kind: 'unknownRequest' });
    expect(await service.finish('no-such-request', actorOf(sara))).toEqual({ kind: 'unknownRequest' });
    expect(await service.cancel('no-such-request', actorOf(sara))).toEqual({ kind: 'unknownRequest' });
    expect(await service.recheckLater('no-such-request', actorOf(sara))).toEqual({ kind: 'unknownRequest' });
    expect(await service.decideLicenses('no-such-request', actorOf(sara), 'buy')).toEqual({ kind: 'unknownRequest' });
    expect(dns.queries).toEqual([]);
    expect(microsoft.asked).toEqual([]);
  });

  it("refuses another user's steps, changes nothing else, asks neither DNS nor Microsoft, and audits each attempt with who tried", async () => {
    await givenTailspin(member('cy@tailspin.example', unmanagedTailspin.id, ['Power Virtual Agents']));
    const request = await recordFound(sara, SARAS_VALUE);
    microsoft.managed(TAILSPIN);
    dns.clear();
    const before = await snapshot();
    // Tom, and someone reusing Sara's channel id with another Entra object id.
    const others: Actor[] = [actorOf(tom), { userId: sara.userId, aadObjectId: 'aad-impostor' }];

    for (const other of others) {
      expect(await service.submitValue(request.id, other, TOMS_VALUE)).toEqual({ kind: 'notYours' });
      expect(await service.verify(request.id, other)).toEqual({ kind: 'notYours' });
      expect(await service.recheckLater(request.id, other)).toEqual({ kind: 'notYours' });
      expect(await service.cancel(request.id, other)).toEqual({ kind: 'notYours' });
      expect(await service.finish(request.id, other)).toEqual({ kind: 'notYours' });
      expect(await service.decideLicenses(request.id, other, 'buy')).toEqual({ kind: 'notYours' });
    }

    expect(withoutAudit(await snapshot())).toEqual(withoutAudit(before));
    const steps = ['takeover.value', 'takeover.verify', 'takeover.recheckLater', 'takeover.cancel', 'takeover.complete', 'takeover.licenses'];
    expect(await auditedRefusals(TAILSPIN)).toEqual(['aad-tom', 'aad-impostor'].flatMap((actor) => steps.map((action) => [actor, action])));
    expect(dns.queries).toEqual([]);
    expect(microsoft.asked).toEqual([]);
    expect((await storedOrganization(unmanagedTailspin.id)).managed).toBe(false);
  });
});

describe('TakeoverService.finish (internal): only what Microsoft says makes an admin', () => {
  it('says Microsoft still shows the organization as unmanaged, and records nothing in the directory', async () => {
    await givenTailspin();
    const request = await recordFound(sara, SARAS_VALUE);
    const organizationsBefore = await store.directory.listOrganizations();

    const result = await service.finish(request.id, actorOf(sara));

    expect(result).toMatchObject({ kind: 'notConfirmed', seen: 'unmanaged', request: { status: 'waitingForMicrosoft' } });
    expect(microsoft.asked).toEqual([`domain:${TAILSPIN}`]);
    expect(await store.directory.listOrganizations()).toEqual(organizationsBefore);
    expect((await stored(request.id)).attempts.at(-1)).toEqual({ at: clock.toISOString(), outcome: 'notConfirmed', found: ['unmanaged'], automatic: false });
  });

  it('makes the requester the only admin and a member once Microsoft shows the organization managed, and ends the other requests', async () => {
    await givenTailspin();
    const others = await started(tom);
    const request = await recordFound(sara, SARAS_VALUE);
    microsoft.managed(TAILSPIN);
    advance(MINUTE_MS);

    const result = await service.finish(request.id, actorOf(sara));

    const admin = { userId: 'aad-sara', name: 'Sara Davis', email: 'sara@tailspin.example', since: clock.toISOString() };
    expect(result).toMatchObject({
      kind: 'completed',
      members: 2,
      request: { status: 'completed', completedAt: clock.toISOString(), confirmedBy: 'microsoft', confirmedAt: clock.toISOString() },
      organization: { id: unmanagedTailspin.id, managed: true, admins: [admin] },
    });
    expect(await storedOrganization(unmanagedTailspin.id)).toEqual({ ...unmanagedTailspin, managed: true, admins: [admin] });
    expect(await store.directory.findMember('sara@tailspin.example')).toEqual({
      email: 'sara@tailspin.example',
      orgId: unmanagedTailspin.id,
      joinedVia: 'takeover',
      services: [],
      joinedAt: clock.toISOString(),
      userId: 'aad-sara',
    });
    expect(await stored(others.id)).toMatchObject({ status: 'cancelled', endedBecause: 'takenOverByOther' });
    expect(await service.finish(others.id, actorOf(tom))).toMatchObject({ kind: 'takenOverByOther' });
    expect(await service.options(tom, TAILSPIN)).toMatchObject({ kind: 'notPossible', status: { kind: 'member' } });
  });

  it('asks Microsoft even before the bot sees the record: Microsoft is the source of truth', async () => {
    await givenTailspin();
    const request = await withValue(sara, SARAS_VALUE);
    microsoft.managed(TAILSPIN);

    expect(await service.finish(request.id, actorOf(sara))).toMatchObject({ kind: 'completed', request: { confirmedBy: 'microsoft' } });
  });

  it.each(['unreachable', 'off'] as const)('records the admin as reported by the requester when Microsoft is %s, after the record was seen', async (mode) => {
    await givenTailspin();
    const request = await recordFound(sara, SARAS_VALUE);
    microsoft.mode = mode;
    advance(MINUTE_MS);

    const result = await service.finish(request.id, actorOf(sara));

    const admin = { userId: 'aad-sara', name: 'Sara Davis', email: 'sara@tailspin.example', since: clock.toISOString(), reportedByUser: true };
    expect(result).toMatchObject({ kind: 'completed', unconfirmedBecause: mode, request: { status: 'reportedByUser', confirmedBy: 'user', completedAt: clock.toISOString() } });
    expect(result.kind === 'completed' && result.request.confirmedAt).toBeUndefined();
    expect(await storedOrganization(unmanagedTailspin.id)).toEqual({ ...unmanagedTailspin, managed: true, admins: [admin] });
    const trail = await store.directory.auditTrail(TAILSPIN, 100);
    expect(trail.map((entry) => [entry.action, entry.outcome])).toEqual(
      expect.arrayContaining([
        ['takeover.microsoft', 'microsoftUnavailable'],
        ['takeover.complete', 'internal, reported by the requester'],
      ]),
    );
    // Pressed again: the same result, nothing recorded twice.
    const before = await snapshot();
    expect(await service.finish(request.id, actorOf(sara))).toMatchObject({ kind: 'completed', before: true, request: { status: 'reportedByUser' } });
    expect(await snapshot()).toEqual(before);
  });

  it('records nothing on the requester\'s word when neither Microsoft nor DNS shows anything', async () => {
    await givenTailspin();
    const request = await withValue(sara, SARAS_VALUE);
    microsoft.mode = 'unreachable';

    expect(await service.finish(request.id, actorOf(sara))).toMatchObject({ kind: 'needsDns', why: 'unreachable', request: { status: 'waitingForDns' } });
    expect((await storedOrganization(unmanagedTailspin.id)).managed).toBe(false);
  });

  it('asks for the value first, and answers completing again with the same result, changing nothing', async () => {
    await givenTailspin();
    const waiting = await started(tom);
    expect(await service.finish(waiting.id, actorOf(tom))).toMatchObject({ kind: 'needsValue' });

    const request = await recordFound(sara, SARAS_VALUE);
    microsoft.managed(TAILSPIN);
    const first = await service.finish(request.id, actorOf(sara));
    const before = await snapshot();
    const beforeOnDisk = await fileText();
    advance(MINUTE_MS);

    expect(await service.finish(request.id, actorOf(sara))).toEqual({ ...first, before: true });
    expect(await snapshot()).toEqual(before);
    expect(await fileText()).toBe(beforeOnDisk);
  });

  it('rate-limits the questions to Microsoft like the DNS checks', async () => {
    await givenTailspin();
    const request = await recordFound(sara, SARAS_VALUE);
    // The DNS check was one of the five.
    for (let press = 2; press <= MAX_CHECKS_PER_WINDOW; press++) expect((await service.finish(request.id, actorOf(sara))).kind).toBe('notConfirmed');

    expect(await service.finish(request.id, actorOf(sara))).toMatchObject({ kind: 'rateLimited' });
    expect(microsoft.asked).toHaveLength(MAX_CHECKS_PER_WINDOW - 1);
  });

  /** Tom and Sara paste values, Sara publishes a wrong one first, then both, and Microsoft confirms. */
  async function takeoverWithAWrongValueFirst(): Promise<{ request: TakeoverRequest; loser: TakeoverRequest }> {
    await givenTailspin();
    const loser = await withValue(tom, TOMS_VALUE);
    const request = await withValue(sara, SARAS_VALUE);
    publish(TAILSPIN, SARAS_VALUE.slice('MS='.length));
    await service.verify(request.id, actorOf(sara));
    publish(TAILSPIN, SARAS_VALUE, TOMS_VALUE);
    await service.verify(request.id, actorOf(sara));
    microsoft.managed(TAILSPIN);
    await service.finish(request.id, actorOf(sara));
    return { request, loser };
  }

  it('audits start, value, verify, Microsoft and complete under the domain, and keeps the values out of everything but the requests', async () => {
    const { request, loser } = await takeoverWithAWrongValueFirst();

    const trail = await store.directory.auditTrail(TAILSPIN, 100);
    expect(trail.map((entry) => [entry.action, entry.outcome])).toEqual([
      ['takeover.start', 'internal'],
      ['takeover.value', 'received'],
      ['takeover.start', 'internal'],
      ['takeover.value', 'received'],
      ['takeover.verify', 'wrongValue'],
      ['takeover.verify', 'found'],
      ['takeover.microsoft', 'confirmed'],
      ['takeover.complete', 'internal'],
    ]);
    const organizations = await store.directory.listOrganizations();
    const members = await Promise.all(organizations.map((org) => store.directory.membersOf(org.id)));
    for (const value of [SARAS_VALUE, TOMS_VALUE]) expect(JSON.stringify({ trail, organizations, members })).not.toContain(value.slice('MS=ms'.length));
    expect((await stored(request.id)).value).toBe(SARAS_VALUE);
    expect((await stored(loser.id)).value).toBe(TOMS_VALUE);
  });

  fileOnly('keeps the values out of everything in the store file but the takeover requests', async () => {
    await takeoverWithAWrongValueFirst();

    const text = (await fileText())!;
    const { takeovers, ...everythingElse } = JSON.parse(text) as Record<string, unknown>;
    for (const value of [SARAS_VALUE, TOMS_VALUE]) {
      const digits = value.slice('MS=ms'.length);
      expect(JSON.stringify(takeovers)).toContain(value);
      expect(JSON.stringify(everythingElse)).not.toContain(digits);
    }
  });

  it('names an admin without an Entra object id or a name by their Teams id and email', async () => {
    await givenTailspin();
    const plain: Requester = { userId: '29:plain', email: 'plain@tailspin.example' };
    const request = await recordFound(plain, SARAS_VALUE);
    microsoft.managed(TAILSPIN);

    expect(await service.finish(request.id, actorOf(plain))).toMatchObject({ kind: 'completed', organization: { admins: [{ userId: '29:plain', name: 'plain@tailspin.example', email: 'plain@tailspin.example' }] } });
    expect(await store.directory.findMember('plain@tailspin.example')).toMatchObject({ orgId: unmanagedTailspin.id, joinedVia: 'takeover', userId: '29:plain' });
  });
});

describe('TakeoverService.finish (external): done when the domain is in the requester\'s own tenant', () => {
  it('says the domain still belongs to another tenant, then moves it and every member once Microsoft shows it in Contoso', async () => {
    await givenTailspin(member('megan@contoso.com', contoso.id));
    const request = await recordFound(megan, MEGANS_VALUE, TAILSPIN, 'external');

    expect(await service.finish(request.id, actorOf(megan))).toMatchObject({ kind: 'notConfirmed', seen: 'otherTenant' });
    expect((await store.directory.findByDomain(TAILSPIN))?.id).toBe(unmanagedTailspin.id);
    expect(microsoft.asked).toEqual([`tenantOf:${TAILSPIN}`]);

    microsoft.tenants.set(TAILSPIN, 'TENANT-CONTOSO');
    advance(MINUTE_MS);
    const result = await service.finish(request.id, actorOf(megan));

    expect(result).toMatchObject({ kind: 'completed', request: { status: 'completed', confirmedBy: 'microsoft' }, organization: { id: contoso.id, domains: ['contoso.com', TAILSPIN], admins: contoso.admins } });
    expect(await storedOrganization(unmanagedTailspin.id)).toEqual({
      ...unmanagedTailspin,
      domains: [],
      deleteAfter: new Date(clock.getTime() + EMPTIED_ORGANIZATION_DAYS * DAY_MS).toISOString(),
      // Where the domain went, so people still chatting from the old tenant are told the truth (issue 22).
      domainsMovedTo: [{ domain: TAILSPIN, orgId: contoso.id, at: clock.toISOString() }],
    });
    expect((await store.directory.membersOf(contoso.id)).map((m) => m.email).sort()).toEqual(['ann@tailspin.example', 'bob@tailspin.example', 'megan@contoso.com']);
  });

  it('says Microsoft knows no organization with the domain while no tenant holds it', async () => {
    await givenTailspin();
    microsoft.tenants.delete(TAILSPIN);
    const request = await recordFound(megan, MEGANS_VALUE, TAILSPIN, 'external');

    expect(await service.finish(request.id, actorOf(megan))).toMatchObject({ kind: 'notConfirmed', seen: 'unknown' });
  });

  it('compares with the tenant of the organization the domain moves into when Teams named none', async () => {
    await givenTailspin();
    const withoutTenant: Requester = { ...megan, tenantId: undefined };
    const start = await service.start(withoutTenant, reachOf(withoutTenant), TAILSPIN, 'external');
    if (start.kind !== 'started') throw new Error(start.kind);
    await service.submitValue(start.request.id, actorOf(megan), MEGANS_VALUE);
    microsoft.tenants.set(TAILSPIN, 'tenant-contoso');

    expect(await service.finish(start.request.id, actorOf(megan))).toMatchObject({ kind: 'completed', request: { confirmedBy: 'microsoft' } });
  });

  it('moves only the members on the domain taken over, and deletes nothing while other domains remain', async () => {
    const twoDomains = organization({ id: 'org-tailspin', displayName: 'Tailspin', domains: [TAILSPIN, 'tailspin.nl'], managed: false });
    await given([twoDomains, contoso], [member('ann@tailspin.example', twoDomains.id), member('jan@tailspin.nl', twoDomains.id)]);
    const request = await recordFound(megan, MEGANS_VALUE, TAILSPIN, 'external');
    microsoft.tenants.set(TAILSPIN, 'tenant-contoso');

    expect((await service.finish(request.id, actorOf(megan))).kind).toBe('completed');
    expect((await store.directory.findMember('ann@tailspin.example'))?.orgId).toBe(contoso.id);
    expect((await store.directory.findMember('jan@tailspin.nl'))?.orgId).toBe(twoDomains.id);
    expect((await store.directory.findById(twoDomains.id))?.deleteAfter).toBeUndefined();
  });
});

describe('TakeoverService: licenses, as guidance on Microsoft\'s purchase step', () => {
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

  it('asks about licenses before recording the admin Microsoft confirms, counting each service', async () => {
    await givenPaidTrials();
    const request = await recordFound(sara, SARAS_VALUE);
    microsoft.managed(TAILSPIN);

    expect(await service.finish(request.id, actorOf(sara))).toMatchObject({ kind: 'licensesNeeded', needs, confirmedBy: 'microsoft' });
    expect((await storedOrganization(unmanagedTailspin.id)).managed).toBe(false);
    expect((await stored(request.id)).status).toBe('waitingForMicrosoft');
  });

  it.each(['buy', 'postpone'] as const)('records what the requester said (%s), and completes once Microsoft confirms', async (decision) => {
    await givenPaidTrials();
    const request = await recordFound(sara, SARAS_VALUE);
    microsoft.managed(TAILSPIN);
    advance(MINUTE_MS);

    const result = await service.decideLicenses(request.id, actorOf(sara), decision);

    const licenses = { decision, needs, decidedAt: clock.toISOString() };
    expect(result).toMatchObject({ kind: 'completed', request: { status: 'completed', licenses }, organization: { managed: true } });
    const trail = await store.directory.auditTrail(TAILSPIN, 100);
    expect(trail.map((entry) => [entry.action, entry.outcome])).toContainEqual(['takeover.licenses', decision]);
  });

  it('records no decision for a request without a value', async () => {
    await givenPaidTrials();
    const request = await started(sara);

    expect(await service.decideLicenses(request.id, actorOf(sara), 'buy')).toMatchObject({ kind: 'needsValue' });
    expect((await stored(request.id)).licenses).toBeUndefined();
  });
});

describe('TakeoverService (race): one winner', () => {
  /** Two colleagues whose records are both visible (the TXT set holds both values) finish at the same moment. */
  async function race(domain: string, first: Requester, firstKind: TakeoverKind, second: Requester, secondKind: TakeoverKind, atMicrosoft = () => {}) {
    const a = await withValue(first, SARAS_VALUE, domain, firstKind);
    const b = await withValue(second, TOMS_VALUE, domain, secondKind);
    // What Microsoft shows once they finished there (before, it showed the organization unmanaged: the takeover was possible).
    atMicrosoft();
    publish(domain, SARAS_VALUE, TOMS_VALUE);
    for (const [request, requester] of [[a, first], [b, second]] as const) {
      expect(await service.verify(request.id, actorOf(requester))).toMatchObject({ kind: 'checked', outcome: { kind: 'found' } });
    }

    const results = await Promise.all([service.finish(a.id, actorOf(first)), service.finish(b.id, actorOf(second))]);

    expect(results.map((result) => result.kind).sort()).toEqual(['completed', 'takenOverByOther']);
    const winner = results[0]?.kind === 'completed' ? { request: a, requester: first } : { request: b, requester: second };
    const loser = winner.request === a ? b : a;
    expect(await stored(loser.id)).toMatchObject({ status: 'cancelled', endedBecause: 'takenOverByOther' });
    return { winner, loser };
  }

  it('lets exactly one of two internal requesters win when Microsoft confirms, 10 times over', async () => {
    const domains = Array.from({ length: 10 }, (_, index) => `race${index}.example`);
    await given(domains.map(unmanaged));

    for (const domain of domains) {
      const { winner } = await race(domain, personOn('ann', domain), 'internal', personOn('bo', domain), 'internal', () => microsoft.managed(domain));
      expect(await stored(winner.request.id)).toMatchObject({ status: 'completed', confirmedBy: 'microsoft' });
      const org = await storedOrganization(`org-${domain}`);
      expect(org.admins).toEqual([expect.objectContaining({ userId: winner.requester.aadObjectId })]);
    }
  });

  it('lets exactly one of two win on their word when Microsoft cannot be asked', async () => {
    const domains = Array.from({ length: 5 }, (_, index) => `off${index}.example`);
    await given(domains.map(unmanaged));
    microsoft.mode = 'off';

    for (const domain of domains) {
      const { winner } = await race(domain, personOn('ann', domain), 'internal', personOn('bo', domain), 'internal');
      expect(await stored(winner.request.id)).toMatchObject({ status: 'reportedByUser', confirmedBy: 'user' });
      expect((await storedOrganization(`org-${domain}`)).admins).toEqual([expect.objectContaining({ userId: winner.requester.aadObjectId, reportedByUser: true })]);
    }
  });

  it('lets exactly one win when one takes the domain over internally and the other externally', async () => {
    const domains = Array.from({ length: 5 }, (_, index) => `mixed${index}.example`);
    await given([contoso, ...domains.map(unmanaged)]);

    for (const domain of domains) {
      // Microsoft agrees with both: whoever's transaction comes first wins in the directory.
      const { winner } = await race(domain, personOn('ann', domain), 'internal', megan, 'external', () => microsoft.managed(domain, 'tenant-contoso'));
      const holder = await store.directory.findByDomain(domain);
      if (winner.requester === megan) expect(holder?.id).toBe(contoso.id);
      else expect(holder).toMatchObject({ id: `org-${domain}`, managed: true, admins: [expect.objectContaining({ userId: 'aad-ann' })] });
    }
    expect((await storedOrganization(contoso.id)).admins).toEqual(contoso.admins);
  });
});

describe('TakeoverService.recheckDue: DNS, then Microsoft, in the background', () => {
  it('checks DNS only for the requests that asked for it, and tells of the records found', async () => {
    await given([unmanagedTailspin, unmanaged('wingtip.example'), unmanaged('litware.example')]);
    const asked = await withValue(sara, SARAS_VALUE);
    const notAsked = await withValue(tom, TOMS_VALUE);
    const askedNoRecord = await withValue(personOn('wim', 'wingtip.example'), SARAS_VALUE, 'wingtip.example');
    const askedButCancelled = await withValue(personOn('lia', 'litware.example'), SARAS_VALUE, 'litware.example');
    await service.recheckLater(asked.id, actorOf(sara));
    await service.recheckLater(askedNoRecord.id, actorOf(personOn('wim', 'wingtip.example')));
    await service.recheckLater(askedButCancelled.id, actorOf(personOn('lia', 'litware.example')));
    await service.cancel(askedButCancelled.id, actorOf(personOn('lia', 'litware.example')));
    publish(TAILSPIN, SARAS_VALUE, TOMS_VALUE);
    publish('litware.example', SARAS_VALUE);
    advance(MINUTE_MS);

    const news = await service.recheckDue();

    expect(news.map((item) => [item.kind, item.request.id])).toEqual([['recordFound', asked.id]]);
    expect(await stored(asked.id)).toMatchObject({ status: 'waitingForMicrosoft', recordFoundAt: clock.toISOString(), attempts: [{ outcome: 'found', automatic: true }] });
    expect(await stored(notAsked.id)).toMatchObject({ status: 'waitingForDns', attempts: [] });
    expect(await stored(askedNoRecord.id)).toMatchObject({ status: 'waitingForDns', attempts: [{ outcome: 'noRecord', automatic: true }] });
    expect(dns.queries).not.toContain('litware.example');
  });

  it('asks Microsoft about requests whose record is visible, and records the admin only when Microsoft confirms', async () => {
    await givenTailspin();
    const request = await recordFound(sara, SARAS_VALUE);

    expect(await service.recheckDue()).toEqual([]);
    expect((await storedOrganization(unmanagedTailspin.id)).managed).toBe(false);
    // A round that changes nothing writes nothing.
    expect((await stored(request.id)).attempts).toHaveLength(1);

    microsoft.managed(TAILSPIN);
    advance(MINUTE_MS);
    const news = await service.recheckDue();

    expect(news).toMatchObject([{ kind: 'completed', request: { id: request.id, status: 'completed', confirmedBy: 'microsoft' }, organization: { managed: true }, members: 2 }]);
    expect((await storedOrganization(unmanagedTailspin.id)).admins).toEqual([{ userId: 'aad-sara', name: 'Sara Davis', email: 'sara@tailspin.example', since: clock.toISOString() }]);
    expect(await service.recheckDue()).toEqual([]);
  });

  it('tells of the licenses to settle once, when Microsoft confirms a takeover whose members need them', async () => {
    await givenTailspin(member('cy@tailspin.example', unmanagedTailspin.id, ['Power Virtual Agents']));
    const request = await recordFound(sara, SARAS_VALUE);
    microsoft.managed(TAILSPIN);

    expect(await service.recheckDue()).toMatchObject([{ kind: 'licensesNeeded', request: { id: request.id }, needs: [{ service: 'Power Virtual Agents', count: 1 }] }]);
    expect(await service.markNotified(request.id, 'licensesNeeded')).toBe(true);
    expect(await service.recheckDue()).toEqual([]);
  });

  it('turns a takeover the requester reported into a confirmed one when Microsoft agrees later', async () => {
    await givenTailspin();
    const request = await recordFound(sara, SARAS_VALUE);
    microsoft.mode = 'unreachable';
    await service.finish(request.id, actorOf(sara));
    expect(await store.directory.openTakeovers()).toMatchObject([{ id: request.id, status: 'reportedByUser' }]);

    microsoft.mode = 'on';
    expect(await service.recheckDue()).toEqual([]);
    microsoft.managed(TAILSPIN);
    advance(MINUTE_MS);
    const news = await service.recheckDue();

    expect(news).toMatchObject([{ kind: 'confirmedLater', request: { id: request.id, status: 'completed', confirmedBy: 'microsoft', confirmedAt: clock.toISOString() } }]);
    const admins = (await storedOrganization(unmanagedTailspin.id)).admins;
    expect(admins).toEqual([{ userId: 'aad-sara', name: 'Sara Davis', email: 'sara@tailspin.example', since: new Date(clock.getTime() - MINUTE_MS).toISOString() }]);
    expect(await store.directory.openTakeovers()).toEqual([]);
  });

  it('stops asking Microsoft about a reported takeover after its days, leaving the report as it is', async () => {
    await givenTailspin();
    const request = await recordFound(sara, SARAS_VALUE);
    microsoft.mode = 'off';
    await service.finish(request.id, actorOf(sara));
    microsoft.mode = 'on';
    microsoft.managed(TAILSPIN);
    advance(MICROSOFT_WATCH_DAYS * DAY_MS);
    microsoft.asked.splice(0);

    expect(await service.recheckDue()).toEqual([]);
    expect(microsoft.asked).toEqual([]);
    expect(await stored(request.id)).toMatchObject({ status: 'reportedByUser' });
  });

  it('expires requests still waiting for the value or the record after seven days, also those without re-checks', async () => {
    await givenTailspin();
    const waiting = await started(sara);
    const withRecheck = await withValue(tom, TOMS_VALUE);
    await service.recheckLater(withRecheck.id, actorOf(tom));
    publish(TAILSPIN, TOMS_VALUE);
    advance((REQUEST_LIFETIME_DAYS + 1) * DAY_MS);

    expect(await service.recheckDue()).toEqual([]);
    expect(await stored(waiting.id)).toMatchObject({ status: 'expired', endedBecause: 'expired' });
    expect(await stored(withRecheck.id)).toMatchObject({ status: 'expired' });
    expect(dns.queries).toEqual([]);
  });
});

describe('TakeoverService.markNotified', () => {
  it('says true to the first caller of each piece of news only', async () => {
    await givenTailspin();
    const request = await started(sara);
    advance(MINUTE_MS);

    expect(await service.markNotified(request.id, 'recordFound')).toBe(true);
    expect(await service.markNotified(request.id, 'recordFound')).toBe(false);
    expect(await service.markNotified(request.id, 'completed')).toBe(true);
    expect((await stored(request.id)).notified).toEqual({ recordFound: clock.toISOString(), completed: clock.toISOString() });
    expect(await service.markNotified('no-such-request', 'completed')).toBe(false);
  });
});

describe('TakeoverService.cancel', () => {
  it('cancels an open request, once', async () => {
    await givenTailspin();
    const request = await withValue(sara, SARAS_VALUE);

    expect(await service.cancel(request.id, actorOf(sara))).toMatchObject({ kind: 'cancelled', request: { status: 'cancelled', endedBecause: 'cancelled' } });
    expect(await service.cancel(request.id, actorOf(sara))).toMatchObject({ kind: 'ended' });
    expect(await store.directory.openTakeovers()).toEqual([]);
  });
});

describe('TakeoverService: requests stored by the version that invented the value', () => {
  /** As the earlier version stored it: a `token` it made up, status pending or verified. */
  function legacy(id: string, status: 'pending' | 'verified', requester: Requester = sara): TakeoverRequest {
    return {
      id,
      domain: TAILSPIN,
      orgId: unmanagedTailspin.id,
      kind: 'internal',
      requester: { userId: requester.userId, aadObjectId: requester.aadObjectId, email: requester.email, conversation: { id: 'c' } },
      token: 'MS=ms11112222',
      status,
      attempts: status === 'verified' ? [{ at: START.toISOString(), outcome: 'verified', found: [], automatic: false }] : [],
      recheck: true,
      createdAt: START.toISOString(),
      expiresAt: new Date(START.getTime() + REQUEST_LIFETIME_DAYS * DAY_MS).toISOString(),
      ...(status === 'verified' ? { verifiedAt: START.toISOString(), notifiedAt: START.toISOString() } : {}),
    } as unknown as TakeoverRequest;
  }

  it('reads them as waiting for the value from Microsoft: the invented token is gone, and nothing it led to counts', async () => {
    await givenTailspin();
    await store.directory.transaction(async (tx) => {
      await tx.saveTakeover(legacy('legacy-pending', 'pending'));
      await tx.saveTakeover(legacy('legacy-verified', 'verified', tom));
    });

    const pending = await service.openRequest('legacy-pending', actorOf(sara));
    const verified = await service.openRequest('legacy-verified', actorOf(tom));

    for (const request of [pending, verified]) {
      expect(request).toMatchObject({ status: 'waitingForValue', recheck: false });
      expect(JSON.stringify(request)).not.toMatch(/token|MS=ms11112222|verifiedAt|notifiedAt/);
    }
    expect(await service.verify('legacy-verified', actorOf(tom))).toMatchObject({ kind: 'needsValue' });
    expect(await service.finish('legacy-verified', actorOf(tom))).toMatchObject({ kind: 'needsValue' });
    expect(await service.options(sara, TAILSPIN)).toMatchObject({ kind: 'possible', open: { id: 'legacy-pending', status: 'waitingForValue' } });
    expect(await service.start(sara, reachSara, TAILSPIN, 'internal')).toMatchObject({ kind: 'resumed', request: { id: 'legacy-pending', status: 'waitingForValue' } });
    expect(await service.submitValue('legacy-pending', actorOf(sara), SARAS_VALUE)).toMatchObject({ kind: 'accepted', request: { status: 'waitingForDns', value: SARAS_VALUE } });
    expect(JSON.stringify(await stored('legacy-pending'))).not.toContain('token');
    expect(microsoft.asked).toEqual([]);
  });

  it('lists them among the open requests, and expires them after their days in the background round', async () => {
    await givenTailspin();
    await store.directory.transaction((tx) => tx.saveTakeover(legacy('legacy-pending', 'pending')));
    expect((await store.directory.openTakeovers()).map((request) => request.id)).toEqual(['legacy-pending']);

    expect(await service.recheckDue()).toEqual([]);
    expect(dns.queries).toEqual([]);
    advance(REQUEST_LIFETIME_DAYS * DAY_MS);
    expect(await service.recheckDue()).toEqual([]);
    expect(await stored('legacy-pending')).toMatchObject({ status: 'expired' });
  });
});

describe('TakeoverService (persistence)', () => {
  it('finds a request again after the store is reopened (a restart), and goes on with it', async () => {
    await givenTailspin();
    const request = await withValue(sara, SARAS_VALUE);

    const reopened = (await store.reopen()).directory;

    const open = await reopened.openTakeovers();
    expect(open).toEqual([request]);
    const restarted = newService(reopened);
    publish(TAILSPIN, SARAS_VALUE);
    expect(await restarted.verify(request.id, actorOf(sara))).toMatchObject({ kind: 'checked', outcome: { kind: 'found' } });
  });

  it('sends news of a resumed request to the conversation the requester is in now', async () => {
    await givenTailspin();
    const request = await started(sara);
    await service.start(sara, { conversation: { id: 'conversation-new' }, language: 'nl' }, TAILSPIN, 'internal');
    expect((await stored(request.id)).requester).toMatchObject({ conversation: { id: 'conversation-new' }, language: 'nl' });
  });
});

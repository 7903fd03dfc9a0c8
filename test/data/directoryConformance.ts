/**
 * One shared suite for the `Directory` contract (services/directory.ts): run it against every backend
 * (directoryConformance.test.ts: the embedded file and PostgreSQL) to show they behave the same. What a
 * backend keeps on disk, or how several instances share it, is tested beside the backend.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { AuditEntry, Directory, Member } from '../../services/ports/directory.js';
import type { Organization } from '../../services/models/organization.js';
import type { TakeoverRequest, TakeoverStatus } from '../../services/models/takeoverRequest.js';
import { organization as baseOrganization } from '../helpers/fixtures.js';

export interface DirectoryUnderTest {
  directory: Directory;
  /** Lets go of the store and opens it again where it is (a restart); the directory of the new one. */
  reopen(): Promise<Directory>;
  /** Closes the store and removes it. */
  cleanup(): Promise<void>;
}

/** A full organization, as the directory imports them. */
export function organization(overrides: Partial<Organization> = {}): Organization {
  return {
    id: 'org-contoso',
    displayName: 'Contoso',
    domains: ['contoso.com', 'contoso.nl'],
    tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    managed: true,
    orgType: 'enterprise',
    cloud: 'worldwide',
    helpdeskContact: { title: 'IT desk', email: 'it@contoso.com', phone: '+31 20 123 4567' },
    admins: [{ name: 'Ada Admin', email: 'ada@contoso.com', since: '2024-01-15T09:00:00.000Z' }],
    selfService: { allowEmailVerifiedUsers: false, allowAdHocSubscriptions: true },
    createdAt: '2024-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export function member(email: string, orgId: string, services: string[] = []): Member {
  return { email, orgId, joinedVia: 'selfService', services, joinedAt: '2026-02-01T09:00:00.000Z' };
}

export function audit(subject: string, outcome: string, at = '2026-03-02T10:00:00.000Z'): AuditEntry {
  return { at, actor: 'cli', action: 'test', subject, outcome };
}

export function takeover(id: string, domain: string, status: TakeoverStatus = 'waitingForDns'): TakeoverRequest {
  return {
    id,
    domain,
    orgId: `org-${domain}`,
    kind: 'internal',
    requester: { userId: `29:${id}`, conversation: { id: `conversation-${id}` } },
    value: 'MS=ms12345678',
    status,
    attempts: [],
    recheck: false,
    createdAt: '2026-03-01T09:00:00.000Z',
    expiresAt: '2026-03-08T09:00:00.000Z',
  };
}

/** A promise and the function that resolves it, so a test decides when a transaction may go on. */
export function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/**
 * One read-then-write that must not interleave with another: reads the counter member's services and adds
 * `service`. Two transactions that interleaved would both read the same list, and one service would be lost.
 */
export async function addService(directory: Directory, email: string, service: string): Promise<void> {
  await directory.transaction(async (tx) => {
    const current = await tx.findMember(email);
    if (!current) throw new Error(`test: no member ${email}`);
    // Gives the other transactions every chance to run in between.
    await new Promise((resolve) => setImmediate(resolve));
    await tx.saveMember({ ...current, services: [...current.services, service] });
  });
}

const contoso = baseOrganization({ id: 'org-contoso', displayName: 'Contoso', domains: ['contoso.com'] });
const fabrikam = baseOrganization({ id: 'org-fabrikam', displayName: 'Fabrikam', domains: ['fabrikam.nl'] });

export function describeDirectoryConformance(name: string, open: () => Promise<DirectoryUnderTest>): void {
  describe(`${name} (Directory contract)`, () => {
    // Filled in by beforeEach; `reopen` replaces `directory` too.
    const store = {} as DirectoryUnderTest;

    beforeEach(async () => {
      const subject = await open();
      store.directory = subject.directory;
      store.cleanup = () => subject.cleanup();
      store.reopen = async () => (store.directory = await subject.reopen());
    });

    afterEach(async () => {
      await store.cleanup();
    });

    describe('finding organizations', () => {
      it('finds a saved organization by each of its domains, by its id and by its tenant id', async () => {
        const contosoFull = organization();
        await store.directory.save(contosoFull);

        expect(await store.directory.findByDomain('contoso.com')).toEqual(contosoFull);
        expect(await store.directory.findByDomain('contoso.nl')).toEqual(contosoFull);
        expect(await store.directory.findById('org-contoso')).toEqual(contosoFull);
        expect(await store.directory.findByTenantId('72f988bf-86f1-41af-91ab-2d7cd011db47')).toEqual(contosoFull);
      });

      it('finds nothing for an unknown domain, id or tenant id, in an empty directory too', async () => {
        expect(await store.directory.findByDomain('contoso.com')).toBeUndefined();
        expect(await store.directory.listOrganizations()).toEqual([]);
        await store.directory.save(organization());

        expect(await store.directory.findByDomain('fabrikam.com')).toBeUndefined();
        expect(await store.directory.findById('org-fabrikam')).toBeUndefined();
        expect(await store.directory.findByTenantId('00000000-0000-0000-0000-000000000000')).toBeUndefined();
      });

      it('finds the right organization among several, and lists them in the order they were added', async () => {
        const contosoFull = organization();
        const fabrikamFull = organization({ id: 'org-fabrikam', displayName: 'Fabrikam', domains: ['fabrikam.com'], tenantId: 'a1b2c3d4-0000-4000-8000-000000000001' });
        const school = organization({ id: 'org-school', displayName: 'School', domains: ['school.edu'], tenantId: undefined });
        await store.directory.save(contosoFull);
        await store.directory.save(fabrikamFull);
        await store.directory.save(school);

        expect(await store.directory.findByDomain('fabrikam.com')).toEqual(fabrikamFull);
        expect(await store.directory.findByTenantId('a1b2c3d4-0000-4000-8000-000000000001')).toEqual(fabrikamFull);
        expect(await store.directory.findByDomain('school.edu')).toEqual(school);
        expect(await store.directory.findByDomain('contoso.com')).toEqual(contosoFull);
        expect(await store.directory.listOrganizations()).toEqual([contosoFull, fabrikamFull, school]);
      });

      it('finds the first organization added with a tenant id when two share it', async () => {
        await store.directory.save(organization({ id: 'org-first', domains: ['first.example'] }));
        await store.directory.save(organization({ id: 'org-second', domains: ['second.example'] }));
        await store.directory.save(organization({ id: 'org-first', domains: ['first.example'], displayName: 'First, renamed' }));

        expect(await store.directory.findByTenantId('72f988bf-86f1-41af-91ab-2d7cd011db47')).toMatchObject({ id: 'org-first', displayName: 'First, renamed' });
      });

      it('ignores the case of the domain it is asked for', async () => {
        const contosoFull = organization();
        await store.directory.save(contosoFull);

        expect(await store.directory.findByDomain('CONTOSO.COM')).toEqual(contosoFull);
        expect(await store.directory.findByDomain('Contoso.Nl')).toEqual(contosoFull);
      });

      it('does not match a subdomain to its parent domain, nor a parent to its subdomain', async () => {
        await store.directory.save(organization({ id: 'org-contoso', domains: ['contoso.com'] }));
        expect(await store.directory.findByDomain('sales.contoso.com')).toBeUndefined();

        const sales = organization({ id: 'org-sales', displayName: 'Contoso Sales', domains: ['sales.contoso.com'], tenantId: undefined });
        await store.directory.save(sales);
        expect(await store.directory.findByDomain('sales.contoso.com')).toEqual(sales);
        expect((await store.directory.findByDomain('contoso.com'))?.id).toBe('org-contoso');
      });

      it('does not match a domain that merely ends with a known one, nor a pattern', async () => {
        await store.directory.save(organization({ domains: ['contoso.com'] }));

        expect(await store.directory.findByDomain('notcontoso.com')).toBeUndefined();
        expect(await store.directory.findByDomain('contoso.co')).toBeUndefined();
        expect(await store.directory.findByDomain('contoso.%')).toBeUndefined();
        expect(await store.directory.findByDomain('')).toBeUndefined();
      });

      it('replaces the organization with the same id when saving again, and lets go of the domains it dropped', async () => {
        await store.directory.save(organization());
        const renamed = organization({ displayName: 'Contoso Ltd', domains: ['contoso.co.uk'], managed: false });

        await store.directory.save(renamed);

        expect(await store.directory.findByDomain('contoso.com')).toBeUndefined();
        expect(await store.directory.findByDomain('contoso.co.uk')).toEqual(renamed);
        expect(await store.directory.findByTenantId('72f988bf-86f1-41af-91ab-2d7cd011db47')).toEqual(renamed);
        expect(await store.directory.listOrganizations()).toEqual([renamed]);

        await store.directory.save(organization({ id: 'org-other', displayName: 'Other', domains: ['contoso.com'] }));
        expect((await store.directory.findByDomain('contoso.com'))?.id).toBe('org-other');
      });

      it('keeps an organization that has no domains (left after an external takeover)', async () => {
        const emptied = organization({ domains: [], deleteAfter: '2026-03-12T10:00:00.000Z' });

        await store.directory.save(emptied);

        expect(await store.directory.findById('org-contoso')).toEqual(emptied);
        expect(await store.directory.listOrganizations()).toEqual([emptied]);
      });

      it('finds the managed organizations that record a person as admin, by email in any case or by user id, in the order added', async () => {
        const byEmail = organization();
        const byUserId = organization({
          id: 'org-fabrikam',
          displayName: 'Fabrikam',
          domains: ['fabrikam.nl'],
          tenantId: undefined,
          admins: [{ name: 'Ada Admin', email: 'ada.admin@fabrikam.nl', userId: 'aad-ada', since: '2024-01-15T09:00:00.000Z' }],
        });
        const unmanaged = organization({ id: 'org-school', domains: ['school.edu'], tenantId: undefined, managed: false });
        const someoneElse = organization({ id: 'org-tailspin', domains: ['tailspin.example'], tenantId: undefined, admins: [{ name: 'Bo', email: 'bo@tailspin.example', since: '2024-01-15T09:00:00.000Z' }] });
        for (const org of [byEmail, unmanaged, byUserId, someoneElse]) await store.directory.save(org);

        expect(await store.directory.organizationsAdministeredBy({ email: ' ADA@Contoso.com ', userId: 'aad-ada' })).toEqual([byEmail, byUserId]);
        expect(await store.directory.organizationsAdministeredBy({ userId: 'aad-ada' })).toEqual([byUserId]);
        expect(await store.directory.organizationsAdministeredBy({ email: 'nobody@contoso.com' })).toEqual([]);
        expect(await store.directory.organizationsAdministeredBy({})).toEqual([]);
      });

      it('returns a copy: changing a found organization does not change the directory', async () => {
        const contosoFull = organization();
        await store.directory.save(contosoFull);

        const found = await store.directory.findByDomain('contoso.com');
        if (!found) throw new Error('expected contoso.com to be found');
        found.displayName = 'Hijacked';
        found.domains.push('evil.example');
        found.admins[0]!.email = 'mallory@evil.example';
        found.selfService.allowEmailVerifiedUsers = true;

        expect(await store.directory.findByTenantId('72f988bf-86f1-41af-91ab-2d7cd011db47')).toEqual(contosoFull);
        expect(await store.directory.findByDomain('evil.example')).toBeUndefined();
      });

      it('keeps its own copy: changing a saved organization afterwards does not change the directory', async () => {
        const saved = organization();
        await store.directory.save(saved);

        saved.displayName = 'Changed later';
        saved.domains.push('later.example');
        saved.admins.push({ name: 'Later', email: 'later@contoso.com', since: '2025-01-01T00:00:00.000Z' });

        expect(await store.directory.findByDomain('contoso.com')).toEqual(organization());
        expect(await store.directory.findByDomain('later.example')).toBeUndefined();
      });

      it('round-trips every field, unicode and all', async () => {
        const odd = organization({
          id: 'org-bücher',
          displayName: 'Bücher & Zoë’s “café” — 日本語 🚀',
          domains: ['xn--bcher-kva.nl'],
          tenantId: undefined,
          helpdeskContact: { title: 'Servicedesk\n(24/7)', email: 'help@xn--bcher-kva.nl', phone: '+31 6 1234 5678' },
          helpdeskChannel: {
            conversation: { serviceUrl: 'https://smba.trafficmanager.net/emea/', conversation: { id: '19:general@thread.tacv2' } },
            conversationId: '19:general@thread.tacv2',
            language: 'nl',
            setBy: 'jan@xn--bcher-kva.nl',
            setAt: '2026-03-01T09:00:00.000Z',
          },
        });

        await store.directory.save(odd);

        expect(await store.directory.findById('org-bücher')).toEqual(odd);
        expect(await store.directory.findByDomain('xn--bcher-kva.nl')).toEqual(odd);
      });

      it('still finds everything after the store is reopened', async () => {
        const contosoFull = organization();
        const school = organization({ id: 'org-school', displayName: 'School', domains: ['school.edu'], tenantId: undefined, orgType: 'school' });
        await store.directory.save(contosoFull);
        await store.directory.save(school);
        await store.directory.transaction(async (tx) => {
          await tx.saveMember(member('sara@contoso.com', contosoFull.id));
          await tx.saveTakeover(takeover('t-1', 'school.edu'));
          await tx.audit(audit('school.edu', 'kept'));
        });

        const reopened = await store.reopen();

        expect(await reopened.findByDomain('contoso.com')).toEqual(contosoFull);
        expect(await reopened.findByTenantId('72f988bf-86f1-41af-91ab-2d7cd011db47')).toEqual(contosoFull);
        expect(await reopened.findByDomain('school.edu')).toEqual(school);
        expect(await reopened.listOrganizations()).toEqual([contosoFull, school]);
        expect(await reopened.findMember('sara@contoso.com')).toEqual(member('sara@contoso.com', contosoFull.id));
        expect(await reopened.findTakeover('t-1')).toEqual(takeover('t-1', 'school.edu'));
        expect(await reopened.openTakeovers()).toEqual([takeover('t-1', 'school.edu')]);
        expect(await reopened.auditTrail('school.edu', 10)).toEqual([audit('school.edu', 'kept')]);
      });
    });

    describe('domains', () => {
      it('stores domains lower-case', async () => {
        await store.directory.save(organization({ id: 'org-bucher', displayName: 'Bücher', domains: ['XN--BCHER-KVA.NL', 'Fabrikam.NL'] }));

        const expected = { id: 'org-bucher', domains: ['xn--bcher-kva.nl', 'fabrikam.nl'] };
        expect(await store.directory.findByDomain('fabrikam.nl')).toMatchObject(expected);
        expect(await store.directory.findById('org-bucher')).toMatchObject(expected);
        expect(await store.directory.listOrganizations()).toEqual([expect.objectContaining(expected)]);
        expect(await (await store.reopen()).findByDomain('XN--BCHER-KVA.nl')).toMatchObject(expected);
      });

      it('refuses to save an organization whose domain belongs to another, naming the domain and the other, and writes nothing', async () => {
        await store.directory.save(contoso);
        const grabber = baseOrganization({ id: 'org-grabber', displayName: 'Grabber', domains: ['grabber.nl', 'Contoso.COM'] });

        const attempt = store.directory.transaction(async (tx) => {
          await tx.saveMember(member('eve@grabber.nl', grabber.id));
          await tx.saveOrganization(grabber);
        });

        await expect(attempt).rejects.toThrow('Directory.saveOrganization("org-grabber"): domain "contoso.com" already belongs to organization "org-contoso" (Contoso)');
        expect(await store.directory.findById('org-grabber')).toBeUndefined();
        expect(await store.directory.findByDomain('grabber.nl')).toBeUndefined();
        expect(await store.directory.findMember('eve@grabber.nl')).toBeUndefined();
        expect(await store.directory.findByDomain('contoso.com')).toEqual(contoso);
        expect(await store.directory.listOrganizations()).toEqual([contoso]);
      });

      it('refuses a plain save that takes a domain of another organization', async () => {
        await store.directory.save(contoso);

        await expect(store.directory.save(baseOrganization({ id: 'org-grabber', displayName: 'Grabber', domains: ['contoso.com'] }))).rejects.toThrow(
          /domain "contoso\.com" already belongs to organization "org-contoso" \(Contoso\)/,
        );
        expect(await store.directory.listOrganizations()).toEqual([contoso]);
      });

      it('refuses two organizations sharing a domain within one transaction', async () => {
        await store.directory.save(contoso);
        const twin = baseOrganization({ id: 'org-twin', displayName: 'Twin', domains: ['fabrikam.nl'] });

        await expect(
          store.directory.transaction(async (tx) => {
            await tx.saveOrganization(fabrikam);
            await tx.saveOrganization(twin);
          }),
        ).rejects.toThrow(/org-twin.*fabrikam\.nl.*org-fabrikam.*Fabrikam/);
        expect(await store.directory.listOrganizations()).toEqual([contoso]);
      });

      it('lets a domain move when its old organization gives it up in the same transaction', async () => {
        await store.directory.save(contoso);
        const newOwner = baseOrganization({ id: 'org-new', displayName: 'New owner', domains: ['contoso.com'] });

        await store.directory.transaction(async (tx) => {
          await tx.saveOrganization({ ...contoso, domains: [] });
          await tx.saveOrganization(newOwner);
        });

        expect(await store.directory.findByDomain('contoso.com')).toEqual(newOwner);
        expect(await store.directory.findById(contoso.id)).toEqual({ ...contoso, domains: [] });
      });

      it('refuses a domain move in the wrong order: the new owner before the old one gave it up', async () => {
        await store.directory.save(contoso);
        const newOwner = baseOrganization({ id: 'org-new', displayName: 'New owner', domains: ['contoso.com'] });

        await expect(
          store.directory.transaction(async (tx) => {
            await tx.saveOrganization(newOwner);
            await tx.saveOrganization({ ...contoso, domains: [] });
          }),
        ).rejects.toThrow(/org-new.*contoso\.com.*org-contoso/);
        expect(await store.directory.findByDomain('contoso.com')).toEqual(contoso);
      });
    });

    describe('members', () => {
      beforeEach(async () => {
        await store.directory.save(contoso);
      });

      it('stores member emails lower-case and finds them whatever their case', async () => {
        await store.directory.transaction((tx) => tx.saveMember(member('Sara.Jansen@Contoso.COM', contoso.id)));

        expect(await store.directory.findMember('SARA.JANSEN@contoso.com')).toEqual(member('sara.jansen@contoso.com', contoso.id));
        expect(await store.directory.membersOf(contoso.id)).toEqual([member('sara.jansen@contoso.com', contoso.id)]);
      });

      it('keeps one member when the same address is saved again in another case: the last save wins, in its place', async () => {
        await store.directory.transaction(async (tx) => {
          await tx.saveMember(member('sara@contoso.com', contoso.id));
          await tx.saveMember(member('rob@contoso.com', contoso.id));
        });
        await store.directory.transaction((tx) => tx.saveMember({ ...member('SARA@contoso.com', contoso.id), services: ['Power BI'] }));

        expect(await store.directory.membersOf(contoso.id)).toEqual([member('sara@contoso.com', contoso.id, ['Power BI']), member('rob@contoso.com', contoso.id)]);
        expect(await store.directory.countMembers(contoso.id)).toBe(2);
      });

      it('moves a member to the organization saved last', async () => {
        await store.directory.save(fabrikam);
        await store.directory.transaction((tx) => tx.saveMember(member('eva@contoso.com', contoso.id)));

        await store.directory.transaction((tx) => tx.saveMember(member('eva@contoso.com', fabrikam.id)));

        expect(await store.directory.membersOf(contoso.id)).toEqual([]);
        expect(await store.directory.membersOf(fabrikam.id)).toEqual([member('eva@contoso.com', fabrikam.id)]);
        expect(await store.directory.countMembers(contoso.id)).toBe(0);
        expect(await store.directory.countMembers(fabrikam.id)).toBe(1);
      });

      it('lists the members of an organization in the order they joined, and none of another', async () => {
        await store.directory.save(fabrikam);
        await store.directory.transaction(async (tx) => {
          for (const name of ['c', 'a', 'b']) await tx.saveMember(member(`${name}@contoso.com`, contoso.id));
          await tx.saveMember(member('jan@fabrikam.nl', fabrikam.id));
        });
        await store.directory.transaction((tx) => tx.saveMember(member('d@contoso.com', contoso.id)));

        expect((await store.directory.membersOf(contoso.id)).map((m) => m.email)).toEqual(['c@contoso.com', 'a@contoso.com', 'b@contoso.com', 'd@contoso.com']);
        expect(await store.directory.countMembers(contoso.id)).toBe(4);
        expect(await store.directory.membersOf('org-nobody')).toEqual([]);
        expect(await store.directory.countMembers('org-nobody')).toBe(0);
      });

      it('returns copies of members', async () => {
        await store.directory.transaction((tx) => tx.saveMember(member('sara@contoso.com', contoso.id, ['Power BI'])));

        const found = await store.directory.findMember('sara@contoso.com');
        found!.services.push('Hijacked');
        (await store.directory.membersOf(contoso.id))[0]!.services.push('Hijacked');

        expect(await store.directory.findMember('sara@contoso.com')).toEqual(member('sara@contoso.com', contoso.id, ['Power BI']));
      });
    });

    describe('takeovers and the audit trail', () => {
      it('lists the takeovers of a domain in the order they were started, open or ended, and keeps their place when they change', async () => {
        await store.directory.transaction(async (tx) => {
          await tx.saveTakeover(takeover('t-1', 'tailspin.example'));
          await tx.saveTakeover(takeover('t-other', 'other.example'));
          await tx.saveTakeover(takeover('t-2', 'tailspin.example', 'cancelled'));
        });
        await store.directory.transaction((tx) => tx.saveTakeover(takeover('t-3', 'tailspin.example', 'waitingForMicrosoft')));
        await store.directory.transaction((tx) => tx.saveTakeover(takeover('t-1', 'tailspin.example', 'expired')));

        const listed = await store.directory.transaction((tx) => tx.takeoversFor('tailspin.example'));

        expect(listed).toEqual([takeover('t-1', 'tailspin.example', 'expired'), takeover('t-2', 'tailspin.example', 'cancelled'), takeover('t-3', 'tailspin.example', 'waitingForMicrosoft')]);
        expect(await store.directory.transaction((tx) => tx.takeoversFor('nowhere.example'))).toEqual([]);
        expect(await store.directory.findTakeover('t-1')).toEqual(takeover('t-1', 'tailspin.example', 'expired'));
        expect(await store.directory.findTakeover('t-none')).toBeUndefined();
      });

      it('sees the takeovers a transaction saved, and an update of one, inside that transaction', async () => {
        await store.directory.transaction((tx) => tx.saveTakeover(takeover('t-1', 'tailspin.example')));

        const seen = await store.directory.transaction(async (tx) => {
          await tx.saveTakeover(takeover('t-2', 'tailspin.example'));
          await tx.saveTakeover(takeover('t-1', 'tailspin.example', 'cancelled'));
          return { all: await tx.takeoversFor('tailspin.example'), one: await tx.findTakeover('t-1') };
        });

        // The order inside a transaction is not part of the contract (the file lists staged changes last).
        expect([...seen.all].sort((a, b) => a.id.localeCompare(b.id))).toEqual([takeover('t-1', 'tailspin.example', 'cancelled'), takeover('t-2', 'tailspin.example')]);
        expect(seen.one).toEqual(takeover('t-1', 'tailspin.example', 'cancelled'));
      });

      it('lists the open takeovers and those reported by their requester, of every domain, in the order they were started', async () => {
        const statuses: TakeoverStatus[] = ['waitingForValue', 'completed', 'waitingForMicrosoft', 'expired', 'cancelled', 'waitingForDns', 'reportedByUser'];
        await store.directory.transaction(async (tx) => {
          for (const [index, status] of statuses.entries()) await tx.saveTakeover(takeover(`t-${index}`, `d${index % 2}.example`, status));
        });

        expect((await store.directory.openTakeovers()).map((request) => request.id)).toEqual(['t-0', 't-2', 't-5', 't-6']);

        await store.directory.transaction((tx) => tx.saveTakeover(takeover('t-0', 'd0.example', 'completed')));
        await store.directory.transaction((tx) => tx.saveTakeover(takeover('t-1', 'd1.example', 'waitingForMicrosoft')));
        await store.directory.transaction((tx) => tx.saveTakeover(takeover('t-6', 'd0.example', 'completed')));
        expect(await store.directory.openTakeovers()).toEqual([
          takeover('t-1', 'd1.example', 'waitingForMicrosoft'),
          takeover('t-2', 'd0.example', 'waitingForMicrosoft'),
          takeover('t-5', 'd1.example', 'waitingForDns'),
        ]);
      });

      it('lists the open takeovers of the version that invented the value too (status pending or verified, with a token)', async () => {
        const legacy = (id: string, status: string) => ({ ...takeover(id, 'legacy.example'), value: undefined, token: 'MS=ms12345678', status }) as unknown as TakeoverRequest;
        await store.directory.transaction(async (tx) => {
          await tx.saveTakeover(legacy('t-pending', 'pending'));
          await tx.saveTakeover(legacy('t-verified', 'verified'));
          await tx.saveTakeover(takeover('t-done', 'legacy.example', 'completed'));
        });

        expect((await store.directory.openTakeovers()).map((request) => request.id)).toEqual(['t-pending', 't-verified']);
      });

      it('gives the most recent audit entries about a subject, newest last, at most `limit` of them', async () => {
        for (let index = 1; index <= 6; index++) {
          await store.directory.transaction(async (tx) => {
            await tx.audit(audit('contoso.com', `step ${index}`));
            await tx.audit(audit('fabrikam.nl', `other ${index}`));
          });
        }
        await store.directory.transaction(async (tx) => {
          await tx.audit(audit('contoso.com', 'step 7'));
          await tx.audit(audit('contoso.com', 'step 8'));
        });

        const outcomes = async (subject: string, limit: number) => (await store.directory.auditTrail(subject, limit)).map((entry) => entry.outcome);
        expect(await outcomes('contoso.com', 3)).toEqual(['step 6', 'step 7', 'step 8']);
        expect(await outcomes('contoso.com', 1)).toEqual(['step 8']);
        expect(await outcomes('contoso.com', 100)).toEqual(['step 1', 'step 2', 'step 3', 'step 4', 'step 5', 'step 6', 'step 7', 'step 8']);
        expect(await outcomes('fabrikam.nl', 2)).toEqual(['other 5', 'other 6']);
        expect(await outcomes('nowhere.example', 10)).toEqual([]);
        expect(await store.directory.auditTrail('contoso.com', 1)).toEqual([audit('contoso.com', 'step 8')]);
      });

      it('keeps audit entries in the order written, not by their timestamps', async () => {
        await store.directory.transaction(async (tx) => {
          await tx.audit(audit('contoso.com', 'late', '2026-03-05T10:00:00.000Z'));
          await tx.audit(audit('contoso.com', 'early', '2026-03-01T10:00:00.000Z'));
        });

        expect((await store.directory.auditTrail('contoso.com', 10)).map((entry) => entry.outcome)).toEqual(['late', 'early']);
      });
    });

    describe('transactions', () => {
      beforeEach(async () => {
        await store.directory.save(contoso);
      });

      it('keeps nothing of a transaction that throws, also after a restart', async () => {
        await expect(
          store.directory.transaction(async (tx) => {
            await tx.saveOrganization(fabrikam);
            await tx.saveOrganization({ ...contoso, displayName: 'Renamed' });
            await tx.saveMember(member('jan@fabrikam.nl', fabrikam.id));
            await tx.saveTakeover(takeover('t-1', 'fabrikam.nl'));
            await tx.audit(audit('fabrikam.nl', 'created'));
            throw new Error('refused halfway');
          }),
        ).rejects.toThrow('refused halfway');

        const check = async (directory: Directory) => {
          expect(await directory.findByDomain('fabrikam.nl')).toBeUndefined();
          expect(await directory.findMember('jan@fabrikam.nl')).toBeUndefined();
          expect(await directory.findTakeover('t-1')).toBeUndefined();
          expect(await directory.openTakeovers()).toEqual([]);
          expect(await directory.auditTrail('fabrikam.nl', 10)).toEqual([]);
          expect(await directory.listOrganizations()).toEqual([contoso]);
        };
        await check(store.directory);
        await check(await store.reopen());
      });

      it('keeps what it committed and goes on working after a transaction threw', async () => {
        await expect(store.directory.transaction(async () => Promise.reject(new Error('no')))).rejects.toThrow('no');

        await store.directory.transaction(async (tx) => tx.saveOrganization(fabrikam));

        expect(await store.directory.listOrganizations()).toEqual([contoso, fabrikam]);
        expect(await (await store.reopen()).listOrganizations()).toEqual([contoso, fabrikam]);
      });

      it('returns what the work returned', async () => {
        expect(await store.directory.transaction(async (tx) => (await tx.findById(contoso.id))?.displayName)).toBe('Contoso');
      });

      it('shows its writes to readers outside only once it commits', async () => {
        const staged = gate();
        const mayCommit = gate();
        const running = store.directory.transaction(async (tx) => {
          await tx.saveOrganization(fabrikam);
          await tx.saveMember(member('jan@fabrikam.nl', fabrikam.id));
          await tx.saveTakeover(takeover('t-1', 'fabrikam.nl'));
          await tx.audit(audit('fabrikam.nl', 'created'));
          staged.open();
          await mayCommit.opened;
          return 'committed';
        });
        await staged.opened;

        expect(await store.directory.findByDomain('fabrikam.nl')).toBeUndefined();
        expect(await store.directory.findById(fabrikam.id)).toBeUndefined();
        expect(await store.directory.listOrganizations()).toEqual([contoso]);
        expect(await store.directory.findMember('jan@fabrikam.nl')).toBeUndefined();
        expect(await store.directory.countMembers(fabrikam.id)).toBe(0);
        expect(await store.directory.findTakeover('t-1')).toBeUndefined();
        expect(await store.directory.auditTrail('fabrikam.nl', 10)).toEqual([]);

        mayCommit.open();
        expect(await running).toBe('committed');

        expect(await store.directory.findByDomain('fabrikam.nl')).toEqual(fabrikam);
        expect(await store.directory.findMember('jan@fabrikam.nl')).toEqual(member('jan@fabrikam.nl', fabrikam.id));
        expect(await store.directory.findTakeover('t-1')).toEqual(takeover('t-1', 'fabrikam.nl'));
        expect(await store.directory.auditTrail('fabrikam.nl', 10)).toEqual([audit('fabrikam.nl', 'created')]);
      });

      it('runs a second transaction only after the first committed', async () => {
        const started = gate();
        const mayCommit = gate();
        const first = store.directory.transaction(async (tx) => {
          started.open();
          await tx.saveMember(member('sara@contoso.com', contoso.id));
          await mayCommit.opened;
        });
        // Which of two transactions called at once runs first is not promised: the first is under way here.
        await started.opened;
        let seenBySecond: number | undefined;
        const second = store.directory.transaction(async (tx) => {
          seenBySecond = await tx.countMembers(contoso.id);
        });

        mayCommit.open();
        await Promise.all([first, second]);

        expect(seenBySecond).toBe(1);
      });

      it('does not let two read-then-write transactions interleave', async () => {
        await store.directory.transaction((tx) => tx.saveMember(member('counter@contoso.com', contoso.id)));
        const firstRead = gate();
        const mayWrite = gate();

        const first = store.directory.transaction(async (tx) => {
          const current = await tx.findMember('counter@contoso.com');
          firstRead.open();
          await mayWrite.opened;
          await tx.saveMember({ ...current!, services: [...current!.services, 'first'] });
        });
        await firstRead.opened;
        const second = addService(store.directory, 'counter@contoso.com', 'second');
        // The second must wait for the first; were it to read now, it would read no services.
        await new Promise((resolve) => setTimeout(resolve, 50));
        mayWrite.open();
        await Promise.all([first, second]);

        expect((await store.directory.findMember('counter@contoso.com'))?.services).toEqual(['first', 'second']);
      });

      it('loses none of 50 read-then-write transactions started at once', async () => {
        await store.directory.transaction((tx) => tx.saveMember(member('counter@contoso.com', contoso.id)));
        const services = Array.from({ length: 50 }, (_, index) => `s${index}`);

        await Promise.all(services.map((service) => addService(store.directory, 'counter@contoso.com', service)));

        const stored = (await store.directory.findMember('counter@contoso.com'))?.services ?? [];
        expect([...stored].sort()).toEqual([...services].sort());
      });

      it('counts the members it saved inside the transaction', async () => {
        await store.directory.transaction(async (tx) => {
          await tx.saveOrganization(fabrikam);
          await tx.saveMember(member('rob@contoso.com', contoso.id));
          await tx.saveMember(member('eva@contoso.com', contoso.id));
        });

        const counts = await store.directory.transaction(async (tx) => {
          const atStart = await tx.countMembers(contoso.id);
          await tx.saveMember(member('sara@contoso.com', contoso.id));
          await tx.saveMember(member('Sara@Contoso.com', contoso.id));
          await tx.saveMember(member('eva@contoso.com', fabrikam.id));
          return {
            atStart,
            contoso: await tx.countMembers(contoso.id),
            fabrikam: await tx.countMembers(fabrikam.id),
            contosoMembers: (await tx.membersOf(contoso.id)).map((m) => m.email).sort(),
          };
        });

        expect(counts).toEqual({ atStart: 2, contoso: 2, fabrikam: 1, contosoMembers: ['rob@contoso.com', 'sara@contoso.com'] });
        expect(await store.directory.countMembers(contoso.id)).toBe(2);
        expect(await store.directory.countMembers(fabrikam.id)).toBe(1);
      });

      it('reads its own writes', async () => {
        const seen = await store.directory.transaction(async (tx) => {
          await tx.saveOrganization(fabrikam);
          await tx.saveMember(member('jan@fabrikam.nl', fabrikam.id));
          await tx.saveTakeover(takeover('t-1', 'fabrikam.nl'));
          return {
            byDomain: await tx.findByDomain('FABRIKAM.nl'),
            byId: await tx.findById(fabrikam.id),
            member: await tx.findMember('Jan@Fabrikam.nl'),
            takeover: await tx.findTakeover('t-1'),
          };
        });

        expect(seen).toEqual({ byDomain: fabrikam, byId: fabrikam, member: member('jan@fabrikam.nl', fabrikam.id), takeover: takeover('t-1', 'fabrikam.nl') });
      });

      it('does not let a transaction change what it saved by changing its objects afterwards', async () => {
        const mine = baseOrganization({ id: 'org-mine', displayName: 'Mine', domains: ['mine.example'] });
        const who = member('me@mine.example', mine.id);
        await store.directory.transaction(async (tx) => {
          await tx.saveOrganization(mine);
          await tx.saveMember(who);
          mine.displayName = 'Changed';
          who.services.push('Changed');
        });

        expect(await store.directory.findById('org-mine')).toMatchObject({ displayName: 'Mine' });
        expect(await store.directory.findMember('me@mine.example')).toMatchObject({ services: [] });
      });
    });
  });
}

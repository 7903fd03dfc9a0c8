import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import type { HelpdeskData } from '../../../data/file/helpdeskFile.js';
import type { Directory, Member } from '../../../services/ports/directory.js';
import { parseEmailAddress, type EmailAddress } from '../../../services/signup/emailAddress.js';
import type { Organization } from '../../../services/models/organization.js';
import { isRecordable, planSignup, recordSignup, type SignupPlan } from '../../../services/signup/signup.js';
import { organization } from '../../helpers/fixtures.js';
import { testStoreKind } from '../../helpers/storeUnderTest.js';
import { useTestStore } from '../../helpers/tempStore.js';
import type { MicrosoftDomainView } from '../../../services/organizations/domainAtMicrosoft.js';

const now = new Date('2026-03-02T10:00:00.000Z');

function address(text: string): EmailAddress {
  const parsed = parseEmailAddress(text);
  if (!parsed.ok) throw new Error(`test address "${text}" is not valid: ${parsed.problem}`);
  return parsed.value;
}

function member(email: string, orgId: string, services: string[] = []): Member {
  return { email, orgId, joinedVia: 'selfService', services, joinedAt: '2026-02-01T09:00:00.000Z' };
}

const managedContoso = organization({
  id: 'org-contoso',
  displayName: 'Contoso',
  domains: ['contoso.com'],
  admins: [{ name: 'Megan Bowen', email: 'megan@contoso.com', since: '2026-01-05T09:00:00.000Z' }],
});

function withSelfService(org: Organization, allowEmailVerifiedUsers: boolean, allowAdHocSubscriptions: boolean): Organization {
  return { ...org, selfService: { allowEmailVerifiedUsers, allowAdHocSubscriptions } };
}

/** What is on disk exists only in a file run. */
const fileOnly = testStoreKind() === 'file' ? it : it.skip;

describe('signup', () => {
  /** The run's store: the embedded file, or PostgreSQL (HELPDESK_TEST_STORE=postgres). */
  const store = useTestStore();

  /** The store file as it is on disk (every change is written before it resolves); file runs only. */
  async function onDisk(): Promise<HelpdeskData> {
    return JSON.parse(await readFile(store.path!, 'utf8')) as HelpdeskData;
  }

  /** Puts an organization and its members in the directory, as an import would. */
  async function given(org: Organization, ...members: Member[]): Promise<void> {
    await store.directory.transaction(async (tx) => {
      await tx.saveOrganization(org);
      for (const m of members) await tx.saveMember(m);
    });
  }

  describe('planSignup', () => {
    it('refuses a consumer address', async () => {
      expect(await planSignup(store.directory, { address: address('sara@gmail.com') })).toEqual({ kind: 'consumer', domain: 'gmail.com' });
      expect(await planSignup(store.directory, { address: address('sara@mail.ziggo.nl') })).toEqual({ kind: 'consumer', domain: 'mail.ziggo.nl' });
    });

    it('sends a government address to government enrolment', async () => {
      expect(await planSignup(store.directory, { address: address('sara@agency.gov') })).toEqual({ kind: 'government', domain: 'agency.gov' });
    });

    it('creates an unmanaged organization for a new domain', async () => {
      expect(await planSignup(store.directory, { address: address('sara@contoso.com') })).toEqual({ kind: 'createUnmanaged', domain: 'contoso.com' });
    });

    it('joins an unmanaged organization with the number of colleagues already in it, told only to one of them', async () => {
      const unmanaged = organization({ id: 'org-tailspin', displayName: 'tailspin.nl', domains: ['tailspin.nl'], managed: false });
      await given(unmanaged, member('rob@tailspin.nl', unmanaged.id), member('eva@tailspin.nl', unmanaged.id));

      // Teams gives Sara's address on the domain: she is one of them.
      expect(await planSignup(store.directory, { address: address('sara@tailspin.nl'), requesterEmail: 'sara@tailspin.nl' })).toEqual({
        kind: 'joinUnmanaged',
        organization: unmanaged,
        colleagues: 2,
      });
      // A typed address alone places nobody in the organization: no count.
      expect(await planSignup(store.directory, { address: address('sara@tailspin.nl') })).toEqual({ kind: 'joinUnmanaged', organization: unmanaged });
      expect(await planSignup(store.directory, { address: address('sara@tailspin.nl'), requesterEmail: 'sara@adatum.com' })).toEqual({ kind: 'joinUnmanaged', organization: unmanaged });
    });

    it('joins a managed organization that allows joining', async () => {
      await given(managedContoso);

      expect(await planSignup(store.directory, { address: address('sara@contoso.com'), requesterEmail: 'sara@contoso.com' })).toEqual({
        kind: 'joinManaged',
        organization: managedContoso,
        colleagues: 0,
      });
    });

    it('turns a newcomer away when the organization allows no email-verified users, but not a member', async () => {
      const closed = withSelfService(managedContoso, false, true);
      await given(closed, member('rob@contoso.com', closed.id, ['Power BI']));

      expect(await planSignup(store.directory, { address: address('sara@contoso.com') })).toEqual({ kind: 'turnedOff', organization: closed, reason: 'joiningOff' });
      expect(await planSignup(store.directory, { address: address('rob@contoso.com'), service: 'Power BI' })).toEqual({
        kind: 'alreadyMember',
        organization: closed,
        member: member('rob@contoso.com', closed.id, ['Power BI']),
      });
    });

    it('turns even a member away when the organization allows no self-service subscriptions', async () => {
      const closed = withSelfService(managedContoso, true, false);
      await given(closed, member('rob@contoso.com', closed.id));

      expect(await planSignup(store.directory, { address: address('rob@contoso.com') })).toEqual({ kind: 'turnedOff', organization: closed, reason: 'signupOff' });
      expect(await planSignup(store.directory, { address: address('sara@contoso.com') })).toEqual({ kind: 'turnedOff', organization: closed, reason: 'signupOff' });
    });

    it('adds a service a member has not signed up for yet', async () => {
      await given(managedContoso, member('rob@contoso.com', managedContoso.id, ['Power BI']));

      expect(await planSignup(store.directory, { address: address('rob@contoso.com'), service: 'Power Apps' })).toMatchObject({
        kind: 'addService',
        service: 'Power Apps',
        member: { email: 'rob@contoso.com', services: ['Power BI'] },
      });
    });

    it('does not take a member of another organization for a member of this one', async () => {
      const fabrikam = organization({ id: 'org-fabrikam', displayName: 'Fabrikam', domains: ['fabrikam.nl'] });
      await given(fabrikam, member('rob@contoso.com', fabrikam.id));
      await given(managedContoso);

      expect(await planSignup(store.directory, { address: address('rob@contoso.com'), requesterEmail: 'rob@contoso.com' })).toMatchObject({ kind: 'joinManaged', colleagues: 0 });
    });

    it('gives a subdomain its own new organization even when the parent domain is managed', async () => {
      await given(managedContoso);

      expect(await planSignup(store.directory, { address: address('sara@sales.contoso.com') })).toEqual({
        kind: 'createUnmanaged',
        domain: 'sales.contoso.com',
      });
    });
  });

  describe('isRecordable', () => {
    const org = managedContoso;
    const rob = member('rob@contoso.com', org.id);
    it.each<{ plan: SignupPlan; records: boolean }>([
      { plan: { kind: 'consumer', domain: 'gmail.com' }, records: false },
      { plan: { kind: 'government', domain: 'army.mil' }, records: false },
      { plan: { kind: 'turnedOff', organization: org, reason: 'signupOff' }, records: false },
      { plan: { kind: 'alreadyMember', organization: org, member: rob }, records: false },
      { plan: { kind: 'addService', organization: org, member: rob, service: 'Power BI' }, records: true },
      { plan: { kind: 'createUnmanaged', domain: 'contoso.com' }, records: true },
      { plan: { kind: 'joinUnmanaged', organization: org, colleagues: 1 }, records: true },
      { plan: { kind: 'joinManaged', organization: org, colleagues: 1 }, records: true },
    ])('says $plan.kind records something: $records', ({ plan, records }) => {
      expect(isRecordable(plan)).toBe(records);
    });
  });

  describe('recordSignup', () => {
    it('creates one unmanaged organization for a new domain, with the first member', async () => {
      const result = await recordSignup(store.directory, { address: address('Sara@Contoso.com'), service: 'Power BI', userId: 'u-sara', name: 'Sara' }, now);

      expect(result.plan).toEqual({ kind: 'createUnmanaged', domain: 'contoso.com' });
      const organizations = await store.directory.listOrganizations();
      expect(organizations).toHaveLength(1);
      expect(organizations[0]).toMatchObject({
        id: result.organization?.id,
        domains: ['contoso.com'],
        managed: false,
        admins: [],
        selfService: { allowEmailVerifiedUsers: true, allowAdHocSubscriptions: true },
        createdAt: now.toISOString(),
      });
      expect(await store.directory.findMember('sara@contoso.com')).toEqual({
        email: 'sara@contoso.com',
        orgId: organizations[0]?.id,
        joinedVia: 'selfService',
        services: ['Power BI'],
        joinedAt: now.toISOString(),
        userId: 'u-sara',
        name: 'Sara',
        // Typed, not given by the channel.
        identity: 'claimed',
      });
    });

    it('records an address as verified only when the channel gives it as the person\'s own', async () => {
      await recordSignup(store.directory, { address: address('sara@contoso.com'), requesterEmail: 'Sara@Contoso.com' }, now);
      await recordSignup(store.directory, { address: address('olga@contoso.com'), requesterEmail: 'ivan@adatum.com', requesterTenantId: 'tenant-adatum' }, now);
      expect(await store.directory.findMember('sara@contoso.com')).toMatchObject({ identity: 'verified' });
      expect(await store.directory.findMember('olga@contoso.com')).toMatchObject({ identity: 'claimed' });
    });

    it('puts a second person on the same domain in the same organization', async () => {
      const first = await recordSignup(store.directory, { address: address('sara@contoso.com') }, now);
      const second = await recordSignup(store.directory, { address: address('rob@contoso.com'), requesterEmail: 'rob@contoso.com' }, now);

      expect(second.plan).toMatchObject({ kind: 'joinUnmanaged', colleagues: 1 });
      expect(second.organization?.id).toBe(first.organization?.id);
      expect(await store.directory.listOrganizations()).toHaveLength(1);
      expect(await store.directory.countMembers(first.organization?.id ?? '')).toBe(2);
    });

    it('records a join of a managed organization without changing the organization', async () => {
      await given(managedContoso);

      const result = await recordSignup(store.directory, { address: address('sara@contoso.com') }, now);

      expect(result.plan.kind).toBe('joinManaged');
      expect(await store.directory.listOrganizations()).toEqual([managedContoso]);
      expect(await store.directory.findMember('sara@contoso.com')).toMatchObject({ orgId: managedContoso.id, joinedVia: 'selfService' });
    });

    it('changes nothing when the same person signs up twice', async () => {
      const first = await recordSignup(store.directory, { address: address('sara@contoso.com'), service: 'Power BI' }, now);
      const second = await recordSignup(store.directory, { address: address('sara@contoso.com'), service: 'Power BI' }, now);

      expect(second.plan.kind).toBe('alreadyMember');
      expect(await store.directory.listOrganizations()).toHaveLength(1);
      expect(await store.directory.countMembers(first.organization?.id ?? '')).toBe(1);
      expect(await store.directory.findMember('sara@contoso.com')).toMatchObject({ services: ['Power BI'] });
    });

    it("adds a newly named service to the member's services", async () => {
      await recordSignup(store.directory, { address: address('sara@contoso.com'), service: 'Power BI' }, now);
      const second = await recordSignup(store.directory, { address: address('sara@contoso.com'), service: 'Power Apps' }, now);

      expect(second.plan.kind).toBe('addService');
      expect(await store.directory.findMember('sara@contoso.com')).toMatchObject({ services: ['Power BI', 'Power Apps'] });
      expect(await store.directory.listOrganizations()).toHaveLength(1);
    });

    it('gives a subdomain of a managed domain its own unmanaged organization', async () => {
      await given(managedContoso);

      const result = await recordSignup(store.directory, { address: address('sara@sales.contoso.com') }, now);

      expect(result.plan.kind).toBe('createUnmanaged');
      expect(result.organization).toMatchObject({ domains: ['sales.contoso.com'], managed: false });
      expect(result.organization?.id).not.toBe(managedContoso.id);
      expect(await store.directory.findByDomain('contoso.com')).toEqual(managedContoso);
      expect(await store.directory.listOrganizations()).toHaveLength(2);
    });

    it('does not reuse the id of an organization that already exists', async () => {
      const squatter = organization({ id: 'org-contoso.com', displayName: 'Another', domains: ['another.nl'] });
      await given(squatter);

      const result = await recordSignup(store.directory, { address: address('sara@contoso.com') }, now);

      expect(result.organization?.id).not.toBe(squatter.id);
      expect(await store.directory.findById(squatter.id)).toEqual(squatter);
      expect(await store.directory.listOrganizations()).toHaveLength(2);
    });

    it.each([
      ['a consumer address', 'sara@gmail.com', 'gmail.com', 'consumer'],
      ['a government address', 'sara@army.mil', 'army.mil', 'government'],
    ])('writes only an audit entry for %s', async (_what, email, domain, outcome) => {
      const result = await recordSignup(store.directory, { address: address(email) }, now);

      expect(result.plan.kind).toBe(outcome);
      expect(await store.directory.listOrganizations()).toEqual([]);
      expect(await store.directory.findMember(email)).toBeUndefined();
      expect(await store.directory.auditTrail(domain, 10)).toEqual([{ at: now.toISOString(), actor: email, action: 'signup', subject: domain, outcome }]);
    });

    it('writes only an audit entry when the organization turned self-service off', async () => {
      const closed = withSelfService(managedContoso, false, false);
      await given(closed);

      const result = await recordSignup(store.directory, { address: address('sara@contoso.com') }, now);

      expect(result).toEqual({ plan: { kind: 'turnedOff', organization: closed, reason: 'signupOff' }, organization: closed });
      expect(await store.directory.findMember('sara@contoso.com')).toBeUndefined();
      expect(await store.directory.listOrganizations()).toEqual([closed]);
      expect(await store.directory.auditTrail('contoso.com', 10)).toEqual([
        { at: now.toISOString(), actor: 'sara@contoso.com', action: 'signup', subject: 'contoso.com', outcome: 'turnedOff' },
      ]);
    });

    it('writes an audit entry for each recorded signup, naming the outcome', async () => {
      await recordSignup(store.directory, { address: address('sara@contoso.com') }, now);
      await recordSignup(store.directory, { address: address('rob@contoso.com'), service: 'Power BI' }, now);
      await recordSignup(store.directory, { address: address('rob@contoso.com'), service: 'Power Apps' }, now);
      await recordSignup(store.directory, { address: address('rob@contoso.com'), service: 'Power Apps' }, now);

      const trail = await store.directory.auditTrail('contoso.com', 10);
      expect(trail.map((entry) => [entry.actor, entry.action, entry.subject, entry.outcome])).toEqual([
        ['sara@contoso.com', 'signup', 'contoso.com', 'createUnmanaged'],
        ['rob@contoso.com', 'signup', 'contoso.com', 'joinUnmanaged'],
        ['rob@contoso.com', 'signup', 'contoso.com', 'addService'],
        ['rob@contoso.com', 'signup', 'contoso.com', 'alreadyMember'],
      ]);
    });

    it('ends 200 simultaneous signups on one new domain in one organization with 200 members, also after a restart', async () => {
      const emails = Array.from({ length: 200 }, (_, n) => `user${n}@northwind.nl`);

      const results = await Promise.all(emails.map((email) => recordSignup(store.directory, { address: address(email) }, now)));

      expect(results.filter((result) => result.plan.kind === 'createUnmanaged')).toHaveLength(1);
      expect(results.filter((result) => result.plan.kind === 'joinUnmanaged')).toHaveLength(199);
      const check = async (directory: Directory) => {
        const organizations = await directory.listOrganizations();
        expect(organizations).toHaveLength(1);
        const orgId = organizations[0]!.id;
        expect(await directory.findByDomain('northwind.nl')).toEqual(organizations[0]);
        // An address is one member: all 200 in the one organization, none twice.
        const stored = (await directory.membersOf(orgId)).map((m) => m.email);
        expect(new Set(stored).size).toBe(stored.length);
        expect([...stored].sort()).toEqual([...emails].sort());
        expect(await directory.countMembers(orgId)).toBe(200);
        expect((await directory.auditTrail('northwind.nl', 1000)).filter((entry) => entry.action === 'signup')).toHaveLength(200);
      };
      await check(store.directory);
      await check((await store.reopen()).directory);
    });

    fileOnly('writes 200 simultaneous signups on one new domain to the file as one organization with 200 members', async () => {
      const emails = Array.from({ length: 200 }, (_, n) => `user${n}@northwind.nl`);

      await Promise.all(emails.map((email) => recordSignup(store.directory, { address: address(email) }, now)));

      const data = await onDisk();
      expect(data.organizations).toHaveLength(1);
      const orgId = data.organizations[0]?.id;
      const stored = data.members.map((m) => m.email);
      expect(new Set(stored).size).toBe(stored.length);
      expect([...stored].sort()).toEqual([...emails].sort());
      expect(data.members.every((m) => m.orgId === orgId)).toBe(true);
      expect(data.audit.filter((entry) => entry.action === 'signup')).toHaveLength(200);
    });

    it('ends 200 simultaneous signups of the same address in one member, also after a restart', async () => {
      const results = await Promise.all(
        Array.from({ length: 200 }, () => recordSignup(store.directory, { address: address('sara@northwind.nl'), service: 'Power BI' }, now)),
      );

      expect(results.filter((result) => result.plan.kind === 'createUnmanaged')).toHaveLength(1);
      expect(results.filter((result) => result.plan.kind === 'alreadyMember')).toHaveLength(199);
      const check = async (directory: Directory) => {
        const organizations = await directory.listOrganizations();
        expect(organizations).toHaveLength(1);
        expect(await directory.membersOf(organizations[0]!.id)).toEqual([
          { email: 'sara@northwind.nl', orgId: organizations[0]!.id, joinedVia: 'selfService', services: ['Power BI'], joinedAt: now.toISOString(), identity: 'claimed' },
        ]);
      };
      await check(store.directory);
      await check((await store.reopen()).directory);
    });

    fileOnly('writes 200 simultaneous signups of the same address to the file as one member', async () => {
      await Promise.all(Array.from({ length: 200 }, () => recordSignup(store.directory, { address: address('sara@northwind.nl'), service: 'Power BI' }, now)));

      const data = await onDisk();
      expect(data.organizations).toHaveLength(1);
      expect(data.members).toEqual([
        { email: 'sara@northwind.nl', orgId: data.organizations[0]?.id, joinedVia: 'selfService', services: ['Power BI'], joinedAt: now.toISOString(), identity: 'claimed' },
      ]);
    });
  });

  describe('with what Microsoft says about the domain', () => {
    const TENANT = 'c0ffee00-0000-4000-8000-000000000001';
    const view = (holder: MicrosoftDomainView['holder'], extra: Omit<MicrosoftDomainView, 'holder'> = {}): MicrosoftDomainView => ({ holder, ...extra });

    it('joins the unmanaged organization Microsoft has instead of saying a new one is made, and records it with its tenant', async () => {
      const atMicrosoft = view({ kind: 'unmanaged' }, { tenantId: TENANT });
      expect(await planSignup(store.directory, { address: address('sara@northwind.nl') }, atMicrosoft)).toEqual({ kind: 'createUnmanaged', domain: 'northwind.nl', existsAtMicrosoft: true, tenantId: TENANT });
      const result = await recordSignup(store.directory, { address: address('sara@northwind.nl') }, now, atMicrosoft);
      expect(result.organization).toMatchObject({ domains: ['northwind.nl'], managed: false, tenantId: TENANT });
    });

    it('never says a new organization will be made when Microsoft shows a managed one, and records nothing', async () => {
      const atMicrosoft = view({ kind: 'managed', brand: 'Northwind BV', federated: false }, { tenantId: TENANT });
      expect(await planSignup(store.directory, { address: address('sara@northwind.nl') }, atMicrosoft)).toEqual({ kind: 'heldAtMicrosoft', domain: 'northwind.nl', shows: 'managed', brand: 'Northwind BV' });
      const fromThatTenant = await planSignup(store.directory, { address: address('sara@northwind.nl'), requesterTenantId: TENANT, requesterEmail: 'sara@northwind.nl' }, atMicrosoft);
      expect(fromThatTenant).toMatchObject({ kind: 'heldAtMicrosoft', inTenant: true });
      const result = await recordSignup(store.directory, { address: address('sara@northwind.nl') }, now, atMicrosoft);
      expect(result.plan.kind).toBe('heldAtMicrosoft');
      expect(await store.directory.listOrganizations()).toEqual([]);
    });

    it('follows Microsoft over the directory: managed now where the records said unmanaged, none where they named one', async () => {
      await given(organization({ id: 'org-tailspin', displayName: 'tailspin.nl', domains: ['tailspin.nl'], managed: false }));
      expect(await planSignup(store.directory, { address: address('sara@tailspin.nl') }, view({ kind: 'managed', federated: false }))).toEqual({
        kind: 'heldAtMicrosoft',
        domain: 'tailspin.nl',
        shows: 'managed',
        recorded: { id: 'org-tailspin', displayName: 'tailspin.nl' },
      });
      expect(await planSignup(store.directory, { address: address('sara@tailspin.nl') }, view({ kind: 'unknown' }))).toMatchObject({ kind: 'heldAtMicrosoft', shows: 'unknown' });
      // Where they agree, the directory's plan, as without Microsoft.
      expect(await planSignup(store.directory, { address: address('sara@tailspin.nl') }, view({ kind: 'unmanaged' }))).toMatchObject({ kind: 'joinUnmanaged', organization: { id: 'org-tailspin' } });
      expect(await planSignup(store.directory, { address: address('sara@northwind.nl') }, view({ kind: 'unknown' }))).toEqual({ kind: 'createUnmanaged', domain: 'northwind.nl' });
    });

    it('after an external takeover, signs people up in the organization Microsoft shows now, members of the old one included', async () => {
      const fabrikam = organization({ id: 'org-fabrikam', displayName: 'Fabrikam', domains: ['fabrikam.nl'], tenantId: TENANT });
      await given(fabrikam);
      await given(organization({ id: 'org-tailspin', displayName: 'tailspin.nl', domains: ['tailspin.nl'], managed: false, tenantId: 'old-tenant' }), member('rob@tailspin.nl', 'org-tailspin', ['Power BI']));
      const atMicrosoft = view({ kind: 'managed', federated: false }, { tenantId: TENANT, tenantOrgId: 'org-fabrikam' });
      expect(await planSignup(store.directory, { address: address('sara@tailspin.nl') }, atMicrosoft)).toMatchObject({
        kind: 'joinManaged',
        organization: { id: 'org-fabrikam' },
        movedFrom: { id: 'org-tailspin', displayName: 'tailspin.nl', managed: false },
      });
      const rob = await recordSignup(store.directory, { address: address('rob@tailspin.nl'), service: 'Power Apps' }, now, atMicrosoft);
      expect(rob.plan).toMatchObject({ kind: 'addService', organization: { id: 'org-fabrikam' } });
      expect(await store.directory.findMember('rob@tailspin.nl')).toMatchObject({ orgId: 'org-fabrikam', services: ['Power BI', 'Power Apps'] });
    });
  });
});

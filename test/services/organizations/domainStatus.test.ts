import { beforeEach, describe, expect, it } from '@jest/globals';
import { checkDomain } from '../../../services/organizations/domainStatus.js';
import type { Requester } from '../../../services/organizations/findOrganization.js';
import { organization } from '../../helpers/fixtures.js';
import { microsoftSays, microsoftUnreachable } from '../../helpers/microsoftSays.js';
import { microsoftLookupsOff } from '../../../services/microsoft/lookupsOff.js';
import type { DomainAtMicrosoft } from '../../../services/ports/microsoft.js';
import { useTempStore } from '../../helpers/tempStore.js';

const contoso = organization({
  id: 'org-contoso',
  displayName: 'Contoso',
  domains: ['contoso.com'],
  tenantId: 'tenant-contoso',
  admins: [
    { userId: 'aad-megan', name: 'Megan Bowen', email: 'megan.bowen@contoso.com', since: '2026-01-05T09:00:00.000Z' },
    { name: 'Alex Wilber', email: 'alex.wilber@contoso.com', since: '2026-01-06T09:00:00.000Z' },
  ],
});

const tailspin = organization({ id: 'org-tailspin', displayName: 'tailspin.nl', domains: ['tailspin.nl'], managed: false });

const outsider: Requester = { userId: '29:outsider', aadObjectId: 'aad-outsider', email: 'sara@fabrikam.nl' };

describe('checkDomain', () => {
  const store = useTempStore('domain-status-');

  beforeEach(async () => {
    await store.directory.transaction(async (tx) => {
      await tx.saveOrganization(contoso);
      await tx.saveOrganization(tailspin);
      for (const email of ['rob@tailspin.nl', 'eva@tailspin.nl', 'jan@tailspin.nl']) {
        await tx.saveMember({ email, orgId: tailspin.id, joinedVia: 'selfService', services: ['Power BI'], joinedAt: '2026-02-01T09:00:00.000Z' });
      }
    });
  });

  it('says an unmanaged domain is held by self-service signups, with how many people joined only to one of them', async () => {
    const member: Requester = { userId: '29:rob', email: 'rob@tailspin.nl' };
    expect(await checkDomain(store.directory, 'tailspin.nl', member)).toEqual({ kind: 'unmanaged', domain: 'tailspin.nl', organization: tailspin, members: 3, source: 'directory' });
    expect(await checkDomain(store.directory, 'tailspin.nl', outsider)).toEqual({ kind: 'unmanaged', domain: 'tailspin.nl', organization: tailspin, source: 'directory' });
  });

  it("shows a managed domain's admins masked", async () => {
    expect(await checkDomain(store.directory, 'contoso.com', outsider)).toEqual({
      kind: 'managed',
      domain: 'contoso.com',
      organization: { id: 'org-contoso', displayName: 'Contoso' },
      maskedAdmins: ['m***@contoso.com', 'a***@contoso.com'],
      source: 'directory',
    });
  });

  it("never reveals a managed organization's admins to someone who is not one of them", async () => {
    const json = JSON.stringify(await checkDomain(store.directory, 'contoso.com', outsider)).toLowerCase();

    for (const admin of contoso.admins) {
      expect(json).not.toContain(admin.email.toLowerCase());
      expect(json).not.toContain(admin.name.toLowerCase());
    }
    expect(json).not.toContain('aad-megan');
  });

  it("never reveals the parent organization's admins when answering for a subdomain", async () => {
    const json = JSON.stringify(await checkDomain(store.directory, 'hr.contoso.com', outsider)).toLowerCase();

    for (const admin of contoso.admins) expect(json).not.toContain(admin.email.toLowerCase());
  });

  it('says the domain is yours when your email is a recorded admin', async () => {
    const megan: Requester = { userId: '29:megan', email: 'Megan.Bowen@Contoso.com' };

    expect(await checkDomain(store.directory, 'contoso.com', megan)).toEqual({ kind: 'yours', domain: 'contoso.com', organization: contoso, source: 'directory' });
  });

  it('says the domain is yours when your Entra object id is a recorded admin', async () => {
    const megan: Requester = { userId: '29:megan', aadObjectId: 'aad-megan', email: 'megan@personal.example' };

    expect(await checkDomain(store.directory, 'contoso.com', megan)).toMatchObject({ kind: 'yours', organization: { id: 'org-contoso' } });
  });

  it('says the domain is yours on your word when the directory records you as admin only because you said so', async () => {
    const sam = { userId: 'aad-sam', name: 'Sam', email: 'sam@contoso.com', since: '2026-12-06T10:00:00.000Z', reportedByUser: true as const };
    await store.directory.save({ ...contoso, admins: [...contoso.admins, sam] });

    expect(await checkDomain(store.directory, 'contoso.com', { userId: '29:sam', aadObjectId: 'aad-sam' })).toMatchObject({ kind: 'yours', onTheirWord: true });
    expect(await checkDomain(store.directory, 'contoso.com', { userId: '29:megan', email: 'megan.bowen@contoso.com' })).not.toHaveProperty('onTheirWord');
  });

  it('does not take a matching name or an address on the same domain for an admin, but for a member', async () => {
    const colleague: Requester = { userId: '29:other', name: 'Megan Bowen', email: 'megan@contoso.com' };

    expect(await checkDomain(store.directory, 'contoso.com', colleague)).toMatchObject({ kind: 'member', organization: { id: 'org-contoso' } });
  });

  it('takes someone chatting from the organization\'s tenant for a member, and anyone else for an outsider', async () => {
    const inTenant: Requester = { userId: '29:sam', tenantId: 'tenant-contoso' };
    const outsider: Requester = { userId: '29:kim', tenantId: 'tenant-fabrikam', email: 'kim@fabrikam.nl' };

    expect(await checkDomain(store.directory, 'contoso.com', inTenant)).toMatchObject({ kind: 'member' });
    expect(await checkDomain(store.directory, 'contoso.com', outsider)).toMatchObject({ kind: 'managed' });
  });

  it('names the parent when only the parent domain is held: the subdomain exception', async () => {
    expect(await checkDomain(store.directory, 'hr.contoso.com', outsider)).toMatchObject({
      kind: 'subdomain',
      domain: 'hr.contoso.com',
      parent: 'contoso.com',
      organization: { id: 'org-contoso', displayName: 'Contoso' },
    });
    expect(await checkDomain(store.directory, 'a.b.tailspin.nl', outsider)).toMatchObject({ kind: 'subdomain', parent: 'tailspin.nl' });
  });

  it('says a domain nobody holds is free', async () => {
    expect(await checkDomain(store.directory, 'fabrikam.nl', outsider)).toEqual({ kind: 'free', domain: 'fabrikam.nl', source: 'directory' });
  });

  it('does not count a shared top-level domain as a held parent', async () => {
    await store.directory.save(organization({ id: 'org-odd', displayName: 'Odd', domains: ['com'] }));

    expect(await checkDomain(store.directory, 'northwind.com', outsider)).toEqual({ kind: 'free', domain: 'northwind.com', source: 'directory' });
    // A personal email service's domain is never free for an organization to add.
    expect(await checkDomain(store.directory, 'gmail.com', outsider)).toEqual({ kind: 'consumer', domain: 'gmail.com' });
    expect(await checkDomain(store.directory, 'mail.ziggo.nl', outsider)).toEqual({ kind: 'consumer', domain: 'mail.ziggo.nl' });
  });

  describe('asking Microsoft first', () => {
    const GUID = 'b1e2d3c4-0000-4000-8000-00000000c0de';
    const fabrikam = organization({ id: 'org-fabrikam', displayName: 'Fabrikam', domains: ['fabrikam.nl'], tenantId: 'tenant-fabrikam', admins: [{ name: 'Jan', email: 'jan@fabrikam.nl', since: '2026-01-01T00:00:00.000Z' }] });

    it.each<[string, string, DomainAtMicrosoft, string | undefined, object]>([
      ['viral, known to the directory', 'tailspin.nl', { kind: 'unmanaged' }, undefined, { kind: 'unmanaged', organization: { id: 'org-tailspin' }, source: 'microsoft' }],
      ['viral, unknown to the directory', 'northwind.nl', { kind: 'unmanaged' }, GUID, { kind: 'unmanagedAtMicrosoft', source: 'microsoft' }],
      ['managed, known to the directory', 'contoso.com', { kind: 'managed', federated: false }, 'tenant-contoso', { kind: 'managed', organization: { id: 'org-contoso' }, source: 'microsoft' }],
      ['federated, unknown to the directory, with its brand', 'northwind.nl', { kind: 'managed', brand: 'Northwind BV', federated: true }, GUID, { kind: 'managedAtMicrosoft', brand: 'Northwind BV', federated: true, inYourTenant: false, source: 'microsoft' }],
      ['unknown to both', 'northwind.nl', { kind: 'unknown' }, undefined, { kind: 'free', domain: 'northwind.nl', source: 'microsoft' }],
      ['unknown, a subdomain of a domain the directory knows', 'hr.contoso.com', { kind: 'unknown' }, undefined, { kind: 'subdomain', parent: 'contoso.com', source: 'microsoft' }],
    ])('%s', async (_case, domain, said, tenant, expected) => {
      const microsoft = microsoftSays({ domains: { [domain]: said }, tenants: tenant ? { [domain]: tenant } : {} });
      const status = await checkDomain(store.directory, domain, outsider, microsoft);
      expect(status).toMatchObject(expected);
      expect(status).not.toHaveProperty('disagreement');
      expect(microsoft.asked).toContain(`domain ${domain}`);
    });

    it.each<[string, string, DomainAtMicrosoft, object]>([
      ['the directory says unmanaged, Microsoft managed', 'tailspin.nl', { kind: 'managed', brand: 'Tailspin Toys', federated: false }, { kind: 'managedAtMicrosoft', brand: 'Tailspin Toys', disagreement: { shows: 'managed', recorded: { id: 'org-tailspin', displayName: 'tailspin.nl' } } }],
      ['the directory says managed, Microsoft unmanaged', 'contoso.com', { kind: 'unmanaged' }, { kind: 'unmanagedAtMicrosoft', disagreement: { shows: 'unmanaged', recorded: { id: 'org-contoso', displayName: 'Contoso' } } }],
      ['the directory names an organization, Microsoft none', 'contoso.com', { kind: 'unknown' }, { kind: 'free', disagreement: { shows: 'unknown', recorded: { id: 'org-contoso', displayName: 'Contoso' } } }],
    ])('Microsoft wins where they disagree, and says so: %s', async (_case, domain, said, expected) => {
      const status = await checkDomain(store.directory, domain, outsider, microsoftSays({ domains: { [domain]: said } }));
      expect(status).toMatchObject({ source: 'microsoft', ...expected });
      // Nothing of the organization on record but its name.
      expect(JSON.stringify(status)).not.toContain('megan');
    });

    it('after an external takeover, answers with the organization that holds the domain now, also for someone from the old tenant', async () => {
      await store.directory.save(fabrikam);
      await store.directory.save({ ...tailspin, tenantId: 'tenant-tailspin' });
      const microsoft = microsoftSays({ domains: { 'tailspin.nl': { kind: 'managed', federated: false } }, tenants: { 'tailspin.nl': 'tenant-fabrikam' } });
      const fromOldTenant: Requester = { userId: '29:rob', tenantId: 'tenant-tailspin', email: 'rob@tailspin.nl' };
      expect(await checkDomain(store.directory, 'tailspin.nl', fromOldTenant, microsoft)).toMatchObject({
        kind: 'member',
        organization: { id: 'org-fabrikam' },
        source: 'microsoft',
        disagreement: { shows: 'managed', recorded: { id: 'org-tailspin' } },
      });
      const stranger: Requester = { userId: '29:kim', email: 'kim@northwind.example' };
      expect(await checkDomain(store.directory, 'tailspin.nl', stranger, microsoft)).toMatchObject({ kind: 'managed', organization: { id: 'org-fabrikam', displayName: 'Fabrikam' }, maskedAdmins: ['j***@fabrikam.nl'] });
    });

    it('says a domain moved to a tenant the directory does not know is held elsewhere', async () => {
      const microsoft = microsoftSays({ domains: { 'contoso.com': { kind: 'managed', federated: false } }, tenants: { 'contoso.com': GUID } });
      expect(await checkDomain(store.directory, 'contoso.com', outsider, microsoft)).toMatchObject({ kind: 'managedAtMicrosoft', disagreement: { shows: 'elsewhere' } });
      const fromThatTenant: Requester = { userId: '29:x', tenantId: GUID };
      expect(await checkDomain(store.directory, 'contoso.com', fromThatTenant, microsoft)).toMatchObject({ kind: 'managedAtMicrosoft', inYourTenant: true });
    });

    it('answers from the directory, saying so, when Microsoft cannot be asked, and asks nothing about a personal mail domain', async () => {
      const down = microsoftUnreachable();
      expect(await checkDomain(store.directory, 'tailspin.nl', outsider, down)).toMatchObject({ kind: 'unmanaged', source: 'directory' });
      expect(await checkDomain(store.directory, 'contoso.com', outsider, microsoftLookupsOff())).toMatchObject({ kind: 'managed', source: 'directory' });
      expect(await checkDomain(store.directory, 'gmail.com', outsider, down)).toEqual({ kind: 'consumer', domain: 'gmail.com' });
      expect(down.asked).not.toContain('domain gmail.com');
    });
  });
});

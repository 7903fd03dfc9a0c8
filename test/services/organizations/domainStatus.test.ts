import { beforeEach, describe, expect, it } from '@jest/globals';
import { checkDomain } from '../../../services/organizations/domainStatus.js';
import type { Requester } from '../../../services/organizations/findOrganization.js';
import { organization } from '../../helpers/fixtures.js';
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

  it('says an unmanaged domain is held by self-service signups, with how many people joined', async () => {
    expect(await checkDomain(store.directory, 'tailspin.nl', outsider)).toEqual({ kind: 'unmanaged', domain: 'tailspin.nl', organization: tailspin, members: 3 });
  });

  it("shows a managed domain's admins masked", async () => {
    expect(await checkDomain(store.directory, 'contoso.com', outsider)).toEqual({
      kind: 'managed',
      domain: 'contoso.com',
      organization: { id: 'org-contoso', displayName: 'Contoso' },
      maskedAdmins: ['m***@contoso.com', 'a***@contoso.com'],
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

    expect(await checkDomain(store.directory, 'contoso.com', megan)).toEqual({ kind: 'yours', domain: 'contoso.com', organization: contoso });
  });

  it('says the domain is yours when your Entra object id is a recorded admin', async () => {
    const megan: Requester = { userId: '29:megan', aadObjectId: 'aad-megan', email: 'megan@personal.example' };

    expect(await checkDomain(store.directory, 'contoso.com', megan)).toMatchObject({ kind: 'yours', organization: { id: 'org-contoso' } });
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
    expect(await checkDomain(store.directory, 'fabrikam.nl', outsider)).toEqual({ kind: 'free', domain: 'fabrikam.nl' });
  });

  it('does not count a shared top-level domain as a held parent', async () => {
    await store.directory.save(organization({ id: 'org-odd', displayName: 'Odd', domains: ['com'] }));

    expect(await checkDomain(store.directory, 'northwind.com', outsider)).toEqual({ kind: 'free', domain: 'northwind.com' });
    // A personal email service's domain is never free for an organization to add.
    expect(await checkDomain(store.directory, 'gmail.com', outsider)).toEqual({ kind: 'consumer', domain: 'gmail.com' });
    expect(await checkDomain(store.directory, 'mail.ziggo.nl', outsider)).toEqual({ kind: 'consumer', domain: 'mail.ziggo.nl' });
  });
});

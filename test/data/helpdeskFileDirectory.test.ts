import { describe, expect, it } from '@jest/globals';
import { HelpdeskFile } from '../../data/helpdeskFile.js';
import { HelpdeskFileDirectory } from '../../data/helpdeskFileDirectory.js';
import type { Organization } from '../../services/organization.js';
import { useTempStore } from '../helpers/tempStore.js';

function organization(overrides: Partial<Organization> = {}): Organization {
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

describe('HelpdeskFileDirectory', () => {
  const store = useTempStore('helpdesk-');

  it('finds a saved organization by each of its domains and by its tenant id', async () => {
    const contoso = organization();
    await store.directory.save(contoso);

    expect(await store.directory.findByDomain('contoso.com')).toEqual(contoso);
    expect(await store.directory.findByDomain('contoso.nl')).toEqual(contoso);
    expect(await store.directory.findByTenantId('72f988bf-86f1-41af-91ab-2d7cd011db47')).toEqual(contoso);
  });

  it('finds nothing for an unknown domain or tenant id', async () => {
    await store.directory.save(organization());

    expect(await store.directory.findByDomain('fabrikam.com')).toBeUndefined();
    expect(await store.directory.findByTenantId('00000000-0000-0000-0000-000000000000')).toBeUndefined();
  });

  it('finds the right organization among several', async () => {
    const contoso = organization();
    const fabrikam = organization({
      id: 'org-fabrikam',
      displayName: 'Fabrikam',
      domains: ['fabrikam.com'],
      tenantId: 'a1b2c3d4-0000-4000-8000-000000000001',
    });
    const school = organization({ id: 'org-school', displayName: 'School', domains: ['school.edu'], tenantId: undefined });
    await store.directory.save(contoso);
    await store.directory.save(fabrikam);
    await store.directory.save(school);

    expect(await store.directory.findByDomain('fabrikam.com')).toEqual(fabrikam);
    expect(await store.directory.findByTenantId('a1b2c3d4-0000-4000-8000-000000000001')).toEqual(fabrikam);
    expect(await store.directory.findByDomain('school.edu')).toEqual(school);
    expect(await store.directory.findByDomain('contoso.com')).toEqual(contoso);
  });

  it('ignores the case of the domain it is asked for', async () => {
    const contoso = organization();
    await store.directory.save(contoso);

    expect(await store.directory.findByDomain('CONTOSO.COM')).toEqual(contoso);
    expect(await store.directory.findByDomain('Contoso.Nl')).toEqual(contoso);
  });

  it('does not match a subdomain to its parent domain, nor a parent to its subdomain', async () => {
    await store.directory.save(organization({ id: 'org-contoso', domains: ['contoso.com'] }));
    expect(await store.directory.findByDomain('sales.contoso.com')).toBeUndefined();

    const sales = organization({ id: 'org-sales', displayName: 'Contoso Sales', domains: ['sales.contoso.com'], tenantId: undefined });
    await store.directory.save(sales);
    expect(await store.directory.findByDomain('sales.contoso.com')).toEqual(sales);
    expect((await store.directory.findByDomain('contoso.com'))?.id).toBe('org-contoso');
  });

  it('does not match a domain that merely ends with a known one', async () => {
    await store.directory.save(organization({ domains: ['contoso.com'] }));

    expect(await store.directory.findByDomain('notcontoso.com')).toBeUndefined();
    expect(await store.directory.findByDomain('contoso.co')).toBeUndefined();
  });

  it('replaces the organization with the same id when saving again', async () => {
    await store.directory.save(organization());
    const renamed = organization({ displayName: 'Contoso Ltd', domains: ['contoso.co.uk'], managed: false });

    await store.directory.save(renamed);

    expect(await store.directory.findByDomain('contoso.com')).toBeUndefined();
    expect(await store.directory.findByDomain('contoso.co.uk')).toEqual(renamed);
    expect(await store.directory.findByTenantId('72f988bf-86f1-41af-91ab-2d7cd011db47')).toEqual(renamed);
    expect(store.file.data.organizations).toHaveLength(1);
  });

  it('returns a copy: changing a found organization does not change the directory', async () => {
    const contoso = organization();
    await store.directory.save(contoso);

    const found = await store.directory.findByDomain('contoso.com');
    if (!found) throw new Error('expected contoso.com to be found');
    found.displayName = 'Hijacked';
    found.domains.push('evil.example');
    found.admins[0]!.email = 'mallory@evil.example';
    found.selfService.allowEmailVerifiedUsers = true;

    expect(await store.directory.findByTenantId('72f988bf-86f1-41af-91ab-2d7cd011db47')).toEqual(contoso);
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

  it('still finds organizations after the file is reopened', async () => {
    const contoso = organization();
    const school = organization({ id: 'org-school', displayName: 'School', domains: ['school.edu'], tenantId: undefined, orgType: 'school' });
    await store.directory.save(contoso);
    await store.directory.save(school);
    await store.file.flush();

    const reopened = new HelpdeskFileDirectory(await HelpdeskFile.open(store.path));

    expect(await reopened.findByDomain('contoso.com')).toEqual(contoso);
    expect(await reopened.findByTenantId('72f988bf-86f1-41af-91ab-2d7cd011db47')).toEqual(contoso);
    expect(await reopened.findByDomain('school.edu')).toEqual(school);
  });
});

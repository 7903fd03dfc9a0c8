/** Organizations used across the tests. */
import type { Organization } from '../../services/models/organization.js';

export function organization(overrides: Partial<Organization> & Pick<Organization, 'id' | 'displayName' | 'domains'>): Organization {
  return {
    managed: true,
    orgType: 'unknown',
    cloud: 'worldwide',
    admins: [],
    selfService: { allowEmailVerifiedUsers: true, allowAdHocSubscriptions: true },
    createdAt: '2026-01-05T09:00:00.000Z',
    ...overrides,
  };
}

export const contoso = organization({
  id: 'org-contoso',
  displayName: 'Contoso',
  domains: ['contoso.com'],
  tenantId: 'tenant-contoso',
  helpdeskContact: { title: 'Contoso IT Service Desk', phone: '+31 20 123 4567', email: 'servicedesk@contoso.com' },
  admins: [{ userId: 'aad-megan', name: 'Megan Bowen', email: 'megan@contoso.com', since: '2026-01-05T09:00:00.000Z' }],
});

export const fabrikam = organization({
  id: 'org-fabrikam',
  displayName: 'Fabrikam',
  domains: ['fabrikam.nl'],
  tenantId: 'tenant-fabrikam',
  cloud: 'china21Vianet',
  admins: [{ userId: 'aad-jan', name: 'Jan de Vries', email: 'jan@fabrikam.nl', since: '2026-02-01T09:00:00.000Z' }],
});

export const unmanagedTailspin = organization({
  id: 'org-tailspin',
  displayName: 'tailspin.example',
  domains: ['tailspin.example'],
  tenantId: 'tenant-tailspin',
  managed: false,
});

export const schoolWithoutContact = organization({
  id: 'org-school',
  displayName: 'Het Lyceum',
  domains: ['lyceum.nl'],
  tenantId: 'tenant-lyceum',
  orgType: 'school',
});

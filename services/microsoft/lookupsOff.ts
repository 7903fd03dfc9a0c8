/** MICROSOFT_LOOKUPS=off (an air-gapped deployment, or the in-process tests): nothing is asked, every answer says so. */
import type { MicrosoftLookups } from '../ports/microsoft.js';

export function microsoftLookupsOff(): MicrosoftLookups {
  const off = { answered: false, why: { kind: 'off' } } as const;
  return {
    domain: async () => off,
    tenantOf: async () => off,
    roleHolders: async () => off,
    rolesOf: async () => off,
    subscribedSkus: async () => off,
    consentUrl: () => undefined,
  };
}

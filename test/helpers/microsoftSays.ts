/**
 * A hand-written MicrosoftLookups for in-process tests (TestBotOptions.microsoft, or a service called directly):
 * what Microsoft's cloud answers, written as a table. Only Microsoft is stood in for; the bot's own code is real.
 * Every look-up is recorded in `asked`, so a test can see what was (not) asked.
 */
import type { Answer, DomainAtMicrosoft, GraphNoAnswer, HeldRole, MicrosoftLookups, RoleHolder } from '../../services/ports/microsoft.js';

export const TEST_APP_ID = '8d5e0c2a-3f4b-4d6e-9a1b-2c3d4e5f6a7b';

export interface GraphTenantAnswers {
  /** Default true; false answers noConsent to every Graph look-up of the tenant. */
  consent?: boolean;
  /** Every Graph look-up of the tenant fails this way. */
  failing?: 'unreachable' | 'off' | 'notConfigured';
  /** Holders by role template id; a role not listed has nobody. */
  roles?: Record<string, RoleHolder[]>;
  /** Directory roles by user object id; a user not listed has none. */
  userRoles?: Record<string, HeldRole[]>;
  /** Enabled subscriptions' part numbers. */
  skus?: string[];
}

export interface MicrosoftAnswers {
  /** By domain: Microsoft's realm answer, or `unreachable`; a domain not listed is unknown to Microsoft. */
  domains?: Record<string, DomainAtMicrosoft | 'unreachable'>;
  /** By domain: the tenant that holds it (OpenID configuration). */
  tenants?: Record<string, string>;
  /** By tenant id; a tenant not listed has not granted consent. */
  graph?: Record<string, GraphTenantAnswers>;
}

export type RecordingLookups = MicrosoftLookups & { asked: string[] };

export function microsoftSays(answers: MicrosoftAnswers = {}): RecordingLookups {
  const asked: string[] = [];
  const no = <T>(kind: GraphNoAnswer['kind']): Answer<T, GraphNoAnswer> => ({ answered: false, why: { kind } as GraphNoAnswer });
  const graph = <T>(tenantId: string, value: (tenant: GraphTenantAnswers) => T): Answer<T, GraphNoAnswer> => {
    const tenant = answers.graph?.[tenantId];
    if (!tenant || tenant.consent === false) return no('noConsent');
    if (tenant.failing) return no(tenant.failing);
    return { answered: true, value: value(tenant) };
  };
  return {
    asked,
    domain: async (domain) => {
      asked.push(`domain ${domain}`);
      const said = answers.domains?.[domain];
      if (said === 'unreachable') return { answered: false, why: { kind: 'unreachable' } };
      return { answered: true, value: said ?? { kind: 'unknown' } };
    },
    tenantOf: async (domain) => {
      asked.push(`tenantOf ${domain}`);
      if (answers.domains?.[domain] === 'unreachable') return { answered: false, why: { kind: 'unreachable' } };
      return { answered: true, value: answers.tenants?.[domain] };
    },
    roleHolders: async (tenantId, ids) => {
      asked.push(`roleHolders ${tenantId} ${ids.join(',')}`);
      return graph(tenantId, (tenant) => new Map(ids.map((id) => [id, tenant.roles?.[id] ?? []])));
    },
    rolesOf: async (tenantId, userId) => {
      asked.push(`rolesOf ${tenantId} ${userId}`);
      return graph(tenantId, (tenant) => tenant.userRoles?.[userId] ?? []);
    },
    subscribedSkus: async (tenantId) => {
      asked.push(`subscribedSkus ${tenantId}`);
      return graph(tenantId, (tenant) => tenant.skus ?? []);
    },
    consentUrl: (tenantId) => `https://login.microsoftonline.com/${tenantId}/adminconsent?client_id=${TEST_APP_ID}`,
  };
}

/** Microsoft cannot be reached at all: every look-up answers unreachable. */
export function microsoftUnreachable(): RecordingLookups {
  const asked: string[] = [];
  const down = { answered: false, why: { kind: 'unreachable' } } as const;
  return {
    asked,
    domain: async (domain) => (asked.push(`domain ${domain}`), down),
    tenantOf: async (domain) => (asked.push(`tenantOf ${domain}`), down),
    roleHolders: async (tenantId) => (asked.push(`roleHolders ${tenantId}`), down),
    rolesOf: async (tenantId) => (asked.push(`rolesOf ${tenantId}`), down),
    subscribedSkus: async (tenantId) => (asked.push(`subscribedSkus ${tenantId}`), down),
    consentUrl: (tenantId) => `https://login.microsoftonline.com/${tenantId}/adminconsent?client_id=${TEST_APP_ID}`,
  };
}

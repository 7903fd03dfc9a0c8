/**
 * Microsoft's cloud as a test has it answer, for the takeover's question "did it happen?" (docs/facts.md section
 * 10): what the realm endpoint says about a domain, and which tenant holds it. In-process tests stand in for
 * Microsoft with this; the HTTP tests use the https stub (microsoftStub.ts) and the real client.
 */
import type { Organization } from '../../services/models/organization.js';
import type { Answer, DomainAtMicrosoft, FreshOption, MicrosoftLookups, NoAnswer } from '../../services/ports/microsoft.js';

export interface FakeMicrosoft extends MicrosoftLookups {
  /** Whether Microsoft answers: `on`, or not at all (`unreachable`, or look-ups switched `off`). */
  mode: 'on' | 'unreachable' | 'off';
  /** What the realm endpoint says per lower-case domain; a domain not listed is unknown to Microsoft. */
  readonly realm: Map<string, DomainAtMicrosoft>;
  /** Which tenant holds each domain; a domain not listed is held by none. */
  readonly tenants: Map<string, string>;
  /**
   * Every question asked fresh (whether a takeover happened), as `domain:contoso.com` or `tenantOf:contoso.com`; the
   * look-ups a real client may answer from a kept answer (what holds a domain, for an answer or an option) are not listed.
   */
  readonly asked: string[];
  /** The domain's organization is unmanaged (viral), in this tenant. */
  viral(domain: string, tenantId?: string): void;
  /** The domain's organization is managed now (an internal takeover happened), in this tenant. */
  managed(domain: string, tenantId?: string): void;
  /** Microsoft shows these organizations as the directory records them: managed or not, in their tenants. */
  knows(organizations: readonly Organization[]): void;
}

export function fakeMicrosoft(): FakeMicrosoft {
  const realm = new Map<string, DomainAtMicrosoft>();
  const tenants = new Map<string, string>();
  const asked: string[] = [];
  const noAnswer = (fake: FakeMicrosoft): { answered: false; why: NoAnswer } | undefined =>
    fake.mode === 'on' ? undefined : { answered: false, why: { kind: fake.mode } };
  const graphOff = async () => ({ answered: false, why: { kind: 'notConfigured' } }) as const;
  const fake: FakeMicrosoft = {
    mode: 'on',
    realm,
    tenants,
    asked,
    async domain(domain: string, options?: FreshOption): Promise<Answer<DomainAtMicrosoft>> {
      if (options?.fresh) asked.push(`domain:${domain}`);
      return noAnswer(fake) ?? { answered: true, value: realm.get(domain.toLowerCase()) ?? { kind: 'unknown' } };
    },
    async tenantOf(domain: string, options?: FreshOption): Promise<Answer<string | undefined>> {
      if (options?.fresh) asked.push(`tenantOf:${domain}`);
      return noAnswer(fake) ?? { answered: true, value: tenants.get(domain.toLowerCase()) };
    },
    roleHolders: graphOff,
    rolesOf: graphOff,
    subscribedSkus: graphOff,
    consentUrl: () => undefined,
    viral(domain, tenantId) {
      realm.set(domain, { kind: 'unmanaged', brand: domain });
      if (tenantId) tenants.set(domain, tenantId);
    },
    managed(domain, tenantId) {
      realm.set(domain, { kind: 'managed', brand: domain, federated: false });
      if (tenantId) tenants.set(domain, tenantId);
    },
    knows(organizations) {
      for (const organization of organizations) {
        for (const domain of organization.domains) (organization.managed ? fake.managed : fake.viral)(domain, organization.tenantId);
      }
    },
  };
  return fake;
}

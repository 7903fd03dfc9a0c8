/**
 * What the bot asks Microsoft about real organizations (docs/facts.md section 10): its public realm and OpenID
 * endpoints (no sign-in needed) and, where an organization granted the bot's app admin consent, Microsoft Graph.
 * Microsoft is the source of truth; the bot's directory only adds to it. `services/microsoft/` implements this.
 * @remarks Every look-up answers, never throws: an answer, or why there is none (look-ups switched off, Microsoft
 * unreachable, no consent), so that each caller can fall back to what the directory knows and say so. Answers are
 * kept for a few minutes and shared between callers: read them, do not change them.
 */

/** What Microsoft's realm endpoint says about a domain. */
export type DomainAtMicrosoft =
  /** `NameSpaceType` Unknown: no organization uses the domain. */
  | { kind: 'unknown' }
  /** `IsViral` true: an unmanaged (self-service) organization holds the domain. */
  | { kind: 'unmanaged'; brand?: string }
  /** Managed or Federated: a managed organization holds the domain (its brand name when Microsoft gives one). */
  | { kind: 'managed'; brand?: string; federated: boolean };

/** Why Microsoft gave no answer. */
export type NoAnswer =
  /** MICROSOFT_LOOKUPS=off: nothing is asked. */
  | { kind: 'off' }
  /** Unreachable, timed out, or answered something the bot cannot read (logged once by the implementation). */
  | { kind: 'unreachable' };

/** Why Graph gave no answer for a tenant. */
export type GraphNoAnswer =
  | NoAnswer
  /** No Graph app registration is configured (GRAPH_CLIENT_ID / MicrosoftAppId). */
  | { kind: 'notConfigured' }
  /**
   * The tenant has not granted the bot's app admin consent: the token is refused (AADSTS700016, 65001, and also a
   * refused secret, invalid_client: the log line tells which), or Graph answers 401/403 (consent without the permission).
   */
  | { kind: 'noConsent' };

export type Answer<T, Why = NoAnswer> = { answered: true; value: T } | { answered: false; why: Why };

/** A person in a directory role, as Graph gives them. */
export interface RoleHolder {
  id: string;
  displayName?: string;
  /** `mail`, else `userPrincipalName`. */
  email?: string;
}

/** A directory role a user holds, as Graph gives it. */
export interface HeldRole {
  displayName: string;
  roleTemplateId: string;
}

/** `fresh`: ask Microsoft now rather than take a kept answer (a takeover checking whether it is done). */
export interface FreshOption {
  fresh?: boolean;
}

export interface MicrosoftLookups {
  /** What the realm endpoint says about the domain. */
  domain(domain: string, options?: FreshOption): Promise<Answer<DomainAtMicrosoft>>;
  /** The id of the tenant that holds the domain (OpenID configuration), or undefined when no tenant does. */
  tenantOf(domain: string, options?: FreshOption): Promise<Answer<string | undefined>>;
  /**
   * The holders of each of these directory roles (by role template id) in the tenant; a role nobody holds, or that is
   * not activated there, maps to []. People only: groups and service principals that hold a role are left out.
   */
  roleHolders(tenantId: string, roleTemplateIds: readonly string[]): Promise<Answer<ReadonlyMap<string, RoleHolder[]>, GraphNoAnswer>>;
  /** The directory roles the user (by Entra object id) holds in the tenant, directly or through groups; [] for a user the tenant does not have. */
  rolesOf(tenantId: string, userObjectId: string): Promise<Answer<HeldRole[], GraphNoAnswer>>;
  /** The `skuPartNumber` of every subscription of the tenant that is enabled. */
  subscribedSkus(tenantId: string): Promise<Answer<string[], GraphNoAnswer>>;
  /** Where a tenant's admin grants the bot's app consent, or undefined when no Graph app is configured. */
  consentUrl(tenantId: string): string | undefined;
}

/** The organization record of the bot's directory (the data model). */
import type { Language } from './intent.js';

export const ORG_TYPES = ['school', 'enterprise', 'smallBusiness', 'unknown'] as const;
export type OrgType = (typeof ORG_TYPES)[number];

/** A head count in a sentence: "3000 employees", "3.000 medewerkers", "5k people", "about 40 staff", "like 6 of us". */
const HEAD_COUNT = /(\d[\d.,]*)\s*(k)?\s*(?:employees?|people|staff|colleagues|co-?workers|workers|users|fte|medewerkers?|werknemers?|mensen|collega'?s|personeelsleden|man|volunteers|vrijwilligers|of us)\b/iu;
/** Where "large" starts: the EU line between small and medium-sized enterprises (under 250 people) and large ones. Either answer is guidance only. */
const LARGE_FROM = 250;

/** The organization type a head count suggests ("we have about 5000 employees"), if the text gives one. */
export function orgTypeFromHeadCount(text: string): OrgType | undefined {
  const match = HEAD_COUNT.exec(text);
  if (!match?.[1]) return undefined;
  const count = Number(match[1].replace(/[.,](?=\d{3}\b)/g, '').replace(',', '.')) * (match[2] ? 1000 : 1);
  if (!Number.isFinite(count) || count <= 0) return undefined;
  return count >= LARGE_FROM ? 'enterprise' : 'smallBusiness';
}

/**
 * The Microsoft 365 clouds, each with its admin center (services/organizations/adminCenter.ts): worldwide, 21Vianet
 * (China), the closed Office 365 Germany, and the three US Government clouds (GCC, GCC High, DoD).
 */
/** Who asks at a school: the answer to "who is my admin?" differs for a student and for a teacher or staff member. */
export type SchoolRole = 'student' | 'staff';

export const CLOUDS = ['worldwide', 'china21Vianet', 'germanyLegacy', 'usGovGcc', 'usGovGccHigh', 'usGovDod'] as const;
export type Cloud = (typeof CLOUDS)[number];
/** The US Government clouds: someone who says only "US government" is asked which one. */
export const US_GOVERNMENT_CLOUDS = ['usGovGcc', 'usGovGccHigh', 'usGovDod'] as const satisfies readonly Cloud[];
/** A cloud named or picked: one of them, or "US Government" without saying which. */
export type CloudChoice = Cloud | 'usGovernment';

export interface HelpdeskContact {
  title: string;
  phone?: string;
  email?: string;
  url?: string;
}

export interface OrgAdmin {
  userId?: string;
  name: string;
  email: string;
  since: string;
  /**
   * Recorded on the admin's own word: they said they finished the takeover in Microsoft while Microsoft could not
   * be asked. Shown as such ("Sam says they became the admin on ..."); cleared when Microsoft confirms it.
   */
  reportedByUser?: true;
}

export interface SelfServiceSettings {
  allowEmailVerifiedUsers: boolean;
  allowAdHocSubscriptions: boolean;
}

export interface Organization {
  id: string;
  displayName: string;
  /** Lower-case ASCII email domains; a subdomain is a domain of its own. */
  domains: string[];
  /** The Microsoft Entra tenant id, when known: Teams tells the bot the tenant of every message. */
  tenantId?: string;
  managed: boolean;
  orgType: OrgType;
  cloud: Cloud;
  helpdeskContact?: HelpdeskContact;
  admins: OrgAdmin[];
  selfService: SelfServiceSettings;
  createdAt: string;
  /** Set when an external takeover emptied the organization of its last domain; after a forced one, Microsoft deletes it 10 days later. */
  deleteAfter?: string;
  /** The domains an external takeover moved out of this organization, with the people on them, and where to. */
  domainsMovedTo?: MovedDomain[];
  /** The Teams channel where the helpdesk works this organization's tickets. */
  helpdeskChannel?: HelpdeskChannel;
}

/** A domain that moved to another organization in an external takeover (docs/facts.md 6b). */
export interface MovedDomain {
  domain: string;
  /** The organization that took it over. */
  orgId: string;
  at: string;
}

export interface HelpdeskChannel {
  /** A Bot Framework conversation reference to the channel, opaque here. */
  conversation: Readonly<Record<string, unknown>>;
  /** The channel's conversation id (without a thread's `;messageid=`), to recognise actions that come from it. */
  conversationId: string;
  /** The language the helpdesk spoke when it chose the channel: ticket cards there use it. */
  language: Language;
  setBy: string;
  setAt: string;
}

export function isOrgType(value: unknown): value is OrgType {
  return typeof value === 'string' && (ORG_TYPES as readonly string[]).includes(value);
}

export function isCloud(value: unknown): value is Cloud {
  return typeof value === 'string' && (CLOUDS as readonly string[]).includes(value);
}

export function isCloudChoice(value: unknown): value is CloudChoice {
  return value === 'usGovernment' || isCloud(value);
}

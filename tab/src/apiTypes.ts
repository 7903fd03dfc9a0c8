/**
 * The shapes of the tab API (`bot/tabApi.ts`) as the pages use them.
 * @remarks Written out here rather than imported from the server, so the browser bundle never type-checks
 * against Node code; the browser test against the real server is what keeps the two in step.
 */
export const ORG_TYPES = ['school', 'enterprise', 'smallBusiness', 'unknown'] as const;
export type OrgType = (typeof ORG_TYPES)[number];

export const CLOUDS = ['worldwide', 'china21Vianet', 'germanyLegacy', 'usGovGcc', 'usGovGccHigh', 'usGovDod'] as const;
export type Cloud = (typeof CLOUDS)[number];

export interface HelpdeskContact {
  title: string;
  phone?: string;
  email?: string;
  url?: string;
}

export interface SelfService {
  allowEmailVerifiedUsers: boolean;
  allowAdHocSubscriptions: boolean;
}

/** `GET /api/settings`, and the answer to a `PUT`. */
export interface Settings {
  displayName: string;
  orgType: OrgType;
  cloud: Cloud;
  /** null (or absent) when none is configured. */
  helpdeskContact?: HelpdeskContact | null;
  selfService: SelfService;
  helpdeskChannel?: { set: boolean; setAt?: string };
  /** Whether the signed-in person may change the settings (an admin of the organization). */
  canEdit: boolean;
  /**
   * Whether the organization let the bot read its admins from Microsoft (admin consent): `unknown` when Microsoft
   * could not be asked. Absent from an older server.
   */
  microsoftConsent?: 'granted' | 'notGranted' | 'unknown';
  /** Where the organization's Microsoft 365 admin grants it, with `notGranted`. */
  consentUrl?: string;
}

/** The body of `PUT /api/settings`: `helpdeskContact: null` removes the contact, `helpdeskChannel: null` disconnects the channel. */
export interface SettingsUpdate {
  orgType: OrgType;
  cloud: Cloud;
  helpdeskContact: HelpdeskContact | null;
  selfService: SelfService;
  helpdeskChannel?: null;
}

/** One problem of a refused `PUT /api/settings` (400): the field as the request names it ('helpdeskContact.email'), and a code. */
export interface SettingsProblem {
  field: string;
  code: string;
  message: string;
}

export interface FigureRow {
  key: string;
  answered: number;
  deflected: number;
  /** deflected / answered; null when nothing was answered. */
  deflectionRate: number | null;
}

export type TicketStatus = 'open' | 'assigned' | 'resolved';

/** `GET /api/stats?since=YYYY-MM-DD`: the organization's figures and its tickets still open. */
export interface Stats {
  answered: number;
  deflected: number;
  deflectionRate: number | null;
  helpful: number;
  notHelpful: number;
  byIntent: FigureRow[];
  /** Keyed by ISO week ('2026-W47'), oldest first. */
  byWeek: FigureRow[];
  tickets: { open: number; assigned: number; resolved: number };
  pendingTakeovers: number;
  openTickets: { id: string; status: TicketStatus; createdAt: string }[];
}

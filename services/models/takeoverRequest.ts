/** An admin takeover in progress (the data model: TakeoverRequest). */
import type { Language } from './intent.js';

export const TAKEOVER_KINDS = ['internal', 'external'] as const;
/** internal: become the admin of the unmanaged organization; external: move its domain and members into yours. */
export type TakeoverKind = (typeof TAKEOVER_KINDS)[number];

/**
 * Where a request is. The TXT value always comes from Microsoft (its Become the admin wizard, or the admin's own
 * organization when the domain is added there); the bot only checks that DNS shows it, and then asks Microsoft.
 * - waitingForValue: the requester is to paste the value Microsoft showed them;
 * - waitingForDns: the value is known, the bot has not seen it in DNS yet;
 * - waitingForMicrosoft: the record is visible; the requester is to finish in Microsoft (Verify);
 * - completed: Microsoft confirmed it, and the directory records the new admin;
 * - reportedByUser: Microsoft could not be asked; the directory records the requester's word, marked as such, and
 *   the background job keeps asking Microsoft;
 * - expired, cancelled: over without a takeover.
 */
export const TAKEOVER_STATUSES = ['waitingForValue', 'waitingForDns', 'waitingForMicrosoft', 'completed', 'reportedByUser', 'expired', 'cancelled'] as const;
export type TakeoverStatus = (typeof TAKEOVER_STATUSES)[number];

/** The statuses in which the requester still acts on the request. */
export const OPEN_STATUSES = ['waitingForValue', 'waitingForDns', 'waitingForMicrosoft'] as const satisfies readonly TakeoverStatus[];
/** Open, or reported by the requester and not yet confirmed by Microsoft: what the background job looks at. */
export const UNSETTLED_STATUSES = [...OPEN_STATUSES, 'reportedByUser'] as const satisfies readonly TakeoverStatus[];
/**
 * Open statuses of the version that invented the TXT value itself (`token`): such a request is read as waiting
 * for the value from Microsoft (normalizeTakeover), since the invented value proved nothing to Microsoft.
 */
export const LEGACY_OPEN_STATUSES = ['pending', 'verified'] as const;

/** How a completed takeover was confirmed: Microsoft's own answer, or only the requester's word. */
export type ConfirmedBy = 'microsoft' | 'user';

/**
 * A TXT verification value as Microsoft shows it: `MS=ms` and 8 digits, or (older and PowerShell challenges)
 * `MS=` and a hexadecimal code.
 */
export const TXT_VALUE_PATTERN = /^MS=(?:ms\d{8}|[0-9A-Fa-f]{8,64})$/;

/**
 * The example value of Microsoft's documentation (docs/facts.md 6c), which older cards of this bot showed too: it
 * looks real, so people copy it. It is never a value Microsoft gave them, and is recognised as the example.
 */
export const EXAMPLE_TXT_VALUE = 'MS=ms12345678';

export function isExampleTxtValue(value: string): boolean {
  return value.replace(/\s+/g, '').toLowerCase() === EXAMPLE_TXT_VALUE.toLowerCase();
}

export interface TakeoverRequester {
  /** The channel's id for the user (Teams: the 29:... id); with aadObjectId, what proves who acts. */
  userId: string;
  aadObjectId?: string;
  name?: string;
  email?: string;
  /** The Teams tenant the requester chats from: their own organization, which an external takeover moves the domain into. */
  tenantId?: string;
  /** Where to send news of the request: a Bot Framework conversation reference, kept opaque here. */
  conversation: Readonly<Record<string, unknown>>;
  /** The conversation's language when the request started, for that message. */
  language?: Language;
}

export interface TakeoverAttempt {
  at: string;
  /**
   * A DNS check (found, noRecord, wrongValue, wrongHost, dnsFailure) or a question to Microsoft (confirmed,
   * notConfirmed, microsoftUnavailable).
   */
  outcome: 'found' | 'noRecord' | 'wrongValue' | 'wrongHost' | 'dnsFailure' | 'confirmed' | 'notConfirmed' | 'microsoftUnavailable';
  /** What DNS answered instead of the value, or what Microsoft showed instead (unmanaged, otherTenant, unknown). */
  found: string[];
  /** True for the background re-check, false when the requester asked. */
  automatic: boolean;
}

export interface LicenseNeed {
  service: string;
  count: number;
}

/** News the background job sends the requester, each once. */
export type TakeoverNewsKind = 'recordFound' | 'completed' | 'licensesNeeded' | 'confirmedLater';

export interface TakeoverRequest {
  id: string;
  domain: string;
  /** The unmanaged organization that holds the domain. */
  orgId: string;
  kind: TakeoverKind;
  /** External takeover: the organization the requester administers, which receives the domain. */
  targetOrgId?: string;
  requester: TakeoverRequester;
  /** The TXT value Microsoft showed the requester, as they pasted it (cleaned up). Never logged or audited. */
  value?: string;
  status: TakeoverStatus;
  attempts: TakeoverAttempt[];
  /** "Check for me later": the background job re-checks DNS until the request expires. */
  recheck: boolean;
  createdAt: string;
  expiresAt: string;
  /** When the bot first saw the value in DNS. */
  recordFoundAt?: string;
  /** When the requester was told each piece of news (proactively). */
  notified?: Partial<Record<TakeoverNewsKind, string>>;
  /** When the directory recorded the new admin: confirmed by Microsoft, or on the requester's word (`confirmedBy`). */
  completedAt?: string;
  confirmedBy?: ConfirmedBy;
  /** When Microsoft confirmed it (for a takeover reported by the requester: later than completedAt). */
  confirmedAt?: string;
  /** Why a request ended without completing. */
  endedBecause?: 'cancelled' | 'expired' | 'takenOverByOther';
  /** What the new admin said about the licenses members need: buy them in the admin center now, or later. */
  licenses?: { decision: 'buy' | 'postpone'; needs: LicenseNeed[]; decidedAt: string };
}

/** The requester can still act on it (paste the value, check DNS, finish in Microsoft). Legacy statuses count too. */
export function isOpen(request: { status: string }): boolean {
  return (OPEN_STATUSES as readonly string[]).includes(request.status) || (LEGACY_OPEN_STATUSES as readonly string[]).includes(request.status);
}

/** Open, or reported by the requester and awaiting Microsoft's confirmation (see UNSETTLED_STATUSES). */
export function isUnsettled(request: { status: string }): boolean {
  return isOpen(request) || request.status === 'reportedByUser';
}

/**
 * A request as this version understands it. One stored by the version that invented the TXT value (`token`,
 * status pending or verified) waits for the value from Microsoft: the invented value proved nothing to Microsoft,
 * so it is dropped, with what followed from it (the record seen, the news sent).
 */
export function normalizeTakeover(request: TakeoverRequest): TakeoverRequest {
  const stored = request as TakeoverRequest & { status: string; token?: unknown };
  const legacy = (LEGACY_OPEN_STATUSES as readonly string[]).includes(stored.status);
  if (!legacy && stored.token === undefined) return request;
  const normalized: Record<string, unknown> = { ...stored };
  for (const field of ['token', 'verifiedAt', 'notifiedAt']) delete normalized[field];
  if (!legacy) return normalized as unknown as TakeoverRequest;
  for (const field of ['value', 'recordFoundAt', 'notified']) delete normalized[field];
  return { ...(normalized as unknown as TakeoverRequest), status: 'waitingForValue', recheck: false };
}

/** An admin takeover in progress (the data model: TakeoverRequest). */
import type { Language } from './intent.js';

export const TAKEOVER_KINDS = ['internal', 'external'] as const;
/** internal: become the admin of the unmanaged organization; external: move its domain and members into yours. */
export type TakeoverKind = (typeof TAKEOVER_KINDS)[number];

export type TakeoverStatus = 'pending' | 'verified' | 'completed' | 'expired' | 'cancelled';

export interface TakeoverRequester {
  /** The channel's id for the user (Teams: the 29:... id); with aadObjectId, what proves who acts. */
  userId: string;
  aadObjectId?: string;
  name?: string;
  email?: string;
  /** Where to send the "your record is there" message: a Bot Framework conversation reference, kept opaque here. */
  conversation: Readonly<Record<string, unknown>>;
  /** The conversation's language when the request started, for that message. */
  language?: Language;
}

export interface TakeoverAttempt {
  at: string;
  outcome: 'verified' | 'noRecord' | 'wrongValue' | 'wrongHost' | 'dnsFailure';
  /** What DNS answered instead of the token, for the helpdesk to see what went wrong. */
  found: string[];
  /** True for the background re-check, false when the requester pressed "Verify". */
  automatic: boolean;
}

export interface LicenseNeed {
  service: string;
  count: number;
}

export interface TakeoverRequest {
  id: string;
  domain: string;
  /** The unmanaged organization that holds the domain. */
  orgId: string;
  kind: TakeoverKind;
  /** External takeover: the organization the requester administers, which receives the domain. */
  targetOrgId?: string;
  requester: TakeoverRequester;
  /** The TXT value to publish: MS=ms + 8 digits. Never logged. */
  token: string;
  status: TakeoverStatus;
  attempts: TakeoverAttempt[];
  /** "Check for me later": the background job re-checks DNS until the request expires. */
  recheck: boolean;
  createdAt: string;
  expiresAt: string;
  verifiedAt?: string;
  /** When the requester was told (proactively) that the record was found. */
  notifiedAt?: string;
  completedAt?: string;
  /** Why a request ended without completing. */
  endedBecause?: 'cancelled' | 'expired' | 'takenOverByOther';
  /** The licenses the new admin confirmed buying (a pending purchase, no payment) or postponed. */
  licenses?: { decision: 'buy' | 'postpone'; needs: LicenseNeed[]; decidedAt: string };
}

export function isOpen(request: Pick<TakeoverRequest, 'status'>): boolean {
  return request.status === 'pending' || request.status === 'verified';
}

/**
 * The helpdesk contact's rules, checked in the browser before a save: a title, at least one way to reach
 * the helpdesk, and a phone number, email address and web address that each look right.
 * @remarks Mirrors the server's rules (services/organizationSettings.ts, with the address rules of
 * services/emailAddress.ts) so most mistakes are shown at the field without a round trip. The server checks
 * again; its problems come back with the same field names and codes (`serverProblemPlace`), so they are
 * shown at the same fields. Pure: no DOM, so the page and a test can both call it.
 */
import type { HelpdeskContact } from './apiTypes.js';

export const MAX_LENGTHS = { title: 100, phone: 40, email: 254, url: 500 } as const;

export type ContactField = 'title' | 'phone' | 'email' | 'url';
/** `reach` is the contact as a whole: it needs a phone, an email or a web address. */
export type ContactProblemPlace = ContactField | 'reach';
export type ContactProblem = 'titleMissing' | 'reachMissing' | 'tooLong' | 'oneLine' | 'phoneInvalid' | 'emailInvalid' | 'urlInvalid';

export interface ContactCheck {
  /** The contact to send: null when every field is empty (no contact), undefined when there are problems. */
  contact?: HelpdeskContact | null;
  problems: Partial<Record<ContactProblemPlace, ContactProblem>>;
}

const LOCAL_PART = /^(?!\.)(?!.*\.\.)[a-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}(?<!\.)$/;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const TOP_LEVEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
/** Control characters and line separators: the server wants each field on one line. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

export function checkContact(raw: Readonly<Record<ContactField, string>>): ContactCheck {
  const given = {
    title: raw.title.trim(),
    phone: raw.phone.trim(),
    email: raw.email.trim(),
    url: raw.url.trim(),
  };
  if (!given.title && !given.phone && !given.email && !given.url) return { contact: null, problems: {} };

  const problems: ContactCheck['problems'] = {};
  for (const field of ['title', 'phone', 'email', 'url'] as const) {
    if (given[field].length > MAX_LENGTHS[field]) problems[field] = 'tooLong';
    else if (CONTROL.test(given[field])) problems[field] = 'oneLine';
  }
  if (!given.title) problems.title ??= 'titleMissing';
  if (!given.phone && !given.email && !given.url) problems.reach = 'reachMissing';
  if (given.phone && !isPhoneNumber(given.phone)) problems.phone ??= 'phoneInvalid';
  if (given.email && !isEmailAddress(given.email)) problems.email ??= 'emailInvalid';
  if (given.url && !isWebAddress(given.url)) problems.url ??= 'urlInvalid';
  if (Object.keys(problems).length > 0) return { problems };
  return {
    contact: {
      title: given.title,
      ...(given.phone ? { phone: given.phone } : {}),
      ...(given.email ? { email: given.email } : {}),
      ...(given.url ? { url: given.url } : {}),
    },
    problems,
  };
}

/** Digits, spaces and + ( ) - . / only, with at least 3 digits. */
export function isPhoneNumber(text: string): boolean {
  return /^\+?[0-9 ()./-]+$/.test(text) && (text.match(/[0-9]/g)?.length ?? 0) >= 3;
}

export function isEmailAddress(text: string): boolean {
  const address = text.trim().toLowerCase().replace(/^mailto:/, '');
  if (!address || /\s/.test(address)) return false;
  const at = address.lastIndexOf('@');
  if (at === -1 || !LOCAL_PART.test(address.slice(0, at))) return false;
  return isDomain(address.slice(at + 1));
}

function isDomain(text: string): boolean {
  const domain = text.replace(/\.$/, '');
  if (!domain.includes('.') || domain.length > 253) return false;
  let ascii: string;
  try {
    // The browser's URL parser turns an internationalized domain into its ASCII form, as node:url does on the server.
    ascii = new URL(`http://${domain}/`).hostname;
  } catch {
    return false;
  }
  const labels = ascii.split('.');
  return ascii.length <= 253 && labels.every((label) => LABEL.test(label)) && TOP_LEVEL.test(labels[labels.length - 1] ?? '');
}

/** A full http(s) address with a host and no user name or password. */
export function isWebAddress(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0 && !url.username && !url.password;
  } catch {
    return false;
  }
}

/** Server problem codes (services/organizationSettings.ts) this page shows in its own words. */
const SERVER_CODES: Readonly<Record<string, ContactProblem>> = {
  titleRequired: 'titleMissing',
  contactMethodRequired: 'reachMissing',
  tooLong: 'tooLong',
  controlCharacters: 'oneLine',
  invalidPhone: 'phoneInvalid',
  invalidEmail: 'emailInvalid',
  invalidUrl: 'urlInvalid',
};

/**
 * Where a problem the server reported belongs on the form, and what to call it; undefined for a problem
 * with no field of the contact (it is shown above the form in the server's words).
 */
export function serverProblemPlace(field: string, code: string): { place: ContactProblemPlace; problem: ContactProblem } | undefined {
  const problem = SERVER_CODES[code];
  if (!problem) return undefined;
  if (field === 'helpdeskContact') return problem === 'reachMissing' ? { place: 'reach', problem } : undefined;
  const match = /^helpdeskContact\.(title|phone|email|url)$/.exec(field);
  return match ? { place: match[1] as ContactField, problem } : undefined;
}

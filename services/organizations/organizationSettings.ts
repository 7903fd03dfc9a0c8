/**
 * The settings an organization's admins change from the Teams tab: what they may send, what each field
 * must look like, how a change is applied, and what the tab is shown.
 * @remarks Each problem names its field and has a code, so the tab can show it next to the field in the
 * user's language; the English message is for logs and for anyone calling the API by hand. The helpdesk
 * channel is shown only as "set, and when": its conversation reference is the bot's business, and choosing
 * a channel needs a Teams channel conversation, so over HTTP it can only be cleared.
 */
import { parseEmailAddress } from '../signup/emailAddress.js';
import { isPlainObject } from '../import/isPlainObject.js';
import {
  CLOUDS,
  ORG_TYPES,
  isCloud,
  isOrgType,
  type Cloud,
  type HelpdeskContact,
  type OrgType,
  type Organization,
  type SelfServiceSettings,
} from '../models/organization.js';

export const MAX_CONTACT_TITLE = 100;
export const MAX_CONTACT_PHONE = 40;
export const MAX_CONTACT_URL = 500;

/** The fields a settings change may hold; anything else is refused by name. */
export const SETTABLE_FIELDS = ['orgType', 'cloud', 'helpdeskContact', 'selfService', 'helpdeskChannel'] as const;
const CONTACT_FIELDS = ['title', 'phone', 'email', 'url'] as const;
const SELF_SERVICE_FIELDS = ['allowEmailVerifiedUsers', 'allowAdHocSubscriptions'] as const;

/** What the tab shows: the organization's settings, and whether this caller may change them. */
export interface OrganizationSettings {
  displayName: string;
  orgType: OrgType;
  cloud: Cloud;
  /** null: none configured, so "who is my admin?" names the recorded admins or gives general guidance. */
  helpdeskContact: HelpdeskContact | null;
  selfService: SelfServiceSettings;
  helpdeskChannel: { set: true; setAt: string } | { set: false };
  canEdit: boolean;
}

/** A validated change; absent fields stay as they are. */
export interface SettingsChange {
  orgType?: OrgType;
  cloud?: Cloud;
  /** null removes the contact. */
  helpdeskContact?: HelpdeskContact | null;
  selfService?: Partial<SelfServiceSettings>;
  /** `helpdeskChannel: null` was sent: stop posting tickets to the channel. */
  clearHelpdeskChannel?: true;
}

export type SettingsProblemCode =
  | 'notAnObject'
  | 'empty'
  | 'unknownField'
  | 'invalidOrgType'
  | 'invalidCloud'
  | 'titleRequired'
  | 'contactMethodRequired'
  | 'notAString'
  | 'notABoolean'
  | 'tooLong'
  | 'controlCharacters'
  | 'invalidPhone'
  | 'invalidEmail'
  | 'invalidUrl'
  | 'channelOnlyInTeams';

export interface SettingsProblem {
  /** The field as the request names it ('helpdeskContact.email'); '' for the body as a whole. */
  field: string;
  code: SettingsProblemCode;
  message: string;
}

export type ParsedSettingsChange = { ok: true; change: SettingsChange } | { ok: false; problems: SettingsProblem[] };

export function settingsOf(organization: Organization, canEdit: boolean): OrganizationSettings {
  const channel = organization.helpdeskChannel;
  return {
    displayName: organization.displayName,
    orgType: organization.orgType,
    cloud: organization.cloud,
    helpdeskContact: organization.helpdeskContact ? { ...organization.helpdeskContact } : null,
    selfService: { ...organization.selfService },
    helpdeskChannel: channel ? { set: true, setAt: channel.setAt } : { set: false },
    canEdit,
  };
}

/** Checks a settings change as the tab sends it (parsed JSON); every problem is reported, not just the first. */
export function parseSettingsChange(body: unknown): ParsedSettingsChange {
  if (!isPlainObject(body)) return fail([problem('', 'notAnObject', 'The settings must be a JSON object.')]);
  const problems: SettingsProblem[] = [];
  const unknown = unknownFields(body, SETTABLE_FIELDS, '');
  if (unknown) problems.push(unknown);
  const change: SettingsChange = {};

  if (Object.hasOwn(body, 'orgType')) {
    if (isOrgType(body.orgType)) change.orgType = body.orgType;
    else problems.push(problem('orgType', 'invalidOrgType', `"orgType" must be one of ${ORG_TYPES.join(', ')}.`));
  }
  if (Object.hasOwn(body, 'cloud')) {
    if (isCloud(body.cloud)) change.cloud = body.cloud;
    else problems.push(problem('cloud', 'invalidCloud', `"cloud" must be one of ${CLOUDS.join(', ')}.`));
  }
  if (Object.hasOwn(body, 'helpdeskContact')) {
    const contact = body.helpdeskContact === null ? { ok: true as const, value: null } : parseContact(body.helpdeskContact);
    if (contact.ok) change.helpdeskContact = contact.value;
    else problems.push(...contact.problems);
  }
  if (Object.hasOwn(body, 'selfService')) {
    const selfService = parseSelfService(body.selfService);
    if (selfService.ok) change.selfService = selfService.value;
    else problems.push(...selfService.problems);
  }
  if (Object.hasOwn(body, 'helpdeskChannel')) {
    if (body.helpdeskChannel === null) change.clearHelpdeskChannel = true;
    else {
      problems.push(
        problem(
          'helpdeskChannel',
          'channelOnlyInTeams',
          'The helpdesk channel is chosen in Teams (say "use this channel for tickets" in the channel); here it can only be cleared with null.',
        ),
      );
    }
  }
  if (problems.length > 0) return fail(problems);
  if (Object.keys(body).length === 0) {
    return fail([problem('', 'empty', `Nothing to change: send one or more of ${SETTABLE_FIELDS.join(', ')}.`)]);
  }
  return { ok: true, change };
}

/** The organization with the change applied, and the names of the fields that actually changed (for the audit). */
export function applySettingsChange(organization: Organization, change: SettingsChange): { organization: Organization; changed: string[] } {
  const next: Organization = { ...organization, selfService: { ...organization.selfService, ...change.selfService } };
  if (change.orgType) next.orgType = change.orgType;
  if (change.cloud) next.cloud = change.cloud;
  if (change.helpdeskContact === null) delete next.helpdeskContact;
  else if (change.helpdeskContact) next.helpdeskContact = change.helpdeskContact;
  if (change.clearHelpdeskChannel) delete next.helpdeskChannel;

  const changed = (['orgType', 'cloud', 'helpdeskContact', 'selfService', 'helpdeskChannel'] as const).filter(
    (field) => JSON.stringify(organization[field] ?? null) !== JSON.stringify(next[field] ?? null),
  );
  return { organization: next, changed };
}

type Checked<T> = { ok: true; value: T } | { ok: false; problems: SettingsProblem[] };

/** A title people recognise, and at least one way to reach the helpdesk. */
function parseContact(value: unknown): Checked<HelpdeskContact> {
  const field = 'helpdeskContact';
  if (!isPlainObject(value)) return { ok: false, problems: [problem(field, 'notAnObject', `"${field}" must be an object or null.`)] };
  const problems: SettingsProblem[] = [];
  const unknown = unknownFields(value, CONTACT_FIELDS, `${field}.`);
  if (unknown) problems.push(unknown);

  const title = text(value, 'title', field, MAX_CONTACT_TITLE, problems);
  if (title === undefined && !problems.some((p) => p.field === `${field}.title`)) {
    problems.push(problem(`${field}.title`, 'titleRequired', 'The helpdesk contact needs a title (who people reach, e.g. "IT Service Desk").'));
  }
  const contact: HelpdeskContact = { title: title ?? '' };

  const phone = text(value, 'phone', field, MAX_CONTACT_PHONE, problems);
  if (phone !== undefined) {
    if (isPhoneNumber(phone)) contact.phone = phone;
    else problems.push(problem(`${field}.phone`, 'invalidPhone', 'The phone number may hold digits, spaces, + ( ) - . / and needs at least 3 digits.'));
  }
  const email = text(value, 'email', field, 254, problems);
  if (email !== undefined) {
    const parsed = parseEmailAddress(email);
    if (parsed.ok) contact.email = parsed.value.address;
    else problems.push(problem(`${field}.email`, 'invalidEmail', `"${email}" is not a valid email address.`));
  }
  const url = text(value, 'url', field, MAX_CONTACT_URL, problems);
  if (url !== undefined) {
    const parsed = webAddress(url);
    if (parsed) contact.url = parsed;
    else problems.push(problem(`${field}.url`, 'invalidUrl', 'The web address must be a full http:// or https:// address, without a user name or password.'));
  }
  const reachable = [phone, email, url].some((given) => given !== undefined);
  if (!reachable && !problems.some((p) => /\.(phone|email|url)$/.test(p.field))) {
    problems.push(problem(field, 'contactMethodRequired', 'The helpdesk contact needs at least one of phone, email or url.'));
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: contact };
}

/** Either setting alone may be sent; the other keeps its value. */
function parseSelfService(value: unknown): Checked<Partial<SelfServiceSettings>> {
  const field = 'selfService';
  if (!isPlainObject(value)) return { ok: false, problems: [problem(field, 'notAnObject', `"${field}" must be an object.`)] };
  const problems: SettingsProblem[] = [];
  const unknown = unknownFields(value, SELF_SERVICE_FIELDS, `${field}.`);
  if (unknown) problems.push(unknown);
  const settings: Partial<SelfServiceSettings> = {};
  for (const name of SELF_SERVICE_FIELDS) {
    if (!Object.hasOwn(value, name)) continue;
    const given = value[name];
    if (typeof given === 'boolean') settings[name] = given;
    else problems.push(problem(`${field}.${name}`, 'notABoolean', `"${field}.${name}" must be true or false.`));
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: settings };
}

/**
 * A trimmed string field; undefined when absent, null or empty (a form's blank field), with a problem
 * recorded when it is not a string, too long, or holds control characters.
 */
function text(value: Record<string, unknown>, name: string, parent: string, max: number, problems: SettingsProblem[]): string | undefined {
  const field = `${parent}.${name}`;
  const given = value[name];
  if (given === undefined || given === null) return undefined;
  if (typeof given !== 'string') {
    problems.push(problem(field, 'notAString', `"${field}" must be a string.`));
    return undefined;
  }
  const trimmed = given.trim();
  if (!trimmed) return undefined;
  if (trimmed.length > max) {
    problems.push(problem(field, 'tooLong', `"${field}" must be at most ${max} characters.`));
    return undefined;
  }
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(trimmed)) {
    problems.push(problem(field, 'controlCharacters', `"${field}" must be one line of text.`));
    return undefined;
  }
  return trimmed;
}

function isPhoneNumber(value: string): boolean {
  return /^\+?[0-9 ()./-]+$/.test(value) && (value.match(/[0-9]/g)?.length ?? 0) >= 3;
}

/** The address as the URL parser writes it, when it is http(s) with a host and no credentials. */
function webAddress(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (!url.hostname || url.username || url.password) return undefined;
  return url.href;
}

function unknownFields(value: Record<string, unknown>, known: readonly string[], prefix: string): SettingsProblem | undefined {
  const unknown = Object.keys(value).filter((key) => !known.includes(key));
  if (unknown.length === 0) return undefined;
  const names = unknown.map((key) => `"${prefix}${key}"`).join(', ');
  const field = prefix ? prefix.slice(0, -1) : '';
  return problem(field, 'unknownField', `Unknown field${unknown.length > 1 ? 's' : ''} ${names}; allowed: ${known.join(', ')}.`);
}

function problem(field: string, code: SettingsProblemCode, message: string): SettingsProblem {
  return { field, code, message };
}

function fail(problems: SettingsProblem[]): ParsedSettingsChange {
  return { ok: false, problems };
}

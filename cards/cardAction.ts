/**
 * Reads the data a card button sent back. Card data come from the client and can be stale or forged,
 * so every field is checked here and anything unexpected becomes `{ verb: 'unknown' }`.
 */
import { normalizeDomain } from '../services/signup/emailAddress.js';
import { isIntent, type Intent } from '../services/models/intent.js';
import { isCloudChoice, isOrgType, type CloudChoice, type OrgType } from '../services/models/organization.js';
import { TAKEOVER_KINDS, type TakeoverKind } from '../services/models/takeoverRequest.js';
import { isTicketId } from '../services/models/ticket.js';
import { serviceNamed } from '../services/models/selfServiceServices.js';
import { TAKEOVER_REQUEST_VERBS, VERBS } from './verbs.js';

export type CardAction =
  | { verb: typeof VERBS.showHelp }
  | { verb: typeof VERBS.startTopic; topic: Intent }
  | { verb: typeof VERBS.chooseOrgType; orgType: OrgType }
  | { verb: typeof VERBS.changeOrgType }
  | { verb: typeof VERBS.chooseCloud; cloud: CloudChoice }
  | { verb: typeof VERBS.cancel }
  /** `email` is what the user typed in the card's field, unchecked: the dialog explains what is wrong with it. */
  | { verb: typeof VERBS.submitAddress; email: string }
  | { verb: typeof VERBS.noWorkAddress }
  /** `preview` names the preview card, so a press on an older preview is not taken for the current one. */
  | { verb: typeof VERBS.confirmSignup; preview: string }
  /** `service`: the service named earlier in the signup (a known one's name), kept for the next address. */
  | { verb: typeof VERBS.changeAddress; service?: string }
  | { verb: typeof VERBS.submitDomain; domain: string }
  | { verb: typeof VERBS.startTakeover; domain: string }
  | { verb: typeof VERBS.submitTakeoverDomain; domain: string }
  | { verb: typeof VERBS.chooseTakeoverKind; kind: TakeoverKind }
  /** `value` is what the user pasted in the card's field, unchecked: the dialog reads it (understanding/txtValue.ts). */
  | { verb: typeof VERBS.submitTakeoverValue; request: string; value: string }
  | TakeoverRequestAction
  | { verb: typeof VERBS.feedback; answer: string; helpful: boolean }
  /** `card` names the copy of the card pressed (empty for cards sent before copies were named). */
  | { verb: typeof VERBS.submitTicket; question: string; card: string }
  | { verb: typeof VERBS.assignTicket; ticket: string }
  | { verb: typeof VERBS.resolveTicket; ticket: string; note: string }
  | { verb: typeof VERBS.withdrawTicket; ticket: string }
  | { verb: 'unknown' };

export type TakeoverRequestVerb = (typeof TAKEOVER_REQUEST_VERBS)[number];
/** One union member per verb, so each verb's handler gets its own type. */
export type TakeoverRequestAction = { [V in TakeoverRequestVerb]: { verb: V; request: string } }[TakeoverRequestVerb];

/** Request and answer ids are UUIDs; anything else in a card's data is forged or broken. */
const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Longest card input passed on; anything longer is cut here and then refused by the dialog as too long. */
const MAX_INPUT = 1000;

/** The action in an activity's `value`, or undefined when the activity carries no card action. */
export function readCardAction(value: unknown): CardAction | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const action = actionData(value as Record<string, unknown>);
  if (!action || !Object.hasOwn(action, 'verb')) return undefined;
  switch (action.verb) {
    case VERBS.showHelp:
      return { verb: VERBS.showHelp };
    case VERBS.startTopic:
      return isIntent(action.topic) ? { verb: VERBS.startTopic, topic: action.topic } : { verb: 'unknown' };
    case VERBS.chooseOrgType:
      return isOrgType(action.orgType) ? { verb: VERBS.chooseOrgType, orgType: action.orgType } : { verb: 'unknown' };
    case VERBS.changeOrgType:
      return { verb: VERBS.changeOrgType };
    case VERBS.chooseCloud:
      return isCloudChoice(action.cloud) ? { verb: VERBS.chooseCloud, cloud: action.cloud } : { verb: 'unknown' };
    case VERBS.cancel:
    case VERBS.noWorkAddress:
      return { verb: action.verb };
    case VERBS.changeAddress: {
      const service = typeof action.service === 'string' ? serviceNamed(action.service)?.name : undefined;
      return { verb: VERBS.changeAddress, ...(service ? { service } : {}) };
    }
    case VERBS.confirmSignup:
      return { verb: VERBS.confirmSignup, preview: typeof action.preview === 'string' ? action.preview.slice(0, 100) : '' };
    case VERBS.submitAddress:
      return { verb: VERBS.submitAddress, email: inputText(action.email) };
    case VERBS.submitDomain:
      return { verb: VERBS.submitDomain, domain: inputText(action.domain) };
    case VERBS.submitTakeoverDomain:
      return { verb: VERBS.submitTakeoverDomain, domain: inputText(action.domain) };
    case VERBS.chooseTakeoverKind:
      return isTakeoverKind(action.kind) ? { verb: VERBS.chooseTakeoverKind, kind: action.kind } : { verb: 'unknown' };
    case VERBS.submitTakeoverValue:
      return typeof action.request === 'string' && REQUEST_ID.test(action.request)
        ? { verb: VERBS.submitTakeoverValue, request: action.request, value: inputText(action.value) }
        : { verb: 'unknown' };
    case VERBS.verifyTakeover:
    case VERBS.finishedInMicrosoft:
    case VERBS.recheckTakeover:
    case VERBS.cancelTakeover:
    case VERBS.buyLicenses:
    case VERBS.postponeLicenses:
      return typeof action.request === 'string' && REQUEST_ID.test(action.request) ? { verb: action.verb, request: action.request } : { verb: 'unknown' };
    case VERBS.feedback:
      return typeof action.answer === 'string' && REQUEST_ID.test(action.answer) && typeof action.helpful === 'boolean'
        ? { verb: VERBS.feedback, answer: action.answer, helpful: action.helpful }
        : { verb: 'unknown' };
    case VERBS.submitTicket:
      return { verb: VERBS.submitTicket, question: inputText(action.question), card: typeof action.card === 'string' && REQUEST_ID.test(action.card) ? action.card : '' };
    case VERBS.assignTicket:
      return isTicketId(action.ticket) ? { verb: VERBS.assignTicket, ticket: action.ticket } : { verb: 'unknown' };
    case VERBS.resolveTicket:
      return isTicketId(action.ticket) ? { verb: VERBS.resolveTicket, ticket: action.ticket, note: inputText(action.note) } : { verb: 'unknown' };
    case VERBS.withdrawTicket:
      return isTicketId(action.ticket) ? { verb: VERBS.withdrawTicket, ticket: action.ticket } : { verb: 'unknown' };
    case VERBS.startTakeover: {
      const domain = typeof action.domain === 'string' ? normalizeDomain(action.domain) : undefined;
      return domain ? { verb: VERBS.startTakeover, domain } : { verb: 'unknown' };
    }
    default:
      return { verb: 'unknown' };
  }
}

function isTakeoverKind(value: unknown): value is TakeoverKind {
  return typeof value === 'string' && (TAKEOVER_KINDS as readonly string[]).includes(value);
}

/** A card field's text; a missing or non-text field is empty, which the dialog answers as such. */
function inputText(value: unknown): string {
  return typeof value === 'string' ? value.slice(0, MAX_INPUT + 1) : '';
}

/** Action.Submit sends its data as the value; an Action.Execute invoke sends `{ action: { verb, data } }`. */
function actionData(value: Record<string, unknown>): Record<string, unknown> | undefined {
  const execute = ownField(value, 'action');
  if (!execute || typeof execute !== 'object') return ownFields(value);
  const data = ownField(execute as Record<string, unknown>, 'data');
  return { ...(data && typeof data === 'object' ? ownFields(data as Record<string, unknown>) : {}), verb: ownField(execute as Record<string, unknown>, 'verb') };
}

/** Only the object's own fields: inherited ones (a polluted prototype) are never card data. */
function ownFields(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value));
}

function ownField(value: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(value, key) ? value[key] : undefined;
}

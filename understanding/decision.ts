/**
 * What the bot waits for, and what a typed message means to it: the input and the output of `understand`.
 * @remarks Dialogs consume a Decision; none reads raw text for meaning. A message means different things
 * depending on what the bot just asked: "yes" confirms a signup, sends a ticket, or rates an answer.
 */
import type { AdminTopic } from '../services/models/adminRoles.js';
import type { FactId } from '../services/models/fact.js';
import type { CloudChoice, OrgType } from '../services/models/organization.js';
import type { Intent, Language } from '../services/models/intent.js';
import type { AddressProblem, DomainProblem, EmailAddress, Parsed } from '../services/signup/emailAddress.js';
import type { ChoiceSet, Command } from './phrases.js';
import type { Recognition } from './recognition.js';
import type { TxtValueReading } from './txtValue.js';

/** What the bot waits for in this conversation. */
export type Waiting =
  /** Nothing: a first message, or one after a finished flow whose answer was rated already. */
  | { kind: 'nothing' }
  /** An answer asked "did this help?"; `topic` is the answer's, so "actually we're a small company" can correct it. */
  | { kind: 'rating'; topic: Intent }
  /** A takeover waits at the DNS host or at Microsoft; its card has the buttons (Verify, Done, Cancel). */
  | { kind: 'takeover' }
  /** A card with options; `strict`: only text that is little more than an option picks it. */
  | { kind: 'choice'; set: ChoiceSet; strict?: boolean }
  /** An email address; `prefilled`: the card holds one, which a "yes" accepts. */
  | { kind: 'address'; prefilled: boolean }
  | { kind: 'domain'; prefilled: boolean }
  /**
   * The signup preview: yes records it, no records nothing, another address starts again. `suggested`: the preview
   * asks "did you mean contoso.com?" about a domain that looks mistyped, so a yes means that domain.
   */
  | { kind: 'signupConfirmation'; suggested?: string }
  /** The ticket card: yes sends what it shows, no sends nothing, other text is the description. */
  | { kind: 'ticketDescription' }
  /** The value Microsoft showed for the takeover's TXT record. */
  | { kind: 'txtValue' };

/** What was said besides the intent: the organization, address or service named. */
export interface Entities {
  domain?: string;
  address?: Parsed<EmailAddress, AddressProblem>;
  /** A Microsoft service named ("Power BI"). */
  service?: string;
  /** The Microsoft cloud named ("21Vianet", "GCC High", or "US government" without saying which), for "am I an admin". */
  cloud?: CloudChoice;
  /** What a "who is my admin" question is about: a password, licenses (adminTopic.ts). */
  adminTopic?: AdminTopic;
  /** The kind of organization the user says they are at ("ik werk bij de gemeente", orgTypeNamed.ts). */
  orgType?: Exclude<OrgType, 'unknown'>;
}

export type Decision =
  /** An answer to the waiting question. */
  | { kind: 'yes' }
  | { kind: 'no' }
  | { kind: 'choice'; value: string }
  | { kind: 'address'; address: Parsed<EmailAddress, AddressProblem>; service?: string }
  | { kind: 'domain'; domain: Parsed<string, DomainProblem> }
  | { kind: 'txtValue'; reading: TxtValueReading }
  | { kind: 'description'; text: string }
  /** After an answer: what the user says corrects what it was based on ("actually we're a small company"). */
  | { kind: 'correction'; topic: Intent; choice: string }
  | { kind: 'command'; command: Command }
  | { kind: 'thanks' }
  /** "that didn't help" / "that helped", typed instead of pressed. */
  | { kind: 'rating'; helpful: boolean }
  /** "huh?", "hoe bedoel je": the user did not understand what the bot asked or said. */
  | { kind: 'confused' }
  | { kind: 'switchLanguage'; language: Language }
  /** Clearly a language the bot does not speak (ISO 639-1 code). */
  | { kind: 'otherLanguage'; code: string }
  /** A specific question with its own short answer; counts as its topic. */
  | { kind: 'fact'; fact: FactId; topic: Intent }
  | { kind: 'topic'; topic: Intent; confidence: number; entities: Entities }
  /** No sure reading: the likeliest topics, best first. */
  | { kind: 'notSure'; likeliest: Intent[] }
  /** No text (a card press is read by its verb, not here). */
  | { kind: 'empty' };

export type DecisionKind = Decision['kind'];

/** The decision a recognition of a first message leads to. */
export function topicDecision(recognition: Recognition, entities: Entities): Decision {
  if (recognition.fact) return { kind: 'fact', fact: recognition.fact, topic: recognition.intent };
  if (recognition.intent === 'none') return { kind: 'notSure', likeliest: recognition.ranked.map((scored) => scored.intent).filter((intent) => intent !== 'none') };
  return { kind: 'topic', topic: recognition.intent, confidence: recognition.score, entities };
}

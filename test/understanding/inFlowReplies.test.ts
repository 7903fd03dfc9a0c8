/**
 * What people type while the bot waits for something: a rating of an answer, a takeover at DNS, a choice card,
 * an address, a domain, the signup confirmation, the ticket description or a TXT value. Each row is a real or
 * realistic reply with the decision a person who typed it means; sloppy forms ("jup", "laat maar", "thx"),
 * commands and questions typed at a card, and new topics are in here on purpose.
 */
import { describe, expect, it } from '@jest/globals';
import type { Intent, Language } from '../../services/models/intent.js';
import type { Decision, Waiting } from '../../understanding/decision.js';
import type { Command } from '../../understanding/phrases.js';
import { Understanding } from '../../understanding/understand.js';
import { sharedRecognizer } from '../helpers/testBot.js';

type Expected = Partial<Decision> & Record<string, unknown>;
type Row = readonly [Waiting, Language, string, Expected];

const NOTHING: Waiting = { kind: 'nothing' };
const RATE_ADMIN: Waiting = { kind: 'rating', topic: 'whoIsMyAdmin' };
const RATE_SIGNUP: Waiting = { kind: 'rating', topic: 'signup' };
const RATE_TAKEOVER: Waiting = { kind: 'rating', topic: 'takeover' };
const RATE_DOMAIN: Waiting = { kind: 'rating', topic: 'domainInUse' };
const RATE_AM_I: Waiting = { kind: 'rating', topic: 'amIAdmin' };
const TAKEOVER: Waiting = { kind: 'takeover' };
const ORG_TYPE: Waiting = { kind: 'choice', set: 'orgType' };
const TAKEOVER_KIND: Waiting = { kind: 'choice', set: 'takeoverKind', strict: true };
const ADDRESS: Waiting = { kind: 'address', prefilled: true };
const NEW_ADDRESS: Waiting = { kind: 'address', prefilled: false };
const DOMAIN: Waiting = { kind: 'domain', prefilled: false };
const KNOWN_DOMAIN: Waiting = { kind: 'domain', prefilled: true };
const CONFIRM: Waiting = { kind: 'signupConfirmation' };
/** The preview asks "did you mean contoso.com?": a yes means contoso.com. */
const SUGGESTED: Waiting = { kind: 'signupConfirmation', suggested: 'contoso.com' };
const TICKET: Waiting = { kind: 'ticketDescription' };
const TXT: Waiting = { kind: 'txtValue' };

/** The flow whose card waits, as the router passes it (routerDialog.ts flowTopic); ratings and takeovers have none. */
function flowOf(waiting: Waiting): Intent | undefined {
  switch (waiting.kind) {
    case 'choice':
      return waiting.set === 'orgType' ? 'whoIsMyAdmin' : 'takeover';
    case 'address':
    case 'signupConfirmation':
      return 'signup';
    case 'domain':
      return 'domainInUse';
    case 'ticketDescription':
      return 'escalate';
    case 'txtValue':
      return 'takeover';
    default:
      return undefined;
  }
}

/** A readable name for the title: "rating(whoIsMyAdmin)", "choice(orgType, strict)". */
function nameOf(waiting: Waiting): string {
  switch (waiting.kind) {
    case 'rating':
      return `rating(${waiting.topic})`;
    case 'choice':
      return `choice(${waiting.set}${waiting.strict ? ', strict' : ''})`;
    case 'address':
    case 'domain':
      return `${waiting.kind}(${waiting.prefilled ? 'prefilled' : 'empty'})`;
    default:
      return waiting.kind;
  }
}

const YES = { kind: 'yes' } as const;
const NO = { kind: 'no' } as const;
const HELPED = { kind: 'rating', helpful: true } as const;
const NOT_HELPED = { kind: 'rating', helpful: false } as const;
const THANKS = { kind: 'thanks' } as const;
const CONFUSED = { kind: 'confused' } as const;
const DESCRIPTION = { kind: 'description' } as const;
const ADDRESS_GIVEN = { kind: 'address' } as const;
const TXT_VALUE = { kind: 'txtValue', reading: { value: 'MS=ms12345678' } } as const;
const NOT_SURE = { kind: 'notSure' } as const;
const command = (name: Command) => ({ kind: 'command', command: name }) as const;
const choice = (value: string) => ({ kind: 'choice', value }) as const;
const topic = (name: Intent) => ({ kind: 'topic', topic: name }) as const;
const fact = (name: Intent) => ({ kind: 'fact', topic: name }) as const;
const correction = (name: Intent, value: string) => ({ kind: 'correction', topic: name, choice: value }) as const;
const switchTo = (language: Language) => ({ kind: 'switchLanguage', language }) as const;

const ROWS: readonly Row[] = [
  // ---------------------------------------------------------------- after an answer: "did this help?"
  // Thanks after an answer says it helped (a rating); with nothing to rate it is thanks.
  [RATE_ADMIN, 'nl', 'nee dat helpt me niet, Jeroen is er niet', NOT_HELPED],
  [RATE_ADMIN, 'nl', 'dat heb ik al geprobeerd, hij neemt niet op', NOT_HELPED],
  [RATE_ADMIN, 'nl', 'ik snap er niks van', NOT_HELPED],
  [RATE_ADMIN, 'nl', 'nee joh, dat mag niet van Jeroen', NOT_HELPED],
  [RATE_ADMIN, 'nl', 'top, dankjewel!', HELPED],
  [RATE_ADMIN, 'nl', 'ja dat hielp, dank je', HELPED],
  [RATE_ADMIN, 'en', 'actually we are a small company, only 12 people', correction('whoIsMyAdmin', 'smallBusiness')],
  [RATE_ADMIN, 'en', 'sorry, wrong, it is a small business', correction('whoIsMyAdmin', 'smallBusiness')],
  [RATE_SIGNUP, 'en', 'but I dont have a work email, I am a freelancer', correction('signup', 'noWorkAddress')],
  [RATE_ADMIN, 'en', "that didn't help, I still get the error", NOT_HELPED],
  [RATE_SIGNUP, 'en', "that didn't help, I still get the error", NOT_HELPED],
  [RATE_ADMIN, 'en', 'yes', HELPED],
  [RATE_ADMIN, 'en', 'yep', HELPED],
  [RATE_ADMIN, 'en', 'no', NOT_HELPED],
  [RATE_ADMIN, 'en', 'nope', NOT_HELPED],
  [RATE_ADMIN, 'en', 'thanks', HELPED],
  [RATE_ADMIN, 'en', 'thx', HELPED],
  [RATE_ADMIN, 'en', 'thank you so much!', HELPED],
  [RATE_ADMIN, 'en', 'that helped', HELPED],
  [RATE_SIGNUP, 'en', 'it worked, thanks', HELPED],
  [RATE_ADMIN, 'en', 'got it, thanks', HELPED],
  [RATE_TAKEOVER, 'en', 'great, that answers my question', HELPED],
  [RATE_ADMIN, 'en', 'not really', NOT_HELPED],
  [RATE_ADMIN, 'en', "that's not what I asked", NOT_HELPED],
  [RATE_ADMIN, 'en', 'still not working', NOT_HELPED],
  [RATE_ADMIN, 'en', 'I already tried that', NOT_HELPED],
  [RATE_ADMIN, 'en', "no, that's wrong", NOT_HELPED],
  [RATE_ADMIN, 'en', 'useless', NOT_HELPED],
  [RATE_ADMIN, 'en', "it doesn't help, Jeroen is on holiday", NOT_HELPED],
  [RATE_DOMAIN, 'en', "that didn't work, Microsoft still says the domain is in use", NOT_HELPED],
  [RATE_ADMIN, 'en', 'huh?', NOT_HELPED],
  [RATE_ADMIN, 'en', 'what do you mean?', NOT_HELPED],
  [RATE_ADMIN, 'en', "I don't understand", NOT_HELPED],
  [RATE_ADMIN, 'en', "we're a school actually", correction('whoIsMyAdmin', 'school')],
  [RATE_ADMIN, 'en', "it's a big company, 3000 employees", correction('whoIsMyAdmin', 'enterprise')],
  [RATE_ADMIN, 'en', 'we are a bank', correction('whoIsMyAdmin', 'enterprise')],
  [RATE_ADMIN, 'en', "I'm a freelancer", correction('whoIsMyAdmin', 'smallBusiness')],
  [RATE_SIGNUP, 'en', "I'm a freelancer", correction('signup', 'noWorkAddress')],
  [RATE_SIGNUP, 'en', 'I only have a gmail address', correction('signup', 'noWorkAddress')],
  [RATE_ADMIN, 'en', 'my tickets', command('myTickets')],
  [RATE_ADMIN, 'en', 'cancel', command('cancel')],
  [RATE_ADMIN, 'en', 'help', command('help')],
  [RATE_ADMIN, 'en', 'Nederlands graag', switchTo('nl')],
  [RATE_SIGNUP, 'en', 'who is my admin?', topic('whoIsMyAdmin')],
  [RATE_ADMIN, 'en', 'how do I sign up for Power BI?', topic('signup')],
  [RATE_ADMIN, 'en', 'I want to talk to a person', topic('escalate')],
  [RATE_TAKEOVER, 'en', 'can I delete the TXT record afterwards?', fact('takeover')],
  [RATE_ADMIN, 'en', 'my boss left and nobody is admin anymore', { kind: 'fact', fact: 'noAdminLeft' }],
  [RATE_AM_I, 'en', 'ok thanks', HELPED],
  [RATE_AM_I, 'en', 'that answers it', HELPED],

  [RATE_ADMIN, 'nl', 'ja', HELPED],
  [RATE_ADMIN, 'nl', 'jup', HELPED],
  [RATE_ADMIN, 'nl', 'nee', NOT_HELPED],
  [RATE_ADMIN, 'nl', 'bedankt', HELPED],
  [RATE_ADMIN, 'nl', 'dank je wel', HELPED],
  [RATE_ADMIN, 'nl', 'super, bedankt!', HELPED],
  [RATE_ADMIN, 'nl', 'dat hielp niet', NOT_HELPED],
  [RATE_ADMIN, 'nl', 'werkt niet', NOT_HELPED],
  [RATE_SIGNUP, 'nl', 'het werkt nog steeds niet', NOT_HELPED],
  [RATE_DOMAIN, 'nl', 'ik krijg nog steeds dezelfde foutmelding', NOT_HELPED],
  [RATE_SIGNUP, 'nl', 'ik heb het al gedaan maar het lukt nog steeds niet', NOT_HELPED],
  [RATE_ADMIN, 'nl', 'niet echt', NOT_HELPED],
  [RATE_ADMIN, 'nl', 'klopt niet', NOT_HELPED],
  [RATE_ADMIN, 'nl', 'dat is niet wat ik bedoel', NOT_HELPED],
  [RATE_ADMIN, 'nl', 'hè?', NOT_HELPED],
  [RATE_ADMIN, 'nl', 'wat bedoel je?', NOT_HELPED],
  [RATE_ADMIN, 'nl', 'helder', HELPED],
  [RATE_ADMIN, 'nl', 'opgelost, bedankt', HELPED],
  [RATE_ADMIN, 'nl', 'duidelijk, dank je', HELPED],
  [RATE_ADMIN, 'nl', 'het werkt weer, dank je wel', HELPED],
  [RATE_ADMIN, 'nl', 'eigenlijk zijn we een klein bedrijf', correction('whoIsMyAdmin', 'smallBusiness')],
  [RATE_ADMIN, 'nl', 'sorry, we zijn een school', correction('whoIsMyAdmin', 'school')],
  [RATE_ADMIN, 'nl', 'we zijn een gemeente', correction('whoIsMyAdmin', 'enterprise')],
  [RATE_ADMIN, 'nl', 'we hebben maar 8 medewerkers', correction('whoIsMyAdmin', 'smallBusiness')],
  [RATE_ADMIN, 'nl', "ik ben zzp'er", correction('whoIsMyAdmin', 'smallBusiness')],
  [RATE_SIGNUP, 'nl', "ik ben zzp'er", correction('signup', 'noWorkAddress')],
  [RATE_SIGNUP, 'nl', 'maar ik heb geen werkmail', correction('signup', 'noWorkAddress')],
  [RATE_ADMIN, 'nl', 'mijn meldingen', command('myTickets')],
  [RATE_ADMIN, 'nl', 'annuleer', command('cancel')],
  [RATE_ADMIN, 'nl', 'hulp', command('help')],
  [RATE_ADMIN, 'nl', 'English please', switchTo('en')],
  [RATE_SIGNUP, 'nl', 'wie is mijn beheerder?', topic('whoIsMyAdmin')],
  [RATE_ADMIN, 'nl', 'ik wil een mens spreken', topic('escalate')],
  [RATE_TAKEOVER, 'nl', 'mag ik het TXT-record daarna verwijderen?', fact('takeover')],

  // ---------------------------------------------------------------- a takeover waits at DNS or at Microsoft
  [TAKEOVER, 'nl', 'hoe staat t met mn overname?', command('verify')],
  [TAKEOVER, 'en', 'ok I clicked verify in the wizard and it says the domain is verified now', command('finished')],
  [TAKEOVER, 'en', 'yes', YES],
  [TAKEOVER, 'en', 'no', NO],
  [TAKEOVER, 'en', 'check', command('verify')],
  [TAKEOVER, 'en', 'check again please', command('verify')],
  [TAKEOVER, 'en', 'is it there yet?', command('verify')],
  [TAKEOVER, 'en', 'i added it, check again pls', command('verify')],
  [TAKEOVER, 'en', 'I added the TXT record, can you check?', command('verify')],
  [TAKEOVER, 'en', 'done', command('finished')],
  [TAKEOVER, 'en', "i'm done", command('finished')],
  [TAKEOVER, 'en', 'verified', command('finished')],
  [TAKEOVER, 'en', 'cancel', command('cancel')],
  [TAKEOVER, 'en', 'cancel the takeover', command('cancel')],
  [TAKEOVER, 'en', 'how long does DNS take?', fact('takeover')],
  [TAKEOVER, 'en', 'can I delete the TXT record after?', { kind: 'fact', fact: 'txtRecordRemoval', topic: 'takeover' }],
  [TAKEOVER, 'en', "the become the admin wizard doesn't show up", fact('takeover')],
  [TAKEOVER, 'en', 'MS=ms12345678', TXT_VALUE],
  [TAKEOVER, 'en', 'my tickets', command('myTickets')],
  [TAKEOVER, 'en', 'who is my admin?', topic('whoIsMyAdmin')],
  [TAKEOVER, 'en', 'huh?', CONFUSED],
  [TAKEOVER, 'en', 'thx', THANKS],
  [TAKEOVER, 'nl', 'hoe staat het met mijn overname', command('verify')],
  [TAKEOVER, 'nl', 'controleer', command('verify')],
  [TAKEOVER, 'nl', 'ik heb het record toegevoegd', command('verify')],
  [TAKEOVER, 'nl', 'ik heb het toegevoegd, kijk maar of het klopt', command('verify')],
  [TAKEOVER, 'nl', 'staat hij er al?', command('verify')],
  [TAKEOVER, 'nl', 'nu moet hij er staan', command('verify')],
  [TAKEOVER, 'nl', 'klaar', command('finished')],
  [TAKEOVER, 'nl', 'ik heb op verifiëren geklikt', command('finished')],
  [TAKEOVER, 'nl', 'het is geverifieerd', command('finished')],
  [TAKEOVER, 'nl', 'microsoft zegt geverifieerd, klaar', command('finished')],
  [TAKEOVER, 'nl', 'ja', YES],
  [TAKEOVER, 'nl', 'nee', NO],
  [TAKEOVER, 'nl', 'annuleer de overname', command('cancel')],
  [TAKEOVER, 'nl', 'laat maar', command('cancel')],
  [TAKEOVER, 'nl', 'hoe lang duurt het voordat de DNS is bijgewerkt?', fact('takeover')],
  [TAKEOVER, 'nl', 'mag ik het txt record weer verwijderen?', fact('takeover')],
  [TAKEOVER, 'nl', 'bedankt', THANKS],
  [TAKEOVER, 'nl', 'wat bedoel je?', CONFUSED],
  [TAKEOVER, 'nl', 'MS=ms87654321', { kind: 'txtValue', reading: { value: 'MS=ms87654321' } }],

  // ---------------------------------------------------------------- the TXT value card
  [TXT, 'en', 'do i put this in the SPF record?', fact('takeover')],
  [TXT, 'en', 'should I replace my spf record with this value?', fact('takeover')],
  [TXT, 'en', 'is this the same as SPF?', fact('takeover')],
  [TXT, 'en', 'MS=ms12345678', TXT_VALUE],
  [TXT, 'en', 'check dns', command('verify')],
  [TXT, 'nl', 'controleer de dns maar', command('verify')],
  [TXT, 'en', 'here it is: MS=ms12345678', TXT_VALUE],
  [TXT, 'en', 'the value is MS=ms12345678', TXT_VALUE],
  [TXT, 'en', '"MS=ms12345678"', TXT_VALUE],
  [TXT, 'en', '@ 3600 IN TXT "MS=ms12345678"', TXT_VALUE],
  [TXT, 'en', 'ms12345678', { kind: 'txtValue', reading: { problem: 'noMsPrefix' } }],
  [TXT, 'en', '12345678', { kind: 'txtValue', reading: { problem: 'noMsPrefix' } }],
  [TXT, 'en', 'MS=ms1234567', { kind: 'txtValue', reading: { problem: 'wrongDigits' } }],
  [TXT, 'en', 'v=spf1 include:spf.protection.outlook.com -all', { kind: 'txtValue', reading: { problem: 'spfRecord' } }],
  [TXT, 'en', 'what is a TXT record?', fact('takeover')],
  [TXT, 'en', 'I added the record', command('verify')],
  [TXT, 'en', "i've added the txt record, please check", command('verify')],
  [TXT, 'en', 'done', command('finished')],
  [TXT, 'en', 'cancel', command('cancel')],
  [TXT, 'en', 'huh?', CONFUSED],
  [TXT, 'en', 'how long does DNS take?', fact('takeover')],
  [TXT, 'nl', 'moet ik dit in het SPF-record zetten?', fact('takeover')],
  [TXT, 'nl', 'is dit hetzelfde als SPF?', fact('takeover')],
  [TXT, 'nl', 'moet ik mijn spf record vervangen door deze waarde?', fact('takeover')],
  [TXT, 'nl', 'waar moet ik deze waarde invullen?', fact('takeover')],
  [TXT, 'nl', 'wat is een TXT-record?', fact('takeover')],
  [TXT, 'nl', 'hier is hij: MS=ms12345678', TXT_VALUE],
  [TXT, 'nl', 'ik heb het record toegevoegd', command('verify')],
  [TXT, 'nl', 'ik heb de txt record toegevoegd', command('verify')],
  [TXT, 'nl', 'klaar', command('finished')],
  [TXT, 'nl', 'annuleren', command('cancel')],
  [TXT, 'nl', 'laat maar', command('cancel')],
  // A stop that opens the message, then says why; a one-word stop needs a sign after it.
  [TXT, 'nl', 'stop maar, doe ik later wel', command('cancel')],
  [TXT, 'en', 'never mind, I will add it tomorrow', command('cancel')],
  [TICKET, 'nl', 'laat maar ik vraag het wel aan mn mentor', command('cancel')],
  [TICKET, 'nl', 'annuleer maar, ik bel wel', command('cancel')],
  [TICKET, 'en', "forget it i'll ask my manager", command('cancel')],
  [TICKET, 'en', "cancel, I'll do it later", command('cancel')],
  [TICKET, 'en', 'cancel my Power BI trial please', { kind: 'description', text: 'cancel my Power BI trial please' }],
  [TICKET, 'en', 'stop sign-ins from abroad', { kind: 'description', text: 'stop sign-ins from abroad' }],
  [TXT, 'en', "nah forget it, I'll deal with it monday", command('cancel')],
  [CONFIRM, 'en', "cancel that, I'll ask my boss first", command('cancel')],
  [TICKET, 'en', "no thanks, there's no IT department, that's the whole problem", NO],
  [TICKET, 'nl', 'nee bedankt, ik bel zelf wel', NO],
  [NOTHING, 'en', 'actually never mind, figured it out. withdraw my ticket', command('withdrawTicket')],
  [NOTHING, 'en', 'withdraw my ticket?', command('withdrawTicket')],
  // An address or domain typed again after an answer: that one, then.
  [RATE_SIGNUP, 'en', 'oh ok use tom@baxterplumbing.co.uk then', { kind: 'topic', topic: 'signup' }],
  [RATE_SIGNUP, 'nl', 'ok en met mn werkmail dan, jan@devriesadvies.nl', { kind: 'topic', topic: 'signup' }],
  [NOTHING, 'en', 'sarah@kellysflorist.com', { kind: 'topic', topic: 'signup' }],
  [RATE_TAKEOVER, 'en', 'oops typo, tailspintoys.com', { kind: 'topic', topic: 'takeover' }],
  [RATE_DOMAIN, 'nl', 'sorry, het is degroenetuin.nl', { kind: 'topic', topic: 'domainInUse' }],
  [NOTHING, 'en', 'my email is alex@contoso.com who is my admin', { kind: 'topic', topic: 'whoIsMyAdmin' }],
  // A licence question while a takeover waits is about the takeover's licences.
  [TXT, 'nl', 'moet ik dan ook licenties kopen voor die monteurs?', { kind: 'fact', fact: 'takeoverLicenses', topic: 'takeover' }],
  [TAKEOVER, 'en', 'do i need to buy licenses for them?', { kind: 'fact', fact: 'takeoverLicenses', topic: 'takeover' }],
  [NOTHING, 'en', 'do i need to buy licenses for them?', { kind: 'fact', fact: 'gettingLicense', topic: 'whoIsMyAdmin' }],
  // A card of options asks no yes-or-no question: what follows a "no" is what they want.
  [ORG_TYPE, 'en', 'no, i want to BECOME the admin', { kind: 'topic', topic: 'takeover' }],
  [ORG_TYPE, 'nl', 'nee ik wil zelf beheerder worden', { kind: 'topic', topic: 'takeover' }],
  [ORG_TYPE, 'en', 'no its a school', { kind: 'choice', value: 'school' }],
  // No whole address: nothing to sign up with.
  [NOTHING, 'en', 'cannot add new users @fabrikam.com', NOT_SURE],
  [NOTHING, 'nl', 'laat maar zitten, ik heb het al. trek mijn melding in', command('withdrawTicket')],
  [TXT, 'nl', 'hè?', CONFUSED],
  [TXT, 'nl', 'controleer het maar', command('verify')],

  // ---------------------------------------------------------------- the address card
  [ADDRESS, 'nl', 'jup', YES],
  [ADDRESS, 'nl', 'ja dat adres klopt', YES],
  [ADDRESS, 'en', 'sara@contoso.com', ADDRESS_GIVEN],
  [ADDRESS, 'en', 'yes', YES],
  [ADDRESS, 'en', 'yep', YES],
  [ADDRESS, 'en', "yes that's right", YES],
  [ADDRESS, 'en', "yes that's my address", YES],
  [ADDRESS, 'en', 'no, use jan@fabrikam.nl', ADDRESS_GIVEN],
  [ADDRESS, 'en', 'my email is sara.jansen@contoso.com', ADDRESS_GIVEN],
  [ADDRESS, 'en', 'sign me up for Power BI with sara@contoso.com', { kind: 'address', service: 'Power BI' }],
  [ADDRESS, 'en', "I don't have a work email", choice('noWorkAddress')],
  [ADDRESS, 'en', 'only gmail', choice('noWorkAddress')],
  [ADDRESS, 'en', 'nope', NO],
  [ADDRESS, 'en', 'cancel', command('cancel')],
  [ADDRESS, 'en', 'huh?', CONFUSED],
  [ADDRESS, 'en', 'my tickets', command('myTickets')],
  [ADDRESS, 'en', 'correct', YES],
  [ADDRESS, 'nl', 'klopt', YES],
  [ADDRESS, 'nl', 'ok doe maar', YES],
  [ADDRESS, 'nl', 'prima', YES],
  [ADDRESS, 'nl', 'ja hoor', YES],
  [ADDRESS, 'nl', 'nee', NO],
  [ADDRESS, 'nl', 'nee, het is piet@contoso.nl', ADDRESS_GIVEN],
  [ADDRESS, 'nl', 'ik heb geen werkadres', choice('noWorkAddress')],
  [ADDRESS, 'nl', 'alleen gmail', choice('noWorkAddress')],
  [ADDRESS, 'nl', 'laat maar', command('cancel')],
  [ADDRESS, 'nl', 'mijn meldingen', command('myTickets')],
  [ADDRESS, 'nl', 'hoe bedoel je?', CONFUSED],
  [NEW_ADDRESS, 'en', 'sara@contoso.com', ADDRESS_GIVEN],
  [NEW_ADDRESS, 'en', "it's jan.devries@fabrikam.nl", ADDRESS_GIVEN],
  [NEW_ADDRESS, 'en', 'sara@gmail.com', ADDRESS_GIVEN],
  [NEW_ADDRESS, 'en', "i don't have one", choice('noWorkAddress')],
  [NEW_ADDRESS, 'nl', 'mijn adres is piet@contoso.nl', ADDRESS_GIVEN],
  [NEW_ADDRESS, 'nl', 'heb ik niet', choice('noWorkAddress')],
  [NEW_ADDRESS, 'nl', 'annuleer maar', command('cancel')],

  // ---------------------------------------------------------------- the domain card
  [DOMAIN, 'en', 'contoso.com', { kind: 'domain', domain: { ok: true, value: 'contoso.com' } }],
  [DOMAIN, 'en', "it's contoso.nl", { kind: 'domain', domain: { ok: true, value: 'contoso.nl' } }],
  [DOMAIN, 'en', 'sara@contoso.com', { kind: 'domain', domain: { ok: true, value: 'contoso.com' } }],
  [DOMAIN, 'en', 'contoso', { kind: 'domain', domain: { ok: false, problem: 'noDot' } }],
  [DOMAIN, 'en', 'cancel', command('cancel')],
  [DOMAIN, 'en', 'who is my admin?', topic('whoIsMyAdmin')],
  [DOMAIN, 'nl', 'het gaat om fabrikam.nl', { kind: 'domain', domain: { ok: true, value: 'fabrikam.nl' } }],
  [DOMAIN, 'nl', 'annuleer maar', command('cancel')],
  [DOMAIN, 'nl', 'wie is mijn beheerder?', topic('whoIsMyAdmin')],
  [KNOWN_DOMAIN, 'en', 'yes', YES],
  [KNOWN_DOMAIN, 'en', 'yep', YES],
  [KNOWN_DOMAIN, 'nl', 'ja', YES],
  [KNOWN_DOMAIN, 'nl', 'klopt', YES],
  [KNOWN_DOMAIN, 'nl', 'nee, het is northwind.nl', { kind: 'domain', domain: { ok: true, value: 'northwind.nl' } }],

  // ---------------------------------------------------------------- the signup preview
  [CONFIRM, 'en', 'yes', YES],
  [CONFIRM, 'en', 'sign me up', YES],
  [CONFIRM, 'en', 'no', NO],
  [CONFIRM, 'en', 'nope', NO],
  [CONFIRM, 'en', 'another address', choice('otherAddress')],
  [CONFIRM, 'en', 'wrong address', choice('otherAddress')],
  [CONFIRM, 'en', 'oops, I meant sara@fabrikam.com', ADDRESS_GIVEN],
  [CONFIRM, 'en', 'oops, I meant northwindtraders.com', { kind: 'domain', domain: { ok: true, value: 'northwindtraders.com' } }],
  [CONFIRM, 'en', 'cancel', command('cancel')],
  [CONFIRM, 'en', 'huh?', CONFUSED],
  [CONFIRM, 'nl', 'ja', YES],
  [CONFIRM, 'nl', 'jup', YES],
  [CONFIRM, 'nl', 'ja meld me aan', YES],
  [CONFIRM, 'nl', 'ok doe maar', YES],
  [CONFIRM, 'nl', 'nee toch maar niet', NO],
  [CONFIRM, 'nl', 'ander adres', choice('otherAddress')],
  [CONFIRM, 'nl', 'laat maar', command('cancel')],
  [CONFIRM, 'nl', 'wat bedoel je?', CONFUSED],
  [SUGGESTED, 'en', 'yes', { kind: 'domain', domain: { ok: true, value: 'contoso.com' } }],
  [SUGGESTED, 'en', 'yes that one, gmail', { kind: 'domain', domain: { ok: true, value: 'contoso.com' } }],
  [SUGGESTED, 'en', 'no', NO],
  [SUGGESTED, 'en', 'another address', choice('otherAddress')],
  [SUGGESTED, 'nl', 'ja', { kind: 'domain', domain: { ok: true, value: 'contoso.com' } }],
  [SUGGESTED, 'nl', 'ja dat bedoelde ik', { kind: 'domain', domain: { ok: true, value: 'contoso.com' } }],
  [SUGGESTED, 'nl', 'nee', NO],

  // ---------------------------------------------------------------- the ticket card
  [TICKET, 'nl', 'verstuur maar', YES],
  [TICKET, 'nl', 'nee toch maar niet', NO],
  [TICKET, 'en', 'my Power BI says IT turned off signup', DESCRIPTION],
  // A question of fact is answered while the ticket card waits (new users, in both languages).
  [TICKET, 'en', 'whats the ttl for the txt record', fact('takeover')],
  [TICKET, 'nl', 'wat is een onbeheerde organisatie', fact('signup')],
  [NOTHING, 'en', 'how long is the ttl supposed to be', fact('takeover')],
  [NOTHING, 'en', 'withdraw it', command('withdrawTicket')],
  [NOTHING, 'en', 'delete my ticket', command('withdrawTicket')],
  [NOTHING, 'nl', 'verwijder mijn melding', command('withdrawTicket')],
  [NOTHING, 'nl', 'trek hem in', command('withdrawTicket')],
  [TICKET, 'en', 'huh?', CONFUSED],
  [TICKET, 'en', 'send it', YES],
  [TICKET, 'en', 'yes send it', YES],
  [TICKET, 'en', 'yes', YES],
  [TICKET, 'en', 'yep', YES],
  [TICKET, 'en', 'ok', YES],
  [TICKET, 'en', 'no', NO],
  [TICKET, 'en', 'nope', NO],
  [TICKET, 'en', "don't send it", NO],
  [TICKET, 'en', 'cancel', command('cancel')],
  [TICKET, 'en', 'my tickets', command('myTickets')],
  [TICKET, 'en', "I can't sign in to Outlook and my password reset doesn't work", DESCRIPTION],
  [TICKET, 'en', 'the admin center says my domain is already in use', DESCRIPTION],
  [TICKET, 'en', 'how long does DNS take?', fact('takeover')],
  [TICKET, 'en', 'what do you mean?', CONFUSED],
  [TICKET, 'nl', 'ja', YES],
  [TICKET, 'nl', 'jup', YES],
  [TICKET, 'nl', 'klopt', YES],
  [TICKET, 'nl', 'ja verstuur', YES],
  [TICKET, 'nl', 'stuur maar op', YES],
  [TICKET, 'nl', 'ok doe maar', YES],
  [TICKET, 'nl', 'nee', NO],
  [TICKET, 'nl', 'niet versturen', NO],
  [TICKET, 'nl', 'laat maar', command('cancel')],
  [TICKET, 'nl', 'annuleer maar', command('cancel')],
  [TICKET, 'nl', 'mijn meldingen', command('myTickets')],
  [TICKET, 'nl', 'mijn OneDrive synchroniseert niet meer sinds gisteren', DESCRIPTION],
  [TICKET, 'nl', 'ik kan niet inloggen op Teams', DESCRIPTION],
  [TICKET, 'nl', 'hoe lang duurt het voordat de DNS bijgewerkt is?', fact('takeover')],
  [TICKET, 'nl', 'wat bedoel je?', CONFUSED],
  [TICKET, 'nl', 'Nederlands graag', switchTo('nl')],

  // ---------------------------------------------------------------- the organization type card
  [ORG_TYPE, 'nl', 'klein bedrijf', choice('smallBusiness')],
  [ORG_TYPE, 'en', "we're a school", choice('school')],
  [ORG_TYPE, 'en', '2', choice('enterprise')],
  [ORG_TYPE, 'nl', 'de tweede', choice('enterprise')],
  [ORG_TYPE, 'en', 'we have about 5000 employees', choice('enterprise')],
  [ORG_TYPE, 'en', "we're a small company", choice('smallBusiness')],
  [ORG_TYPE, 'en', 'school', choice('school')],
  [ORG_TYPE, 'en', 'university', choice('school')],
  [ORG_TYPE, 'en', 'small business', choice('smallBusiness')],
  [ORG_TYPE, 'en', 'large company', choice('enterprise')],
  [ORG_TYPE, 'en', 'the first one', choice('school')],
  [ORG_TYPE, 'en', '3', choice('smallBusiness')],
  [ORG_TYPE, 'en', 'not sure', choice('unknown')],
  [ORG_TYPE, 'en', 'we are a bank', choice('enterprise')],
  [ORG_TYPE, 'en', "we're a big multinational with 20,000 people", choice('enterprise')],
  [ORG_TYPE, 'en', "we're a primary school", choice('school')],
  [ORG_TYPE, 'en', 'a school with about 2000 students', choice('school')],
  [ORG_TYPE, 'en', 'just me, I am a freelancer', choice('smallBusiness')],
  [ORG_TYPE, 'en', 'asdf', NOT_SURE],
  [ORG_TYPE, 'en', 'qwerty', NOT_SURE],
  [ORG_TYPE, 'en', 'cancel', command('cancel')],
  [ORG_TYPE, 'en', 'huh?', CONFUSED],
  [ORG_TYPE, 'en', 'what do you mean?', CONFUSED],
  [ORG_TYPE, 'en', 'my tickets', command('myTickets')],
  [ORG_TYPE, 'en', 'how long does DNS take?', fact('takeover')],
  [ORG_TYPE, 'en', 'I want to sign up for Power BI', topic('signup')],
  [ORG_TYPE, 'en', 'English please', switchTo('en')],
  [ORG_TYPE, 'nl', 'geen idee', choice('unknown')],
  [ORG_TYPE, 'nl', 'weet ik niet', choice('unknown')],
  [ORG_TYPE, 'nl', 'we zijn een gemeente', choice('enterprise')],
  [ORG_TYPE, 'nl', 'ziekenhuis', choice('enterprise')],
  [ORG_TYPE, 'nl', 'basisschool', choice('school')],
  [ORG_TYPE, 'nl', 'middelbare school', choice('school')],
  [ORG_TYPE, 'nl', 'we hebben 12 medewerkers', choice('smallBusiness')],
  [ORG_TYPE, 'nl', 'een klein bedrijfje met 5 man', choice('smallBusiness')],
  [ORG_TYPE, 'nl', 'eenmanszaak', choice('smallBusiness')],
  [ORG_TYPE, 'nl', 'mkb', choice('smallBusiness')],
  [ORG_TYPE, 'nl', 'overheid', choice('enterprise')],
  [ORG_TYPE, 'nl', 'de eerste', choice('school')],
  [ORG_TYPE, 'nl', 'twee', choice('enterprise')],
  [ORG_TYPE, 'nl', 'anders', choice('unknown')],
  [ORG_TYPE, 'nl', 'we zijn een groot bedrijf met zo’n 3.000 medewerkers', choice('enterprise')],
  [ORG_TYPE, 'nl', 'laat maar', command('cancel')],
  [ORG_TYPE, 'nl', 'annuleer maar', command('cancel')],
  [ORG_TYPE, 'nl', 'hoe bedoel je', CONFUSED],
  [ORG_TYPE, 'nl', 'mijn meldingen', command('myTickets')],
  [ORG_TYPE, 'nl', 'ik wil me aanmelden voor Power BI', topic('signup')],
  [ORG_TYPE, 'nl', 'hoe lang duurt het voordat de DNS is bijgewerkt?', fact('takeover')],
  [ORG_TYPE, 'nl', 'asdf', NOT_SURE],

  // ---------------------------------------------------------------- internal or external takeover (a strict card)
  [TAKEOVER_KIND, 'en', 'become its admin', choice('internal')],
  [TAKEOVER_KIND, 'en', 'who is my admin', topic('whoIsMyAdmin')],
  [TAKEOVER_KIND, 'en', 'internal', choice('internal')],
  [TAKEOVER_KIND, 'en', 'external', choice('external')],
  [TAKEOVER_KIND, 'en', 'become the admin', choice('internal')],
  [TAKEOVER_KIND, 'en', 'move the domain', choice('external')],
  [TAKEOVER_KIND, 'en', 'the second one', choice('external')],
  [TAKEOVER_KIND, 'en', 'I want to become the admin', choice('internal')],
  [TAKEOVER_KIND, 'en', 'asdf', NOT_SURE],
  [TAKEOVER_KIND, 'en', 'cancel', command('cancel')],
  [TAKEOVER_KIND, 'en', 'huh?', CONFUSED],
  [TAKEOVER_KIND, 'nl', 'beheerder worden', choice('internal')],
  [TAKEOVER_KIND, 'nl', 'intern', choice('internal')],
  [TAKEOVER_KIND, 'nl', 'extern', choice('external')],
  [TAKEOVER_KIND, 'nl', 'verplaatsen', choice('external')],
  [TAKEOVER_KIND, 'nl', 'maak mij beheerder', choice('internal')],
  [TAKEOVER_KIND, 'nl', 'de eerste', choice('internal')],
  [TAKEOVER_KIND, 'nl', 'ik wil beheerder worden', choice('internal')],
  [TAKEOVER_KIND, 'nl', 'wie is mijn beheerder?', topic('whoIsMyAdmin')],
  [TAKEOVER_KIND, 'nl', 'annuleer', command('cancel')],
  [TAKEOVER_KIND, 'nl', 'laat maar', command('cancel')],
  [TAKEOVER_KIND, 'nl', 'hè?', CONFUSED],

  // ---------------------------------------------------------------- nothing waits: a first message
  [NOTHING, 'en', 'help', command('help')],
  [NOTHING, 'en', 'what can you do?', command('help')],
  [NOTHING, 'en', 'hi bot, can you help me?', command('help')],
  [NOTHING, 'nl', 'ik kan me niet meer aanmelden bij Outlook, mijn account is geblokkeerd', topic('whoIsMyAdmin')],
  [NOTHING, 'nl', 'aanmelden lukt niet, hij blijft om mijn wachtwoord vragen', topic('whoIsMyAdmin')],
  [NOTHING, 'nl', 'ik kan niet inloggen', topic('whoIsMyAdmin')],
  [NOTHING, 'nl', 'aanmelden voor Power BI', topic('signup')],
  [NOTHING, 'nl', "ik krijg steeds 'uw domein is al in gebruik' als ik me wil aanmelden, wat betekent dat", topic('domainInUse')],
  [NOTHING, 'en', "I'm a student, who do I contact to reset my school Microsoft 365 password?", topic('whoIsMyAdmin')],
  [NOTHING, 'nl', 'kun je in het Nederlands antwoorden?', switchTo('nl')],
  [NOTHING, 'en', 'kun je in het Nederlands antwoorden?', switchTo('nl')],
  [NOTHING, 'en', 'Nederlands graag', switchTo('nl')],
  [NOTHING, 'nl', 'English please', switchTo('en')],
  [NOTHING, 'en', 'qui est mon administrateur ?', { kind: 'otherLanguage' }],
  [NOTHING, 'en', 'wer ist mein Administrator?', { kind: 'otherLanguage' }],
  [NOTHING, 'en', '¿quién es mi administrador?', { kind: 'otherLanguage' }],
  [NOTHING, 'en', 'Dutch please', switchTo('nl')],
  [NOTHING, 'nl', 'in het Engels graag', switchTo('en')],
  [NOTHING, 'nl', 'nederlands', switchTo('nl')],
  [NOTHING, 'en', 'menu', command('help')],
  [NOTHING, 'nl', 'hulp', command('help')],
  [NOTHING, 'nl', 'wat kun je?', command('help')],
  [NOTHING, 'nl', 'kun je me helpen?', command('help')],
  [NOTHING, 'en', 'hi', topic('greeting')],
  [NOTHING, 'nl', 'hallo', topic('greeting')],
  [NOTHING, 'nl', 'goedemorgen', topic('greeting')],
  [NOTHING, 'en', 'who is my admin?', topic('whoIsMyAdmin')],
  [NOTHING, 'nl', 'wie is mijn beheerder?', topic('whoIsMyAdmin')],
  [NOTHING, 'en', 'I forgot my password', topic('whoIsMyAdmin')],
  [NOTHING, 'en', "I can't log in to Outlook, my account is locked", topic('whoIsMyAdmin')],
  [NOTHING, 'nl', 'ik ben mijn wachtwoord vergeten', topic('whoIsMyAdmin')],
  [NOTHING, 'en', 'am I an admin?', topic('amIAdmin')],
  [NOTHING, 'nl', 'ben ik beheerder?', topic('amIAdmin')],
  [NOTHING, 'en', 'how do I sign up for Power BI?', topic('signup')],
  [NOTHING, 'nl', 'hoe meld ik me aan voor Power BI?', topic('signup')],
  [NOTHING, 'nl', 'ik wil me aanmelden voor een gratis proefversie van Power BI', topic('signup')],
  [NOTHING, 'en', 'my domain is already in use', topic('domainInUse')],
  [NOTHING, 'nl', 'mijn domein is al in gebruik', topic('domainInUse')],
  [NOTHING, 'en', "I'm trying to sign up for Power BI but it says my domain is already in use", topic('domainInUse')],
  [NOTHING, 'en', 'how do I take over an unmanaged tenant?', topic('takeover')],
  [NOTHING, 'nl', 'hoe neem ik een onbeheerde tenant over?', topic('takeover')],
  [NOTHING, 'en', 'I want to talk to a person', topic('escalate')],
  [NOTHING, 'nl', 'ik wil iemand spreken', topic('escalate')],
  [NOTHING, 'en', 'can I delete the TXT record after the takeover?', fact('takeover')],
  [NOTHING, 'en', 'my tickets', command('myTickets')],
  [NOTHING, 'nl', 'mijn meldingen', command('myTickets')],
  [NOTHING, 'en', 'any news on my ticket?', command('myTickets')],
  [NOTHING, 'nl', 'is er al nieuws over mijn melding?', command('myTickets')],
  [NOTHING, 'en', 'thanks', THANKS],
  [NOTHING, 'en', 'thx', THANKS],
  [NOTHING, 'nl', 'bedankt', THANKS],
  [NOTHING, 'en', 'bye', THANKS],
  [NOTHING, 'nl', 'doei', THANKS],
  [NOTHING, 'nl', 'top, dankjewel!', THANKS],
  [NOTHING, 'nl', 'statistieken', command('stats')],
  [NOTHING, 'en', 'use this channel for tickets', command('useChannel')],
  [NOTHING, 'nl', 'gebruik dit kanaal voor tickets', command('useChannel')],
  [NOTHING, 'en', 'asdfghjkl', NOT_SURE],
  [NOTHING, 'nl', 'hoe laat gaat de kantine open', NOT_SURE],
  [NOTHING, 'en', 'huh?', CONFUSED],
  [NOTHING, 'nl', 'hè?', CONFUSED],

  // ---------------------------------------------------------------- more sloppy replies, as people type them
  [ADDRESS, 'nl', 'jep dat is hem', YES],
  [ADDRESS, 'nl', 'ja, klopt', YES],
  [ADDRESS, 'en', 'yup thats me', YES],
  [ADDRESS, 'en', 'yes, use that one', YES],
  [TICKET, 'nl', 'ja hoor, stuur maar', YES],
  [TICKET, 'nl', 'jup verstuur maar', YES],
  [TICKET, 'nl', 'nee hoeft niet', NO],
  [TICKET, 'en', 'yes please send it', YES],
  [TAKEOVER, 'nl', 'heb m toegevoegd, check nog es', command('verify')],
  [TAKEOVER, 'nl', 'ik heb m erin gezet', command('verify')],
  [TAKEOVER, 'en', 'ok its added now', command('verify')],
  [TAKEOVER, 'en', 'record is in, pls check', command('verify')],
  [TAKEOVER, 'en', 'all done in the wizard', command('finished')],
  [TXT, 'en', 'where do I paste this value?', fact('takeover')],
  [ORG_TYPE, 'en', 'uhh small i guess', choice('smallBusiness')],
  [ORG_TYPE, 'en', 'a big one', choice('enterprise')],
  [ORG_TYPE, 'nl', 'een grote organisatie', choice('enterprise')],
  [RATE_ADMIN, 'nl', 'nee, hij is op vakantie', NOT_HELPED],
  [RATE_ADMIN, 'en', 'nope, he left the company last year', NOT_HELPED],
  [RATE_SIGNUP, 'nl', 'thx', HELPED],
  [RATE_ADMIN, 'nl', 'jup dat was het', HELPED],
  [RATE_ADMIN, 'nl', 'ja top', HELPED],
  [CONFIRM, 'en', 'yes do it', YES],
  [CONFIRM, 'nl', 'jazeker', YES],
  [NOTHING, 'nl', 'ik kan niet inloggen op mijn mail', topic('whoIsMyAdmin')],
  [NOTHING, 'en', 'I cant sign in to Teams', topic('whoIsMyAdmin')],
  [NOTHING, 'nl', 'mijn wachtwoord werkt niet meer', topic('whoIsMyAdmin')],
];

const understanding = new Understanding(await sharedRecognizer());

describe('replies typed while the bot waits', () => {
  it('has at least 280 rows, 110 of them Dutch', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(280);
    expect(ROWS.filter(([, language]) => language === 'nl').length).toBeGreaterThanOrEqual(110);
  });

  it.each(ROWS.map(([waiting, language, text, expected]) => [language, nameOf(waiting), text, expected, waiting] as const))(
    '%s, waiting for %s: "%s"',
    async (language, _name, text, expected, waiting) => {
      const flow = flowOf(waiting);
      const decision = await understanding.understand(text, { language, waiting, ...(flow ? { flow } : {}) });
      expect(decision).toMatchObject(expected);
    },
  );
});

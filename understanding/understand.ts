/**
 * The one place that decides what a typed message means: `understand(text, language, what the bot waits for)`
 * returns one Decision (see decision.ts) for the router and the waiting card.
 * @remarks The order is the order of certainty. A value the card asked for (an address, a TXT value) is
 * unmistakable; a listed phrase ("cancel", "jup", "top, dankjewel!") is exact; a phrase inside a short message
 * ("i added it, check again pls") or a cue ("nee dat helpt me niet, Jeroen is er niet") is nearly so; only then
 * does the intent model guess a topic, with its confidence. What the bot waits for decides what the same words
 * mean: "yes" confirms a signup, sends a ticket or rates an answer; "small company" answers the organization
 * type card, or corrects an answer that assumed another type.
 */
import { orgTypeFromHeadCount } from '../services/models/organization.js';
import { cloudNamedIn } from './cloudNamed.js';
import { orgTypeNamedIn } from './orgTypeNamed.js';
import { adminTopic } from './adminTopic.js';
import { findService } from '../services/models/selfServiceServices.js';
import { findDomain, findEmailAddress, parseDomain, type DomainProblem, type Parsed } from '../services/signup/emailAddress.js';
import type { Intent, Language } from '../services/models/intent.js';
import { CueList } from './cues.js';
import { topicDecision, type Decision, type Entities, type Waiting } from './decision.js';
import { allPhrases, CHOICE_SETS, COMMANDS, containsPhrase, normalizeWords, phraseSet, understandingFile, type ChoiceSet, type Command } from './phrases.js';
import type { IntentRecognizer, Recognition } from './recognition.js';
import { languageOfText } from './textLanguage.js';
import { cueAgrees } from './topicRecognizer.js';
import { readTxtValue } from './txtValue.js';
import { NOT_HELPED_CUES } from './ownQuestion.js';
import { LANGUAGES } from '../services/models/intent.js';

export interface Context {
  /** The language the turn is answered in (the model classifies in it first). */
  language: Language;
  waiting: Waiting;
  /** The topic of the flow that waits, if any: a long message about another topic leaves it. */
  flow?: Intent;
}

/** Up to this length a message may be one listed phrase ("thank you very much for your help"). */
const MAX_PHRASE_CHARS = 60;
/** Up to this many words, a message that opens with "yes" or "no" is that answer ("ja dat adres klopt"). */
const MAX_YES_NO_WORDS = 8;
/** Up to this many words, an address or domain typed after an answer says "this one, then" (typedAgain). */
const MAX_TYPED_AGAIN_WORDS = 10;
/** Up to this length, a phrase inside a message names a command ("i added it, check again pls"). */
const MAX_COMMAND_INSIDE = 80;
/** A takeover's step reported in a longer message ("ok I clicked verify in the wizard and it says verified"). */
const MAX_TAKEOVER_STEP_INSIDE = 200;
/** Up to this length, a message that asks about a ticket's progress asks only that. */
const MAX_TICKET_STATUS = 120;
/** Up to this length, a complaint ("that didn't help, I still get the error") rates the answer. */
const MAX_RATING = 160;
/** More words than an answer to a card's question usually has: a sure reading of another topic wins then. */
const LONG_MESSAGE_WORDS = 12;
/** How sure the model must be that a long message at a waiting card asks about another topic. */
const SURE_OF_NEW_TOPIC = 0.85;
/** Up to this many words, a message naming an organization type after an answer corrects that answer. */
const MAX_CORRECTION_WORDS = 20;

const YES = phraseSet((file) => file.yes);
const NO = phraseSet((file) => file.no);
const HELPED = phraseSet((file) => file.helped);
const NOT_HELPED = phraseSet((file) => file.notHelped);
const CONFUSED = phraseSet((file) => file.confused);
const CONFUSED_CUES = new CueList(allLanguages((file) => file.confusedCues));
const THANKS = phraseSet((file) => file.thanks);
const QUESTION_STARTS = phraseSet((file) => file.questionStarts);
const CORRECTION_STARTS = allPhrases((file) => file.correctionStarts);
const TICKET_NOUNS = allPhrases((file) => file.ticketStatus.nouns);
const TICKET_PROGRESS = allPhrases((file) => file.ticketStatus.progress);
const FILLER = phraseSet((file) => file.fillerWords);
/** The whole message is a command: a phrase of `commands`, or one of `commandsInside` said alone ("withdraw my ticket?"). */
const COMMAND_PHRASES: ReadonlyMap<string, Command> = new Map(
  COMMANDS.flatMap((command) => allPhrases((file) => [...file.commands[command], ...(file.commandsInside[command] ?? [])]).map((phrase) => [phrase, command] as const)),
);
const COMMANDS_INSIDE: readonly (readonly [string, Command])[] = COMMANDS.flatMap((command) => allPhrases((file) => file.commandsInside[command]).map((phrase) => [phrase, command] as const));
const SWITCH_TO: readonly (readonly [string, Language])[] = LANGUAGES.flatMap((language) => allPhrases((file) => file.switchTo[language]).map((phrase) => [phrase, language] as const));
const NO_WORK_ADDRESS = allPhrases((file) => file.choices.noWorkAddress);
const NO_WORK_ADDRESS_CUES = new CueList(allLanguages((file) => file.noWorkAddressCues));
const TAKEOVER_STEP_CUES: readonly (readonly [CueList, Command])[] = [
  [new CueList(allLanguages((file) => file.takeoverStepCues.finished)), 'finished'],
  [new CueList(allLanguages((file) => file.takeoverStepCues.verify)), 'verify'],
];
const CHECK_REQUEST = new CueList(allLanguages((file) => file.takeoverStepCues.checkRequest));
const TOPIC_CUES: readonly (readonly [Intent, CueList, CueList])[] = (['domainInUse', 'whoIsMyAdmin'] as const).map(
  (topic) => [topic, new CueList(allLanguages((file) => file.topicCues[topic]?.cues ?? [])), new CueList(allLanguages((file) => file.topicCues[topic]?.except ?? []))] as const,
);
const OTHER_ADDRESS = allPhrases((file) => file.choices.otherAddress);
/** Position words per option index ("the second one"); digits are read as numbers. */
const POSITIONS: readonly (readonly string[])[] = (() => {
  const positions: string[][] = [];
  for (const language of LANGUAGES) understandingFile(language).positions.forEach((words, index) => (positions[index] = [...(positions[index] ?? []), ...words.map(normalizeWords)]));
  return positions;
})();

function allLanguages(pick: (file: ReturnType<typeof understandingFile>) => readonly string[]): string[] {
  return LANGUAGES.flatMap((language) => pick(understandingFile(language)));
}

export class Understanding {
  constructor(private readonly recognizer: IntentRecognizer) {}

  /** What the text means, given what the bot waits for. */
  async understand(text: string | undefined, { language, waiting, flow }: Context): Promise<Decision> {
    const raw = text?.trim() ?? '';
    if (!raw) return { kind: 'empty' };
    const said = normalizeWords(raw);
    const words = said ? said.split(' ') : [];
    const question = looksLikeQuestion(raw, words);

    const switchTo = languageAskedFor(said, words);
    if (switchTo) return { kind: 'switchLanguage', language: switchTo };

    // 1. The value the card asked for: nothing else looks like it.
    const value = readValue(raw, waiting);
    const long = words.length > LONG_MESSAGE_WORDS;
    // A long message may give a value in passing while asking about something else: a sure other topic wins.
    if (value && !long) return value;

    // 2. A listed phrase, the whole message.
    const exact = raw.length <= MAX_PHRASE_CHARS ? exactPhrase(said, waiting) : undefined;
    if (exact) return exact;

    // 3. A takeover's next step in the user's words, while the takeover waits ("ok its added now", "all done in the wizard").
    const step = takeoverStep(raw, waiting, question);
    if (step) return step;
    // Only thanks and "that helped", in clauses ("opgelost, bedankt").
    const pleased = pleasedClauses(raw, waiting);
    if (pleased) return pleased;
    // A complaint about the answer, however worded ("dat hielp niet, ik krijg echt die foutmelding"). With nothing
    // asked, "dit helpt niet, maak een melding" is a request of its own: the model reads it.
    if (waiting.kind !== 'nothing' && !question && raw.length <= MAX_RATING && NOT_HELPED_CUES.matches(raw)) {
      return waiting.kind === 'ticketDescription' ? { kind: 'description', text: raw } : { kind: 'rating', helpful: false };
    }
    // A stop that opens the message ("nah forget it, I'll do it monday"), then a yes or a no ("ja dat adres klopt",
    // "nee toch maar niet").
    const stop = !question && waiting.kind !== 'nothing' && words.length <= MAX_YES_NO_WORDS + 4 ? openingStop(raw, words, waiting) : undefined;
    if (stop) return stop;
    const opening = !question && words.length <= MAX_YES_NO_WORDS ? openingYesOrNo(words, waiting) : undefined;
    if (opening) return opening;
    const choice = readChoice(raw, said, waiting);
    if (choice && !long) return choice;

    // 4. A phrase inside the message, or a cue of confusion or a correction.
    const inside = commandInside(raw, said, question, waiting);
    if (inside) return inside;
    if (!question && words.length <= LONG_MESSAGE_WORDS && CONFUSED_CUES.matches(raw)) return confusedAt(waiting);
    const correction = readCorrection(raw, said, words, question, waiting);
    if (correction) return correction;

    // 5. A language the bot does not speak, cues of a topic, then the model.
    const written = languageOfText(raw);
    if (written.kind === 'other' && !value && !choice) return { kind: 'otherLanguage', code: written.code };
    const recognition = duringTakeover(await this.recognizer.recognize(raw, language), waiting, flow);
    // A specific question (a fact) is surer still: "can I remove the TXT record once the domain is verified?".
    const cued = !recognition.fact && (waiting.kind === 'nothing' || waiting.kind === 'rating') ? topicByCue(raw) : undefined;
    // Cue words may co-occur by chance or in passing: the cue counts when the classifier agrees (see cueAgrees).
    if (cued && cueAgrees(cued, words.length, recognition.ranked)) return { kind: 'topic', topic: cued, confidence: 1, entities: entitiesOf(raw) };
    const answer = value ?? choice;
    if (answer) return isSureOtherTopic(recognition, flow) ? topicDecision(recognition, entitiesOf(raw)) : answer;
    const again = !question && words.length <= MAX_TYPED_AGAIN_WORDS ? typedAgain(raw, waiting, recognition) : undefined;
    if (again) return again;
    return this.fromModel(raw, recognition, waiting, flow, question);
  }

  private fromModel(raw: string, recognition: Recognition, waiting: Waiting, flow: Intent | undefined, question: boolean): Decision {
    switch (waiting.kind) {
      case 'ticketDescription':
        // What the user types here describes their problem, even when it names a topic; a question of fact is answered.
        return question && recognition.fact ? topicDecision(recognition, {}) : { kind: 'description', text: raw };
      case 'signupConfirmation':
        // The last step before something is recorded: only a question of fact is answered; the card waits.
        return question && recognition.fact ? topicDecision(recognition, {}) : { kind: 'notSure', likeliest: [] };
      default: {
        const decision = topicDecision(recognition, entitiesOf(raw));
        // At a card, a long message is its answer unless it surely asks about another topic.
        if (decision.kind === 'topic' && waiting.kind !== 'nothing' && waiting.kind !== 'rating' && waiting.kind !== 'takeover' && raw.split(/\s+/).length > LONG_MESSAGE_WORDS && !isSureOtherTopic(recognition, flow)) {
          return { kind: 'notSure', likeliest: [decision.topic] };
        }
        return decision;
      }
    }
  }
}

/** A question mark, or a first word that starts a question: "can I delete the TXT record afterwards". */
export function looksLikeQuestion(raw: string, words: readonly string[]): boolean {
  return raw.includes('?') || QUESTION_STARTS.has(words[0] ?? '');
}

/** "Nederlands graag", "can you answer in English?": the language a short message asks for. */
export function askedLanguage(text: string): Language | undefined {
  const said = normalizeWords(text);
  return languageAskedFor(said, said ? said.split(' ') : []);
}

function languageAskedFor(said: string, words: readonly string[]): Language | undefined {
  if (words.length > 8) return undefined;
  return SWITCH_TO.find(([phrase]) => said === phrase)?.[1] ?? (words.length > 1 ? SWITCH_TO.find(([phrase]) => phrase.includes(' ') && containsPhrase(said, phrase))?.[1] : undefined);
}

/** The address, domain or TXT value the card waits for, found in the text. */
function readValue(raw: string, waiting: Waiting): Decision | undefined {
  switch (waiting.kind) {
    case 'address':
    case 'signupConfirmation': {
      const address = findEmailAddress(raw);
      if (address) return { kind: 'address', address, ...serviceOf(raw) };
      // "oops, I meant northwindtraders.com" at the preview: the same person at another domain.
      const domain = waiting.kind === 'signupConfirmation' ? findDomain(raw) : undefined;
      return domain ? { kind: 'domain', domain: { ok: true, value: domain } } : undefined;
    }
    case 'domain': {
      const domain = typedDomain(raw);
      return domain ? { kind: 'domain', domain } : undefined;
    }
    case 'txtValue':
    case 'takeover':
    case 'rating':
    case 'nothing': {
      const reading = readTxtValue(raw);
      // Pasted with no card asking for it ("Microsoft shows MS=ms…"): the open takeover's new value, if any; only a
      // value counts there, and not in a question ("what is MS=ms12345678?").
      if (waiting.kind !== 'txtValue') return 'value' in reading && !looksLikeQuestion(raw, normalizeWords(raw).split(' ')) ? { kind: 'txtValue', reading } : undefined;
      // A value, or a try at one with something to say about it (no MS=, an SPF record pasted, two values, one odd word).
      return 'value' in reading || (reading.problem !== 'notAValue' && reading.problem !== 'empty') || isOneWordTry(raw) ? { kind: 'txtValue', reading } : undefined;
    }
    default:
      return undefined;
  }
}

/** Longest word without spaces taken as a try at a TXT value ("ms12345678", "MS=ms1234"). */
const MAX_VALUE_TRY = 80;

/** One word that is no listed phrase ("yes", "check"): a try at a value. */
function isOneWordTry(raw: string): boolean {
  if (/\s/.test(raw) || raw.length > MAX_VALUE_TRY) return false;
  const said = normalizeWords(raw);
  return Boolean(said) && !YES.has(said) && !NO.has(said) && !COMMAND_PHRASES.has(said) && !THANKS.has(said) && !CONFUSED.has(said) && !HELPED.has(said) && !NOT_HELPED.has(said);
}

function serviceOf(raw: string): { service?: string } {
  const service = findService(raw)?.name;
  return service ? { service } : {};
}

/**
 * A domain typed in a sentence ("it's about contoso.com"), or, when the text is short and looks like a try at
 * one ("con toso.com", "contoso"), what is wrong with it. Anything else is no domain, so a new question typed at
 * the domain card is recognized as one.
 */
function typedDomain(raw: string): Parsed<string, DomainProblem> | undefined {
  const words = raw.split(/\s+/);
  // One word is a try at a domain ("contoso" lacks its dot), a web address or an email address, if it is made of
  // the characters those have and is no word of answer or command ("yes", "help").
  if (words.length === 1) {
    const said = normalizeWords(raw);
    if (YES.has(said) || NO.has(said) || COMMAND_PHRASES.has(said) || THANKS.has(said) || CONFUSED.has(said)) return undefined;
    return /^[\p{L}\p{N}.@:/?#=&%_~+-]+$/u.test(raw) ? domainOf(raw) : undefined;
  }
  const found = findDomain(raw);
  if (found && !isSplitDomain(words)) return { ok: true, value: found };
  return words.length <= 4 && raw.includes('.') ? domainOf(raw) : undefined;
}

/** A domain, or the domain of an address or web address typed as one. */
export function domainOf(input: string): Parsed<string, DomainProblem> {
  const trimmed = input.trim();
  return parseDomain(trimmed.includes('@') ? trimmed.slice(trimmed.lastIndexOf('@') + 1) : trimmed);
}

/**
 * "con toso.com": two plain words, one of them not filler ("it's", "for", "om"), are more likely a domain typed
 * with a space than a sentence. Longer texts are sentences ("het gaat om bücher.nl").
 */
function isSplitDomain(words: readonly string[]): boolean {
  if (words.length !== 2 || !words.every((word) => /^[\p{L}\p{N}.-]+$/u.test(word))) return false;
  return words.some((word) => !word.includes('.') && !FILLER.has(normalizeWords(word)));
}

/** The whole message is a listed phrase. */
function exactPhrase(said: string, waiting: Waiting): Decision | undefined {
  const command = COMMAND_PHRASES.get(said);
  // "done" and "check" are the takeover's; at a card they are no answer, but still that command.
  if (command) return { kind: 'command', command };
  if (waiting.kind === 'choice' || waiting.kind === 'address' || waiting.kind === 'signupConfirmation') {
    const choice = choiceNamed(said, waiting, true);
    if (choice) return { kind: 'choice', value: choice };
  }
  if (YES.has(said)) return waiting.kind === 'rating' ? { kind: 'rating', helpful: true } : yesAt(waiting);
  if (NO.has(said)) return waiting.kind === 'rating' ? { kind: 'rating', helpful: false } : { kind: 'no' };
  // Thanks after an answer says it helped; with nothing to rate, it is thanks.
  if (THANKS.has(said) || HELPED.has(said)) return waiting.kind === 'rating' ? { kind: 'rating', helpful: true } : HELPED.has(said) && waiting.kind !== 'nothing' ? { kind: 'rating', helpful: true } : { kind: 'thanks' };
  if (NOT_HELPED.has(said)) return waiting.kind === 'ticketDescription' ? undefined : { kind: 'rating', helpful: false };
  if (CONFUSED.has(said)) return confusedAt(waiting);
  return undefined;
}

/** "huh?" after an answer did not help; at a card, the card is explained. */
function confusedAt(waiting: Waiting): Decision {
  return waiting.kind === 'rating' ? { kind: 'rating', helpful: false } : { kind: 'confused' };
}

/** A short message that opens with a yes or a no: "ja dat adres klopt", "nee toch maar niet", "nope, not that one". */
function openingYesOrNo(words: readonly string[], waiting: Waiting): Decision | undefined {
  const first = words[0] ?? '';
  const firstTwo = words.slice(0, 2).join(' ');
  const yes = YES.has(first) || YES.has(firstTwo) || THANKS.has(first) || HELPED.has(first) || HELPED.has(firstTwo);
  const no = NO.has(first) || NO.has(firstTwo);
  if (yes === no) return undefined;
  if (waiting.kind === 'rating') return { kind: 'rating', helpful: yes };
  // Nothing asked: "yes that helped" is thanks; a "no ..." may open a question of its own.
  if (waiting.kind === 'nothing') return yes ? { kind: 'thanks' } : undefined;
  // A card of options asks no yes-or-no question: "no, I want to become the admin" says what they want instead.
  if (no && waiting.kind === 'choice' && !waiting.strict && words.length > 2) return undefined;
  return yes ? yesAt(waiting) : { kind: 'no' };
}

const CANCEL_PHRASES = allPhrases((file) => file.commands.cancel);
const LONG_NO_PHRASES = allPhrases((file) => file.no).filter((phrase) => phrase.includes(' '));
/** A word that may come before the stop: "nah forget it, ...", "actually never mind, ...", "oeps laat maar ...". */
const BEFORE_STOP = phraseSet((file) => [...file.no, ...file.correctionStarts].filter((phrase) => !phrase.includes(' ')));

/**
 * A card waits and the message opens with a stop, then says why: "laat maar ik vraag het wel aan mn mentor",
 * "stop maar, doe ik later wel", "nah forget it, I'll deal with it monday". A stop of one word counts only when a
 * sign follows it ("cancel, I'll do it later"): "stop sign-ins from abroad" or "cancel my trial" say something else.
 * At the ticket card a no of several words does the same ("no thanks, there's no IT department"): otherwise it
 * would be added to the ticket's text.
 */
function openingStop(raw: string, words: readonly string[], waiting: Waiting): Decision | undefined {
  const skip = BEFORE_STOP.has(words[0] ?? '') ? 1 : 0;
  const opensWith = (phrase: string, from: number) => {
    const phraseWords = phrase.split(' ');
    return phraseWords.length < words.length - from && phraseWords.every((word, index) => words[from + index] === word);
  };
  /** Whether a sign follows the phrase in what was typed ("cancel, ..."), after the skipped word if any. */
  const signAfter = (phrase: string, from: number) => new RegExp(`^\\W*${from ? '[\\p{L}\\p{N}]+\\W+' : ''}${phrase.split(' ').join('\\W+')}\\s*[,.;:!-]`, 'iu').test(raw);
  const cancel = CANCEL_PHRASES.filter((phrase) => opensWith(phrase, skip)).sort((a, b) => b.length - a.length)[0];
  if (cancel && (cancel.includes(' ') || signAfter(cancel, skip))) return { kind: 'command', command: 'cancel' };
  if (waiting.kind !== 'ticketDescription') return undefined;
  const no = LONG_NO_PHRASES.filter((phrase) => opensWith(phrase, 0)).sort((a, b) => b.length - a.length)[0];
  return no && signAfter(no, 0) ? { kind: 'no' } : undefined;
}

/** A yes to the waiting question; to "did you mean contoso.com?" it means contoso.com ("yes that one, gmail"). */
function yesAt(waiting: Waiting): Decision {
  return waiting.kind === 'signupConfirmation' && waiting.suggested ? { kind: 'domain', domain: { ok: true, value: waiting.suggested } } : { kind: 'yes' };
}

/** An option of the waiting card named in the text: its words, its position ("the second one"), or a head count. */
function readChoice(raw: string, said: string, waiting: Waiting): Decision | undefined {
  if (waiting.kind !== 'choice' && waiting.kind !== 'address' && waiting.kind !== 'signupConfirmation') return undefined;
  if (raw.length > 200) return undefined;
  const choice = choiceNamed(said, waiting, false, raw.includes('?'));
  if (choice) return { kind: 'choice', value: choice };
  if (waiting.kind === 'address' && !raw.includes('?') && NO_WORK_ADDRESS_CUES.matches(raw)) return { kind: 'choice', value: 'noWorkAddress' };
  if (waiting.kind === 'choice' && waiting.set === 'orgType') {
    const counted = orgTypeFromHeadCount(raw);
    if (counted) return { kind: 'choice', value: counted };
  }
  return undefined;
}

/**
 * The option the text names. `whole`: the text is the option's phrase. Otherwise the longest phrase inside
 * the text wins ("a small primary school": school); for a strict card, only text that is little more than the
 * option ("become its admin" creates a takeover request: "who is my admin" must not pick it).
 */
function choiceNamed(said: string, waiting: Waiting, whole: boolean, question = false): string | undefined {
  const options = optionsOf(waiting);
  if (!options) return undefined;
  const position = POSITIONS.findIndex((words) => words.includes(said));
  const byNumber = /^\d$/.test(said) ? Number(said) - 1 : position;
  if (waiting.kind === 'choice' && byNumber >= 0 && byNumber < options.length) return options[byNumber]?.[0];
  let best: { value: string; phrase: string; first: number } | undefined;
  options.forEach(([value, phrases], index) => {
    for (const phrase of phrases) {
      const hit = whole ? said === phrase : containsPhrase(said, phrase);
      if (hit && (!best || phrase.length > best.phrase.length || (phrase.length === best.phrase.length && index < best.first))) best = { value, phrase, first: index };
    }
  });
  if (!best || whole) return best?.value;
  // A strict card: no question, and at most one word besides a one-word option ("who is my admin" is not "admin"),
  // three besides a longer one ("I want to become the admin"). "No work address" may come with reasons.
  const strict = waiting.kind === 'signupConfirmation' || (waiting.kind === 'choice' && waiting.strict);
  const phraseWords = best.phrase.split(' ').length;
  if (strict && (question || said.split(' ').length - phraseWords > (phraseWords > 1 ? 3 : 1))) return undefined;
  return best.value;
}

/** The options of the waiting card with their phrases, in the card's order. */
function optionsOf(waiting: Waiting): readonly (readonly [string, readonly string[]])[] | undefined {
  switch (waiting.kind) {
    case 'choice':
      return choiceOptions(waiting.set);
    case 'address':
      return [['noWorkAddress', NO_WORK_ADDRESS]];
    case 'signupConfirmation':
      return [['otherAddress', OTHER_ADDRESS]];
    default:
      return undefined;
  }
}

const CHOICE_OPTIONS = new Map<ChoiceSet, readonly (readonly [string, readonly string[]])[]>();
function choiceOptions(set: ChoiceSet): readonly (readonly [string, readonly string[]])[] {
  let options = CHOICE_OPTIONS.get(set);
  if (!options) {
    options = (CHOICE_SETS[set] as readonly string[]).map((value) => [value, allPhrases((file) => (file.choices[set] as Record<string, string[]>)[value])] as const);
    CHOICE_OPTIONS.set(set, options);
  }
  return options;
}

/** While a takeover waits: its next step told in the user's own words. */
function takeoverStep(raw: string, waiting: Waiting, question: boolean): Decision | undefined {
  if ((waiting.kind !== 'takeover' && waiting.kind !== 'txtValue') || raw.length > MAX_TAKEOVER_STEP_INSIDE) return undefined;
  // A question is about the record ("do I put this in the SPF record?"), unless it asks to check ("…, can you check?").
  if (question && !CHECK_REQUEST.matches(raw)) return undefined;
  const found = TAKEOVER_STEP_CUES.find(([cues]) => cues.matches(raw));
  return found ? { kind: 'command', command: found[1] } : undefined;
}

/** "opgelost, bedankt", "thanks, that helped!": every clause is thanks, a yes or "it helped". */
function pleasedClauses(raw: string, waiting: Waiting): Decision | undefined {
  const clauses = raw.split(/[,.;:!]+/).map(normalizeWords).filter(Boolean);
  if (clauses.length < 2 || raw.includes('?')) return undefined;
  if (!clauses.every((clause) => THANKS.has(clause) || HELPED.has(clause) || YES.has(clause))) return undefined;
  if (waiting.kind === 'rating') return { kind: 'rating', helpful: true };
  // At a card, "ja hoor, stuur maar" or "yes, thanks" answers it.
  return waiting.kind !== 'nothing' && waiting.kind !== 'takeover' && clauses.some((clause) => YES.has(clause)) ? yesAt(waiting) : { kind: 'thanks' };
}

/**
 * An address or domain typed again after an answer, or with nothing asked, when the model reads no other topic:
 * "oops i meant sarah@kellysflorist.com", "ok use tom@baxterplumbing.co.uk then", a bare address (a signup with it);
 * "oops typo, tailspintoys.com" after a takeover or "domain in use" answer (that topic again, for that domain).
 */
function typedAgain(raw: string, waiting: Waiting, recognition: Recognition): Decision | undefined {
  if (waiting.kind !== 'nothing' && waiting.kind !== 'rating') return undefined;
  const after = waiting.kind === 'rating' ? waiting.topic : undefined;
  // With nothing asked, only a whole address counts: "Can't create users @contoso.com" names none.
  const found = findEmailAddress(raw);
  const address = found && (found.ok || after === 'signup') ? found : undefined;
  const topic: Intent | undefined = address ? (after === undefined || after === 'signup' ? 'signup' : undefined) : after === 'takeover' || after === 'domainInUse' ? after : undefined;
  if (!topic || (!address && !findDomain(raw))) return undefined;
  if (recognition.intent !== 'none' && recognition.intent !== topic) return undefined;
  return { kind: 'topic', topic, confidence: 1, entities: entitiesOf(raw) };
}

/**
 * A question read in what the bot waits for: "do I have to buy licences for them?" while a takeover waits is about
 * the licences of the takeover, not about getting one from an admin.
 */
function duringTakeover(recognition: Recognition, waiting: Waiting, flow: Intent | undefined): Recognition {
  const inTakeover = waiting.kind === 'takeover' || waiting.kind === 'txtValue' || flow === 'takeover';
  if (!inTakeover || recognition.fact !== 'gettingLicense') return recognition;
  return { ...recognition, intent: 'takeover', ranked: [{ intent: 'takeover', score: 1 }], fact: 'takeoverLicenses' };
}

/** A topic its cues name surely ("it says my domain is already in use", "I can't sign in to Teams"). */
function topicByCue(raw: string): Intent | undefined {
  return TOPIC_CUES.find(([, cues, except]) => cues.matches(raw) && !except.matches(raw))?.[0];
}

/** A command named inside a short message ("i added it, check again pls"), or a question about a ticket's progress. */
function commandInside(raw: string, said: string, question: boolean, waiting: Waiting): Decision | undefined {
  const takeoverStep = waiting.kind === 'takeover' || waiting.kind === 'txtValue';
  const limit = takeoverStep ? MAX_TAKEOVER_STEP_INSIDE : MAX_COMMAND_INSIDE;
  // Not in a question: "I've added the TXT record, how do I become the admin now?" asks something else.
  if (raw.length <= limit && !question) {
    const found = COMMANDS_INSIDE.filter(([phrase]) => containsPhrase(said, phrase)).sort((a, b) => b[0].length - a[0].length)[0];
    if (found) return { kind: 'command', command: found[1] };
  }
  if (raw.length <= MAX_TICKET_STATUS && TICKET_NOUNS.some((noun) => containsPhrase(said, noun)) && TICKET_PROGRESS.some((word) => containsPhrase(said, word))) {
    return { kind: 'command', command: 'myTickets' };
  }
  return undefined;
}

/**
 * After an answer, a message that changes what it was based on: "actually we are a small company, only 12 people"
 * (the organization type of a "who is my admin" answer), "but I don't have a work email, I'm a freelancer" (the
 * address of a signup).
 */
function readCorrection(raw: string, said: string, words: readonly string[], question: boolean, waiting: Waiting): Decision | undefined {
  if (waiting.kind !== 'rating' || question || words.length > MAX_CORRECTION_WORDS) return undefined;
  if (waiting.topic === 'signup' && (NO_WORK_ADDRESS.some((phrase) => containsPhrase(said, phrase)) || NO_WORK_ADDRESS_CUES.matches(raw))) {
    return { kind: 'correction', topic: 'signup', choice: 'noWorkAddress' };
  }
  if (waiting.topic !== 'whoIsMyAdmin') return undefined;
  const opensAsCorrection = CORRECTION_STARTS.some((start) => said.startsWith(`${start} `));
  const named = choiceNamed(said, { kind: 'choice', set: 'orgType' }, false) ?? orgTypeFromHeadCount(raw);
  if (named && named !== 'unknown' && (opensAsCorrection || words.length <= 8)) return { kind: 'correction', topic: 'whoIsMyAdmin', choice: named };
  return undefined;
}

/** A long message at a card that surely asks about another topic than the flow's. */
function isSureOtherTopic(recognition: Recognition, flow: Intent | undefined): boolean {
  const topic = recognition.intent;
  if (recognition.fact || recognition.score < SURE_OF_NEW_TOPIC || topic === 'none' || topic === 'greeting') return false;
  // "My domain is in use" and the takeover are one story: a message about either belongs to a flow of either.
  const family = (intent: Intent | undefined) => (intent === 'domainInUse' ? 'takeover' : intent);
  return family(topic) !== family(flow);
}

/** Microsoft's own sites: named in a question ("I can't log in to portal.office.com"), they are no organization's domain. */
const MICROSOFT_DOMAINS = /(^|\.)(microsoft|office|office365|microsoftonline|live|outlook|powerbi|sharepoint|onmicrosoft|windows|azure|cloud\.microsoft|microsoft365)\.(com|net|us)$/i;

/** The organization, address, service, cloud and admin topic a message names. */
export function entitiesOf(raw: string): Entities {
  const address = findEmailAddress(raw);
  const named = findDomain(raw);
  const domain = named && !MICROSOFT_DOMAINS.test(named) ? named : undefined;
  const service = findService(raw)?.name;
  const cloud = cloudNamedIn(raw);
  const topic = adminTopic(raw);
  const orgType = orgTypeNamedIn(raw);
  return {
    ...(address ? { address } : {}),
    ...(domain ? { domain } : {}),
    ...(service ? { service } : {}),
    ...(cloud ? { cloud } : {}),
    ...(topic !== 'general' ? { adminTopic: topic } : {}),
    ...(orgType ? { orgType } : {}),
  };
}

/**
 * Which of the user's recent lines says what their problem is, for the ticket card's pre-filled description.
 * @remarks "talk to a person" says nothing about the problem, and "school", "2" or "yes" answered a question of
 * the bot's; "is there a phone number for Microsoft support?" or "I want to talk to someone about my OneDrive, it
 * won't sync" is the problem itself.
 */
import { CueList } from './cues.js';
import { LANGUAGES } from '../services/models/intent.js';
import { allPhrases, COMMANDS, containsPhrase, normalizeWords, phraseSet, understandingFile } from './phrases.js';

/** A line this short ("school", "2", "yes") answers a question of the bot's rather than asking one. */
const MIN_QUESTION_WORDS = 3;
/** A request for a person this long also says what it is about. */
const PERSON_REQUEST_WITH_PROBLEM_WORDS = 10;

const PERSON_WORDS = allPhrases((file) => file.person);
/** Whole-message phrases that ask or answer nothing of their own: commands, yes and no, thanks, ratings. */
const NO_QUESTION = phraseSet((file) => [
  ...COMMANDS.flatMap((command) => file.commands[command]),
  ...file.yes,
  ...file.no,
  ...file.thanks,
  ...file.helped,
  ...file.notHelped,
  ...file.confused,
]);

/** "that didn't help, I still get the error": a rating, however worded (also read by understand.ts). */
export const NOT_HELPED_CUES = new CueList(LANGUAGES.flatMap((language) => understandingFile(language).notHelpedCues));
/** A complaint that opens a line is this short ("that didn't help"); a longer clause describes the problem. */
const MAX_COMPLAINT_WORDS = 5;

/** A line long enough to be a question, and no command or answer ("my tickets", "that didn't help"). */
export function isQuestionLine(text: string): boolean {
  if (text.split(/\s+/).length < MIN_QUESTION_WORDS || NO_QUESTION.has(normalizeWords(text))) return false;
  // "dat hielp niet, ik krijg echt die foutmelding" opens with a complaint about the answer, not with the problem.
  const firstClause = text.split(/[,.;:!?]/)[0] ?? '';
  const opensWithComplaint = firstClause.split(/\s+/).length <= MAX_COMPLAINT_WORDS && NOT_HELPED_CUES.matches(firstClause);
  return !opensWithComplaint;
}

/** Text that asks a question of its own, rather than only for a person, for a rating or for a command. */
export function isOwnQuestion(text: string): boolean {
  if (!isQuestionLine(text)) return false;
  const said = normalizeWords(text);
  return text.split(/\s+/).length >= PERSON_REQUEST_WITH_PROBLEM_WORDS || !PERSON_WORDS.some((word) => containsPhrase(said, word));
}

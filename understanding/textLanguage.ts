/**
 * Which language a chat message is clearly written in: English or Dutch (answer in it), another language (say
 * which languages the bot speaks), or unsure (keep the conversation's language).
 * @remarks Why eld 2.1.0 (Apache-2.0), extra-small database: measured on 1,122 English and Dutch messages (the
 * corpus.json utterances less the 30 in both, plus 120 short sloppy ones: "jup", "thx!", "wat kun je") and 30
 * French and German ones, it gives the best "sure" signal. With the rules below it is sure and right about 83%
 * of them (1-2 words 32%, 3-5 words 81%, 6+ 98%), sure but wrong about 1 ("help me aub" read as English), never
 * reads French or German as English or Dutch, and finds 20 of those 30. At 2 or fewer sure-but-wrong answers
 * nlp.js's corpus-trained guesser covered 72% (but read 3 French or German messages as English or Dutch: it
 * cannot say "other"), franc-min and @nlpjs/language under 3%; tinyld's confidence is nearly always 0 or 1, and
 * at 1 it covered 62% with 4 wrong. About 25 µs a call; 28 MiB of heap (eld's small database 44 MiB, large
 * 133, for at most 1 point more).
 *
 * Sure means: eld calls its result reliable (at least 3 n-grams, a score near the language's average), and
 * - English or Dutch scores {@link SUPPORTED_MARGIN} (10%) above the runner-up. English and Dutch read as each
 *   other: at 0%, 8 (89% covered); 5%, 3; 10%, 1 (83%); 25%, none (52%).
 * - Another Latin-script language scores {@link OTHER_MARGIN} (15%) above the runner-up in at least
 *   {@link OTHER_MIN_WORDS} (3) words: at 10% and any length "hallo bot", "goeiemiddag" and "nee dank je" were
 *   German or Norwegian, and telling a Dutch user "I only speak English and Dutch" is worse than answering a
 *   French one in the conversation's language. Text mostly in another script is never English or Dutch.
 * Only {@link CANDIDATES} compete (with all 60 of eld's languages: 81% covered). Addresses, domains, words with
 * digits and product names (the same in both languages) go first: without the last, 4 instead of 1 were read
 * as the other of English and Dutch.
 */
import { eld } from 'eld/extrasmall';

export type TextLanguage = { kind: 'supported'; language: 'en' | 'nl' } | { kind: 'other'; code: string } | { kind: 'unsure' };

/** How much the best language must score above the runner-up, as a fraction of its own score. */
const SUPPORTED_MARGIN = 0.1;
const OTHER_MARGIN = 0.15;
const OTHER_MIN_WORDS = 3;
/** Text past this is not read: the language is clear long before, and it bounds the regular expressions' work. */
const MAX_CHARS = 1000;

/** English and Dutch, the languages a Dutch or English workplace is likeliest to see next, and other scripts. */
const CANDIDATES = ['en', 'nl', 'de', 'fr', 'es', 'it', 'pt', 'pl', 'tr', 'da', 'sv', 'no', 'ru', 'uk', 'bg', 'sr', 'el', 'ar', 'fa', 'he', 'hi', 'th', 'vi', 'zh', 'ja', 'ko'];

const detector = eld.newInstance();
detector.setLanguageSubset(CANDIDATES);

const UNSURE: TextLanguage = { kind: 'unsure' };

/** Product names, written the same in both languages. */
const PRODUCTS = /\b(?:power\s*(?:bi|apps|automate|pages)|dynamics|microsoft|office\s*365|teams|entra(?:\s*id)?|azure|sharepoint|onedrive|outlook)\b/giu;
/** Email addresses, web addresses, domain names (contoso.nl) and words with digits (MS=ms12345678, 365). */
const NOT_WORDS = /\S*@\S*|\b(?:https?:\/\/|www\.)\S*|(?:[\p{L}\p{N}-]+\.)+\p{L}{2,}(?![\p{L}\p{N}])\S*|\S*\p{N}\S*/gu;

/**
 * Quoted text is someone else's words, usually a message or button of Microsoft's in English: "wat betekent
 * "Switch to an account that has permission"?" is Dutch. Single quotes count only around words, not in "don't".
 */
const QUOTED = /"[^"\n]*"|“[^”\n]*”|(?<![\p{L}\p{N}])'(?:[^'\n]|(?<=\p{L})'(?=\p{L}))+'(?![\p{L}\p{N}])/gu;

export function languageOfText(text: string): TextLanguage {
  const start = text.slice(0, MAX_CHARS);
  const unquoted = start.replace(QUOTED, ' ');
  // A message that is only a quote is read as it is.
  const own = /\p{L}/u.test(unquoted) ? unquoted : start;
  const cleaned = own.replace(PRODUCTS, ' ').replace(NOT_WORDS, ' ').replace(/\s+/gu, ' ').trim();
  const letters = cleaned.match(/\p{L}/gu)?.length ?? 0;
  if (letters === 0) return UNSURE;
  const result = detector.detect(cleaned);
  const language = result.language;
  if (!language || !result.isReliable()) return UNSURE;
  const [best = 0, runnerUp = 0] = Object.values(result.getScores()).sort((a, b) => b - a);
  const margin = best > 0 ? 1 - runnerUp / best : 0;
  if (language === 'en' || language === 'nl') return margin >= SUPPORTED_MARGIN ? { kind: 'supported', language } : UNSURE;
  const latinLetters = cleaned.match(/\p{Script=Latin}/gu)?.length ?? 0;
  if (latinLetters * 2 < letters) return { kind: 'other', code: language };
  const words = cleaned.split(' ').filter((word) => /\p{L}/u.test(word)).length;
  return margin >= OTHER_MARGIN && words >= OTHER_MIN_WORDS ? { kind: 'other', code: language } : UNSURE;
}

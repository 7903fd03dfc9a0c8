/**
 * What a Dutch reply says in its own words, and the English sentences in it. Microsoft's messages and labels are
 * quoted ("…") or given in brackets after the Dutch, and product names, commands and addresses are the same in
 * both languages: none of those count. What is left must be Dutch.
 * @remarks Two signals, because each misses what the other finds: English function words that are not also
 * Dutch words ("the", "your", "with"; not "is", "in", "was", "of", "we"), and the bot's own language detector
 * (understanding/textLanguage.ts, eld) on sentences long enough for it to be sure.
 */
import { languageOfText } from '../../understanding/textLanguage.js';

/** Words only English has (not "is", "was", "in", "of", "we", "me", "over", "die", "door", "want": Dutch has
 * those too): two in one sentence is English, whatever the rest. */
const ENGLISH_WORDS = new Set([
  'the', 'and', 'you', 'your', 'yours', 'with', 'for', 'this', 'that', 'these', 'those', 'it', "it's", 'its', 'be', 'been', 'not',
  'have', 'has', 'can', "can't", 'cannot', 'will', "won't", 'would', 'should', 'could', 'what', 'which', 'who', 'whom', 'from', 'by',
  'to', 'are', 'were', 'at', 'there', 'their', 'they', 'does', "doesn't", "don't", "isn't", "aren't", "didn't", "i'm", "you're",
  "you've", "i've", "i'll", "you'll", "we're", 'my', 'our', 'only', 'if', 'into', 'about', 'after', 'before', 'when', 'where', 'how',
  'why', 'than', 'some', 'any', 'yet', 'just', 'then', 'also', 'or', 'please', 'still', 'already', 'them', 'she', 'he', 'did', 'done',
]);

/** Words per sentence before the detector is asked: shorter ones are too often unsure or wrong. */
const MIN_WORDS_FOR_DETECTOR = 5;

/** Removes quoted text: what Microsoft (or the user) says, not the bot. */
export function withoutQuotes(text: string): string {
  return text.replace(/"[^"]*"/gu, ' ').replace(/“[^”]*”/gu, ' ').replace(/„[^”“]*[”“]/gu, ' ');
}

/** Removes `{placeholders}`, code, addresses, quoted text and bracketed text, and markdown emphasis. */
export function ownWords(text: string): string {
  let rest = withoutQuotes(text)
    .replace(/\{\w+\}/gu, ' ')
    .replace(/`[^`]*`/gu, ' ')
    .replace(/<[^<>]*>/gu, ' ')
    .replace(/https?:\/\/\S+/gu, ' ')
    .replace(/\S+@\S+/gu, ' ');
  // Brackets nest ("(… (Become the admin) …)"): remove the innermost until none is left.
  for (let before = ''; before !== rest; ) {
    before = rest;
    rest = rest.replace(/\([^()]*\)/gu, ' ');
  }
  return rest.replace(/\*\*/gu, ' ');
}

/** Names and commands that are the same in both languages: product names with an English word in them, cmdlets,
 * -Parameters, CamelCase settings, domains. */
const NAMES = /\bDynamics 365 for \p{Lu}\p{L}+|(?:^|\s)-?[A-Z][a-z]+-[A-Z]\w*|(?:^|\s)-[A-Z]\w+|\b[a-z]+[A-Z]\w*\b|\b[A-Z][a-z]+[A-Z]\w*\b|(?:[\p{L}\p{N}-]+\.)+\p{L}{2,}\b/gu;

/** The English sentences in a text a Dutch user gets, outside quotes and brackets. */
export function englishSentencesIn(text: string): string[] {
  const sentences = ownWords(text)
    .replace(NAMES, ' ')
    .split(/[.!?:;•\n]+/u)
    .map((sentence) => sentence.replace(/\s+/gu, ' ').trim())
    .filter((sentence) => /\p{L}/u.test(sentence));
  return sentences.filter((sentence) => {
    const words = sentence.toLowerCase().match(/[\p{L}'’-]+/gu) ?? [];
    const english = words.filter((word) => ENGLISH_WORDS.has(word.replace(/’/gu, "'"))).length;
    if (english >= 2) return true;
    // Names are capitalized in both languages ("Power Virtual Agents", "Minecraft Education Edition"): only the
    // other words say which language a sentence is in.
    const common = sentence.split(' ').filter((word, i) => i === 0 || !/^\p{Lu}/u.test(word));
    if (common.length < MIN_WORDS_FOR_DETECTOR) return false;
    const language = languageOfText(common.join(' '));
    return language.kind === 'supported' && language.language === 'en';
  });
}

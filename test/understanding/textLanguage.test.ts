/** languageOfText: English or Dutch only when the text clearly is, another language when clearly another, else unsure. */
import { describe, expect, it } from '@jest/globals';
import { languageOfText, type TextLanguage } from '../../understanding/textLanguage.js';

const EN: TextLanguage = { kind: 'supported', language: 'en' };
const NL: TextLanguage = { kind: 'supported', language: 'nl' };
const UNSURE: TextLanguage = { kind: 'unsure' };
const other = (code: string): TextLanguage => ({ kind: 'other', code });

const TABLE: readonly [string, TextLanguage][] = [
  // Clear English, short and long, addresses and web addresses left out.
  ['who is my admin?', EN],
  ['thanks a lot', EN],
  ['how do I sign up for Power BI', EN],
  ['where can I find the admin center', EN],
  ['can you help me please', EN],
  ['who do I ask for a license', EN],
  ['our domain is already used by another organization', EN],
  ['I would like to talk to someone from the helpdesk', EN],
  ['the verification keeps failing, what should I do', EN],
  ['could you check whether I am an admin', EN],
  ['my email is sara@contoso.nl and I cannot sign in', EN],
  ['why does https://admin.microsoft.com say I have no access', EN],
  // Clear Dutch, with the English words Dutch admins use.
  ['wie is mn beheerder', NL],
  ['top dankjewel', NL],
  ['ok doe maar', NL],
  ['wat kun je', NL],
  ['Power BI aanmelden lukt niet', NL],
  ['waar vind ik het beheercentrum', NL],
  ['kun je me helpen alsjeblieft', NL],
  ['ik wil een admin takeover doen', NL],
  ['ons domein wordt al gebruikt door een andere organisatie', NL],
  ['ik wil graag iemand van de helpdesk spreken', NL],
  ['de verificatie mislukt steeds, wat moet ik doen', NL],
  ['mijn mail is sara@contoso.nl en ik kom er niet in', NL],
  ['waarom zegt https://admin.microsoft.com dat ik geen toegang heb', NL],
  // Someone else's words in quotes (Microsoft's English message) don't make the message English.
  ['wat betekent "Switch to an account that has permission"?', NL],
  ['ik krijg steeds "Your IT department has turned off signup", wat moet ik nu doen', NL],
  ["ik krijg steeds 'your organization doesn't currently allow its users to purchase Microsoft Power BI' als ik me wil registreren", NL],
  ['I keep getting "Je hebt geen toestemming om toegang te krijgen tot deze pagina", what should I do', EN],
  ['"Your IT department has turned off signup. Contact them to complete signup."', EN],
  // Words both languages use, product names, emoji, addresses and codes: keep the conversation's language.
  ['ok', UNSURE],
  ['help', UNSURE],
  ['hey', UNSURE],
  ['nope', UNSURE],
  ['thx!', UNSURE],
  ['lol', UNSURE],
  ['ok top', UNSURE],
  ['admin?', UNSURE],
  ['hallo bot', UNSURE],
  ['Power BI', UNSURE],
  ['Microsoft 365', UNSURE],
  ['👍', UNSURE],
  ['?', UNSURE],
  ['', UNSURE],
  ['   ', UNSURE],
  ['12345', UNSURE],
  ['MS=ms12345678', UNSURE],
  ['sara@contoso.nl', UNSURE],
  ['https://contoso.com/admin', UNSURE],
  ['contoso.nl', UNSURE],
  // Clearly another language: the bot says in English which languages it speaks.
  ['qui est mon administrateur ?', other('fr')],
  ['je ne trouve pas mon administrateur', other('fr')],
  ['pourquoi notre domaine est-il déjà utilisé', other('fr')],
  ['wer ist mein Administrator?', other('de')],
  ['ich kann mich nicht anmelden', other('de')],
  ['warum ist unsere Domain schon vergeben', other('de')],
  ['kann ich mit jemandem vom Support sprechen', other('de')],
  ['quiero hablar con un administrador', other('es')],
  ['Привет, кто мой администратор?', other('ru')],
  ['谁是我的管理员？', other('zh')],
];

describe('languageOfText', () => {
  it.each(TABLE)('%j', (text, expected) => {
    expect(languageOfText(text)).toEqual(expected);
  });

  // Short Dutch that looks German to a detector: telling a Dutch user "I only speak English and Dutch" is the worst answer.
  it.each(['stop ermee', 'nee dank je', 'hee hallo', 'goeiemiddag', 'alles goed'])('%j is never another language', (text) => {
    expect(languageOfText(text).kind).not.toBe('other');
  });

  // Too short to be sure it is French or German, but never English or Dutch.
  it.each(['merci beaucoup', 'bonjour', 'oui merci', 'danke schön', 'guten Morgen', 'ja danke'])('%j is never English or Dutch', (text) => {
    expect(languageOfText(text).kind).not.toBe('supported');
  });

  it('reads only the start of a very long text, quickly', () => {
    const started = performance.now();
    expect(languageOfText(`${'where is the admin center '.repeat(50)}${'a.'.repeat(50_000)}`)).toEqual(EN);
    expect(languageOfText('a.'.repeat(50_000))).toEqual(UNSURE);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

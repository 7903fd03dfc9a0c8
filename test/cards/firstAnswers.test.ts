/**
 * Every first answer is short: what the bot sends first for each topic (in every variant the cards have) and for
 * each specific question, in English and Dutch, shows at most 600 characters before anything is opened.
 * @remarks Visible length: the text of every TextBlock, fact (title and value) and text field (label and value)
 * that shows before any "More" toggle is opened, with "Did this help?" where the bot adds it, without markdown's
 * `**`, and without the buttons' titles. The whole table goes to test-artifacts/first-answers.md, the longest
 * answers to the test's output.
 */
import { describe, expect, it } from '@jest/globals';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { factCard } from '../../cards/factCard.js';
import { withFeedback } from '../../cards/feedbackButtons.js';
import type { CardAttachment } from '../../cards/renderCard.js';
import { projectFile } from '../../lib/projectFiles.js';
import { stringsFor, type Strings } from '../../locales/strings.js';
import { FACT_IDS } from '../../services/models/fact.js';
import { isRecordable } from '../../services/signup/signup.js';
import { CARD_CASES, LANGUAGES, SIGNUP_PLANS } from './cardCases.js';
import { visibleText } from './visibleText.js';

const MAX_FIRST_ANSWER = 600;

/** The signup outcomes the first message can lead to at once: a refusal, or "you're already there". */
const FIRST_SIGNUP_ANSWERS = new Set(['signupAnswerCard: no work address', ...SIGNUP_PLANS.filter(({ plan }) => !isRecordable(plan)).map(({ name }) => `signupAnswerCard: ${name}`)]);

interface FirstAnswer {
  topic: string;
  name: string;
  build(t: Strings): CardAttachment | undefined;
  /** Sent as an answer (dialogs/answers.ts), so with "Did this help?". */
  rated: boolean;
}

/** What the bot sends first for each topic: the card cases of those cards, by name. */
const TOPIC_FIRST_CARDS: readonly { topic: string; names: (name: string) => boolean; rated: boolean }[] = [
  { topic: 'greeting', names: (name) => name === 'welcomeCard: no lead', rated: false },
  { topic: 'not sure', names: (name) => name.startsWith('notSureCard: '), rated: false },
  { topic: 'whoIsMyAdmin', names: (name) => name === 'orgTypeCard', rated: false },
  { topic: 'whoIsMyAdmin', names: (name) => name.startsWith('adminAnswerCard: '), rated: true },
  { topic: 'amIAdmin', names: (name) => name.startsWith('amIAdminCard: '), rated: true },
  { topic: 'signup', names: (name) => name.startsWith('addressCard: introduce'), rated: false },
  // An address in the first message: its preview, or the answer that refuses it or says it is done already.
  { topic: 'signup', names: (name) => name.startsWith('signupPreviewCard: '), rated: false },
  { topic: 'signup', names: (name) => FIRST_SIGNUP_ANSWERS.has(name), rated: true },
  { topic: 'domainInUse', names: (name) => name === 'domainQuestionCard domainInUse: empty' || name === 'domainQuestionCard domainInUse: pre-filled', rated: false },
  { topic: 'domainInUse', names: (name) => name.startsWith('domainStatusCard: '), rated: true },
  { topic: 'takeover', names: (name) => name === 'domainQuestionCard takeover: empty' || name === 'domainQuestionCard takeover: pre-filled', rated: false },
  { topic: 'takeover', names: (name) => name.startsWith('takeoverKindCard: ') || name.startsWith('takeoverElsewhereCard'), rated: true },
  { topic: 'escalate', names: (name) => name.startsWith('ticketQuestionCard'), rated: false },
];

const FIRST_ANSWERS: readonly FirstAnswer[] = [
  ...TOPIC_FIRST_CARDS.flatMap(({ topic, names, rated }) => CARD_CASES.filter((cardCase) => names(cardCase.name)).map((cardCase) => ({ topic, name: cardCase.name, build: cardCase.build, rated }))),
  ...FACT_IDS.map((fact) => ({ topic: `fact ${fact}`, name: `factCard: ${fact}`, build: (t: Strings) => factCard(t, fact), rated: true })),
];

interface Measured {
  topic: string;
  name: string;
  language: string;
  visible: number;
}

function measure(answer: FirstAnswer, language: (typeof LANGUAGES)[number]): Measured {
  const t = stringsFor(language);
  const card = answer.build(t);
  if (!card) throw new Error(`${answer.name} (${language}) built no card`);
  const sent = answer.rated ? withFeedback(t, card, 'answer-id') : card;
  return { topic: answer.topic, name: answer.name, language, visible: visibleText(sent.content).length };
}

const table = FIRST_ANSWERS.flatMap((answer) => LANGUAGES.map((language) => measure(answer, language)));

describe('first answers', () => {
  it('cover every topic and every specific question, in both languages', () => {
    for (const { names } of TOPIC_FIRST_CARDS) expect(CARD_CASES.filter((cardCase) => names(cardCase.name)).length).toBeGreaterThan(0);
    const topics = new Set(table.map((row) => row.topic));
    for (const topic of ['greeting', 'whoIsMyAdmin', 'amIAdmin', 'signup', 'domainInUse', 'takeover', 'escalate', ...FACT_IDS.map((fact) => `fact ${fact}`)]) expect(topics).toContain(topic);
    expect(new Set(table.map((row) => row.language))).toEqual(new Set(LANGUAGES));
  });

  it(`show at most ${MAX_FIRST_ANSWER} characters before a toggle (table in test-artifacts/first-answers.md)`, async () => {
    const longestFirst = [...table].sort((a, b) => b.visible - a.visible || a.name.localeCompare(b.name));
    const rows = longestFirst.map((row) => `| ${row.visible} | ${row.language} | ${row.topic} | ${row.name} |`);
    const folder = projectFile('test-artifacts');
    await mkdir(folder, { recursive: true });
    await writeFile(
      join(folder, 'first-answers.md'),
      [
        '# First answers: characters visible before any toggle',
        '',
        'Texts, facts and fields that show before "More" is opened, with "Did this help?" where the bot adds it; buttons\' titles and `**` not counted.',
        '',
        '| visible | language | topic | card |',
        '| ---: | --- | --- | --- |',
        ...rows,
        '',
      ].join('\n'),
    );
    console.log(`First answers, longest first (${table.length} in all; every one in test-artifacts/first-answers.md):\n${rows.slice(0, 15).join('\n')}`);
    expect(longestFirst.filter((row) => row.visible > MAX_FIRST_ANSWER).map((row) => `${row.visible} ${row.language} ${row.name}`)).toEqual([]);
  });
});

/**
 * How people answer "What kind of organization do you work or study at?" in their own words: the kind of
 * place ("a big bank", "de gemeente") or its size ("about 5000 employees"), in English and Dutch.
 */
import { describe, expect, it } from '@jest/globals';
import { stringsFor } from '../../locales/strings.js';
import { orgTypeFromHeadCount, type OrgType } from '../../services/models/organization.js';
import { titleOf, useTestBots } from '../helpers/testBot.js';

const start = useTestBots();

describe('orgTypeFromHeadCount', () => {
  it.each([
    ['we have about 5000 employees', 'enterprise'],
    ['i work at a hospital with 3,000 people', 'enterprise'],
    ['wij hebben 3.000 medewerkers', 'enterprise'],
    ['5k staff', 'enterprise'],
    ['we are 12 people', 'smallBusiness'],
    ['ons bedrijf heeft 40 werknemers', 'smallBusiness'],
    ["its a dentist office, like 6 of us", 'smallBusiness'],
  ] as const)('"%s" is %s', (text, orgType) => {
    expect(orgTypeFromHeadCount(text)).toBe(orgType);
  });

  it.each(['room 3000 on floor 2', 'since 2019', '0 people', 'no number here'])('finds no head count in "%s"', (text) => {
    expect(orgTypeFromHeadCount(text)).toBeUndefined();
  });
});

describe.each([
  { language: 'en', locale: 'en-US', ask: 'who is my admin?', answers: [['I work for a big bank', 'enterprise'], ['we have about 5000 employees', 'enterprise'], ['we are a team of 8 people', 'smallBusiness'], ['a small primary school', 'school']] },
  { language: 'nl', locale: 'nl-NL', ask: 'wie is mijn beheerder?', answers: [['ik werk bij de gemeente Utrecht', 'enterprise'], ['we hebben ongeveer 5000 medewerkers', 'enterprise'], ['een praktijk met 6 mensen', 'smallBusiness'], ['een kleine school', 'school']] },
] as const)('the organization type in your own words, in $language', ({ language, locale, ask, answers }) => {
  const t = stringsFor(language);

  it.each(answers.map(([typed, orgType]): [string, OrgType] => [typed, orgType]))('"%s" answers the question as %s', async (typed, orgType) => {
    const bot = await start({ locale });
    expect(titleOf(await bot.say(ask))).toBe(t.whoIsMyAdmin.askTitle);
    const answer = await bot.say(typed);
    expect(titleOf(answer)).toBe(t.whoIsMyAdmin.guidanceTitle);
    expect(answer[0]?.all).toContain(t.whoIsMyAdmin.guidance[orgType]);
  });
});

describe.each([
  {
    language: 'en',
    locale: 'en-US',
    named: [
      ['who is the admin at our school? i need my password reset', 'school'],
      ["I'm a teacher, who is our Microsoft 365 admin?", 'school'],
      ['who is my admin, I work for the municipality', 'enterprise'],
      ['we are a small business, who is our admin?', 'smallBusiness'],
    ],
    unnamed: ['quick small question: who is my admin?', 'I moved from a big company to a startup, who is my admin now?'],
  },
  {
    language: 'nl',
    locale: 'nl-NL',
    named: [
      ['goedemorgen, ik ben docent en wil weten wie bij ons op school de beheerder is van office 365', 'school'],
      ['wie is mijn beheerder ik werk bij de gemeente', 'enterprise'],
      ['wie is de beheerder bij ons klein bedrijf?', 'smallBusiness'],
    ],
    unnamed: ['even een kleine vraag: wie is mijn beheerder?'],
  },
] as const)('the organization type named in the question itself, in $language', ({ language, locale, named, unnamed }) => {
  const t = stringsFor(language);

  it.each(named.map(([typed, orgType]): [string, OrgType] => [typed, orgType]))('"%s" is answered for a %s without asking', async (typed, orgType) => {
    const answer = await (await start({ locale })).say(typed);
    expect(titleOf(answer)).toBe(t.whoIsMyAdmin.guidanceTitle);
    expect(answer[0]?.all).toContain(t.whoIsMyAdmin.guidance[orgType]);
  });

  it.each(unnamed)('"%s" names no kind, so it is asked', async (typed) => {
    expect(titleOf(await (await start({ locale })).say(typed))).toBe(t.whoIsMyAdmin.askTitle);
  });
});

describe.each([
  {
    language: 'en',
    locale: 'en-US',
    ask: 'who is my admin?',
    newQuestion: "hey, i signed up for power bi with my hotmail and now it says i need a work email? i dont have one im a freelancer",
    longAnswer: ['we are a small company with about 30 people, mostly in construction and logistics', 'smallBusiness'],
  },
  {
    language: 'nl',
    locale: 'nl-NL',
    ask: 'wie is mijn beheerder?',
    newQuestion: 'ik heb me met mijn hotmail aangemeld voor power bi en nu zegt hij dat ik een werkadres nodig heb, ik ben zzp-er',
    longAnswer: ['we zijn een klein bedrijfje met ongeveer 30 mensen, vooral in de bouw en de logistiek', 'smallBusiness'],
  },
] as const)('a long message at the organization type card, in $language', ({ language, locale, ask, newQuestion, longAnswer }) => {
  const t = stringsFor(language);

  it('asking about another topic starts that topic, though it names a type in passing', async () => {
    const bot = await start({ locale });
    await bot.say(ask);
    const replies = await bot.say(newQuestion);
    expect(titleOf(replies)).toBe(t.signup.title);
  });

  it('a long answer is still the answer', async () => {
    const bot = await start({ locale });
    await bot.say(ask);
    const answer = await bot.say(longAnswer[0]);
    expect(titleOf(answer)).toBe(t.whoIsMyAdmin.guidanceTitle);
    expect(answer[0]?.all).toContain(t.whoIsMyAdmin.guidance[longAnswer[1]]);
  });
});

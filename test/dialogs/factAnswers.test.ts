/**
 * Specific questions ("can I delete the TXT record?") get their own short answer, in both languages:
 * asked on their own, asked while a card waits for an answer (the card keeps waiting), rated like any answer.
 */
import { describe, expect, it } from '@jest/globals';
import { format, stringsFor } from '../../locales/strings.js';
import { contoso, unmanagedTailspin } from '../helpers/fixtures.js';
import { press, titleOf, useTestBots } from '../helpers/testBot.js';

const start = useTestBots();
const DOMAIN = 'tailspin.example';

describe.each([
  {
    language: 'en',
    locale: 'en-US',
    removal: 'Can I remove the TXT record once the domain is verified?',
    forced: 'how does ForceTakeover work?',
    askTakeover: 'how do I become the admin of our tenant?',
    dnsWait: 'how long does it take before DNS is updated?',
    no: "that didn't help",
  },
  {
    language: 'nl',
    locale: 'nl-NL',
    removal: 'mag ik het TXT-record verwijderen als het domein geverifieerd is?',
    forced: 'hoe werkt een geforceerde overname?',
    askTakeover: 'hoe word ik beheerder van onze tenant?',
    dnsWait: 'hoe lang duurt het voordat de DNS is bijgewerkt?',
    no: 'dat hielp niet',
  },
] as const)('fact answers in $language', ({ language, locale, removal, forced, askTakeover, dnsWait, no }) => {
  const t = stringsFor(language);

  it('answers a specific question with its own card and asks whether it helped', async () => {
    const bot = await start({ locale });
    const replies = await bot.say(removal);
    expect(titleOf(replies)).toBe(t.facts.txtRecordRemoval.title);
    expect(replies[0]?.all).toContain(t.facts.txtRecordRemoval.points[1]);
    expect(replies[0]?.all).toContain(t.feedback.question);
  });

  it('offers the flow that does what the answer explains', async () => {
    const bot = await start({ locale, organizations: [unmanagedTailspin], email: `sam@${DOMAIN}` });
    const answer = await bot.say(forced);
    expect(titleOf(answer)).toBe(t.facts.forceTakeover.title);
    const takeover = await bot.say(press(answer, t.topics.takeover));
    expect(titleOf(takeover)).toBe(t.takeover.title);
  });

  it('answers a side question while a card waits, and the card still takes its answer', async () => {
    const bot = await start({ locale, organizations: [unmanagedTailspin], email: `sam@${DOMAIN}` });
    const asked = await bot.say(askTakeover);
    expect(titleOf(asked)).toBe(t.takeover.title);
    const side = await bot.say(dnsWait);
    expect(titleOf(side)).toBe(t.facts.dnsTrouble.title);
    // The domain question is still the one waiting: a domain typed now answers it.
    const kind = await bot.say(DOMAIN);
    expect(titleOf(kind)).toBe(format(t.takeover.kindTitle, { domain: DOMAIN }));
  });

  it('a typed "no" after the answer rates it, under its topic, and offers a person', async () => {
    const bot = await start({ locale, organizations: [contoso], email: 'sam@contoso.com' });
    await bot.say(forced);
    const replies = await bot.say(no);
    expect(replies[0]?.text).toBe(t.feedback.sorry);
    expect(titleOf(replies)).toBe(t.tickets.askTitle);
    const figures = await bot.tickets.figuresFor(contoso.id, 0);
    expect(figures).toMatchObject({ answered: 1, notHelpful: 1 });
    expect(figures.byIntent.map((row) => row.key)).toEqual(['takeover']);
  });
});

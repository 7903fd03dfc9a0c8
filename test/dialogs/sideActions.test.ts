/**
 * "Did this help?" pressed on an earlier answer while a card waits for an answer: the rating is a side
 * remark, so the waiting card keeps waiting, unless a new "no" opens a ticket.
 */
import { describe, expect, it } from '@jest/globals';
import { stringsFor } from '../../locales/strings.js';
import { contoso } from '../helpers/fixtures.js';
import { press, titleOf, useTestBots } from '../helpers/testBot.js';

const start = useTestBots();

describe.each([
  { language: 'en', locale: 'en-US', amIAdmin: 'am I an admin?', signup: 'I want to sign up for Power BI', address: 'sara@contoso.com', problem: 'my laptop will not start' },
  { language: 'nl', locale: 'nl-NL', amIAdmin: 'ben ik beheerder?', signup: 'ik wil me aanmelden voor Power BI', address: 'sara@contoso.com', problem: 'mijn laptop start niet op' },
] as const)('rating an earlier answer while a card waits, in $language', ({ language, locale, amIAdmin, signup, address, problem }) => {
  const t = stringsFor(language);

  it('a second "No" on the same answer keeps the ticket card waiting', async () => {
    const bot = await start({ locale });
    const answer = await bot.say(amIAdmin);
    const asked = await bot.say(press(answer, t.feedback.no));
    expect(titleOf(asked)).toBe(t.tickets.askTitle);
    expect((await bot.say(press(answer, t.feedback.no))).map((reply) => reply.text)).toEqual([t.feedback.already]);
    // The description typed now is the ticket's: the card was still waiting for it.
    expect(titleOf(await bot.say(problem))).toBe(t.tickets.createdTitle.replace('{id}', 'HD-1001'));
  });

  it('"Yes" on an earlier answer is thanked, and the signup question still takes the address', async () => {
    const bot = await start({ locale, organizations: [contoso] });
    const answer = await bot.say(amIAdmin);
    const asked = await bot.say(signup);
    expect(asked[0]?.all).toContain(t.signup.askAddress);
    expect((await bot.say(press(answer, t.feedback.yes))).map((reply) => reply.text)).toEqual([t.feedback.thanks]);
    expect(titleOf(await bot.say(address))).toBe(t.signup.previewTitle);
  });

  it('a new "No" on an earlier answer leaves the waiting question for a ticket about that answer', async () => {
    const bot = await start({ locale, organizations: [contoso] });
    const answer = await bot.say(amIAdmin);
    await bot.say(signup);
    const asked = await bot.say(press(answer, t.feedback.no));
    expect(asked[0]?.text).toBe(t.feedback.sorry);
    expect(titleOf(asked)).toBe(t.tickets.askTitle);
  });
});

/**
 * Presses of cards other than the one waiting: "Did this help?" on an earlier answer is a side remark (the
 * waiting card keeps waiting, unless a new "no" opens a ticket), and a card pressed again after it did its
 * work (a double-click, an old copy) says what it did instead of doing it twice or starting over.
 */
import { describe, expect, it } from '@jest/globals';
import { format, stringsFor } from '../../locales/strings.js';
import { contoso } from '../helpers/fixtures.js';
import { press, pressInTeams, titleOf, useTestBots } from '../helpers/testBot.js';

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
    // The description typed now is the ticket card's (added to the question it was pre-filled with): the card was still waiting for it.
    const draft = await bot.say(problem);
    expect(draft[1]?.card?.inputs[0]?.value).toBe(`${amIAdmin}\n${problem}`);
    expect(titleOf(await bot.say(press(draft, t.tickets.send)))).toBe(t.tickets.savedTitle.replace('{id}', 'HD-1001'));
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

  it('a Send pressed again after the ticket was sent says which ticket it is, and sends nothing more', async () => {
    const bot = await start({ locale });
    await bot.say(problem);
    const card = await bot.say(language === 'en' ? 'talk to a person' : 'ik wil een mens spreken');
    expect(titleOf(card)).toBe(t.tickets.askTitle);
    expect(titleOf(await bot.say(press(card, t.tickets.send)))).toBe(format(t.tickets.savedTitle, { id: 'HD-1001' }));
    for (let press2 = 0; press2 < 2; press2++) {
      expect((await bot.say(press(card, t.tickets.send))).map((reply) => reply.text)).toEqual([format(t.tickets.alreadySent, { id: 'HD-1001' })]);
    }
    expect(await bot.tickets.findTicket('HD-1002')).toBeUndefined();
  });

  it("an older card's Send while a new card waits shows the new one, and sends nothing", async () => {
    const bot = await start({ locale });
    const talk = language === 'en' ? 'talk to a person' : 'ik wil een mens spreken';
    const older = await bot.say(talk);
    await bot.say(press(older, t.common.cancel));
    await bot.say(talk);
    const pressed = await bot.say(press(older, t.tickets.send, { question: problem }));
    expect(pressed[0]?.text).toBe(t.tickets.olderCard);
    expect(titleOf(pressed)).toBe(t.tickets.askTitle);
    expect(await bot.tickets.findTicket('HD-1001')).toBeUndefined();
    // The card shown now takes the description.
    expect(titleOf(await bot.say(press(pressed, t.tickets.send, { question: problem })))).toBe(format(t.tickets.savedTitle, { id: 'HD-1001' }));
  });

  it("a cancelled card's Send shows the card again with what it said", async () => {
    const bot = await start({ locale });
    const older = await bot.say(language === 'en' ? 'talk to a person' : 'ik wil een mens spreken');
    await bot.say(press(older, t.common.cancel));
    const again = await bot.say(press(older, t.tickets.send, { question: problem }));
    expect(titleOf(again)).toBe(t.tickets.askTitle);
    expect(again.find((reply) => reply.card)?.card?.inputs[0]?.value).toBe(problem);
    expect(await bot.tickets.findTicket('HD-1001')).toBeUndefined();
    await bot.say(language === 'en' ? 'yes' : 'ja');
    expect((await bot.tickets.findTicket('HD-1001'))?.question).toBe(problem);
  });

  it('"Yes, sign me up" pressed again says it is done, without starting over', async () => {
    const bot = await start({ locale });
    const preview = await bot.say(`${signup} ${address.replace('contoso.com', 'tailwind.example')}`);
    expect(titleOf(preview)).toBe(t.signup.previewTitle);
    await bot.say(press(preview, t.signup.confirm));
    expect((await bot.say(press(preview, t.signup.confirm))).map((reply) => reply.text)).toEqual([t.signup.alreadyRecorded]);
  });

  it("a card's Cancel after its flow is over says there is nothing to stop", async () => {
    const bot = await start({ locale });
    const card = await bot.say(language === 'en' ? 'talk to a person' : 'ik wil een mens spreken');
    expect((await bot.say(press(card, t.common.cancel))).map((reply) => reply.text)).toEqual([t.common.cancelled]);
    expect((await bot.say(press(card, t.common.cancel))).map((reply) => reply.text)).toEqual([t.common.nothingToCancel]);
  });

  it("an older card's Cancel leaves the flow that is open now, and the current card's Cancel stops it", async () => {
    const bot = await start({ locale, organizations: [contoso] });
    const takeover = await bot.say(language === 'en' ? 'how do I become the admin of our tenant?' : 'hoe word ik beheerder van onze tenant?');
    const signupCard = await bot.say(signup);
    expect(signupCard[0]?.all).toContain(t.signup.askAddress);
    expect((await bot.say(pressInTeams(takeover, t.common.cancel))).map((reply) => reply.text)).toEqual([t.common.olderCancel]);
    // The signup question is still open.
    expect(titleOf(await bot.say(address))).toBe(t.signup.previewTitle);
    const again = await bot.say(signup);
    expect((await bot.say(pressInTeams(again, t.common.cancel))).map((reply) => reply.text)).toEqual([t.common.cancelled]);
  });

  it('"Use another address" on an earlier answer leaves the preview that waits now', async () => {
    const bot = await start({ locale });
    const refused = await bot.say(language === 'en' ? 'sign me up with raj@gmail.com' : 'meld me aan met raj@gmail.com');
    const preview = await bot.say(language === 'en' ? 'sign me up with raj@rajdesign.example then' : 'meld me dan aan met raj@rajdesign.example');
    expect(titleOf(preview)).toBe(t.signup.previewTitle);
    expect((await bot.say(pressInTeams(refused, t.signup.useAnotherAddress))).map((reply) => reply.text)).toEqual([t.common.olderButton]);
    await bot.say(pressInTeams(preview, t.signup.confirm));
    expect(await bot.directory.findByDomain('rajdesign.example')).toBeDefined();
  });
});

/**
 * What people type where the bot offers buttons: "yes, that helped" for "Did this help?", "no" or "yes" at
 * the ticket's description card, other ways of asking for their tickets, in both languages.
 */
import { describe, expect, it } from '@jest/globals';
import { format, stringsFor } from '../../locales/strings.js';
import { titleOf, useTestBots } from '../helpers/testBot.js';

const start = useTestBots();

describe.each([
  {
    locale: 'en-US',
    amIAdmin: 'am I an admin?',
    helped: ['yes, that helped', 'Yes, thanks', 'thanks that helped'],
    notHelped: ['no', "that didn't help", "I don't understand", "that didn't work", "that didn't help, I still can't sign in"],
    yes: 'yes',
    no: 'no',
    problem: 'the printer on floor 3 prints blank pages',
    talkToPerson: 'I want to talk to a person',
    myTickets: ['show my open tickets', "what's the status of my ticket?", "any update on my ticket?? it's been 2 hours"],
    thanks: 'thank you so much',
    stuck: "that didn't work",
    signup: 'I want to sign up for Power BI',
    check: 'can you check again',
  },
  {
    locale: 'nl-NL',
    amIAdmin: 'ben ik beheerder?',
    helped: ['ja, dat hielp', 'Ja, bedankt', 'bedankt, dit helpt'],
    notHelped: ['nee', 'dat hielp niet', 'dat snap ik niet', 'hoe bedoel je', 'dat werkt niet', 'dat hielp niet, ik krijg echt die foutmelding'],
    yes: 'ja',
    no: 'nee',
    problem: 'de printer op de derde verdieping print lege paginas',
    talkToPerson: 'ik wil een mens spreken',
    myTickets: ['mijn meldingen', 'wat is de status van mijn ticket?', 'hoe staat het met mijn melding?'],
    thanks: 'dank je wel',
    stuck: 'dat werkt niet',
    signup: 'ik wil me aanmelden voor Power BI',
    check: 'controleer het maar even',
  },
] as const)('typed replies in $locale', ({ locale, amIAdmin, helped, notHelped, yes, no, problem, talkToPerson, myTickets, thanks, stuck, signup, check }) => {
  const t = stringsFor(locale === 'nl-NL' ? 'nl' : 'en');

  it.each(helped)('"%s" after an answer rates it helpful, once', async (typed) => {
    const bot = await start({ locale });
    await bot.say(amIAdmin);
    expect((await bot.say(typed))[0]?.text).toBe(t.feedback.thanks);
    // Nothing is left to rate: the same words again are only thanks.
    expect((await bot.say(typed))[0]?.text).toBe(t.common.youreWelcome);
  });

  it.each(notHelped)('"%s" after an answer rates it unhelpful and offers a person', async (typed) => {
    const bot = await start({ locale });
    await bot.say(amIAdmin);
    const replies = await bot.say(typed);
    expect(replies[0]?.text).toBe(t.feedback.sorry);
    expect(titleOf(replies)).toBe(t.tickets.askTitle);
  });

  it('a bare yes or no with no answer to rate starts no flow', async () => {
    const bot = await start({ locale });
    expect((await bot.say(yes))[0]?.text).toBe(t.common.youreWelcome);
    expect(titleOf(await bot.say(no))).toBe(t.notSure.title);
  });

  it('at the description card, "no" sends nothing', async () => {
    const bot = await start({ locale });
    await bot.say(problem);
    await bot.say(talkToPerson);
    expect((await bot.say(no))[0]?.text).toBe(t.tickets.declined);
    expect(await bot.tickets.ticketsOf('user-1')).toEqual([]);
  });

  it('at the description card, an emoji is no description, and "yes" sends the pre-filled question', async () => {
    const bot = await start({ locale });
    await bot.say(problem);
    await bot.say(talkToPerson);
    expect((await bot.say('👍'))[0]?.text).toBe(t.tickets.emptyQuestion);
    expect(await bot.tickets.ticketsOf('user-1')).toEqual([]);
    const sent = await bot.say(yes);
    expect(titleOf(sent)).toBe(format(t.tickets.savedTitle, { id: 'HD-1001' }));
    expect((await bot.tickets.findTicket('HD-1001'))?.question).toBe(problem);
  });

  it('"yes" sends the question the card showed, not the "that didn\'t help" that opened it', async () => {
    const bot = await start({ locale });
    await bot.say(amIAdmin);
    const asked = await bot.say(notHelped[1]);
    expect(asked.find((reply) => reply.card)?.card?.inputs[0]?.value).toBe(amIAdmin);
    await bot.say(yes);
    expect((await bot.tickets.findTicket('HD-1001'))?.question).toBe(amIAdmin);
  });

  it('a question that itself opens the ticket card is its description, and "yes" sends it', async () => {
    const bot = await start({ locale });
    // Asked in English, answered in English: the language the user writes in wins over the Teams client's.
    const question = 'is there a phone number for microsoft support';
    const asked = await bot.say(question);
    expect(titleOf(asked)).toBe(stringsFor('en').tickets.askTitle);
    expect(asked.find((reply) => reply.card)?.card?.inputs[0]?.value).toBe(question);
    await bot.say(yes);
    expect((await bot.tickets.findTicket('HD-1001'))?.question).toBe(question);
  });

  it('at a description card with nothing pre-filled, "yes" asks for a description', async () => {
    const bot = await start({ locale });
    await bot.say(talkToPerson);
    const replies = await bot.say(yes);
    expect(replies[0]?.text).toBe(t.tickets.emptyQuestion);
    expect(titleOf(replies.slice(1))).toBe(t.tickets.askTitle);
    expect(await bot.tickets.ticketsOf('user-1')).toEqual([]);
  });

  it('thanks, or "that didn\'t work", at a waiting card starts nothing new: the card keeps waiting, with a way on', async () => {
    const bot = await start({ locale });
    const asked = await bot.say(signup);
    expect(titleOf(asked)).toBe(t.signup.title);
    expect((await bot.say(thanks)).map((reply) => reply.text)).toEqual([t.common.youreWelcome]);
    expect((await bot.say(stuck)).map((reply) => reply.text)).toEqual([t.common.stuckAtCard]);
    // Still the address it waits for.
    expect(titleOf(await bot.say('sara@contoso.com'))).toBe(t.signup.previewTitle);
  });

  it.each([check, locale === 'en-US' ? 'i added it, check again pls' : 'zo, nu moet ie er staan'])('"%s" with no takeover to check says so', async (typed) => {
    const bot = await start({ locale });
    expect((await bot.say(typed)).map((reply) => reply.text)).toEqual([t.takeover.nothingToVerify]);
  });

  it.each(myTickets)('"%s" lists the tickets', async (typed) => {
    const bot = await start({ locale });
    expect((await bot.say(typed))[0]?.card?.lines).toEqual([t.tickets.listTitle, t.tickets.none]);
  });
});

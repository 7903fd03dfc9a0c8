/**
 * EscalateDialog transcripts in both languages, with what leads to it and follows from it: "Did this
 * help?" on every answer, a ticket from a "no", "talk to a person", the user's ticket list, and the
 * admin's figures.
 */
import { describe, expect, it } from '@jest/globals';
import type { ChannelAccount } from 'botbuilder';
import { format, stringsFor } from '../../locales/strings.js';
import { MAX_QUESTION } from '../../services/tickets/ticketService.js';
import { contoso, unmanagedTailspin } from '../helpers/fixtures.js';
import { press, titleOf, useTestBots, type Reply, type TestBot } from '../helpers/testBot.js';

const start = useTestBots();

/** The answer id a "Did this help?" button carries, to read the answer back through the service. */
function answerIdOf(replies: Reply[], title: string): string {
  const data = replies.flatMap((reply) => reply.card?.buttons ?? []).find((button) => button.title === title)?.data as { answer?: string } | undefined;
  if (!data?.answer) throw new Error(`answerIdOf(): no answer id on "${title}"`);
  return data.answer;
}

/**
 * The stored answer, read with the service's own feedback call: for an answer already rated it
 * changes nothing and returns the record.
 */
async function ratedAnswer(bot: TestBot, answerId: string, userId = 'user-1') {
  const result = await bot.tickets.giveFeedback(answerId, userId, true);
  if (result.kind !== 'alreadyGiven') throw new Error(`ratedAnswer(): answer ${answerId} was not rated yet (${result.kind})`);
  return result.answer;
}

describe.each([
  {
    language: 'en',
    locale: 'en-US',
    whoIsMyAdmin: 'who is my admin?',
    amIAdmin: 'am I an admin?',
    domainInUse: 'it says contoso.com is already in use',
    talkToPerson: 'I want to talk to a person',
    problem: 'the printer on floor 3 prints blank pages',
    cancelWord: 'cancel',
    myTickets: 'my tickets',
    useChannel: 'use this channel for tickets',
    stats: 'stats',
  },
  {
    language: 'nl',
    locale: 'nl-NL',
    whoIsMyAdmin: 'wie is mijn beheerder?',
    amIAdmin: 'ben ik beheerder?',
    domainInUse: 'hij zegt dat contoso.com al in gebruik is',
    talkToPerson: 'ik wil een mens spreken',
    problem: 'de printer op de derde verdieping print lege paginas',
    cancelWord: 'annuleren',
    myTickets: 'mijn tickets',
    useChannel: 'gebruik dit kanaal voor tickets',
    stats: 'statistieken',
  },
] as const)('EscalateDialog in $language', ({ language, locale, whoIsMyAdmin, amIAdmin, domainInUse, talkToPerson, problem, cancelWord, myTickets, useChannel, stats }) => {
  const t = stringsFor(language);
  const f = t.feedback;
  const s = t.tickets;
  const inContoso = { locale, organizations: [contoso], tenantId: 'tenant-contoso' };
  const contosoAnswerTitle = format(t.whoIsMyAdmin.contactTitle, { org: 'Contoso' });

  /** "Talk to a person", then Send with this description; returns the created card. */
  async function openTicket(bot: TestBot, question: string, from?: ChannelAccount): Promise<Reply[]> {
    const asked = await bot.say({ text: talkToPerson, ...(from ? { from } : {}) });
    expect(titleOf(asked)).toBe(s.askTitle);
    return bot.say({ ...press(asked, s.send, { question }), ...(from ? { from } : {}) });
  }

  describe('Did this help?', () => {
    it.each([
      ['whoIsMyAdmin', whoIsMyAdmin],
      ['amIAdmin', amIAdmin],
      ['domainInUse', domainInUse],
    ] as const)('ends the %s answer with the question and Yes/No, and records a yes once, from its user only', async (intent, question) => {
      const bot = await start(inContoso);
      const answer = await bot.say(question);
      expect(answer).toHaveLength(1);
      expect(answer[0]?.card?.lines.at(-1)).toBe(f.question);
      expect(answer[0]?.card?.buttons.slice(-2).map((button) => button.title)).toEqual([f.yes, f.no]);
      const unrated = await bot.tickets.figuresFor(contoso.id, 0);
      expect(unrated).toMatchObject({ answered: 1, helpful: 0, notHelpful: 0, unrated: 1 });
      expect(unrated.byIntent.map((row) => row.key)).toEqual([intent]);

      expect((await bot.say(press(answer, f.yes))).map((reply) => reply.text)).toEqual([f.thanks]);
      expect(await bot.tickets.figuresFor(contoso.id, 0)).toMatchObject({ answered: 1, helpful: 1, notHelpful: 0, unrated: 0, deflected: 1 });
      expect((await bot.say(press(answer, f.yes))).map((reply) => reply.text)).toEqual([f.already]);
      expect((await bot.say(press(answer, f.no))).map((reply) => reply.text)).toEqual([f.already]);
      expect(await bot.tickets.figuresFor(contoso.id, 0)).toMatchObject({ helpful: 1, notHelpful: 0 });
      expect(bot.desk.announced).toEqual([]);
    });

    it("refuses someone else's press and a forged answer id, changing nothing", async () => {
      const bot = await start(inContoso);
      const answer = await bot.say(whoIsMyAdmin);
      const other = await bot.say({ ...press(answer, f.no), from: { id: 'other', name: 'Other Person' } });
      // Only the refusal: no ticket question for someone who did not get the answer.
      expect(other.map((reply) => reply.text)).toEqual([f.notYours]);
      expect((await bot.say({ ...press(answer, f.yes), from: { id: 'other', name: 'Other Person' } })).map((reply) => reply.text)).toEqual([f.notYours]);
      const forged = await bot.say({ value: { verb: 'feedback', answer: '0b6f3c9e-2d4a-4c1b-9e8f-7a6b5c4d3e2f', helpful: false } });
      expect(forged.map((reply) => reply.text)).toEqual([f.notYours]);
      expect(await bot.tickets.figuresFor(contoso.id, 0)).toMatchObject({ answered: 1, helpful: 0, notHelpful: 0, unrated: 1 });

      // The user who got the answer still can.
      expect((await bot.say(press(answer, f.yes))).map((reply) => reply.text)).toEqual([f.thanks]);
      expect(await bot.tickets.figuresFor(contoso.id, 0)).toMatchObject({ helpful: 1, unrated: 0 });
    });

    it('turns a no into a ticket with the earlier question, the recent conversation, the requester and the answer', async () => {
      const bot = await start(inContoso);
      const answer = await bot.say(whoIsMyAdmin);
      const answerId = answerIdOf(answer, f.no);

      const sorry = await bot.say(press(answer, f.no));
      expect(sorry[0]?.text).toBe(f.sorry);
      expect(sorry[1]?.card?.lines.slice(0, 2)).toEqual([s.askTitle, s.askText]);
      expect(sorry[1]?.card?.inputs).toEqual([{ id: 'question', label: s.questionLabel, value: whoIsMyAdmin }]);
      expect(sorry[1]?.card?.buttons.map((button) => button.title)).toEqual([s.send, t.common.cancel]);
      expect(await bot.tickets.figuresFor(contoso.id, 0)).toMatchObject({ notHelpful: 1, deflected: 0 });

      const created = await bot.say(press(sorry, s.send));
      expect(created).toHaveLength(1);
      expect(titleOf(created)).toBe(format(s.createdTitle, { id: 'HD-1001' }));
      expect(created[0]?.all).toContain(s.createdText);
      expect(created[0]?.all).toContain(s.createdNoChannel);
      expect(created[0]?.all).toContain('servicedesk@contoso.com');

      const ticket = await bot.tickets.findTicket('HD-1001');
      expect(ticket).toMatchObject({
        question: whoIsMyAdmin,
        orgId: contoso.id,
        status: 'open',
        requester: { userId: 'user-1', name: 'Sam Tester', language },
      });
      expect(ticket?.transcript.map((line) => [line.from, line.text])).toEqual([
        ['user', whoIsMyAdmin],
        ['bot', contosoAnswerTitle],
        ['bot', f.sorry],
        ['bot', s.askTitle],
      ]);
      expect(bot.desk.announced.map((announced) => announced.id)).toEqual(['HD-1001']);
      expect(bot.desk.announced[0]).toEqual(ticket);
      expect((await ratedAnswer(bot, answerId)).ticketId).toBe('HD-1001');
      expect(await bot.tickets.figuresFor(contoso.id, 0)).toMatchObject({ answered: 1, deflected: 0, notHelpful: 1, tickets: { open: 1 } });
    });

    it('records the no even when the user then cancels the ticket', async () => {
      const bot = await start(inContoso);
      const answer = await bot.say(amIAdmin);
      const answerId = answerIdOf(answer, f.no);
      const sorry = await bot.say(press(answer, f.no));
      expect((await bot.say(press(sorry, t.common.cancel))).map((reply) => reply.text)).toEqual([t.common.cancelled]);
      expect(await ratedAnswer(bot, answerId)).toMatchObject({ helpful: false });
      expect((await ratedAnswer(bot, answerId)).ticketId).toBeUndefined();
      expect(await bot.tickets.ticketsOf('user-1')).toEqual([]);
      expect(bot.desk.announced).toEqual([]);
    });
  });

  describe('talk to a person', () => {
    it('opens a ticket when asked, pre-filled with what the user asked before', async () => {
      const bot = await start({ locale });
      expect(titleOf(await bot.say(problem))).toBe(t.notSure.title);
      const asked = await bot.say(talkToPerson);
      expect(asked).toHaveLength(1);
      expect(asked[0]?.card?.lines.slice(0, 2)).toEqual([s.askTitle, s.askTextNoOrganization]);
      // Nobody's organization is known here: the card says so before anything is sent.
      expect(asked[0]?.card?.inputs[0]?.value).toBe(problem);

      const created = await bot.say(press(asked, s.send));
      expect(titleOf(created)).toBe(format(s.savedTitle, { id: 'HD-1001' }));
      // Nobody's organization is known here: no helpdesk will see it, and the card says so.
      expect(created[0]?.all).toContain(s.createdNoOrganization);
      expect(created[0]?.all).not.toContain(s.createdText);
      const ticket = await bot.tickets.findTicket('HD-1001');
      expect(ticket?.question).toBe(problem);
      expect(ticket?.orgId).toBeUndefined();
      expect(ticket?.transcript.map((line) => [line.from, line.text])).toEqual([
        ['user', problem],
        ['bot', t.notSure.title],
        ['user', talkToPerson],
        ['bot', s.askTitle],
      ]);
      expect(bot.desk.announced.map((announced) => announced.id)).toEqual(['HD-1001']);
    });

    it('pre-fills the question, not the answer typed to the organization type card, after a no', async () => {
      const bot = await start({ locale });
      const question = language === 'en' ? 'who can reset my password? i forgot it' : 'wie kan mijn wachtwoord resetten? ben het vergeten';
      expect(titleOf(await bot.say(question))).toBe(t.whoIsMyAdmin.askTitle);
      const answer = await bot.say(language === 'en' ? 'insurance company, about 2500 employees' : 'verzekeraar, zo n 2500 man');
      const asked = await bot.say(press(answer, f.no));
      expect(asked.at(-1)?.card?.inputs[0]?.value).toBe(question);
    });

    it('leaves the description for the user to write when nothing was asked before', async () => {
      const bot = await start({ locale });
      const asked = await bot.say(talkToPerson);
      expect(asked[0]?.card?.inputs[0]?.value).toBe('');
    });

    it('opens a ticket from the "Talk to a person" button of the not-sure card', async () => {
      const bot = await start({ locale });
      const notSure = await bot.say(problem);
      const asked = await bot.say(press(notSure, t.topics.escalate));
      expect(titleOf(asked)).toBe(s.askTitle);
      expect(asked[0]?.card?.inputs[0]?.value).toBe(problem);
      const created = await bot.say(press(asked, s.send, { question: `${problem}!!` }));
      expect(titleOf(created)).toBe(format(s.savedTitle, { id: 'HD-1001' }));
      expect((await bot.tickets.findTicket('HD-1001'))?.question).toBe(`${problem}!!`);
    });

    it('does not send the text of the card from before a typed addition, and shows the card with it again', async () => {
      const bot = await start({ locale });
      const first = await bot.say(talkToPerson);
      const typed = language === 'en' ? 'Power BI Pro licence needed for the sales dashboards' : 'Power BI Pro licentie nodig voor dashboards afdeling Burgerzaken';
      const draft = await bot.say(typed);
      // The first card, pressed as Teams sends it: with what its field held.
      const older = await bot.say(press(first, s.send, { question: 'kun jij niet ff een licentie regelen?' }));
      expect(older[0]?.text).toBe(s.olderCard);
      expect(older.at(-1)?.card?.inputs[0]?.value).toBe(typed);
      expect(await bot.tickets.findTicket('HD-1001')).toBeUndefined();
      await bot.say(press(draft, s.send));
      expect((await bot.tickets.findTicket('HD-1001'))?.question).toBe(typed);
    });

    it('takes a typed description as a draft to send, even one that sounds like a topic of its own', async () => {
      const bot = await start({ locale });
      await bot.say(talkToPerson);
      // "password" sounds like "who is my admin?", but at this card it describes the problem.
      const typed = language === 'en' ? 'Outlook keeps asking for my password' : 'Outlook blijft om mijn wachtwoord vragen';
      const draft = await bot.say(typed);
      expect(draft[0]?.text).toBe(format(s.confirmTyped, { send: s.send }));
      expect(titleOf(draft)).toBe(s.askTitle);
      expect(draft[1]?.card?.inputs[0]?.value).toBe(typed);
      expect(await bot.tickets.findTicket('HD-1001')).toBeUndefined();

      // More typed text adds to the draft; a "yes" sends what the card shows.
      const more = language === 'en' ? 'It started after the update' : 'Het begon na de update';
      expect((await bot.say(more))[1]?.card?.inputs[0]?.value).toBe(`${typed}\n${more}`);
      const created = await bot.say(language === 'en' ? 'yes' : 'ja');
      expect(titleOf(created)).toBe(format(s.savedTitle, { id: 'HD-1001' }));
      expect((await bot.tickets.findTicket('HD-1001'))?.question).toBe(`${typed}\n${more}`);
    });

    it('tells someone in an organization nobody administers that no helpdesk can pick the ticket up', async () => {
      const bot = await start({ locale, organizations: [unmanagedTailspin], tenantId: unmanagedTailspin.tenantId });
      await bot.say(language === 'en' ? 'my onedrive will not sync' : 'mijn onedrive synchroniseert niet');
      const asked = await bot.say(talkToPerson);
      expect(asked[0]?.card?.lines[1]).toBe(format(s.askTextNoHelpdesk, { org: unmanagedTailspin.displayName }));
      const created = await bot.say(press(asked, s.send));
      expect(titleOf(created)).toBe(format(s.savedTitle, { id: 'HD-1001' }));
      expect(created[0]?.all).toContain(format(s.createdNoHelpdesk, { org: unmanagedTailspin.displayName }));
      expect(created[0]?.all).not.toContain(s.createdNoChannel);
    });

    it('keeps the draft through a look at "my tickets" and a description that names a topic, and sends it all', async () => {
      const bot = await start({ locale });
      await bot.say(talkToPerson);
      const first = language === 'en' ? 'the admin tile is missing since tuesday' : 'de beheerderstegel is weg sinds dinsdag';
      await bot.say(first);
      const list = await bot.say(language === 'en' ? 'any update on my ticket??' : 'hoe staat het met mijn melding?');
      expect(list[0]?.card?.lines[0]).toBe(s.listTitle);
      expect(list.at(-1)?.text).toBe(s.stillWaiting);
      // Names a signup error, but describes the user's own problem: it goes into the draft.
      const second = language === 'en' ? 'my power bi says IT turned off signup and I need it by friday' : 'mijn power bi zegt dat IT aanmelden heeft uitgezet en ik heb het vrijdag nodig';
      const draft = await bot.say(second);
      expect(draft[1]?.card?.inputs[0]?.value).toBe(`${first}\n${second}`);
      await bot.say(language === 'en' ? 'yes' : 'ja');
      expect((await bot.tickets.findTicket('HD-1001'))?.question).toBe(`${first}\n${second}`);
    });

    it('answers a specific question typed at the card, and the card keeps waiting with nothing sent', async () => {
      const bot = await start({ locale });
      await bot.say(talkToPerson);
      const side = await bot.say(language === 'en' ? 'can I delete the TXT record afterwards?' : 'mag ik het TXT-record daarna weghalen?');
      expect(side[0]?.card?.lines[0]).toBe(t.facts.txtRecordRemoval.title);
      expect(side.at(-1)?.text).toBe(s.stillWaiting);
      expect(await bot.tickets.findTicket('HD-1001')).toBeUndefined();
      const sent = await bot.say(language === 'en' ? 'my OneDrive does not sync' : 'mijn OneDrive synchroniseert niet');
      const created = await bot.say(press(sent, s.send));
      expect((await bot.tickets.findTicket('HD-1001'))?.question).toBe(language === 'en' ? 'my OneDrive does not sync' : 'mijn OneDrive synchroniseert niet');
      expect(titleOf(created)).toBe(format(s.savedTitle, { id: 'HD-1001' }));
    });

    it('does not send a command typed at the card to the helpdesk as a ticket', async () => {
      const bot = await start({ locale });
      await bot.say(problem);
      await bot.say(talkToPerson);
      expect((await bot.say(myTickets))[0]?.card?.lines).toEqual([s.listTitle, s.none]);
      await bot.say(talkToPerson);
      expect((await bot.say(stats)).map((reply) => reply.text)).toEqual([t.stats.notAllowed]);
      expect(await bot.tickets.ticketsOf('user-1')).toEqual([]);
      expect(bot.desk.announced).toEqual([]);
    });

    it('asks again for an empty or too long description, and numbers the ticket sent after that HD-1001', async () => {
      const bot = await start({ locale });
      const asked = await bot.say(talkToPerson);
      for (const question of ['', '   ']) {
        const empty = await bot.say(press(asked, s.send, { question }));
        expect(empty[0]?.text).toBe(s.emptyQuestion);
        expect(empty[1]?.card?.lines[0]).toBe(s.askTitle);
      }
      const tooLong = format(s.tooLong, { max: MAX_QUESTION });
      const typed = await bot.say('x'.repeat(1500));
      expect(typed[0]?.text).toBe(tooLong);
      expect(typed[1]?.card?.lines[0]).toBe(s.askTitle);
      // The card asked again keeps what was written, cut to fit, for the user to shorten.
      expect(typed[1]?.card?.inputs[0]?.value).toBe('x'.repeat(MAX_QUESTION));
      const pressed = await bot.say(press(asked, s.send, { question: 'y'.repeat(1500) }));
      expect(pressed[0]?.text).toBe(tooLong);
      expect(pressed[1]?.card?.inputs[0]?.value).toBe('y'.repeat(MAX_QUESTION));
      expect(await bot.tickets.ticketsOf('user-1')).toEqual([]);
      expect(bot.desk.announced).toEqual([]);

      const created = await bot.say(press(asked, s.send, { question: 'z'.repeat(MAX_QUESTION) }));
      expect(titleOf(created)).toBe(format(s.savedTitle, { id: 'HD-1001' }));
      expect((await bot.tickets.findTicket('HD-1001'))?.question).toHaveLength(MAX_QUESTION);
    });

    it.each(['button', 'typed'] as const)('creates nothing when cancelled (%s), not even from the old Send button afterwards', async (how) => {
      const bot = await start({ locale });
      await bot.say(problem);
      const asked = await bot.say(talkToPerson);
      const cancelled = await bot.say(how === 'button' ? press(asked, t.common.cancel) : cancelWord);
      expect(cancelled.map((reply) => reply.text)).toEqual([t.common.cancelled]);
      expect(await bot.tickets.ticketsOf('user-1')).toEqual([]);

      // The old card's Send asks again rather than sending.
      const again = await bot.say(press(asked, s.send));
      expect(titleOf(again)).toBe(s.askTitle);
      expect(await bot.tickets.ticketsOf('user-1')).toEqual([]);
      expect(bot.desk.announced).toEqual([]);
    });

    it('numbers tickets in order across users, and each user sees only their own', async () => {
      const bot = await start({ locale });
      const first = await openTicket(bot, problem);
      const second = await openTicket(bot, 'Teams crashes on start', { id: 'user-2', name: 'Ann Other' });
      expect(titleOf(first)).toBe(format(s.savedTitle, { id: 'HD-1001' }));
      expect(titleOf(second)).toBe(format(s.savedTitle, { id: 'HD-1002' }));
      expect(bot.desk.announced.map((ticket) => [ticket.id, ticket.requester.userId])).toEqual([
        ['HD-1001', 'user-1'],
        ['HD-1002', 'user-2'],
      ]);
      expect((await bot.tickets.ticketsOf('user-1')).map((ticket) => ticket.id)).toEqual(['HD-1001']);
      expect((await bot.tickets.ticketsOf('user-2')).map((ticket) => ticket.id)).toEqual(['HD-1002']);
      const mine = await bot.say(myTickets);
      expect(mine[0]?.all).toContain('HD-1001');
      expect(mine[0]?.all).not.toContain('HD-1002');
    });
  });

  describe('my tickets', () => {
    it('says there are none, then lists each ticket with its status, assignee and resolution note', async () => {
      const bot = await start({ locale });
      const none = await bot.say(myTickets);
      expect(none[0]?.card?.lines).toEqual([s.listTitle, s.none]);

      await openTicket(bot, problem);
      await openTicket(bot, 'Teams crashes on start');
      const line = (id: string, status: string, question: string) => format(s.statusLine, { id: `**${id}**`, status, question });
      expect((await bot.say(myTickets))[0]?.card?.lines).toEqual([
        s.listTitle,
        line('HD-1001', s.status.open, problem),
        line('HD-1002', s.status.open, 'Teams crashes on start'),
      ]);

      await bot.tickets.assign('HD-1001', { userId: 'kim', name: 'Kim' });
      await bot.tickets.resolve('HD-1002', { userId: 'kim', name: 'Kim' }, 'Reinstalled Teams from the company portal');
      expect((await bot.say(myTickets))[0]?.card?.lines).toEqual([
        s.listTitle,
        line('HD-1001', format(s.status.assigned, { name: 'Kim' }), problem),
        line('HD-1002', s.status.resolved, 'Teams crashes on start'),
        format(s.resolvedNote, { note: 'Reinstalled Teams from the company portal' }),
      ]);
    });

    it('records who resolved a ticket, also when it was assigned to someone else', async () => {
      const bot = await start({ locale });
      await openTicket(bot, problem);
      await bot.tickets.assign('HD-1001', { userId: 'kim', name: 'Kim' });
      const resolved = await bot.tickets.resolve('HD-1001', { userId: 'lee', name: 'Lee' }, 'Done');
      expect(resolved).toMatchObject({ ticket: { status: 'resolved', assignee: { name: 'Kim' }, resolvedBy: { name: 'Lee' } } });
    });

    it('shortens a long question in the list', async () => {
      const bot = await start({ locale });
      await openTicket(bot, 'a'.repeat(200));
      const listed = (await bot.say(myTickets))[0]?.card?.lines[1];
      expect(listed).toBe(format(s.statusLine, { id: '**HD-1001**', status: s.status.open, question: `${'a'.repeat(79)}…` }));
    });
  });

  describe('stats', () => {
    it('refuses anyone who is not a recorded admin of their organization', async () => {
      const member = await start(inContoso);
      expect((await member.say(stats)).map((reply) => reply.text)).toEqual([t.stats.notAllowed]);
      const outsider = await start({ locale, organizations: [contoso], from: { aadObjectId: 'aad-megan' } });
      expect((await outsider.say(stats)).map((reply) => reply.text)).toEqual([t.stats.notAllowed]);
    });

    it("shows the organization's admin the figures of its answers, feedback and tickets", async () => {
      const bot = await start({ ...inContoso, from: { aadObjectId: 'aad-megan' } });
      // Four answers: two helpful, one not (it became a ticket), one not rated.
      await bot.say(press(await bot.say(whoIsMyAdmin), f.yes));
      await bot.say(press(await bot.say(press(await bot.say(amIAdmin), f.no)), s.send));
      await bot.say(domainInUse);
      await bot.say(press(await bot.say(whoIsMyAdmin), f.yes));
      await bot.tickets.assign('HD-1001', { userId: 'kim', name: 'Kim' });

      const figures = await bot.say(stats);
      expect(figures).toHaveLength(1);
      const rate = (percent: number, deflected: number, answered: number) => format(t.stats.rateValue, { rate: percent, deflected, answered });
      expect(figures[0]?.card?.lines).toEqual([
        t.stats.title,
        format(t.stats.intro, { org: 'Contoso' }),
        // Deflected: the two yeses and the unrated answer that led to no ticket; 3 of 4.
        `${t.stats.rate}: ${rate(75, 3, 4)}`,
        `${t.stats.answered}: 4`,
        `${t.stats.helpful}: 2`,
        `${t.stats.notHelpful}: 1`,
        `${t.stats.ticketsOpen}: 0`,
        `${t.stats.ticketsAssigned}: 1`,
        `${t.stats.ticketsResolved}: 0`,
        `${t.stats.pendingTakeovers}: 0`,
        `**${t.stats.byIntent}**`,
        `${t.topics.amIAdmin}: ${rate(0, 0, 1)}`,
        `${t.topics.domainInUse}: ${rate(100, 1, 1)}`,
        `${t.topics.whoIsMyAdmin}: ${rate(100, 2, 2)}`,
      ]);
    });

    it('says there are no answers yet to an admin of a quiet organization', async () => {
      const bot = await start({ ...inContoso, from: { aadObjectId: 'aad-megan' } });
      expect((await bot.say(stats))[0]?.card?.lines[2]).toBe(`${t.stats.rate}: ${t.stats.noAnswers}`);
    });
  });

  it('says the helpdesk channel can only be chosen in a team, in a personal chat', async () => {
    const bot = await start({ ...inContoso, from: { aadObjectId: 'aad-megan' } });
    expect((await bot.say(useChannel)).map((reply) => reply.text)).toEqual([s.channelOnlyInTeam]);
  });
});

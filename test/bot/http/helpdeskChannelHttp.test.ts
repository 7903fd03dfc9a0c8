/**
 * The human helpdesk over HTTP against the real server, driven the way Teams drives it: the bot added to a
 * team, an admin choosing the team's channel for tickets, a ticket from a personal chat posted there, Assign
 * to me and Resolve pressed in the channel (the card updated in place, the requester told in their own
 * language), presses forged from elsewhere, and the report over the store such conversations leave behind.
 * @remarks The Teams member look-up (who pressed, their email) is answered by `connector.members`, so the
 * admin check sees what Teams would tell the bot.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalConnector, type ConnectorActivity } from '../../../devtools/localConnector.js';
import { runReportCli } from '../../../cli/reportCli.js';
import { format, stringsFor, type Strings } from '../../../locales/strings.js';
import type { Figures } from '../../../services/tickets/figures.js';
import { contoso } from '../../helpers/fixtures.js';
import { startHttpBot, storeEnvFor, type HttpBot } from '../../helpers/httpBot.js';
import { cardOf, cardText, conversation, sentDuring, type HttpConversation, type TeamChannel } from '../../helpers/httpConversation.js';

const en = stringsFor('en');
const nl = stringsFor('nl');
const TENANT = contoso.tenantId!;
/** Contoso's IT team and its General channel; a channel message's conversation is `CHANNEL;messageid=...`. */
const HELPDESK: TeamChannel = { teamId: '19:it-team@thread.tacv2', channelId: '19:it-general@thread.tacv2' };
const OTHER_TEAM: TeamChannel = { teamId: '19:sales-team@thread.tacv2', channelId: '19:sales-general@thread.tacv2' };

let connector: LocalConnector;
beforeAll(async () => {
  connector = await LocalConnector.start();
  // As Teams' member look-up answers for Contoso's people; Megan is the admin the directory knows.
  for (const [id, name, email] of [
    ['aad-megan', 'Megan Bowen', 'megan@contoso.com'],
    ['kim', 'Kim Akers', 'kim@contoso.com'],
    ['lee', 'Lee Gu', 'lee@contoso.com'],
    ['lotte', 'Lotte de Wit', 'lotte@contoso.com'],
  ]) {
    connector.members.set(id!, { id: id!, name, email, tenantId: TENANT });
  }
});
afterAll(async () => {
  await connector.close();
});

const PEOPLE = {
  megan: { userId: 'aad-megan', name: 'Megan Bowen', aadObjectId: 'aad-megan' },
  kim: { userId: 'kim', name: 'Kim Akers', aadObjectId: 'aad-kim' },
};
/** The name the helpdesk cards and notices give Kim, from her activities' `from.name`. */
const KIM = PEOPLE.kim.name;

/** Someone in the team's channel: Megan (the admin) or Kim (helpdesk staff, no admin). */
function inChannel(bot: HttpBot, who: keyof typeof PEOPLE, options: { channel?: TeamChannel; conversationId?: string } = {}): HttpConversation {
  return conversation(bot, connector, { locale: 'en-US', tenantId: TENANT, channel: HELPDESK, replyToCard: true, ...PEOPLE[who], ...options });
}

/** What the connector received in this conversation during `work`. */
/** A bot on a fresh store that knows Contoso, with Megan having chosen the helpdesk channel. */
async function helpdeskWithChannel(): Promise<HttpBot> {
  const bot = await startHttpBot();
  await bot.app.directory.save(contoso);
  expect(cardText(await inChannel(bot, 'megan').say('use this channel for tickets'))).toBe(format(en.tickets.channelSet, { org: contoso.displayName }));
  return bot;
}

describe('choosing the helpdesk channel, in Teams', () => {
  let bot: HttpBot;
  beforeAll(async () => {
    bot = await startHttpBot();
    await bot.app.directory.save(contoso);
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('tells the team how to receive tickets when the bot is added to it', async () => {
    const general = inChannel(bot, 'megan', { conversationId: HELPDESK.channelId });
    const welcome = await general.send({
      type: 'conversationUpdate',
      membersAdded: [{ id: 'bot', name: 'Helpdesk' }],
      channelData: { team: { id: HELPDESK.teamId, name: 'Contoso IT' }, eventType: 'teamMemberAdded', tenant: { id: TENANT } },
    });
    expect(welcome).toHaveLength(1);
    expect(welcome[0]).toMatchObject({ type: 'message', text: en.tickets.channelWelcome });
    expect(welcome[0]!.attachments ?? []).toEqual([]);
  });

  it('refuses a channel chosen by someone who is not a known admin, and the organization keeps none', async () => {
    const refused = await inChannel(bot, 'kim').say('use this channel for tickets');
    expect(cardText(refused)).toBe(format(en.tickets.channelNeedsAdmin, { org: contoso.displayName }));
    expect((await bot.app.directory.findById(contoso.id))?.helpdeskChannel).toBeUndefined();
  });

  it('refuses the command in a personal chat', async () => {
    const chat = conversation(bot, connector, { locale: 'en-US', ...PEOPLE.megan, tenantId: TENANT });
    expect(cardText(await chat.say('use this channel for tickets'))).toBe(en.tickets.channelOnlyInTeam);
    expect((await bot.app.directory.findById(contoso.id))?.helpdeskChannel).toBeUndefined();
  });

  it('takes the channel itself, not the thread, when a known admin @mentions the bot there', async () => {
    const set = await inChannel(bot, 'megan').say('use this channel for tickets');
    expect(cardText(set)).toBe(format(en.tickets.channelSet, { org: contoso.displayName }));
    expect((await bot.app.directory.findById(contoso.id))?.helpdeskChannel).toMatchObject({
      conversationId: HELPDESK.channelId,
      language: 'en',
      setBy: 'megan@contoso.com',
    });
  });

  it('takes the channel from a sentence that asks for it', async () => {
    const set = await inChannel(bot, 'megan').say('hey can we use this channel for tickets pls');
    expect(cardText(set)).toBe(format(en.tickets.channelSet, { org: contoso.displayName }));
  });

  it('knows the admin by her Entra ID object id when the Teams member look-up fails', async () => {
    await bot.app.directory.save(contoso);
    const megan = conversation(bot, connector, { locale: 'en-US', tenantId: TENANT, channel: HELPDESK, userId: 'not-in-lookup', aadObjectId: 'aad-megan' });
    expect(cardText(await megan.say('use this channel for tickets'))).toBe(format(en.tickets.channelSet, { org: contoso.displayName }));
    expect((await bot.app.directory.findById(contoso.id))?.helpdeskChannel).toMatchObject({ conversationId: HELPDESK.channelId, setBy: 'aad-megan' });
  });
});

describe('tickets opened before there is a helpdesk channel', () => {
  it('are posted to the channel once an admin chooses one, as the requester was told, and only once', async () => {
    const bot = await startHttpBot();
    try {
      await bot.app.directory.save(contoso);
      const lee = conversation(bot, connector, { locale: 'en-US', userId: 'lee', tenantId: TENANT });
      await lee.say('my password stopped working');
      const created = await lee.press(await lee.say('talk to a person'), en.tickets.send);
      expect(cardText(created)).toContain(en.tickets.createdNoChannel);

      let reply: ConnectorActivity[] = [];
      const posted = await sentDuring(connector, HELPDESK.channelId, async () => {
        reply = await inChannel(bot, 'megan').say('use this channel for tickets');
      });
      // The channel is confirmed first, then the waiting ticket is posted, then that is said.
      expect(reply.map((activity) => activity.text)).toEqual([format(en.tickets.channelSet, { org: contoso.displayName }), en.tickets.channelPostedWaitingOne]);
      expect(posted).toHaveLength(1);
      expect(cardOf(posted[0]).lines[0]).toBe(format(en.tickets.channelCardTitle, { id: 'HD-1001' }));
      expect(cardOf(posted[0]).lines).toContain('my password stopped working');

      const again = await sentDuring(connector, HELPDESK.channelId, async () => {
        reply = await inChannel(bot, 'megan').say('use this channel for tickets');
      });
      expect(again).toHaveLength(0);
      expect(cardText(reply)).toBe(format(en.tickets.channelSet, { org: contoso.displayName }));
    } finally {
      await bot.stop();
    }
  });
});

describe.each([
  ['en', 'en-US', en, 'lee', 'my password stopped working', 'talk to a person', 'my tickets'],
  ['nl', 'nl-NL', nl, 'lotte', 'mijn wachtwoord werkt niet meer', 'ik wil een mens spreken', 'mijn tickets'],
] as const)('a ticket from a requester in %s, worked in the helpdesk channel', (_language, locale, t, requesterId, question, talkToAPerson, myTickets) => {
  let bot: HttpBot;
  let requester: HttpConversation;
  /** The ticket's card in the helpdesk channel, as first posted. */
  let ticketCard: ConnectorActivity;
  beforeEach(async () => {
    bot = await helpdeskWithChannel();
    requester = conversation(bot, connector, { locale, userId: requesterId, tenantId: TENANT });
    ticketCard = await sendTicket(bot, requester, t, question, talkToAPerson);
  });
  afterEach(async () => {
    await bot.stop();
  });

  /** The press of a button on the ticket card by Kim, in the thread the card started, as Teams sends it. */
  function kimPresses(card: ConnectorActivity, title: string, fields?: Record<string, string>): Promise<ConnectorActivity[]> {
    const thread = inChannel(bot, 'kim', { conversationId: `${HELPDESK.channelId};messageid=${ticketCard.id!}` });
    return thread.press([card], title, fields);
  }

  it('posts the question and the recent conversation to the channel, and tells the requester it is with the helpdesk', async () => {
    const card = cardOf(ticketCard);
    // The channel was set up in English: its card is in English, whatever the requester speaks.
    expect(card.lines[0]).toBe(format(en.tickets.channelCardTitle, { id: 'HD-1001' }));
    expect(card.lines).toContain(question);
    const { name, email } = connector.members.get(requesterId)!;
    expect(card.lines).toContain(`${en.tickets.factFrom}: ${name} <${email}>`);
    expect(card.lines).toContain(`${en.tickets.factOrganization}: ${contoso.displayName}`);
    expect(card.lines).toContain(`${en.tickets.factStatus}: ${en.tickets.status.open}`);
    expect(card.lines).toContain(format(en.tickets.userSaid, { text: question }));
    expect(card.lines).toContain(format(en.tickets.userSaid, { text: talkToAPerson }));
    expect(card.buttons.map((button) => button.title)).toEqual([en.tickets.assignToMe, en.tickets.resolve]);
  });

  it('takes a ticket whose text holds NUL characters, on either store, without them', async () => {
    const second = conversation(bot, connector, { locale, userId: `${requesterId}\u0000-2`, tenantId: TENANT });
    await second.say(`${question}\u0000!`);
    const asked = await second.say(talkToAPerson);
    let created: ConnectorActivity[] = [];
    const posted = await sentDuring(connector, HELPDESK.channelId, async () => {
      created = await second.press(asked, t.tickets.send, { question: `\u0000${question}\u0000` });
    });

    expect(cardText(created)).toContain(format(t.tickets.createdTitle, { id: 'HD-1002' }));
    expect(cardOf(posted[0]).lines).toContain(question);
    expect(cardOf(posted[0]).lines).toContain(format(en.tickets.userSaid, { text: `${question}!` }));
  });

  it('updates the card in place when Kim assigns it, and tells the requester in their language', async () => {
    const requesterHeard = await sentDuring(connector, requester.id, async () => {
      const pressed = await kimPresses(ticketCard, en.tickets.assignToMe);
      expect(pressed.map((activity) => activity.id)).toEqual([ticketCard.id]);
      expect(cardOf(pressed[0]).lines).toContain(`${en.tickets.factStatus}: ${format(en.tickets.status.assigned, { name: KIM })}`);
      // Taken: only Resolve is left to press.
      expect(cardOf(pressed[0]).buttons.map((button) => button.title)).toEqual([en.tickets.resolve]);
      // Assign pressed again on the card as first posted: it is Kim's already, and the requester is not told twice.
      const again = await kimPresses(ticketCard, en.tickets.assignToMe);
      expect(again.map((activity) => activity.text).filter(Boolean)).toEqual([format(en.tickets.alreadyYours, { id: 'HD-1001' })]);
    });
    expect(requesterHeard.map((activity) => activity.text)).toEqual([format(t.tickets.assignedNotice, { id: 'HD-1001', name: KIM })]);
    expect(cardText(await requester.say(myTickets))).toContain(format(t.tickets.statusLine, { id: '**HD-1001**', status: format(t.tickets.status.assigned, { name: KIM }), question }));
  });

  it('asks for a note before resolving, then resolves in place without buttons and passes the note on', async () => {
    const assigned = await kimPresses(ticketCard, en.tickets.assignToMe);
    const note = 'Your password was reset: sign in with the temporary one Megan sent you.';

    const noNote = await sentDuring(connector, requester.id, async () => {
      const pressed = await kimPresses(assigned[0]!, en.tickets.resolve);
      expect(pressed).toHaveLength(1);
      expect(pressed[0]!.id).not.toBe(ticketCard.id);
      expect(pressed[0]!.text).toBe(en.tickets.noteNeeded);
    });
    expect(noNote).toEqual([]);
    expect(cardText(await requester.say(myTickets))).toContain(format(t.tickets.status.assigned, { name: KIM }));

    const requesterHeard = await sentDuring(connector, requester.id, async () => {
      const pressed = await kimPresses(assigned[0]!, en.tickets.resolve, { note });
      expect(pressed.map((activity) => activity.id)).toEqual([ticketCard.id]);
      const card = cardOf(pressed[0]);
      expect(card.lines).toContain(`${en.tickets.factStatus}: ${en.tickets.status.resolved}`);
      expect(card.lines).toContain(format(en.tickets.resolvedBy, { name: KIM, note }));
      expect(card.buttons).toEqual([]);
      expect(card.inputs).toEqual([]);
    });
    expect(requesterHeard.map((activity) => activity.text)).toEqual([
      `${format(t.tickets.resolvedNotice, { id: 'HD-1001', name: KIM })}\n\n${format(t.tickets.resolvedNote, { note })}`,
    ]);

    const list = cardText(await requester.say(myTickets));
    expect(list).toContain(format(t.tickets.statusLine, { id: '**HD-1001**', status: t.tickets.status.resolved, question }));
    expect(list).toContain(format(t.tickets.resolvedNote, { note }));

    // An older copy of the card pressed again: it shows the final state, and the requester hears nothing more.
    const late = await sentDuring(connector, requester.id, async () => {
      const pressed = await kimPresses(ticketCard, en.tickets.assignToMe);
      expect(pressed.map((activity) => activity.id)).toEqual([ticketCard.id, expect.any(String)]);
      expect(cardOf(pressed[0]).lines).toContain(format(en.tickets.resolvedBy, { name: KIM, note }));
      expect(pressed[1]!.text).toBe(format(en.tickets.alreadyResolved, { id: 'HD-1001' }));
    });
    expect(late).toEqual([]);
  });

  it('refuses Assign and Resolve forged outside the helpdesk channel, and the ticket stays open', async () => {
    // The requester in their own chat, and the admin in another team's channel, each in their own language.
    const forgeries: [HttpConversation, Strings][] = [
      [requester, t],
      [inChannel(bot, 'megan', { channel: OTHER_TEAM }), en],
    ];
    for (const [from, strings] of forgeries) {
      const channelSaw = await sentDuring(connector, HELPDESK.channelId, async () => {
        const requesterSaw = await sentDuring(connector, requester.id, async () => {
          for (const value of [{ verb: 'assignTicket', ticket: 'HD-1001' }, { verb: 'resolveTicket', ticket: 'HD-1001', note: 'done' }]) {
            expect(cardText(await from.send({ value, replyToId: ticketCard.id }))).toBe(strings.tickets.notFromChannel);
          }
          const executed = await from.execute('assignTicket', { ticket: 'HD-1001' }, ticketCard.id);
          expect(executed.status).toBe(200);
          expect(cardText(executed.replies)).toBe(strings.tickets.notFromChannel);
        });
        // Nothing but the refusals when they were the ones pressing: no notice of a change.
        expect(requesterSaw.filter((activity) => activity.text !== t.tickets.notFromChannel)).toEqual([]);
      });
      expect(channelSaw).toEqual([]);
    }
    expect(connector.activities.filter((activity) => activity.id === ticketCard.id)).toHaveLength(1);
    expect(cardText(await requester.say(myTickets))).toContain(format(t.tickets.statusLine, { id: '**HD-1001**', status: t.tickets.status.open, question }));
  });
});

describe('a ticket card pressed by a colleague whose Teams speaks another language', () => {
  it('stays in the language the channel was set up in, and answers the colleague in theirs', async () => {
    const bot = await helpdeskWithChannel();
    try {
      const requester = conversation(bot, connector, { locale: 'en-US', userId: 'lee', tenantId: TENANT });
      const ticketCard = await sendTicket(bot, requester, en, 'my password stopped working', 'talk to a person');
      const dutchKim = conversation(bot, connector, {
        locale: 'nl-NL',
        tenantId: TENANT,
        channel: HELPDESK,
        conversationId: `${HELPDESK.channelId};messageid=${ticketCard.id!}`,
        replyToCard: true,
        ...PEOPLE.kim,
      });

      expect(cardText(await dutchKim.press([ticketCard], en.tickets.resolve))).toBe(nl.tickets.noteNeeded);
      const assigned = await dutchKim.press([ticketCard], en.tickets.assignToMe);
      expect(assigned.map((activity) => activity.id)).toEqual([ticketCard.id]);
      const card = cardOf(assigned[0]);
      expect(card.lines[0]).toBe(format(en.tickets.channelCardTitle, { id: 'HD-1001' }));
      expect(card.lines).toContain(`${en.tickets.factStatus}: ${format(en.tickets.status.assigned, { name: KIM })}`);
      expect(card.buttons.map((button) => button.title)).toEqual([en.tickets.resolve]);
    } finally {
      await bot.stop();
    }
  });
});

/**
 * The requester's side of a ticket: asks, wants a person, sends the description the bot pre-filled.
 * Returns the ticket's card in the helpdesk channel.
 */
async function sendTicket(bot: HttpBot, requester: HttpConversation, t: Strings, question: string, talkToAPerson: string): Promise<ConnectorActivity> {
  await requester.say(question);
  const asked = await requester.say(talkToAPerson);
  expect(cardOf(asked[0]).inputs).toEqual([expect.objectContaining({ id: 'question', value: question })]);
  let created: ConnectorActivity[] = [];
  const posted = await sentDuring(connector, HELPDESK.channelId, async () => {
    created = await requester.press(asked, t.tickets.send);
  });
  expect(cardText(created)).toContain(format(t.tickets.createdTitle, { id: 'HD-1001' }));
  expect(cardText(created)).toContain(t.tickets.createdText);
  expect(cardText(created)).not.toContain(t.tickets.createdNoChannel);
  expect(posted).toHaveLength(1);
  return posted[0]!;
}

describe('the report over conversations held over HTTP', () => {
  it('counts what happened, deflections and the ticket, without a word of what was asked', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'helpdesk-channel-report-'));
    const dbFile = join(folder, 'helpdesk.json');
    const asked = ['who is my admin?', 'who can reset my password', 'Who can assign me an E3 licence?', 'wie is mijn beheerder?'];
    try {
      const bot = await startHttpBot({}, dbFile);
      try {
        await bot.app.directory.save(contoso);
        const ask = async (userId: string, locale: string, text: string) => {
          const chat = conversation(bot, connector, { locale, userId, tenantId: TENANT });
          const answer = await chat.say(text);
          expect(cardText(answer)).toContain(stringsFor(locale === 'nl-NL' ? 'nl' : 'en').feedback.question);
          return { chat, answer };
        };
        // Two rated helpful.
        for (const [userId, text] of [['report-1', asked[0]!], ['report-2', asked[1]!]] as const) {
          const { chat, answer } = await ask(userId, 'en-US', text);
          expect(cardText(await chat.press(answer, en.feedback.yes))).toBe(en.feedback.thanks);
        }
        // One rated not helpful, which becomes a ticket.
        const unhelpful = await ask('report-3', 'en-US', asked[2]!);
        const toPerson = await unhelpful.chat.press(unhelpful.answer, en.feedback.no);
        expect(cardText(toPerson)).toContain(en.feedback.sorry);
        expect(cardText(await unhelpful.chat.press(toPerson, en.tickets.send))).toContain(format(en.tickets.createdTitle, { id: 'HD-1001' }));
        // One never rated.
        await ask('report-4', 'nl-NL', asked[3]!);
      } finally {
        await bot.stop();
      }

      let stdout = '';
      let stderr = '';
      // The store the bot used: its file, or (PostgreSQL runs) the database standing in for it.
      const code = await runReportCli(['--format', 'json'], { env: await storeEnvFor(dbFile), stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      const figures = JSON.parse(stdout) as Figures;
      expect(figures).toMatchObject({
        answered: 4,
        deflected: 3,
        deflectionRate: 0.75,
        helpful: 2,
        notHelpful: 1,
        unrated: 1,
        byIntent: [{ key: 'whoIsMyAdmin', answered: 4, deflected: 3 }],
        byLanguage: [
          { key: 'en', answered: 3, deflected: 2 },
          { key: 'nl', answered: 1, deflected: 1 },
        ],
        tickets: { open: 1, assigned: 0, resolved: 0, createdInPeriod: 1 },
      });
      for (const question of asked) expect(stdout.toLowerCase()).not.toContain(question.toLowerCase());
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

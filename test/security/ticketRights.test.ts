/**
 * Who may work a ticket, over HTTP against the real server, driven the way Teams drives it: in the helpdesk channel
 * its requester may not Assign or Resolve it (unless an admin), and the card stays as it is; the requester withdraws
 * it from their own chat instead, and the channel's card then says so, in place.
 * @remarks The Teams member look-up is answered by `connector.members`, so the admin check sees what Teams would say.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { LocalConnector, type ConnectorActivity } from '../../devtools/localConnector.js';
import { format, stringsFor, type Strings } from '../../locales/strings.js';
import { contoso } from '../helpers/fixtures.js';
import { startHttpBot, type HttpBot } from '../helpers/httpBot.js';
import { cardOf, cardText, conversation, sentDuring, type HttpConversation, type TeamChannel } from '../helpers/httpConversation.js';

const en = stringsFor('en');
const nl = stringsFor('nl');
const TENANT = contoso.tenantId!;
const HELPDESK: TeamChannel = { teamId: '19:it-team@thread.tacv2', channelId: '19:it-general@thread.tacv2' };

const PEOPLE = {
  megan: { userId: 'aad-megan', name: 'Megan Bowen', aadObjectId: 'aad-megan', email: 'megan@contoso.com' },
  kim: { userId: 'kim', name: 'Kim Akers', aadObjectId: 'aad-kim', email: 'kim@contoso.com' },
  lee: { userId: 'lee', name: 'Lee Gu', aadObjectId: 'aad-lee', email: 'lee@contoso.com' },
};
type Person = keyof typeof PEOPLE;

let connector: LocalConnector;
beforeAll(async () => {
  connector = await LocalConnector.start();
  for (const { userId, name, email } of Object.values(PEOPLE)) connector.members.set(userId, { id: userId, name, email, tenantId: TENANT });
});
afterAll(async () => {
  await connector.close();
});

function personOf(who: Person) {
  const { userId, name, aadObjectId } = PEOPLE[who];
  return { userId, name, aadObjectId };
}

/** Someone in the helpdesk channel, in the thread of the ticket's card (or the channel itself). */
function inChannel(bot: HttpBot, who: Person, locale = 'en-US', card?: ConnectorActivity): HttpConversation {
  const conversationId = card ? `${HELPDESK.channelId};messageid=${card.id!}` : undefined;
  return conversation(bot, connector, { locale, tenantId: TENANT, channel: HELPDESK, replyToCard: true, ...personOf(who), ...(conversationId ? { conversationId } : {}) });
}

/** What the connector received in this conversation during `work`. */
/** The requester's ticket from their personal chat; returns its card as posted in the helpdesk channel. */
async function sendTicket(requester: HttpConversation, t: Strings, question: string, talkToAPerson: string): Promise<ConnectorActivity> {
  await requester.say(question);
  const asked = await requester.say(talkToAPerson);
  const posted = await sentDuring(connector, HELPDESK.channelId, () => requester.press(asked, t.tickets.send));
  expect(posted).toHaveLength(1);
  return posted[0]!;
}

describe.each([
  ['en', 'en-US', en, 'my password stopped working', 'talk to a person', 'my tickets'],
  ['nl', 'nl-NL', nl, 'mijn wachtwoord werkt niet meer', 'ik wil een mens spreken', 'mijn meldingen'],
] as const)('ticket rights, the requester speaking %s', (_language, locale, t, question, talkToAPerson, myTickets) => {
  let bot: HttpBot;
  beforeEach(async () => {
    bot = await startHttpBot();
    await bot.app.directory.save(contoso);
    expect(cardText(await inChannel(bot, 'megan').say('use this channel for tickets'))).toBe(format(en.tickets.channelSet, { org: contoso.displayName }));
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('refuses Assign and Resolve pressed by the requester in the helpdesk channel, in their language, and the card stays as it is', async () => {
    const requester = conversation(bot, connector, { locale, tenantId: TENANT, ...personOf('lee') });
    const card = await sendTicket(requester, t, question, talkToAPerson);
    const leeInChannel = inChannel(bot, 'lee', locale, card);

    const requesterHeard = await sentDuring(connector, requester.id, async () => {
      for (const [title, fields] of [[en.tickets.assignToMe, {}], [en.tickets.resolve, { note: 'fixed it myself lol' }]] as const) {
        const pressed = await leeInChannel.press([card], title, fields);
        expect(pressed.map((activity) => [activity.id === card.id, activity.text])).toEqual([[false, format(t.tickets.ownTicket, { id: 'HD-1001' })]]);
      }
      const executed = await leeInChannel.execute('resolveTicket', { ticket: 'HD-1001', note: 'fixed it myself lol' }, card.id);
      expect(cardText(executed.replies)).toBe(format(t.tickets.ownTicket, { id: 'HD-1001' }));
    });
    expect(requesterHeard).toEqual([]);
    expect(connector.activities.filter((activity) => activity.id === card.id)).toHaveLength(1);
    expect(cardText(await requester.say(myTickets))).toContain(format(t.tickets.statusLine, { id: '**HD-1001**', status: t.tickets.status.open, question }));
    expect((await bot.app.directory.auditTrail('contoso.com', 3)).map((entry) => entry.outcome)).toEqual(
      expect.arrayContaining(['refused: HD-1001 pressed by its requester']),
    );

    // The admin then takes it, as she could before: no "already assigned to" the requester.
    const taken = await inChannel(bot, 'megan', 'en-US', card).press([card], en.tickets.assignToMe);
    expect(taken.map((activity) => activity.id)).toEqual([card.id]);
    expect(cardOf(taken[0]).lines).toContain(`${en.tickets.factStatus}: ${format(en.tickets.status.assigned, { name: PEOPLE.megan.name })}`);
  });

  it("lets an admin resolve a ticket she raised herself", async () => {
    const megan = conversation(bot, connector, { locale, tenantId: TENANT, ...personOf('megan') });
    const card = await sendTicket(megan, t, question, talkToAPerson);
    const resolved = await inChannel(bot, 'megan', locale, card).press([card], en.tickets.resolve, { note: 'Reset it in the admin center' });
    expect(resolved.map((activity) => activity.id)).toEqual([card.id]);
    expect(cardText(await megan.say(myTickets))).toContain(format(t.tickets.statusLine, { id: '**HD-1001**', status: t.tickets.status.resolved, question }));
  });

  it('lets the requester withdraw it from their own chat; the channel card then says so, in place, and takes no more presses', async () => {
    const requester = conversation(bot, connector, { locale, tenantId: TENANT, ...personOf('lee') });
    const card = await sendTicket(requester, t, question, talkToAPerson);
    const list = await requester.say(myTickets);
    let answer: ConnectorActivity[] = [];
    const channelSaw = await sentDuring(connector, HELPDESK.channelId, async () => {
      answer = await requester.press(list, format(t.tickets.withdraw, { id: 'HD-1001' }));
    });
    expect(cardText(answer)).toBe(format(t.tickets.withdrawnText, { id: 'HD-1001' }));
    expect(channelSaw.map((activity) => activity.id)).toEqual([card.id]);
    const shown = cardOf(channelSaw[0]);
    expect(shown.lines).toContain(`${en.tickets.factStatus}: ${en.tickets.status.withdrawn}`);
    expect(shown.lines).toContain(en.tickets.withdrawnBy);
    expect(shown.buttons).toEqual([]);

    const late = await inChannel(bot, 'kim', 'en-US', card).press([card], en.tickets.assignToMe);
    expect(late.map((activity) => activity.text).filter(Boolean)).toEqual([format(en.tickets.alreadyWithdrawn, { id: 'HD-1001' })]);
    expect(cardText(await requester.say(myTickets))).toContain(format(t.tickets.statusLine, { id: '**HD-1001**', status: t.tickets.status.withdrawn, question }));
  });

  it('refuses a withdrawal by someone else, and one pressed in the helpdesk channel', async () => {
    const requester = conversation(bot, connector, { locale, tenantId: TENANT, ...personOf('lee') });
    const card = await sendTicket(requester, t, question, talkToAPerson);
    const kim = conversation(bot, connector, { locale, tenantId: TENANT, ...personOf('kim') });
    expect(cardText(await kim.send({ value: { verb: 'withdrawTicket', ticket: 'HD-1001' } }))).toBe(format(t.tickets.withdrawNotYours, { id: 'HD-1001' }));
    expect(cardText(await inChannel(bot, 'lee', locale, card).send({ value: { verb: 'withdrawTicket', ticket: 'HD-1001' } }))).toBe(
      format(t.tickets.withdrawInOwnChat, { id: 'HD-1001' }),
    );
    expect(cardText(await requester.say(myTickets))).toContain(format(t.tickets.statusLine, { id: '**HD-1001**', status: t.tickets.status.open, question }));
  });
});

/**
 * Real messages people type, over HTTP against the real server, each in the situation it was typed in: sign-in
 * trouble that is no signup, replies to "Did this help?", a "jup" at the address card, "my domain is already in
 * use" in passing, a yes or no at the ticket card, questions about SPF at the TXT value card, corrections of the
 * organization type, "I'm a freelancer" after a refused personal address, asking for help, and switching languages.
 * Every answer is checked against the strings of the language it should come in (locales/<lang>/strings.json).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { viewCard } from '../../../devtools/cardText.js';
import { LocalConnector, type ConnectorActivity } from '../../../devtools/localConnector.js';
import { format, stringsFor, type Strings } from '../../../locales/strings.js';
import { recordSignup } from '../../../services/signup/signup.js';
import { startHttpBot, type HttpBot } from '../../helpers/httpBot.js';
import { askForTakeoverValue, cardText, conversation, type HttpConversation } from '../../helpers/httpConversation.js';

const en = stringsFor('en');
const nl = stringsFor('nl');

let connector: LocalConnector;
let bot: HttpBot;
beforeAll(async () => {
  connector = await LocalConnector.start();
  bot = await startHttpBot();
});
afterAll(async () => {
  await bot.stop();
  await connector.close();
});

/**
 * A new personal chat with a person of their own: the bot remembers a person's organization type and language,
 * so no case sees what another one told it. `email` is the work address Teams' member look-up gives for them.
 */
function chatWith(locale: string, email?: string): HttpConversation {
  const userId = `user-${randomUUID()}`;
  if (email) connector.members.set(userId, { id: userId, name: 'Sam', email });
  return conversation(bot, connector, { locale, userId });
}

/** The heading of the first card among the replies. */
function titleOf(replies: ConnectorActivity[]): string | undefined {
  for (const reply of replies) {
    for (const attachment of reply.attachments ?? []) {
      const lines = viewCard(attachment.content).lines;
      if (lines.length > 0) return lines[0];
    }
  }
  return undefined;
}

/** The plain texts of the replies (the ones that have one). */
function textsOf(replies: ConnectorActivity[]): string[] {
  return replies.flatMap((reply) => (reply.text ? [reply.text] : []));
}

/** The value of the first card field among the replies. */
function firstFieldOf(replies: ConnectorActivity[]): string | undefined {
  return replies.flatMap((reply) => reply.attachments ?? []).flatMap((attachment) => viewCard(attachment.content).inputs)[0]?.value;
}

/** The ticket id in the "created" or "saved" card heading among the replies. */
function ticketIdOf(replies: ConnectorActivity[], t: Strings): string | undefined {
  const title = titleOf(replies) ?? '';
  for (const template of [t.tickets.createdTitle, t.tickets.savedTitle]) {
    const [before, after] = template.split('{id}') as [string, string];
    const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const match = new RegExp(`^${escape(before)}(.+)${escape(after)}$`).exec(title);
    if (match) return match[1];
  }
  return undefined;
}

/** "Who is my admin?" up to its answer, the organization type card answered with this button when it is asked. */
async function whoIsMyAdminAnswered(chat: HttpConversation, t: Strings, question: string, orgType: keyof Strings['orgTypes']): Promise<ConnectorActivity[]> {
  const asked = await chat.say(question);
  expect(titleOf(asked)).toBe(t.whoIsMyAdmin.askTitle);
  const answer = await chat.press(asked, t.orgTypes[orgType]);
  expect(cardText(answer)).toContain(t.whoIsMyAdmin.guidance[orgType]);
  expect(cardText(answer)).toContain(t.feedback.question);
  return answer;
}

/** Whether the replies are the "who is my admin?" flow: its organization type question, or its guidance. */
function expectWhoIsMyAdmin(replies: ConnectorActivity[], t: Strings): void {
  expect([t.whoIsMyAdmin.askTitle, t.whoIsMyAdmin.guidanceTitle]).toContain(titleOf(replies));
  expect(titleOf(replies)).not.toBe(t.signup.title);
  expect(titleOf(replies)).not.toBe(t.notSure.title);
}

describe('in Dutch (nl-NL)', () => {
  it.each(['ik kan me niet meer aanmelden bij Outlook, mijn account is geblokkeerd', 'aanmelden lukt niet, hij blijft om mijn wachtwoord vragen', 'ik kan niet inloggen'])(
    '"%s" is about who the admin is, not about signing up',
    async (typed) => {
      expectWhoIsMyAdmin(await chatWith('nl-NL').say(typed), nl);
    },
  );

  it('"aanmelden voor Power BI" is signing up', async () => {
    const replies = await chatWith('nl-NL').say('aanmelden voor Power BI');
    expect(titleOf(replies)).toBe(nl.signup.title);
    expect(cardText(replies)).toContain(nl.signup.askAddress);
  });

  it.each(['nee dat helpt me niet, Jeroen is er niet', 'dat heb ik al geprobeerd, hij neemt niet op', 'ik snap er niks van', 'nee joh, dat mag niet van Jeroen'])(
    '"%s" after the answer to "wie is mijn beheerder?" says it did not help, and offers a person',
    async (typed) => {
      const chat = chatWith('nl-NL');
      await whoIsMyAdminAnswered(chat, nl, 'wie is mijn beheerder?', 'smallBusiness');
      const replies = await chat.say(typed);
      expect(textsOf(replies)[0]).toBe(nl.feedback.sorry);
      expect(titleOf(replies)).toBe(nl.tickets.askTitle);
      expect(titleOf(replies)).not.toBe(nl.takeover.title);
    },
  );

  it('"top, dankjewel!" after the answer to "wie is mijn beheerder?" says it helped', async () => {
    const chat = chatWith('nl-NL');
    await whoIsMyAdminAnswered(chat, nl, 'wie is mijn beheerder?', 'smallBusiness');
    const replies = await chat.say('top, dankjewel!');
    expect(textsOf(replies)).toEqual([nl.feedback.thanks]);
    expect(titleOf(replies)).not.toBe(nl.notSure.title);
  });

  it('"jup" at the address card takes the address it is pre-filled with', async () => {
    const chat = chatWith('nl-NL', 'sara@jupdomein.example');
    const asked = await chat.say('ik wil me aanmelden voor Power BI');
    expect(titleOf(asked)).toBe(nl.signup.title);
    expect(firstFieldOf(asked)).toBe('sara@jupdomein.example');
    const preview = await chat.say('jup');
    expect(titleOf(preview)).toBe(nl.signup.previewTitle);
    expect(cardText(preview)).toContain(`${nl.signup.factAddress}: sara@jupdomein.example`);
    expect(textsOf(preview).filter((text) => Object.values(nl.addressProblems).includes(text))).toEqual([]);
  });

  it('"ik krijg steeds \'uw domein is al in gebruik\' als ik me wil aanmelden, wat betekent dat" is about the domain in use, not signing up', async () => {
    const replies = await chatWith('nl-NL').say("ik krijg steeds 'uw domein is al in gebruik' als ik me wil aanmelden, wat betekent dat");
    expect(titleOf(replies)).toBe(nl.domainInUse.title);
    expect(cardText(replies)).toContain(nl.domainInUse.askDomain);
    expect(titleOf(replies)).not.toBe(nl.signup.title);
  });

  it('"verstuur maar" at the ticket card sends the text the card shows, and nothing more', async () => {
    const chat = chatWith('nl-NL');
    const problem = 'de printer op de derde verdieping print lege paginas';
    await chat.say(problem);
    const asked = await chat.say('ik wil een mens spreken');
    expect(titleOf(asked)).toBe(nl.tickets.askTitle);
    expect(firstFieldOf(asked)).toBe(problem);

    const sent = await chat.say('verstuur maar');
    const id = ticketIdOf(sent, nl);
    expect(id).toBeDefined();
    const list = await chat.say('mijn tickets');
    expect(titleOf(list)).toBe(nl.tickets.listTitle);
    expect(cardText(list)).toContain(format(nl.tickets.statusLine, { id: `**${id}**`, status: nl.tickets.status.open, question: problem }));
    expect(cardText(list)).not.toContain('verstuur maar');
  });

  it('"nee toch maar niet" at the ticket card sends nothing', async () => {
    const chat = chatWith('nl-NL');
    await chat.say('de printer op de derde verdieping print lege paginas');
    expect(titleOf(await chat.say('ik wil een mens spreken'))).toBe(nl.tickets.askTitle);
    expect(textsOf(await chat.say('nee toch maar niet'))).toEqual([nl.tickets.declined]);
    const list = await chat.say('mijn tickets');
    expect(viewCard(list.find((reply) => reply.attachments?.length)?.attachments?.[0]?.content).lines).toEqual([nl.tickets.listTitle, nl.tickets.none]);
  });
});

describe('in English (en-US)', () => {
  it.each([
    ['do i put this in the SPF record?', 'spf-one.example', 'MS=ms11111111'],
    ['should I replace my spf record with this value?', 'spf-two.example', 'MS=ms22222222'],
    ['is this the same as SPF?', 'spf-three.example', 'MS=ms33333333'],
  ])('"%s" at the TXT value card answers what the TXT record is, and the card keeps waiting', async (typed, domain, value) => {
    // Two colleagues signed up with addresses on the domain: an unmanaged organization holds it.
    for (const name of ['ann', 'bob']) {
      await recordSignup(bot.app.directory, { address: { address: `${name}@${domain}`, domain }, service: 'Power BI' }, new Date());
    }
    const chat = chatWith('en-US', `sam@${domain}`);
    await askForTakeoverValue(chat, domain);

    const replies = await chat.say(typed);
    expect(titleOf(replies)).toBe(en.facts.txtRecord.title);

    const record = await chat.say(value);
    expect(cardText(record)).toContain(format(en.takeover.recordTitle, { domain }));
    expect(cardText(record)).toMatch(new RegExp(`^${value}$`, 'm'));
  });

  it.each(['actually we are a small company, only 12 people', 'sorry, wrong, it is a small business'])(
    '"%s" after the large-company answer answers for a small business',
    async (typed) => {
      const chat = chatWith('en-US');
      const asked = await chat.say('who is my admin?');
      expect(titleOf(asked)).toBe(en.whoIsMyAdmin.askTitle);
      expect(cardText(await chat.say('large company'))).toContain(en.whoIsMyAdmin.guidance.enterprise);
      const replies = await chat.say(typed);
      expect(cardText(replies)).toContain(en.whoIsMyAdmin.guidance.smallBusiness);
      expect(cardText(replies)).not.toContain(en.whoIsMyAdmin.guidance.enterprise);
    },
  );

  it('"but I dont have a work email, I am a freelancer" after a refused gmail address answers how to sign up without one', async () => {
    const chat = chatWith('en-US');
    expect(titleOf(await chat.say('sign me up for Power BI with vic@gmail.com'))).toBe(en.signup.consumerTitle);
    const replies = await chat.say('but I dont have a work email, I am a freelancer');
    expect(titleOf(replies)).toBe(en.signup.trialTitle);
    expect(titleOf(replies)).not.toBe(en.amIAdmin.title);
  });

  it('"I\'m a student, who do I contact to reset my school Microsoft 365 password?" is about who the admin is', async () => {
    const replies = await chatWith('en-US').say("I'm a student, who do I contact to reset my school Microsoft 365 password?");
    expectWhoIsMyAdmin(replies, en);
  });

  it.each(['help', 'what can you do?', 'hi bot, can you help me?'])('"%s" shows the welcome card', async (typed) => {
    expect(titleOf(await chatWith('en-US').say(typed))).toBe(en.welcome.title);
  });

  it('switches to Dutch when asked in Dutch, keeps it for an "ok", and switches back when asked', async () => {
    const chat = chatWith('en-US');
    expect(textsOf(await chat.say('kun je in het Nederlands antwoorden?'))).toEqual([nl.common.languageSwitched]);
    expect(textsOf(await chat.say('ok'))).toEqual([nl.common.youreWelcome]);
    expect(textsOf(await chat.say('English please'))).toEqual([en.common.languageSwitched]);
  });
});

describe('in a language the bot does not speak (fr-FR)', () => {
  it('answers "qui est mon administrateur ?" in English, naming the languages it speaks', async () => {
    expect(textsOf(await chatWith('fr-FR').say('qui est mon administrateur ?'))).toEqual([en.common.languagesSpoken]);
  });
});

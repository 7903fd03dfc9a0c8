import { describe, expect, it } from '@jest/globals';
import { stringsFor } from '../../locales/strings.js';
import type { Directory } from '../../services/ports/directory.js';
import { contoso, fabrikam } from '../helpers/fixtures.js';
import { press, titleOf, useTestBots } from '../helpers/testBot.js';

const en = stringsFor('en');
const nl = stringsFor('nl');
const start = useTestBots();

describe('RouterDialog', () => {
  describe.each([
    ['en', 'en-US', en],
    ['nl', 'nl-NL', nl],
  ] as const)('in %s', (_language, locale, t) => {
    it('shows the "not sure" card with likely topics and "talk to a person" for nonsense, instead of guessing', async () => {
      const { say } = await start({ locale });
      for (const nonsense of ['asdfghjkl qwerty', 'zxcv', '🙂🙂🙂']) {
        const reply = await say(nonsense);
        expect(reply[0]?.card?.lines[0]).toBe(t.notSure.title);
        const titles = reply[0]?.card?.buttons.map((b) => b.title) ?? [];
        expect(titles.length).toBeGreaterThanOrEqual(3);
        expect(titles.length).toBeLessThanOrEqual(4);
        expect(titles.at(-1)).toBe(t.topics.escalate);
      }
    });

    it('cancels a waiting flow, after which an answer is no longer taken as one', async () => {
      const { say } = await start({ locale });
      await say(locale === 'nl-NL' ? 'wie is mijn beheerder' : 'who is my admin');
      expect((await say(locale === 'nl-NL' ? 'annuleren' : 'cancel'))[0]?.text).toBe(t.common.cancelled);
      expect((await say('1'))[0]?.card?.lines[0]).toBe(t.notSure.title);
    });

    it('says there is nothing to stop when nothing is running', async () => {
      const { say } = await start({ locale });
      expect((await say('stop'))[0]?.text).toBe(t.common.nothingToCancel);
    });

    it('shows the welcome card on help, also in the middle of a flow', async () => {
      const { say } = await start({ locale });
      expect((await say('help'))[0]?.card?.lines[0]).toBe(t.welcome.title);
      await say(locale === 'nl-NL' ? 'wie is mijn beheerder' : 'who is my admin');
      expect((await say(locale === 'nl-NL' ? 'hulp' : 'help'))[0]?.card?.lines[0]).toBe(t.welcome.title);
    });

    it('follows a new question typed while a flow waits for an answer', async () => {
      const { say } = await start({ locale });
      await say(locale === 'nl-NL' ? 'wie is mijn beheerder' : 'who is my admin');
      const reply = await say(locale === 'nl-NL' ? 'ben ik zelf eigenlijk beheerder?' : 'am i an admin myself?');
      expect(reply[0]?.card?.lines[0]).toBe(t.amIAdmin.title);
    });

    it('follows a button of another card pressed while a flow waits', async () => {
      const { say } = await start({ locale });
      const welcome = await say('help');
      await say(press(welcome, t.topics.whoIsMyAdmin));
      expect((await say(press(welcome, t.topics.signup)))[0]?.card?.lines[0]).toBe(t.signup.title);
    });

    it.each(['signup', 'domainInUse', 'takeover'] as const)('explains the %s topic from its button', async (topic) => {
      const { say } = await start({ locale });
      const reply = await say(press(await say('help'), t.topics[topic]));
      expect(reply[0]?.card?.lines[0]).toBe(t[topic].title);
      for (const point of t[topic].points) expect(reply[0]?.all).toContain(point);
    });

    it('answers a stale or forged card action with a clear message and the topics', async () => {
      const { say } = await start({ locale });
      for (const value of [{ verb: 'deleteEverything' }, { verb: 'startTopic', topic: '__proto__' }, { verb: 'chooseCloud', cloud: 'mars' }]) {
        const reply = await say({ value });
        expect(reply[0]?.card?.lines).toContain(t.common.unknownAction);
        expect(reply[0]?.card?.lines[0]).toBe(t.welcome.title);
      }
    });

    it('answers a message without text with the topics', async () => {
      const { say } = await start({ locale });
      const reply = await say({ attachments: [{ contentType: 'image/png', contentUrl: 'https://example.com/x.png' }] });
      expect(reply[0]?.card?.lines).toContain(t.common.nonText);
    });

    it('turns "talk to a person" into a ticket, and names the helpdesk contact the organization configured', async () => {
      const { say } = await start({ locale, organizations: [contoso], tenantId: 'tenant-contoso' });
      const asked = await say(press(await say('help'), t.topics.escalate));
      expect(asked[0]?.card?.lines[0]).toBe(t.tickets.askTitle);
      const created = await say(press(asked, t.tickets.send, { question: 'My laptop will not sync OneDrive' }));
      expect(created[0]?.card?.lines[0]).toMatch(/HD-1001/);
      expect(created[0]?.all).toContain('servicedesk@contoso.com');
    });

    it('names the known admins on the ticket card when there is no helpdesk contact', async () => {
      const { say } = await start({ locale, organizations: [fabrikam], tenantId: 'tenant-fabrikam' });
      const asked = await say(press(await say('help'), t.topics.escalate));
      const created = await say(press(asked, t.tickets.send, { question: 'I need a new license' }));
      expect(created[0]?.all).toContain('jan@fabrikam.nl');
    });

    it('for someone whose organization is unknown, says no helpdesk can take the ticket', async () => {
      const { say } = await start({ locale });
      await say(locale === 'nl-NL' ? 'mijn wachtwoord werkt niet meer' : 'my password stopped working');
      const asked = await say(locale === 'nl-NL' ? 'ik wil een echt persoon spreken' : 'i want to talk to a real person');
      expect(asked[0]?.card?.inputs[0]?.value).toBe(locale === 'nl-NL' ? 'mijn wachtwoord werkt niet meer' : 'my password stopped working');
      const created = await say(press(asked, t.tickets.send));
      expect(created[0]?.all).toContain(t.tickets.createdNoOrganization);
    });

    it('answers thanks politely instead of saying it is not sure', async () => {
      const { say } = await start({ locale });
      expect((await say(locale === 'nl-NL' ? 'Bedankt!' : 'Thanks!')).map((r) => r.text)).toEqual([t.common.youreWelcome]);
    });

    it('greets with the welcome card', async () => {
      const { say } = await start({ locale });
      expect((await say(locale === 'nl-NL' ? 'hoi' : 'hello'))[0]?.card?.lines[0]).toBe(t.welcome.title);
    });

    it('answers a 10,000-character message instead of failing', async () => {
      const { say } = await start({ locale });
      const reply = await say(`${locale === 'nl-NL' ? 'wie is mijn beheerder' : 'who is my admin'} ${'bla '.repeat(2500)}`);
      expect(reply).toHaveLength(1);
      expect(reply[0]?.card).toBeDefined();
    });

    it('tells the user in their language when a turn fails, without details, and clears the broken flow', async () => {
      let failing = false;
      const failingDirectory = (inner: Directory): Directory =>
        new Proxy(inner, {
          get: (target, property, receiver) =>
            property === 'findByTenantId'
              ? (id: string) => (failing ? Promise.reject(new Error('disk on fire')) : target.findByTenantId(id))
              : Reflect.get(target, property, receiver),
        });
      const { say } = await start({ locale, tenantId: 'tenant-x', wrapDirectory: failingDirectory });
      await say(press(await say('help'), t.topics.whoIsMyAdmin));
      failing = true;
      const reply = await say(t.orgTypes.school);
      expect(reply.map((r) => r.text)).toEqual([t.common.turnError]);
      expect(reply[0]?.all).not.toContain('disk on fire');
      failing = false;
      // The flow was cleared: "1" is now a new message, not the answer to the old question.
      expect((await say('1'))[0]?.card?.lines[0]).toBe(t.notSure.title);
    });
  });

  it('welcomes members who join, in their language, but not the bot itself', async () => {
    const { adapter } = await start({ locale: 'nl-NL' });
    adapter.activeQueue.splice(0);
    await adapter.receiveActivity({ type: 'conversationUpdate', membersAdded: [{ id: 'user-1', name: 'Sam' }], recipient: { id: 'bot', name: 'bot' } });
    const sent = adapter.activeQueue.splice(0);
    expect(sent).toHaveLength(1);
    expect(JSON.stringify(sent[0]?.attachments)).toContain(nl.welcome.title);
    await adapter.receiveActivity({ type: 'conversationUpdate', membersAdded: [{ id: 'bot', name: 'bot' }], recipient: { id: 'bot', name: 'bot' } });
    expect(adapter.activeQueue.splice(0)).toHaveLength(0);
  });

  it('without a locale, answers in the language of the text, and keeps it for card presses', async () => {
    const { say } = await start({ locale: undefined });
    const asked = await say('wie is eigenlijk de beheerder bij ons op het werk?');
    expect(asked[0]?.card?.lines[0]).toBe(nl.whoIsMyAdmin.askTitle);
    expect((await say(press(asked, nl.orgTypes.enterprise)))[0]?.all).toContain(nl.whoIsMyAdmin.guidance.enterprise);
    expect((await say('who is my admin at work?'))[0]?.all).toContain(en.whoIsMyAdmin.guidance.enterprise);
  });

  it("answers a question in the language it is written in, not the Teams client's", async () => {
    const dutchClient = await start({ locale: 'nl-NL' });
    expect(titleOf(await dutchClient.say('how do I know if I am an admin?'))).toBe(en.amIAdmin.title);
    const englishClient = await start({ locale: 'en-US' });
    expect(titleOf(await englishClient.say('hoe weet ik of ik beheerder ben?'))).toBe(nl.amIAdmin.title);
  });

  it('keeps the language for a short message that could be either, and switches when asked', async () => {
    const bot = await start({ locale: 'en-US' });
    expect(titleOf(await bot.say('hoe weet ik of ik beheerder ben?'))).toBe(nl.amIAdmin.title);
    // "ok" after an answer says it helped: rated, in Dutch still.
    expect((await bot.say('ok'))[0]?.text).toBe(nl.feedback.thanks);
    expect((await bot.say('English please'))[0]?.text).toBe(en.common.languageSwitched);
    expect((await bot.say('ok'))[0]?.text).toBe(en.common.youreWelcome);
    expect((await bot.say('kun je in het Nederlands antwoorden?'))[0]?.text).toBe(nl.common.languageSwitched);
  });

  it('answers a message in a language it does not speak in English, naming the languages it speaks', async () => {
    const bot = await start({ locale: 'fr-FR' });
    expect((await bot.say('qui est mon administrateur informatique ?'))[0]?.text).toBe(en.common.languagesSpoken);
  });

  it('answers an Action.Execute invoke through the same dialogs and returns an invoke response', async () => {
    const { adapter } = await start({ locale: 'en-US' });
    adapter.activeQueue.splice(0);
    await adapter.receiveActivity({
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'startTopic', data: { topic: 'amIAdmin' } }, trigger: 'manual' },
    });
    const sent = adapter.activeQueue.splice(0);
    expect(JSON.stringify(sent.find((a) => a.type === 'message')?.attachments)).toContain(en.amIAdmin.title);
    expect(sent.find((a) => a.type === 'invokeResponse')?.value).toMatchObject({ status: 200 });
  });
});

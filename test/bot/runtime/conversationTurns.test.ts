import { describe, expect, it } from '@jest/globals';
import { ConversationTurns } from '../../../bot/runtime/conversationTurns.js';
import { format, stringsFor } from '../../../locales/strings.js';
import { press, titleOf, useTestBots } from '../../helpers/testBot.js';

const start = useTestBots();
const en = stringsFor('en');

/** A promise with its resolve, to hold a turn open until the test lets it finish. */
function gate(): { open: () => void; passed: Promise<void> } {
  let open!: () => void;
  const passed = new Promise<void>((resolve) => (open = resolve));
  return { open, passed };
}

describe('ConversationTurns', () => {
  it('runs the turns of one conversation one after another, in the order they came', async () => {
    const turns = new ConversationTurns();
    const log: string[] = [];
    const first = gate();
    const a = turns.run('c1', async () => {
      log.push('a starts');
      await first.passed;
      log.push('a ends');
    });
    const b = turns.run('c1', async () => {
      log.push('b runs');
    });
    await Promise.resolve();
    expect(log).toEqual(['a starts']);
    first.open();
    await Promise.all([a, b]);
    expect(log).toEqual(['a starts', 'a ends', 'b runs']);
    expect(turns.busy).toBe(0);
  });

  it('does not make other conversations wait, and a failed turn does not stop the next', async () => {
    const turns = new ConversationTurns();
    const held = gate();
    const slow = turns.run('c1', () => held.passed);
    await expect(turns.run('c2', async () => 'other')).resolves.toBe('other');
    const failing = turns.run('c1', async () => {
      throw new Error('boom');
    });
    const after = turns.run('c1', async () => 'after');
    held.open();
    await slow;
    await expect(failing).rejects.toThrow('boom');
    await expect(after).resolves.toBe('after');
    expect(turns.busy).toBe(0);
  });
});

describe('turns of one conversation through the bot', () => {
  it('opens one ticket for a double-click on "Send to the helpdesk"', async () => {
    const bot = await start({ locale: 'en-US' });
    await bot.say('the printer on floor 3 prints blank pages');
    const asked = await bot.say('I want to talk to a person');
    const pressed = press(asked, en.tickets.send);
    await Promise.all([bot.adapter.receiveActivity({ type: 'message', ...pressed }), bot.adapter.receiveActivity({ type: 'message', ...pressed })]);
    expect(await bot.tickets.findTicket('HD-1001')).toBeDefined();
    expect(await bot.tickets.findTicket('HD-1002')).toBeUndefined();
  });
});

describe('a group chat', () => {
  const ann = { id: 'ann', name: 'Ann' };
  const ben = { id: 'ben', name: 'Ben' };

  it("keeps each person's flow to themselves: another's message does not answer it, and theirs still works", async () => {
    const bot = await start({ locale: 'en-US', from: ann });
    await bot.say('the printer on floor 3 prints blank pages');
    const asked = await bot.say('I want to talk to a person');
    expect(titleOf(asked)).toBe(en.tickets.askTitle);
    // Ben's message is his own turn, not a description for Ann's ticket.
    const bens = await bot.say({ text: 'I think the coffee machine on floor 2 is broken', from: ben });
    expect(titleOf(bens)).not.toBe(format(en.tickets.createdTitle, { id: 'HD-1001' }));
    expect(await bot.tickets.findTicket('HD-1001')).toBeUndefined();
    const created = await bot.say(press(asked, en.tickets.send));
    expect(titleOf(created)).toBe(format(en.tickets.savedTitle, { id: 'HD-1001' }));
    expect((await bot.tickets.findTicket('HD-1001'))?.requester.userId).toBe('ann');
  });

  it("fills a ticket with the sender's own lines only, never a colleague's", async () => {
    const bot = await start({ locale: 'en-US', from: ann, groupChat: true });
    await bot.say('my colleague left and I need to reset the password of the only admin');
    await bot.say({ text: 'my laptop will not connect to the wifi', from: ben });
    const asked = await bot.say({ text: 'I want to talk to a person', from: ben });
    expect(asked[0]?.card?.inputs[0]?.value).toBe('my laptop will not connect to the wifi');
    await bot.say({ ...press(asked, en.tickets.send), from: ben });
    const ticket = await bot.tickets.findTicket('HD-1001');
    expect(ticket?.requester.userId).toBe('ben');
    expect(ticket?.transcript.map((line) => line.text).join('\n')).not.toContain('only admin');
  });

  it("does not take another person's press of a waiting question as the answer", async () => {
    const bot = await start({ locale: 'en-US', from: ann });
    const asked = await bot.say('who is my admin?');
    expect(titleOf(asked)).toBe(en.whoIsMyAdmin.askTitle);
    // Ben presses Ann's card: it starts his own answer, and Ann's question still waits for her.
    await bot.say({ ...press(asked, en.orgTypes.school), from: ben });
    const typed = await bot.say('small business');
    expect(typed[0]?.all).toContain(en.whoIsMyAdmin.guidance.smallBusiness);
  });
});

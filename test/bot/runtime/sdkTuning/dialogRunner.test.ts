import { describe, expect, it } from '@jest/globals';
import { ActivityTypes, Channels, ConversationState, MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import { ComponentDialog, type DialogState, TextPrompt, WaterfallDialog } from 'botbuilder-dialogs';
import { continueOrBeginRunner } from '../../../../bot/runtime/sdkTuning/dialogRunner.js';

/** A two-turn flow inside a component dialog, as the router holds its flows: asks a name, then greets. */
function adapterFor(channelId: string): TestAdapter {
  const conversationState = new ConversationState(new MemoryStorage());
  const flow = new WaterfallDialog('greet', [
    async (step) => step.prompt('name', 'What is your name?'),
    async (step) => {
      await step.context.sendActivity(`Hello ${String(step.result)}`);
      return step.endDialog();
    },
  ]);
  const router = new ComponentDialog('router').addDialog(flow).addDialog(new TextPrompt('name'));
  const run = continueOrBeginRunner(router, conversationState.createProperty<DialogState>('dialogState'));
  return new TestAdapter(
    async (context) => {
      await run(context);
      await conversationState.saveChanges(context, false);
    },
    { channelId } as Partial<Activity>,
    true, // keeps trace activities, which CloudAdapter delivers only to the Emulator
  );
}

describe('the continue-or-begin dialog runner', () => {
  it('begins the flow, continues it on the next turn, and begins it again once it ended', async () => {
    await adapterFor(Channels.Msteams)
      .send('hi')
      .assertReply('What is your name?')
      .send('Sam')
      .assertReply('Hello Sam')
      .send('again')
      .assertReply('What is your name?')
      .startTest();
  });

  it('in the Emulator, also sends the "Bot State" trace its inspector shows', async () => {
    const adapter = adapterFor(Channels.Emulator);
    await adapter.send('hi').startTest();
    const sent = adapter.activeQueue.splice(0);
    expect(sent.map((activity) => activity.type)).toEqual([ActivityTypes.Message, ActivityTypes.Trace]);
    expect(sent[1]?.name).toBe('BotState');
  });

  it('elsewhere, skips the trace that no other channel would show', async () => {
    const adapter = adapterFor(Channels.Msteams);
    await adapter.send('hi').startTest();
    expect(adapter.activeQueue.splice(0).map((activity) => activity.type)).toEqual([ActivityTypes.Message]);
  });
});

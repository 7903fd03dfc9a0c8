import { describe, expect, it } from '@jest/globals';
import { ActivityTypes, Channels, ConversationState, MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import { ComponentDialog, type DialogState, type DialogStateManagerConfiguration, TextPrompt, WaterfallDialog } from 'botbuilder-dialogs';
import { RootDialog } from '../../../bot/runtime/rootDialog.js';

/** A two-turn flow inside a component dialog: asks a name, then greets; records the dialog memory configuration each step saw. */
function greeter(configurations: DialogStateManagerConfiguration[]) {
  const conversationState = new ConversationState(new MemoryStorage());
  const flow = new WaterfallDialog('greet', [
    async (step) => {
      configurations.push(step.state.configuration);
      return step.prompt('name', 'What is your name?');
    },
    async (step) => {
      configurations.push(step.state.configuration);
      await step.context.sendActivity(`Hello ${String(step.result)}`);
      return step.endDialog();
    },
  ]);
  // As the router: a component dialog holding the flows and their prompts.
  const router = new ComponentDialog('router').addDialog(flow).addDialog(new TextPrompt('name'));
  const root = new RootDialog(router, conversationState.createProperty<DialogState>('dialogState'));
  return { conversationState, root };
}

function adapterFor(channelId: string, configurations: DialogStateManagerConfiguration[]): TestAdapter {
  const { conversationState, root } = greeter(configurations);
  return new TestAdapter(
    async (context) => {
      await root.run(context);
      await conversationState.saveChanges(context, false);
    },
    { channelId } as Partial<Activity>,
    true, // keeps trace activities, which CloudAdapter delivers only to the Emulator
  );
}

describe('RootDialog', () => {
  it('begins the flow, continues it on the next turn, and begins it again once it ended', async () => {
    const configurations: DialogStateManagerConfiguration[] = [];
    await adapterFor(Channels.Msteams, configurations)
      .send('hi')
      .assertReply('What is your name?')
      .send('Sam')
      .assertReply('Hello Sam')
      .send('again')
      .assertReply('What is your name?')
      .startTest();
    // One memory configuration serves every turn instead of being built again per turn.
    expect(configurations).toHaveLength(3);
    expect(new Set(configurations).size).toBe(1);
    expect(configurations[0]?.memoryScopes.map((scope) => scope.name)).toEqual(expect.arrayContaining(['turn', 'dialog', 'conversation', 'user']));
  });

  it('in the Emulator, also sends the "Bot State" trace its inspector shows', async () => {
    const configurations: DialogStateManagerConfiguration[] = [];
    const adapter = adapterFor(Channels.Emulator, configurations);
    await adapter.send('hi').startTest();
    const sent = adapter.activeQueue.splice(0);
    expect(sent.map((activity) => activity.type)).toEqual([ActivityTypes.Message, ActivityTypes.Trace]);
    expect(sent[1]?.name).toBe('BotState');
  });

  it('elsewhere, skips the trace that no other channel would show', async () => {
    const adapter = adapterFor(Channels.Msteams, []);
    await adapter.send('hi').startTest();
    expect(adapter.activeQueue.splice(0).map((activity) => activity.type)).toEqual([ActivityTypes.Message]);
  });
});

/**
 * The SDK behaviour the continue-or-begin runner (bot/runtime/sdkTuning/dialogRunner.ts) relies on, pinned:
 * for a bot that is no skill, `runDialog` does nothing a user or the store can see beyond continuing the active
 * dialog or beginning the root one, and the "Bot State" trace it adds reaches the channel only in the Emulator.
 * The same transcript (a component dialog with a waterfall, prompts with a retry, an interruption, a failing
 * step) must give the same replies and store the same state through either runner, and through the whole switch
 * (sdkTuning on and off).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  type Activity,
  Channels,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  MemoryStorage,
  PrivateConversationState,
  type StatePropertyAccessor,
  type Storage,
  TestAdapter,
  type TurnContext,
  UserState,
} from 'botbuilder';
import {
  ComponentDialog,
  ConfirmPrompt,
  type DialogContext,
  type DialogState,
  type DialogTurnResult,
  runDialog,
  TextPrompt,
  WaterfallDialog,
} from 'botbuilder-dialogs';
import { continueOrBeginRunner, type DialogRunner, sdkDialogRunner } from '../../../../bot/runtime/sdkTuning/dialogRunner.js';
import { sdkTuning } from '../../../../bot/runtime/sdkTuning/index.js';
import { LoopbackChannel, numberedIds, pinned, RecordingStorage } from './sdkContract.js';

const pin = (check: () => unknown) => pinned('continue-or-begin dialog runner', 'dialogRunner.ts', check);

/** A flow as the router's: asks a name (two letters at least) and a confirmation; "cancel" interrupts it. */
class Greeter extends ComponentDialog {
  constructor(greeted: StatePropertyAccessor<string[]>) {
    super('router');
    this.addDialog(
      new WaterfallDialog('greet', [
        async (step) => {
          if (step.context.activity.text === 'boom') throw new Error('a step failed');
          return step.prompt('name', { prompt: 'What is your name?', retryPrompt: 'Please give at least two letters.' });
        },
        async (step) => {
          (step.values as { name?: unknown }).name = step.result;
          return step.prompt('sure', { prompt: `Are you sure, ${String(step.result)}?` });
        },
        async (step) => {
          const name = String((step.values as { name?: unknown }).name);
          if (step.result === true) (await greeted.get(step.context, []))!.push(name);
          await step.context.sendActivity(step.result === true ? `Hello ${name}` : 'Never mind.');
          return step.endDialog(name);
        },
      ]),
    );
    this.addDialog(new TextPrompt('name', async (prompt) => (prompt.recognized.value ?? '').trim().length >= 2));
    this.addDialog(new ConfirmPrompt('sure'));
  }

  protected override async onContinueDialog(inner: DialogContext): Promise<DialogTurnResult> {
    if (inner.context.activity.text === 'cancel') {
      await inner.context.sendActivity('Cancelled.');
      return inner.cancelAllDialogs();
    }
    return super.onContinueDialog(inner);
  }
}

const TRANSCRIPT = ['hi', 'S', 'Sam', 'yes', 'again', 'cancel', 'boom', 'hi', 'Kim', 'no', 'hello'];

/** What a transcript did: per turn, the replies, a failure, and the store's calls. */
async function transcript(storage: RecordingStorage, handler: (context: TurnContext) => Promise<void>): Promise<unknown[]> {
  // No trace activities, as CloudAdapter outside the Emulator (pinned below).
  const adapter = new TestAdapter(handler, { channelId: Channels.Msteams, locale: 'en-US' } as Partial<Activity>);
  const turns: unknown[] = [];
  for (const text of TRANSCRIPT) {
    const failure = await adapter.receiveActivity(text).then(
      () => undefined,
      (error: unknown) => (error as Error).message,
    );
    const replies = adapter.activeQueue
      .splice(0)
      .map(({ type, text: replyText, inputHint, suggestedActions, attachments }) => ({ type, text: replyText, inputHint, suggestedActions, attachments }));
    turns.push({ text, replies, failure, storage: storage.log.splice(0) });
  }
  return numberedIds(turns);
}

/** The transcript with the SDK's own states, through `runner`. */
function withRunner(makeRunner: (dialog: Greeter, dialogState: StatePropertyAccessor<DialogState>) => DialogRunner): Promise<unknown[]> {
  const storage = new RecordingStorage();
  const flowState = new PrivateConversationState(storage);
  const userState = new UserState(storage);
  const run = makeRunner(new Greeter(userState.createProperty('greeted')), flowState.createProperty('dialogState'));
  return transcript(storage, async (context) => {
    await run(context);
    await flowState.saveChanges(context, false);
    await userState.saveChanges(context, false);
  });
}

/** The transcript as the bot is wired with the switch on or off: its states and its runner. */
function withTuning(enabled: boolean): Promise<unknown[]> {
  const storage = new RecordingStorage();
  const tuning = sdkTuning(enabled);
  const flowState = tuning.flowState(storage);
  const userState = tuning.userState(storage);
  const run = tuning.runDialog(new Greeter(userState.createProperty('greeted')), flowState.createProperty('dialogState'));
  return transcript(storage, async (context) => {
    await run(context);
    await flowState.saveChanges(context, false);
    await userState.saveChanges(context, false);
  });
}

describe('the SDK behaviour the continue-or-begin runner relies on', () => {
  it('runDialog gives the same replies, failures and stored state as continue-or-begin', async () => {
    const sdk = await withRunner(sdkDialogRunner);
    const tuned = await withRunner(continueOrBeginRunner);
    await pin(() => {
      // The transcript did what it says: a retry, an interruption, a failed turn, and state written.
      const seen = JSON.stringify(sdk);
      for (const expected of ['Please give at least two letters.', 'Cancelled.', 'a step failed', 'Hello Sam', 'Never mind.', '"write"']) {
        expect(seen).toContain(expected);
      }
      expect(tuned).toEqual(sdk);
    });
  });

  it('the whole switch: the same replies and stored state with sdkTuning on and off', async () => {
    const off = await withTuning(false);
    const on = await withTuning(true);
    await pinned('text-checked state and continue-or-begin runner, together', 'index.ts', () => expect(on).toEqual(off));
  });

  describe('CloudAdapter delivers the "Bot State" trace runDialog sends only in the Emulator', () => {
    const channel = new LoopbackChannel();
    let serviceUrl = '';
    beforeAll(async () => {
      serviceUrl = await channel.start();
    });
    afterAll(() => channel.close());

    it.each([
      { channelId: Channels.Msteams, delivered: ['message'] },
      { channelId: Channels.Emulator, delivered: ['message', 'trace'] },
    ])('on $channelId, the channel receives $delivered', async ({ channelId, delivered }) => {
      channel.reset();
      const flowState = new PrivateConversationState(new MemoryStorage() as Storage);
      const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
      const dialog = new Greeter(new UserState(new MemoryStorage()).createProperty('greeted'));
      const activity = {
        type: 'message',
        id: 'incoming-1',
        text: 'hi',
        channelId,
        serviceUrl,
        conversation: { id: 'conversation-1' },
        from: { id: 'person-1', name: 'Sam' },
        recipient: { id: 'bot', name: 'Bot' },
      } as Activity;
      await adapter.processActivityDirect('', activity, (context) => runDialog(dialog, context, flowState.createProperty<DialogState>('dialogState')));
      await pin(() => expect(channel.requests.map((request) => (request.body as Activity).type)).toEqual(delivered));
    });
  });
});

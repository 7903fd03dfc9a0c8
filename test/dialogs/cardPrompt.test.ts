import { describe, expect, it } from '@jest/globals';
import { ConversationState, MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import { ComponentDialog, type DialogState, runDialog, WaterfallDialog, type WaterfallStep } from 'botbuilder-dialogs';
import { answerCard } from '../../cards/renderCard.js';
import { VERBS } from '../../cards/verbs.js';
import { CardPrompt, cardActivity } from '../../dialogs/cardPrompt.js';
import { setTurnLanguage } from '../../dialogs/turnLanguage.js';
import { turnData } from '../../dialogs/turnData.js';

/** A prompt for a domain: the card shows the data it was asked with, and whether it is a retry. */
const domainQuestion = new CardPrompt<string, { prefill: string }>('question', {
  verbs: [VERBS.submitDomain],
  waitsFor: () => ({ kind: 'ticketDescription' }),
  read: (_context, { decision }) => {
    const text = decision?.kind === 'description' ? decision.text : undefined;
    return text?.includes('.') ? { value: text } : text === 'skip' ? undefined : { problem: 'That is not a domain.' };
  },
  card: (_context, { prefill }, retry) => answerCard({ title: retry ? 'Which domain, again?' : 'Which domain?', paragraphs: [prefill] }),
});

function flowWith(firstStep: WaterfallStep) {
  const storage = new MemoryStorage();
  const conversationState = new ConversationState(storage);
  const router = new ComponentDialog('router')
    .addDialog(
      new WaterfallDialog('flow', [
        firstStep,
        async (step) => {
          await step.context.sendActivity(`Got ${String(step.result)}`);
          return step.endDialog();
        },
      ]),
    )
    .addDialog(domainQuestion);
  const dialogState = conversationState.createProperty<DialogState>('dialogState');
  const adapter = new TestAdapter(async (context) => {
    setTurnLanguage(context, 'en');
    // The router's part, in short: what the text means to the waiting card.
    if (context.activity.text) turnData(context).decision = { kind: 'description', text: context.activity.text };
    await runDialog(router, context, dialogState);
    await conversationState.saveChanges(context, false);
  }, { channelId: 'msteams' } as Partial<Activity>);
  const storedState = async () => JSON.stringify(Object.values(await storage.read(['msteams/conversations/Convo1/'])));
  return { adapter, storedState };
}

const titleOf = (activity: Partial<Activity>) => (activity.attachments?.[0]?.content as { body: { text: string }[] }).body[0]?.text;

describe('CardPrompt', () => {
  it('keeps the data it was asked with, not the card, and builds the card again on a retry', async () => {
    const { adapter, storedState } = flowWith((step) => domainQuestion.ask(step, { prefill: 'contoso.com' }));
    await adapter.send('hi').assertReply((reply) => expect(titleOf(reply)).toBe('Which domain?')).startTest();
    const waiting = await storedState();
    expect(waiting).toContain('contoso.com');
    expect(waiting).not.toContain('Which domain');
    expect(waiting.length).toBeLessThan(800);
    await adapter
      .send('nope')
      .assertReply('That is not a domain.')
      .assertReply((reply) => expect(titleOf(reply)).toBe('Which domain, again?'))
      .send('fabrikam.com')
      .assertReply('Got fabrikam.com')
      .startTest();
  });

  it('asks again with the whole card a conversation kept from before, when its state has one', async () => {
    const kept = cardActivity(answerCard({ title: 'Kept question', paragraphs: [] }));
    const { adapter } = flowWith((step) => step.prompt('question', { prompt: kept }));
    await adapter
      .send('hi')
      .assertReply((reply) => expect(titleOf(reply)).toBe('Kept question'))
      .send('nope')
      .assertReply('That is not a domain.')
      .assertReply((reply) => expect(titleOf(reply)).toBe('Kept question'))
      .startTest();
  });
});

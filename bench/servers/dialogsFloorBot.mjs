/**
 * Bench child: the dialogs floor. The baseline's echo, answered the way any bot built on botbuilder-dialogs
 * answers (the package the customer asked for): conversation and user state loaded and saved every turn (on
 * the SDK's MemoryStorage, so no disk at all), and a ComponentDialog whose one waterfall step sends the echo,
 * run with the SDK's own continue-or-begin pattern (as bot/runtime/sdkTuning/dialogRunner.ts does). Same CloudAdapter, restify and
 * body parser as the baseline. The difference between the two is what dialogs and state cost by themselves,
 * before any feature: no NLU, no cards, no directory.
 */
import { ActivityHandler, ConversationState, MemoryStorage, UserState } from 'botbuilder';
import { ComponentDialog, DialogSet, DialogTurnStatus, WaterfallDialog } from 'botbuilder-dialogs';
import { serveLikeTheSamples } from './child.mjs';

class EchoDialog extends ComponentDialog {
  constructor(turnsSeen) {
    super('echo');
    this.addDialog(
      new WaterfallDialog('echo-steps', [
        async (step) => {
          const seen = (await turnsSeen.get(step.context, 0)) + 1;
          await turnsSeen.set(step.context, seen);
          await step.context.sendActivity(`echo: ${step.context.activity.text ?? ''}`);
          return step.endDialog();
        },
      ]),
    );
  }
}

class DialogEchoBot extends ActivityHandler {
  constructor(conversationState, userState) {
    super();
    const dialogs = new DialogSet(conversationState.createProperty('dialogState'));
    dialogs.add(new EchoDialog(userState.createProperty('turnsSeen')));
    this.onMessage(async (context, next) => {
      const dc = await dialogs.createContext(context);
      const result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty) await dc.beginDialog('echo');
      await next();
    });
    this.conversationState = conversationState;
    this.userState = userState;
  }

  async run(context) {
    await super.run(context);
    await this.conversationState.saveChanges(context, false);
    await this.userState.saveChanges(context, false);
  }
}

const storage = new MemoryStorage();
serveLikeTheSamples(new DialogEchoBot(new ConversationState(storage), new UserState(storage)));

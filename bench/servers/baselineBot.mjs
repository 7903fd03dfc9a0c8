/**
 * Bench child: the baseline, the smallest honest Bot Framework bot. CloudAdapter with the SDK's own
 * configuration-based authentication (no app id: local mode, as this bot runs in the bench), an
 * ActivityHandler that echoes each message with one reply, on restify with its body parser, as the SDK's
 * samples do. No state, no NLU, no store.
 */
import { ActivityHandler } from 'botbuilder';
import { serveLikeTheSamples } from './child.mjs';

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
      await next();
    });
  }
}

serveLikeTheSamples(new EchoBot());

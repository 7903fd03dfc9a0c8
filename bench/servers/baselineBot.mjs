/**
 * Bench child: the baseline, the smallest honest Bot Framework bot. CloudAdapter with the SDK's own
 * configuration-based authentication (no app id: local mode, as this bot runs in the bench), an
 * ActivityHandler that echoes each message with one reply, on restify with its body parser, as the SDK's
 * samples do. No state, no NLU, no store.
 */
import restify from 'restify';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { answerBench } from './child.mjs';

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
      await next();
    });
  }
}

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
adapter.onTurnError = async (context, error) => {
  console.error(error);
  await context.sendActivity('The bot encountered an error.');
};
const bot = new EchoBot();
const server = restify.createServer({ handleUncaughtExceptions: false });
server.use(restify.plugins.bodyParser());
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
server.get('/healthz', async (_req, res) => {
  res.send(200, { status: 'ok' });
});
server.listen(0, '127.0.0.1', () => {
  process.send?.({ ready: true, port: server.address().port });
});
answerBench(() => new Promise((resolve) => server.close(resolve)));

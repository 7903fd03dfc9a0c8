/**
 * What every bench child answers over IPC: 'stop' (stops cleanly, then exits), 'memory' and 'live memory'
 * (the heap after a full collection: diagnosis, BENCH_LIVE_HEAP), { heapSnapshot: file } (BENCH_HEAP_SNAPSHOT),
 * and the profiler messages.
 */
import { Session } from 'node:inspector/promises';
import restify from 'restify';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { writeFile } from 'node:fs/promises';
import { writeHeapSnapshot } from 'node:v8';

/** `stop` ends the server (resolving once it is closed); the child exits after it, or when the bench goes. */
export function answerBench(stop) {
  process.on('message', (message) => {
    if (message === 'stop') void stop().then(() => process.exit(0));
    if (message === 'memory') process.send?.({ memory: process.memoryUsage() });
    if (message?.heapSnapshot) process.send?.({ heapSnapshot: writeHeapSnapshot(message.heapSnapshot) });
    if (message === 'live memory' && typeof globalThis.gc === 'function') {
      globalThis.gc();
      process.send?.({ memory: process.memoryUsage() });
    }
  });
  answerProfiling();
  process.on('disconnect', () => process.exit(0));
}

/**
 * Lets the bench profile a child for exactly one measured run: 'profile-start' and 'profile-stop' over IPC
 * drive the V8 CPU profiler (node:inspector), and the profile is written where 'profile-stop' says.
 */
function answerProfiling() {
  let session;
  process.on('message', async (message) => {
    if (message?.profile === 'start') {
      session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 200 });
      await session.post('Profiler.start');
      process.send?.({ profiling: 'started' });
    } else if (message?.profile === 'stop' && session) {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      session = undefined;
      await writeFile(message.file, JSON.stringify(profile));
      process.send?.({ profiling: 'stopped', file: message.file });
    }
  });
}

/**
 * Serves `bot` the way the SDK's samples do: a CloudAdapter with the SDK's configuration-based authentication
 * (no app id: local mode, as this bot runs in the bench), on restify with its body parser; tells the parent its
 * port and answers the bench's messages. Shared by the baseline and the dialogs floor, so they differ in the bot only.
 */
export function serveLikeTheSamples(bot) {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  adapter.onTurnError = async (context, error) => {
    console.error(error);
    await context.sendActivity('The bot encountered an error.');
  };
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
}

/**
 * `npm run chat`: talk to a running bot from the terminal, without Teams or the Emulator.
 * Cards are printed as text with numbered buttons; type a number to press one. Works in local mode.
 * Options: --lang nl (or CHAT_LANG=nl), --url http://host:port/api/messages (or BOT_URL), --user ID (or CHAT_USER:
 * another person, whose state the bot keeps apart), read with parseArgs
 * as the operators' command lines read theirs, so a mistyped option is refused rather than ignored.
 */
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { EXIT_OK, parseCommandLine, usageError } from '../cli/cliMain.js';
import { viewCard, type CardButtonView } from './cardText.js';
import { LocalConnector, type ConnectorActivity } from './localConnector.js';

const USAGE = `usage: npm run chat [-- --lang en|nl] [--url URL] [--user ID]

  --lang LANGUAGE  the language the user writes in: en (default) or nl; or set CHAT_LANG
  --url URL        the bot's messages endpoint; or set BOT_URL (default http://localhost:PORT/api/messages)
  --user ID        who is chatting (the bot remembers each user apart); or set CHAT_USER (default chat-user)
`;

const io = { env: process.env, stdout: (text: string) => process.stdout.write(text), stderr: (text: string) => process.stderr.write(text) };
const parsed = parseCommandLine(process.argv.slice(2), { lang: { type: 'string' }, url: { type: 'string' }, user: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, false);
if ('problem' in parsed) process.exit(usageError({ name: 'chat', usage: USAGE }, parsed.problem, io));
if (parsed.values.help) {
  io.stdout(USAGE);
  process.exit(EXIT_OK);
}
const language = (parsed.values.lang ?? process.env.CHAT_LANG ?? 'en').toLowerCase().startsWith('nl') ? 'nl' : 'en';
const botUrl = parsed.values.url ?? process.env.BOT_URL ?? `http://localhost:${process.env.PORT ?? 3978}/api/messages`;
const locale = language === 'nl' ? 'nl-NL' : 'en-US';
const bold = (text: string) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text);

const connector = await LocalConnector.start();
const conversationId = `chat-${randomUUID()}`;
const user = { id: parsed.values.user ?? process.env.CHAT_USER ?? 'chat-user', name: 'You' };
const bot = { id: 'helpdesk-bot', name: 'Helpdesk bot' };
/** A button with the text fields of its card: a client sends their values along with the button's data. */
type PressableButton = CardButtonView & { fields: Record<string, string> };
let buttons: PressableButton[] = [];

connector.onActivity((activity: ConnectorActivity) => {
  if (activity.type !== 'message') return;
  if (activity.text) console.log(`\n${bold('bot:')} ${activity.text}`);
  for (const attachment of activity.attachments ?? []) {
    const view = viewCard(attachment.content);
    console.log(`\n${bold('bot:')} ${view.lines.map((line) => line.replace(/\*\*(.+?)\*\*/g, '$1')).join('\n     ')}`);
    const offset = buttons.length;
    view.buttons.forEach((button, index) => console.log(`     [${offset + index + 1}] ${button.title}${button.url ? ` (${button.url})` : ''}`));
    const fields = Object.fromEntries(view.inputs.map((input) => [input.id, input.value]));
    buttons = [...buttons, ...view.buttons.map((button) => ({ ...button, fields }))];
  }
});

async function send(activity: Record<string, unknown>): Promise<void> {
  const response = await fetch(botUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      channelId: 'emulator',
      serviceUrl: connector.serviceUrl,
      conversation: { id: conversationId },
      from: user,
      recipient: bot,
      locale,
      id: randomUUID(),
      timestamp: new Date().toISOString(),
      ...activity,
    }),
  });
  if (!response.ok) console.error(`(the bot answered HTTP ${response.status}: ${await response.text()})`);
}

try {
  await send({ type: 'conversationUpdate', membersAdded: [user] });
} catch (error) {
  console.error(`Cannot reach the bot at ${botUrl} (${(error as Error).message}). Start it first with: npm start`);
  await connector.close();
  process.exit(1);
}

const terminal = createInterface({ input: process.stdin });
const prompt = () => process.stdout.write(`\n${bold('you:')} `);
console.log(language === 'nl' ? '(typ een nummer om op een knop te drukken; Ctrl+C om te stoppen)' : '(type a number to press a button; Ctrl+C to quit)');
prompt();
for await (const input of terminal) {
  const line = input.trim();
  if (line) {
    if (!process.stdin.isTTY) console.log(line);
    const pressed = /^\d+$/.test(line) ? buttons[Number(line) - 1] : undefined;
    buttons = [];
    // A button that opens a web page sends nothing to the bot.
    if (pressed?.url) {
      console.log(`(opens ${pressed.url})`);
      prompt();
      continue;
    }
    // The bot sends its replies during the request, so they are printed before the next prompt.
    const value = pressed ? { ...pressed.fields, ...(pressed.data as object) } : undefined;
    await send(value ? { type: 'message', value } : { type: 'message', text: line });
  }
  prompt();
}
await connector.close();

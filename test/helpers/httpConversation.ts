/**
 * A Teams-style conversation with the real server over HTTP, in a personal chat or a team channel; replies
 * are what the local connector received.
 */
import { expect } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { viewCard } from '../../devtools/cardText.js';
import type { ConnectorActivity, LocalConnector } from '../../devtools/localConnector.js';
import { format, stringsFor } from '../../locales/strings.js';
import type { HttpBot } from './httpBot.js';

export interface ConversationOptions {
  locale: string;
  userId?: string;
  tenantId?: string;
  /**
   * Presses name the message their card came in (`replyToId`), as Teams does, so the bot can update that
   * card in place. Off by default: without it the bot answers every press with new messages.
   */
  replyToCard?: boolean;
  /** Reuse a conversation id (another person in the same chat, or a forged activity); a new one by default. */
  conversationId?: string;
  /** The sender's display name ('Sam' by default): what the bot calls them, e.g. on a ticket it assigns. */
  name?: string;
  /** The sender's Entra ID object id, as Teams sends it in `from.aadObjectId`. */
  aadObjectId?: string;
  /**
   * Talk in this team channel instead of a personal chat: conversationType 'channel', the team and channel in
   * `channelData`, and every `say` @mentions the bot, as Teams requires in a channel.
   */
  channel?: TeamChannel;
  /** Where the bot replies: a stand-in in front of the connector (one that refuses, say); the connector's own URL by default. */
  serviceUrl?: string;
}

export interface TeamChannel {
  teamId: string;
  channelId: string;
}

/** The bot as Teams names it in a conversation, and the way a channel message @mentions it. */
const BOT = { id: 'bot', name: 'Helpdesk' };
const BOT_MENTION = `<at>${BOT.name}</at>`;
/** Each new channel conversation is a new thread of its channel. */
let nextThread = 0;

/** The answer to an Action.Execute invoke: the HTTP status and body, and the messages the turn sent. */
export interface ExecuteResult {
  status: number;
  body: unknown;
  replies: ConnectorActivity[];
}

export interface HttpConversation {
  id: string;
  say(text: string): Promise<ConnectorActivity[]>;
  /**
   * Presses the button with this title, sending the card's pre-filled fields with it, as Teams does;
   * `fields` stands for what the user typed into them.
   */
  press(replies: ConnectorActivity[], title: string, fields?: Record<string, string>): Promise<ConnectorActivity[]>;
  /** Posts any activity (a conversationUpdate, a hand-made card action) in this conversation; `extra` overrides the defaults. */
  send(extra: Record<string, unknown>): Promise<ConnectorActivity[]>;
  /** Posts an Action.Execute invoke (`adaptiveCard/action`) with this verb and data, as Teams does for Universal Actions. */
  execute(verb: string, data: Record<string, unknown>, replyToId?: string): Promise<ExecuteResult>;
}

export function conversation(
  bot: Pick<HttpBot, 'post'>,
  connector: LocalConnector,
  { locale, userId = 'user-1', tenantId, replyToCard = false, conversationId, name = 'Sam', aadObjectId, channel, serviceUrl }: ConversationOptions,
): HttpConversation {
  const id = conversationId ?? (channel ? `${channel.channelId};messageid=${(nextThread += 1)}` : `conv-${randomUUID()}`);
  const tenant = tenantId ? { tenant: { id: tenantId } } : {};
  const post = async (extra: Record<string, unknown>) => {
    const since = connector.activities.length;
    const response = await bot.post({
      type: 'message',
      id: randomUUID(),
      channelId: 'msteams',
      serviceUrl: serviceUrl ?? connector.serviceUrl,
      locale,
      conversation: channel ? { id, conversationType: 'channel', isGroup: true, tenantId } : { id, conversationType: 'personal', tenantId },
      from: { id: userId, name, ...(aadObjectId ? { aadObjectId } : {}) },
      recipient: BOT,
      channelData: channel ? { team: { id: channel.teamId }, channel: { id: channel.channelId }, ...tenant } : tenant,
      ...extra,
    });
    return { response, replies: sentTo(connector.activities.slice(since), id) };
  };
  const send = async (extra: Record<string, unknown>) => {
    const { response, replies } = await post(extra);
    expect(response.status).toBe(200);
    return replies;
  };
  return {
    id,
    say: (text) =>
      send(
        channel
          ? { text: `${BOT_MENTION} ${text}`, entities: [{ type: 'mention', mentioned: BOT, text: BOT_MENTION }] }
          : { text },
      ),
    press: (replies, title, typed = {}) => {
      const found = findButton(replies, title);
      if (!found) throw new Error(`no button "${title}"`);
      const { message, card, button } = found;
      const fields = { ...Object.fromEntries(card.inputs.map((input) => [input.id, input.value])), ...typed };
      return send({ value: { ...(button.data as object), ...fields }, ...(replyToCard && message.id ? { replyToId: message.id } : {}) });
    },
    send,
    execute: async (verb, data, replyToId) => {
      const { response, replies } = await post({
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb, data } },
        ...(replyToId ? { replyToId } : {}),
      });
      return { status: response.status, body: response.json, replies };
    },
  };
}

/**
 * The activities sent to this conversation.
 * @remarks The connector sees ids as the SDK put them in the URL, percent-encoded ('19%3Aabc%40thread.tacv2'
 * for a channel), so they are compared decoded.
 */
export function sentTo(activities: ConnectorActivity[], conversationId: string): ConnectorActivity[] {
  return activities.filter((activity) => activity.conversation?.id !== undefined && decodeURIComponent(activity.conversation.id) === conversationId);
}

/** What the bot sent to this conversation while `work` ran. */
export async function sentDuring(connector: LocalConnector, conversationId: string, work: () => Promise<unknown>): Promise<ConnectorActivity[]> {
  const since = connector.activities.length;
  await work();
  return sentTo(connector.activities.slice(since), conversationId);
}

/** The card of a message, as a person sees it. */
export function cardOf(message: ConnectorActivity | undefined) {
  const content = message?.attachments?.[0]?.content;
  if (!content) throw new Error(`no card in ${JSON.stringify(message)}`);
  return viewCard(content);
}

/** The first message with a card that has a button with this title. */
function findButton(replies: ConnectorActivity[], title: string) {
  for (const message of replies) {
    for (const attachment of message.attachments ?? []) {
      const card = viewCard(attachment.content);
      const button = card.buttons.find((candidate) => candidate.title === title);
      if (button) return { message, card, button };
    }
  }
  return undefined;
}

/** Every text and card line of the replies, as one string. */
export function cardText(replies: ConnectorActivity[]): string {
  return replies.flatMap((r) => [r.text ?? '', ...(r.attachments ?? []).flatMap((a) => viewCard(a.content).lines)]).join('\n');
}

/**
 * "My domain is already in use" in English, up to the card that asks for the TXT value Microsoft shows: the domain
 * comes pre-filled from the requester's Teams address, and the takeover is internal.
 */
export async function askForTakeoverValue(chat: HttpConversation, domain: string): Promise<ConnectorActivity[]> {
  const en = stringsFor('en');
  const asked = await chat.say('it says my domain is already in use');
  const status = await chat.press(asked, en.domainInUse.check);
  expect(cardText(status)).toContain(format(en.domainInUse.unmanagedTitle, { domain }));
  const kinds = await chat.press(status, format(en.domainInUse.takeOver, { domain }));
  const card = await chat.press(kinds, en.takeover.chooseInternal);
  expect(cardText(card)).toContain(format(en.takeover.valueTitle, { domain }));
  return card;
}

/**
 * Up to the TXT record card: the value card, and `value` (what Microsoft's wizard would show the requester) pasted
 * in its field.
 */
export async function askForTakeoverRecord(chat: HttpConversation, domain: string, value: string): Promise<ConnectorActivity[]> {
  const en = stringsFor('en');
  const record = await chat.press(await askForTakeoverValue(chat, domain), en.takeover.useValue, { value });
  expect(cardText(record)).toContain(format(en.takeover.recordTitle, { domain }));
  return record;
}

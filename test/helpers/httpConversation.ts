/** A Teams-style conversation with the real server over HTTP; replies are what the local connector received. */
import { expect } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { viewCard } from '../../bot/cardText.js';
import type { ConnectorActivity, LocalConnector } from '../../bot/localConnector.js';
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
}

/** The answer to an Action.Execute invoke: the HTTP status and body, and the messages the turn sent. */
export interface ExecuteResult {
  status: number;
  body: unknown;
  replies: ConnectorActivity[];
}

export interface HttpConversation {
  id: string;
  say(text: string): Promise<ConnectorActivity[]>;
  /** Presses the button with this title, sending the card's pre-filled fields with it, as Teams does. */
  press(replies: ConnectorActivity[], title: string): Promise<ConnectorActivity[]>;
  /** Posts an Action.Execute invoke (`adaptiveCard/action`) with this verb and data, as Teams does for Universal Actions. */
  execute(verb: string, data: Record<string, unknown>, replyToId?: string): Promise<ExecuteResult>;
}

export function conversation(
  bot: HttpBot,
  connector: LocalConnector,
  { locale, userId = 'user-1', tenantId, replyToCard = false, conversationId }: ConversationOptions,
): HttpConversation {
  const id = conversationId ?? `conv-${randomUUID()}`;
  const post = async (extra: Record<string, unknown>) => {
    const since = connector.activities.length;
    const response = await bot.post({
      type: 'message',
      id: randomUUID(),
      channelId: 'msteams',
      serviceUrl: connector.serviceUrl,
      locale,
      conversation: { id, conversationType: 'personal', tenantId },
      from: { id: userId, name: 'Sam' },
      recipient: { id: 'bot', name: 'Helpdesk' },
      channelData: tenantId ? { tenant: { id: tenantId } } : {},
      ...extra,
    });
    return { response, replies: connector.activities.slice(since).filter((activity) => activity.conversation?.id === id) };
  };
  const send = async (extra: Record<string, unknown>) => {
    const { response, replies } = await post(extra);
    expect(response.status).toBe(200);
    return replies;
  };
  return {
    id,
    say: (text) => send({ text }),
    press: (replies, title) => {
      const found = findButton(replies, title);
      if (!found) throw new Error(`no button "${title}"`);
      const { message, card, button } = found;
      const fields = Object.fromEntries(card.inputs.map((input) => [input.id, input.value]));
      return send({ value: { ...(button.data as object), ...fields }, ...(replyToCard && message.id ? { replyToId: message.id } : {}) });
    },
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

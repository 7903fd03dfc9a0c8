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
}

export interface HttpConversation {
  id: string;
  say(text: string): Promise<ConnectorActivity[]>;
  /** Presses the button with this title, sending the card's pre-filled fields with it, as Teams does. */
  press(replies: ConnectorActivity[], title: string): Promise<ConnectorActivity[]>;
}

export function conversation(bot: HttpBot, connector: LocalConnector, { locale, userId = 'user-1', tenantId }: ConversationOptions): HttpConversation {
  const id = `conv-${randomUUID()}`;
  const send = async (extra: Record<string, unknown>) => {
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
    expect(response.status).toBe(200);
    return connector.activities.slice(since).filter((activity) => activity.conversation?.id === id);
  };
  return {
    id,
    say: (text) => send({ text }),
    press: (replies, title) => {
      const cards = replies.flatMap((r) => r.attachments ?? []).map((a) => viewCard(a.content));
      const card = cards.find((candidate) => candidate.buttons.some((b) => b.title === title));
      const button = card?.buttons.find((b) => b.title === title);
      if (!card || !button) throw new Error(`no button "${title}"`);
      const fields = Object.fromEntries(card.inputs.map((input) => [input.id, input.value]));
      return send({ value: { ...(button.data as object), ...fields } });
    },
  };
}

/** Every text and card line of the replies, as one string. */
export function cardText(replies: ConnectorActivity[]): string {
  return replies.flatMap((r) => [r.text ?? '', ...(r.attachments ?? []).flatMap((a) => viewCard(a.content).lines)]).join('\n');
}

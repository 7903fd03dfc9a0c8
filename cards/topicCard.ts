/** Explains self-service signup, "domain in use" or admin takeover, with the facts from DOMAIN.md. */
import type { Strings } from '../locales/strings.js';
import { answerCard, type CardAttachment } from './renderCard.js';
import { topicButton } from './topicButtons.js';

export type ExplainedTopic = 'signup' | 'domainInUse' | 'takeover';

const NEXT_TOPIC: Readonly<Record<ExplainedTopic, 'whoIsMyAdmin' | 'takeover' | 'domainInUse'>> = {
  signup: 'whoIsMyAdmin',
  domainInUse: 'takeover',
  takeover: 'domainInUse',
};

/** `lead` goes above the points, to say what the card is about in this conversation. */
export function topicCard(t: Strings, topic: ExplainedTopic, lead?: string): CardAttachment {
  const s = t[topic];
  const points = s.points.map((point) => `• ${point}`);
  return answerCard({
    title: s.title,
    paragraphs: lead ? [lead, ...points] : points,
    actions: [topicButton(t, NEXT_TOPIC[topic]), topicButton(t, 'escalate')],
  });
}

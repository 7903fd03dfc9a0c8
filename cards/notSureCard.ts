/** Shown instead of a guess: the likeliest topics as buttons, plus "talk to a person". */
import type { Strings } from '../locales/strings.js';
import { answerCard, type CardAttachment } from './renderCard.js';
import { topicButton, type TopicWithButton } from './topicButtons.js';

export function notSureCard(t: Strings, likeliestTopics: readonly TopicWithButton[]): CardAttachment {
  return answerCard({
    title: t.notSure.title,
    paragraphs: [t.notSure.text],
    actions: [...likeliestTopics.filter((topic) => topic !== 'escalate'), 'escalate' as const].map((topic) => topicButton(t, topic)),
  });
}

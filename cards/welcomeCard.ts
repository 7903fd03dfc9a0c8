/** The card shown when the bot is installed, on a greeting, and on "help": what the bot can do. */
import type { Strings } from '../locales/strings.js';
import { answerCard, type CardAttachment } from './renderCard.js';
import { topicButton, type TopicWithButton } from './topicButtons.js';

const WELCOME_TOPICS: readonly TopicWithButton[] = ['whoIsMyAdmin', 'amIAdmin', 'signup', 'domainInUse', 'takeover', 'escalate'];

export function welcomeCard(t: Strings, lead?: string): CardAttachment {
  return answerCard({
    title: t.welcome.title,
    paragraphs: lead ? [lead, t.welcome.intro] : [t.welcome.intro],
    note: t.welcome.tip,
    actions: WELCOME_TOPICS.map((topic) => topicButton(t, topic)),
  });
}

/** Buttons that start a topic, labelled in the user's language; shared by the welcome and "not sure" cards. */
import type { Strings } from '../locales/strings.js';
import type { Intent } from '../services/models/intent.js';
import type { CardButton } from './renderCard.js';
import { VERBS } from './verbs.js';

export type TopicWithButton = keyof Strings['topics'];

export function topicButton(t: Strings, topic: TopicWithButton): CardButton {
  return { title: t.topics[topic], data: { verb: VERBS.startTopic, topic: topic satisfies Intent } };
}

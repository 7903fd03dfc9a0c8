/** The deflection figures for an organization's admin: counts only, never anything a user wrote. */
import { format, type Strings } from '../locales/strings.js';
import type { FigureRow, Figures } from '../services/tickets/figures.js';
import { answerCard, type CardAttachment } from './renderCard.js';

export function figuresCard(t: Strings, figures: Figures, organization: string): CardAttachment {
  const s = t.stats;
  return answerCard({
    title: s.title,
    paragraphs: [format(s.intro, { org: organization })],
    facts: [
      { title: s.rate, value: rate(t, figures) },
      { title: s.answered, value: String(figures.answered) },
      { title: s.helpful, value: String(figures.helpful) },
      { title: s.notHelpful, value: String(figures.notHelpful) },
      { title: s.ticketsOpen, value: String(figures.tickets.open) },
      { title: s.ticketsAssigned, value: String(figures.tickets.assigned) },
      { title: s.ticketsResolved, value: String(figures.tickets.resolved) },
      { title: s.pendingTakeovers, value: String(figures.pendingTakeovers) },
    ],
    after: figures.byIntent.length > 0 ? [`**${s.byIntent}**`, ...figures.byIntent.map((row) => `${topicName(t, row.key)}: ${rate(t, row)}`)] : [],
  });
}

function rate(t: Strings, row: Pick<FigureRow, 'answered' | 'deflected' | 'deflectionRate'>): string {
  if (row.deflectionRate === null) return t.stats.noAnswers;
  return format(t.stats.rateValue, { rate: Math.round(row.deflectionRate * 100), deflected: row.deflected, answered: row.answered });
}

function topicName(t: Strings, intent: string): string {
  return Object.hasOwn(t.topics, intent) ? t.topics[intent as keyof Strings['topics']] : intent;
}

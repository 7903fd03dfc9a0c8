/**
 * The figures page: how much the bot handled without a person (overall, per week as a chart, per topic),
 * how people rated the answers, and the helpdesk's open tickets and takeovers in progress, for a period.
 * @remarks Only counts reach this page, never what anyone asked (see services/figures.ts).
 */
import { ApiError } from './api.js';
import type { FigureRow, Stats, TicketStatus } from './apiTypes.js';
import { deflectionChart, rateText, type WeekFigure } from './deflectionChart.js';
import { byId, el } from './dom.js';
import { format, type TabStrings } from './i18n.js';
import { runPage, type Page } from './page.js';
import { mondayOfWeek, sinceForWeeks, weeksBetween } from './weeks.js';

const PERIODS = { '4w': 4, '12w': 12, all: undefined } as const;
type Period = keyof typeof PERIODS;
/** The topics table shows the busiest ones. */
const TOP_INTENTS = 8;

function isPeriod(value: string | null): value is Period {
  return value !== null && Object.hasOwn(PERIODS, value);
}

class DashboardPage {
  /** Only the answer to the latest request is shown, when the period changes faster than the server answers. */
  private request = 0;
  private readonly percent: Intl.NumberFormat;

  constructor(private readonly page: Page) {
    this.percent = new Intl.NumberFormat(page.language, { style: 'percent', maximumFractionDigits: 0 });
  }

  private get t(): TabStrings {
    return this.page.t;
  }

  async start(): Promise<void> {
    const select = byId('period', HTMLSelectElement);
    const fromUrl = new URLSearchParams(location.search).get('period');
    select.value = isPeriod(fromUrl) ? fromUrl : '4w';
    select.addEventListener('change', () => {
      const url = new URL(location.href);
      url.searchParams.set('period', select.value);
      history.replaceState(null, '', url);
      void this.load();
    });
    await this.load();
    this.page.loaded();
  }

  /** Fetches the figures of the chosen period and shows them, or says why it cannot. */
  private async load(): Promise<void> {
    const request = (this.request += 1);
    const period = byId('period', HTMLSelectElement).value;
    const weeks = isPeriod(period) ? PERIODS[period] : undefined;
    const now = new Date();
    const since = weeks === undefined ? undefined : sinceForWeeks(weeks, now);
    const main = byId('main', HTMLElement);
    const status = byId('load-status', HTMLElement);
    const error = byId('load-error', HTMLElement);
    main.setAttribute('aria-busy', 'true');
    status.textContent = this.t.common.loading;
    try {
      const stats = await this.page.api.getStats(since);
      if (request !== this.request) return;
      error.textContent = '';
      this.show(stats, since, now);
      byId('figures', HTMLElement).hidden = false;
    } catch (failure) {
      if (request !== this.request) return;
      byId('figures', HTMLElement).hidden = true;
      // The chat says it this way too, when someone who is not an admin asks for "stats".
      error.textContent = failure instanceof ApiError && failure.status === 403 ? this.t.stats.notAllowed : this.page.describeError(failure);
    } finally {
      if (request === this.request) {
        status.textContent = '';
        main.setAttribute('aria-busy', 'false');
      }
    }
  }

  private show(stats: Stats, since: string | undefined, now: Date): void {
    const { t } = this;
    byId('summary', HTMLElement).replaceChildren(
      stats.deflectionRate === null
        ? tile(t.stats.rate, t.stats.noAnswers, 'rate', undefined, 'words')
        : tile(t.stats.rate, this.percent.format(stats.deflectionRate), 'rate', format(t.dashboard.rateDetail, { deflected: stats.deflected, answered: stats.answered })),
      tile(t.stats.answered, String(stats.answered), 'answered'),
      tile(t.stats.helpful, String(stats.helpful), 'helpful'),
      tile(t.stats.notHelpful, String(stats.notHelpful), 'not-helpful'),
    );

    const chartArea = byId('chart-area', HTMLElement);
    if (stats.answered === 0) {
      chartArea.replaceChildren(el('p', { class: 'empty' }, t.dashboard.noAnswers));
    } else {
      const { chart, table } = deflectionChart(weekFigures(stats.byWeek, since, now), t, (rate) => this.percent.format(rate));
      chartArea.replaceChildren(chart, table);
    }

    byId('intents', HTMLElement).replaceChildren(stats.byIntent.length === 0 ? el('p', { class: 'empty' }, t.dashboard.noAnswers) : this.intentTable(stats.byIntent));

    byId('ticket-counts', HTMLElement).replaceChildren(
      tile(t.stats.ticketsOpen, String(stats.tickets.open), 'tickets-open'),
      tile(t.stats.ticketsAssigned, String(stats.tickets.assigned), 'tickets-assigned'),
      tile(t.stats.ticketsResolved, String(stats.tickets.resolved), 'tickets-resolved'),
      tile(t.stats.pendingTakeovers, String(stats.pendingTakeovers), 'pending-takeovers'),
    );
    byId('open-tickets', HTMLElement).replaceChildren(
      stats.openTickets.length === 0 ? el('p', { class: 'empty' }, t.dashboard.noOpenTickets) : this.ticketTable(stats.openTickets, now),
    );
  }

  private intentTable(rows: readonly FigureRow[]): HTMLTableElement {
    const { t } = this;
    const busiest = [...rows].sort((a, b) => b.answered - a.answered || a.key.localeCompare(b.key)).slice(0, TOP_INTENTS);
    return el(
      'table',
      { id: 'intent-table' },
      el('caption', { class: 'visually-hidden' }, t.stats.byIntent),
      el(
        'thead',
        {},
        el('tr', {}, el('th', { scope: 'col' }, t.dashboard.topic), el('th', { scope: 'col', class: 'number' }, t.dashboard.answeredColumn), el('th', { scope: 'col' }, t.dashboard.rateColumn)),
      ),
      el(
        'tbody',
        {},
        ...busiest.map((row) =>
          el('tr', {}, el('th', { scope: 'row' }, this.intentName(row.key)), el('td', { class: 'number' }, String(row.answered)), el('td', {}, rateText(row, t))),
        ),
      ),
    );
  }

  /** The topic's name as the chat's menu calls it; intents that are not topics have a name of their own. */
  private intentName(key: string): string {
    const { topics, dashboard } = this.t;
    if (Object.hasOwn(topics, key)) return topics[key as keyof typeof topics];
    if (Object.hasOwn(dashboard.intents, key)) return dashboard.intents[key as keyof typeof dashboard.intents];
    return key;
  }

  private ticketTable(tickets: Stats['openTickets'], now: Date): HTMLTableElement {
    const { t } = this;
    const exact = new Intl.DateTimeFormat(this.page.language, { dateStyle: 'long', timeStyle: 'short' });
    return el(
      'table',
      { id: 'ticket-table' },
      el('caption', { class: 'visually-hidden' }, t.dashboard.openTickets),
      el(
        'thead',
        {},
        el('tr', {}, el('th', { scope: 'col' }, t.dashboard.ticketId), el('th', { scope: 'col' }, t.dashboard.ticketStatus), el('th', { scope: 'col' }, t.dashboard.ticketAge)),
      ),
      el(
        'tbody',
        {},
        ...tickets.map((ticket) => {
          const created = new Date(ticket.createdAt);
          const valid = !Number.isNaN(created.getTime());
          return el(
            'tr',
            {},
            el('th', { scope: 'row' }, ticket.id),
            el('td', {}, this.statusName(ticket.status)),
            el('td', {}, valid ? el('time', { datetime: ticket.createdAt, title: exact.format(created) }, age(created, now, this.page.language)) : ticket.createdAt),
          );
        }),
      ),
    );
  }

  private statusName(status: TicketStatus): string {
    const names = this.t.dashboard.status;
    return Object.hasOwn(names, status) ? names[status] : status;
  }
}

/**
 * One figure with its label, as a `<div>` in the surrounding `<dl>`. `words`: the value is a phrase instead of a
 * figure ("no answers yet"), set as text rather than in the large figure font, where it would wrap.
 */
function tile(label: string, value: string, name: string, detail?: string, kind: 'figure' | 'words' = 'figure'): HTMLDivElement {
  return el(
    'div',
    { class: 'tile', 'data-figure': name },
    el('dt', {}, label),
    el('dd', { class: kind === 'words' ? 'value value-words' : 'value' }, value),
    detail ? el('dd', { class: 'detail' }, detail) : null,
  );
}

/**
 * Every week of the period with its figures, weeks without answers included: from the period's first week
 * (or, for all time, the first week with answers) to this week.
 */
function weekFigures(rows: readonly FigureRow[], since: string | undefined, now: Date): WeekFigure[] {
  const byWeek = new Map(rows.map((row) => [row.key, row]));
  const first = since ? new Date(`${since}T00:00:00Z`) : rows.map((row) => mondayOfWeek(row.key)).find((monday) => monday !== undefined);
  const weeks = first ? weeksBetween(first, now) : [];
  // Figures in weeks outside the range (a clock that differs from the server's) are still shown.
  for (const row of rows) if (!weeks.includes(row.key)) weeks.push(row.key);
  weeks.sort();
  return weeks.map((week) => ({ week, row: byWeek.get(week) }));
}

/** '3 days ago', '2 uur geleden': how long a ticket has waited, in the page's language. */
function age(created: Date, now: Date, language: string): string {
  const relative = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  const minutes = Math.round((created.getTime() - now.getTime()) / 60_000);
  if (Math.abs(minutes) < 60) return relative.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 48) return relative.format(hours, 'hour');
  return relative.format(Math.round(hours / 24), 'day');
}

runPage((page) => new DashboardPage(page).start());

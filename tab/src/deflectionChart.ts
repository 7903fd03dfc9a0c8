/**
 * The chart of the deflection rate per week: an inline SVG bar chart for the eye, and the same figures
 * as a table for screen readers.
 * @remarks The SVG is hidden from assistive technology (a picture of a table says less than the table),
 * and the table is visually hidden. Colours come from CSS classes, so the chart follows the Teams theme.
 */
import type { FigureRow } from './apiTypes.js';
import { el, svg } from './dom.js';
import { format, type TabStrings } from './i18n.js';

export interface WeekFigure {
  /** ISO week key, '2026-W47'. */
  week: string;
  row?: FigureRow;
}

const WIDTH = 640;
const HEIGHT = 240;
const MARGIN = { top: 12, right: 8, bottom: 30, left: 44 };
/** Beyond this many weeks only every n-th week is labelled, so the labels never overlap. */
const MAX_LABELS = 13;

export function deflectionChart(weeks: readonly WeekFigure[], t: TabStrings, percent: (rate: number) => string): { chart: SVGSVGElement; table: HTMLTableElement } {
  return { chart: barChart(weeks, t, percent), table: figureTable(weeks, t) };
}

function barChart(weeks: readonly WeekFigure[], t: TabStrings, percent: (rate: number) => string): SVGSVGElement {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const y = (rate: number) => MARGIN.top + plotHeight * (1 - rate);
  const band = plotWidth / Math.max(weeks.length, 1);
  const labelEvery = Math.ceil(weeks.length / MAX_LABELS);

  const chart = svg('svg', {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    class: 'chart',
    'aria-hidden': 'true',
    focusable: 'false',
    'data-weeks': weeks.length,
  });
  for (const rate of [0, 0.25, 0.5, 0.75, 1]) {
    chart.append(
      svg('line', { class: 'chart-grid', x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(rate), y2: y(rate) }),
      svg('text', { class: 'chart-axis', x: MARGIN.left - 6, y: y(rate), 'text-anchor': 'end', 'dominant-baseline': 'middle' }, percent(rate)),
    );
  }
  weeks.forEach(({ week, row }, index) => {
    const x = MARGIN.left + index * band;
    const rate = row?.deflectionRate;
    if (rate !== null && rate !== undefined) {
      const barWidth = Math.max(band * 0.6, 1);
      chart.append(
        svg(
          'rect',
          { class: 'chart-bar', x: x + (band - barWidth) / 2, y: y(rate), width: barWidth, height: Math.max(plotHeight * rate, 0), 'data-week': week },
          svg('title', {}, `${week}: ${rateText(row, t)}`),
        ),
      );
    }
    if (index % labelEvery === 0) {
      chart.append(svg('text', { class: 'chart-axis', x: x + band / 2, y: HEIGHT - MARGIN.bottom + 18, 'text-anchor': 'middle' }, week.slice(5)));
    }
  });
  chart.append(svg('line', { class: 'chart-baseline', x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(0), y2: y(0) }));
  return chart;
}

function figureTable(weeks: readonly WeekFigure[], t: TabStrings): HTMLTableElement {
  return el(
    'table',
    { class: 'visually-hidden', id: 'chart-table' },
    el('caption', {}, t.dashboard.chartTitle),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t.dashboard.week), el('th', { scope: 'col' }, t.dashboard.rateColumn))),
    el('tbody', {}, ...weeks.map(({ week, row }) => el('tr', {}, el('th', { scope: 'row' }, week), el('td', {}, rateText(row, t))))),
  );
}

/** '67% (2 of 3)', or 'no answers yet' for a week without answers. */
export function rateText(row: Omit<FigureRow, 'key'> | undefined, t: TabStrings): string {
  if (!row || row.deflectionRate === null) return t.stats.noAnswers;
  return format(t.stats.rateValue, { rate: Math.round(row.deflectionRate * 100), deflected: row.deflected, answered: row.answered });
}

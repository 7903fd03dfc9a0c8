/**
 * `npm run report -- [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--format text|csv|json]`: the helpdesk's
 * deflection figures from the embedded store (DB_FILE), or from PostgreSQL when DATABASE_URL is set, for the
 * people who decide where the bot needs work. Started through cli/index.ts (`node dist/cli/index.js report ...`);
 * arguments are read with parseArgs.
 *
 * Formats:
 * - text: a readable summary, rates as percentages.
 * - json: the `Figures` object of services/figures.ts (rates as fractions 0..1, null when nothing was answered).
 * - csv: one header `section,key,answered,deflected,deflection_rate`, then
 *     total,all,A,D,R                   every answer in the period
 *     intent,INTENT,A,D,R               one row per intent, by name
 *     language,LANGUAGE,A,D,R           one row per language (en, nl)
 *     week,YYYY-Www,A,D,R               one row per ISO week (UTC), oldest first
 *     feedback,helpful|not_helpful|unrated,N,,
 *     tickets,open|assigned|resolved,N,,           status counts over all tickets, whatever the period
 *     tickets,created_in_period,N,,
 *     takeovers,pending,N,,             takeovers in progress (open, or reported and not yet confirmed by Microsoft)
 *   The rate is a fraction with at most 4 decimals, empty when nothing was answered. Count-only rows
 *   (feedback, tickets, takeovers) carry their count in the third column and leave the last two empty.
 *
 * @remarks Read-only: the store file is opened without the lock and never written, so the report runs while
 * the bot does (the bot replaces the file atomically); so does a report on the database. Only counts and keys are printed, never a question or a
 * transcript.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { HelpdeskFile } from '../data/file/helpdeskFile.js';
import { HelpdeskFileDirectory } from '../data/file/helpdeskFileDirectory.js';
import { HelpdeskFileRecords } from '../data/file/helpdeskFileRecords.js';
import { openHelpdeskStore } from '../data/openHelpdeskStore.js';
import type { Directory } from '../services/ports/directory.js';
import { computeFigures, type FigureRow, type Figures } from '../services/tickets/figures.js';
import type { HelpdeskRecords } from '../services/ports/helpdeskRecords.js';
import { EXIT_FAILED, EXIT_OK, parseCommandLine, usageError, type CliIo } from './cliMain.js';
import { loadConfig } from '../bot/app/config.js';

export type ReportCliIo = CliIo;

export const REPORT_FORMATS = ['text', 'csv', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const USAGE = `usage: npm run report -- [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--format text|csv|json]

  --since DATE     count answers and new tickets from this day on (00:00 UTC, included)
  --until DATE     count them up to this day (00:00 UTC, excluded: --until 2026-12-01 ends with November)
  --format FORMAT  text (default): a readable summary; csv: a table for a spreadsheet; json: every figure
  --help           print this text

Ticket status counts and pending takeovers are for the whole store, whatever the period.
The store is the PostgreSQL database in DATABASE_URL when that is set (postgres://user:password@host:5432/db),
otherwise the file DB_FILE (default .data/helpdesk.json); both are read from the environment or .env.
The store is only read.
`;

interface ReportOptions {
  since?: Date;
  until?: Date;
  format: ReportFormat;
}

const CLI = { name: 'report', usage: USAGE } as const;

const OPTIONS = {
  since: { type: 'string' },
  until: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function runReportCli(args: string[], io: ReportCliIo): Promise<number> {
  const parsed = readOptions(args);
  if ('help' in parsed) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  if ('problem' in parsed) return usageError(CLI, parsed.problem, io);

  try {
    const config = loadConfig(io.env);
    const dbFile = resolve(io.cwd ?? process.cwd(), config.dbFile);
    const figures = await readFigures({ dbFile, databaseUrl: config.databaseUrl }, parsed);
    io.stdout(render(figures, parsed.format));
    return EXIT_OK;
  } catch (error) {
    // Operators get the message, not a stack: every error thrown below names the file or setting at fault.
    io.stderr(`report: ${(error as Error).message}\n`);
    return EXIT_FAILED;
  }
}

/** Accepts `--flag value` and `--flag=value`, each flag at most once (parseArgs alone would keep the last). */
function readOptions(args: string[]): ReportOptions | { problem: string } | { help: true } {
  const parsed = parseCommandLine(args, OPTIONS, false);
  if ('problem' in parsed) return parsed;
  const { values, tokens } = parsed;
  if (values.help) return { help: true };
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    if (seen.has(token.name)) return { problem: `--${token.name} is given twice` };
    seen.add(token.name);
  }

  const format = values.format ?? 'text';
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) return { problem: `--format must be one of ${REPORT_FORMATS.join(', ')}, not "${format}"` };
  const options: ReportOptions = { format: format as ReportFormat };
  for (const key of ['since', 'until'] as const) {
    const raw = values[key];
    if (raw === undefined) continue;
    const day = parseDay(raw);
    if (!day) return { problem: `--${key} must be a date as YYYY-MM-DD, not "${raw}"` };
    options[key] = day;
  }
  if (options.since && options.until && options.since.getTime() >= options.until.getTime()) {
    return { problem: '--since must be before --until' };
  }
  return options;
}

/** A calendar day at 00:00 UTC; undefined for anything else, including days that do not exist (2026-02-30). */
function parseDay(text: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const day = new Date(`${text}T00:00:00.000Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(text) ? day : undefined;
}

/**
 * Reads the store without writing: the database, or the file without its lock. A missing file is an error,
 * since it usually means the wrong DB_FILE.
 */
async function readFigures(location: { dbFile: string; databaseUrl?: string }, options: ReportOptions): Promise<Figures> {
  const figuresOf = async (records: HelpdeskRecords, directory: Directory) =>
    computeFigures({
      answers: await records.listAnswers(),
      tickets: await records.listTickets(),
      pendingTakeovers: (await directory.openTakeovers()).length,
      since: options.since,
      until: options.until,
    });
  if (location.databaseUrl) {
    const store = await openHelpdeskStore(location, 'report');
    try {
      return await figuresOf(store.records, store.directory);
    } finally {
      await store.close();
    }
  }
  const { dbFile } = location;
  if (!existsSync(dbFile)) throw new Error(`the store "${dbFile}" does not exist (check DB_FILE)`);
  const file = await HelpdeskFile.open(dbFile);
  return figuresOf(new HelpdeskFileRecords(file), new HelpdeskFileDirectory(file));
}

function render(figures: Figures, format: ReportFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(figures, null, 2)}\n`;
    case 'csv':
      return csv(figures);
    default:
      return text(figures);
  }
}

function text(figures: Figures): string {
  const lines = [
    `Helpdesk figures, ${period(figures)}`,
    '',
    `  answers given:      ${figures.answered}`,
    `  deflected:          ${figures.deflected} (${percent(figures.deflectionRate)})`,
    `  rated helpful:      ${figures.helpful}`,
    `  rated not helpful:  ${figures.notHelpful}`,
    `  not rated:          ${figures.unrated}`,
  ];
  for (const [title, rows] of [
    ['By intent', figures.byIntent],
    ['By language', figures.byLanguage],
    ['By week', figures.byWeek],
  ] as const) {
    lines.push('', `${title}:`);
    if (rows.length === 0) lines.push('  (no answers)');
    const width = Math.max(0, ...rows.map((row) => row.key.length));
    for (const row of rows) {
      lines.push(`  ${row.key.padEnd(width)}  ${String(row.answered).padStart(5)} answered  ${String(row.deflected).padStart(5)} deflected  ${percent(row.deflectionRate).padStart(6)}`);
    }
  }
  lines.push(
    '',
    'Tickets (all, whatever the period):',
    `  open:               ${figures.tickets.open}`,
    `  assigned:           ${figures.tickets.assigned}`,
    `  resolved:           ${figures.tickets.resolved}`,
    `  created in period:  ${figures.tickets.createdInPeriod}`,
    '',
    `Takeovers in progress: ${figures.pendingTakeovers}`,
  );
  return `${lines.join('\n')}\n`;
}

function period(figures: Figures): string {
  const day = (iso: string) => iso.slice(0, 10);
  if (figures.since && figures.until) return `from ${day(figures.since)} up to (not including) ${day(figures.until)}`;
  if (figures.since) return `from ${day(figures.since)} on`;
  if (figures.until) return `up to (not including) ${day(figures.until)}`;
  return 'all time';
}

function percent(rate: number | null): string {
  return rate === null ? 'n/a' : `${(rate * 100).toFixed(1)}%`;
}

function csv(figures: Figures): string {
  const rows: (string | number)[][] = [['section', 'key', 'answered', 'deflected', 'deflection_rate']];
  const figureRow = (section: string, row: FigureRow) => [section, row.key, row.answered, row.deflected, csvRate(row.deflectionRate)];
  rows.push(figureRow('total', { key: 'all', answered: figures.answered, deflected: figures.deflected, deflectionRate: figures.deflectionRate }));
  for (const row of figures.byIntent) rows.push(figureRow('intent', row));
  for (const row of figures.byLanguage) rows.push(figureRow('language', row));
  for (const row of figures.byWeek) rows.push(figureRow('week', row));
  const count = (section: string, key: string, value: number) => rows.push([section, key, value, '', '']);
  count('feedback', 'helpful', figures.helpful);
  count('feedback', 'not_helpful', figures.notHelpful);
  count('feedback', 'unrated', figures.unrated);
  count('tickets', 'open', figures.tickets.open);
  count('tickets', 'assigned', figures.tickets.assigned);
  count('tickets', 'resolved', figures.tickets.resolved);
  count('tickets', 'created_in_period', figures.tickets.createdInPeriod);
  count('takeovers', 'pending', figures.pendingTakeovers);
  return rows.map((row) => `${row.map((cell) => csvCell(String(cell))).join(',')}\n`).join('');
}

/** At most 4 decimals, without trailing zeros: 0.6667, 0.5, 1. */
function csvRate(rate: number | null): string {
  return rate === null ? '' : String(Number(rate.toFixed(4)));
}

/** Keys come from the store; quote any that would break the row. */
function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

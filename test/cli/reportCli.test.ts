import { beforeEach, describe, expect, it } from '@jest/globals';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { runReportCli } from '../../cli/reportCli.js';
import { HelpdeskFileRecords } from '../../data/file/helpdeskFileRecords.js';
import { lockStore } from '../../data/file/storeLock.js';
import type { Figures } from '../../services/tickets/figures.js';
import type { TakeoverRequest, TakeoverStatus } from '../../services/models/takeoverRequest.js';
import type { AnswerRecord, Ticket } from '../../services/models/ticket.js';
import { useTempStore } from '../helpers/tempStore.js';

/** Written into every question, transcript, name and note; it must never reach the report. */
const SECRET = 'Purple Walrus 7731';

function answer(id: string, fields: Pick<AnswerRecord, 'intent' | 'language' | 'at'> & Partial<AnswerRecord>): AnswerRecord {
  return { id, userId: `user-${id}`, ...fields };
}

function ticketDraft(status: Ticket['status'], createdAt: string): Omit<Ticket, 'id'> {
  return {
    requester: { userId: 'user-1', name: SECRET, email: 'walrus@contoso.com', conversation: { note: SECRET }, language: 'nl' },
    question: `Wie is mijn beheerder? ${SECRET}`,
    transcript: [
      { from: 'user', text: `My password is ${SECRET}`, at: createdAt },
      { from: 'bot', text: `Answered: ${SECRET}`, at: createdAt },
    ],
    status,
    ...(status === 'resolved' ? { resolutionNote: SECRET, resolvedAt: createdAt } : {}),
    createdAt,
  };
}

function takeover(id: string, status: TakeoverStatus): TakeoverRequest {
  return {
    id,
    domain: 'tailspin.example',
    orgId: 'org-tailspin',
    kind: 'internal',
    requester: { userId: 'user-1', name: SECRET, conversation: {} },
    value: 'MS=ms12345678',
    status,
    attempts: [],
    recheck: false,
    createdAt: '2026-11-16T09:00:00.000Z',
    expiresAt: '2026-11-23T09:00:00.000Z',
  };
}

describe('runReportCli', () => {
  const store = useTempStore('report-cli-');

  beforeEach(async () => {
    const records = new HelpdeskFileRecords(store.file);
    for (const record of [
      answer('a1', { intent: 'signup', language: 'en', at: '2026-11-09T10:00:00.000Z', helpful: true }),
      answer('a2', { intent: 'signup', language: 'nl', at: '2026-11-10T10:00:00.000Z', helpful: false }),
      answer('a3', { intent: 'takeover', language: 'en', at: '2026-11-16T10:00:00.000Z' }),
      answer('a4', { intent: 'takeover', language: 'nl', at: '2026-11-17T10:00:00.000Z', ticketId: 'HD-1001' }),
      answer('a5', { intent: 'whoIsMyAdmin', language: 'nl', at: '2026-11-18T10:00:00.000Z', helpful: true, ticketId: 'HD-1002' }),
    ]) {
      await records.recordAnswer(record);
    }
    await records.createTicket(ticketDraft('open', '2026-11-17T10:01:00.000Z'));
    await records.createTicket(ticketDraft('assigned', '2026-11-18T10:01:00.000Z'));
    await records.createTicket(ticketDraft('resolved', '2026-11-02T10:00:00.000Z'));
    await store.file.update((data) => {
      data.takeovers.push(takeover('t1', 'waitingForDns'), takeover('t2', 'waitingForMicrosoft'), takeover('t3', 'completed'), takeover('t4', 'expired'));
    });
    await store.file.flush();
  });

  /** Runs the command line against the temp store, collecting what the operator would see. */
  async function run(...args: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await runReportCli(args, {
      env: { DB_FILE: store.path },
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      cwd: store.dir,
    });
    return { code, stdout, stderr };
  }

  it('prints every figure as JSON', async () => {
    const result = await run('--format', 'json');

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout) as Figures).toEqual({
      answered: 5,
      deflected: 3,
      deflectionRate: 0.6,
      helpful: 2,
      notHelpful: 1,
      unrated: 2,
      byIntent: [
        { key: 'signup', answered: 2, deflected: 1, deflectionRate: 0.5 },
        { key: 'takeover', answered: 2, deflected: 1, deflectionRate: 0.5 },
        { key: 'whoIsMyAdmin', answered: 1, deflected: 1, deflectionRate: 1 },
      ],
      byLanguage: [
        { key: 'en', answered: 2, deflected: 2, deflectionRate: 1 },
        { key: 'nl', answered: 3, deflected: 1, deflectionRate: 1 / 3 },
      ],
      byWeek: [
        { key: '2026-W46', answered: 2, deflected: 1, deflectionRate: 0.5 },
        { key: '2026-W47', answered: 3, deflected: 2, deflectionRate: 2 / 3 },
      ],
      tickets: { open: 1, assigned: 1, resolved: 1, createdInPeriod: 3 },
      pendingTakeovers: 2,
    });
    expect(result.stdout).not.toContain(SECRET);
  });

  it('prints a CSV table with totals, intents, languages, weeks, feedback, tickets and takeovers', async () => {
    const result = await run('--format=csv', '--since', '2026-11-16');

    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')).toEqual([
      'section,key,answered,deflected,deflection_rate',
      'total,all,3,2,0.6667',
      'intent,takeover,2,1,0.5',
      'intent,whoIsMyAdmin,1,1,1',
      'language,en,1,1,1',
      'language,nl,2,1,0.5',
      'week,2026-W47,3,2,0.6667',
      'feedback,helpful,1,,',
      'feedback,not_helpful,0,,',
      'feedback,unrated,2,,',
      'tickets,open,1,,',
      'tickets,assigned,1,,',
      'tickets,resolved,1,,',
      'tickets,created_in_period,2,,',
      'takeovers,pending,2,,',
      '',
    ]);
  });

  it('prints a readable summary with rates as percentages', async () => {
    const result = await run('--since', '2026-11-01', '--until', '2026-11-16');

    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')).toEqual([
      'Helpdesk figures, from 2026-11-01 up to (not including) 2026-11-16',
      '',
      '  answers given:      2',
      '  deflected:          1 (50.0%)',
      '  rated helpful:      1',
      '  rated not helpful:  1',
      '  not rated:          0',
      '',
      'By intent:',
      '  signup      2 answered      1 deflected   50.0%',
      '',
      'By language:',
      '  en      1 answered      1 deflected  100.0%',
      '  nl      1 answered      0 deflected    0.0%',
      '',
      'By week:',
      '  2026-W46      2 answered      1 deflected   50.0%',
      '',
      'Tickets (all, whatever the period):',
      '  open:               1',
      '  assigned:           1',
      '  resolved:           1',
      '  created in period:  1',
      '',
      'Takeovers in progress: 2',
      '',
    ]);
  });

  it('says there is nothing to count rather than inventing a rate', async () => {
    const result = await run('--since', '2027-01-01');

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('  answers given:      0\n  deflected:          0 (n/a)\n');
    expect(result.stdout).toContain('By intent:\n  (no answers)\n');
    expect((await run('--since', '2027-01-01', '--format', 'csv')).stdout).toContain('total,all,0,0,\n');
  });

  it('never prints a question, transcript, name or note, in any format', async () => {
    for (const format of ['text', 'csv', 'json']) {
      const result = await run('--format', format);
      expect(result.code).toBe(0);
      expect(result.stdout).not.toContain(SECRET);
      expect(result.stdout).not.toContain('Walrus');
      expect(result.stdout).not.toContain('walrus@contoso.com');
      expect(result.stderr).toBe('');
    }
  });

  it('only reads the store, and works while the bot holds its lock', async () => {
    const before = await readFile(store.path, 'utf8');
    const modified = (await stat(store.path)).mtimeMs;
    const lock = await lockStore(store.path, 'the helpdesk bot');
    try {
      expect((await run('--format', 'json')).code).toBe(0);
    } finally {
      await lock.release();
    }

    expect(await readFile(store.path, 'utf8')).toBe(before);
    expect((await stat(store.path)).mtimeMs).toBe(modified);
  });

  it.each([
    [['--since', '2026-13-01'], '--since must be a date as YYYY-MM-DD, not "2026-13-01"'],
    [['--since', '2026-02-30'], '--since must be a date as YYYY-MM-DD, not "2026-02-30"'],
    [['--until', '1 December'], '--until must be a date as YYYY-MM-DD, not "1 December"'],
    [['--since'], '--since needs a value'],
    [['--since', '2026-11-16', '--until', '2026-11-16'], '--since must be before --until'],
    [['--since', '2026-11-01', '--since', '2026-11-02'], '--since is given twice'],
    [['--format', 'xml'], '--format must be one of text, csv, json, not "xml"'],
    [['--verbose'], 'unknown argument "--verbose"'],
    [['2026-11-01'], 'unknown argument "2026-11-01"'],
  ])('refuses %j with the usage and exit code 2', async (args, problem) => {
    const result = await run(...args);

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`report: ${problem}\n`);
    expect(result.stderr).toContain('usage: npm run report --');
  });

  it('prints the usage on --help', async () => {
    const result = await run('--help');

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('usage: npm run report --');
  });

  it('fails with the path when the store does not exist, and does not create it', async () => {
    const missing = join(store.dir, 'nowhere', 'helpdesk.json');
    let stderr = '';
    const code = await runReportCli([], { env: { DB_FILE: missing }, stdout: () => undefined, stderr: (text) => (stderr += text) });

    expect(code).toBe(1);
    expect(stderr).toBe(`report: the store "${missing}" does not exist (check DB_FILE)\n`);
    await expect(stat(join(store.dir, 'nowhere'))).rejects.toThrow('ENOENT');
  });
});

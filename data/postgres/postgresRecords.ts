/**
 * Answers, feedback and tickets in PostgreSQL.
 * @remarks A change to one answer or ticket locks its row (SELECT ... FOR UPDATE) for the read-change-write,
 * so two helpdesk agents assigning the same ticket on two instances are decided by the database: the
 * second sees the first's assignee. Ticket numbers come from a sequence, never from counting rows.
 */
import type { HelpdeskRecords } from '../../services/ports/helpdeskRecords.js';
import { ticketId, type AnswerRecord, type Ticket } from '../../services/models/ticket.js';
import { allRecords, firstRecord, type Database, type DataRow, type Queryable } from './database.js';

export class PostgresRecords implements HelpdeskRecords {
  constructor(private readonly database: Database) {}

  async recordAnswer(answer: AnswerRecord): Promise<void> {
    await this.database.query('INSERT INTO answers (id, data) VALUES ($1, $2)', [answer.id, JSON.stringify(answer)]);
  }

  async findAnswer(id: string): Promise<AnswerRecord | undefined> {
    return firstRecord(await this.database.query<DataRow>('SELECT data FROM answers WHERE id = $1', [id]));
  }

  updateAnswer<T>(id: string, change: (answer: AnswerRecord) => { answer: AnswerRecord; result: T } | { result: T }): Promise<T | undefined> {
    return this.database.transaction(async (client) => {
      const answer = firstRecord<AnswerRecord>(await client.query<DataRow>('SELECT data FROM answers WHERE id = $1 FOR UPDATE', [id]));
      if (!answer) return undefined;
      const outcome = change(answer);
      if ('answer' in outcome) await client.query('UPDATE answers SET data = $2 WHERE id = $1', [id, JSON.stringify(outcome.answer)]);
      return outcome.result;
    });
  }

  async createTicket(draft: Omit<Ticket, 'id'>): Promise<Ticket> {
    return this.database.transaction(async (client) => {
      const [row] = await client.query<{ n: string }>("SELECT nextval('ticket_number') AS n");
      const ticket: Ticket = { ...draft, id: ticketId(Number(row!.n)) };
      await insertTicket(client, ticket);
      return ticket;
    });
  }

  async findTicket(id: string): Promise<Ticket | undefined> {
    return firstRecord(await this.database.query<DataRow>('SELECT data FROM tickets WHERE id = $1', [id]));
  }

  updateTicket<T>(id: string, change: (ticket: Ticket) => { ticket: Ticket; result: T } | { result: T }): Promise<T | undefined> {
    return this.database.transaction(async (client) => {
      const ticket = firstRecord<Ticket>(await client.query<DataRow>('SELECT data FROM tickets WHERE id = $1 FOR UPDATE', [id]));
      if (!ticket) return undefined;
      const outcome = change(ticket);
      if ('ticket' in outcome) await updateTicketRow(client, outcome.ticket);
      return outcome.result;
    });
  }

  async ticketsOf(userId: string): Promise<Ticket[]> {
    return allRecords(await this.database.query<DataRow>('SELECT data FROM tickets WHERE requester_user_id = $1 ORDER BY seq', [userId]));
  }

  async listTickets(): Promise<Ticket[]> {
    return allRecords(await this.database.query<DataRow>('SELECT data FROM tickets ORDER BY seq'));
  }

  async listAnswers(): Promise<AnswerRecord[]> {
    return allRecords(await this.database.query<DataRow>('SELECT data FROM answers ORDER BY seq'));
  }

  removeTranscriptsBefore(before: Date, now: Date): Promise<number> {
    return this.database.transaction(async (client) => {
      const rows = await client.query<DataRow>('SELECT data FROM tickets WHERE NOT transcript_removed AND created_at < $1 FOR UPDATE', [before]);
      for (const ticket of allRecords<Ticket>(rows)) {
        await updateTicketRow(client, { ...ticket, transcript: [], transcriptRemovedAt: now.toISOString() });
      }
      return rows.length;
    });
  }
}

/** Adds an answer unless one with its id is there (importing a store file again); true when added. */
export async function insertAnswer(db: Queryable, answer: AnswerRecord): Promise<boolean> {
  const added = await db.query('INSERT INTO answers (id, data) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING id', [answer.id, JSON.stringify(answer)]);
  return added.length > 0;
}

/** Adds a ticket, or (importing a store file again) leaves the one with its number alone; true when added. */
export async function insertTicket(db: Queryable, ticket: Ticket): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO tickets (id, requester_user_id, created_at, transcript_removed, data) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [ticket.id, ticket.requester.userId, ticket.createdAt, Boolean(ticket.transcriptRemovedAt), JSON.stringify(ticket)],
  );
  return rows.length > 0;
}

async function updateTicketRow(db: Queryable, ticket: Ticket): Promise<void> {
  await db.query('UPDATE tickets SET requester_user_id = $2, created_at = $3, transcript_removed = $4, data = $5 WHERE id = $1', [
    ticket.id,
    ticket.requester.userId,
    ticket.createdAt,
    Boolean(ticket.transcriptRemovedAt),
    JSON.stringify(ticket),
  ]);
}

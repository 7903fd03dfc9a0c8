/**
 * Transcript windows in PostgreSQL, so a ticket gets its context whichever instance the conversation's
 * turns reached. The retention job forgets windows idle for a day (IDLE_WINDOW_HOURS): the database keeps
 * no conversation history beyond that, only what a ticket the user sends carries.
 */
import type { TranscriptLine } from '../../services/models/ticket.js';
import type { TranscriptWindows } from '../../services/ports/transcriptWindows.js';
import type { Database } from './database.js';

export class PostgresTranscriptWindows implements TranscriptWindows {
  constructor(private readonly database: Database) {}

  async get(conversation: string): Promise<TranscriptLine[]> {
    const [row] = await this.database.query<{ lines: string }>('SELECT lines FROM transcript_windows WHERE conversation = $1', [conversation]);
    return row ? (JSON.parse(row.lines) as TranscriptLine[]) : [];
  }

  async set(conversation: string, lines: readonly TranscriptLine[]): Promise<void> {
    await this.database.query(
      `INSERT INTO transcript_windows (conversation, lines, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (conversation) DO UPDATE SET lines = EXCLUDED.lines, updated_at = now()`,
      [conversation, JSON.stringify(lines)],
    );
  }

  async delete(conversation: string): Promise<void> {
    await this.database.query('DELETE FROM transcript_windows WHERE conversation = $1', [conversation]);
  }

  async forgetIdleBefore(before: Date): Promise<number> {
    return (await this.database.query('DELETE FROM transcript_windows WHERE updated_at < $1 RETURNING conversation', [before])).length;
  }
}

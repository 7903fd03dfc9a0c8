/**
 * Transcript windows in this process's memory, for the embedded store: never written to disk, bounded in
 * number (the least recently active conversation is forgotten first), and empty again after a restart,
 * which only makes the next ticket's context shorter.
 */
import type { TranscriptLine } from '../../services/models/ticket.js';
import type { TranscriptWindows } from '../../services/ports/transcriptWindows.js';

/** Conversations whose window is kept. */
export const CONVERSATIONS_KEPT = 10_000;

interface Window {
  lines: TranscriptLine[];
  updatedAt: number;
}

export class MemoryTranscriptWindows implements TranscriptWindows {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly capacity = CONVERSATIONS_KEPT,
    private readonly now: () => number = Date.now,
  ) {}

  async get(conversation: string): Promise<TranscriptLine[]> {
    return [...(this.windows.get(conversation)?.lines ?? [])];
  }

  async set(conversation: string, lines: readonly TranscriptLine[]): Promise<void> {
    // Re-inserting keeps the Map in order of last activity, so the oldest is first.
    this.windows.delete(conversation);
    this.windows.set(conversation, { lines: [...lines], updatedAt: this.now() });
    while (this.windows.size > this.capacity) this.windows.delete(this.windows.keys().next().value as string);
  }

  async delete(conversation: string): Promise<void> {
    this.windows.delete(conversation);
  }

  async forgetIdleBefore(before: Date): Promise<number> {
    let forgotten = 0;
    for (const [conversation, window] of this.windows) {
      if (window.updatedAt >= before.getTime()) break; // In order of last activity: the rest are newer.
      this.windows.delete(conversation);
      forgotten += 1;
    }
    return forgotten;
  }
}

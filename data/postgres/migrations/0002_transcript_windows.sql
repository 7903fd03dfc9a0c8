-- The last lines of each conversation, for the context of a ticket (services/transcriptWindows.ts):
-- shared by every instance, forgotten after a day without activity.
CREATE TABLE transcript_windows (
  conversation text PRIMARY KEY,
  lines text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX transcript_windows_updated_at ON transcript_windows (updated_at);

/**
 * What the bot's own HTTP routes answer (`/api/messages`, the tab's API), and the one shape of their errors:
 * `{ "error": "invalid_json", "message": "The request body is not valid JSON." }`, with any further details
 * beside them (the tab's `problems`, field by field). A client reads `error` to act on and shows `message`.
 */
export interface HttpReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** An error reply: a machine-readable `error` code, a sentence for people, and optional details. */
export function problem(status: number, error: string, message: string, details: Record<string, unknown> = {}): HttpReply {
  return { status, body: { error, message, ...details } };
}

/** Reads a request body up to a size limit, for every endpoint that takes one. */
import type { IncomingMessage } from 'node:http';

/**
 * The body as text, or 'tooLarge' when the declared or actual size is over `maxBytes`: then it stops
 * reading at once, so a huge body costs nothing. Each endpoint answers the two cases in its own format.
 */
export async function readLimitedBody(req: IncomingMessage, maxBytes: number): Promise<string | 'tooLarge'> {
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) return 'tooLarge';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) return 'tooLarge';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

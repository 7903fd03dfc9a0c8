/** Reads a request body up to a size limit, and tells a JSON body by its content type, for every endpoint that takes one. */
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

/**
 * `application/json`, or a JSON-based type (`application/activity+json`), with or without parameters such as a
 * charset; false when absent. Browsers send a cross-origin POST without a preflight only as text/plain,
 * application/x-www-form-urlencoded or multipart/form-data, so a JSON-only endpoint cannot be driven by a web page.
 */
export function isJsonContentType(header: string | undefined): boolean {
  const mediaType = header?.split(';', 1)[0]!.trim().toLowerCase() ?? '';
  return mediaType === 'application/json' || /^application\/[a-z0-9.!#$&^_-]+\+json$/.test(mediaType);
}

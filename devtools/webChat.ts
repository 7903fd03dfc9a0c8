/**
 * The local Web Chat test page (`/chat`) and the Direct Line endpoint it talks through (local mode only).
 * @remarks The page is the official Web Chat client, served from the installed botframework-webchat
 * package, so cards render as Web Chat renders them, with no internet. The page's own files live in
 * `bot/webchat/` and are read on each request, so editing them needs no restart.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Request, Response, Server } from 'restify';
import { projectFile } from '../lib/projectFiles.js';
import { registerDirectLine } from './directLine.js';
import type { Logger } from '../bot/app/logger.js';

export interface WebChatDeps {
  /** The bot's own base URL (http://127.0.0.1:PORT), known once it listens. */
  baseUrl(): string;
  logger: Logger;
}

export const WEB_CHAT_PATH = '/chat';

/**
 * Scripts only from this server; Web Chat injects its styles at run time, hence the inline styles; the
 * Direct Line calls go to this same origin.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "media-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The page's files, by the name they are served under; nothing else in `bot/webchat/` is reachable. */
const PAGE_FILES: Readonly<Record<string, string>> = {
  'chat.js': 'text/javascript; charset=utf-8',
  'chat.css': 'text/css; charset=utf-8',
};

export function registerWebChat(server: Server, deps: WebChatDeps): void {
  registerDirectLine(server, deps);
  const { logger } = deps;

  const page = async (_req: Request, res: Response) => {
    await sendFile(res, projectFile('devtools', 'webchat', 'index.html'), 'text/html; charset=utf-8', logger, {
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'referrer-policy': 'no-referrer',
    });
  };
  server.get(WEB_CHAT_PATH, page);
  server.get(`${WEB_CHAT_PATH}/`, page);

  for (const [name, contentType] of Object.entries(PAGE_FILES)) {
    server.get(`${WEB_CHAT_PATH}/${name}`, async (_req, res) => {
      await sendFile(res, projectFile('devtools', 'webchat', name), contentType, logger);
    });
  }

  const bundle = webChatBundle();
  server.get(`${WEB_CHAT_PATH}/webchat.js`, async (req, res) => {
    let info;
    try {
      info = await stat(bundle);
    } catch (error) {
      logger.error({ err: error, path: bundle }, 'Web Chat: the botframework-webchat bundle is missing');
      res.send(500, { error: { code: 'InternalError', message: 'The Web Chat bundle is missing; run npm install.' } });
      return;
    }
    // 3.9 MB: a reload revalidates instead of downloading it again.
    const etag = `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
    const headers = { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache', etag, 'x-content-type-options': 'nosniff' };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    res.writeHead(200, { ...headers, 'content-length': String(info.size) });
    try {
      await pipeline(createReadStream(bundle), res);
    } catch (error) {
      // Headers are out: a failure now (the client went away, the file vanished) can only end the response.
      // Rejecting would make restify answer again on a sent response, which throws outside any handler.
      logger.info({ err: error }, 'Web Chat: sending the bundle stopped early');
      res.destroy();
    }
  });
}

/** The UMD bundle that defines `window.WebChat`, found through the package (its exports map hides `dist/`). */
function webChatBundle(): string {
  const main = createRequire(import.meta.url).resolve('botframework-webchat');
  return join(dirname(main), '..', 'dist', 'webchat.js');
}

async function sendFile(res: Response, path: string, contentType: string, logger: Logger, extra: Record<string, string> = {}): Promise<void> {
  let body: Buffer;
  try {
    body = await readFile(path);
  } catch (error) {
    logger.error({ err: error, path }, 'Web Chat: a page file is missing');
    res.send(500, { error: { code: 'InternalError', message: 'A file of the Web Chat page is missing.' } });
    return;
  }
  res.writeHead(200, {
    'content-type': contentType,
    'content-length': String(body.length),
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
    ...extra,
  });
  res.end(body);
}

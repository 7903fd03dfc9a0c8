/**
 * Serves the Teams tab's pages (`/tab/settings.html`, `/tab/dashboard.html`) and their scripts and styles,
 * as built by `tab/build.mjs` into `dist/tab`.
 * @remarks Static files only, from one folder: the path is decoded once and must stay inside that folder
 * (no `..`, no hidden files, no folders), and only known file types are served, each with its content type.
 * Anything else is a 404 with a JSON error, like the rest of the server. HTML pages may be framed only by
 * Teams and the other Microsoft 365 hosts (Microsoft's tab requirements), and every page loads nothing but
 * its own origin.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { Request, Response, Server } from 'restify';
import { projectFile } from '../../lib/projectFiles.js';
import { problem } from './httpReply.js';

export interface TabPagesOptions {
  /** The built tab; `dist/tab` in the project by default. */
  root?: string;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** Hosts allowed to show the tab in a frame (learn.microsoft.com, "Prerequisites" of Teams tabs). */
const FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.cloud.microsoft',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://outlook.office365.com',
  'https://outlook-sdf.office365.com',
];

const PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  // teams-js fetches the list of hosts it may talk to from Microsoft's CDN (it has a built-in list when that fails).
  "connect-src 'self' https://res.cdn.office.net",
  "base-uri 'none'",
  "form-action 'self'",
  `frame-ancestors ${FRAME_ANCESTORS.join(' ')}`,
].join('; ');

const PREFIX = '/tab/';

export function registerTabPages(server: Server, options: TabPagesOptions = {}): void {
  const root = resolve(options.root ?? projectFile('dist', 'tab'));
  const handler = async (req: Request, res: Response) => {
    const file = await findFile(root, req.url ?? '');
    if (!file) {
      const { status, body } = problem(404, 'not_found', 'There is no such page or file of the tab.');
      res.send(status, body);
      return;
    }
    const headers: Record<string, string | number> = {
      'content-type': file.contentType,
      'content-length': file.body.length,
      // Scripts are not content-hashed (only the chunks are): browsers ask again every time, which is cheap on a tab.
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    };
    if (file.contentType.startsWith('text/html')) headers['content-security-policy'] = PAGE_POLICY;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : file.body);
  };
  server.get('/tab/*', handler);
  server.head('/tab/*', handler);
}

/** The file a request names, when it is a regular, non-hidden file of a known type inside `root`. */
async function findFile(root: string, url: string): Promise<{ body: Buffer; contentType: string } | undefined> {
  const pathname = url.split(/[?#]/, 1)[0] ?? '';
  if (!pathname.startsWith(PREFIX)) return undefined;
  let relative: string;
  try {
    relative = decodeURIComponent(pathname.slice(PREFIX.length));
  } catch {
    return undefined;
  }
  const segments = relative.split(/[\\/]/);
  if (relative.includes('\0') || segments.some((segment) => segment === '' || segment.startsWith('.'))) return undefined;
  const contentType = CONTENT_TYPES[extname(relative).toLowerCase()];
  if (!contentType) return undefined;
  const path = resolve(join(root, ...segments));
  if (!path.startsWith(root + sep)) return undefined;
  try {
    if (!(await stat(path)).isFile()) return undefined;
    return { body: await readFile(path), contentType };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw error;
  }
}

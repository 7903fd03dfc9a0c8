/**
 * Where the page runs: inside a Teams (or other Microsoft 365) host, or in a plain browser tab during
 * local development.
 * @remarks In a top-level browser tab teams-js refuses at once (no parent window), but in a frame whose
 * parent is not a Microsoft 365 host nobody answers its handshake and `app.initialize()` would wait a
 * minute. So it races a timeout: a page outside Teams falls back to the browser instead of hanging. A top
 * window with no native bridge (Teams' mobile web view) cannot be a host, so it gets the shorter wait.
 */
import { app, authentication } from '@microsoft/teams-js';

export interface TeamsHost {
  kind: 'teams';
  context: app.Context;
  /** An SSO token for this app, from Teams (cached and refreshed by teams-js). */
  getToken(): Promise<string>;
  /** Tells Teams the page has loaded, so it hides its loading indicator. */
  loaded(): void;
}

export interface BrowserHost {
  kind: 'browser';
}

export type Host = TeamsHost | BrowserHost;

const FRAMED_TIMEOUT_MS = 5000;
const TOP_WINDOW_TIMEOUT_MS = 750;

export async function connectToHost(): Promise<Host> {
  const framed = window.parent !== window || window.opener !== null || 'nativeInterface' in window;
  const timeoutMs = framed ? FRAMED_TIMEOUT_MS : TOP_WINDOW_TIMEOUT_MS;
  try {
    await withTimeout(app.initialize(), timeoutMs, 'app.initialize()');
    const context = await withTimeout(app.getContext(), timeoutMs, 'app.getContext()');
    return {
      kind: 'teams',
      context,
      getToken: () => authentication.getAuthToken(),
      loaded: () => app.notifySuccess(),
    };
  } catch (error) {
    console.info(`teamsHost: not in Teams (${(error as Error).message}); running as a plain web page`);
    return { kind: 'browser' };
  }
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = window.setTimeout(() => reject(new Error(`${what} got no answer within ${ms} ms`)), ms);
    work.then(
      (value) => {
        window.clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        window.clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(`${what} failed: ${String(error)}`));
      },
    );
  });
}

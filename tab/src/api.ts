/**
 * The tab API client: who the caller is (a Teams SSO token, or a development identity outside Teams),
 * JSON in and out, and errors that keep the HTTP status and the server's own message.
 */
import type { Settings, SettingsProblem, SettingsUpdate, Stats } from './apiTypes.js';

/**
 * How requests say who is asking.
 * @remarks `dev` is for local development outside Teams only: the server honours `X-Dev-Identity` only
 * when it runs without authentication (local mode), so in production it identifies nobody.
 */
export type Credentials =
  | { kind: 'teams'; getToken(): Promise<string> }
  | { kind: 'dev'; email: string }
  | { kind: 'none' };

export class ApiError extends Error {
  constructor(
    /** The HTTP status; 0 when the server could not be reached or did not answer JSON. */
    readonly status: number,
    message: string,
    /** The server's own explanation (`message`), when it gave one. */
    readonly serverMessage?: string,
    /** The server's error code (`error`), such as 'unknown_organization' or 'invalid_settings'. */
    readonly code?: string,
    /** A refused settings change: what is wrong, field by field. */
    readonly problems: readonly SettingsProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export class TabApi {
  constructor(
    private readonly credentials: Credentials,
    private readonly baseUrl = '',
  ) {}

  getSettings(): Promise<Settings> {
    return this.request<Settings>('GET', '/api/settings');
  }

  saveSettings(update: SettingsUpdate): Promise<Settings> {
    return this.request<Settings>('PUT', '/api/settings', update);
  }

  /** The figures from `since` (YYYY-MM-DD, UTC) on; all of them without it. */
  getStats(since?: string): Promise<Stats> {
    return this.request<Stats>('GET', since ? `/api/stats?since=${encodeURIComponent(since)}` : '/api/stats');
  }

  private async headers(): Promise<Record<string, string>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    switch (this.credentials.kind) {
      case 'teams':
        headers.authorization = `Bearer ${await this.credentials.getToken()}`;
        break;
      case 'dev':
        headers['x-dev-identity'] = this.credentials.email;
        break;
      case 'none':
        break;
    }
    return headers;
  }

  private async request<T>(method: 'GET' | 'PUT', path: string, body?: unknown): Promise<T> {
    const headers = await this.headers();
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        cache: 'no-store',
      });
    } catch (error) {
      throw new ApiError(0, `TabApi: ${method} ${path} could not reach the server: ${(error as Error).message}`);
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      throw new ApiError(response.ok ? 0 : response.status, `TabApi: ${method} ${path} answered ${response.status} with something other than JSON`);
    }
    if (!response.ok) throw failure(response.status, `${method} ${path}`, json);
    return json as T;
  }
}

/** The error for a refusal: `{ error, message, problems? }` as the tab API sends it. */
function failure(status: number, request: string, json: unknown): ApiError {
  const body = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
  const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
  const code = text(body.error);
  const message = text(body.message) ?? code;
  const problems = Array.isArray(body.problems)
    ? body.problems.filter((problem): problem is SettingsProblem => typeof problem === 'object' && problem !== null && typeof (problem as SettingsProblem).field === 'string')
    : [];
  return new ApiError(status, `TabApi: ${request} answered ${status}${message ? `: ${message}` : ''}`, message, code, problems);
}

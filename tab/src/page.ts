/**
 * What every tab page does first: find its host (Teams or a plain browser), pick the language and the
 * theme, fill in the page's fixed texts, and set up who the API calls are made as.
 * @remarks Outside Teams the page says so in a banner and takes a development identity from `?devUser=`
 * or from the banner's field, which the server accepts only in local mode.
 */
import { ApiError, TabApi, type Credentials } from './api.js';
import { byId } from './dom.js';
import { format, lookup, pickLanguage, stringsFor, type Language, type TabStrings } from './i18n.js';
import { connectToHost, type Host } from './teamsHost.js';
import { followTheme } from './theme.js';

export interface Page {
  host: Host;
  language: Language;
  t: TabStrings;
  api: TabApi;
  /** What went wrong with a request, in the page's language. */
  describeError(error: unknown): string;
  /** Call once the page shows its data: Teams then hides its loading indicator. */
  loaded(): void;
}

/** Query parameters a link to another tab page keeps (the development identity, language and theme). */
const KEPT_PARAMETERS = ['devUser', 'lang', 'theme'];

/** Starts a page: `show` gets the page once it is set up; a failure on the way is shown and logged, never swallowed. */
export function runPage(show: (page: Page) => Promise<void>): void {
  startPage()
    .then(show)
    .catch((error: unknown) => {
      console.error(error);
      const target = document.getElementById('load-error');
      if (target) target.textContent = error instanceof Error ? error.message : String(error);
    });
}

export async function startPage(): Promise<Page> {
  const params = new URLSearchParams(location.search);
  const host = await connectToHost();
  const language = pickLanguage(host.kind === 'teams' ? host.context.app.locale : undefined, params.get('lang'), navigator.languages);
  const t = stringsFor(language);
  document.documentElement.lang = language;
  translate(document.body, t);
  document.title = lookup(t, document.body.dataset.title ?? '') ?? document.title;
  followTheme(host, params.get('theme'));
  keepParametersInLinks(params);

  const credentials: Credentials = host.kind === 'teams' ? { kind: 'teams', getToken: host.getToken } : developmentIdentity(params);
  return {
    host,
    language,
    t,
    api: new TabApi(credentials),
    describeError: (error) => describeError(error, t),
    loaded: () => {
      if (host.kind === 'teams') host.loaded();
    },
  };
}

/**
 * Fills `data-i18n` (text), `data-i18n-placeholder` and `data-i18n-aria-label` from the strings.
 * @remarks A key with no string throws, naming every such key, so a typo in a page cannot ship silently.
 */
export function translate(root: ParentNode, t: TabStrings): void {
  const missing: string[] = [];
  const text = (key: string) => {
    const value = lookup(t, key);
    if (value === undefined) missing.push(key);
    return value ?? key;
  };
  for (const element of root.querySelectorAll<HTMLElement>('[data-i18n]')) element.textContent = text(element.dataset.i18n ?? '');
  for (const element of root.querySelectorAll<HTMLElement>('[data-i18n-placeholder]')) {
    element.setAttribute('placeholder', text(element.dataset.i18nPlaceholder ?? ''));
  }
  for (const element of root.querySelectorAll<HTMLElement>('[data-i18n-aria-label]')) {
    element.setAttribute('aria-label', text(element.dataset.i18nAriaLabel ?? ''));
  }
  if (missing.length > 0) throw new Error(`page.translate(): no string for ${missing.map((key) => `"${key}"`).join(', ')}`);
}

export function describeError(error: unknown, t: TabStrings): string {
  if (!(error instanceof ApiError)) return format(t.common.failed, { error: error instanceof Error ? error.message : String(error) });
  // The server's own words are English and may be technical: they go to the console, the user reads ours.
  if (error.serverMessage) console.warn(error.message);
  switch (error.status) {
    case 0:
      return t.common.unreachable;
    case 401:
      return t.common.notSignedIn;
    case 403:
      return t.common.forbidden;
    case 404:
      return t.common.unknownOrg;
    default:
      return format(t.common.failed, { error: error.serverMessage ?? error.message });
  }
}

/** Shows the outside-Teams banner with its identity field; the identity comes from `?devUser=`. */
function developmentIdentity(params: URLSearchParams): Credentials {
  const email = params.get('devUser')?.trim() ?? '';
  byId('dev-banner', HTMLElement).hidden = false;
  const input = byId('dev-identity', HTMLInputElement);
  input.value = email;
  byId('dev-identity-missing', HTMLElement).hidden = email !== '';
  byId('dev-identity-form', HTMLFormElement).addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams(location.search);
    if (input.value.trim()) next.set('devUser', input.value.trim());
    else next.delete('devUser');
    location.search = next.toString();
  });
  return email ? { kind: 'dev', email } : { kind: 'none' };
}

function keepParametersInLinks(params: URLSearchParams): void {
  const kept = new URLSearchParams();
  for (const name of KEPT_PARAMETERS) {
    const value = params.get(name);
    if (value) kept.set(name, value);
  }
  const query = kept.toString();
  if (!query) return;
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-keep-query]')) {
    link.search = query;
  }
}

/**
 * Follows the host's theme: Teams' default, dark or high-contrast theme, as `data-theme` on the page's root
 * element, which selects a set of CSS variables in tab.css.
 * @remarks In Teams the context says the theme and `registerOnThemeChangeHandler` reports changes while the
 * tab is open. Outside Teams `?theme=` chooses one (to try a theme during development); otherwise the
 * browser's dark-mode and forced-colors preferences decide, and are followed when they change.
 */
import { app } from '@microsoft/teams-js';
import type { Host } from './teamsHost.js';

export type Theme = 'default' | 'dark' | 'contrast';

/** Teams names 'default', 'dark', 'contrast' and, in newer hosts, 'glass' (a light look). */
export function themeOf(name: string | null | undefined): Theme | undefined {
  switch (name?.trim().toLowerCase()) {
    case 'dark':
      return 'dark';
    case 'contrast':
      return 'contrast';
    case 'default':
    case 'light':
    case 'glass':
      return 'default';
    default:
      return undefined;
  }
}

export function applyTheme(theme: Theme, root: HTMLElement = document.documentElement): void {
  root.dataset.theme = theme;
}

export function followTheme(host: Host, queryTheme: string | null): void {
  if (host.kind === 'teams') {
    applyTheme(themeOf(host.context.app.theme) ?? 'default');
    app.registerOnThemeChangeHandler((name) => applyTheme(themeOf(name) ?? 'default'));
    return;
  }
  const chosen = themeOf(queryTheme);
  if (chosen) {
    applyTheme(chosen);
    return;
  }
  const dark = window.matchMedia('(prefers-color-scheme: dark)');
  const forced = window.matchMedia('(forced-colors: active)');
  const fromBrowser = () => applyTheme(forced.matches ? 'contrast' : dark.matches ? 'dark' : 'default');
  fromBrowser();
  dark.addEventListener('change', fromBrowser);
  forced.addEventListener('change', fromBrowser);
}

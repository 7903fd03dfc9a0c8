/**
 * Headless Chromium for browser tests: the system's /usr/bin/chromium driven by playwright-core, with a fresh
 * profile per launch and flags for a headless run as root on a machine without a GPU or internet: no sandbox
 * (Chromium refuses to run as root with one), no GPU, and none of the browser's own network calls (QUIC,
 * background requests, component updates, sync).
 * @remarks `npx playwright install` cannot work here (no internet), hence the system browser. Screenshots
 * go to `test-artifacts/` (ignored by git), for a person to look at after a run.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { projectFile } from '../../lib/projectFiles.js';

export const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface TestBrowser {
  context: BrowserContext;
  newPage(): Promise<Page>;
  /** Saves a full-page screenshot as test-artifacts/<name>.png and returns its path. */
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<TestBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'helpdesk-chromium-'));
  let context: BrowserContext;
  try {
    // playwright passes --headless and the profile folder itself (it refuses --user-data-dir in args).
    // Tall enough that a screenshot shows a question, the card and its answer together.
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1024, height: 1400 } });
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  return {
    context,
    newPage: () => context.newPage(),
    async screenshot(page, name) {
      const folder = projectFile('test-artifacts');
      await mkdir(folder, { recursive: true });
      const path = join(folder, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

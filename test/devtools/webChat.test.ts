/**
 * The local Web Chat page in a real browser: the official Web Chat client, served by the bot in local mode,
 * talking to it through the local Direct Line. A person types a question, clicks a button on the card the
 * bot sends back, and reads the answer; and the same after switching the page to Dutch.
 * @remarks Screenshots land in test-artifacts/ (webchat-en.png, webchat-nl.png).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { stringsFor } from '../../locales/strings.js';
import { launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { startHttpBot, type HttpBot } from '../helpers/httpBot.js';

const en = stringsFor('en');
const nl = stringsFor('nl');
const TIMEOUT = 60_000;
const WAIT = 20_000;
const SEND_BOX = '[data-id="webchat-sendbox-input"]';

let bot: HttpBot;
let browser: TestBrowser;
/** What the pages reported as errors (script errors, refused by the content security policy, failed requests). */
const pageErrors: string[] = [];

beforeAll(async () => {
  [bot, browser] = await Promise.all([startHttpBot(), launchBrowser()]);
}, TIMEOUT);
afterAll(async () => {
  await browser?.close();
  await bot?.stop();
}, TIMEOUT);

async function openChat(path = '/chat'): Promise<Page> {
  const page = await browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
  });
  await page.goto(`${bot.url}${path}`);
  await page.waitForSelector(SEND_BOX, { timeout: WAIT });
  return page;
}

/**
 * Waits until the chat shows `text` as a person reads it: markdown rendered, and the typographic quotes Web
 * Chat's markdown puts in read as plain ones.
 */
async function seeInChat(page: Page, text: string): Promise<void> {
  await page.waitForFunction(
    (expected) => (document.getElementById('webchat')?.innerText ?? '').replace(/[‘’]/g, "'").replace(/[“”]/g, '"').includes(expected),
    plain(text),
    { timeout: WAIT },
  );
}

/** A button on an Adaptive Card in the transcript (Web Chat's screen reader copy of a card has one too, briefly). */
function cardButton(page: Page, title: string) {
  return page.getByRole('button', { name: title, exact: true }).and(page.locator('.ac-pushButton'));
}

async function say(page: Page, text: string): Promise<void> {
  await page.fill(SEND_BOX, text);
  await page.press(SEND_BOX, 'Enter');
}

/** Markdown as the strings carry it, as the text Web Chat shows. */
function plain(text: string): string {
  return text.replace(/\*\*/g, '');
}

describe('the local Web Chat page', () => {
  it.each(['/chat', '/chat/'])('is served at %s with a content security policy that allows only this server', async (path) => {
    const response = await fetch(`${bot.url}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await response.text()).toContain('<script src="/chat/webchat.js" defer></script>');
  });

  it('serves the Web Chat bundle from the installed package, revalidated rather than downloaded again', async () => {
    const first = await fetch(`${bot.url}/chat/webchat.js`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await first.text()).toContain('WebChat');
    const again = await fetch(`${bot.url}/chat/webchat.js`, { headers: { 'if-none-match': first.headers.get('etag')! } });
    expect(again.status).toBe(304);
    expect((await fetch(`${bot.url}/chat/chat.js`)).status).toBe(200);
    expect((await fetch(`${bot.url}/chat/index.html`)).status).toBe(404);
  });

  it(
    'asks "who is my admin?" on a card, and clicking "Large business" shows the guidance',
    async () => {
      const started = Date.now();
      const page = await openChat();
      await expect(page.getByLabel('Language').inputValue()).resolves.toBe('en-US');
      await seeInChat(page, en.welcome.title);

      await say(page, 'who is my admin?');
      await seeInChat(page, en.whoIsMyAdmin.askTitle);
      await cardButton(page, en.orgTypes.enterprise).click({ timeout: WAIT });

      await seeInChat(page, en.whoIsMyAdmin.guidance.enterprise);
      // Who is an admin by default is behind "More" (cards/adminAnswerCard.ts; test/browser opens such toggles).
      await expect(cardButton(page, en.common.more).count()).resolves.toBe(1);
      await browser.screenshot(page, 'webchat-en');
      await page.close();
      expect(pageErrors).toEqual([]);
      expect(Date.now() - started).toBeLessThan(TIMEOUT);
    },
    TIMEOUT,
  );

  it(
    'answers in Dutch after switching the page to Nederlands',
    async () => {
      const page = await openChat();
      await page.getByLabel('Language').selectOption('nl-NL');
      await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('nl');
      await expect(page.getByLabel('Taal').inputValue()).resolves.toBe('nl-NL');

      await say(page, 'wie is mijn beheerder?');
      await seeInChat(page, nl.whoIsMyAdmin.askTitle);
      await cardButton(page, nl.orgTypes.smallBusiness).click({ timeout: WAIT });

      await seeInChat(page, nl.whoIsMyAdmin.guidance.smallBusiness);
      await browser.screenshot(page, 'webchat-nl');
      expect(new URL(page.url()).searchParams.get('locale')).toBe('nl-NL');
      await page.close();
      expect(pageErrors).toEqual([]);
    },
    TIMEOUT,
  );
});

/**
 * Every card the bot can send, in English and Dutch, as people see it: rendered by the official Web Chat client in
 * Chromium, on the local Web Chat page, each saved as a picture in test-artifacts/cards-<language>/ for a person to
 * look at. Each card is read as it shows: its text is there, a numbered list counts 1, 2, 3 (not "1. 1. 1."),
 * nothing is cut off or wider than the card, and what a "More" toggle hides shows only once it is pressed.
 * @remarks The cards reach Web Chat the way the bot's own do: posted to the local Direct Line's connector side as
 * the bot's messages (devtools/directLine.ts), in batches, so a page never holds more than a few dozen cards.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { domainToUnicode } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import type { CardAttachment } from '../../cards/renderCard.js';
import { projectFile } from '../../lib/projectFiles.js';
import { stringsFor } from '../../locales/strings.js';
import type { Language } from '../../services/models/intent.js';
import { CARD_CASES, LANGUAGES, type CardCase } from '../cards/cardCases.js';
import { launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { startHttpBot, type HttpBot } from '../helpers/httpBot.js';

const TIMEOUT = 600_000;
const WAIT = 20_000;
const SEND_BOX = '[data-id="webchat-sendbox-input"]';
/** A card in the transcript (not Web Chat's brief screen-reader copy of it). */
const TRANSCRIPT_CARD = '#webchat .webchat__basic-transcript__activity .ac-adaptiveCard';
const BATCH = 60;
const LOCALES: Readonly<Record<Language, string>> = { en: 'en-US', nl: 'nl-NL' };

let bot: HttpBot;
let browser: TestBrowser;

beforeAll(async () => {
  [bot, browser] = await Promise.all([startHttpBot(), launchBrowser()]);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await bot?.stop();
}, 60_000);

/** Opens the chat page in `language`, and waits for the bot's greeting, so cards posted next come after it. */
async function openChat(language: Language): Promise<{ page: Page; conversationId: string }> {
  const page = await browser.newPage();
  const started = page.waitForResponse((response) => new URL(response.url()).pathname === '/v3/directline/conversations' && response.request().method() === 'POST');
  await page.goto(`${bot.url}/chat?locale=${LOCALES[language]}`);
  const { conversationId } = (await (await started).json()) as { conversationId: string };
  await page.waitForSelector(SEND_BOX, { timeout: WAIT });
  await page.waitForFunction((selector) => document.querySelectorAll(selector).length === 1, TRANSCRIPT_CARD, { timeout: WAIT });
  return { page, conversationId };
}

/** The card as a message of the bot, through the connector side of the local Direct Line. */
async function postAsBot(conversationId: string, card: CardAttachment): Promise<void> {
  const response = await fetch(`${bot.url}/directline/connector/v3/conversations/${conversationId}/activities`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'message', attachments: [card] }),
  });
  expect(response.status).toBe(200);
}

type Json = Record<string, unknown>;

/** The card's TextBlock texts: those that show at once, and those behind a toggle. */
function texts(card: CardAttachment): { shown: string[]; hidden: string[]; toggles: string[] } {
  const found = { shown: [] as string[], hidden: [] as string[], toggles: [] as string[] };
  const visit = (value: unknown, hidden: boolean): void => {
    if (Array.isArray(value)) return value.forEach((item) => visit(item, hidden));
    if (typeof value !== 'object' || value === null) return;
    const element = value as Json;
    const inside = hidden || element.isVisible === false;
    if (element.type === 'TextBlock' && typeof element.text === 'string') (inside ? found.hidden : found.shown).push(element.text);
    if (element.type === 'Action.ToggleVisibility') found.toggles.push(String(element.title));
    for (const key of ['body', 'items', 'columns', 'actions']) visit(element[key], inside);
  };
  visit(card.content, false);
  return found;
}

/**
 * A text as it reads on the page, for comparing: markdown's marks and escapes left out, quotes and spaces as typed,
 * and an internationalized domain as Web Chat's links show it (bücher.nl for xn--bcher-kva.nl). Only its start is
 * compared (a line of a numbered list is a list item, a link shows its text).
 */
function readable(text: string, length = 28): string {
  return text
    .split('\n')[0]!
    .replace(/[\w.-]*xn--[\w.-]*\w/g, (domain) => domainToUnicode(domain) || domain)
    .replace(/^\d+\.\s+/, '')
    .replaceAll('**', '')
    .replace(/\\(.)/g, '$1')
    .replace(/[\u200B]/g, '')
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, length);
}

interface Seen {
  text: string;
  /** Each numbered list: how many items, and the number it starts at. */
  lists: { items: number; start: number }[];
  /** Texts and buttons whose content is wider or taller than the room they have. */
  cutOff: string[];
  /** Whether the card is wider than its room in the chat. */
  tooWide: boolean;
}

/** Reads the rendered card as it shows now. */
function inspect(card: Locator): Promise<Seen> {
  return card.evaluate((element) => {
    const visible = (node: Element) => (node as HTMLElement).offsetParent !== null;
    const plain = (text: string) => text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/[\u200B]/g, '').replace(/\s+/g, ' ');
    const cutOff = [...element.querySelectorAll('.ac-textBlock, .ac-pushButton')]
      .filter(visible)
      .filter((node) => node.scrollWidth > node.clientWidth + 1 || node.scrollHeight > node.clientHeight + 1)
      .map((node) => (node as HTMLElement).innerText.slice(0, 60));
    return {
      text: plain((element as HTMLElement).innerText),
      lists: [...element.querySelectorAll('ol')].filter(visible).map((list) => ({ items: list.querySelectorAll(':scope > li').length, start: (list as HTMLOListElement).start })),
      cutOff,
      tooWide: element.scrollWidth > element.clientWidth + 1,
    };
  });
}

function fileName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * What is wrong with the card as shown, in words, and how many numbered lists it shows; screenshots of it closed and,
 * with a toggle, opened.
 */
async function check(card: Locator, cardCase: CardCase, json: CardAttachment, language: Language, folder: string): Promise<{ problems: string[]; lists: number }> {
  const problems: string[] = [];
  const say = (what: string) => problems.push(`${cardCase.name} [${language}]: ${what}`);
  await card.screenshot({ path: join(folder, `${fileName(cardCase.name)}.png`) });
  const { shown, hidden, toggles } = texts(json);
  const seen = await inspect(card);
  for (const text of shown) if (!seen.text.includes(readable(text))) say(`does not show "${readable(text)}"`);
  for (const text of hidden) if (!shown.some((other) => other.includes(readable(text))) && seen.text.includes(readable(text))) say(`shows "${readable(text)}" before its toggle is pressed`);
  for (const list of seen.lists) if (list.items < 2 || list.start !== 1) say(`has a numbered list of ${list.items} item(s) starting at ${list.start}: a list split over texts`);
  for (const text of seen.cutOff) say(`cuts off "${text}"`);
  if (seen.tooWide) say('is wider than its room in the chat');
  if (toggles.length === 0) return { problems, lists: seen.lists.length };
  for (const toggle of toggles) await card.getByRole('button', { name: toggle, exact: true }).click({ timeout: WAIT });
  const opened = await inspect(card);
  for (const text of hidden) if (!opened.text.includes(readable(text))) say(`does not show "${readable(text)}" once "${toggles.join('", "')}" is pressed`);
  for (const text of opened.cutOff) say(`cuts off "${text}" once opened`);
  await card.screenshot({ path: join(folder, `${fileName(cardCase.name)}-opened.png`) });
  return { problems, lists: seen.lists.length };
}

describe('the Web Chat page', () => {
  it.each([
    ['en', 'Type your message'],
    ['nl', 'Typ je bericht'],
  ] as const)('asks for a message in the bot\'s own voice [%s]: "%s"', async (language, placeholder) => {
    const { page } = await openChat(language);
    await expect(page.getAttribute(SEND_BOX, 'placeholder')).resolves.toBe(placeholder);
    await page.close();
  }, 60_000);
});

describe.each(LANGUAGES)('every card in Web Chat [%s]', (language) => {
  it(
    'shows its text, lists counted 1, 2, 3, nothing cut off, and what "More" hides once pressed (pictures in test-artifacts/cards-<language>/)',
    async () => {
      const folder = projectFile('test-artifacts', `cards-${language}`);
      await mkdir(folder, { recursive: true });
      const t = stringsFor(language);
      const problems: string[] = [];
      let listsSeen = 0;
      for (let first = 0; first < CARD_CASES.length; first += BATCH) {
        const batch = CARD_CASES.slice(first, first + BATCH).map((cardCase) => ({ cardCase, json: cardCase.build(t)! }));
        const { page, conversationId } = await openChat(language);
        for (const { json } of batch) await postAsBot(conversationId, json);
        await page.waitForFunction(({ selector, count }) => document.querySelectorAll(selector).length >= count, { selector: TRANSCRIPT_CARD, count: batch.length + 1 }, { timeout: WAIT });
        const cards = page.locator(TRANSCRIPT_CARD);
        for (const [i, { cardCase, json }] of batch.entries()) {
          const checked = await check(cards.nth(i + 1), cardCase, json, language, folder);
          problems.push(...checked.problems);
          listsSeen += checked.lists;
        }
        await page.close();
      }
      expect(problems).toEqual([]);
      // The takeover's steps are among the cards: the list check looked at real lists.
      expect(listsSeen).toBeGreaterThan(3);
    },
    TIMEOUT,
  );
});

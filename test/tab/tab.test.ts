/**
 * The Teams tab in a real browser (Debian's Chromium driven by playwright-core) against the real server in
 * local mode, signed in with the development identity (`?devUser=`): the settings round trip, the checks
 * at the fields, the read-only view, the figures page with its chart, the Dutch pages, and how the pages are
 * served.
 * @remarks The tab is built first with the same script as `npm run build` (tab/build.mjs into
 * dist/tab), so this runs without an earlier build. Contoso's answers of the two previous weeks are put in
 * the store before the bot starts; this week's come from conversations over HTTP, one of which becomes a
 * ticket in the helpdesk channel Megan chose. Screenshots go to test-artifacts/ (not committed).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { LocalConnector } from '../../devtools/localConnector.js';
import { HelpdeskFile } from '../../data/file/helpdeskFile.js';
import { HelpdeskFileDirectory } from '../../data/file/helpdeskFileDirectory.js';
import { HelpdeskFileRecords } from '../../data/file/helpdeskFileRecords.js';
import { format, stringsFor } from '../../locales/strings.js';
import { isoWeek } from '../../services/tickets/figures.js';
import type { Intent } from '../../services/models/intent.js';
import { parseSettingsChange } from '../../services/organizations/organizationSettings.js';
import { projectFile } from '../../lib/projectFiles.js';
import { checkContact, serverProblemPlace, type ContactField } from '../../tab/src/contactRules.js';
import { contoso, fabrikam } from '../helpers/fixtures.js';
import { startHttpBot, type HttpBot } from '../helpers/httpBot.js';
import { cardText, conversation } from '../helpers/httpConversation.js';

const bot = { en: stringsFor('en'), nl: stringsFor('nl') };
/** The tab's own strings (the pages read the same files). */
const tab = {
  en: JSON.parse(readFileSync(projectFile('tab', 'locales', 'en.json'), 'utf8')) as TabStrings,
  nl: JSON.parse(readFileSync(projectFile('tab', 'locales', 'nl.json'), 'utf8')) as TabStrings,
};
type TabStrings = typeof import('../../tab/locales/en.json', { with: { type: 'json' } });

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ARTIFACTS = projectFile('test-artifacts');
const TENANT = contoso.tenantId!;
const MEGAN = 'megan@contoso.com';
const KIM = 'kim@contoso.com';
const DAY_MS = 86_400_000;

/** The tab's Application ID URI: the audience of its Teams single sign-on tokens. */
const TAB_AUDIENCE = 'api://tab.contoso.test/0b5f1f5e-3c1d-4a7e-9f59-1d2b3c4d5e6f';
const KEY_ID = 'tab-test-key';

/** Microsoft Entra ID's signing key set, as far as this test needs it: one key, served on loopback. */
async function startKeyServer(): Promise<{ url: string; key: CryptoKey; server: Server }> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: KEY_ID, alg: 'RS256', use: 'sig' };
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/discovery/v2.0/keys`, key: privateKey, server };
}

/** Megan's Teams SSO token, as Entra ID issues it for the tab (v2, an hour to live). */
function megansToken(): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ tid: TENANT, oid: 'aad-megan', preferred_username: MEGAN, name: 'Megan Bowen', scp: 'access_as_user', ver: '2.0' })
    .setProtectedHeader({ alg: 'RS256', kid: KEY_ID, typ: 'JWT' })
    .setIssuer(`https://login.microsoftonline.com/${TENANT}/v2.0`)
    .setAudience(TAB_AUDIENCE)
    .setIssuedAt(now - 60)
    .setExpirationTime(now + 3600)
    .sign(keys.key);
}

let keys: Awaited<ReturnType<typeof startKeyServer>>;
let folder: string;
let connector: LocalConnector;
let helpdesk: HttpBot;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** What the pages reported as errors (uncaught exceptions, console.error), per page. */
const pageErrors = new Map<Page, string[]>();

/**
 * Contoso's answers of the two previous weeks: 2 of 2 deflected, then 1 of 2 (one rated not helpful). Fabrikam has
 * no answers at all.
 */
async function storeWithEarlierAnswers(path: string): Promise<void> {
  const file = await HelpdeskFile.open(path);
  await new HelpdeskFileDirectory(file).save(contoso);
  await new HelpdeskFileDirectory(file).save(fabrikam);
  const records = new HelpdeskFileRecords(file);
  const earlier: [Intent, number, boolean | undefined][] = [
    ['amIAdmin', 14, true],
    ['signup', 14, undefined],
    ['takeover', 7, true],
    ['domainInUse', 7, false],
  ];
  for (const [index, [intent, daysAgo, helpful]] of earlier.entries()) {
    const at = new Date(Date.now() - daysAgo * DAY_MS).toISOString();
    await records.recordAnswer({ id: `earlier-${index}`, intent, language: 'en', orgId: contoso.id, userId: `earlier-${index}`, at, ...(helpful === undefined ? {} : { helpful }) });
  }
  await file.flush();
}

/**
 * This week, in Teams: Megan makes the IT team's channel the helpdesk channel; four people ask who their
 * admin is; two say it helped, one says it did not and sends a ticket (HD-1001), one does not answer.
 */
async function thisWeeksConversations(): Promise<void> {
  const megan = conversation(helpdesk, connector, {
    locale: 'en-US',
    tenantId: TENANT,
    userId: 'aad-megan',
    aadObjectId: 'aad-megan',
    name: 'Megan Bowen',
    channel: { teamId: '19:it-team@thread.tacv2', channelId: '19:it-general@thread.tacv2' },
  });
  expect(cardText(await megan.say('use this channel for tickets'))).toBe(format(bot.en.tickets.channelSet, { org: contoso.displayName }));

  const ask = async (userId: string) => {
    const chat = conversation(helpdesk, connector, { locale: 'en-US', userId, tenantId: TENANT });
    const answer = await chat.say('who is my admin?');
    expect(cardText(answer)).toContain(bot.en.feedback.question);
    return { chat, answer };
  };
  for (const userId of ['asker-1', 'asker-2']) {
    const { chat, answer } = await ask(userId);
    expect(cardText(await chat.press(answer, bot.en.feedback.yes))).toBe(bot.en.feedback.thanks);
  }
  const unhappy = await ask('asker-3');
  const toPerson = await unhappy.chat.press(unhappy.answer, bot.en.feedback.no);
  expect(cardText(await unhappy.chat.press(toPerson, bot.en.tickets.send))).toContain(format(bot.en.tickets.createdTitle, { id: 'HD-1001' }));
  await ask('asker-4');
}

function buildTab(): Promise<unknown> {
  return promisify(execFile)(process.execPath, [projectFile('tab', 'build.mjs')], { cwd: projectFile() });
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'helpdesk-tab-browser-'));
  await Promise.all([buildTab(), mkdir(ARTIFACTS, { recursive: true })]);
  connector = await LocalConnector.start();
  connector.members.set('aad-megan', { id: 'aad-megan', name: 'Megan Bowen', email: MEGAN, tenantId: TENANT });
  const dbFile = join(folder, 'helpdesk.json');
  await storeWithEarlierAnswers(dbFile);
  keys = await startKeyServer();
  // Local mode (the development identity) and Teams tokens checked against the key set above.
  helpdesk = await startHttpBot({ TAB_SSO_JWKS_URL: keys.url, TAB_SSO_AUDIENCE: TAB_AUDIENCE }, dbFile);
  await thisWeeksConversations();
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
}, 90_000);

afterEach(async () => {
  const errors = [...pageErrors.values()].flat();
  pageErrors.clear();
  await Promise.all(contexts.splice(0).map((context) => context.close()));
  expect(errors).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await helpdesk?.stop();
  await connector?.close();
  if (keys) await new Promise((resolve) => keys.server.close(resolve));
  if (folder) await rm(folder, { recursive: true, force: true });
});

/** Opens a tab page as a browser outside Teams would, and waits until it has loaded its data (or failed to). */
async function open(pageName: 'settings' | 'dashboard', params: Record<string, string>, beforeLoad?: (page: Page) => Promise<void>): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1000, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // A refused request (a 400, a 403) is logged by the browser itself; that is the server's answer, not a page error.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(`console: ${message.text()}`);
  });
  await beforeLoad?.(page);
  await page.goto(`${helpdesk.url}/tab/${pageName}.html?${new URLSearchParams(params).toString()}`);
  await loaded(page);
  return page;
}

async function loaded(page: Page): Promise<void> {
  await page.waitForSelector('main[aria-busy="false"]', { timeout: 10_000 });
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `tab-${name}.png`), fullPage: true });
}

const text = async (page: Page, selector: string) => ((await page.textContent(selector)) ?? '').trim();

describe('the settings page, outside Teams', () => {
  it('shows the organization to its admin, says it runs outside Teams, and offers the chat names', async () => {
    const page = await open('settings', { devUser: MEGAN });
    await screenshot(page, 'settings-en');

    expect(await page.isVisible('#dev-banner')).toBe(true);
    expect(await text(page, '#dev-banner-title')).toBe(tab.en.common.devBanner);
    expect(await page.inputValue('#dev-identity')).toBe(MEGAN);
    expect(await text(page, 'h1')).toBe(tab.en.settings.title);
    expect(await text(page, '#org-intro')).toBe(format(tab.en.settings.intro, { org: contoso.displayName }));
    expect(await page.isVisible('#read-only-note')).toBe(false);

    expect(await page.$$eval('#orgType option', (options) => options.map((option) => option.textContent))).toEqual(Object.values(bot.en.orgTypes));
    expect(await page.$$eval('#cloud option', (options) => options.map((option) => option.textContent))).toEqual(Object.values(bot.en.amIAdmin.cloudButtons));
    expect(await page.inputValue('#contact-title')).toBe(contoso.helpdeskContact!.title);
    expect(await page.inputValue('#contact-email')).toBe(contoso.helpdeskContact!.email);
    expect(await page.isChecked('#allowEmailVerifiedUsers')).toBe(true);
    // Every field has a label the browser ties to it.
    for (const id of ['orgType', 'cloud', 'contact-title', 'contact-phone', 'contact-email', 'contact-url', 'allowEmailVerifiedUsers', 'allowAdHocSubscriptions']) {
      expect(await page.$eval(`#${id}`, (control) => (control as HTMLInputElement).labels?.[0]?.textContent?.trim() ?? '')).not.toBe('');
    }
    expect(await text(page, '#channel-status')).toMatch(/^New tickets are posted in a Teams channel \(chosen .+\)\.$/);
    expect(await text(page, '#channel-howto')).toBe(tab.en.settings.channelHowTo);
  });

  it('is usable with the keyboard, with a visible focus', async () => {
    const page = await open('settings', { devUser: MEGAN });
    await page.focus('#orgType');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('cloud');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('contact-title');
    const outline = await page.$eval('#contact-title', (input) => getComputedStyle(input).outlineStyle);
    expect(outline).toBe('solid');
  });

  it('saves a changed contact and organization type, which the server keeps and a reload shows again', async () => {
    const page = await open('settings', { devUser: MEGAN });
    await page.selectOption('#orgType', { label: bot.en.orgTypes.enterprise });
    await page.fill('#contact-title', 'Contoso Helpdesk');
    await page.fill('#contact-email', 'helpdesk@contoso.com');
    await page.uncheck('#allowAdHocSubscriptions');
    await page.click('#save');
    await page.waitForFunction((saved) => document.getElementById('save-status')?.textContent === saved, tab.en.settings.saved);
    expect(await text(page, '#form-error')).toBe('');
    await screenshot(page, 'settings-saved');

    const stored = await helpdesk.app.directory.findById(contoso.id);
    expect(stored).toMatchObject({
      orgType: 'enterprise',
      helpdeskContact: { title: 'Contoso Helpdesk', phone: contoso.helpdeskContact!.phone, email: 'helpdesk@contoso.com' },
      selfService: { allowEmailVerifiedUsers: true, allowAdHocSubscriptions: false },
    });

    await page.reload();
    await loaded(page);
    expect(await page.inputValue('#orgType')).toBe('enterprise');
    expect(await page.inputValue('#contact-title')).toBe('Contoso Helpdesk');
    expect(await page.inputValue('#contact-email')).toBe('helpdesk@contoso.com');
    expect(await page.isChecked('#allowAdHocSubscriptions')).toBe(false);
    expect(await text(page, '#save-status')).toBe('');
  });

  it('refuses an invalid email address at the field, and saves nothing', async () => {
    const page = await open('settings', { devUser: MEGAN });
    const before = await helpdesk.app.directory.findById(contoso.id);
    await page.fill('#contact-email', 'helpdesk@contoso');
    await page.click('#save');

    expect(await text(page, '#contact-email-error')).toBe(tab.en.settings.emailInvalid);
    expect(await page.getAttribute('#contact-email', 'aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('contact-email');
    expect(await page.getAttribute('#form-error', 'role')).toBe('alert');
    expect(await text(page, '#form-error')).toBe(tab.en.settings.fixProblems);
    await screenshot(page, 'settings-invalid-email');

    // A contact needs a title and a way to reach it, as the server says too.
    await page.fill('#contact-title', '');
    await page.fill('#contact-phone', '');
    await page.fill('#contact-email', '');
    await page.fill('#contact-url', '');
    await page.fill('#contact-title', 'Only a title');
    await page.click('#save');
    expect(await text(page, '#contact-reach-error')).toBe(tab.en.settings.reachMissing);
    expect(await text(page, '#contact-email-error')).toBe('');
    expect(await page.getAttribute('#contact-email', 'aria-invalid')).toBeNull();
    expect(await helpdesk.app.directory.findById(contoso.id)).toEqual(before);
  });

  it('disconnects the helpdesk channel on save after "stop posting tickets in the channel"', async () => {
    expect((await helpdesk.app.directory.findById(contoso.id))?.helpdeskChannel).toBeDefined();
    const page = await open('settings', { devUser: MEGAN });
    await page.click('#channel-clear');
    expect(await text(page, '#channel-pending')).toContain(tab.en.settings.channelWillClear);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('channel-keep');
    await page.click('#save');
    await page.waitForFunction((saved) => document.getElementById('save-status')?.textContent === saved, tab.en.settings.saved);

    expect(await text(page, '#channel-status')).toBe(tab.en.settings.channelNotSet);
    expect(await page.isVisible('#channel-clear')).toBe(false);
    expect((await helpdesk.app.directory.findById(contoso.id))?.helpdeskChannel).toBeUndefined();
  });

  it('is read-only, with a note, for someone in the organization who is not its admin', async () => {
    const page = await open('settings', { devUser: KIM });
    await screenshot(page, 'settings-read-only');
    expect(await text(page, '#read-only-note')).toBe(tab.en.settings.readOnly);
    expect(await page.isVisible('#settings-form')).toBe(true);
    expect(await page.isDisabled('#contact-title')).toBe(true);
    expect(await page.isDisabled('#orgType')).toBe(true);
    expect(await page.isVisible('#save')).toBe(false);
    expect(await page.inputValue('#contact-title')).toBe('Contoso Helpdesk');
  });

  it('says whether the bot may read the admins from Microsoft: here it could not ask (look-ups are off)', async () => {
    const page = await open('settings', { devUser: MEGAN });
    expect(await text(page, '#microsoft legend')).toBe(tab.en.settings.microsoft);
    expect(await text(page, '#microsoft-status')).toBe(tab.en.settings.consentUnknown);
    expect(await text(page, '#microsoft-what')).toBe(tab.en.settings.consentWhat);
    expect(await page.isVisible('#microsoft-consent')).toBe(false);
  });

  it.each([
    ['notGranted', tab.en.settings.consentNotGranted, true],
    ['granted', tab.en.settings.consentGranted, false],
  ] as const)('shows consent %s as the server says it, with the consent link only while it is not granted', async (microsoftConsent, status, link) => {
    const consentUrl = 'https://login.microsoftonline.com/4a9c1d3e-7b2f-4e8a-9c61-0f5d2b8e7a13/adminconsent?client_id=0b5f1f5e-3c1d-4a7e-9f59-1d2b3c4d5e6f';
    // The real server's answer, with what Microsoft would have said about consent.
    const page = await open('settings', { devUser: KIM }, async (opened) => {
      await opened.route('**/api/settings', async (route) => {
        const response = await route.fetch();
        const json = { ...((await response.json()) as object), microsoftConsent, ...(microsoftConsent === 'notGranted' ? { consentUrl } : {}) };
        await route.fulfill({ response, json });
      });
    });
    await screenshot(page, `settings-consent-${microsoftConsent}`);
    expect(await text(page, '#microsoft-status')).toBe(status);
    expect(await page.isVisible('#microsoft-consent')).toBe(link);
    if (link) {
      expect(await text(page, '#microsoft-consent')).toBe(tab.en.settings.consentLink);
      expect(await page.getAttribute('#microsoft-consent', 'href')).toBe(consentUrl);
      expect(await page.getAttribute('#microsoft-consent', 'target')).toBe('_blank');
    }
  });

  it('says so when the organization is unknown, and asks for an identity when there is none', async () => {
    const stranger = await open('settings', { devUser: 'someone@unknown.test' });
    expect(await text(stranger, '#load-error')).toBe(tab.en.common.unknownOrg);
    expect(await stranger.isVisible('#settings-form')).toBe(false);

    const nobody = await open('settings', {});
    expect(await text(nobody, '#dev-identity-missing')).toBe(tab.en.common.devIdentityMissing);
    expect(await text(nobody, '#load-error')).toBe(tab.en.common.notSignedIn);
    await nobody.fill('#dev-identity', MEGAN);
    await nobody.press('#dev-identity', 'Enter');
    await nobody.waitForURL(/devUser=megan%40contoso\.com/);
    await loaded(nobody);
    expect(await nobody.inputValue('#contact-title')).toBe('Contoso Helpdesk');
  });
});

describe('the figures page, outside Teams', () => {
  const thisWeek = isoWeek(new Date());
  const weeksAgo = (weeks: number) => isoWeek(new Date(Date.now() - weeks * 7 * DAY_MS));

  it('shows the deflection rate, the ratings, the weekly chart with its table, the topics and the open ticket', async () => {
    const page = await open('dashboard', { devUser: MEGAN });
    await screenshot(page, 'dashboard-en');

    // 8 answers: 2 and 2 in the previous weeks, 4 this week; deflected 2 + 1 + 3.
    const figure = (name: string) => text(page, `[data-figure="${name}"] .value`);
    expect(await figure('rate')).toBe('75%');
    expect(await text(page, '[data-figure="rate"] .detail')).toBe(format(tab.en.dashboard.rateDetail, { deflected: 6, answered: 8 }));
    expect(await figure('answered')).toBe('8');
    expect(await figure('helpful')).toBe('4');
    expect(await figure('not-helpful')).toBe('2');
    expect(await text(page, '[data-figure="rate"] dt')).toBe(bot.en.stats.rate);

    // The last 4 weeks, one bar per week with answers.
    expect(await page.getAttribute('svg.chart', 'data-weeks')).toBe('4');
    expect(await page.$$eval('svg.chart rect.chart-bar', (bars) => bars.map((bar) => bar.getAttribute('data-week')))).toEqual([weeksAgo(2), weeksAgo(1), thisWeek]);
    const heights = await page.$$eval('svg.chart rect.chart-bar', (bars) => bars.map((bar) => Number(bar.getAttribute('height'))));
    expect(heights[0]! / heights[1]!).toBeCloseTo(2);
    expect(heights[2]! / heights[1]!).toBeCloseTo(1.5);
    expect(await page.getAttribute('svg.chart', 'aria-hidden')).toBe('true');
    const table = await page.$$eval('#chart-table tbody tr', (rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent)));
    expect(table).toEqual([
      [weeksAgo(3), bot.en.stats.noAnswers],
      [weeksAgo(2), format(bot.en.stats.rateValue, { rate: 100, deflected: 2, answered: 2 })],
      [weeksAgo(1), format(bot.en.stats.rateValue, { rate: 50, deflected: 1, answered: 2 })],
      [thisWeek, format(bot.en.stats.rateValue, { rate: 75, deflected: 3, answered: 4 })],
    ]);

    const topics = await page.$$eval('#intent-table tbody tr', (rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent)));
    expect(topics[0]).toEqual([bot.en.topics.whoIsMyAdmin, '4', format(bot.en.stats.rateValue, { rate: 75, deflected: 3, answered: 4 })]);
    expect(topics.map((row) => row[0])).toEqual(expect.arrayContaining([bot.en.topics.amIAdmin, bot.en.topics.signup, bot.en.topics.takeover, bot.en.topics.domainInUse]));

    expect(await figure('tickets-open')).toBe('1');
    expect(await figure('pending-takeovers')).toBe('0');
    const tickets = await page.$$eval('#ticket-table tbody tr', (rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent)));
    expect(tickets).toHaveLength(1);
    expect(tickets[0]!.slice(0, 2)).toEqual(['HD-1001', tab.en.dashboard.status.open]);
    expect(tickets[0]![2]).toMatch(/now|minute/);
  });

  it('changes the period: the last 12 weeks, and everything from the first answer on', async () => {
    const page = await open('dashboard', { devUser: MEGAN });
    const stats = page.waitForResponse((response) => response.url().includes('/api/stats?since='));
    await page.selectOption('#period', '12w');
    const since = new URL((await stats).url()).searchParams.get('since');
    expect(since).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(isoWeek(new Date(`${since}T00:00:00Z`))).toBe(weeksAgo(11));
    await page.waitForSelector('svg.chart[data-weeks="12"]');
    expect(page.url()).toContain('period=12w');

    const all = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/stats' && !response.url().includes('since='));
    await page.selectOption('#period', 'all');
    await all;
    await page.waitForSelector('svg.chart[data-weeks="3"]');
    expect(await text(page, '[data-figure="answered"] .value')).toBe('8');
  });

  it.each(['en', 'nl'] as const)('says there are no answers yet in words, in the text\'s own size on one line, where the rate would stand [%s]', async (language) => {
    const page = await open('dashboard', { devUser: fabrikam.admins[0]!.email, ...(language === 'nl' ? { lang: 'nl' } : {}) });
    await screenshot(page, `dashboard-no-answers-${language}`);
    const value = '[data-figure="rate"] .value';
    expect(await text(page, value)).toBe(bot[language].stats.noAnswers);
    expect(await text(page, '[data-figure="answered"] .value')).toBe('0');
    const shown = await page.$eval(value, (element) => {
      const range = document.createRange();
      range.selectNodeContents(element);
      const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
      return { fontSize: getComputedStyle(element).fontSize, label: getComputedStyle(element.previousElementSibling!).fontSize, lines };
    });
    // The figures beside it keep the large font; the words are set like the label above them.
    expect(shown.fontSize).toBe(shown.label);
    expect(shown.lines).toBe(1);
    expect(await page.$eval('[data-figure="answered"] .value', (element) => getComputedStyle(element).fontSize)).not.toBe(shown.fontSize);
  });

  it('tells someone who is not an admin that only admins see the figures', async () => {
    const page = await open('dashboard', { devUser: KIM });
    expect(await text(page, '#load-error')).toBe(bot.en.stats.notAllowed);
    expect(await page.isVisible('#figures')).toBe(false);
  });

  it('follows a dark theme', async () => {
    const page = await open('dashboard', { devUser: MEGAN, theme: 'dark' });
    expect(await page.getAttribute('html', 'data-theme')).toBe('dark');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(31, 31, 31)');
    await screenshot(page, 'dashboard-dark');
  });
});

/** What a Teams host tells the tab, and what the tab asked of it. */
interface TeamsHostOptions {
  locale: string;
  theme: string;
  token: string;
}

/**
 * Opens a tab page in an iframe of a stand-in for the Teams web client: a page on the tab's own origin
 * (teams-js accepts messages from its own origin) that answers teams-js's `initialize`, `getContext` and
 * `authentication.getAuthToken` over postMessage as Teams does, and records every call.
 */
async function openInTeams(pageName: 'settings' | 'dashboard', host: TeamsHostOptions): Promise<{ page: Page; frame: Frame }> {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1000, height: 900 } });
  contexts.push(context);
  const hostUrl = `${helpdesk.url}/teams-host.html`;
  const legacyContext = { locale: host.locale, theme: host.theme, loginHint: MEGAN, userPrincipalName: MEGAN, tid: TENANT, userObjectId: 'aad-megan', frameContext: 'content', hostClientType: 'web', entityId: pageName };
  const runtime = { apiVersion: 4, hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } }, isLegacyTeams: false, supports: { app: {}, pages: { appButton: {}, tabs: {}, config: {}, backStack: {}, fullTrust: {} }, teams: { fullTrust: {} } } };
  await context.route(hostUrl, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html><body style="margin:0">
<iframe id="tab" src="/tab/${pageName}.html" style="width:100%;height:880px;border:0"></iframe>
<script>
  window.hostCalls = [];
  const answers = {
    initialize: ['content', 'web', ${JSON.stringify(JSON.stringify(runtime))}, '2.0.0'],
    getContext: [${JSON.stringify(legacyContext)}],
    'authentication.getAuthToken': [true, ${JSON.stringify(host.token)}],
  };
  const tab = document.getElementById('tab');
  window.addEventListener('message', (event) => {
    if (event.source !== tab.contentWindow || typeof event.data !== 'object' || !event.data.func) return;
    const { id, uuid, func } = event.data;
    window.hostCalls.push(func);
    tab.contentWindow.postMessage({ id, uuid, args: answers[func] ?? [] }, '*');
  });
  window.changeTheme = (theme) => tab.contentWindow.postMessage({ func: 'themeChange', args: [theme] }, '*');
</script></body></html>`,
    }),
  );
  const page = await context.newPage();
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(`console: ${message.text()}`);
  });
  await page.goto(hostUrl);
  const frame = page.frame({ url: (url) => url.pathname === `/tab/${pageName}.html` });
  if (!frame) throw new Error(`openInTeams(): no frame with /tab/${pageName}.html`);
  await frame.waitForSelector('main[aria-busy="false"]', { timeout: 10_000 });
  return { page, frame };
}

describe('the pages inside Teams', () => {
  it('sign in with the Teams token, speak the Teams language and follow the Teams theme as it changes', async () => {
    const token = await megansToken();
    const authorizations: (string | undefined)[] = [];
    const { page, frame } = await openInTeams('dashboard', { locale: 'nl-NL', theme: 'dark', token });
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api/')) authorizations.push(request.headers()['authorization']);
    });
    await screenshot(page, 'dashboard-in-teams-nl-dark');

    expect(await frame.isVisible('#dev-banner')).toBe(false);
    expect(await frame.getAttribute('html', 'lang')).toBe('nl');
    expect(await frame.getAttribute('html', 'data-theme')).toBe('dark');
    expect(await frame.textContent('h1')).toBe(tab.nl.dashboard.title);
    expect(await frame.textContent('[data-figure="answered"] .value')).toBe('8');

    // Another period: asked again with Megan's token, not a development identity.
    await frame.selectOption('#period', 'all');
    await frame.waitForSelector('svg.chart[data-weeks="3"]');
    expect(authorizations).toEqual([`Bearer ${token}`]);

    await page.evaluate(() => (window as unknown as { changeTheme(theme: string): void }).changeTheme('contrast'));
    await frame.waitForSelector('html[data-theme="contrast"]');
    const calls = await page.evaluate(() => (window as unknown as { hostCalls: string[] }).hostCalls);
    expect(calls).toEqual(expect.arrayContaining(['initialize', 'getContext', 'authentication.getAuthToken', 'appInitialization.success']));
  });

  it('saves the settings as the admin the token names', async () => {
    const { frame } = await openInTeams('settings', { locale: 'en-GB', theme: 'default', token: await megansToken() });
    expect(await frame.isVisible('#read-only-note')).toBe(false);
    await frame.fill('#contact-url', 'https://it.contoso.com/help');
    await frame.click('#save');
    await frame.waitForFunction((saved) => document.getElementById('save-status')?.textContent === saved, tab.en.settings.saved);
    expect((await helpdesk.app.directory.findById(contoso.id))?.helpdeskContact?.url).toBe('https://it.contoso.com/help');
  });
});

describe('the pages in Dutch (?lang=nl)', () => {
  it('shows the settings with Dutch labels and the chat\'s Dutch names', async () => {
    const page = await open('settings', { devUser: MEGAN, lang: 'nl' });
    await screenshot(page, 'settings-nl');
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    expect(await page.title()).toBe(tab.nl.settings.pageTitle);
    expect(await text(page, '#dev-banner-title')).toBe(tab.nl.common.devBanner);
    expect(await text(page, 'h1')).toBe(tab.nl.settings.title);
    expect(await text(page, 'label[for="orgType"]')).toBe(tab.nl.settings.orgType);
    expect(await text(page, 'label[for="contact-email"]')).toBe(tab.nl.settings.contactEmail);
    expect(await text(page, 'label[for="allowEmailVerifiedUsers"]')).toBe(tab.nl.settings.allowEmailVerifiedUsers);
    expect(await text(page, '#save')).toBe(tab.nl.settings.save);
    expect(await page.$$eval('#orgType option', (options) => options.map((option) => option.textContent))).toEqual(Object.values(bot.nl.orgTypes));

    expect(await text(page, '#microsoft legend')).toBe(tab.nl.settings.microsoft);
    expect(await text(page, '#microsoft-status')).toBe(tab.nl.settings.consentUnknown);

    await page.fill('#contact-email', 'geen-adres');
    await page.click('#save');
    expect(await text(page, '#contact-email-error')).toBe(tab.nl.settings.emailInvalid);
  });

  it('shows the figures with Dutch labels and topic names', async () => {
    const page = await open('dashboard', { devUser: MEGAN, lang: 'nl' });
    await screenshot(page, 'dashboard-nl');
    expect(await text(page, 'h1')).toBe(tab.nl.dashboard.title);
    expect(await text(page, '[data-figure="rate"] dt')).toBe(bot.nl.stats.rate);
    expect(await text(page, '#intents-title')).toBe(bot.nl.stats.byIntent);
    expect(await text(page, 'label[for="period"]')).toBe(tab.nl.dashboard.period);
    expect(await text(page, '#intent-table tbody tr:first-child th')).toBe(bot.nl.topics.whoIsMyAdmin);
    expect(await text(page, '#ticket-table tbody tr:first-child td')).toBe(tab.nl.dashboard.status.open);
  });

  it('has every tab string in both languages', () => {
    const keys = (value: unknown, path = ''): string[] =>
      typeof value === 'object' && value !== null ? Object.entries(value).flatMap(([key, child]) => keys(child, path ? `${path}.${key}` : key)) : [path];
    expect(keys(tab.nl).sort()).toEqual(keys(tab.en).sort());
  });
});

/** GET with the path sent exactly as written: fetch() would resolve `..` and `%2e%2e` before sending. */
function getAsIs(path: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(helpdesk.url);
    const req = request({ hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(body) as unknown }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe("the settings page's contact checks", () => {
  const contact = (given: Partial<Record<ContactField, string>>) => ({ title: '', phone: '', email: '', url: '', ...given });
  it.each([
    ['a title and a phone number', contact({ title: 'IT desk', phone: '+31 (20) 123-4567' })],
    ['a title and everything', contact({ title: 'IT desk', phone: '020 123 4567', email: 'It@Contoso.com', url: 'https://it.contoso.com/help' })],
    ['an internationalized domain', contact({ title: 'IT desk', email: 'it@bücher.nl' })],
    ['nothing at all (no contact)', contact({})],
    ['no title', contact({ email: 'it@contoso.com' })],
    ['no way to reach it', contact({ title: 'IT desk' })],
    ['a phone number with letters', contact({ title: 'IT desk', phone: 'call us' })],
    ['a phone number with two digits', contact({ title: 'IT desk', phone: '12' })],
    ['an address without a top-level domain', contact({ title: 'IT desk', email: 'it@contoso' })],
    ['an address with two dots in a row', contact({ title: 'IT desk', email: 'i..t@contoso.com' })],
    ['an ftp address', contact({ title: 'IT desk', url: 'ftp://it.contoso.com' })],
    ['an address with a password', contact({ title: 'IT desk', url: 'https://me:secret@it.contoso.com' })],
    ['a title that is too long', contact({ title: 'x'.repeat(101), phone: '020 123 4567' })],
  ])('agree with the server on %s, field by field', (_case, given) => {
    const inBrowser = checkContact(given);
    // What the page sends when its check passes (null: no contact); what the form holds when it does not.
    const onServer = parseSettingsChange({ helpdeskContact: inBrowser.contact === undefined ? given : inBrowser.contact });
    expect(inBrowser.contact !== undefined).toBe(onServer.ok);
    if (!onServer.ok) {
      const serverPlaces = Object.fromEntries(onServer.problems.map(({ field, code }) => [serverProblemPlace(field, code)?.place ?? field, serverProblemPlace(field, code)?.problem ?? code]));
      expect(serverPlaces).toEqual(inBrowser.problems);
    }
  });
});

describe('serving the tab', () => {
  const get = (path: string) => fetch(`${helpdesk.url}${path}`);

  it('serves the built pages, scripts and styles with their content types', async () => {
    for (const [path, type] of [
      ['/tab/settings.html', 'text/html; charset=utf-8'],
      ['/tab/dashboard.js', 'text/javascript; charset=utf-8'],
      ['/tab/tab.css', 'text/css; charset=utf-8'],
    ] as const) {
      const response = await get(path);
      expect({ path, status: response.status, type: response.headers.get('content-type') }).toEqual({ path, status: 200, type });
    }
    const page = await get('/tab/settings.html');
    expect(page.headers.get('content-security-policy')).toContain('frame-ancestors');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers 404 with JSON for anything else, and never leaves dist/tab', async () => {
    for (const path of ['/tab/nothing.html', '/tab/', '/tab/chunks', '/tab/settings.ts', '/tab/.hidden.js', '/tab/..%2f..%2fpackage.json', '/tab/%00settings.html']) {
      expect({ path, ...(await getAsIs(path)) }).toEqual({ path, status: 404, body: expect.objectContaining({ error: 'not_found' }) });
    }
    // Dot segments: whether the router resolves them itself (its own 404) or hands them to /tab/, never the file.
    for (const path of ['/tab/../../package.json', '/tab/%2e%2e/%2e%2e/package.json']) {
      const { status, body } = await getAsIs(path);
      expect({ path, status, leaked: JSON.stringify(body).includes('teams-admin-helpdesk-bot') }).toEqual({ path, status: 404, leaked: false });
    }
  });
});

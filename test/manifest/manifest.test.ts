import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { strFromU8, unzipSync } from 'fflate';
import { existsSync, readdirSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadConfig } from '../../bot/app/config.js';
import { TopicRecognizer } from '../../understanding/topicRecognizer.js';
import { Understanding } from '../../understanding/understand.js';
import type { Language } from '../../services/models/intent.js';
import { projectFile, readProjectJson } from '../../lib/projectFiles.js';
import { decodePng, pixelAt, type Png } from './png.js';

// @microsoft/app-manifest (CommonJS) requires strip-bom, which is ESM only. Node 20 loads that (require of ESM),
// but jest's module runtime cannot before Node 24.9, so the tests give it a stand-in that does what strip-bom does.
// (swc hoists jest.mock above the constants, so the paths come from hoisted function declarations.)
jest.mock(stripBomOfAppManifest(), () => (text: string) => text.replace(/^\uFEFF/, ''));
function appManifestBuild(): string {
  return dirname(createRequire(import.meta.url).resolve('@microsoft/app-manifest'));
}
function stripBomOfAppManifest(): string {
  return createRequire(import.meta.url).resolve('strip-bom', { paths: [appManifestBuild()] });
}
const { AppManifestUtils, TeamsManifestConverter } = await import('@microsoft/app-manifest');
const { fillPlaceholders, localizationProblems, runPackageApp, TEMPLATE_FILE, valueAt } = await import('../../cli/packageApp.js');

const BOT_ID = '3f1c2a9e-7b4d-4e8a-9c21-5d6e7f809a1b';
const HOST = 'helpdesk.example.com';
const VERSION = readProjectJson<{ version: string }>('package.json').version;
const manifestDir = projectFile('manifest');

const template = await readFile(join(manifestDir, TEMPLATE_FILE), 'utf8');
const filled = fillPlaceholders(template, { BOT_ID, PUBLIC_HOSTNAME: HOST, APP_VERSION: VERSION }, TEMPLATE_FILE);
const manifest = JSON.parse(filled) as Record<string, unknown>;
const nl = JSON.parse(await readFile(join(manifestDir, 'nl.json'), 'utf8')) as Record<string, unknown>;
const recognizer = await TopicRecognizer.fromLocales(loadConfig({}).nluConfidenceThreshold);
const understanding = new Understanding(recognizer);

interface CommandList {
  scopes: string[];
  commands: { title: string; description?: string }[];
}
const commandLists = valueAt(manifest, 'bots[0].commandLists') as CommandList[];

/** What each command must make the bot do, in manifest order: an intent, or one of the typed commands. */
const CHAT_COMMANDS = ['whoIsMyAdmin', 'amIAdmin', 'signup', 'domainInUse', 'takeover', 'escalate', 'myTickets', 'help'];
const TEAM_COMMANDS = [...CHAT_COMMANDS, 'useChannel', 'stats'];

/** Every text of the manifest that a Teams localization file translates, as its key. */
function localizableKeys(): string[] {
  const keys = ['name.short', 'name.full', 'description.short', 'description.full'].filter((key) => valueAt(manifest, key) !== undefined);
  (valueAt(manifest, 'staticTabs') as unknown[]).forEach((_, tab) => keys.push(`staticTabs[${tab}].name`));
  commandLists.forEach((list, l) =>
    list.commands.forEach((command, c) => {
      keys.push(`bots[0].commandLists[${l}].commands[${c}].title`);
      if (command.description !== undefined) keys.push(`bots[0].commandLists[${l}].commands[${c}].description`);
    }),
  );
  return keys;
}

/** The newest Teams manifest version whose schema @microsoft/app-manifest ships (so it validates offline). */
function newestBundledVersion(): string {
  const schemas = join(appManifestBuild(), 'json-schemas', 'teams');
  const versions = readdirSync(schemas)
    .map((folder) => /^v(\d+)\.(\d+)$/.exec(folder))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => [Number(match[1]), Number(match[2])] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const newest = versions.at(-1);
  if (!newest) throw new Error(`newestBundledVersion(): no schema folders in ${schemas}`);
  return `${newest[0]}.${newest[1]}`;
}

describe('the Teams app manifest', () => {
  it('is on the newest schema version that validates offline, and validates against it once filled in', async () => {
    const version = newestBundledVersion();
    expect(manifest.manifestVersion).toBe(version);
    expect(manifest.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`);

    expect(await AppManifestUtils.validateAgainstSchema(TeamsManifestConverter.jsonToManifest(filled))).toEqual([]);
  });

  it('puts the bot in personal chats, teams and group chats, with a command list for each', () => {
    expect(valueAt(manifest, 'bots[0]')).toMatchObject({ botId: BOT_ID, scopes: ['personal', 'team', 'groupChat'], supportsFiles: false });
    expect(commandLists.map((list) => list.scopes)).toEqual([['personal'], ['team'], ['groupChat']]);
    expect(commandLists.map((list) => list.commands.length)).toEqual([CHAT_COMMANDS.length, TEAM_COMMANDS.length, CHAT_COMMANDS.length]);
  });

  it.each<[Language, Record<string, unknown>]>([
    ['en', manifest],
    ['nl', nl],
  ])('has commands the bot understands as they are sent (%s)', async (language, texts) => {
    const understood: string[][] = [];
    for (const [l, list] of commandLists.entries()) {
      const row: string[] = [];
      for (const c of list.commands.keys()) {
        const key = `bots[0].commandLists[${l}].commands[${c}].title`;
        const title = String(language === 'en' ? valueAt(texts, key) : texts[key]);
        // What the bot makes of it as a first message: a command, or a topic.
        const decision = await understanding.understand(title, { language, waiting: { kind: 'nothing' } });
        row.push(decision.kind === 'command' ? decision.command : decision.kind === 'topic' ? decision.topic : decision.kind);
      }
      understood.push(row);
    }

    expect(understood).toEqual([CHAT_COMMANDS, TEAM_COMMANDS, CHAT_COMMANDS]);
  });

  it('points the tabs, the valid domain, the developer pages and tab SSO at the public host', () => {
    expect(manifest.staticTabs).toEqual([
      { entityId: 'settings', name: 'Settings', contentUrl: `https://${HOST}/tab/settings.html`, scopes: ['personal'] },
      { entityId: 'dashboard', name: 'Dashboard', contentUrl: `https://${HOST}/tab/dashboard.html`, scopes: ['personal'] },
    ]);
    expect(manifest.validDomains).toEqual([HOST]);
    expect(manifest.webApplicationInfo).toEqual({ id: BOT_ID, resource: `api://${HOST}/${BOT_ID}` });
    for (const page of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl']) {
      expect(valueAt(manifest, `developer.${page}`)).toMatch(new RegExp(`^https://${HOST.replaceAll('.', '\\.')}/`));
    }
    expect(manifest.id).toBe(BOT_ID);
    expect(manifest.version).toBe(VERSION);
  });
});

describe('the Dutch localization file', () => {
  it('translates every text of the manifest that Teams localizes, and nothing else', () => {
    const keys = Object.keys(nl).filter((key) => key !== '$schema');
    expect(keys.sort()).toEqual(localizableKeys().sort());
    expect(manifest.localizationInfo).toEqual({ defaultLanguageTag: 'en-us', additionalLanguages: [
        { languageTag: 'nl-nl', file: 'nl.json' },
        { languageTag: 'nl-be', file: 'nl.json' },
      ],
    });
  });

  it("follows the Localization schema of the manifest's version", async () => {
    expect(nl.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${String(manifest.manifestVersion)}/MicrosoftTeams.Localization.schema.json`);
    expect(await localizationProblems(nl, manifest)).toEqual([]);
  });

  it('is Dutch: every text differs from the English, reads as Dutch, and says "je", never "u"', async () => {
    const same = localizableKeys().filter((key) => nl[key] === valueAt(manifest, key));
    expect(same).toEqual([]);
    expect(recognizer.guessLanguage(String(nl['description.full']))).toBe('nl');
    expect(recognizer.guessLanguage(String(valueAt(manifest, 'description.full')))).toBe('en');

    const texts = Object.entries(nl).filter(([key]) => key !== '$schema');
    expect(texts.filter(([, text]) => /\b(u|uw)\b/i.test(String(text)))).toEqual([]);
    expect(String(nl['description.full'])).toMatch(/\bje\b/);
  });

  it('would be refused for what Teams refuses: unknown keys, missing or long texts, other versions', async () => {
    const broken: Record<string, unknown> = {
      ...nl,
      'name.short': 'Een veel te lange naam voor een app in Teams',
      'bots[0].commandLists[0].commands[11].title': 'bestaat niet',
      colour: 'paars',
    };
    delete broken['description.full'];

    expect(await localizationProblems(broken, manifest)).toEqual([
      '"description.full" is required',
      '"name.short" is 44 characters long; at most 30 are allowed',
      '"bots[0].commandLists[0].commands[11].title" translates text the manifest does not have',
      '"colour" is not a key a Teams localization file may have',
    ]);
    const older = { ...nl, $schema: 'https://developer.microsoft.com/json-schemas/teams/v1.16/MicrosoftTeams.Localization.schema.json' };
    expect(await localizationProblems(older, manifest)).toEqual([
      expect.stringContaining(`$schema must be https://developer.microsoft.com/json-schemas/teams/v${String(manifest.manifestVersion)}/`),
    ]);
  });
});

describe('the icons', () => {
  const icon = async (name: string): Promise<Png> => decodePng(new Uint8Array(await readFile(join(manifestDir, name))));

  it('has a 192x192 full-colour icon on the accent colour', async () => {
    const color = await icon('color.png');
    expect([color.width, color.height]).toEqual([192, 192]);

    const accent = String(manifest.accentColor).toLowerCase();
    const hex = ([r, g, b]: number[]) => `#${[r, g, b].map((value) => (value ?? 0).toString(16).padStart(2, '0')).join('')}`;
    expect(hex(pixelAt(color, 0, 0))).toBe(accent);
    expect(hex(pixelAt(color, 48, 96))).toBe('#ffffff'); // the speech bubble
    const colours = new Set<string>();
    for (let y = 0; y < color.height; y++) for (let x = 0; x < color.width; x++) colours.add(hex(pixelAt(color, x, y)));
    expect(colours.size).toBeGreaterThan(10);
  });

  it('has a 32x32 outline icon, white only, on a transparent background', async () => {
    const outline = await icon('outline.png');
    expect([outline.width, outline.height, outline.colorType]).toEqual([32, 32, 6]);

    const alphas = new Set<number>();
    const notWhite: string[] = [];
    for (let y = 0; y < outline.height; y++) {
      for (let x = 0; x < outline.width; x++) {
        const [r, g, b, a] = pixelAt(outline, x, y);
        if (r !== 255 || g !== 255 || b !== 255) notWhite.push(`(${x}, ${y})`);
        alphas.add(a);
      }
    }
    expect(notWhite).toEqual([]);
    expect(pixelAt(outline, 0, 0)[3]).toBe(0);
    expect(alphas.has(0) && alphas.has(255)).toBe(true);
  });
});

describe('runPackageApp', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'package-app-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function run(env: Record<string, string>, args: string[] = [], sources?: string) {
    let stdout = '';
    let stderr = '';
    const code = await runPackageApp(args, {
      env,
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      cwd: dir,
      ...(sources ? { manifestDir: sources } : {}),
    });
    return { code, stdout, stderr };
  }

  /** A copy of manifest/ that a test may break. */
  async function copyOfManifestDir(): Promise<string> {
    const copy = join(dir, 'sources');
    await rm(copy, { recursive: true, force: true });
    await mkdir(copy);
    for (const name of readdirSync(manifestDir)) await copyFile(join(manifestDir, name), join(copy, name));
    return copy;
  }

  const unzip = async (path: string) => unzipSync(new Uint8Array(await readFile(path)));

  it('writes appPackage/helpdesk-bot.zip with the manifest filled in and its files at the root', async () => {
    const { code, stdout, stderr } = await run({ MicrosoftAppId: BOT_ID.toUpperCase(), PUBLIC_HOSTNAME: 'Helpdesk.Example.com' });

    expect(stderr).toBe('');
    expect(code).toBe(0);
    const zip = join(dir, 'appPackage', 'helpdesk-bot.zip');
    expect(stdout.split('\n')[0]).toBe(zip);
    const entries = await unzip(zip);
    expect(Object.keys(entries).sort()).toEqual(['color.png', 'manifest.json', 'nl.json', 'outline.png']);

    const packaged = strFromU8(entries['manifest.json'] ?? new Uint8Array());
    expect(packaged).not.toContain('{{');
    expect(JSON.parse(packaged)).toEqual(manifest);
    expect(Buffer.from(entries['outline.png'] ?? [])).toEqual(await readFile(join(manifestDir, 'outline.png')));
    expect(JSON.parse(strFromU8(entries['nl.json'] ?? new Uint8Array()))).toEqual(nl);
  });

  it('takes BOT_ID instead of MicrosoftAppId, and --out', async () => {
    const { code, stdout } = await run({ BOT_ID, PUBLIC_HOSTNAME: HOST }, ['--out', 'out/app.zip']);

    expect(code).toBe(0);
    expect(stdout).toContain(join(dir, 'out', 'app.zip'));
    const entries = await unzip(join(dir, 'out', 'app.zip'));
    expect(JSON.parse(strFromU8(entries['manifest.json'] ?? new Uint8Array())).bots[0].botId).toBe(BOT_ID);
  });

  it.each<[string, Record<string, string>, string[]]>([
    ['nothing is set', {}, ['MicrosoftAppId is not set', 'PUBLIC_HOSTNAME is not set']],
    ['the bot id is not a GUID', { MicrosoftAppId: 'helpdesk-bot', PUBLIC_HOSTNAME: HOST }, ['MicrosoftAppId="helpdesk-bot" is not a GUID']],
    ['the two bot ids differ', { MicrosoftAppId: BOT_ID, BOT_ID: '00000000-0000-0000-0000-000000000000', PUBLIC_HOSTNAME: HOST }, ['differ']],
    ['the host has a scheme', { MicrosoftAppId: BOT_ID, PUBLIC_HOSTNAME: `https://${HOST}` }, ['must be a host name only: remove "https://"']],
    ['the host has a path', { MicrosoftAppId: BOT_ID, PUBLIC_HOSTNAME: `${HOST}/api/messages` }, ['without a path']],
    ['the host has a port', { MicrosoftAppId: BOT_ID, PUBLIC_HOSTNAME: `${HOST}:3978` }, ['without a port']],
    ['the host is not a host name', { MicrosoftAppId: BOT_ID, PUBLIC_HOSTNAME: 'my bot' }, ['PUBLIC_HOSTNAME="my bot" is not a valid host name']],
  ])('refuses when %s, saying why, and writes nothing', async (_case, env, messages) => {
    const { code, stdout, stderr } = await run(env);

    expect(code).toBe(1);
    expect(stdout).toBe('');
    for (const message of messages) expect(stderr).toContain(message);
    expect(existsSync(join(dir, 'appPackage'))).toBe(false);
  });

  it('prints every schema error of a manifest that does not validate, and writes nothing', async () => {
    const sources = await copyOfManifestDir();
    const broken = JSON.parse(template);
    delete broken.developer.name;
    broken.accentColor = 'purple';
    await writeFile(join(sources, TEMPLATE_FILE), JSON.stringify(broken, null, 2));

    const { code, stderr } = await run({ MicrosoftAppId: BOT_ID, PUBLIC_HOSTNAME: HOST }, [], sources);

    expect(code).toBe(1);
    expect(stderr).toContain('the app package is not valid, so it was not written');
    expect(stderr).toMatch(/manifest\.json: \/developer must have required property 'name'/);
    expect(stderr).toMatch(/manifest\.json: \/accentColor must match pattern/);
    expect(existsSync(join(dir, 'appPackage'))).toBe(false);
  });

  it('refuses icons of the wrong size and placeholders nothing fills', async () => {
    const sources = await copyOfManifestDir();
    await copyFile(join(manifestDir, 'color.png'), join(sources, 'outline.png'));
    const wrongSize = await run({ MicrosoftAppId: BOT_ID, PUBLIC_HOSTNAME: HOST }, [], sources);

    expect(wrongSize.code).toBe(1);
    expect(wrongSize.stderr).toContain('outline.png: is 192x192 pixels; Teams wants 32x32');

    await writeFile(join(sources, TEMPLATE_FILE), template.replace('"Admin Helpdesk"', '"{{ORG_NAME}} Helpdesk"'));
    const unfilled = await run({ MicrosoftAppId: BOT_ID, PUBLIC_HOSTNAME: HOST }, [], sources);

    expect(unfilled.code).toBe(1);
    expect(unfilled.stderr).toContain('has placeholders nothing fills: {{ORG_NAME}}');
  });

  it('explains its usage for an argument it does not know', async () => {
    const { code, stderr } = await run({ MicrosoftAppId: BOT_ID, PUBLIC_HOSTNAME: HOST }, ['--zip']);

    expect(code).toBe(2);
    expect(stderr).toContain('unknown argument "--zip"');
    expect(stderr).toContain('usage: npm run package');
  });
});

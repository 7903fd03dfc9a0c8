/**
 * `npm run package [-- --out FILE]`: builds the Teams app package (the zip an admin uploads to Teams) from
 * `manifest/`: the manifest template with the bot id, public host name and version filled in, the Dutch
 * localization file and the two icons. Started through cli/index.ts (`node dist/cli/index.js package ...`);
 * arguments are read with parseArgs.
 * @remarks The package is checked before it is written, offline, so a mistake shows here and not as a vague
 * upload error in Teams: the manifest against the schema @microsoft/app-manifest bundles, the localization
 * file against its schema's rules, and the icons' sizes. The settings are read here rather than in
 * `config.ts` because they describe the package, not the running bot; only the bot id is shared, under the
 * same name (`MicrosoftAppId`).
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { parseDomain } from '../services/signup/emailAddress.js';
import { projectFile, readProjectJson } from '../lib/projectFiles.js';
import { EXIT_FAILED, EXIT_OK, parseCommandLine, usageError, type CliIo } from './cliMain.js';

export interface PackageAppIo extends CliIo {
  /** The folder holding the template, nl.json and the icons; the project's `manifest/` by default. */
  manifestDir?: string;
}

export interface PackageSettings {
  /** The Azure Bot's app id; also the Teams app id and the tab's SSO application. */
  botId: string;
  /** The host the bot and its tab pages are served on, without scheme, port or path. */
  publicHostname: string;
  /** The app version Teams compares on upload; package.json's version. */
  version: string;
}

export const DEFAULT_OUT = join('appPackage', 'helpdesk-bot.zip');
export const TEMPLATE_FILE = 'manifest.template.json';
/** The icons Teams requires, with their size in pixels (square). */
const ICON_SIZES = { color: 192, outline: 32 } as const;

export const USAGE = `usage: npm run package [-- --out FILE]

Builds the Teams app package (default ${DEFAULT_OUT}) from manifest/, for the bot and host
named by these settings, read from the environment or .env:

  MicrosoftAppId    the Azure Bot's app id, a GUID (BOT_ID is accepted instead)
  PUBLIC_HOSTNAME   the public host name of the bot and its tab, e.g. helpdesk.example.com

The manifest is validated offline before the package is written.
`;

const GUID = /^[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i;
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]*)\s*\}\}/g;

const CLI = { name: 'package', usage: USAGE } as const;

const OPTIONS = {
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function runPackageApp(args: string[], io: PackageAppIo): Promise<number> {
  // Positionals are read only to take `help` as --help does.
  const parsed = parseCommandLine(args, OPTIONS, true);
  if ('problem' in parsed) return usageError(CLI, parsed.problem, io);
  const { values, positionals } = parsed;
  if (values.help || (positionals.length === 1 && positionals[0] === 'help')) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  if (positionals.length > 0) return usageError(CLI, `unknown argument "${positionals[0]}"`, io);
  const out = values.out ?? DEFAULT_OUT;

  try {
    const settings = readPackageSettings(io.env);
    if ('problems' in settings) return refuse('cannot build the app package', settings.problems, io);
    const built = await buildAppPackage(settings, io.manifestDir ?? projectFile('manifest'));
    if ('problems' in built) return refuse('the app package is not valid, so it was not written', built.problems, io);

    const path = resolve(io.cwd ?? process.cwd(), out);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, zipAppPackage(built.files));
    io.stdout(`${path}\n`);
    io.stdout(`Teams app package for bot ${settings.botId} on https://${settings.publicHostname}/ (version ${settings.version}).\n`);
    io.stdout('Upload it in Teams: Apps > Manage your apps > Upload an app.\n');
    return EXIT_OK;
  } catch (error) {
    // Operators get the message, not a stack: every error thrown below names the file at fault.
    io.stderr(`package: ${(error as Error).message}\n`);
    return EXIT_FAILED;
  }
}

function refuse(what: string, problems: readonly string[], io: PackageAppIo): number {
  io.stderr(`package: ${what}:\n`);
  for (const problem of problems) io.stderr(`  ${problem}\n`);
  return EXIT_FAILED;
}

/** The package's settings from the environment, or every problem with them at once. */
export function readPackageSettings(env: Readonly<Record<string, string | undefined>>): PackageSettings | { problems: string[] } {
  const problems: string[] = [];
  const read = (name: string) => env[name]?.trim() || undefined;

  const appId = read('MicrosoftAppId');
  const botIdAlias = read('BOT_ID');
  let botId = '';
  if (appId && botIdAlias && appId.toLowerCase() !== botIdAlias.toLowerCase()) {
    problems.push(`MicrosoftAppId="${appId}" and BOT_ID="${botIdAlias}" differ: set only one (the Azure Bot's app id)`);
  } else if (!appId && !botIdAlias) {
    problems.push("MicrosoftAppId is not set: set it to the Azure Bot's app id (a GUID), in the environment or .env");
  } else {
    const [name, value] = appId ? ['MicrosoftAppId', appId] : ['BOT_ID', botIdAlias ?? ''];
    if (GUID.test(value)) botId = value.toLowerCase();
    else problems.push(`${name}="${value}" is not a GUID (like 00000000-0000-0000-0000-000000000000): use the Azure Bot's app id`);
  }

  const host = read('PUBLIC_HOSTNAME');
  let publicHostname = '';
  if (!host) {
    problems.push('PUBLIC_HOSTNAME is not set: set it to the public host name the bot and its tab are served on (like helpdesk.example.com), in the environment or .env');
  } else {
    const parsed = parseHostname(host);
    if ('problem' in parsed) problems.push(`PUBLIC_HOSTNAME="${host}" ${parsed.problem}`);
    else publicHostname = parsed.host;
  }

  const { version } = readProjectJson<{ version?: unknown }>('package.json');
  const validVersion = typeof version === 'string' && SEMVER.test(version) ? version : undefined;
  if (!validVersion) problems.push(`package.json's version "${String(version)}" is not a semantic version (like 1.2.3), which Teams requires`);

  if (problems.length > 0 || !validVersion) return { problems };
  return { botId, publicHostname, version: validVersion };
}

/** A bare host name in its lower-case ASCII form, or why the value is not one. */
function parseHostname(text: string): { host: string } | { problem: string } {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(text);
  if (scheme) return { problem: `must be a host name only: remove "${scheme[0]}"` };
  if (/[/?#]/.test(text)) return { problem: 'must be a host name only, without a path (the tab pages are found under /tab/ on it)' };
  if (text.includes(':')) return { problem: 'must be a host name only, without a port: Teams loads the tab over https on port 443' };
  if (text.includes('*')) return { problem: 'must be one host name, not a wildcard' };
  const parsed = parseDomain(text);
  return parsed.ok ? { host: parsed.value } : { problem: `is not a valid host name (${parsed.problem})` };
}

/**
 * The package's files, checked, or every problem found: manifest.json from the template in `manifestDir`,
 * and the icons and localization files the manifest names, from the same folder.
 */
export async function buildAppPackage(
  settings: PackageSettings,
  manifestDir: string,
): Promise<{ files: Record<string, Uint8Array> } | { problems: string[] }> {
  const values: Record<string, string> = {
    BOT_ID: settings.botId,
    PUBLIC_HOSTNAME: settings.publicHostname,
    APP_VERSION: settings.version,
  };
  const manifestJson = fillPlaceholders(await readSource(manifestDir, TEMPLATE_FILE), values, TEMPLATE_FILE);
  const manifest = parseJson(manifestJson, TEMPLATE_FILE);
  const files: Record<string, Uint8Array> = { 'manifest.json': strToU8(manifestJson) };
  // The parsed JSON, not TeamsManifestConverter.jsonToManifest(): the converter throws at the first field of the
  // wrong type, where the schema check lists every problem at once.
  const problems = (await AppManifestUtils.validateAgainstSchema(JSON.parse(manifestJson))).map((problem) => `manifest.json: ${problem.trim()}`);

  for (const [icon, size] of Object.entries(ICON_SIZES)) {
    const name = valueAt(manifest, `icons.${icon}`);
    if (typeof name !== 'string') continue; // the schema check above already says it is missing
    const bytes = new Uint8Array(await readFile(await sourcePath(manifestDir, name, `icons.${icon}`)));
    const actual = pngSize(bytes);
    if (!actual) problems.push(`${name}: is not a PNG file`);
    else if (actual.width !== size || actual.height !== size) {
      problems.push(`${name}: is ${actual.width}x${actual.height} pixels; Teams wants ${size}x${size}`);
    }
    files[name] = bytes;
  }

  for (const file of localizationFiles(manifest)) {
    const text = fillPlaceholders(await readFile(await sourcePath(manifestDir, file, 'localizationInfo'), 'utf8'), values, file);
    problems.push(...(await localizationProblems(parseJson(text, file), manifest)).map((problem) => `${file}: ${problem}`));
    files[file] = strToU8(text);
  }
  return problems.length > 0 ? { problems } : { files };
}

/** The files `localizationInfo` names: the additional languages' and, if given, the default language's. */
function localizationFiles(manifest: Record<string, unknown>): string[] {
  const files = [valueAt(manifest, 'localizationInfo.defaultLanguageFile')];
  const additional = valueAt(manifest, 'localizationInfo.additionalLanguages');
  if (Array.isArray(additional)) files.push(...additional.map((language: unknown) => valueAt(language, 'file')));
  return files.filter((file): file is string => typeof file === 'string');
}

/** A file the manifest names, which Teams looks for at the package's root: so it must be a plain name here. */
async function sourcePath(manifestDir: string, name: string, field: string): Promise<string> {
  if (basename(name) !== name) throw new Error(`${TEMPLATE_FILE}: ${field} names "${name}"; package files sit at the root, so use a plain file name`);
  const path = join(manifestDir, name);
  if (!existsSync(path)) throw new Error(`${TEMPLATE_FILE}: ${field} names "${name}", but "${path}" does not exist`);
  return path;
}

/** Replaces every `{{NAME}}`; a placeholder without a value is an error, so none reaches Teams. */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>, file: string): string {
  const unknown = new Set<string>();
  const filled = text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) unknown.add(whole);
    return value ?? whole;
  });
  if (unknown.size > 0) throw new Error(`${file} has placeholders nothing fills: ${[...unknown].join(', ')}`);
  return filled;
}

/**
 * What Teams would refuse in a localization file: keys its schema does not know, values that are empty or too
 * long, required keys that are missing, keys for text the manifest does not have, and a schema version other
 * than the manifest's.
 * @remarks The schema's own rules, applied by hand: @microsoft/app-manifest cannot compile the bundled
 * Localization schema (ajv rejects one of its key patterns under the `u` flag).
 */
export async function localizationProblems(localization: Record<string, unknown>, manifest: Record<string, unknown>): Promise<string[]> {
  const problems: string[] = [];
  const schemaUrl = localization.$schema;
  const expectedUrl = `https://developer.microsoft.com/json-schemas/teams/v${String(manifest.manifestVersion)}/MicrosoftTeams.Localization.schema.json`;
  if (schemaUrl !== expectedUrl) {
    problems.push(`$schema must be ${expectedUrl} (the manifest's version), not ${JSON.stringify(schemaUrl)}`);
    return problems;
  }
  const schema = localizationSchema(await AppManifestUtils.fetchSchema(expectedUrl));
  const patterns = Object.entries(schema.patternProperties).map(([pattern, rule]) => ({ regex: new RegExp(pattern), rule }));
  for (const key of schema.required) {
    if (!(key in localization)) problems.push(`"${key}" is required`);
  }
  for (const [key, value] of Object.entries(localization)) {
    if (key === '$schema' || key === 'localizationKeys') continue;
    const rule = schema.properties[key] ?? patterns.find((pattern) => pattern.regex.test(key))?.rule;
    if (!rule) {
      problems.push(`"${key}" is not a key a Teams localization file may have`);
      continue;
    }
    if (typeof value !== 'string' || value.trim() === '') problems.push(`"${key}" must be a non-empty string`);
    else if (rule.maxLength !== undefined && value.length > rule.maxLength) {
      problems.push(`"${key}" is ${value.length} characters long; at most ${rule.maxLength} are allowed`);
    }
    if (typeof valueAt(manifest, key) !== 'string') problems.push(`"${key}" translates text the manifest does not have`);
  }
  return problems;
}

interface LengthRule {
  maxLength?: number;
}
interface LocalizationSchema {
  required: string[];
  properties: Record<string, LengthRule>;
  patternProperties: Record<string, LengthRule>;
}

/** Reads the few parts of the Localization schema the check uses, refusing a schema of another shape. */
function localizationSchema(schema: unknown): LocalizationSchema {
  const record = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
  const rules = (value: unknown): Record<string, LengthRule> =>
    record(value)
      ? Object.fromEntries(
          Object.entries(value).map(([key, rule]) => [key, record(rule) && typeof rule.maxLength === 'number' ? { maxLength: rule.maxLength } : {}]),
        )
      : {};
  if (!record(schema) || !record(schema.properties) || !record(schema.patternProperties) || !Array.isArray(schema.required)) {
    throw new Error('the bundled Teams Localization schema does not have the expected shape (properties, patternProperties, required)');
  }
  return {
    required: schema.required.filter((key): key is string => typeof key === 'string'),
    properties: rules(schema.properties),
    patternProperties: rules(schema.patternProperties),
  };
}

/** The value at a manifest path, as localization keys name it (`name.short`, `bots[0].commandLists[1].commands[2].title`). */
export function valueAt(json: unknown, path: string): unknown {
  let value = json;
  for (const step of path.match(/[^.[\]]+/g) ?? []) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, step)) return undefined;
    value = (value as Record<string, unknown>)[step];
  }
  return value;
}

/** Width and height from a PNG's IHDR chunk, or undefined when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const signature = [137, 80, 78, 71, 13, 10, 26, 10];
  if (bytes.length < 24 || signature.some((byte, i) => bytes[i] !== byte)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return undefined;
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/**
 * The zip Teams takes: every file at the root.
 * @remarks A fixed timestamp makes the same inputs give the same bytes, so a rebuilt package can be compared.
 */
export function zipAppPackage(files: Readonly<Record<string, Uint8Array>>): Uint8Array {
  const entries: Zippable = {};
  for (const [name, bytes] of Object.entries(files)) entries[name] = bytes;
  return zipSync(entries, { level: 9, mtime: new Date(1980, 0, 1) });
}

async function readSource(manifestDir: string, name: string): Promise<string> {
  const path = join(manifestDir, name);
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read "${path}": ${(error as Error).message}`);
  }
}

function parseJson(text: string, file: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`${file} must hold a JSON object`);
  return parsed as Record<string, unknown>;
}

/**
 * Validates an Adaptive Card the way a client would: the official adaptivecards SDK parses it against
 * schema 1.5 (what Teams renders), plus checks of our own that the SDK does not make.
 */
import { createRequire } from 'node:module';

interface SdkEvent {
  message: string;
  phase?: unknown;
  event?: unknown;
}

interface SerializationContext {
  readonly eventCount: number;
  getEventAt(index: number): SdkEvent;
}

interface AdaptiveCardSdk {
  Versions: { v1_5: unknown };
  HostConfig: new (config: object) => unknown;
  SerializationContext: new (version: unknown) => SerializationContext;
  AdaptiveCard: new () => {
    hostConfig: unknown;
    parse(json: unknown, context: SerializationContext): void;
    validateProperties(): { validationEvents: SdkEvent[] };
  };
}

const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as AdaptiveCardSdk;

/** The highest schema version Teams renders. */
const MAX_VERSION = '1.5';

/**
 * Teams shows up to 6 actions per action list (maxActions in the Teams host config of the AdaptiveCards
 * repository, samples/HostConfig/microsoft-teams-light.json); the SDK's default host config allows 5.
 * Everything else stays the SDK default.
 */
const TEAMS_HOST_CONFIG = { actions: { maxActions: 6 } };

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Compares "1.5" and "1.10" numerically, part by part; NaN when a version is not dotted numbers. */
function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  if ([...pa, ...pb].some((part) => !Number.isInteger(part))) return Number.NaN;
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** Calls `visit` with every object in the card and its path, depth first. */
function walk(value: unknown, path: string, visit: (node: Json, path: string) => void): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => walk(item, `${path}[${i}]`, visit));
  } else if (isObject(value)) {
    visit(value, path);
    for (const [key, child] of Object.entries(value)) walk(child, `${path}.${key}`, visit);
  }
}

function sdkProblems(card: unknown): string[] {
  if (!isObject(card)) return [];
  const problems: string[] = [];
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  parsed.hostConfig = new AC.HostConfig(TEAMS_HOST_CONFIG);
  try {
    parsed.parse(card, context);
  } catch (error) {
    return [`SDK could not parse the card: ${(error as Error).message}`];
  }
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    problems.push(`SDK parse (phase ${String(event.phase)}, event ${String(event.event)}): ${event.message}`);
  }
  for (const event of parsed.validateProperties().validationEvents) problems.push(`SDK validation: ${event.message}`);
  return problems;
}

function ownProblems(card: unknown): string[] {
  if (!isObject(card)) return ['card is not an object'];
  const problems: string[] = [];
  if (card.type !== 'AdaptiveCard') problems.push(`type is ${JSON.stringify(card.type)}, expected "AdaptiveCard"`);
  if (typeof card.version !== 'string' || card.version === '') {
    problems.push('version is missing');
  } else {
    const cmp = compareVersions(card.version, MAX_VERSION);
    if (Number.isNaN(cmp)) problems.push(`version "${card.version}" is not a version number`);
    else if (cmp > 0) problems.push(`version ${card.version} is above ${MAX_VERSION}`);
  }

  const json = JSON.stringify(card);
  const templateLeft = json.match(/\$\{[^}]*\}?/g);
  if (templateLeft) problems.push(`template expressions left: ${templateLeft.join(', ')}`);
  const placeholders = json.match(/\{\w+\}/g);
  if (placeholders) problems.push(`unfilled placeholders: ${placeholders.join(', ')}`);

  walk(card, '$', (node, path) => {
    if (node.type === 'TextBlock' && (typeof node.text !== 'string' || node.text.trim() === '')) {
      problems.push(`${path}: TextBlock without text`);
    }
    if (node.type === 'Action.Submit') {
      if (typeof node.title !== 'string' || node.title.trim() === '') problems.push(`${path}: Action.Submit without title`);
      const data = node.data;
      if (!isObject(data) || typeof data.verb !== 'string' || data.verb === '') problems.push(`${path}: Action.Submit without data.verb`);
    }
  });
  return problems;
}

/** Every problem found in the card; an empty list means the card is valid. */
export function validateAdaptiveCard(card: unknown): string[] {
  return [...ownProblems(card), ...sdkProblems(card)];
}

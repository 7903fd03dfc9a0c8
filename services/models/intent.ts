/** The intents of the contract table (the topics the bot answers) and the languages it speaks. */
export const INTENTS = [
  'whoIsMyAdmin',
  'amIAdmin',
  'signup',
  'domainInUse',
  'takeover',
  'escalate',
  'greeting',
  'none',
] as const;

export type Intent = (typeof INTENTS)[number];

/** Intents that are a question the bot answers; the "not sure" card offers only these. */
export const TOPIC_INTENTS: readonly Intent[] = ['whoIsMyAdmin', 'amIAdmin', 'signup', 'domainInUse', 'takeover'];

export type Language = 'en' | 'nl';
export const LANGUAGES: readonly Language[] = ['en', 'nl'];

export function isIntent(value: unknown): value is Intent {
  return typeof value === 'string' && (INTENTS as readonly string[]).includes(value);
}

/**
 * The Microsoft services that offer self-service signup (docs/facts.md section 4, list from the 2025
 * version of "What is self-service sign-up?"), with the words people use for them and what they mean
 * for an admin takeover (docs/facts.md section 6).
 * @remarks `needsLicense`: the takeover asks the new admin to buy licenses "in some cases", for services
 * users signed up to as a trial of a paid product; free plans (Power BI free, Fabric Free, the free Power
 * Apps and Power Automate plans, RMS for individuals, Stream, A1 for education) need none.
 * `includesSharePoint`: plans with SharePoint or OneDrive (the Office plans) cannot be taken over
 * externally, only internally.
 */
export interface SelfServiceService {
  /** The product's name, the same in every language. */
  name: string;
  /** Lower-case spellings that name it in a message. */
  aliases: string[];
  needsLicense: boolean;
  includesSharePoint: boolean;
}

const service = (name: string, aliases: string[], flags: Partial<Pick<SelfServiceService, 'needsLicense' | 'includesSharePoint'>> = {}): SelfServiceService => ({
  name,
  aliases,
  needsLicense: flags.needsLicense ?? false,
  includesSharePoint: flags.includesSharePoint ?? false,
});

export const SELF_SERVICE_SERVICES: readonly SelfServiceService[] = [
  service('Power BI', ['power bi', 'powerbi', 'pbi']),
  service('Power Apps', ['power apps', 'powerapps']),
  service('Power Automate', ['power automate', 'powerautomate', 'microsoft flow']),
  service('Microsoft Fabric (Free)', ['fabric']),
  service('Microsoft Stream', ['stream']),
  service('Office 365 A1', ['office 365 a1', 'a1', 'office 365 education', 'office voor onderwijs'], { includesSharePoint: true }),
  service('Rights Management Services', ['rights management', 'rms']),
  service('Power Virtual Agents', ['power virtual agents', 'virtual agents'], { needsLicense: true }),
  service('Dynamics 365 for Financials', ['dynamics 365 for financials', 'financials'], { needsLicense: true }),
  service('Dynamics 365 for Operations', ['dynamics 365 for operations'], { needsLicense: true }),
  service('Minecraft Education Edition', ['minecraft'], { needsLicense: true }),
  service('Microsoft AppSource', ['appsource']),
];

/** The service a message names, matched on whole words ("flow" in "workflow" is not Power Automate). */
export function findService(text: string | undefined): SelfServiceService | undefined {
  if (!text) return undefined;
  const words = ` ${text.slice(0, 2000).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  return SELF_SERVICE_SERVICES.find((candidate) => candidate.aliases.some((alias) => words.includes(` ${alias} `)));
}

/** The service with this display name, as stored on a member. */
export function serviceNamed(name: string): SelfServiceService | undefined {
  return SELF_SERVICE_SERVICES.find((candidate) => candidate.name === name);
}

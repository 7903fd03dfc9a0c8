/**
 * The Microsoft services that offer self-service signup (DOMAIN.md section 4, list from the 2025
 * version of "What is self-service sign-up?"), with the words people use for them.
 */
export interface SelfServiceService {
  /** The product's name, the same in every language. */
  name: string;
  /** Lower-case spellings that name it in a message. */
  aliases: string[];
}

export const SELF_SERVICE_SERVICES: readonly SelfServiceService[] = [
  { name: 'Power BI', aliases: ['power bi', 'powerbi', 'pbi'] },
  { name: 'Power Apps', aliases: ['power apps', 'powerapps'] },
  { name: 'Power Automate', aliases: ['power automate', 'powerautomate', 'microsoft flow'] },
  { name: 'Microsoft Fabric (Free)', aliases: ['fabric'] },
  { name: 'Microsoft Stream', aliases: ['stream'] },
  { name: 'Office 365 A1', aliases: ['office 365 a1', 'a1', 'office 365 education', 'office voor onderwijs'] },
  { name: 'Rights Management Services', aliases: ['rights management', 'rms'] },
  { name: 'Power Virtual Agents', aliases: ['power virtual agents', 'virtual agents'] },
  { name: 'Dynamics 365 for Financials', aliases: ['dynamics 365 for financials', 'financials'] },
  { name: 'Dynamics 365 for Operations', aliases: ['dynamics 365 for operations'] },
  { name: 'Minecraft Education Edition', aliases: ['minecraft'] },
  { name: 'Microsoft AppSource', aliases: ['appsource'] },
];

/** The service a message names, matched on whole words ("flow" in "workflow" is not Power Automate). */
export function findService(text: string | undefined): SelfServiceService | undefined {
  if (!text) return undefined;
  const words = ` ${text.slice(0, 2000).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  return SELF_SERVICE_SERVICES.find((service) => service.aliases.some((alias) => words.includes(` ${alias} `)));
}

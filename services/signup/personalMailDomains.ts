/**
 * The domains of personal mail services and internet providers, whose addresses self-service signup refuses
 * (docs/facts.md section 4, "Which addresses are refused").
 * @remarks The list itself is the npm package `email-providers` (ISC licence, about 8,700 domains, rebuilt every
 * month from goware/emailproviders; no install script, no dependencies). On top of it come the providers people
 * here use that it lacks (Dutch and Belgian internet providers, a few webmail services), and off it the
 * universities it lists, whose students sign up for Office 365 A1 with exactly those addresses.
 * A listed domain covers itself only: the package also lists hosts that give out subdomains to businesses
 * (za.com, pp.ua). Only the providers below, which hand out mail on their own subdomains (mail.ziggo.nl), cover
 * their subdomains too.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const PACKAGE_DOMAINS = require('email-providers/all.json') as readonly string[];

/** Providers the package lacks, or that hand out addresses on subdomains. Dutch first: most users are Dutch. */
const ON_TOP = [
  // Internet providers and webmail, the Netherlands
  'caiway.nl', 'casema.nl', 'chello.nl', 'freeler.nl', 'hccnet.nl', 'hetnet.nl', 'home.nl', 'hotmail.nl',
  'kpnmail.nl', 'kpnplanet.nl', 'live.nl', 'online.nl', 'outlook.nl', 'planet.nl', 'quicknet.nl', 'solcon.nl',
  'tele2.nl', 'telfort.nl', 'upcmail.nl', 'versatel.nl', 'wxs.nl', 'xs4all.nl', 'yahoo.nl', 'zeelandnet.nl',
  'ziggo.nl', 'zonnet.nl',
  // Internet providers, Belgium
  'hotmail.be', 'live.be', 'outlook.be', 'pandora.be', 'proximus.be', 'scarlet.be', 'skynet.be', 'telenet.be',
  // Webmail the package lacks
  'fastmail.com', 'tuta.io', 'tutanota.com',
] as const;

/**
 * The mail services people mistype most, each also in the package: with the providers above, the only domains a
 * mistyped one is compared with (services/signup/addressPolicy.ts). Thousands of obscure services would make
 * half of all company domains look like a typo of one.
 */
export const WIDELY_USED = [
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'hotmail.co.uk', 'hotmail.fr', 'hotmail.de', 'live.com',
  'msn.com', 'yahoo.com', 'yahoo.co.uk', 'yahoo.co.jp', 'yahoo.de', 'yahoo.fr', 'yahoo.es', 'ymail.com', 'icloud.com',
  'me.com', 'aol.com', 'proton.me', 'protonmail.com', 'gmx.com', 'gmx.de', 'gmx.net', 'web.de', 't-online.de',
  'mail.com', 'mail.ru', 'yandex.com', 'yandex.ru', 'qq.com', '163.com', '126.com', 'naver.com', 'zoho.com',
] as const;

/** University mail the package lists as personal: students sign up for Office 365 A1 with these addresses. */
const NOT_PERSONAL = ['nus.edu.sg', 'live.mdx.ac.uk', 'mail.bcu.ac.uk'] as const;

const notPersonal: ReadonlySet<string> = new Set(NOT_PERSONAL);
const exact: ReadonlySet<string> = new Set([...PACKAGE_DOMAINS, ...ON_TOP].filter((domain) => !notPersonal.has(domain)));
/** Providers whose subdomains are theirs too. */
const withSubdomains: ReadonlySet<string> = new Set<string>([...ON_TOP, ...WIDELY_USED]);

/** The domains a mistyped domain is compared with: the well-known services and the providers added here. */
export const TYPO_TARGETS: readonly string[] = [...new Set<string>([...WIDELY_USED, ...ON_TOP])];

/** `domain` (lower-case ASCII) is a personal mail service's or an internet provider's. */
export function isPersonalMailDomain(domain: string): boolean {
  if (exact.has(domain)) return true;
  const labels = domain.split('.');
  // A parent of the domain: mail.ziggo.nl is still Ziggo.
  for (let i = 1; i < labels.length - 1; i++) {
    if (withSubdomains.has(labels.slice(i).join('.'))) return true;
  }
  return false;
}

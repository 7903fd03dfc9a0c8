/**
 * Where the Microsoft 365 admin center lives, per cloud (docs/facts.md sections 3 and 10: S-OVERVIEW, and Microsoft's
 * "Microsoft 365 US Government" endpoint pages for GCC, GCC High and DoD).
 */
import type { Cloud } from '../models/organization.js';

const ADMIN_CENTER_URLS: Readonly<Record<Cloud, string>> = {
  worldwide: 'https://admin.microsoft.com',
  china21Vianet: 'https://portal.partner.microsoftonline.cn',
  // Office 365 Germany: closed to new customers since 2018, Microsoft Cloud Germany shut down in 2021.
  germanyLegacy: 'https://portal.office.de',
  // GCC runs on the worldwide admin center; GCC High and DoD have their own.
  usGovGcc: 'https://admin.microsoft.com',
  usGovGccHigh: 'https://portal.office365.us',
  usGovDod: 'https://portal.apps.mil',
};

export function adminCenterUrl(cloud: Cloud): string {
  return ADMIN_CENTER_URLS[cloud];
}

/** Where the Microsoft 365 admin center lives, per cloud (docs/facts.md section 3, S-OVERVIEW). */
import type { Cloud } from '../models/organization.js';

const ADMIN_CENTER_URLS: Readonly<Record<Cloud, string>> = {
  worldwide: 'https://admin.microsoft.com',
  china21Vianet: 'https://portal.partner.microsoftonline.cn',
  // Office 365 Germany: closed to new customers since 2018, Microsoft Cloud Germany shut down in 2021.
  germanyLegacy: 'https://portal.office.de',
};

export function adminCenterUrl(cloud: Cloud): string {
  return ADMIN_CENTER_URLS[cloud];
}

/** Words that name a cloud other than the worldwide one, in English, Dutch and German. */
const CLOUD_WORDS: readonly [RegExp, Cloud][] = [
  [/\b(?:21\s?vianet|vianet|china|chinese|chinees)\b/iu, 'china21Vianet'],
  [/\b(?:germany|german|duitsland|duitse|deutschland|office\.de)\b/iu, 'germanyLegacy'],
];

/** The cloud a question names ("the admin center URL for China"), if it names one. */
export function cloudNamedIn(text: string): Cloud | undefined {
  return CLOUD_WORDS.find(([words]) => words.test(text))?.[1];
}

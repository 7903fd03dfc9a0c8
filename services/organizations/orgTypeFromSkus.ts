/**
 * The organization type its Microsoft 365 subscriptions suggest (docs/facts.md section 10): a heuristic, so the
 * answer that uses it says so. Only the plans the rules name count; free and add-on plans (Power BI, Teams
 * Exploratory, ...) say nothing about the organization.
 */
import type { OrgType } from '../models/organization.js';

/** Education plans: part numbers with EDU (not SCHEDULE's "EDU"), FACULTY or STUDENT, e.g. STANDARDWOFFPACK_FACULTY (Office 365 A1). */
const EDUCATION = /FACULTY|STUDENT|EDU(?!L)/;
/** Business Basic / Standard / Premium, capped at 300 seats. */
const SMALL_BUSINESS = /^(O365_BUSINESS_ESSENTIALS|O365_BUSINESS_PREMIUM|SPB|SMB_.+)$/;
/** Enterprise and Frontline: E3, E5, Microsoft 365 E3/E5, F-plans. */
const ENTERPRISE = /^(ENTERPRISEPACK|ENTERPRISEPREMIUM(_NOPSTNCONF)?|SPE_E3|SPE_E5|DESKLESSPACK)$/;

/**
 * School when any plan is an education plan; small or large business when the business plans are all of one kind;
 * undefined when nothing tells, or the plans point both ways.
 */
export function orgTypeFromSkus(skuPartNumbers: readonly string[]): Exclude<OrgType, 'unknown'> | undefined {
  const skus = skuPartNumbers.map((sku) => sku.trim().toUpperCase());
  if (skus.some((sku) => EDUCATION.test(sku))) return 'school';
  const small = skus.some((sku) => SMALL_BUSINESS.test(sku));
  const large = skus.some((sku) => ENTERPRISE.test(sku));
  if (small && !large) return 'smallBusiness';
  if (large && !small) return 'enterprise';
  return undefined;
}

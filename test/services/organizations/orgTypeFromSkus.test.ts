/** The organization type its subscriptions suggest (docs/facts.md section 10), as a table. */
import { describe, expect, it } from '@jest/globals';
import { orgTypeFromSkus } from '../../../services/organizations/orgTypeFromSkus.js';

const TABLE: readonly [string[], string | undefined][] = [
  [[], undefined],
  [['POWER_BI_STANDARD', 'FLOW_FREE', 'TEAMS_EXPLORATORY'], undefined],
  [['STANDARDWOFFPACK_FACULTY'], 'school'],
  [['STANDARDWOFFPACK_STUDENT', 'POWER_BI_STANDARD'], 'school'],
  [['M365EDU_A3_FACULTY', 'SPE_E3'], 'school'],
  [['O365_BUSINESS_ESSENTIALS'], 'smallBusiness'],
  [['O365_BUSINESS_PREMIUM', 'POWER_BI_STANDARD'], 'smallBusiness'],
  [['SPB'], 'smallBusiness'],
  [['SMB_BUSINESS'], 'smallBusiness'],
  [['ENTERPRISEPACK'], 'enterprise'],
  [['ENTERPRISEPREMIUM'], 'enterprise'],
  [['spe_e5'], 'enterprise'],
  [['SPE_E3', 'DESKLESSPACK'], 'enterprise'],
  // Plans of both kinds: no guess.
  [['SPB', 'ENTERPRISEPACK'], undefined],
  // SCHEDULE is not an education plan.
  [['MICROSOFT_SCHEDULE_PLAN'], undefined],
];

describe('orgTypeFromSkus', () => {
  it.each(TABLE)('%j suggests %s', (skus, expected) => {
    expect(orgTypeFromSkus(skus)).toBe(expected);
  });
});

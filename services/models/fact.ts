/** The specific questions the bot answers on their own (docs/facts.md), and the topic each belongs to. */
import type { Intent } from './intent.js';

/** In priority order: the first fact whose cue matches wins, so narrower facts come before broader ones. */
export const FACT_IDS = [
  'txtRecordRemoval',
  'dnsTrouble',
  'txtRecord',
  'forceTakeover',
  'takeoverWizardMissing',
  'adminTileMissing',
  'permissionMessage',
  'takeoverLicenses',
  'helpdeskContact',
  'noAdminLeft',
  'closeAccount',
  'teamsExploratory',
  'planNotSelfService',
  'signupMessageOtherId',
  'signupMessageKnown',
  'signupMessageNoPurchase',
  'signupMessageTurnedOff',
  'signupMessageNotEligible',
  'multipleDomains',
  'blockSignup',
  'subdomain',
  'unmanagedMeaning',
  'whoSignedUp',
  'governmentAdminCenter',
  'gettingLicense',
] as const;

export type FactId = (typeof FACT_IDS)[number];

/** The topic each fact belongs to (its section in the facts): the intent it is recognised and counted as. */
export const FACT_TOPICS: Readonly<Record<FactId, Intent>> = {
  txtRecordRemoval: 'takeover',
  dnsTrouble: 'takeover',
  txtRecord: 'takeover',
  forceTakeover: 'takeover',
  takeoverWizardMissing: 'takeover',
  adminTileMissing: 'amIAdmin',
  permissionMessage: 'amIAdmin',
  takeoverLicenses: 'takeover',
  helpdeskContact: 'whoIsMyAdmin',
  noAdminLeft: 'whoIsMyAdmin',
  closeAccount: 'whoIsMyAdmin',
  teamsExploratory: 'signup',
  planNotSelfService: 'signup',
  signupMessageOtherId: 'signup',
  signupMessageKnown: 'signup',
  signupMessageNoPurchase: 'signup',
  signupMessageTurnedOff: 'signup',
  signupMessageNotEligible: 'signup',
  multipleDomains: 'signup',
  blockSignup: 'signup',
  subdomain: 'domainInUse',
  unmanagedMeaning: 'signup',
  whoSignedUp: 'signup',
  governmentAdminCenter: 'amIAdmin',
  gettingLicense: 'whoIsMyAdmin',
};

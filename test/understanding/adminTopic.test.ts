/** What a "who is my admin?" question is about, from the user's words, in English and Dutch: a table. */
import { describe, expect, it } from '@jest/globals';
import { adminTopic } from '../../understanding/adminTopic.js';
import type { AdminTopic } from '../../services/models/adminRoles.js';

const TABLE: readonly [string | undefined, AdminTopic][] = [
  [undefined, 'general'],
  ['', 'general'],
  ['who is my admin?', 'general'],
  ['wie is mijn beheerder?', 'general'],
  ['I forgot my password, who is my admin?', 'password'],
  ['who can reset my Password', 'password'],
  ["I can't sign in to Outlook", 'password'],
  ['sign-in keeps failing', 'password'],
  ['my login does not work', 'password'],
  ["I'm locked out of my account", 'password'],
  ['MFA stopped working on my new phone', 'password'],
  ['the authenticator app asks for a code', 'password'],
  ['ik ben mijn wachtwoord vergeten', 'password'],
  ['ik kan me niet aanmelden bij Teams', 'password'],
  ['inloggen lukt niet meer', 'password'],
  ['mijn account is geblokkeerd', 'password'],
  ['who can give me a license for Visio?', 'licenses'],
  ['I need a licence', 'licenses'],
  ['who handles licensing here', 'licenses'],
  ['who pays the subscription?', 'licenses'],
  ['we want to buy more seats', 'licenses'],
  ['who can purchase Power BI Pro', 'licenses'],
  ['wie kan een licentie toewijzen?', 'licenses'],
  ['wie regelt het abonnement', 'licenses'],
  ['ik wil Project kopen', 'licenses'],
  ["I can't sign in because I have no license", 'password'],
  ['I need a license to sign in', 'licenses'],
  // Not a cue: inside another word.
  ['who is my admin for the loginfo tool', 'general'],
  ['who is the buyer of the coffee machine', 'general'],
  ['we need 3 more seats in Teams', 'licenses'],
  ['wie betaalt de factuur?', 'licenses'],
  ['my outbuy question', 'general'],
];

describe('adminTopic', () => {
  it.each(TABLE)('%j is about %s', (text, topic) => {
    expect(adminTopic(text)).toBe(topic);
  });
});

/**
 * Specific questions get their own answer: every fact is found from an English and a Dutch phrasing, and
 * questions of the flows themselves, or statements that only mention the same words, are left alone.
 */
import { describe, expect, it } from '@jest/globals';
import { FactMatcher } from '../../understanding/factQuestions.js';
import { factWords } from '../../understanding/cues.js';
import { understandingFile } from '../../understanding/phrases.js';
import { FACT_IDS, type FactId } from '../../services/models/fact.js';
import { LANGUAGES } from '../../services/models/intent.js';

const matcher = new FactMatcher(LANGUAGES.map((language) => understandingFile(language).facts));

const ASKED: Record<FactId, readonly string[]> = {
  txtRecordRemoval: ['Can I delete the TXT record after the domain is verified?', 'mag het TXT-record weg na de verificatie?'],
  dnsTrouble: ['the txt record is not found, I added it an hour ago', 'hoe lang duurt het voordat de DNS is bijgewerkt?', 'how long does DNS take to propagate', 'mijn domeinverificatie mislukt steeds'],
  txtRecord: ['what value do I put in the TXT record?', 'welke waarde moet in het TXT-record?', 'what is MS=ms12345678', 'what do I put as host?'],
  forceTakeover: ['how do I use ForceTakeover', 'Confirm-MgDomain has no ForceTakeover parameter', 'hoe werkt een geforceerde overname?'],
  takeoverWizardMissing: ["the become the admin wizard doesn't show up", 'de wizard verschijnt niet bij mij'],
  adminTileMissing: ["I don't see the Admin tile", 'ik zie de tegel Beheer niet', 'there is no admin tile in my app launcher'],
  permissionMessage: ['it says "Switch to an account that has permission"', 'ik krijg overschakelen naar een account met machtigingen'],
  takeoverLicenses: ['which licenses do I need to buy after the takeover?', 'moet ik licenties kopen bij de overname?'],
  helpdeskContact: [
    'where do I set the helpdesk contact for my users?',
    'waar stel ik de contactgegevens van de helpdesk in?',
    'can I add a custom help desk card?',
    'hoe voeg ik de contactgegevens van onze helpdesk toe?',
    'where do users see our helpdesk contact card?',
  ],
  noAdminLeft: [
    'our only admin lost his MFA phone',
    'onze beheerder is vertrokken en niemand kan erin',
    'the admin left the company',
    'mn baas is weg en niemand kan meer in het admin center',
  ],
  closeAccount: ['how do I delete my account?', 'ik wil mijn account opheffen', 'how do I close an unmanaged account', 'how do I delete that account?', 'hoe verwijder ik dat account?'],
  teamsExploratory: ['what is Teams Exploratory?', "it says You're missing out! Ask your admin to enable Microsoft Teams", 'kan ik Teams gratis uitproberen?'],
  planNotSelfService: ['can I sign up for E5 myself?', 'kan ik zelf Business Premium nemen?'],
  signupMessageOtherId: ["it says We can't find you at contoso.com", 'er staat: we kunnen je niet vinden bij contoso.com'],
  signupMessageKnown: ['Power BI says we already know you', 'Power BI zegt: we kennen je al'],
  signupMessageNoPurchase: ["your organization doesn't currently allow its users to purchase Microsoft Power BI", 'je organisatie staat niet toe dat gebruikers Power BI kopen'],
  signupMessageTurnedOff: ['I get a message that my IT department turned off signup', 'ik krijg de melding dat aanmelden is uitgeschakeld'],
  signupMessageNotEligible: ["Your school isn't on our list of eligible institutions", 'mijn school komt niet in aanmerking'],
  multipleDomains: ['we have two domains, will people end up in different tenants?', 'we hebben meerdere domeinen', 'we hebben meerdere e-maildomeinen', 'how many domains can one tenant have', 'hoeveel domeinen kan een tenant hebben'],
  blockSignup: ['how do I block self-service signup?', 'how can I prevent users to sign up for Power BI', 'hoe blokkeer ik selfservice-aanmelding?', 'AllowAdHocSubscriptions'],
  subdomain: ['can I add a subdomain to another tenant?', 'kan ik een subdomein in een andere tenant gebruiken?'],
  unmanagedMeaning: ['wait, what does unmanaged mean?', 'wat betekent onbeheerd?', 'what is a shadow tenant'],
  whoSignedUp: ['where can admins see who signed up themselves?', 'waar zie ik wie zich heeft aangemeld?', 'hoe zie ik wie zich heeft aangemeld?'],
  governmentAdminCenter: ['what is the admin center URL for US government?', 'welk beheercentrum gebruikt de Amerikaanse overheid?'],
  gettingLicense: ['we need licence for power bi pro', 'licentie', 'Who can assign me an E3 licence?'],
};

/** Questions the flows answer, and words that only look like a fact's cue. */
const LEFT_ALONE = [
  'who is my admin?',
  'am I an admin?',
  'I want to sign up for Power BI with my work address',
  'it says my domain is already in use',
  'how do I take over contoso.com?',
  "I've added the TXT record, how do I become the admin now?",
  'ik heb het TXT-record toegevoegd',
  "I can't find your admin",
  'I am blocked, I cannot sign in',
  'domain verification fails because it is used elsewhere',
  'domein verifiëren mislukt, melding already in use',
  'I want to become the admin, how do I open the admin center?',
  'our helpdesk, how do I contact them?',
  'e5corp.com is in use',
  'we want Business Standard but our domain is already in use',
  'I want to take over our unmanaged tenant',
  "I can't add my domain, it says it's already in use, is it the TXT record?",
  'who is the admin of our unmanaged organization?',
  'can government employees sign up with their .gov address?',
  'I work for the government, who is my admin?',
  // A user locked out of their own mailbox asks for their admin; no admin is missing.
  'who do i ask to reset my pasword?? locked out of outlook',
  'ik ben buitengesloten van mijn mailbox, wie kan mijn wachtwoord resetten',
  // Removing an account from an app on a device is no closing of the account.
  'can I remove this account from outlook on my phone',
  'hoe verwijder ik dit account uit de outlook app op mijn telefoon',
  'hallo',
  '',
  'x'.repeat(10_000),
];

describe('FactMatcher with the cues of every language', () => {
  it('has an example for every fact', () => {
    expect(Object.keys(ASKED).sort()).toEqual([...FACT_IDS].sort());
  });

  it.each(FACT_IDS.flatMap((fact) => ASKED[fact].map((text) => [fact, text] as const)))('%s: "%s"', (fact, text) => {
    expect(matcher.match(text)).toBe(fact);
  });

  it.each(LEFT_ALONE.map((text) => [text.slice(0, 60)]))('leaves "%s" to the flows', (start) => {
    const text = LEFT_ALONE.find((candidate) => candidate.startsWith(start)) ?? start;
    expect(matcher.match(text)).toBeUndefined();
  });

  it('reads words without case, accents or apostrophes, and keeps MS= values whole', () => {
    expect(factWords("Doesn't VERIFIËREN MS=ms123, x.y")).toEqual(['doesnt', 'verifieren', 'ms=ms123', 'x', 'y']);
  });

  it('matches the start of a word, or the whole word for a $ alternative', () => {
    const cues = { cues: ['remov txt', 'e5$'], except: ['added'] };
    const only = new FactMatcher([Object.fromEntries(FACT_IDS.map((id) => [id, id === 'subdomain' ? cues : { cues: [] }])) as Record<FactId, typeof cues>]);
    expect(only.match('removing the TXT record')).toBe('subdomain');
    expect(only.match('I removed and added the TXT record')).toBeUndefined();
    expect(only.match('E5 please')).toBe('subdomain');
    expect(only.match('e5corp')).toBeUndefined();
  });
});

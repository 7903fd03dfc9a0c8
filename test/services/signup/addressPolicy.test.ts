import { describe, expect, it } from '@jest/globals';
import { classifyAddressDomain, likelyMeantDomain } from '../../../services/signup/addressPolicy.js';
import { parseDomain } from '../../../services/signup/emailAddress.js';
import { createRequire } from 'node:module';
import { TYPO_TARGETS, WIDELY_USED } from '../../../services/signup/personalMailDomains.js';

describe('classifyAddressDomain', () => {
  it.each(['gmail.com', 'outlook.com', 'hotmail.com', 'ziggo.nl', 'kpnmail.nl', 'hetnet.nl', 'home.nl', 'planet.nl', 'xs4all.nl'])(
    'refuses %s as a consumer address',
    (domain) => {
      expect(classifyAddressDomain(domain)).toBe('consumer');
    },
  );

  it('treats a subdomain of a listed provider as the provider', () => {
    expect(classifyAddressDomain('mail.ziggo.nl')).toBe('consumer');
    expect(classifyAddressDomain('a.b.gmail.com')).toBe('consumer');
  });

  it('does not refuse a domain that merely ends with the same letters', () => {
    expect(classifyAddressDomain('notgmail.com')).toBe('work');
    expect(classifyAddressDomain('myziggo.nl')).toBe('work');
  });

  it('does not refuse a domain that merely starts with a listed one', () => {
    expect(classifyAddressDomain('gmail.com.contoso.com')).toBe('work');
  });

  it.each(['agency.gov', 'army.mil', 'hr.agency.gov'])('sends %s to government enrolment', (domain) => {
    expect(classifyAddressDomain(domain)).toBe('government');
  });

  it('does not take a .gov label in the middle for a government domain', () => {
    expect(classifyAddressDomain('gov.contoso.com')).toBe('work');
  });

  it.each(['contoso.com', 'fabrikam.nl', 'lyceum.nl', 'xn--bcher-kva.nl'])('accepts %s as a work or school address', (domain) => {
    expect(classifyAddressDomain(domain)).toBe('work');
  });
});

describe('the personal mail list', () => {
  it.each(['yahoo.co.jp', 'yahoo.es', '163.com', 'naver.com', 'gmx.at', 'laposte.net'])('refuses %s, which the maintained package lists', (domain) => {
    expect(classifyAddressDomain(domain)).toBe('consumer');
  });

  it.each(['ziggo.nl', 'kpnmail.nl', 'planet.nl', 'hetnet.nl', 'home.nl', 'xs4all.nl', 'telfort.nl', 'chello.nl', 'casema.nl', 'zeelandnet.nl', 'hotmail.nl', 'live.nl', 'outlook.nl', 'upcmail.nl', 'kpnplanet.nl', 'telenet.be'])(
    'refuses the Dutch or Belgian provider %s',
    (domain) => {
      expect(classifyAddressDomain(domain)).toBe('consumer');
    },
  );

  it('takes a university the package lists as personal for a school', () => {
    expect(classifyAddressDomain('nus.edu.sg')).toBe('work');
  });

  it("covers subdomains only of the providers that hand them out, not of every host the package lists", () => {
    expect(classifyAddressDomain('mail.ziggo.nl')).toBe('consumer');
    // za.com gives out subdomains to businesses: the package lists it for its own mail.
    expect(classifyAddressDomain('za.com')).toBe('consumer');
    expect(classifyAddressDomain('fabrikam.za.com')).toBe('work');
  });

  it('compares mistyped domains only with services that are in the package or added here', () => {
    const listed = new Set(createRequire(import.meta.url)('email-providers/all.json') as string[]);
    expect(WIDELY_USED.filter((domain) => !listed.has(domain))).toEqual([]);
    const wrong = TYPO_TARGETS.filter((domain) => {
      const parsed = parseDomain(domain);
      return !parsed.ok || parsed.value !== domain || classifyAddressDomain(domain) !== 'consumer';
    });
    expect(wrong).toEqual([]);
  });
});

describe('likelyMeantDomain', () => {
  it.each([
    ['contosso.com', 'contoso.com', 'contoso.com'],
    ['cotnoso.com', 'contoso.com', 'contoso.com'],
    ['gmaill.com', undefined, 'gmail.com'],
    ['hotmal.com', 'contoso.com', 'hotmail.com'],
    ['zigo.nl', undefined, 'ziggo.nl'],
  ] as const)('reads %s (own domain: %s) as a mistyped %s', (typed, own, meant) => {
    expect(likelyMeantDomain(typed, own)).toBe(meant);
  });

  it.each([
    ['contoso.com', 'contoso.com'],
    ['fabrikam.com', 'contoso.com'],
    ['gmail.com', undefined],
    // A known mail service is refused as itself, never read as a typo of another.
    ['yahoo.co.jp', undefined],
    ['gmial.com', undefined],
    ['tailspin.example', 'contoso.com'],
    // Short domains: one mistake at most, or every three-letter domain would be a typo of another.
    ['abcd.nl', 'abxy.nl'],
  ] as const)('takes %s as meant', (typed, own) => {
    expect(likelyMeantDomain(typed, own)).toBeUndefined();
  });
});

import { describe, expect, it } from '@jest/globals';
import { classifyAddressDomain, likelyMeantDomain } from '../../../services/signup/addressPolicy.js';
import { parseDomain } from '../../../services/signup/emailAddress.js';
import { readProjectText } from '../../../lib/projectFiles.js';

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

describe('consumerDomains.txt', () => {
  const lines = readProjectText('services', 'signup', 'consumerDomains.txt').split('\n');
  const domains = lines.map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));

  it('lists the providers the signup flow is known to refuse', () => {
    expect(domains).toEqual(expect.arrayContaining(['gmail.com', 'outlook.com', 'hotmail.com', 'ziggo.nl', 'xs4all.nl']));
  });

  it('holds each domain once', () => {
    const repeated = domains.filter((domain, index) => domains.indexOf(domain) !== index);
    expect(repeated).toEqual([]);
  });

  it('has only comments, empty lines and lower-case valid domains in their normal form', () => {
    const wrong = lines.filter((line) => {
      if (line === '' || line.startsWith('#')) return false;
      const parsed = parseDomain(line);
      return !parsed.ok || parsed.value !== line;
    });
    expect(wrong).toEqual([]);
  });
});

describe('likelyMeantDomain', () => {
  it.each([
    ['contosso.com', 'contoso.com', 'contoso.com'],
    ['cotnoso.com', 'contoso.com', 'contoso.com'],
    ['gmial.com', undefined, 'gmail.com'],
    ['hotmial.com', 'contoso.com', 'hotmail.com'],
  ] as const)('reads %s as a mistyped %s', (typed, own, meant) => {
    expect(likelyMeantDomain(typed, own)).toBe(meant);
  });

  it.each([
    ['contoso.com', 'contoso.com'],
    ['fabrikam.com', 'contoso.com'],
    ['gmail.com', undefined],
    ['tailspin.example', 'contoso.com'],
    // Short domains: one mistake at most, or every three-letter domain would be a typo of another.
    ['abcd.nl', 'abxy.nl'],
  ] as const)('takes %s as meant', (typed, own) => {
    expect(likelyMeantDomain(typed, own)).toBeUndefined();
  });
});

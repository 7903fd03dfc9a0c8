import { describe, expect, it } from '@jest/globals';
import {
  displayDomain,
  findDomain,
  findEmailAddress,
  maskEmail,
  parseDomain,
  parseEmailAddress,
  withoutAddresses,
} from '../../../services/signup/emailAddress.js';

/** A valid domain of exactly `length` characters: 50-letter labels joined by dots, ending in ".com". */
function domainOfLength(length: number): string {
  const labels: string[] = [];
  let remaining = length - '.com'.length;
  while (remaining > 0) {
    const label = Math.min(50, remaining - (labels.length > 0 ? 1 : 0));
    labels.push('a'.repeat(label));
    remaining -= label + (labels.length > 1 ? 1 : 0);
  }
  return `${labels.join('.')}.com`;
}

describe('parseDomain', () => {
  it('trims and lower-cases', () => {
    expect(parseDomain('  Contoso.COM \n')).toEqual({ ok: true, value: 'contoso.com' });
  });

  it('turns an internationalized domain into punycode', () => {
    expect(parseDomain('Bücher.NL')).toEqual({ ok: true, value: 'xn--bcher-kva.nl' });
  });

  it('keeps a domain that is already punycode', () => {
    expect(parseDomain('xn--bcher-kva.nl')).toEqual({ ok: true, value: 'xn--bcher-kva.nl' });
  });

  it('drops the trailing dot of a fully qualified name', () => {
    expect(parseDomain('contoso.com.')).toEqual({ ok: true, value: 'contoso.com' });
  });

  it.each(['https://www.Contoso.NL/', 'https://www.contoso.nl/contact?x=1', 'http://contoso.nl:8080', 'www.contoso.nl', 'contoso.nl/'])('reads the domain of the web address %s', (text) => {
    expect(parseDomain(text)).toEqual({ ok: true, value: 'contoso.nl' });
  });

  it("keeps an address's domain as written: only a pasted domain loses its www.", () => {
    expect(parseEmailAddress('sara@www.contoso.nl')).toEqual({ ok: true, value: { address: 'sara@www.contoso.nl', domain: 'www.contoso.nl' } });
  });

  it.each([
    ['empty', ''],
    ['empty', '   '],
    ['spaces', 'con toso.com'],
    ['tooLong', domainOfLength(300)],
    ['noDot', 'contoso'],
    ['invalid', '10.0.0.1'],
    ['invalid', '-contoso.com'],
    ['invalid', 'my_host.contoso.com'],
    ['invalid', 'contoso..com'],
  ])('reports %s for "%s"', (problem, text) => {
    expect(parseDomain(text)).toEqual({ ok: false, problem });
  });

  it('accepts a domain of the maximum length and refuses one character more', () => {
    expect(parseDomain(domainOfLength(253))).toEqual({ ok: true, value: domainOfLength(253) });
    expect(parseDomain(domainOfLength(254))).toEqual({ ok: false, problem: 'tooLong' });
  });
});

describe('parseEmailAddress', () => {
  it('trims, lower-cases and splits off the domain', () => {
    expect(parseEmailAddress('  Sara.Jansen@Contoso.COM ')).toEqual({
      ok: true,
      value: { address: 'sara.jansen@contoso.com', domain: 'contoso.com' },
    });
  });

  it('turns an internationalized domain into punycode', () => {
    expect(parseEmailAddress('Sara@Bücher.NL')).toEqual({
      ok: true,
      value: { address: 'sara@xn--bcher-kva.nl', domain: 'xn--bcher-kva.nl' },
    });
  });

  it('drops a mailto: prefix', () => {
    expect(parseEmailAddress('mailto:sara@contoso.com')).toEqual({
      ok: true,
      value: { address: 'sara@contoso.com', domain: 'contoso.com' },
    });
  });

  it('refuses an address longer than 254 characters even when each part is valid', () => {
    const address = `${'s'.repeat(64)}@${domainOfLength(195)}`;
    expect(address).toHaveLength(260);
    expect(parseDomain(domainOfLength(195)).ok).toBe(true);
    expect(parseEmailAddress(address)).toEqual({ ok: false, problem: 'tooLong' });
  });

  it.each([
    ['empty', ''],
    ['spaces', 'sara @contoso.com'],
    ['noAt', 'sara.contoso.com'],
    ['localPart', 'sara..jansen@contoso.com'],
    ['localPart', '.sara@contoso.com'],
    ['localPart', 'jöran@contoso.com'],
    ['localPart', '@contoso.com'],
    ['noDot', 'sara@contoso'],
    ['empty', 'sara@'],
    ['invalid', 'sara@10.0.0.1'],
  ])('reports %s for "%s"', (problem, text) => {
    expect(parseEmailAddress(text)).toEqual({ ok: false, problem });
  });
});

describe('findEmailAddress', () => {
  const sara = { ok: true, value: { address: 'sara@contoso.com', domain: 'contoso.com' } };

  it.each([
    ['in the middle of a sentence', 'I want to sign up with sara@contoso.com for Power BI'],
    ['in angle brackets', 'Sara Jansen <sara@contoso.com> here'],
    ['in quotes', "my address is 'sara@contoso.com' I think"],
    ['in double quotes', 'my address is "sara@contoso.com"'],
    ['followed by a full stop', 'My address is sara@contoso.com.'],
    ['behind mailto:', 'mailto:sara@contoso.com'],
    ['in capitals', 'SARA@CONTOSO.COM please'],
  ])('finds an address %s', (_where, text) => {
    expect(findEmailAddress(text)).toEqual(sara);
  });

  it('keeps an apostrophe inside the address', () => {
    expect(findEmailAddress("this is o'brien@contoso.com speaking")).toEqual({
      ok: true,
      value: { address: "o'brien@contoso.com", domain: 'contoso.com' },
    });
  });

  it('skips an invalid try when a valid address follows', () => {
    expect(findEmailAddress('not sara@contoso but sara@contoso.com')).toEqual(sara);
  });

  it("reports the first invalid try's problem when none is valid", () => {
    expect(findEmailAddress('I tried sara@contoso and then sara..j@contoso.com')).toEqual({ ok: false, problem: 'noDot' });
    expect(findEmailAddress('I tried sara..j@contoso.com and then sara@contoso')).toEqual({ ok: false, problem: 'localPart' });
  });

  it('finds nothing in a sentence without an @', () => {
    expect(findEmailAddress('my domain is contoso.com')).toBeUndefined();
    expect(findEmailAddress('')).toBeUndefined();
  });

  it('handles a 10,000-character message quickly', () => {
    const manyTries = 'x@y '.repeat(2500);
    const oneLongWord = `sara@${'a'.repeat(9992)}.nl`;
    expect(manyTries).toHaveLength(10_000);
    expect(oneLongWord).toHaveLength(10_000);

    const started = performance.now();
    expect(findEmailAddress(manyTries)).toEqual({ ok: false, problem: 'noDot' });
    expect(findEmailAddress(oneLongWord)).toEqual({ ok: false, problem: 'tooLong' });
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('findDomain', () => {
  it('finds the first domain in a sentence', () => {
    expect(findDomain('Is contoso.com or fabrikam.nl in use?')).toBe('contoso.com');
  });

  it('takes a subdomain of the first domain named later as the one asked about', () => {
    expect(findDomain('our parent company has contoso.com in their tenant. can we add uk.contoso.com to our own tenant?')).toBe('uk.contoso.com');
    expect(findDomain('is fabrikam.nl in use, or contoso.com?')).toBe('fabrikam.nl');
  });

  it('normalizes what it finds', () => {
    expect(findDomain('het gaat om Bücher.NL.')).toBe('xn--bcher-kva.nl');
  });

  it('finds the domain of an address', () => {
    expect(findDomain('I signed up as sara@Contoso.com yesterday')).toBe('contoso.com');
  });

  it('finds the domain of a web address, without its www.', () => {
    expect(findDomain('see https://contoso.com/admin/setup for details')).toBe('contoso.com');
    expect(findDomain('try http://www.fabrikam.nl:8080/')).toBe('fabrikam.nl');
    expect(findDomain('is shop.fabrikam.nl in use?')).toBe('shop.fabrikam.nl');
  });

  it("skips Microsoft's own sites", () => {
    expect(findDomain('admin.microsoft.com says contoso.com is in use')).toBe('contoso.com');
    expect(findDomain('portal.office.com told me fabrikam.nl is taken')).toBe('fabrikam.nl');
    expect(findDomain('https://admin.microsoft.com/#/Domains says contoso.com')).toBe('contoso.com');
  });

  it('does not take an abbreviation such as "e.g." for a domain', () => {
    expect(findDomain('a domain, e.g. one of ours')).toBeUndefined();
    expect(findDomain('e.g. contoso.com')).toBe('contoso.com');
  });

  it('finds nothing when the sentence names no domain', () => {
    expect(findDomain('my domain is in use')).toBeUndefined();
    expect(findDomain('only admin.microsoft.com')).toBeUndefined();
  });
});

describe('withoutAddresses', () => {
  it('takes out addresses, domains and web addresses and keeps the other words', () => {
    const text = withoutAddresses('sign up sara@contoso.com on fabrikam.nl via https://contoso.com/x please');
    expect(text.split(/\s+/).filter(Boolean)).toEqual(['sign', 'up', 'on', 'via', 'please']);
  });

  it('keeps a sentence without addresses as it is', () => {
    expect(withoutAddresses('who is my admin? e.g. the IT desk')).toBe('who is my admin? e.g. the IT desk');
  });
});

describe('displayDomain', () => {
  it('shows an internationalized domain as people read it, with its ASCII form', () => {
    expect(displayDomain('xn--bcher-kva.nl')).toBe('bücher.nl (xn--bcher-kva.nl)');
  });

  it('leaves an ASCII domain unchanged', () => {
    expect(displayDomain('contoso.com')).toBe('contoso.com');
  });
});

describe('maskEmail', () => {
  it('keeps the first letter and the domain', () => {
    expect(maskEmail('megan@contoso.com')).toBe('m***@contoso.com');
  });

  it('reveals nothing of something that is not an address', () => {
    expect(maskEmail('megan')).toBe('***');
    expect(maskEmail('@contoso.com')).toBe('***');
  });
});

/** DomainInUseDialog transcripts in both languages: every answer, the domain taken from the message, and bad domains. */
import { describe, expect, it } from '@jest/globals';
import { format, stringsFor } from '../../locales/strings.js';
import { recordSignup } from '../../services/signup/signup.js';
import { contoso, fabrikam, organization, unmanagedTailspin } from '../helpers/fixtures.js';
import { microsoftSays } from '../helpers/microsoftSays.js';
import type { DomainAtMicrosoft } from '../../services/ports/microsoft.js';
import { press, titleOf, useTestBots } from '../helpers/testBot.js';

const start = useTestBots();

describe.each([
  ['en', 'en-US', 'it says my domain is already in use', 'it says contoso.com is already in use', 'cancel'],
  ['nl', 'nl-NL', 'ik krijg de melding dat mijn domein al in gebruik is', 'hij zegt dat contoso.com al in gebruik is', 'annuleren'],
] as const)('DomainInUseDialog in %s', (language, locale, inUse, inUseNamed, cancelWord) => {
  const t = stringsFor(language);
  const s = t.domainInUse;

  it('explains why, asks for the domain, and names the unmanaged organization with a takeover button', async () => {
    // Teams places Sam in the organization (its tenant): its members are counted for its own people only.
    const { say, directory } = await start({ locale, tenantId: unmanagedTailspin.tenantId, organizations: [unmanagedTailspin] });
    await recordSignup(directory, { address: { address: 'ann@tailspin.example', domain: 'tailspin.example' } }, new Date());
    const asked = await say(inUse);
    expect(asked[0]?.card?.lines[0]).toBe(s.title);
    expect(asked[0]?.all).toContain(s.points[0]);
    expect(asked[0]?.all).toContain(s.askDomain);

    const answer = await say('tailspin.example');
    expect(titleOf(answer)).toBe(format(s.unmanagedTitle, { domain: 'tailspin.example' }));
    expect(answer[0]?.all).toContain(format(s.unmanagedMembers, { count: 1 }));
    expect(answer[0]?.all).toContain(format(s.unmanagedFix, { domain: 'tailspin.example' }));
    const takeover = await say(press(answer, format(s.takeOver, { domain: 'tailspin.example' })));
    expect(takeover[0]?.card?.lines[0]).toBe(format(t.takeover.kindTitle, { domain: 'tailspin.example' }));
  });

  it('pre-fills the domain just talked about when asked again without one', async () => {
    const { say } = await start({ locale, organizations: [contoso] });
    await say(inUseNamed);
    const again = await say(inUse);
    expect(again.at(-1)?.card?.inputs[0]?.value).toBe('contoso.com');
  });

  it('takes the domain from the message, and shows a managed organization\'s admin masked, never in full', async () => {
    const { say } = await start({ locale, organizations: [contoso] });
    const answer = await say(inUseNamed);
    expect(titleOf(answer)).toBe(format(s.managedTitle, { domain: 'contoso.com', org: 'Contoso' }));
    expect(answer[0]?.all).toContain(format(s.managedText, { domain: 'contoso.com', org: 'Contoso' }));
    expect(answer[0]?.all).toContain('m***@contoso.com');
    expect(answer[0]?.all).not.toContain('megan@contoso.com');
    expect(answer[0]?.all).not.toContain('Megan Bowen');
  });

  it('tells a recorded admin that the domain is in their own organization', async () => {
    const { say } = await start({ locale, organizations: [contoso], email: 'megan@contoso.com' });
    expect(titleOf(await say(inUseNamed))).toBe(format(s.yoursTitle, { domain: 'contoso.com' }));
  });

  it('says no organization it knows holds a free domain, and explains the subdomain exception', async () => {
    const { say } = await start({ locale, organizations: [contoso] });
    await say(inUse);
    const free = await say('northwind.example');
    expect(titleOf(free)).toBe(format(s.freeTitle, { domain: 'northwind.example' }));
    expect(free[0]?.all).toContain(s.freeStillInUse);

    await say(inUse);
    const sub = await say('hr.contoso.com');
    expect(titleOf(sub)).toBe(format(s.freeTitle, { domain: 'hr.contoso.com' }));
    expect(sub[0]?.all).toContain(format(s.subdomainText, { domain: 'hr.contoso.com', parent: 'contoso.com', org: 'Contoso' }));
  });

  it('answers a subdomain named after its parent domain for the subdomain', async () => {
    const { say } = await start({ locale, organizations: [contoso] });
    const asked =
      locale === 'en-US'
        ? 'our parent company has contoso.com in their tenant. can we add uk.contoso.com to our own separate tenant? it says the domain is already in use'
        : 'ons moederbedrijf heeft contoso.com in hun tenant. kunnen wij uk.contoso.com aan onze eigen tenant toevoegen? er staat dat het domein al in gebruik is';
    const sub = await say(asked);
    expect(sub[0]?.all).toContain(format(s.subdomainText, { domain: 'uk.contoso.com', parent: 'contoso.com', org: 'Contoso' }));
  });

  it('pre-fills the domain of the Teams address and checks it when pressed', async () => {
    const { say } = await start({ locale, organizations: [contoso], email: 'sam@tailspin.example' });
    const asked = await say(inUse);
    expect(asked[0]?.card?.inputs).toEqual([{ id: 'domain', label: s.domainLabel, value: 'tailspin.example' }]);
    expect(titleOf(await say(press(asked, s.check)))).toBe(format(s.freeTitle, { domain: 'tailspin.example' }));
    const again = await say(inUse);
    expect(titleOf(await say(press(again, s.check, { domain: 'Contoso.COM ' })))).toBe(format(s.managedTitle, { domain: 'contoso.com', org: 'Contoso' }));
  });

  it.each([
    ['con toso.com', 'spaces'],
    [`${'a'.repeat(300)}.com`, 'tooLong'],
    ['contoso', 'noDot'],
    ['-contoso.com', 'invalid'],
    ['10.0.0.1', 'invalid'],
  ] as const)('explains what is wrong with "%s" and asks again', async (typed, problem) => {
    const { say } = await start({ locale });
    await say(inUse);
    const retry = await say(typed);
    expect(retry[0]?.text).toBe(t.domainProblems[problem]);
    // Asked again briefly: the explanation is not repeated.
    expect(retry[1]?.all).toContain(s.askDomain);
    expect(retry[1]?.all).not.toContain(s.points[0]);
    expect(titleOf(await say('contoso.com'))).toBe(format(s.freeTitle, { domain: 'contoso.com' }));
  });

  it.each(['https://tailspin.example', 'tailspin.example/', 'http://www.tailspin.example/signup?x=1'])('reads the domain of a web address typed as the answer: %s', async (typed) => {
    const { say } = await start({ locale, organizations: [unmanagedTailspin] });
    await say(inUse);
    expect(titleOf(await say(typed))).toBe(format(s.unmanagedTitle, { domain: 'tailspin.example' }));
  });

  it('explains an empty or broken card field', async () => {
    const { say } = await start({ locale });
    const asked = await say(inUse);
    expect((await say(press(asked, s.check, { domain: '' })))[0]?.text).toBe(t.domainProblems.empty);
    expect((await say(press(asked, s.check, { domain: 'x'.repeat(5000) })))[0]?.text).toBe(t.domainProblems.tooLong);
  });

  it('reads internationalized domains and shows them in both forms', async () => {
    const { say } = await start({ locale });
    await say(inUse);
    const answer = await say(language === 'en' ? "it's about bücher.nl" : 'het gaat om bücher.nl');
    expect(titleOf(answer)).toBe(format(s.freeTitle, { domain: 'bücher.nl (xn--bcher-kva.nl)' }));
  });

  it('cancels, by button or by word, and lets the user ask something else instead', async () => {
    const { say } = await start({ locale });
    expect((await say(press(await say(inUse), t.common.cancel))).map((r) => r.text)).toEqual([t.common.cancelled]);
    await say(inUse);
    expect((await say(cancelWord)).map((r) => r.text)).toEqual([t.common.cancelled]);
    await say(inUse);
    expect(titleOf(await say(language === 'en' ? 'am I an admin?' : 'ben ik beheerder?'))).toBe(t.amIAdmin.title);
  });

  it('answers a stale "check this domain" press as a new question', async () => {
    const { say } = await start({ locale, organizations: [organization({ id: 'org-x', displayName: 'X', domains: ['x.example'], managed: false })] });
    const asked = await say(inUse);
    await say(cancelWord);
    expect(titleOf(await say(press(asked, s.check, { domain: 'x.example' })))).toBe(format(s.unmanagedTitle, { domain: 'x.example' }));
  });
});

/** What Microsoft says (a hand-written stand-in for Microsoft's cloud), the user's message, the answer: both languages. */
describe.each([
  ['en', 'en-US', (domain: string) => `it says ${domain} is already in use`],
  ['nl', 'nl-NL', (domain: string) => `hij zegt dat ${domain} al in gebruik is`],
] as const)('DomainInUseDialog asking Microsoft in %s', (language, locale, inUse) => {
  const t = stringsFor(language);
  const s = t.domainInUse;
  const m = t.microsoft;

  it.each<[string, DomainAtMicrosoft | 'unreachable', string, (domain: string) => string, string]>([
    ['viral', { kind: 'unmanaged' }, 'northwind.example', (domain) => format(s.unmanagedTitle, { domain }), m.checked],
    ['managed, with its brand', { kind: 'managed', brand: 'Northwind Traders', federated: false }, 'northwind.example', (domain) => format(s.managedTitle, { domain, org: 'Northwind Traders' }), m.checked],
    ['federated, without a brand', { kind: 'managed', federated: true }, 'northwind.example', (domain) => format(m.domain.managedUnnamedTitle, { domain }), m.checked],
    ['unknown', { kind: 'unknown' }, 'northwind.example', (domain) => format(m.domain.freeTitle, { domain }), m.checked],
    ['unreachable', 'unreachable', 'northwind.example', (domain) => format(s.freeTitle, { domain }), m.fromDirectory],
    ['unreachable, the directory knows it', 'unreachable', 'contoso.com', (domain) => format(s.managedTitle, { domain, org: 'Contoso' }), m.fromDirectory],
  ])('Microsoft says %s', async (_case, said, domain, title, source) => {
    const microsoft = microsoftSays({ domains: { [domain]: said } });
    const { say } = await start({ locale, organizations: [contoso], microsoft });
    const answer = await say(inUse(domain));
    expect(titleOf(answer)).toBe(title(domain));
    expect(answer[0]?.all).toContain(source);
    expect(microsoft.asked).toContain(`domain ${domain}`);
  });

  it('says Microsoft shows it as managed now where the records said unmanaged, and offers no takeover', async () => {
    const microsoft = microsoftSays({ domains: { 'tailspin.example': { kind: 'managed', brand: 'Tailspin Toys', federated: false } } });
    const { say } = await start({ locale, organizations: [unmanagedTailspin], microsoft });
    const answer = await say(inUse('tailspin.example'));
    expect(answer[0]?.all).toContain(format(m.disagree.managed, { domain: 'tailspin.example', org: 'tailspin.example' }));
    expect(titleOf(answer)).toBe(format(s.managedTitle, { domain: 'tailspin.example', org: 'Tailspin Toys' }));
    expect(answer[0]?.card?.buttons.map((b) => b.title)).not.toContain(format(s.takeOver, { domain: 'tailspin.example' }));
  });

  it('says Microsoft shows it as unmanaged now where the records named a managed organization', async () => {
    const { say } = await start({ locale, organizations: [contoso], microsoft: microsoftSays({ domains: { 'contoso.com': { kind: 'unmanaged' } } }) });
    const answer = await say(inUse('contoso.com'));
    expect(answer[0]?.all).toContain(format(m.disagree.unmanaged, { domain: 'contoso.com', org: 'Contoso' }));
    expect(titleOf(answer)).toBe(format(s.unmanagedTitle, { domain: 'contoso.com' }));
  });

  it('offers the takeover of an unmanaged organization only Microsoft knows, and guides it in the chat', async () => {
    const { say } = await start({ locale, microsoft: microsoftSays({ domains: { 'northwind.example': { kind: 'unmanaged' } } }) });
    const answer = await say(inUse('northwind.example'));
    expect(answer[0]?.all).toContain(format(m.domain.unmanagedText, { domain: 'northwind.example' }));
    const takeover = await say(press(answer, format(s.takeOver, { domain: 'northwind.example' })));
    expect(titleOf(takeover)).toBe(format(t.takeover.kindTitle, { domain: 'northwind.example' }));
  });

  it('gives someone chatting from the old tenant after an external takeover the new organization\'s answer', async () => {
    const microsoft = microsoftSays({ domains: { 'tailspin.example': { kind: 'managed', federated: false } }, tenants: { 'tailspin.example': 'tenant-fabrikam' } });
    const { say } = await start({ locale, organizations: [unmanagedTailspin, fabrikam], tenantId: 'tenant-tailspin', email: 'ann@tailspin.example', microsoft });
    const answer = await say(inUse('tailspin.example'));
    expect(titleOf(answer)).toBe(format(s.memberTitle, { domain: 'tailspin.example' }));
    expect(answer[0]?.all).toContain(format(s.memberText, { domain: 'tailspin.example', org: 'Fabrikam' }));
    expect(answer[0]?.all).toContain('Jan de Vries: jan@fabrikam.nl');
    expect(answer[0]?.all).toContain(format(m.disagree.managed, { domain: 'tailspin.example', org: 'tailspin.example' }));
  });

  it('tells someone chatting from the tenant that holds the domain that it is their own organization\'s', async () => {
    const microsoft = microsoftSays({ domains: { 'northwind.example': { kind: 'managed', federated: false } }, tenants: { 'northwind.example': 'tenant-northwind' } });
    const { say } = await start({ locale, tenantId: 'tenant-northwind', microsoft });
    expect(titleOf(await say(inUse('northwind.example')))).toBe(format(m.domain.inYourTenantTitle, { domain: 'northwind.example' }));
  });
});

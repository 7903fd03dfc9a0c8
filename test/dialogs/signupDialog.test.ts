/** SignupDialog transcripts in both languages: every outcome, bad input, changing your mind, and nothing recorded without a yes. */
import { describe, expect, it } from '@jest/globals';
import { format, stringsFor } from '../../locales/strings.js';
import { understandingFile } from '../../understanding/phrases.js';
import { languageOfText } from '../../understanding/textLanguage.js';
import type { Directory } from '../../services/ports/directory.js';
import { recordSignup } from '../../services/signup/signup.js';
import { contoso, organization, unmanagedTailspin } from '../helpers/fixtures.js';
import { press, titleOf, useTestBots } from '../helpers/testBot.js';
import { microsoftSays } from '../helpers/microsoftSays.js';

const start = useTestBots();

const fabrikamOpen = organization({ id: 'org-fabrikam', displayName: 'Fabrikam', domains: ['fabrikam.nl'], admins: [] });

/** Everything the directory holds about one domain: the organization and how many members it has. */
async function domainRecord(directory: Directory, domain: string): Promise<{ managed?: boolean; members: number } | undefined> {
  const org = await directory.findByDomain(domain);
  return org && { managed: org.managed, members: await directory.countMembers(org.id) };
}

describe.each([
  ['en', 'en-US', 'I want to sign up for Power BI with my work address', 'cancel', 'no'],
  ['nl', 'nl-NL', 'ik wil me aanmelden voor Power BI met mijn werkadres', 'annuleren', 'nee'],
] as const)('SignupDialog in %s', (language, locale, askSignup, cancelWord, noWord) => {
  const t = stringsFor(language);
  const s = t.signup;

  it('explains signup, asks for the address, previews, and records a new unmanaged organization only after yes', async () => {
    const { say, directory } = await start({ locale });
    const asked = await say(askSignup);
    expect(asked[0]?.card?.lines[0]).toBe(s.title);
    expect(asked[0]?.all).toContain(s.askAddress);

    const preview = await say(language === 'en' ? 'it is sara@tailwind.example, thanks' : 'het is sara@tailwind.example, dank je');
    expect(titleOf(preview)).toBe(s.previewTitle);
    expect(preview[0]?.all).toContain(format(s.previewCreateUnchecked, { domain: 'tailwind.example' }));
    expect(preview[0]?.all).toContain(`${s.factService}: Power BI`);
    expect(preview[0]?.all).toContain(s.previewNothingYet);
    expect(await directory.findByDomain('tailwind.example')).toBeUndefined();

    const done = await say(press(preview, s.confirm));
    expect(titleOf(done)).toBe(format(s.createdTitle, { domain: 'tailwind.example' }));
    expect(done[0]?.all).toContain(s.unmanagedMeaning);
    expect(done[0]?.all).toContain(format(s.whoCanTakeOver, { domain: 'tailwind.example' }));
    expect(await domainRecord(directory, 'tailwind.example')).toEqual({ managed: false, members: 1 });
    const member = await directory.findMember('sara@tailwind.example');
    expect(member).toMatchObject({ joinedVia: 'selfService', services: ['Power BI'] });
  });

  it('takes the address from the message that starts the flow, and the card field when pressed', async () => {
    // Teams gives Sara's address on the domain: she is one of them, so she is told how many colleagues are there.
    const { say, directory } = await start({ locale, email: 'sara@tailspin.example', organizations: [unmanagedTailspin] });
    await recordSignup(directory, { address: { address: 'ann@tailspin.example', domain: 'tailspin.example' } }, new Date());
    await recordSignup(directory, { address: { address: 'bob@tailspin.example', domain: 'tailspin.example' } }, new Date());

    const preview = await say(language === 'en' ? 'sign me up with sara@tailspin.example please' : 'meld me aan met sara@tailspin.example');
    expect(titleOf(preview)).toBe(s.previewTitle);
    expect(preview[0]?.all).toContain(format(s.colleaguesMany, { count: 2, domain: 'tailspin.example' }));

    const changed = await say(press(preview, s.useAnotherAddress));
    expect(changed[0]?.all).toContain(s.askAddressAgain);
    const second = await say(press(changed, s.continue, { email: '  Carla@Tailspin.Example ' }));
    expect(second[0]?.all).toContain(`${s.factAddress}: carla@tailspin.example`);
    const done = await say(press(second, s.confirm));
    expect(titleOf(done)).toBe(format(s.joinedTitle, { org: 'tailspin.example' }));
    expect(done[0]?.all).toContain(format(s.colleaguesMany, { count: 2, domain: 'tailspin.example' }));
    expect(await domainRecord(directory, 'tailspin.example')).toEqual({ managed: false, members: 3 });
    expect(await directory.findMember('sara@tailspin.example')).toBeUndefined();
  });

  it('pre-fills the card with the address Teams knows', async () => {
    const { say } = await start({ locale, email: 'megan@contoso.com' });
    const asked = await say(askSignup);
    expect(asked[0]?.card?.inputs).toEqual([{ id: 'email', label: s.addressLabel, value: 'megan@contoso.com' }]);
    const preview = await say(press(asked, s.continue));
    expect(preview[0]?.all).toContain(`${s.factAddress}: megan@contoso.com`);
  });

  it('adds you to a managed organization that allows joining, as a user', async () => {
    const { say, directory } = await start({ locale, organizations: [fabrikamOpen] });
    const preview = await say(`${askSignup}: jan@fabrikam.nl`);
    expect(preview[0]?.all).toContain(format(s.previewJoinManaged, { org: 'Fabrikam', domain: 'fabrikam.nl' }));
    const done = await say(language === 'en' ? 'yes' : 'ja');
    expect(titleOf(done)).toBe(format(s.joinedTitle, { org: 'Fabrikam' }));
    expect(await domainRecord(directory, 'fabrikam.nl')).toEqual({ managed: true, members: 1 });
  });

  it('says the IT department turned off signup, and then who the admin is', async () => {
    const closed = { ...contoso, selfService: { allowEmailVerifiedUsers: true, allowAdHocSubscriptions: false } };
    const { say, directory } = await start({ locale, organizations: [closed] });
    const replies = await say(`${askSignup}: sara@contoso.com`);
    expect(titleOf(replies)).toBe(s.turnedOffTitle);
    expect(replies[0]?.all).toContain('Your IT department has turned off signup');
    expect(replies[0]?.all).toContain(s.turnedOffManaged);
    expect(replies[1]?.card?.lines[0]).toBe(format(t.whoIsMyAdmin.contactTitle, { org: 'Contoso' }));
    expect(await domainRecord(directory, 'contoso.com')).toEqual({ managed: true, members: 0 });
  });

  it('says only members may sign up where joining by email is off, and masks the admins of an organization the user is not known in', async () => {
    const closed = { ...contoso, helpdeskContact: undefined, selfService: { allowEmailVerifiedUsers: false, allowAdHocSubscriptions: true } };
    const { say } = await start({ locale, organizations: [closed] });
    const replies = await say(`${askSignup}: sara@contoso.com`);
    expect(replies[0]?.all).toContain(format(s.joiningOff, { org: 'Contoso' }));
    const admins = replies[1]?.all ?? '';
    for (const admin of contoso.admins) {
      expect(admins).not.toContain(admin.email);
      expect(admins).not.toContain(admin.name);
    }
    expect(admins).toContain('***@contoso.com');
  });

  it('takes someone who chats from the organization\'s own tenant for an existing user, even where joining by email is off', async () => {
    const closed = { ...contoso, selfService: { allowEmailVerifiedUsers: false, allowAdHocSubscriptions: true } };
    const { say, directory } = await start({ locale, organizations: [closed], tenantId: 'tenant-contoso', email: 'sara@contoso.com' });
    const plain = language === 'en' ? 'can I sign up with my work address sara@contoso.com' : 'kan ik me aanmelden met mijn werkadres sara@contoso.com';
    const replies = await say(plain);
    expect(titleOf(replies)).toBe(s.alreadyTitle);
    expect(replies[0]?.all).toContain(format(s.alreadyInTenantText, { address: 'sara@contoso.com', org: 'Contoso' }));
    expect(replies[0]?.all).not.toContain(format(s.joiningOff, { org: 'Contoso' }));
    expect(await domainRecord(directory, 'contoso.com')).toEqual({ managed: true, members: 0 });

    // Naming a service: it is added to the account they have, and from then on they are a recorded member.
    const service = await say(`${askSignup}: sara@contoso.com`);
    expect(service[0]?.all).toContain(format(s.previewAddService, { org: 'Contoso', service: 'Power BI' }));
    await say(language === 'en' ? 'yes' : 'ja');
    expect(await domainRecord(directory, 'contoso.com')).toEqual({ managed: true, members: 1 });
  });

  it('takes a question at the confirmation for a question, not for a no', async () => {
    const { say, directory } = await start({ locale });
    const preview = await say(`${askSignup}: sara@newdomain.example`);
    expect(titleOf(preview)).toBe(s.previewTitle);
    const asked = await say(language === 'en' ? 'no wait, first: what happens then?' : 'nee wacht, eerst: wat gebeurt er dan precies?');
    expect(asked.map((reply) => reply.text)).not.toContain(t.common.cancelled);
    expect(asked[0]?.text).toBe(s.stillWaiting);
    expect(await directory.findByDomain('newdomain.example')).toBeUndefined();
    // A question it can answer is answered, and the preview still counts.
    const side = await say(language === 'en' ? 'where can my admin see who signed up?' : 'waar kan mijn beheerder zien wie zich heeft aangemeld?');
    expect(side[0]?.card?.lines[0]).toBe(t.facts.whoSignedUp.title);
    expect(side.at(-1)?.text).toBe(s.stillWaiting);
    await say(press(preview, s.confirm));
    expect(await directory.findByDomain('newdomain.example')).toBeDefined();
  });

  it('takes "I meant another domain" at the preview for that address, not for a yes', async () => {
    const { say, directory } = await start({ locale });
    await say(`${askSignup}: dave@northwindtrader.example`);
    const corrected = await say(language === 'en' ? 'oops yes i meant northwindtraders.example' : 'oeps ja, ik bedoelde northwindtraders.example');
    expect(corrected[0]?.card?.lines).toContain(`${s.factAddress}: dave@northwindtraders.example`);
    expect(await directory.findByDomain('northwindtrader.example')).toBeUndefined();
    await say(language === 'en' ? 'yes' : 'ja');
    expect(await directory.findByDomain('northwindtraders.example')).toBeDefined();
    expect(await directory.findByDomain('northwindtrader.example')).toBeUndefined();
  });

  it.each(['yes', 'yes that address is correct', 'ja', 'ja dat adres klopt'])('takes "%s" at the address card for the address it is pre-filled with', async (typed) => {
    const { say } = await start({ locale, email: 'sara@newdomain.example' });
    const asked = await say(language === 'en' ? 'I want to sign up for Power BI' : 'ik wil me aanmelden voor Power BI');
    expect(asked[0]?.card?.inputs[0]?.value).toBe('sara@newdomain.example');
    const preview = await say(typed);
    // Answered in the language the reply is written in, when it clearly is one.
    const written = languageOfText(typed);
    expect(titleOf(preview)).toBe(stringsFor(written.kind === 'supported' ? written.language : language).signup.previewTitle);
  });

  it('takes a yes in the other language at the confirmation', async () => {
    const { say, directory } = await start({ locale });
    await say(`${askSignup}: sara@otherdomain.example`);
    await say(language === 'en' ? 'ja' : 'yes');
    expect(await directory.findByDomain('otherdomain.example')).toBeDefined();
  });

  it('says Office 365 A1 is only for schools on Microsoft\'s list, and only for that service', async () => {
    const { say } = await start({ locale });
    const a1 = await say(language === 'en' ? 'sign me up for Office 365 A1 with juf@basisschool.example' : 'meld me aan voor Office 365 A1 met juf@basisschool.example');
    expect(a1[0]?.all).toContain(s.previewA1);
    await say(cancelWord);
    expect((await say(`${askSignup}: sara@basisschool.example`))[0]?.all).not.toContain(s.previewA1);
  });

  it('asks whether a new organization\'s domain is a typo of the person\'s own', async () => {
    const { say } = await start({ locale, organizations: [contoso], tenantId: 'tenant-contoso', email: 'sara@contoso.com' });
    const preview = await say(`${askSignup}: sara@contosso.com`);
    expect(titleOf(preview)).toBe(s.previewTitle);
    expect(preview[0]?.all).toContain(format(s.previewDidYouMean, { domain: 'contoso.com', button: format(s.useMeantDomain, { domain: 'contoso.com' }) }));
    const typedRight = await say(press(preview, s.useAnotherAddress));
    expect((await say(press(typedRight, s.continue, { email: 'sara@contoso.com' })))[0]?.all).not.toContain('contosso');
  });

  it('does not take a colleague\'s address, or another tenant, for the person\'s own membership', async () => {
    const closed = { ...contoso, helpdeskContact: undefined, selfService: { allowEmailVerifiedUsers: false, allowAdHocSubscriptions: true } };
    const colleague = await start({ locale, organizations: [closed], tenantId: 'tenant-contoso', email: 'sara@contoso.com' });
    expect((await colleague.say(`${askSignup}: rob@contoso.com`))[0]?.all).toContain(format(s.joiningOff, { org: 'Contoso' }));
    const outsider = await start({ locale, organizations: [closed], tenantId: 'tenant-fabrikam', email: 'sara@contoso.com' });
    expect((await outsider.say(`${askSignup}: sara@contoso.com`))[0]?.all).toContain(format(s.joiningOff, { org: 'Contoso' }));
  });

  it('says nobody can turn signup back on in an organization nobody administers, before offering the takeover', async () => {
    const closed = { ...unmanagedTailspin, selfService: { allowEmailVerifiedUsers: true, allowAdHocSubscriptions: false } };
    const { say } = await start({ locale, organizations: [closed] });
    const replies = await say(`${askSignup}: sara@tailspin.example`);
    expect(replies[0]?.all).toContain(format(s.turnedOffUnmanaged, { org: closed.displayName }));
    expect(replies[0]?.all).not.toContain(s.turnedOffManaged);
    expect(titleOf(replies.slice(1))).toBe(format(t.whoIsMyAdmin.unmanagedTitle, { org: closed.displayName }));
  });

  it.each(['sara@gmail.com', 'sara@ziggo.nl', 'Sara@Hotmail.com', 'sara@mail.xs4all.nl'])('refuses the personal address %s with the trial workaround', async (address) => {
    const { say, directory } = await start({ locale });
    await say(askSignup);
    const refused = await say(address);
    expect(titleOf(refused)).toBe(s.consumerTitle);
    expect(refused[0]?.all).toContain(s.trial);
    expect(await directory.listOrganizations()).toEqual([]);
    const again = await say(press(refused, s.useAnotherAddress));
    expect(again[0]?.all).toContain(s.askAddressAgain);
  });

  it('sends .gov and .mil addresses to the government enrolment', async () => {
    const { say, directory } = await start({ locale });
    expect(titleOf(await say(`${askSignup}: pat@agency.gov`))).toBe(s.governmentTitle);
    // The same card again right away: a line that points at it by its title (dialogs/lastShownAnswer.ts).
    expect((await say(`${askSignup}: pat@army.mil`))[0]?.all).toContain(s.governmentTitle);
    expect(await directory.listOrganizations()).toEqual([]);
  });

  it('offers the trial workaround to people without a work address, pressed or typed', async () => {
    const { say } = await start({ locale });
    expect(titleOf(await say(press(await say(askSignup), s.noWorkAddress)))).toBe(s.trialTitle);
    await say(askSignup);
    expect(titleOf(await say(understandingFile(language).choices.noWorkAddress[1]!))).toBe(s.trialTitle);
  });

  it.each([
    ['sara@contoso', 'noDot'],
    ['sara@con toso.com', 'spaces'],
    ['sara..smit@contoso.com', 'localPart'],
    [`sara@${'a'.repeat(300)}.com`, 'tooLong'],
    ['sara@-contoso.com', 'invalid'],
  ] as const)('explains what is wrong with %s and asks again, recording nothing', async (address, problem) => {
    const { say, directory } = await start({ locale });
    await say(askSignup);
    const retry = await say(address);
    expect(retry[0]?.text).toBe(t.addressProblems[problem]);
    expect(retry[1]?.all).toContain(s.askAddress);
    expect(await directory.listOrganizations()).toEqual([]);
    expect(titleOf(await say('sara@contoso.example'))).toBe(s.previewTitle);
  });

  it('explains an empty or broken card field, and survives a 10,000-character answer', async () => {
    const { say } = await start({ locale });
    const asked = await say(askSignup);
    expect((await say(press(asked, s.continue, { email: '   ' })))[0]?.text).toBe(t.addressProblems.empty);
    expect((await say(press(asked, s.continue, { email: 'no-at-sign' })))[0]?.text).toBe(t.addressProblems.noAt);
    const long = await say('x'.repeat(10_000));
    expect(long[0]?.text).toBeDefined();
    expect(titleOf(await say('sara@contoso.example'))).toBe(s.previewTitle);
  });

  it.each(['button', 'typed cancel', 'typed no'] as const)('stops at the preview without recording anything (%s)', async (how) => {
    const { say, directory } = await start({ locale });
    const preview = await say(`${askSignup}: sara@tailwind.example`);
    const reply = await say(how === 'button' ? press(preview, t.common.cancel) : how === 'typed cancel' ? cancelWord : noWord);
    expect(reply.map((r) => r.text)).toEqual([t.common.cancelled]);
    expect(await directory.listOrganizations()).toEqual([]);
    // The old preview's yes does not record anything either.
    const stale = await say(press(preview, s.confirm));
    expect(stale[0]?.text).toBe(s.staleConfirm);
    expect(await directory.listOrganizations()).toEqual([]);
  });

  it('cancels at the address question', async () => {
    const { say, directory } = await start({ locale });
    const asked = await say(askSignup);
    expect((await say(press(asked, t.common.cancel))).map((r) => r.text)).toEqual([t.common.cancelled]);
    expect((await say(cancelWord)).map((r) => r.text)).toEqual([t.common.nothingToCancel]);
    expect(await directory.listOrganizations()).toEqual([]);
  });

  it('previews the new address when one is typed at the preview', async () => {
    const { say, directory } = await start({ locale, organizations: [fabrikamOpen] });
    await say(`${askSignup}: sara@tailwind.example`);
    const second = await say('jan@fabrikam.nl');
    expect(second[0]?.all).toContain(format(s.previewJoinManaged, { org: 'Fabrikam', domain: 'fabrikam.nl' }));
    await say(press(second, s.confirm));
    expect(await directory.findByDomain('tailwind.example')).toBeUndefined();
    expect(await domainRecord(directory, 'fabrikam.nl')).toEqual({ managed: true, members: 1 });
  });

  it('does not take a yes from an older preview for the one now open', async () => {
    const { say, directory } = await start({ locale });
    const first = await say(`${askSignup}: sara@tailwind.example`);
    const second = await say(press(first, s.useAnotherAddress));
    const current = await say(press(second, s.continue, { email: 'sara@northwind.example' }));
    const stale = await say(press(first, s.confirm));
    expect(stale[0]?.text).toBe(s.olderPreview);
    expect(await directory.listOrganizations()).toEqual([]);
    // The preview that counts is shown again and still waits: its yes records northwind, not tailwind.
    expect(titleOf(stale)).toBe(s.previewTitle);
    expect(stale[1]?.all).toContain(format(s.previewCreateUnchecked, { domain: 'northwind.example' }));
    await say(press(current, s.confirm));
    expect(await directory.findByDomain('tailwind.example')).toBeUndefined();
    expect(await domainRecord(directory, 'northwind.example')).toEqual({ managed: false, members: 1 });
  });

  it('records nothing twice: signing up again says so, and a new service is added', async () => {
    const { say, directory } = await start({ locale });
    await say(press(await say(`${askSignup}: sara@tailwind.example`), s.confirm));
    const again = await say(`${askSignup}: sara@tailwind.example`);
    expect(titleOf(again)).toBe(s.alreadyTitle);
    const apps = await say(language === 'en' ? 'sign me up for Power Apps with sara@tailwind.example' : 'meld me aan voor Power Apps met sara@tailwind.example');
    const added = await say(press(apps, s.confirm));
    expect(titleOf(added)).toBe(format(s.serviceAddedTitle, { service: 'Power Apps' }));
    expect(await domainRecord(directory, 'tailwind.example')).toEqual({ managed: false, members: 1 });
    expect((await directory.findMember('sara@tailwind.example'))?.services).toEqual(['Power BI', 'Power Apps']);
  });

  it('lets the user ask something else half-way', async () => {
    const { say } = await start({ locale });
    await say(askSignup);
    const other = await say(language === 'en' ? 'who is my admin?' : 'wie is mijn beheerder?');
    expect(titleOf(other)).toBe(t.whoIsMyAdmin.askTitle);
  });

  it('knows afterwards, outside Teams too, that the user is in an organization without an admin', async () => {
    const { say } = await start({ locale });
    await say(press(await say(`${askSignup}: sara@tailwind.example`), s.confirm));
    const who = await say(language === 'en' ? 'who is my admin?' : 'wie is mijn beheerder?');
    expect(titleOf(who)).toBe(format(t.whoIsMyAdmin.unmanagedTitle, { org: 'tailwind.example' }));
    expect(who[0]?.all).toContain(format(t.whoIsMyAdmin.unmanagedBecome, { domain: 'tailwind.example' }));
  });

  it('stores an internationalized domain in its ASCII form and shows both', async () => {
    const { say, directory } = await start({ locale });
    const preview = await say(`${askSignup}: sara@bücher.nl`);
    expect(preview[0]?.all).toContain('bücher.nl (xn--bcher-kva.nl)');
    await say(press(preview, s.confirm));
    expect(await domainRecord(directory, 'xn--bcher-kva.nl')).toEqual({ managed: false, members: 1 });
  });

  it('gives a subdomain its own organization', async () => {
    const { say, directory } = await start({ locale, organizations: [fabrikamOpen] });
    await say(press(await say(`${askSignup}: piet@sales.fabrikam.nl`), s.confirm));
    expect(await domainRecord(directory, 'sales.fabrikam.nl')).toEqual({ managed: false, members: 1 });
    expect(await domainRecord(directory, 'fabrikam.nl')).toEqual({ managed: true, members: 0 });
  });
});

/** What Microsoft says about the address's domain (a hand-written stand-in for Microsoft's cloud), in both languages. */
describe.each([
  ['en', 'en-US', (address: string) => `sign me up for Power BI with ${address}`],
  ['nl', 'nl-NL', (address: string) => `meld me aan voor Power BI met ${address}`],
] as const)('SignupDialog asking Microsoft in %s', (language, locale, signUpWith) => {
  const t = stringsFor(language);
  const s = t.signup;
  const m = t.microsoft;

  it('never says a new organization will be made when Microsoft shows a managed one, and records nothing', async () => {
    const microsoft = microsoftSays({ domains: { 'northwind.example': { kind: 'managed', brand: 'Northwind Traders', federated: false } } });
    const { say, directory } = await start({ locale, microsoft });
    const answer = await say(signUpWith('sara@northwind.example'));
    expect(titleOf(answer)).toBe(format(m.signup.heldTitle, { domain: 'northwind.example' }));
    expect(answer[0]?.all).toContain(format(m.signup.heldManaged, { domain: 'northwind.example', address: 'sara@northwind.example', org: 'Northwind Traders' }));
    expect(answer[0]?.all).not.toContain(format(s.previewCreate, { domain: 'northwind.example' }));
    expect(answer[0]?.card?.buttons.map((b) => b.title)).not.toContain(s.confirm);
    expect(await directory.findByDomain('northwind.example')).toBeUndefined();
  });

  it('joins the unmanaged organization Microsoft shows, and records it after a yes', async () => {
    const microsoft = microsoftSays({ domains: { 'northwind.example': { kind: 'unmanaged' } }, tenants: { 'northwind.example': 'tenant-northwind' } });
    const { say, directory } = await start({ locale, microsoft });
    const preview = await say(signUpWith('sara@northwind.example'));
    expect(titleOf(preview)).toBe(s.previewTitle);
    expect(preview[0]?.all).toContain(format(m.signup.previewJoinExisting, { domain: 'northwind.example' }));
    expect(preview[0]?.all).not.toContain(format(s.previewCreate, { domain: 'northwind.example' }));
    expect(preview[0]?.all).toContain(m.checked);
    const done = await say(press(preview, s.confirm));
    expect(titleOf(done)).toBe(format(m.signup.joinedExistingTitle, { domain: 'northwind.example' }));
    expect(await directory.findByDomain('northwind.example')).toMatchObject({ managed: false, tenantId: 'tenant-northwind' });
  });

  it('says a new organization will be made when Microsoft knows none either, and that it checked', async () => {
    const { say } = await start({ locale, microsoft: microsoftSays() });
    const preview = await say(signUpWith('sara@northwind.example'));
    expect(preview[0]?.all).toContain(format(s.previewCreate, { domain: 'northwind.example' }));
    expect(preview[0]?.all).toContain(m.checked);
  });

  it('says the preview comes from the helpdesk\'s records when Microsoft cannot be asked', async () => {
    const { say } = await start({ locale, microsoft: microsoftSays({ domains: { 'northwind.example': 'unreachable' } }) });
    const preview = await say(signUpWith('sara@northwind.example'));
    // "Nobody has signed up" only as far as the bot knows.
    expect(preview[0]?.all).toContain(format(s.previewCreateUnchecked, { domain: 'northwind.example' }));
    expect(preview[0]?.all).not.toContain(format(s.previewCreate, { domain: 'northwind.example' }));
    expect(preview[0]?.all).toContain(m.fromDirectory);
  });

  it('follows Microsoft where the records say unmanaged and Microsoft managed: says so, records nothing', async () => {
    const microsoft = microsoftSays({ domains: { 'tailspin.example': { kind: 'managed', federated: false } } });
    const { say, directory } = await start({ locale, organizations: [unmanagedTailspin], microsoft });
    const answer = await say(signUpWith('sara@tailspin.example'));
    expect(answer[0]?.all).toContain(format(m.disagree.managed, { domain: 'tailspin.example', org: 'tailspin.example' }));
    expect(answer[0]?.all).toContain(format(m.signup.heldManagedUnnamed, { domain: 'tailspin.example', address: 'sara@tailspin.example' }));
    expect(await directory.findMember('sara@tailspin.example')).toBeUndefined();
  });

  it('asks Microsoft nothing about a personal address', async () => {
    const microsoft = microsoftSays();
    const { say } = await start({ locale, microsoft });
    expect(titleOf(await say(signUpWith('sara@gmail.com')))).toBe(s.consumerTitle);
    expect(microsoft.asked).toEqual([]);
  });
});

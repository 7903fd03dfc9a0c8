/**
 * Takeover facts issue 22 found wrong, in both languages: the internal takeover is offered only to someone with an
 * account in the organization (an address on its domain), and the example value MS=ms12345678 is never shown as if it
 * were real, and is recognised as the example when pasted or published.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { takeoverValueCard } from '../../cards/takeoverValueCard.js';
import { format, stringsFor } from '../../locales/strings.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dnsServer.js';
import { fakeMicrosoft } from '../helpers/fakeMicrosoft.js';
import { unmanagedTailspin } from '../helpers/fixtures.js';
import { press, titleOf, useTestBots, type TestBotOptions } from '../helpers/testBot.js';

const startBot = useTestBots();
const DOMAIN = 'tailspin.example';
/** What Microsoft's wizard shows Sam. */
const VALUE = 'MS=ms48151623';
const EXAMPLE = 'MS=ms12345678';

let dns: TestDnsServer;
beforeAll(async () => {
  dns = await startDnsServer();
});
afterAll(() => dns.close());
beforeEach(() => dns.clear());

describe.each([
  ['en', 'en-US', 'how do I take over litware.test?', 'how do I take over tailspin.example?'],
  ['nl', 'nl-NL', 'hoe neem ik litware.test over?', 'hoe neem ik tailspin.example over?'],
] as const)('Takeover facts in %s', (language, locale, askLitware, askTailspin) => {
  const t = stringsFor(language);
  const s = t.takeover;
  /** Sam, with an address on the domain: the internal takeover is open to him. */
  const sam = (): TestBotOptions => ({ locale, organizations: [unmanagedTailspin], email: `sam@${DOMAIN}`, dnsServers: dns.servers });

  it('takes the address a chat user signed up with before, named again, for the internal takeover (no loop back to "sign up first")', async () => {
    const { say } = await startBot({ locale, organizations: [unmanagedTailspin], dnsServers: dns.servers });
    const signUp = language === 'en' ? 'sign me up for Power BI with' : 'registreer me voor Power BI met';
    const yes = language === 'en' ? 'yes' : 'ja';
    await say(`${signUp} sam@${DOMAIN}`);
    await say(yes);
    await say(`${signUp} sam@fabrikam-other.example`);
    await say(yes);
    // The same person names their tailspin address again: they are a member already, and that is the address they mean.
    await say(`${signUp} sam@${DOMAIN}`);
    const answer = await say(askTailspin);
    expect(answer.map((reply) => reply.all).join('\n')).not.toContain(format(s.internalNeedsAddress, { domain: DOMAIN }));
  });

  it('does not offer becoming the admin of an organization it does not know to someone without an address on its domain', async () => {
    const { say } = await startBot({ locale, email: 'alex@adatum.com' });
    const answer = await say(askLitware);
    expect(titleOf(answer)).toBe(format(s.elsewhereTitle, { domain: 'litware.test' }));
    expect(answer[0]?.all).toContain(format(s.elsewhereNeedsAccount, { domain: 'litware.test', address: 'alex@adatum.com' }));
    expect(answer[0]?.all).not.toContain(format(s.elsewhereIntro, { domain: 'litware.test' }));
  });

  it("gives Microsoft's wizard to someone with an address on the domain", async () => {
    const { say } = await startBot({ locale, email: 'sam@litware.test' });
    const answer = await say(askLitware);
    expect(answer[0]?.all).toContain(format(s.elsewhereIntro, { domain: 'litware.test' }));
    expect(answer[0]?.all).not.toContain(format(s.elsewhereNeedsAccount, { domain: 'litware.test', address: 'sam@litware.test' }));
  });

  it('offers no internal takeover of an unmanaged organization Microsoft shows to someone without an address on it', async () => {
    const microsoft = fakeMicrosoft();
    microsoft.viral('litware.test', 'tenant-litware');
    const { say, directory } = await startBot({ locale, email: 'alex@adatum.com', microsoft });
    const answer = await say(askLitware);
    expect(answer[0]?.all).toContain(format(s.internalNeedsAddress, { domain: 'litware.test' }));
    expect(answer[0]?.card?.buttons.map((button) => button.title)).not.toContain(s.chooseInternal);
    expect(await directory.openTakeovers()).toEqual([]);
  });

  it('shows no example value that looks real on the value card', () => {
    const card = takeoverValueCard(t, { request: '00000000-0000-4000-8000-000000000000', domain: DOMAIN, kind: 'internal', expiresAt: '2026-12-13T09:00:00.000Z' });
    expect(JSON.stringify(card.content)).not.toMatch(/MS=ms\d{8}/);
  });

  it('says the example is the example when it is pasted, and keeps waiting for the value', async () => {
    const { say, directory } = await startBot(sam());
    const valueCard = await say(press(await say(askTailspin), s.chooseInternal));
    const pasted = await say(EXAMPLE);
    expect(pasted[0]?.text).toContain(s.valueProblems.exampleValue);
    const [request] = await directory.openTakeovers();
    expect(request).toMatchObject({ status: 'waitingForValue' });
    expect(request?.value).toBeUndefined();
    // Pressed in the card's field, the same.
    const pressed = await say(press(valueCard, s.useValue, { value: EXAMPLE }));
    expect(pressed[0]?.text).toContain(s.valueProblems.exampleValue);
  });

  it('calls the example published in DNS the example, not "an older value"', async () => {
    const { say } = await startBot(sam());
    const valueCard = await say(press(await say(askTailspin), s.chooseInternal));
    const record = await say(press(valueCard, s.useValue, { value: VALUE }));
    dns.setTxt(DOMAIN, [[EXAMPLE]]);
    const checked = await say(press(record, s.checkDns));
    const all = checked.map((reply) => reply.all).join('\n');
    expect(all).toContain(format(s.mistakes.exampleValue, { value: VALUE }));
    expect(all).not.toContain(format(s.mistakes.otherToken, { value: VALUE }));
  });
});

/**
 * A signup with a mistyped domain or a refused address, in both languages: a yes to "did you mean X?" means X,
 * a known mail service is refused as itself (never read as a typo of another), and the service named at the start
 * is kept when the address is refused and another one is given.
 */
import { describe, expect, it } from '@jest/globals';
import { format, stringsFor } from '../../locales/strings.js';
import { contoso } from '../helpers/fixtures.js';
import { press, titleOf, useTestBots } from '../helpers/testBot.js';

const start = useTestBots();

describe.each([
  ['en', 'en-US', 'sign me up for power bi with', 'yes', 'yes that one, gmail', 'no'],
  ['nl', 'nl-NL', 'meld me aan voor power bi met', 'ja', 'ja die, gmail', 'nee'],
] as const)('Signup with a mistyped or refused address in %s', (language, locale, signMeUp, yes, yesGmail, no) => {
  const s = stringsFor(language).signup;

  // Teams gives the person's own address on contoso.com: contosso.com is a keystroke from it.
  const atContoso = { locale, organizations: [contoso], tenantId: 'tenant-contoso', email: 'sam@contoso.com' };

  it('takes a yes to "did you mean contoso.com?" for contoso.com, and records nothing for the typo', async () => {
    const { say, directory } = await start(atContoso);
    const preview = await say(`${signMeUp} kai@contosso.com`);
    expect(preview[0]?.all).toContain(format(s.previewDidYouMean, { domain: 'contoso.com', button: format(s.useMeantDomain, { domain: 'contoso.com' }) }));
    const meant = await say(yes);
    expect(meant[0]?.card?.lines).toContain(`${s.factAddress}: kai@contoso.com`);
    // The service named at the start goes along.
    expect(meant[0]?.card?.lines).toContain(`${s.factService}: Power BI`);
    expect(await directory.findByDomain('contosso.com')).toBeUndefined();
    await say(yes);
    expect(await directory.findMember('kai@contoso.com')).toMatchObject({ orgId: contoso.id, services: ['Power BI'] });
    expect(await directory.findByDomain('contosso.com')).toBeUndefined();
  });

  it('takes the button under "did you mean" for that domain too', async () => {
    const { say, directory } = await start({ locale });
    const preview = await say(`${signMeUp} kai@gmaill.com`);
    const refused = await say(press(preview, format(s.useMeantDomain, { domain: 'gmail.com' })));
    expect(titleOf(refused)).toBe(s.consumerTitle);
    expect(await directory.listOrganizations()).toEqual([]);
  });

  it('refuses a personal address meant by a yes ("yes that one, gmail"), and records nothing', async () => {
    const { say, directory } = await start({ locale });
    const preview = await say(`${signMeUp} vic@gmaill.com`);
    expect(preview[0]?.all).toContain(format(s.previewDidYouMeanPersonal, { domain: 'gmail.com' }));
    const refused = await say(yesGmail);
    expect(titleOf(refused)).toBe(s.consumerTitle);
    expect(refused[0]?.all).toContain(format(s.consumer, { domain: 'gmail.com' }));
    expect(await directory.listOrganizations()).toEqual([]);
  });

  it('keeps the typed domain on a no to "did you mean", recording only on its own yes', async () => {
    const { say, directory } = await start(atContoso);
    await say(`${signMeUp} kai@contosso.com`);
    const kept = await say(no);
    expect(kept[0]?.text).toBe(format(s.keepTypedDomain, { domain: 'contosso.com', confirm: s.confirm }));
    expect(kept[1]?.all).not.toContain(format(s.useMeantDomain, { domain: 'contoso.com' }));
    expect(await directory.findByDomain('contosso.com')).toBeUndefined();
    // Now a yes is a yes to contosso.com.
    await say(yes);
    expect(await directory.findByDomain('contosso.com')).toBeDefined();
    expect(await directory.findMember('kai@contoso.com')).toBeUndefined();
  });

  it.each(['vic@gmial.com', 'ken@yahoo.co.jp', 'ana@yahoo.es', 'li@163.com', 'kim@naver.com', 'jan@zeelandnet.nl'])('refuses %s as a personal address straight away', async (address) => {
    const { say, directory } = await start({ locale });
    const refused = await say(`${signMeUp} ${address}`);
    expect(titleOf(refused)).toBe(s.consumerTitle);
    expect(refused[0]?.all).not.toContain('yahoo.co.uk');
    await say(yes);
    expect(await directory.listOrganizations()).toEqual([]);
  });

  it('keeps the service named at the start after a refused address', async () => {
    const { say } = await start({ locale });
    const refused = await say(`${signMeUp} piet@gmail.com`);
    const again = await say(press(refused, s.useAnotherAddress));
    const preview = await say(press(again, s.continue, { email: 'piet@newco.example' }));
    expect(preview[0]?.card?.lines).toContain(`${s.factService}: Power BI`);
    expect(preview[0]?.all).not.toContain(s.anyService);
  });

  it('takes an address typed after the refusal ("oops I meant ...", or the address alone) for a signup with it, for the same service', async () => {
    for (const typed of [language === 'en' ? 'oops i meant piet@newco.example' : 'oeps ik bedoelde piet@newco.example', 'piet@newco.example']) {
      const { say } = await start({ locale });
      expect(titleOf(await say(`${signMeUp} piet@gmail.com`))).toBe(s.consumerTitle);
      const preview = await say(typed);
      expect(titleOf(preview)).toBe(s.previewTitle);
      expect(preview[0]?.card?.lines).toContain(`${s.factAddress}: piet@newco.example`);
      // Still for the service asked about at the start.
      expect(preview[0]?.card?.lines).toContain(`${s.factService}: Power BI`);
    }
  });
});

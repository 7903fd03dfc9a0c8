/**
 * Short and to the point, in both languages: the question asked gets its own answer, and a card the user has just
 * seen is not shown again.
 */
import { describe, expect, it } from '@jest/globals';
import { format, stringsFor } from '../../locales/strings.js';
import { contoso } from '../helpers/fixtures.js';
import { titleOf, useTestBots } from '../helpers/testBot.js';

const start = useTestBots();

describe.each([
  {
    language: 'en',
    locale: 'en-US',
    amIAdmin: 'am I an admin?',
    noTile: "I don't see the Admin tile",
    turnedOff: 'Power BI says "Your IT department has turned off signup"',
  },
  {
    language: 'nl',
    locale: 'nl-NL',
    amIAdmin: 'ben ik beheerder?',
    noTile: 'ik zie de tegel Beheer niet',
    turnedOff: 'ik krijg de melding dat registratie is uitgeschakeld',
  },
] as const)('short answers in $language', ({ language, locale, amIAdmin, noTile, turnedOff }) => {
  const t = stringsFor(language);

  it('answers "I don\'t see the Admin tile" after "am I an admin?" with what that means, not the same card again', async () => {
    const bot = await start({ locale, organizations: [contoso], tenantId: 'tenant-contoso' });
    expect(titleOf(await bot.say(amIAdmin))).toBe(t.amIAdmin.title);
    const tile = await bot.say(noTile);
    expect(titleOf(tile)).toBe(t.facts.adminTileMissing.title);
    expect(tile[0]?.all).toContain(t.feedback.question);
  });

  it('points at the card just shown instead of showing it again, and still asks whether it helped', async () => {
    const bot = await start({ locale, organizations: [contoso], tenantId: 'tenant-contoso' });
    const first = await bot.say(amIAdmin);
    expect(titleOf(first)).toBe(t.amIAdmin.title);
    const again = await bot.say(amIAdmin);
    expect(again).toHaveLength(1);
    expect(again[0]?.card?.lines).toEqual([format(t.common.sameAnswer, { title: t.amIAdmin.title, no: t.feedback.no }), t.feedback.question]);
    expect(again[0]?.card?.buttons.map((button) => button.title)).toEqual([t.feedback.yes, t.feedback.no]);
    // Another answer in between: the card is shown again in full.
    await bot.say(noTile);
    expect(titleOf(await bot.say(amIAdmin))).toBe(t.amIAdmin.title);
  });

  it('explains the one signup message quoted, not all five', async () => {
    const bot = await start({ locale });
    const replies = await bot.say(turnedOff);
    const { title, points } = t.facts.signupMessages;
    expect(titleOf(replies)).toBe(title);
    const lines = replies[0]?.card?.lines ?? [];
    expect(lines).toContain(`• ${points[3]!}`);
    for (const other of [0, 1, 2, 4]) expect(lines).not.toContain(`• ${points[other]!}`);
  });
});

/**
 * Answers that must fit who asks and their organization's state (issue 22), in both languages: a school's "who is my
 * admin?" for a student or for a teacher, and closing your account in a managed or an unmanaged organization.
 */
import { describe, expect, it } from '@jest/globals';
import { format, stringsFor } from '../../locales/strings.js';
import { schoolWithoutContact, unmanagedTailspin } from '../helpers/fixtures.js';
import { titleOf, useTestBots } from '../helpers/testBot.js';

const start = useTestBots();
const atSchool = { organizations: [schoolWithoutContact], tenantId: 'tenant-lyceum' };

describe.each([
  ['en', 'en-US', "who is my admin? I'm a teacher here", "who is my admin? I'm a student", 'who is my admin?', "I'm a teacher", 'how do I close my account?'],
  ['nl', 'nl-NL', 'wie is mijn beheerder? ik ben docent', 'wie is mijn beheerder? ik ben leerling', 'wie is mijn beheerder?', 'ik ben docent', 'hoe kan ik mijn account opheffen?'],
] as const)('Answers that fit who asks, in %s', (language, locale, asTeacher, asStudent, whoIsMyAdmin, teacherAnswer, closeAccount) => {
  const t = stringsFor(language);
  const s = t.whoIsMyAdmin;

  it('tells a teacher whom teachers ask, not "ask your teacher"', async () => {
    const { say } = await start({ locale, ...atSchool });
    const answer = await say(asTeacher);
    expect(answer[0]?.all).toContain(s.schoolStaff);
    expect(answer[0]?.all).not.toContain(s.schoolStudent);
  });

  it('tells a student to ask their teacher', async () => {
    const { say } = await start({ locale, ...atSchool });
    const answer = await say(asStudent);
    expect(answer[0]?.all).toContain(s.schoolStudent);
    expect(answer[0]?.all).not.toContain(s.schoolStaff);
  });

  it('gives both when it does not know who asks', async () => {
    const { say } = await start({ locale, ...atSchool });
    const answer = await say(whoIsMyAdmin);
    expect(answer[0]?.all).toContain(s.schoolStudent);
    expect(answer[0]?.all).toContain(s.schoolStaff);
  });

  it('hears "I\'m a teacher" typed at the organization type card', async () => {
    const { say } = await start({ locale });
    const asked = await say(whoIsMyAdmin);
    expect(titleOf(asked)).toBe(s.askTitle);
    const answer = await say(teacherAnswer);
    expect(answer[0]?.all).toContain(s.guidance.school);
    expect(answer[0]?.all).toContain(s.schoolStaff);
    expect(answer[0]?.all).not.toContain(s.schoolStudent);
  });

  it('tells someone in a managed school to ask an admin to close their account, not the steps for unmanaged organizations', async () => {
    const { say } = await start({ locale, ...atSchool });
    const answer = await say(closeAccount);
    expect(titleOf(answer)).toBe(t.facts.closeAccount.title);
    expect(answer[0]?.all).toContain(format(t.facts.closeAccount.managed, { org: 'Het Lyceum' }));
    expect(answer[0]?.all).not.toContain(t.facts.closeAccount.points[0]);
    expect(answer[0]?.card?.buttons.map((button) => button.title)).toContain(t.topics.whoIsMyAdmin);
  });

  it('gives someone in an unmanaged organization the steps to close their account themselves', async () => {
    const { say } = await start({ locale, organizations: [unmanagedTailspin], tenantId: 'tenant-tailspin' });
    const answer = await say(closeAccount);
    expect(answer[0]?.all).toContain(t.facts.closeAccount.points[0]);
    expect(answer[0]?.all).not.toContain(format(t.facts.closeAccount.managed, { org: 'tailspin.example' }));
  });

  it('gives both when it does not know the organization', async () => {
    const { say } = await start({ locale });
    const answer = await say(closeAccount);
    expect(answer[0]?.all).toContain(t.facts.closeAccount.points[0]);
    expect(answer[0]?.all).toContain(t.facts.closeAccount.points[2]);
  });
});

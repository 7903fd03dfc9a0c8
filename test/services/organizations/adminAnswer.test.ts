/** How "who is my admin?" is answered: Microsoft's role holders first, then the directory, then guidance by type. */
import { describe, expect, it } from '@jest/globals';
import { chooseAdminAnswer, type AdminAnswerInput } from '../../../services/organizations/adminAnswer.js';
import { contoso, unmanagedTailspin, schoolWithoutContact } from '../../helpers/fixtures.js';

const MEGAN = { id: 'u-megan', displayName: 'Megan Bowen', email: 'megan@contoso.com' };
const fromGraph: AdminAnswerInput['microsoftAdmins'] = {
  topic: 'password',
  roles: [
    { role: 'globalAdministrator', holders: [MEGAN] },
    { role: 'helpdeskAdministrator', holders: [] },
  ],
};

describe('chooseAdminAnswer', () => {
  it('names the people Microsoft lists first, only the roles someone holds, with the organization for its contact', () => {
    expect(chooseAdminAnswer({ organization: contoso, microsoftAdmins: fromGraph })).toEqual({
      kind: 'microsoftAdmins',
      topic: 'password',
      roles: [{ role: 'globalAdministrator', holders: [MEGAN] }],
      organization: contoso,
    });
  });

  it('wins over what the directory says, even an organization it records as unmanaged', () => {
    expect(chooseAdminAnswer({ organization: unmanagedTailspin, microsoftAdmins: fromGraph })).toMatchObject({ kind: 'microsoftAdmins' });
  });

  it('falls back to the directory when Microsoft lists nobody in those roles', () => {
    const nobody = { topic: 'general' as const, roles: [{ role: 'globalAdministrator' as const, holders: [] }] };
    expect(chooseAdminAnswer({ organization: contoso, microsoftAdmins: nobody })).toMatchObject({ kind: 'helpdeskContact' });
  });

  it('gives the guidance for a type the user picks, whatever Microsoft says', () => {
    expect(chooseAdminAnswer({ organization: contoso, microsoftAdmins: fromGraph, chosenOrgType: 'school' })).toMatchObject({ kind: 'guidance', orgType: 'school' });
  });

  it.each<[string, AdminAnswerInput, object]>([
    ['the organization\'s own type beats a guess', { organization: schoolWithoutContact, inferredOrgType: 'enterprise' }, { kind: 'guidance', orgType: 'school', remembered: false }],
    ['what the user said earlier beats a guess', { rememberedOrgType: 'smallBusiness', inferredOrgType: 'enterprise' }, { kind: 'guidance', orgType: 'smallBusiness', remembered: true }],
    ['a guess beats asking, and says it is one', { inferredOrgType: 'enterprise' }, { kind: 'guidance', orgType: 'enterprise', inferred: true }],
    ['nothing known: ask', {}, { kind: 'askOrgType' }],
  ])('%s', (_case, input, expected) => {
    expect(chooseAdminAnswer(input)).toMatchObject(expected);
  });
});

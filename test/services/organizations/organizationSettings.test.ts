import { describe, expect, it } from '@jest/globals';
import {
  applySettingsChange,
  parseSettingsChange,
  settingsOf,
  type SettingsChange,
  type SettingsProblemCode,
} from '../../../services/organizations/organizationSettings.js';
import { contoso, fabrikam } from '../../helpers/fixtures.js';

/** The problems of a change that must be refused, as [field, code] pairs. */
function problemsOf(body: unknown): [string, SettingsProblemCode][] {
  const parsed = parseSettingsChange(body);
  if (parsed.ok) throw new Error(`expected ${JSON.stringify(body)} to be refused`);
  return parsed.problems.map((p) => [p.field, p.code]);
}

function changeOf(body: unknown): SettingsChange {
  const parsed = parseSettingsChange(body);
  if (!parsed.ok) throw new Error(`expected ${JSON.stringify(body)} to be accepted: ${JSON.stringify(parsed.problems)}`);
  return parsed.change;
}

describe('parseSettingsChange', () => {
  it.each([
    [{ orgType: 'school' }, { orgType: 'school' }],
    [{ cloud: 'china21Vianet' }, { cloud: 'china21Vianet' }],
    [{ helpdeskContact: { title: 'IT Desk', phone: '+31 (0)20 123-4567' } }, { helpdeskContact: { title: 'IT Desk', phone: '+31 (0)20 123-4567' } }],
    [{ helpdeskContact: { title: ' IT Desk ', email: ' Desk@Contoso.COM ' } }, { helpdeskContact: { title: 'IT Desk', email: 'desk@contoso.com' } }],
    [{ helpdeskContact: { title: 'IT Desk', url: 'https://help.contoso.com/it' } }, { helpdeskContact: { title: 'IT Desk', url: 'https://help.contoso.com/it' } }],
    // A form's blank fields are sent as empty strings: they mean "not given".
    [{ helpdeskContact: { title: 'IT Desk', phone: '', email: 'desk@contoso.com', url: '' } }, { helpdeskContact: { title: 'IT Desk', email: 'desk@contoso.com' } }],
    [{ helpdeskContact: null }, { helpdeskContact: null }],
    [{ selfService: { allowAdHocSubscriptions: false } }, { selfService: { allowAdHocSubscriptions: false } }],
    [{ helpdeskChannel: null }, { clearHelpdeskChannel: true }],
  ])('accepts %j', (body, expected) => {
    expect(changeOf(body)).toEqual(expected);
  });

  it.each<[string, unknown, [string, SettingsProblemCode][]]>([
    ['a list', [], [['', 'notAnObject']]],
    ['a string', 'orgType=school', [['', 'notAnObject']]],
    ['nothing', {}, [['', 'empty']]],
    ['an unknown field', { orgType: 'school', displayName: 'Contoso' }, [['', 'unknownField']]],
    ['an unknown contact field', { helpdeskContact: { title: 'IT', phone: '123 456', fax: '123' } }, [['helpdeskContact', 'unknownField']]],
    ['an unknown self-service field', { selfService: { allowEverything: true } }, [['selfService', 'unknownField']]],
    ['an organization type from elsewhere', { orgType: 'martian' }, [['orgType', 'invalidOrgType']]],
    ['a cloud that does not exist', { cloud: 'mars' }, [['cloud', 'invalidCloud']]],
    ['a contact without a title', { helpdeskContact: { phone: '+31 20 123 4567' } }, [['helpdeskContact.title', 'titleRequired']]],
    ['a contact with a blank title', { helpdeskContact: { title: '   ', phone: '+31 20 123 4567' } }, [['helpdeskContact.title', 'titleRequired']]],
    ['a contact nobody can reach', { helpdeskContact: { title: 'IT Desk' } }, [['helpdeskContact', 'contactMethodRequired']]],
    ['a bad email address', { helpdeskContact: { title: 'IT Desk', email: 'desk@contoso' } }, [['helpdeskContact.email', 'invalidEmail']]],
    ['a web address that is not http(s)', { helpdeskContact: { title: 'IT Desk', url: 'javascript:alert(1)' } }, [['helpdeskContact.url', 'invalidUrl']]],
    ['a web address with a password', { helpdeskContact: { title: 'IT Desk', url: 'https://user:pw@help.contoso.com' } }, [['helpdeskContact.url', 'invalidUrl']]],
    ['a relative web address', { helpdeskContact: { title: 'IT Desk', url: '/help' } }, [['helpdeskContact.url', 'invalidUrl']]],
    ['a phone number with letters', { helpdeskContact: { title: 'IT Desk', phone: 'call us' } }, [['helpdeskContact.phone', 'invalidPhone']]],
    ['a title over 100 characters', { helpdeskContact: { title: 'x'.repeat(101), phone: '123 456' } }, [['helpdeskContact.title', 'tooLong']]],
    ['a title on two lines', { helpdeskContact: { title: 'IT\nDesk', phone: '123 456' } }, [['helpdeskContact.title', 'controlCharacters']]],
    ['a title that is a number', { helpdeskContact: { title: 42, phone: '123 456' } }, [['helpdeskContact.title', 'notAString']]],
    ['a contact that is a string', { helpdeskContact: 'call 123' }, [['helpdeskContact', 'notAnObject']]],
    ['a self-service setting as text', { selfService: { allowEmailVerifiedUsers: 'yes' } }, [['selfService.allowEmailVerifiedUsers', 'notABoolean']]],
    ['a helpdesk channel to set', { helpdeskChannel: { conversationId: '19:abc@thread.tacv2' } }, [['helpdeskChannel', 'channelOnlyInTeams']]],
  ])('refuses %s', (_case, body, expected) => {
    expect(problemsOf(body)).toEqual(expected);
  });

  it('reports every problem at once', () => {
    expect(problemsOf({ orgType: 'martian', cloud: 'mars', helpdeskContact: { email: 'nope' }, colour: 'blue' })).toEqual([
      ['', 'unknownField'],
      ['orgType', 'invalidOrgType'],
      ['cloud', 'invalidCloud'],
      ['helpdeskContact.title', 'titleRequired'],
      ['helpdeskContact.email', 'invalidEmail'],
    ]);
  });

  it('names the unknown fields in its message', () => {
    const parsed = parseSettingsChange({ displayName: 'x', canEdit: true });
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.problems[0]?.message).toMatch(/"displayName", "canEdit"/);
  });

  it('ignores a "__proto__" key as an unknown field rather than a setting', () => {
    expect(problemsOf(JSON.parse('{"__proto__": {"orgType": "school"}}'))).toEqual([['', 'unknownField']]);
  });
});

describe('applySettingsChange', () => {
  it('changes only the fields sent and names them', () => {
    const { organization, changed } = applySettingsChange(contoso, { orgType: 'enterprise', selfService: { allowAdHocSubscriptions: false } });
    expect(organization).toEqual({ ...contoso, orgType: 'enterprise', selfService: { allowEmailVerifiedUsers: true, allowAdHocSubscriptions: false } });
    expect(changed).toEqual(['orgType', 'selfService']);
  });

  it('replaces the helpdesk contact as a whole, and removes it for null', () => {
    const replaced = applySettingsChange(contoso, { helpdeskContact: { title: 'Servicedesk', url: 'https://help.contoso.com/' } });
    expect(replaced.organization.helpdeskContact).toEqual({ title: 'Servicedesk', url: 'https://help.contoso.com/' });
    const removed = applySettingsChange(contoso, { helpdeskContact: null });
    expect(removed.organization).not.toHaveProperty('helpdeskContact');
    expect(removed.changed).toEqual(['helpdeskContact']);
  });

  it('clears the helpdesk channel', () => {
    const withChannel = {
      ...fabrikam,
      helpdeskChannel: { conversation: {}, conversationId: '19:it@thread.tacv2', language: 'nl' as const, setBy: 'jan@fabrikam.nl', setAt: '2026-03-01T09:00:00.000Z' },
    };
    const { organization, changed } = applySettingsChange(withChannel, { clearHelpdeskChannel: true });
    expect(organization).not.toHaveProperty('helpdeskChannel');
    expect(changed).toEqual(['helpdeskChannel']);
  });

  it('reports no change when the values are the ones already set', () => {
    expect(applySettingsChange(contoso, { cloud: 'worldwide', helpdeskContact: contoso.helpdeskContact! }).changed).toEqual([]);
  });

  it('leaves the organization it was given alone', () => {
    const before = structuredClone(contoso);
    applySettingsChange(contoso, { orgType: 'school', helpdeskContact: null, selfService: { allowEmailVerifiedUsers: false } });
    expect(contoso).toEqual(before);
  });
});

describe('settingsOf', () => {
  it('shows whether a helpdesk channel is set and since when, never where', () => {
    const settings = settingsOf(
      {
        ...fabrikam,
        helpdeskChannel: {
          conversation: { serviceUrl: 'https://smba.trafficmanager.net/emea/' },
          conversationId: '19:it@thread.tacv2',
          language: 'nl',
          setBy: 'jan@fabrikam.nl',
          setAt: '2026-03-01T09:00:00.000Z',
        },
      },
      true,
    );
    expect(settings).toEqual({
      displayName: 'Fabrikam',
      orgType: 'unknown',
      cloud: 'china21Vianet',
      helpdeskContact: null,
      selfService: { allowEmailVerifiedUsers: true, allowAdHocSubscriptions: true },
      helpdeskChannel: { set: true, setAt: '2026-03-01T09:00:00.000Z' },
      canEdit: true,
    });
    expect(JSON.stringify(settings)).not.toMatch(/thread\.tacv2|smba|jan@/);
  });

  it('says when no helpdesk channel is set', () => {
    expect(settingsOf(contoso, false).helpdeskChannel).toEqual({ set: false });
  });
});

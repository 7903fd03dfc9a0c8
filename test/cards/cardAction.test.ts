/** Card data come from the client and may be stale or forged: readCardAction must accept only what our cards send. */
import { describe, expect, it } from '@jest/globals';
import { readCardAction, type CardAction } from '../../cards/cardAction.js';
import { ALL_VERBS } from '../../cards/verbs.js';
import { CLOUDS, ORG_TYPES } from '../../services/models/organization.js';
import { INTENTS } from '../../services/models/intent.js';

const UNKNOWN: CardAction = { verb: 'unknown' };

/** Every action our cards can send, in the shape readCardAction returns. */
const GOOD_ACTIONS: CardAction[] = [
  { verb: 'showHelp' },
  { verb: 'changeOrgType' },
  ...INTENTS.map((topic) => ({ verb: 'startTopic' as const, topic })),
  ...ORG_TYPES.map((orgType) => ({ verb: 'chooseOrgType' as const, orgType })),
  ...CLOUDS.map((cloud) => ({ verb: 'chooseCloud' as const, cloud })),
  { verb: 'chooseCloud', cloud: 'usGovernment' },
  { verb: 'cancel' },
  { verb: 'submitAddress', email: 'sara@contoso.com' },
  { verb: 'noWorkAddress' },
  { verb: 'confirmSignup', preview: '7d3f0c9e-1a2b-4c5d-8e9f-0a1b2c3d4e5f' },
  { verb: 'changeAddress' },
  { verb: 'changeAddress', service: 'Power BI' },
  { verb: 'submitDomain', domain: 'contoso.com' },
  { verb: 'startTakeover', domain: 'contoso.com' },
  { verb: 'submitTakeoverDomain', domain: 'contoso.com' },
  { verb: 'chooseTakeoverKind', kind: 'internal' },
  { verb: 'chooseTakeoverKind', kind: 'external' },
  { verb: 'submitTakeoverValue', request: '0b6f3c1e-2d4a-4e8b-9c7d-1a2b3c4d5e6f', value: '@ 3600 IN TXT "MS=ms12345678"' },
  ...(['verifyTakeover', 'finishedInMicrosoft', 'recheckTakeover', 'cancelTakeover', 'buyLicenses', 'postponeLicenses'] as const).map((verb) => ({
    verb,
    request: '0b6f3c1e-2d4a-4e8b-9c7d-1a2b3c4d5e6f',
  })),
  { verb: 'feedback', answer: '0b6f3c1e-2d4a-4e8b-9c7d-1a2b3c4d5e6f', helpful: true },
  { verb: 'feedback', answer: '0b6f3c1e-2d4a-4e8b-9c7d-1a2b3c4d5e6f', helpful: false },
  { verb: 'submitTicket', question: 'My laptop will not sync', card: '5c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f' },
  { verb: 'assignTicket', ticket: 'HD-1042' },
  { verb: 'resolveTicket', ticket: 'HD-1042', note: 'Reset the sync client' },
  { verb: 'withdrawTicket', ticket: 'HD-1042' },
];

describe('readCardAction: Action.Submit data', () => {
  it.each(GOOD_ACTIONS)('reads %j', (data) => {
    expect(readCardAction(data)).toEqual(data);
  });

  it('covers every verb in ALL_VERBS', () => {
    expect(new Set(GOOD_ACTIONS.map((a) => a.verb))).toEqual(new Set(ALL_VERBS));
  });

  it('keeps only a known service on "use another address"', () => {
    expect(readCardAction({ verb: 'changeAddress', service: 'Evil <b>service</b>' })).toEqual({ verb: 'changeAddress' });
    expect(readCardAction({ verb: 'changeAddress', service: 42 })).toEqual({ verb: 'changeAddress' });
  });

  it('drops fields the verb does not use', () => {
    expect(readCardAction({ verb: 'showHelp', topic: 'signup', extra: { deep: true } })).toEqual({ verb: 'showHelp' });
    expect(readCardAction({ verb: 'chooseCloud', cloud: 'worldwide', orgType: 'school' })).toEqual({ verb: 'chooseCloud', cloud: 'worldwide' });
  });

  it('ignores what Teams adds to Submit data', () => {
    const value = { verb: 'startTopic', topic: 'signup', msteams: { type: 'messageBack', displayText: 'Signing up' } };
    expect(readCardAction(value)).toEqual({ verb: 'startTopic', topic: 'signup' });
  });

  it('returns a new object, not the client data', () => {
    const data = { verb: 'chooseOrgType', orgType: 'school' };
    expect(readCardAction(data)).not.toBe(data);
  });
});

describe('readCardAction: card fields', () => {
  it('passes what was typed in a field on as text, unchecked, for the dialog to explain', () => {
    expect(readCardAction({ verb: 'submitAddress', email: ' not an address ' })).toEqual({ verb: 'submitAddress', email: ' not an address ' });
    expect(readCardAction({ verb: 'submitDomain', domain: 'con toso.com' })).toEqual({ verb: 'submitDomain', domain: 'con toso.com' });
    const request = '0b6f3c1e-2d4a-4e8b-9c7d-1a2b3c4d5e6f';
    expect(readCardAction({ verb: 'submitTakeoverValue', request, value: ' "MS=ms1" ' })).toEqual({ verb: 'submitTakeoverValue', request, value: ' "MS=ms1" ' });
    expect(readCardAction({ verb: 'submitTakeoverValue', request })).toEqual({ verb: 'submitTakeoverValue', request, value: '' });
  });

  it('reads a missing or non-text field as empty', () => {
    expect(readCardAction({ verb: 'submitAddress' })).toEqual({ verb: 'submitAddress', email: '' });
    expect(readCardAction({ verb: 'submitAddress', email: { $gt: '' } })).toEqual({ verb: 'submitAddress', email: '' });
    expect(readCardAction({ verb: 'submitDomain', domain: ['contoso.com'] })).toEqual({ verb: 'submitDomain', domain: '' });
  });

  it('cuts a huge field to just over the longest input, so the dialog still says it is too long', () => {
    const read = readCardAction({ verb: 'submitAddress', email: `${'a'.repeat(100_000)}@contoso.com` });
    expect(read?.verb === 'submitAddress' && read.email.length).toBe(1001);
  });

  it('refuses a takeover button whose domain is not a domain', () => {
    for (const domain of ['', 'con toso.com', 'a'.repeat(300), 42, null, '../../etc/passwd']) {
      expect(readCardAction({ verb: 'startTakeover', domain })).toEqual(UNKNOWN);
    }
  });

  it('normalizes the domain of a takeover button', () => {
    expect(readCardAction({ verb: 'startTakeover', domain: 'Bücher.NL' })).toEqual({ verb: 'startTakeover', domain: 'xn--bcher-kva.nl' });
  });

  it('refuses a takeover button whose request id is not a request id', () => {
    for (const request of ['', 'abc', '../../etc', 42, null, { id: 'x' }, '0B6F3C1E-2D4A-4E8B-9C7D-1A2B3C4D5E6F '.repeat(2)]) {
      expect(readCardAction({ verb: 'verifyTakeover', request })).toEqual(UNKNOWN);
      expect(readCardAction({ verb: 'finishedInMicrosoft', request })).toEqual(UNKNOWN);
      expect(readCardAction({ verb: 'submitTakeoverValue', request, value: 'MS=ms12345678' })).toEqual(UNKNOWN);
    }
    expect(readCardAction({ verb: 'chooseTakeoverKind', kind: 'hostile' })).toEqual(UNKNOWN);
  });

  it('keeps the preview id of a confirmation only as short text', () => {
    expect(readCardAction({ verb: 'confirmSignup' })).toEqual({ verb: 'confirmSignup', preview: '' });
    expect(readCardAction({ verb: 'confirmSignup', preview: 'x'.repeat(500) })).toEqual({ verb: 'confirmSignup', preview: 'x'.repeat(100) });
  });
});

describe('readCardAction: Action.Execute invoke', () => {
  it('reads the verb and the data of the action', () => {
    const value = { action: { type: 'Action.Execute', verb: 'startTopic', data: { topic: 'amIAdmin' } } };
    expect(readCardAction(value)).toEqual({ verb: 'startTopic', topic: 'amIAdmin' });
  });

  it.each(GOOD_ACTIONS)('reads %j sent as Action.Execute', ({ verb, ...data }) => {
    expect(readCardAction({ action: { type: 'Action.Execute', verb, data } })).toEqual({ verb, ...data });
  });

  it('reads an Action.Execute without data', () => {
    expect(readCardAction({ action: { type: 'Action.Execute', verb: 'showHelp' } })).toEqual({ verb: 'showHelp' });
  });

  it('takes the verb of the action, not a verb hidden in its data', () => {
    const value = { action: { type: 'Action.Execute', verb: 'startTopic', data: { verb: 'showHelp', topic: 'signup' } } };
    expect(readCardAction(value)).toEqual({ verb: 'startTopic', topic: 'signup' });
  });

  it('treats forged Action.Execute values as unknown', () => {
    expect(readCardAction({ action: { type: 'Action.Execute', verb: 'deleteTenant', data: {} } })).toEqual(UNKNOWN);
    expect(readCardAction({ action: { type: 'Action.Execute', verb: 'startTopic', data: { topic: 'hack' } } })).toEqual(UNKNOWN);
    expect(readCardAction({ action: { type: 'Action.Execute', verb: 'chooseCloud', data: 'worldwide' } })).toEqual(UNKNOWN);
    expect(readCardAction({ action: { type: 'Action.Execute', verb: 42 } })).toEqual(UNKNOWN);
  });

  it('does not invent a verb for an Action.Execute without one', () => {
    const read = readCardAction({ action: { type: 'Action.Execute', data: { topic: 'signup' } } });
    expect(read === undefined || read.verb === 'unknown').toBe(true);
  });
});

describe('readCardAction: stale or forged data', () => {
  it.each([
    ['an unknown verb', { verb: 'deleteTenant' }],
    ['a verb in another case', { verb: 'ShowHelp' }],
    ['a verb with spaces', { verb: ' showHelp ' }],
    ['an empty verb', { verb: '' }],
    ['a non-string verb', { verb: 42 }],
    ['a null verb', { verb: null }],
    ['an array verb', { verb: ['showHelp'] }],
    ['an Object.prototype member as verb', { verb: 'toString' }],
    ['"constructor" as verb', { verb: 'constructor' }],
    ['"__proto__" as verb', { verb: '__proto__' }],
    ['the verb "unknown" itself', { verb: 'unknown' }],
    ['startTopic with an unknown topic', { verb: 'startTopic', topic: 'hack' }],
    ['startTopic without a topic', { verb: 'startTopic' }],
    ['startTopic with a number topic', { verb: 'startTopic', topic: 1 }],
    ['startTopic with an object topic', { verb: 'startTopic', topic: { toString: 'signup' } }],
    ['startTopic with an array topic', { verb: 'startTopic', topic: ['signup'] }],
    ['chooseOrgType with a number', { verb: 'chooseOrgType', orgType: 42 }],
    ['chooseOrgType with an unknown type', { verb: 'chooseOrgType', orgType: 'government' }],
    ['chooseOrgType with a type in another case', { verb: 'chooseOrgType', orgType: 'School' }],
    ['chooseOrgType without a type', { verb: 'chooseOrgType' }],
    ['chooseCloud with an unknown cloud', { verb: 'chooseCloud', cloud: 'mars' }],
    ['chooseCloud with a null cloud', { verb: 'chooseCloud', cloud: null }],
    ['chooseCloud without a cloud', { verb: 'chooseCloud' }],
  ])('gives unknown for %s', (_name, value) => {
    expect(readCardAction(value)).toEqual(UNKNOWN);
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'showHelp'],
    ['a JSON string', '{"verb":"showHelp"}'],
    ['a number', 42],
    ['zero', 0],
    ['true', true],
    ['an empty object', {}],
    ['an object without verb', { topic: 'signup' }],
    ['an empty array', []],
    ['an array of actions', [{ verb: 'showHelp' }]],
    ['an array of strings', ['verb', 'showHelp']],
  ])('gives undefined for %s: it carries no verb', (_name, value) => {
    expect(readCardAction(value)).toBeUndefined();
  });

  it('never gives a valid action for a verb that is not a string it knows', () => {
    for (const verb of [undefined, null, 0, 1, true, {}, [], 'help', 'SHOWHELP', 'startTopic ']) {
      const read = readCardAction({ verb, topic: 'signup', orgType: 'school', cloud: 'worldwide' });
      expect(read === undefined || read.verb === 'unknown').toBe(true);
    }
  });
});

describe('readCardAction: prototype-pollution style keys', () => {
  it('does not read a verb from a "__proto__" key', () => {
    const value: unknown = JSON.parse('{"__proto__": {"verb": "showHelp"}}');
    const read = readCardAction(value);
    expect(read === undefined || read.verb === 'unknown').toBe(true);
  });

  it('does not read the fields of a verb from a "__proto__" key', () => {
    const value: unknown = JSON.parse('{"verb": "startTopic", "__proto__": {"topic": "signup"}}');
    expect(readCardAction(value)).toEqual(UNKNOWN);
  });

  it('does not read a verb from "__proto__" inside Action.Execute data', () => {
    const value: unknown = JSON.parse('{"action": {"type": "Action.Execute", "verb": "chooseCloud", "data": {"__proto__": {"cloud": "worldwide"}}}}');
    expect(readCardAction(value)).toEqual(UNKNOWN);
  });

  it('does not read a verb from a "__proto__" key of the Action.Execute action', () => {
    const value: unknown = JSON.parse('{"action": {"type": "Action.Execute", "__proto__": {"verb": "showHelp"}}}');
    const read = readCardAction(value);
    expect(read === undefined || read.verb === 'unknown').toBe(true);
  });

  it('does not change Object.prototype', () => {
    readCardAction(JSON.parse('{"__proto__": {"verb": "showHelp", "polluted": true}}'));
    readCardAction(JSON.parse('{"action": {"verb": "showHelp", "data": {"__proto__": {"polluted": true}}}}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).verb).toBeUndefined();
  });

  it('reads only own properties: a verb inherited from a prototype is not card data', () => {
    const inherited = Object.create({ verb: 'showHelp' }) as object;
    const read = readCardAction(inherited);
    expect(read === undefined || read.verb === 'unknown').toBe(true);
  });
});

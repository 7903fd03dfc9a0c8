import { describe, expect, it } from '@jest/globals';
import { validateAdaptiveCard } from './cardValidator.js';

const goodCard = {
  type: 'AdaptiveCard',
  version: '1.5',
  body: [{ type: 'TextBlock', text: 'Hello', wrap: true }],
  actions: [{ type: 'Action.Submit', title: 'Help', data: { verb: 'showHelp' } }],
};

describe('validateAdaptiveCard', () => {
  it('accepts a small valid card', () => {
    expect(validateAdaptiveCard(goodCard)).toEqual([]);
  });

  it('reports a broken card: version 1.6, an unknown element and a TextBlock without text', () => {
    const problems = validateAdaptiveCard({
      type: 'AdaptiveCard',
      version: '1.6',
      body: [{ type: 'NoSuchElement' }, { type: 'TextBlock' }],
    });
    expect(problems.some((p) => p.includes('1.6'))).toBe(true);
    expect(problems.some((p) => p.includes('NoSuchElement'))).toBe(true);
    expect(problems.some((p) => p.includes('TextBlock without text'))).toBe(true);
  });

  it('compares versions numerically: 1.10 is above 1.5', () => {
    expect(validateAdaptiveCard({ ...goodCard, version: '1.10' })).toContainEqual(expect.stringContaining('above'));
    expect(validateAdaptiveCard({ ...goodCard, version: '1.4' })).toEqual([]);
  });

  it('reports a wrong type and a missing version', () => {
    const problems = validateAdaptiveCard({ type: 'HeroCard', body: [] });
    expect(problems).toContainEqual(expect.stringContaining('type'));
    expect(problems).toContainEqual('version is missing');
  });

  it('reports template expressions and placeholders that were not filled', () => {
    const card = { ...goodCard, body: [{ type: 'TextBlock', text: '${title} works at {org}' }] };
    const problems = validateAdaptiveCard(card);
    expect(problems).toContainEqual(expect.stringContaining('template expressions left'));
    expect(problems).toContainEqual(expect.stringContaining('{org}'));
  });

  it('reports an Action.Submit without title or verb, also inside an ActionSet', () => {
    const card = {
      ...goodCard,
      body: [{ type: 'ActionSet', actions: [{ type: 'Action.Submit', title: 'Go', data: { topic: 'signup' } }] }],
      actions: [{ type: 'Action.Submit', data: { verb: 'showHelp' } }],
    };
    const problems = validateAdaptiveCard(card);
    expect(problems).toContainEqual(expect.stringContaining('without data.verb'));
    expect(problems).toContainEqual(expect.stringContaining('without title'));
  });

  it('allows the 6 actions Teams shows, and reports a 7th', () => {
    const action = (i: number) => ({ type: 'Action.Submit', title: `Button ${i}`, data: { verb: 'showHelp' } });
    expect(validateAdaptiveCard({ ...goodCard, actions: [1, 2, 3, 4, 5, 6].map(action) })).toEqual([]);
    const problems = validateAdaptiveCard({ ...goodCard, actions: [1, 2, 3, 4, 5, 6, 7].map(action) });
    expect(problems).toContainEqual(expect.stringContaining('Maximum number of actions exceeded'));
  });

  it('reports something that is not a card at all', () => {
    expect(validateAdaptiveCard(null)).not.toEqual([]);
    expect(validateAdaptiveCard('card')).not.toEqual([]);
  });
});

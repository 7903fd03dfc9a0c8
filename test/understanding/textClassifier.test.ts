import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { featuresOf, TextClassifier, wordsOf } from '../../understanding/textClassifier.js';
import { modelKey, topicClassifier, type Corpus } from '../../understanding/topicModels.js';

const EXAMPLES = [
  { text: 'who is the admin of our tenant', label: 'admin' },
  { text: 'which person manages our organization', label: 'admin' },
  { text: 'who can reset my password', label: 'admin' },
  { text: 'I want to sign up for Power BI', label: 'signup' },
  { text: 'signing up with my work email fails', label: 'signup' },
  { text: 'how do I register for a free trial', label: 'signup' },
  { text: 'what is the weather tomorrow', label: 'none' },
  { text: 'tell me a joke', label: 'none' },
];

const TINY: Corpus = {
  whoIsMyAdmin: ['who is my admin', 'who manages our tenant', 'who can reset my password'],
  amIAdmin: ['am I an admin', 'what is my role', 'how do I open the admin center'],
  signup: ['sign up for power bi', 'register with my work email', 'start a free trial'],
  domainInUse: ['the domain is already in use', 'domain verified in another tenant', 'domain belongs to another directory'],
  takeover: ['take over the unmanaged tenant', 'become the admin of a shadow tenant', 'admin takeover txt record'],
  escalate: ['I want to talk to a person', 'open a ticket for me', 'call me please'],
  greeting: ['hello', 'good morning', 'hi there'],
  none: ['what is the weather', 'tell me a joke', 'the printer is jammed'],
};

describe('the text classifier', () => {
  const model = TextClassifier.train(EXAMPLES);

  it('reads words without case or accents, with pairs of words and pieces of each', () => {
    expect(wordsOf("Wie is m'n BÉHEERDER?")).toEqual(['wie', 'is', 'm', 'n', 'beheerder']);
    expect(featuresOf('Sign up')).toEqual(expect.arrayContaining(['w:sign', 'w:up', 'b:sign_up', 'c:<si', 'c:sign>', 'c:<up>']));
  });

  it('ranks every label by a probability, and generalises to forms it never saw ("registering", "administrator")', () => {
    const ranked = model.classify('registering for the Power BI trial');
    expect(ranked.map((scored) => scored.label).sort()).toEqual(['admin', 'none', 'signup']);
    expect(ranked[0]?.label).toBe('signup');
    expect(ranked.reduce((sum, scored) => sum + scored.score, 0)).toBeCloseTo(1, 6);
    expect(model.classify('who is the administrator here')[0]?.label).toBe('admin');
  });

  it('is not sure of a message that shares nothing with what it learned: the labels get about their prior, never 1.00', () => {
    expect(model.knownFeatures('qqq zzz')).toBe(0);
    // 3 of the 8 examples are about the admin, 3 about signing up, 2 about neither.
    expect(Object.fromEntries(model.classify('qqq zzz').map(({ label, score }) => [label, Number(score.toFixed(3))]))).toEqual({ admin: 0.375, signup: 0.375, none: 0.25 });
  });

  it('gives the same scores after a round trip through JSON', () => {
    const loaded = TextClassifier.fromJSON(JSON.parse(JSON.stringify(model)));
    for (const text of ['who resets passwords', 'sign me up', 'a joke please']) {
      const before = model.classify(text);
      const after = loaded.classify(text);
      expect(after.map((scored) => scored.label)).toEqual(before.map((scored) => scored.label));
      after.forEach((scored, i) => expect(scored.score).toBeCloseTo(before[i]?.score ?? -1, 4));
    }
  });

  it('refuses a saved model whose numbers do not match its features', () => {
    const saved = model.toJSON();
    expect(() => TextClassifier.fromJSON({ ...saved, features: saved.features.slice(1) })).toThrow(/inconsistent/);
  });
});

describe('the saved topic models', () => {
  it('trains once per corpus: the next start loads the saved model, a changed corpus trains a new one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'topic-models-'));
    const trained = topicClassifier('en', TINY, dir);
    expect(readdirSync(dir)).toEqual([`${modelKey('en', TINY)}.json`]);
    const loaded = topicClassifier('en', TINY, dir);
    expect(loaded.classify('who is the admin')).toEqual(trained.classify('who is the admin').map((scored) => ({ ...scored, score: expect.closeTo(scored.score, 4) })));

    const changed: Corpus = { ...TINY, greeting: [...TINY.greeting, 'hey bot'] };
    expect(modelKey('en', changed)).not.toBe(modelKey('en', TINY));
    topicClassifier('en', changed, dir);
    expect(readdirSync(dir).sort()).toEqual([`${modelKey('en', TINY)}.json`, `${modelKey('en', changed)}.json`].sort());
  });

  it('trains again over a damaged saved model, and works where nothing can be saved', () => {
    const dir = mkdtempSync(join(tmpdir(), 'topic-models-'));
    writeFileSync(join(dir, `${modelKey('nl', TINY)}.json`), '{"labels": [');
    expect(topicClassifier('nl', TINY, dir).classify('who is my admin')[0]?.label).toBe('whoIsMyAdmin');
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, '');
    expect(topicClassifier('nl', TINY, file).classify('hello')[0]?.label).toBe('greeting');
    expect(existsSync(join(file, `${modelKey('nl', TINY)}.json`))).toBe(false);
  });
});

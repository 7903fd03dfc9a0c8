/** How the terminal chat (`npm run chat`) and the tests read a card: devtools/cardText.ts. */
import { describe, expect, it } from '@jest/globals';
import { domainQuestionCard } from '../../cards/domainQuestionCard.js';
import { answerCard } from '../../cards/renderCard.js';
import { viewCard } from '../../devtools/cardText.js';
import { stringsFor } from '../../locales/strings.js';

const en = stringsFor('en');

describe('viewCard', () => {
  it('shows an empty field with a placeholder as empty, with the placeholder as a hint, not as its value', () => {
    const view = viewCard(domainQuestionCard(en, 'takeover', '', false).content);

    expect(view.lines).toContain(`${en.takeover.domainLabel}: (empty; hint: ${en.takeover.domainPlaceholder})`);
    expect(view.lines).not.toContain(`${en.takeover.domainLabel}: [${en.takeover.domainPlaceholder}]`);
    // What a button sends with the card: the empty field, never the placeholder.
    expect(view.inputs).toEqual([{ id: 'domain', label: en.takeover.domainLabel, value: '' }]);
  });

  it('reads what is behind a toggle as lines, and does not offer the toggle as a button that sends something', () => {
    const view = viewCard(answerCard({ paragraphs: ['Short answer.'], details: { toggle: 'More', paragraphs: ['The rest.'] }, actions: [{ title: 'Help', data: { verb: 'showHelp' } }] }).content);

    expect(view.lines).toEqual(['Short answer.', 'The rest.']);
    expect(view.buttons).toEqual([{ title: 'Help', data: { verb: 'showHelp' } }]);
  });

  it('shows a pre-filled field with its value', () => {
    const view = viewCard(domainQuestionCard(en, 'takeover', 'fabrikam.com', false).content);

    expect(view.lines).toContain(`${en.takeover.domainLabel}: [fabrikam.com]`);
    expect(view.inputs).toEqual([{ id: 'domain', label: en.takeover.domainLabel, value: 'fabrikam.com' }]);
  });

  it('shows an empty field without a placeholder as empty', () => {
    const view = viewCard({ type: 'AdaptiveCard', body: [{ type: 'Input.Text', id: 'note', label: 'Note' }] });

    expect(view.lines).toEqual(['Note: (empty)']);
    expect(view.inputs).toEqual([{ id: 'note', label: 'Note', value: '' }]);
  });
});

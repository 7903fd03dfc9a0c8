import { describe, expect, it } from '@jest/globals';
import { shorten } from '../../../services/tickets/shorten.js';

describe('shorten', () => {
  it('leaves text within the limit as it is', () => {
    expect(shorten('kunt u mij alstublieft helpen', 40)).toBe('kunt u mij alstublieft helpen');
  });

  it('cuts at the last word that fits, with an ellipsis, within the limit', () => {
    const cut = shorten('kunt u mij alstublieft doorverbinden met een medewerker', 30);
    expect(cut).toBe('kunt u mij alstublieft…');
    expect(cut.length).toBeLessThanOrEqual(30);
  });

  it('cuts a text without spaces where it must', () => {
    expect(shorten('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

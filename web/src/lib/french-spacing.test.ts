import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { apiMessage } from './api-messages';
import { frenchSpacing } from './french-spacing';
import { registerTexts } from './texts';

describe('French spacing', () => {
  it('puts a narrow no-break space before « : ; ! ? » and inside guillemets, and leaves the rest alone', () => {
    expect(frenchSpacing('Objet : relance ; merci ! Payée ? « firm »')).toBe('Objet\u202f: relance\u202f; merci\u202f! Payée\u202f? «\u202ffirm\u202f»');
    expect(frenchSpacing('Objet\u00a0:')).toBe('Objet\u202f:');
    for (const kept of ['https://relances.dev/p/x?y=1', '{{a}}:{{b}}', 'J+8', '10 000,00 €']) expect(frenchSpacing(kept)).toBe(kept);
  });

  it('is applied to the French texts, first-load and registered by a screen, never to the English ones', async () => {
    const texts = registerTexts('frenchSpacingProbe', { line: 'Lettre commune : {{numbers}} ?' }, { line: 'Shared letter: {{numbers}}?' });
    expect(texts.fr.line).toBe('Lettre commune : {{numbers}} ?');
    expect(i18next.t('frenchSpacingProbe.line', { numbers: 'F-1 : F-2', lng: 'fr' })).toBe('Lettre commune\u202f: F-1 : F-2\u202f?');
    expect(i18next.t('frenchSpacingProbe.line', { numbers: 'F-1', lng: 'en' })).toBe('Shared letter: F-1?');
    const french = Object.values(i18next.getResourceBundle('fr', 'translation') as object).flatMap(function leaves(v: unknown): string[] {
      return typeof v === 'string' ? [v] : Object.values(v as object).flatMap(leaves);
    });
    expect(french.length).toBeGreaterThan(100);
    expect(french.filter((v) => /[ \u00a0][:;!?»]|«[ \u00a0]/.test(v))).toEqual([]);
  });

  it('is applied to the API’s messages said in French, not to one left as the API wrote it', () => {
    expect(apiMessage('Invalid input: expected "EUR"', 'fr')).toBe('Valeur attendue\u202f: EUR');
    expect(apiMessage('Invalid input: expected "EUR"', 'en')).toBe('Expected: EUR');
    expect(apiMessage('Something new : unknown', 'fr')).toBe('Something new : unknown');
  });
});

import { readFileSync } from 'node:fs';
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Stat } from './ui';

const dd = (value: React.ReactNode) => render(<dl><Stat label="Reste dû" value={value} /></dl>).container.querySelector('dd')!;

describe('a figure card', () => {
  it('keeps an amount on one line, sized by its length (« 1 000 000, » then « 00 € » on a 375 px phone), a wrapped one too', () => {
    const million = dd('1\u202f000\u202f000,00\u00a0€');
    expect(million.className).toBe('figure');
    expect(million.style.getPropertyValue('--chars')).toBe('14');
    const balance = dd(<span data-testid="balance">€11,880,000.00</span>);
    expect(balance.className).toBe('figure');
    expect(balance.style.getPropertyValue('--chars')).toBe('14');
    // What the class does (checked at 375 px in Chromium: every figure on one line up to 112 880 000,02 €, no sideways scroll).
    const css = readFileSync('web/src/styles.css', 'utf8');
    expect(css).toMatch(/\.stat dd\.figure \{ white-space: nowrap;[^}]*font-size: min\(1\.3rem, 100cqi \/ \(var\(--chars\)/);
  });

  it('lets a text wrap as text (a service period, a date)', () => {
    for (const text of ['31 août 2026', 'Du 2 nov. 2026 au 5 nov. 2026', '12 jours']) {
      const el = dd(text);
      expect(el.className, text).toBe('');
      expect(el.style.getPropertyValue('--chars'), text).toBe('');
    }
  });
});

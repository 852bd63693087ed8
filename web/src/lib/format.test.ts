import { describe, expect, it } from 'vitest';
import { en } from '../locales/en';
import { fr } from '../locales/fr';
import { centsToInput, formatCompactMoney, formatDate, formatMoney, formatVatRate, parseMoney } from './format';

// Intl writes French amounts with narrow no-break spaces; compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('money and dates through Intl', () => {
  it('formats integer cents as euros in French and English', () => {
    expect(plain(formatMoney(123456, 'fr'))).toBe('1 234,56 €');
    expect(formatMoney(123456, 'en')).toBe('€1,234.56');
    expect(plain(formatMoney(-5, 'fr'))).toBe('-0,05 €');
    expect(plain(formatMoney(0, 'fr'))).toBe('0,00 €');
  });

  it('formats a business date as that calendar day whatever the time zone', () => {
    expect(formatDate('2026-01-01', 'fr')).toBe('1 janv. 2026');
    expect(formatDate('2026-12-31', 'en')).toBe('31 Dec 2026');
  });

  it('parses what a person types into cents, refusing anything else', () => {
    expect(parseMoney('1 234,56')).toBe(123456);
    expect(parseMoney('1234.5')).toBe(123450);
    expect(parseMoney('12')).toBe(1200);
    expect(parseMoney('12 €')).toBe(1200);
    expect(parseMoney('0,07')).toBe(7);
    expect(parseMoney('12,345')).toBeUndefined();
    expect(parseMoney('-3')).toBeUndefined();
    expect(parseMoney('abc')).toBeUndefined();
    expect(parseMoney('')).toBeUndefined();
  });

  it('writes VAT rates as each language does', () => {
    const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
    expect(plain(formatVatRate(5.5, 'fr'))).toBe('5,5 %');
    expect(plain(formatVatRate(20, 'fr'))).toBe('20 %');
    expect(formatVatRate(5.5, 'en')).toBe('5.5%');
    expect(formatVatRate(2.1, 'en')).toBe('2.1%');
  });

  it('reads thousands separators as English and German-style writers type them', () => {
    expect(parseMoney('1,234.56')).toBe(123456);
    expect(parseMoney('€1,234.56')).toBe(123456);
    expect(parseMoney('12,345,678.9')).toBe(1234567890);
    expect(parseMoney('1.234,56')).toBe(123456);
    expect(parseMoney('1,23.45')).toBeUndefined();
    expect(parseMoney('1,234.567')).toBeUndefined();
    expect(parseMoney('1.2.3')).toBeUndefined();
  });

  it('shows in its refusal message only examples it accepts, none using a thousands separator it would refuse', () => {
    // « 10,000 » is refused (ten thousand, or ten with a stray decimal?): the message must not teach it (it said « 1,234.56 » alone).
    expect(parseMoney('10,000')).toBeUndefined();
    for (const message of [en.errors.amount, fr.errors.amount]) {
      const examples = /\((?:e\.g\.|ex\.) (.+)\)$/.exec(message)![1]!.split(/ or | ou /);
      expect(examples.length).toBeGreaterThan(0);
      for (const example of examples) expect(parseMoney(example), `${message}: ${example}`).toBeGreaterThan(0);
    }
    expect(en.errors.amount).toMatch(/\b10000\b/);
    expect(parseMoney('10000')).toBe(1_000_000);
    expect(parseMoney('10,000.00')).toBe(1_000_000);
  });

  it('round-trips cents through the amount input', () => {
    for (const cents of [0, 1, 99, 100, 123456, 9_999_999]) {
      expect(parseMoney(centsToInput(cents, 'fr'))).toBe(cents);
      expect(parseMoney(centsToInput(cents, 'en'))).toBe(cents);
    }
  });

  it('writes a chart axis’s thousands without rounding a 750 € step away', () => {
    const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
    expect(plain(formatCompactMoney(225_000, 'fr'))).toBe('2,25 k €');
    expect(plain(formatCompactMoney(150_000, 'fr'))).toBe('1,5 k €');
    expect(formatCompactMoney(225_000, 'en')).toBe('€2.25k');
    expect(plain(formatCompactMoney(75_000, 'fr'))).toBe('750 €');
  });
});

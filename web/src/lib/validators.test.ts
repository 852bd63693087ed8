import { describe, expect, it } from 'vitest';
import { csvText, isValidIban, isValidSiren, phoneForApi, phoneForReading, phoneMissesTexts, searchTerm } from './validators';

describe('identifier checks', () => {
  it('accepts SIRENs with a valid Luhn key, spaces ignored, and refuses the others', () => {
    expect(isValidSiren('552100554')).toBe(true);
    expect(isValidSiren('552 100 554')).toBe(true);
    expect(isValidSiren('732829320')).toBe(true);
    expect(isValidSiren('356000000')).toBe(true); // La Poste
    expect(isValidSiren('552100555')).toBe(false);
    expect(isValidSiren('55210055')).toBe(false);
    expect(isValidSiren('55210055a')).toBe(false);
  });

  it('checks IBANs with mod 97, spaces and case ignored', () => {
    expect(isValidIban('FR76 3000 6000 0112 3456 7890 189')).toBe(true);
    expect(isValidIban('fr7630006000011234567890189')).toBe(true);
    expect(isValidIban('DE89 3704 0044 0532 0130 00')).toBe(true);
    expect(isValidIban('FR76 3000 6000 0112 3456 7890 188')).toBe(false);
    expect(isValidIban('FR00')).toBe(false);
  });
});

describe('search terms', () => {
  it('keeps a search with a letter or a digit, and drops one the API would refuse', () => {
    expect(searchTerm('  Dupré ')).toBe('Dupré');
    expect(searchTerm('0042')).toBe('0042');
    expect(searchTerm('-')).toBe('');
    expect(searchTerm(' % ')).toBe('');
  });
});

describe('CSV files as saved', () => {
  const bytes = (...b: number[]) => new Uint8Array(b).buffer;
  it('reads UTF-8 (its BOM dropped) and Windows-1252 (French Excel) with their accents', () => {
    // "Numéro;Réf" in UTF-8 with a BOM
    expect(csvText(new TextEncoder().encode('\ufeffNuméro;Réf').buffer as ArrayBuffer)).toBe('Numéro;Réf');
    // "Numéro;Dupré €" in Windows-1252: é = 0xE9, € = 0x80
    expect(csvText(bytes(0x4e, 0x75, 0x6d, 0xe9, 0x72, 0x6f, 0x3b, 0x44, 0x75, 0x70, 0x72, 0xe9, 0x20, 0x80))).toBe('Numéro;Dupré €');
  });
});

describe('a phone number as typed in France', () => {
  it('becomes E.164 from its national form, an overseas number with its own code; anything else is left for the API to judge', () => {
    expect(phoneForApi('06 12 34 56 78')).toBe('+33612345678');
    expect(phoneForApi(' 07.12.34.56.78 ')).toBe('+33712345678');
    expect(phoneForApi('0033 6 12 34 56 78')).toBe('+33612345678');
    expect(phoneForApi('0690 12 34 56')).toBe('+590690123456');
    expect(phoneForApi('0696 12 34 56')).toBe('+596696123456');
    expect(phoneForApi('0692 12 34 56')).toBe('+262692123456');
    expect(phoneForApi('0694 12 34 56')).toBe('+594694123456');
    expect(phoneForApi('+32 470 12 34 56')).toBe('+32 470 12 34 56');
    expect(phoneForApi('06 12 34')).toBe('06 12 34');
    expect(phoneForApi('00 12')).toBe('00 12');
  });
});

describe('a stored phone shown for reading in a form', () => {
  it('is the national form a French artisan types, which phoneForApi turns back into exactly the stored E.164', () => {
    for (const [stored, reading] of [
      ['+33612345678', '06 12 34 56 78'],
      ['+33142000000', '01 42 00 00 00'],
      ['+590690123456', '06 90 12 34 56'],
      ['+262692123456', '06 92 12 34 56'],
    ] as const) {
      expect(phoneForReading(stored), stored).toBe(reading);
      expect(phoneForApi(reading), reading).toBe(stored);
    }
  });
  it('stays as stored when its national form would save another number, or it is from another country', () => {
    // 06 90… typed in France is a Guadeloupe mobile (+590), so +33 690… cannot be shown that way.
    for (const stored of ['+33690123456', '+590123456789', '+32470123456', '+447700900123', '+3361234', '06 12 34 56 78', '']) {
      expect(phoneForReading(stored), stored).toBe(stored);
      if (stored.startsWith('+') && !stored.includes(' ')) expect(phoneForApi(phoneForReading(stored))).toBe(stored);
    }
  });
});


describe('a phone that texts never reach (the server’s isSmsCapable, on the number as typed)', () => {
  it('is a French landline, special-rate or VoIP number, however it is typed', () => {
    for (const typed of ['01 42 00 00 00', '05.56.00.00.00', '+33 1 42 00 00 00', '0033 4 78 00 00 00', '08 00 00 00 00', '09 70 00 00 00']) expect(phoneMissesTexts(typed), typed).toBe(true);
  });
  it('is not a mobile, a number abroad, an empty field, or a number the API refuses anyway (said under the field by the API)', () => {
    for (const typed of ['', '06 12 34 56 78', '07 00 00 00 01', '+33 6 12 34 56 78', '+32 470 12 34 56', '0690 12 34 56', '06 12 34', '+33 06 12 34 56 78']) expect(phoneMissesTexts(typed), typed).toBe(false);
  });
});

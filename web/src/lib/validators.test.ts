import { describe, expect, it } from 'vitest';
import { isValidIban, isValidSiren } from './validators';

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

/**
 * A SIREN's last digit is a Luhn check digit (INSEE); La Poste's 356 000 000, issued before the
 * rule, is the one known exception. A SIRET (SIREN + 5-digit establishment number) is checked on its
 * SIREN: a typo in it would file the invoice under another company.
 */
export const isValidSiren = (digits: string): boolean => {
  if (!/^\d{9}$/.test(digits)) return false;
  if (digits === '356000000') return true;
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let d = Number(digits[8 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
};

export const SIREN_CHECK_MESSAGE = 'is not a valid SIREN (check digit)';

export const VAT_NUMBER_SHAPE_MESSAGE = 'must be a VAT number: a 2-letter country code then 2 to 13 letters or digits (FR 32 123456789)';
export const FRENCH_VAT_CHECK_MESSAGE = 'is not a valid French VAT number (FR, a 2-character key, then the SIREN: check the key and the SIREN)';

/** A VAT number as printed (`FR 32 123 456 789`, dots, lower case) written as the tax office does: `FR32123456789`. */
export const normalizeVatNumber = (value: string): string => value.replace(/[\s  .\-]+/g, '').toUpperCase();

/**
 * The problem with an intra-EU VAT number, if any (undefined when it holds). A French one is `FR`, a key,
 * then the SIREN: the SIREN's own check digit must hold, and a numeric key is (12 + 3 × (SIREN mod 97))
 * mod 97 (CGI, ann. II, art. 286 ter; a key with letters, given to some entities, is not computable).
 * Other countries are checked for shape only.
 */
export const vatNumberProblem = (value: string): string | undefined => {
  const v = normalizeVatNumber(value);
  if (!/^[A-Z]{2}[0-9A-Z]{2,13}$/.test(v)) return VAT_NUMBER_SHAPE_MESSAGE;
  if (!v.startsWith('FR')) return undefined;
  const match = /^FR([0-9A-Z]{2})(\d{9})$/.exec(v);
  if (!match || !isValidSiren(match[2]!)) return FRENCH_VAT_CHECK_MESSAGE;
  const key = match[1]!;
  if (/^\d{2}$/.test(key) && Number(key) !== (12 + 3 * (Number(match[2]) % 97)) % 97) return FRENCH_VAT_CHECK_MESSAGE;
  return undefined;
};

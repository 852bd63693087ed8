/** Identifier checks run in the form before the API sees them (the API checks the shape too). */

/** SIREN: 9 digits with a Luhn check digit (La Poste's 356000000 is the known exception). */
export const isValidSiren = (value: string): boolean => {
  const s = value.replace(/\s+/g, '');
  if (!/^\d{9}$/.test(s)) return false;
  if (s === '356000000') return true;
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let d = Number(s[8 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
};

/** IBAN: ISO 13616 mod-97 check (spaces and case ignored). */
export const isValidIban = (value: string): boolean => {
  const s = value.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(s)) return false;
  const moved = s.slice(4) + s.slice(0, 4);
  let remainder = 0;
  for (const ch of moved) {
    const digits = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder === 1;
};

export const normalizeSpaces = (value: string): string => value.replace(/\s+/g, '');

/** BIC: bank (4 letters), country (2), location (2), optional branch (3); spaces and case ignored, as the API does. */
export const isValidBic = (value: string): boolean => /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(normalizeSpaces(value).toUpperCase());

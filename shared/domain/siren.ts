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

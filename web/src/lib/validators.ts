/** Identifier checks run in the form before the API sees them (the API checks the shape too). */
import { E164, isSmsCapable } from '../../../shared/domain/client.js';

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

/**
 * Intra-EU VAT number (spaces, dots and case ignored, as the API does): a country code then 2 to 13 letters or
 * digits; a French one is FR, a key, then a valid SIREN, a numeric key being (12 + 3 × (SIREN mod 97)) mod 97.
 */
export const isValidVatNumber = (value: string): boolean => {
  const v = value.replace(/[\s.\-]+/g, '').toUpperCase();
  if (!/^[A-Z]{2}[0-9A-Z]{2,13}$/.test(v)) return false;
  if (!v.startsWith('FR')) return true;
  const match = /^FR([0-9A-Z]{2})(\d{9})$/.exec(v);
  if (!match || !isValidSiren(match[2]!)) return false;
  return !/^\d{2}$/.test(match[1]!) || Number(match[1]) === (12 + 3 * (Number(match[2]) % 97)) % 97;
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

/** A search the API takes: it refuses a `q` without a letter or a digit (`-`, `%`), so such a text searches nothing (the whole list). */
export const searchTerm = (value: string): string => {
  const q = value.trim();
  return /[\p{L}\p{N}]/u.test(q) ? q : '';
};

/**
 * The text of a CSV file as the user saved it: UTF-8 when it is valid UTF-8 (BOM dropped), else
 * Windows-1252, what French Excel writes for "CSV (séparateur : point-virgule)": accents kept either way.
 */
export const csvText = (bytes: ArrayBuffer): string => {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // Browsers decode 0x80–0x9F as Windows-1252 (€, ’, œ…); some runtimes as Latin-1 controls: mapped here alike.
    return new TextDecoder('windows-1252').decode(bytes).replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80]!);
  }
};

/** Windows-1252's characters at 0x80–0x9F (the five it leaves undefined stay as they are). */
const WINDOWS_1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** The overseas departments' national prefixes and their country codes (a 0690 mobile is +590 690…, not +33 690…). */
const OVERSEAS_PREFIXES: readonly [RegExp, string][] = [
  [/^0(590|690|691)/, '590'], // Guadeloupe, Saint-Martin, Saint-Barthélemy
  [/^0(594|694)/, '594'], // Guyane
  [/^0(596|696|697)/, '596'], // Martinique
  [/^0(262|263|269|639|692|693)/, '262'], // La Réunion, Mayotte
];

/**
 * A phone number as a French artisan types it, for the API (which keeps E.164): `06 12 34 56 78` is `+33612345678`,
 * `0033 6…` is `+33 6…`, an overseas number takes its own code (`0690 12 34 56` → `+590690123456`); anything else
 * is left as typed, for the API to accept (`+32 470…`) or refuse under the field.
 */
export const phoneForApi = (value: string): string => {
  const trimmed = value.trim();
  const digits = trimmed.replace(/[\s.()-]/g, '');
  if (/^00[1-9]\d{6,14}$/.test(digits)) return `+${digits.slice(2)}`;
  if (!/^0[1-9]\d{8}$/.test(digits)) return trimmed;
  const overseas = OVERSEAS_PREFIXES.find(([prefix]) => prefix.test(digits));
  return overseas ? `+${overseas[1]}${digits.slice(1)}` : `+33${digits.slice(1)}`;
};

/**
 * A stored E.164 phone as a French artisan reads (and types) it: `+33612345678` is `06 12 34 56 78`, an overseas
 * number `+590690123456` is `06 90 12 34 56`. Only when `phoneForApi` gives back exactly the stored value, so an
 * untouched form saves the same number; any other (`+32470123456`, or a value not in E.164) stays as stored.
 */
export const phoneForReading = (stored: string): string => {
  const national = /^\+(?:33|590|594|596|262)(\d{9})$/.exec(stored);
  if (!national) return stored;
  const reading = `0${national[1]}`.replace(/(\d{2})(?=\d)/g, '$1 ');
  return phoneForApi(reading) === stored ? reading : stored;
};


/**
 * A phone the API keeps but a text never reaches: a French landline (01–05), special-rate (08) or VoIP box (09)
 * number, as typed (`01 42 00 00 00`, `+33 9…`). The server's own rule (`isSmsCapable`) decides; a number it would
 * refuse (too short, `+33 06…`) is not this case: the API says so under the field.
 */
export const phoneMissesTexts = (value: string): boolean => {
  if (!value.trim()) return false;
  const phone = phoneForApi(value).replace(/[\s.()-]/g, '');
  return E164.test(phone) && !isSmsCapable(phone);
};

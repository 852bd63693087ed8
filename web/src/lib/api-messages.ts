/**
 * The API's field messages (problem+json `errors[].message`, English, for developers) said to the
 * user in their language. A message not listed here is shown as the API wrote it.
 */
import type { Lang } from './format';

const FR: Record<string, string> = {
  'must be a postal code': 'Code postal invalide',
  'must be 9 digits': '9 chiffres attendus',
  'must not be before issueDate': 'Ne peut pas précéder la date de facture',
  'must be an email address': 'Adresse e-mail invalide',
  'must be an IBAN': 'IBAN invalide',
  'is not a valid IBAN (check digits)': 'IBAN invalide (clé de contrôle)',
  'must be a BIC (bank, country, location, optional branch: 8 or 11 characters)': 'BIC invalide (8 ou 11 caractères, ex. BNPAFRPP)',
  'must be an E.164 phone number, e.g. +33612345678': 'Numéro au format international, ex. +33612345678',
  'must be a calendar date YYYY-MM-DD': 'Date invalide',
  'must be an https:// URL': 'Adresse https:// attendue',
  'must be a URL: no spaces, variables written {{name}}': 'Lien invalide : sans espace, variables écrites {{nom}}',
  'must be an IANA time zone': 'Fuseau horaire inconnu (ex. Europe/Paris)',
  'must be an ISO 3166 alpha-2 code': 'Code pays à 2 lettres (ex. FR)',
  'must say why': 'Indiquez le motif',
  'must be at least 1 cent': 'Au moins 0,01 €',
  'must be an integer number of cents': 'Montant invalide',
  'must have at most 3 decimals': '3 décimales au plus',
  'a contact needs an email or a phone': 'Un contact a besoin d’un e-mail ou d’un téléphone',
  'dueDate or paymentTermsDays is required': 'Indiquez une échéance ou un délai de paiement',
  'must not repeat a tag': 'Catégorie en double',
  'needs at least one instalment': 'Au moins une échéance',
  'must be 3-11 letters or digits, with at least one letter': '3 à 11 lettres ou chiffres, dont au moins une lettre',
  'must be a phone number, sender id, pool id or ARN': 'Numéro, nom d’expéditeur, pool ou ARN attendu',
  'give exactly one of percent or amountCents': 'Indiquez un pourcentage ou un montant, pas les deux',
};

const EN: Record<string, string> = {
  'must not be before issueDate': 'Must not be before the invoice date',
  'dueDate or paymentTermsDays is required': 'Give a due date or payment terms',
  'give exactly one of percent or amountCents': 'Give a percentage or an amount, not both',
};

/** Zod's own messages, by pattern: `Too small: expected string to have >=1 characters` is "required". */
const PATTERNS: { re: RegExp; fr: (m: RegExpExecArray) => string; en: (m: RegExpExecArray) => string }[] = [
  { re: /^Too small: expected string to have >=1 characters?$/, fr: () => 'Obligatoire', en: () => 'Required' },
  { re: /^Invalid input: expected \w+, received undefined$/, fr: () => 'Obligatoire', en: () => 'Required' },
  { re: /^Too small: expected string to have >=(\d+) characters$/, fr: (m) => `Au moins ${m[1]} caractères`, en: (m) => `At least ${m[1]} characters` },
  { re: /^Too big: expected string to have <=(\d+) characters$/, fr: (m) => `${m[1]} caractères au plus`, en: (m) => `At most ${m[1]} characters` },
  { re: /^Too small: expected (?:number|int) to be >=?(-?[\d.]+)$/, fr: (m) => `Au moins ${m[1]}`, en: (m) => `At least ${m[1]}` },
  { re: /^Too big: expected (?:number|int) to be <=?(-?[\d.]+)$/, fr: (m) => `Au plus ${m[1]}`, en: (m) => `At most ${m[1]}` },
  { re: /^Too big: expected array to have <=(\d+) items$/, fr: (m) => `${m[1]} au plus`, en: (m) => `At most ${m[1]}` },
  { re: /^Too small: expected array to have >=(\d+) items?$/, fr: (m) => `Au moins ${m[1]}`, en: (m) => `At least ${m[1]}` },
];

export const apiMessage = (message: string, lang: Lang): string => {
  const listed = (lang === 'fr' ? FR : EN)[message];
  if (listed) return listed;
  for (const p of PATTERNS) {
    const m = p.re.exec(message);
    if (m) return lang === 'fr' ? p.fr(m) : p.en(m);
  }
  return message;
};

/**
 * The API's field messages (problem+json `errors[].message`, English, for developers) said to the
 * user in their language. A message not listed here is shown as the API wrote it.
 */
import { formatDate, formatMoney, type Lang } from './format';

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
  // Whole-request refusals (problem+json `detail`) a user can meet through the screens.
  'Send or delete the draft deposit invoices first: a final invoice deducts issued deposits only':
    'Envoyez ou supprimez d’abord la facture d’acompte en brouillon : la facture finale ne déduit que les acomptes émis.',
  'Send the quote before recording the answer': 'Envoyez le devis avant d’enregistrer la réponse du client.',
  'Only a pending quote not yet sent can be edited': 'Seul un devis pas encore envoyé peut être modifié.',
  'The final invoice of this quote already exists': 'La facture finale de ce devis existe déjà.',
  'A draft is edited or deleted, not credited': 'Un brouillon se modifie ou se supprime : pas d’avoir.',
  'A payment cannot be dated in the future': 'Un paiement ne peut pas être daté dans le futur.',
  'A payment already made has a date up to today': 'Un paiement déjà reçu est daté d’aujourd’hui au plus tard.',
  'A pause ends on a later day': 'Une suspension se termine un jour suivant.',
  'Cancelling an issued invoice issues a credit note, which must say why': 'Annuler une facture émise crée un avoir : indiquez le motif.',
  'The invoice is already cancelled': 'La facture est déjà annulée.',
  'The invoice is already in litigation': 'La facture est déjà en contentieux.',
  'The invoice was written off: its balance is already credited': 'La facture est passée en perte : son reste dû est déjà couvert par un avoir.',
  'The template uses variables that do not exist': 'Le modèle utilise des variables qui n’existent pas.',
  'The template mentions penalties and would reach a consumer': 'Le modèle cite des pénalités et partirait vers un particulier.',
  'A template of this scenario mentions penalties and would reach a consumer': 'Un modèle de ce scénario cite des pénalités et partirait vers un particulier.',
  'The promised date is out of range': 'La date promise est hors des limites.',
  'The invoice changed or already got a reminder today: reload it and try again': 'La facture a changé ou a déjà été relancée aujourd’hui : rechargez la page et réessayez.',
  'Another message to this client went out meanwhile: the minimum gap applies. Send with "force": true to send anyway.':
    'Un autre message vient de partir vers ce client : l’écart minimum s’applique. Vous pouvez tout de même envoyer.',
  'No template to send': 'Aucun modèle à envoyer.',
  'The email could not be sent; nothing counts against today or the client gap: try again': 'L’e-mail n’a pas pu partir ; rien n’est compté : réessayez.',
};

const EN: Record<string, string> = {
  'must not be before issueDate': 'Must not be before the invoice date',
  'dueDate or paymentTermsDays is required': 'Give a due date or payment terms',
  'give exactly one of percent or amountCents': 'Give a percentage or an amount, not both',
};

type Pattern = { re: RegExp; fr: (m: RegExpExecArray) => string; en: (m: RegExpExecArray) => string };
const eurFr = (cents: string) => formatMoney(Number(cents), 'fr');
const eurEn = (cents: string) => formatMoney(Number(cents), 'en');
const dayFr = (iso: string) => (/^\d{4}-\d\d-\d\d$/.test(iso) ? formatDate(iso, 'fr') : iso);
const dayEn = (iso: string) => (/^\d{4}-\d\d-\d\d$/.test(iso) ? formatDate(iso, 'en') : iso);

/** What a 404 names (`<thing> not found`), in the user's words. */
const NOT_FOUND: Record<string, { fr: string; en: string }> = {
  Client: { fr: 'Ce client est introuvable', en: 'This client cannot be found' },
  'Credit note': { fr: 'Cet avoir est introuvable', en: 'This credit note cannot be found' },
  Invoice: { fr: 'Cette facture est introuvable', en: 'This invoice cannot be found' },
  Notification: { fr: 'Cette alerte est introuvable', en: 'This alert cannot be found' },
  'Payment plan': { fr: 'Aucun échéancier sur cette facture', en: 'No payment plan on this invoice' },
  Payment: { fr: 'Ce paiement est introuvable', en: 'This payment cannot be found' },
  'Pending payment plan request': { fr: 'Aucune demande d’échéancier en attente', en: 'No payment plan request waiting' },
  'Portal link': { fr: 'Ce lien est introuvable', en: 'This link cannot be found' },
  Quote: { fr: 'Ce devis est introuvable', en: 'This quote cannot be found' },
  'Reminder step': { fr: 'Cette étape de relance est introuvable', en: 'This reminder step cannot be found' },
  'Running payment plan': { fr: 'Aucun échéancier en cours', en: 'No running payment plan' },
  Scenario: { fr: 'Ce scénario est introuvable', en: 'This scenario cannot be found' },
  Template: { fr: 'Ce modèle est introuvable', en: 'This template cannot be found' },
};
const gone = (what: string, lang: Lang) => {
  const named = NOT_FOUND[what] ?? (what.startsWith('Template ') ? NOT_FOUND.Template : undefined);
  const text = named ? named[lang] : lang === 'fr' ? 'Introuvable' : 'Not found';
  return `${text}${lang === 'fr' ? ' : il a peut-être été supprimé, ou le lien est erroné.' : ': it may have been deleted, or the link is wrong.'}`;
};

/** Messages carrying cents or ISO dates: said with euros and dates as people write them. */
const WITH_VALUES: Pattern[] = [
  { re: /^(.+) not found$/, fr: (m) => gone(m[1]!, 'fr'), en: (m) => gone(m[1]!, 'en') },
  { re: /^must not exceed the balance of (\d+) cents$/, fr: (m) => `Ne peut pas dépasser le reste dû (${eurFr(m[1]!)})`, en: (m) => `Must not exceed the balance (${eurEn(m[1]!)})` },
  { re: /^The payment exceeds the balance due \((\d+) cents\)$/, fr: (m) => `Le paiement dépasse le reste dû (${eurFr(m[1]!)}).`, en: (m) => `The payment exceeds the balance due (${eurEn(m[1]!)}).` },
  { re: /^must be between 1 and (\d+) cents$/, fr: (m) => `Entre 0,01 € et ${eurFr(m[1]!)}`, en: (m) => `Between €0.01 and ${eurEn(m[1]!)}` },
  {
    re: /^must leave deposits within the quote total \((-?\d+) cents left\)$/,
    fr: (m) => `Les acomptes ne peuvent pas dépasser le total du devis (reste ${eurFr(m[1]!)})`,
    en: (m) => `Deposits must stay within the quote total (${eurEn(m[1]!)} left)`,
  },
  { re: /^must be within \d+ days \((\d{4}-\d\d-\d\d) at the latest\)$/, fr: (m) => `Au plus tard le ${dayFr(m[1]!)}`, en: (m) => `${dayEn(m[1]!)} at the latest` },
  { re: /^must not be after today \(.*\)$/, fr: () => 'Pas après aujourd’hui', en: () => 'Not after today' },
  { re: /^must be today \(.*\) or later$/, fr: () => 'Aujourd’hui ou plus tard', en: () => 'Today or later' },
  { re: /^must be after today \(.*\)$/, fr: () => 'Après aujourd’hui', en: () => 'After today' },
  {
    re: /^A reminder already went out for this invoice today: the next one can go tomorrow$/,
    fr: () => 'Une relance est déjà partie aujourd’hui pour cette facture : la prochaine pourra partir demain.',
    en: (m) => m[0],
  },
  {
    re: /^This client received a message on (\S+?);(?: with a minimum gap of \d+ days)? the next one is (?:due|allowed) on (\S+?)\. Send with "force": true to send anyway\.$/,
    fr: (m) => `Ce client a déjà reçu un message le ${dayFr(m[1]!)} : l’écart minimum entre deux messages mène au ${dayFr(m[2]!)}. Vous pouvez tout de même envoyer.`,
    en: (m) => `This client already received a message on ${dayEn(m[1]!)}: the minimum gap between messages leads to ${dayEn(m[2]!)}. You may still send.`,
  },
];

/** Zod's own messages, by pattern: `Too small: expected string to have >=1 characters` is "required". */
const PATTERNS: Pattern[] = [
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
  for (const p of [...WITH_VALUES, ...PATTERNS]) {
    const m = p.re.exec(message);
    if (m) return lang === 'fr' ? p.fr(m) : p.en(m);
  }
  return message;
};

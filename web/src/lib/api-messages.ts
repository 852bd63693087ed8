/**
 * The API's field messages (problem+json `errors[].message`, English, for developers) said to the
 * user in their language. A message not listed here is shown as the API wrote it.
 */
import { formatDate, formatMoney, type Lang } from './format';

const FR: Record<string, string> = {
  'must be a postal code': 'Code postal invalide',
  // Found by scanning the API's messages for ones a screen can meet and nobody had translated (a French user read them in English).
  'must be 5 digits in France (e.g. 75011)': '5 chiffres en France (ex. 75011)',
  'must be 1-40 lowercase letters, digits, dashes or underscores': '1 à 40 lettres minuscules, chiffres, tirets ou soulignés',
  'must contain a letter or a digit': 'Au moins une lettre ou un chiffre',
  'was recorded before the running payment plan': 'Enregistré avant l’échéancier en cours : arrêtez d’abord l’échéancier',
  'has a payment plan request waiting for an answer': 'Le client a demandé un échéancier : acceptez-le ou refusez-le d’abord',
  'must be between 2000-01-01 and 2099-12-31': 'Entre le 1er janvier 2000 et le 31 décembre 2099',
  'is required when settings.paymentUrl is not set': 'Obligatoire sans lien de paiement en ligne',
  'must be 9 digits': '9 chiffres attendus',
  'is not a valid SIREN (check digit)': 'SIREN invalide (clé de contrôle)',
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
  'An invoice cannot be sent before its issue date': 'Une facture ne peut pas être envoyée avant sa date d’émission.',
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
  'The email could not be sent; nothing counts against today or the client gap: try again': 'L’e-mail n’a pas pu partir ; rien n’est compté : réessayez.',  // Met through the screens (scenario and template editors, payments, simulation, sending), found in a browser review.
  'must come at least 1 day after the step before it': 'Au moins 1 jour après l’étape précédente',
  'an offset from the previous step must be at least 1 day': 'Au moins 1 jour après l’étape précédente',
  'the first step cannot be relative to a previous step': 'La première étape ne peut pas dépendre d’une étape précédente',
  'offset must be a whole number of days': 'Un nombre entier de jours',
  'missing template': 'Choisissez un modèle',
  'missing id': 'Identifiant manquant',
  'The scenario cannot be used as is': 'Le scénario ne peut pas être enregistré tel quel : corrigez les étapes signalées.',
  'is used by clients; change their scenario first': 'Des clients l’utilisent : changez d’abord leur scénario',
  'is the default scenario of the settings': 'C’est le scénario par défaut des réglages',
  'is after today': 'Pas après aujourd’hui',
  'cannot change once the invoice is sent': 'Ne peut plus changer une fois la facture envoyée',
  'can only change while the invoice awaits payment': 'Modifiable seulement tant que la facture attend son paiement',
  'These fields cannot change in the invoice’s current state': 'Ces champs ne peuvent plus changer dans l’état actuel de la facture.',
  'no such client': 'Client introuvable',
  'The client does not exist': 'Ce client n’existe pas.',
  'no such template': 'Modèle introuvable',
  'The template does not exist': 'Ce modèle n’existe pas.',
  'no such scenario': 'Scénario introuvable',
  'The scenario does not exist': 'Ce scénario n’existe pas.',
  'must not be before from': 'Ne peut pas précéder la date de début',
  'No invoice of this client can be reminded now': 'Aucune facture de ce client ne peut être relancée maintenant.',
  'is required when the account has no email address': 'Indiquez une adresse : votre entreprise n’a pas d’e-mail dans les réglages',
  'No address to send the test to: give `to`, or set company.email in /settings': 'Aucune adresse pour le test : renseignez l’e-mail de votre entreprise dans les réglages.',
  'A draft has no number yet: send it first, or preview with a sent invoice': 'Un brouillon n’a pas encore de numéro : envoyez-le d’abord, ou prévisualisez avec une facture envoyée.',
  'is a draft': 'Facture en brouillon',
  'is required to cancel an issued invoice': 'Obligatoire pour annuler une facture émise',
  'Invalid dates': 'Dates invalides.',
  'is required': 'Obligatoire',
  bounced: 'Adresse rejetée (en erreur)',
  'no working address': 'Aucune adresse valide',
  "Every address of this client hard-bounced: correct the client's email first": 'Toutes les adresses de ce client sont en erreur : corrigez d’abord son e-mail.',
  "Every address of this client hard-bounced: correct the client's email or give `to`": 'Toutes les adresses de ce client sont en erreur : corrigez son e-mail ou indiquez un destinataire.',
  'Complete the company identity in settings before sending an invoice': 'Avant d’envoyer, complétez votre entreprise dans les réglages.',
  'is required to issue an invoice': 'Obligatoire pour émettre une facture',
  'A payment plan already runs on this invoice: end it first (DELETE /invoices/{id}/payment-plan)': 'Un échéancier est déjà en cours sur cette facture : terminez-le d’abord.',
  'A payment plan is already agreed for this invoice': 'Un échéancier est déjà convenu pour cette facture.',
  'already has a running payment plan': 'Un échéancier est déjà en cours',
};

const EN: Record<string, string> = {
  'must not be before issueDate': 'Must not be before the invoice date',
  'is not a valid SIREN (check digit)': 'Not a valid SIREN (check digit)',
  'dueDate or paymentTermsDays is required': 'Give a due date or payment terms',
  'give exactly one of percent or amountCents': 'Give a percentage or an amount, not both',
  'is required when settings.paymentUrl is not set': 'Required without an online payment link',
  'must be between 2000-01-01 and 2099-12-31': 'Between 1 January 2000 and 31 December 2099',
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

const STATUS_FR: Record<string, string> = {
  draft: 'en brouillon', sent: 'envoyée', partially_paid: 'partiellement payée', paid: 'payée', cancelled: 'annulée', litigation: 'en contentieux', written_off: 'passée en perte',
  pending: 'en attente', accepted: 'accepté', refused: 'refusé', expired: 'expiré', converted: 'facturé',
};
const statusFr = (s: string) => STATUS_FR[s] ?? s;
const STATUS_EN: Record<string, string> = { partially_paid: 'partially paid', written_off: 'written-off' };
const statusEn = (s: string) => STATUS_EN[s] ?? s;
const BLOCK_FR: Record<string, string> = {
  'the invoice is cancelled': 'la facture est annulée',
  'the invoice has not been sent': 'la facture n’a pas été envoyée',
  'the invoice was written off': 'la facture est passée en perte',
  'the invoice is in litigation: take it back first (DELETE /invoices/{id}/litigation)': 'la facture est en contentieux : sortez-la d’abord du contentieux',
  'the invoice is paid': 'la facture est payée',
  'the invoice is disputed': 'la facture est contestée',
  'reminders are paused for this invoice': 'les relances de cette facture sont suspendues',
  'the client reported a reminder as spam': 'le client a signalé une relance comme spam',
};

/** A reminder step's state, as the invoice's plan says it. */
const STEP_FR: Record<string, string> = { sending: 'en cours d’envoi', sent: 'partie', to_post: 'à poster', failed: 'en échec', skipped: 'sautée', cancelled: 'annulée', done: 'faite', scheduled: 'programmée' };
const stepFr = (s: string) => STEP_FR[s] ?? s;
const STEP_EN: Record<string, string> = { sending: 'being sent', to_post: 'waiting to be posted', done: 'done' };
const stepEn = (s: string) => STEP_EN[s] ?? s;

/** Messages carrying cents or ISO dates: said with euros and dates as people write them. */
const WITH_VALUES: Pattern[] = [
  { re: /^A credit note can reduce the balance due \((\d+) cents\), not exceed it$/, fr: (m) => `Un avoir peut réduire le reste dû (${eurFr(m[1]!)}), pas le dépasser.`, en: (m) => `A credit note can reduce the balance due (${eurEn(m[1]!)}), not exceed it.` },
  { re: /^A (\w+) invoice cannot receive payments$/, fr: (m) => `Une facture ${statusFr(m[1]!)} ne peut pas recevoir de paiement.`, en: (m) => `A ${statusEn(m[1]!)} invoice cannot receive payments.` },
  { re: /^A (\w+) invoice cannot be sent$/, fr: (m) => `Une facture ${statusFr(m[1]!)} ne peut pas être envoyée.`, en: (m) => `A ${statusEn(m[1]!)} invoice cannot be sent.` },
  { re: /^A (\w+) invoice cannot get a payment plan$/, fr: (m) => `Une facture ${statusFr(m[1]!)} ne peut pas avoir d’échéancier.`, en: (m) => `A ${statusEn(m[1]!)} invoice cannot get a payment plan.` },
  { re: /^A (\w+) invoice has no reminders to (\w+)$/, fr: (m) => `Une facture ${statusFr(m[1]!)} n’a pas de relances à ${m[2] === 'pause' ? 'suspendre' : 'reprendre'}.`, en: (m) => `A ${statusEn(m[1]!)} invoice has no reminders to ${m[2]}.` },
  { re: /^A (\w+) invoice with nothing left to pay cannot be cancelled$/, fr: (m) => `Une facture ${statusFr(m[1]!)} sans reste dû ne peut pas être annulée.`, en: (m) => `A ${statusEn(m[1]!)} invoice with nothing left to pay cannot be cancelled.` },
  { re: /^the invoice is (\w+)$/, fr: (m) => `La facture est ${statusFr(m[1]!)}`, en: (m) => `The invoice is ${statusEn(m[1]!)}` },
  { re: /^The quote is (\w+)$/, fr: (m) => `Le devis est ${statusFr(m[1]!)}.`, en: (m) => `The quote is ${m[1]}.` },
  { re: /^The quote is (\w+): deposits and the final invoice need an accepted quote$/, fr: (m) => `Le devis est ${statusFr(m[1]!)} : les acomptes et la facture finale demandent un devis accepté.`, en: (m) => m[0] },
  { re: /^Deposits would total (\d+) cents, more than the quote's (\d+)$/, fr: (m) => `Les acomptes feraient ${eurFr(m[1]!)}, plus que le devis (${eurFr(m[2]!)}).`, en: (m) => `Deposits would total ${eurEn(m[1]!)}, more than the quote's ${eurEn(m[2]!)}.` },
  { re: /^Deposits \((\d+) cents\) exceed the quote total \((\d+) cents\)$/, fr: (m) => `Les acomptes (${eurFr(m[1]!)}) dépassent le total du devis (${eurFr(m[2]!)}).`, en: (m) => `Deposits (${eurEn(m[1]!)}) exceed the quote total (${eurEn(m[2]!)}).` },
  {
    re: /^instalments add up to (\d+) cents but the balance is (\d+) cents \(.*\)$/,
    fr: (m) => `Les échéances font ${eurFr(m[1]!)} mais le reste dû est de ${eurFr(m[2]!)}`,
    en: (m) => `The instalments add up to ${eurEn(m[1]!)} but the balance is ${eurEn(m[2]!)}`,
  },
  { re: /^must be after instalment (\d+) \((\d{4}-\d\d-\d\d)\)$/, fr: (m) => `Après l’échéance ${m[1]} (${dayFr(m[2]!)})`, en: (m) => `After instalment ${m[1]} (${dayEn(m[2]!)})` },
  { re: /^at most (\d+) instalments$/, fr: (m) => `${m[1]} échéances au plus`, en: (m) => `At most ${m[1]} instalments` },
  { re: /^is after today \((\d{4}-\d\d-\d\d)\)$/, fr: (m) => `Pas après aujourd’hui (${dayFr(m[1]!)})`, en: (m) => `Not after today (${dayEn(m[1]!)})` },
  { re: /^is after today \((\d{4}-\d\d-\d\d)\): send it on that day, or change its date$/, fr: (m) => `Postérieure à aujourd’hui (${dayFr(m[1]!)}) : envoyez-la ce jour-là, ou changez sa date`, en: (m) => `After today (${dayEn(m[1]!)}): send it on that day, or change its date` },
  { re: /^must be within (\d+) days of from$/, fr: (m) => `Au plus ${m[1]} jours après la date de début`, en: (m) => `Within ${m[1]} days of the start date` },
  { re: /^no template "(.*)"$/, fr: (m) => `Modèle introuvable (${m[1]})`, en: (m) => `No template "${m[1]}"` },
  { re: /^duplicate step id "(.*)"$/, fr: (m) => `Étape en double (${m[1]})`, en: (m) => m[0] },
  { re: /^offset (-?\d+) is outside (-?\d+)\.\.\+(\d+) days$/, fr: (m) => `Entre ${m[2]} et +${m[3]} jours`, en: (m) => `Between ${m[2]} and +${m[3]} days` },
  { re: /^is already bound to scenario "(.*)"$/, fr: (m) => `Déjà liée au scénario « ${m[1]} »`, en: (m) => `Already bound to scenario "${m[1]}"` },
  {
    re: /^is too long for a text message \((\d+) characters, at most (\d+)\): use a short template such as sms-reminder$/,
    fr: (m) => `Trop long pour un SMS (${m[1]} caractères, ${m[2]} au plus) : choisissez un modèle court, comme « SMS de relance »`,
    en: (m) => `Too long for a text message (${m[1]} characters, at most ${m[2]}): choose a short template such as "Reminder text"`,
  },
  // The payment link's (the template editor says its own "unknown variables: …" with a hint).
  { re: /^unknown variable (\{\{.*?\}\}(?:, \{\{.*?\}\})*); use (.*)$/, fr: (m) => `Variable(s) inconnue(s) : ${m[1]} ; utilisez ${m[2]}`, en: (m) => `Unknown variable(s): ${m[1]}; use ${m[2]}` },
  { re: /^mentions penalties or the €40 indemnity \((.*?)\), which a consumer must never receive/, fr: (m) => `Cite des pénalités ou l’indemnité de 40 € (${m[1]}) : interdit envers un particulier (art. L111-8 du code de la consommation)`, en: (m) => `Mentions penalties or the €40 indemnity (${m[1]}), which a consumer must never receive` },
  { re: /^"(.*)" is a built-in (scenario|template): it cannot be deleted$/, fr: (m) => `« ${m[1]} » est ${m[2] === 'scenario' ? 'un scénario fourni' : 'un modèle fourni'} : il ne peut pas être supprimé.`, en: (m) => m[0] },
  { re: /^"(.*)" is the default scenario: choose another default in \/settings first$/, fr: (m) => `« ${m[1]} » est le scénario par défaut : choisissez-en un autre dans les réglages d’abord.`, en: (m) => `"${m[1]}" is the default scenario: choose another default in the settings first.` },
  { re: /^"(.*)" is the scenario of (\d+) client\(s\): (.*)$/, fr: (m) => `« ${m[1]} » est le scénario de ${m[2]} client(s) : ${m[3]}. Changez d’abord leur scénario.`, en: (m) => m[0] },
  { re: /^The template is used by (.*): change those scenarios first$/, fr: (m) => `Le modèle est utilisé par ${m[1]!.replace(/"([^"]*)"/g, '« $1 »')} : modifiez d’abord ces scénarios.`, en: (m) => m[0] },
  { re: /^used by scenario (.*)$/, fr: (m) => `Utilisé par le scénario ${m[1]}`, en: (m) => `Used by scenario ${m[1]}` },
  { re: /^No reminder can be sent: (.*)$/, fr: (m) => `Aucune relance possible : ${BLOCK_FR[m[1]!] ?? m[1]}.`, en: (m) => `No reminder can be sent: ${m[1]!.replace(' (DELETE /invoices/{id}/litigation)', '')}.` },
  { re: /^The filter matches more than (\d+) invoices: narrow it$/, fr: (m) => `Plus de ${m[1]} factures correspondent : affinez la sélection.`, en: (m) => m[0] },
  { re: /^Scenario "(.*)" sends templates that mention penalties: a consumer client cannot have it$/, fr: (m) => `Le scénario « ${m[1]} » envoie des modèles qui citent des pénalités : un client particulier ne peut pas l’avoir.`, en: (m) => m[0] },
  { re: /^matches more than (\d+) invoices$/, fr: (m) => `Plus de ${m[1]} factures`, en: (m) => `More than ${m[1]} invoices` },
  // A page left open while the engine moved on (a step went out, a letter was posted meanwhile).
  { re: /^The step is (\w+): only a scheduled step (?:or a letter not posted yet )?can be cancelled$/, fr: (m) => `Cette relance est déjà ${stepFr(m[1]!)} : seule une relance programmée ou une lettre pas encore postée peut être annulée. Rechargez la page.`, en: (m) => `This reminder is already ${stepEn(m[1]!)}: only a scheduled one or a letter not posted yet can be cancelled. Reload the page.` },
  { re: /^This letter was already recorded as posted(?: with tracking number (.+))?$/, fr: (m) => `Ce courrier est déjà noté comme posté${m[1] ? ` (n° ${m[1]})` : ''}.`, en: (m) => `This letter is already recorded as posted${m[1] ? ` (no. ${m[1]})` : ''}.` },
  { re: /^The letter of step \S+ is (\w+), not to_post: only a produced letter can be posted$/, fr: (m) => `Ce courrier n’est pas à poster (étape ${stepFr(m[1]!)}) : rechargez la page.`, en: (m) => `This letter is ${stepEn(m[1]!)}: only a letter waiting to be posted can be marked posted. Reload the page.` },
  { re: /^The letter of step \S+ is produced when the step is due \(it is (\w+)\)$/, fr: () => 'Le courrier sera produit le jour de cette étape.', en: () => 'The letter is produced on the day of this step.' },
  { re: /^The letter changed meanwhile: try again$/, fr: () => 'Le courrier vient de changer : réessayez.', en: () => 'The letter changed meanwhile: try again.' },
  { re: /^The reminder plan of this invoice is being recorded: try again in a moment$/, fr: () => 'Le plan de relance de cette facture est en cours d’enregistrement : réessayez dans un instant.', en: (m) => `${m[0]}.` },
  { re: /^(Invoice|Quote) (\S+) was already sent$/, fr: (m) => `${m[1] === 'Invoice' ? 'La facture' : 'Le devis'} ${m[2]} est déjà ${m[1] === 'Invoice' ? 'envoyée' : 'envoyé'}.`, en: (m) => `${m[0]}.` },
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
  {
    re: /^has (\d+) rows: at most (\d+) per import, split the file$/,
    fr: (m) => `Le fichier a ${m[1]} lignes : ${m[2]} au plus par import, découpez-le`,
    en: (m) => `The file has ${m[1]} rows: at most ${m[2]} per import, split it`,
  },
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

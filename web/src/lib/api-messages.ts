/**
 * The API's field messages (problem+json `errors[].message`, English, for developers) said to the
 * user in their language. A message not listed here is shown as the API wrote it.
 */
import { frenchSpacing } from './french-spacing';
import { formatDate, formatMoney, formatNumber, formatVatRate, type Lang } from './format';
import { nameOf } from './api-message';

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
  'must be a VAT number: a 2-letter country code then 2 to 13 letters or digits (FR 32 123456789)': 'N° de TVA invalide : code pays puis 2 à 13 lettres ou chiffres (ex. FR 32 123456789)',
  'is not a valid French VAT number (FR, a 2-character key, then the SIREN: check the key and the SIREN)': 'N° de TVA invalide : FR, une clé de 2 caractères puis le SIREN (vérifiez la clé et le SIREN)',
  'must not be before issueDate': 'Ne peut pas précéder la date de facture',
  'must not be before serviceDate': 'Ne peut pas précéder le premier jour de la prestation',
  'needs serviceDate, the first day of the service': 'Indiquez d’abord la date (le premier jour) de la prestation',
  'The due date is past the legal maximum payment term (C. com. L441-10)': 'L’échéance dépasse le délai de paiement maximal entre professionnels (art. L441-10 du code de commerce)',
  'must be an email address': 'Adresse e-mail invalide',
  'must be an IBAN': 'IBAN invalide',
  'is not a valid IBAN (check digits)': 'IBAN invalide (clé de contrôle)',
  'must be a BIC (bank, country, location, optional branch: 8 or 11 characters)': 'BIC invalide (8 ou 11 caractères, ex. BNPAFRPP)',
  'must be a phone number of 6 to 15 digits, e.g. 01 23 45 67 89': 'Numéro de téléphone invalide (ex. 01 23 45 67 89)',
  'must be an E.164 phone number, e.g. +33612345678': 'Numéro invalide, ex. 06 12 34 56 78 ou +33 6 12 34 56 78',
  'must be a calendar date YYYY-MM-DD': 'Date invalide',
  'must be an https:// URL': 'Adresse https:// attendue',
  'must be a URL: no spaces, variables written {{name}}': 'Lien invalide : sans espace, variables écrites {{nom}}',
  'must be an IANA time zone': 'Fuseau horaire inconnu (ex. Europe/Paris)',
  'must be an ISO 3166 alpha-2 code': 'Code pays à 2 lettres (ex. FR)',
  'must say why': 'Indiquez le motif',
  // A list's next page asked with another sort, order or filter than its first (shared/http/list-query-seal.ts).
  'was given for another sort, order or filter of this list: start again without a cursor': 'La liste a changé de tri ou de filtre : reprenez depuis la première page',
  'must be at least 1 cent': 'Au moins 0,01 €',
  'must be an integer number of cents': 'Montant invalide',
  'must have at most 3 decimals': '3 décimales au plus',
  'a contact needs an email or a phone': 'Un contact a besoin d’un e-mail ou d’un téléphone',
  'dueDate or paymentTermsDays is required': 'Indiquez une échéance ou un délai de paiement',
  'must not repeat a tag': 'Catégorie en double',
  'must not repeat an invoice': 'Une facture est en double dans la sélection',
  'needs at least one instalment': 'Au moins une échéance',
  'must be 3-11 letters or digits, with at least one letter': '3 à 11 lettres ou chiffres, dont au moins une lettre',
  'must be an E.164 phone number (+33612345678), a sender id (3-11 letters or digits, one letter at least), a phone-number or pool id, or the ARN of one':
    'Numéro au format international (+33612345678), nom d’expéditeur (3 à 11 lettres ou chiffres, dont une lettre), identifiant de numéro ou de pool, ou ARN',
  'must not be shorter than planLateDays': 'Pas moins que le délai de la relance d’échéance impayée : l’échéancier prendrait fin avant elle',
  'must not be longer than planMissedDays': 'Pas plus que le délai de fin d’échéancier : il prendrait fin avant cette relance',
  'A payment plan would end before its late-instalment reminder': 'L’échéancier prendrait fin avant sa relance d’échéance impayée.',
  'give exactly one of percent or amountCents': 'Indiquez un pourcentage ou un montant, pas les deux',
  // Whole-request refusals (problem+json `detail`) a user can meet through the screens.
  'Send or delete the draft deposit invoices first: a final invoice deducts issued deposits only':
    'Envoyez ou supprimez d’abord la facture d’acompte en brouillon : la facture finale ne déduit que les acomptes émis.',
  'Send the quote before recording the answer': 'Envoyez le devis avant d’enregistrer la réponse du client.',
  'Only a pending quote not yet sent can be edited': 'Seul un devis pas encore envoyé peut être modifié.',
  'The final invoice of this quote already exists': 'La facture finale de ce devis existe déjà.',
  'A draft is edited or deleted, not credited': 'Un brouillon se modifie ou se supprime : pas d’avoir.',
  'A payment cannot be dated in the future': 'Un paiement ne peut pas être daté dans le futur.',
  'A credit note cannot be dated in the future': 'Un avoir ne peut pas être daté dans le futur.',
  'A credit note is dated on or after the invoice it credits': 'Un avoir ne peut pas être antérieur à la facture qu’il annule.',
  'contradicts sort=-dueDate (descending): use sort=dueDate&order=asc, or leave order out': 'Contredit le tri décroissant (sort=-dueDate) : utilisez sort=dueDate&order=asc, ou retirez order',
  'A draft was never issued: it has no proof file': 'Un brouillon n’a jamais été émis : il n’a pas de dossier de preuves.',
  'An invoice cannot be sent before its issue date': 'Une facture ne peut pas être envoyée avant sa date d’émission.',
  'A quote cannot be sent before its issue date': 'Un devis ne peut pas être envoyé avant sa date d’émission.',
  'A payment already made has a date up to today': 'Un paiement déjà reçu est daté d’aujourd’hui au plus tard.',
  'A pause ends on a later day': 'Une suspension se termine au plus tôt demain.',
  'Cancelling an issued invoice issues a credit note, which must say why': 'Annuler une facture émise crée un avoir : indiquez le motif.',
  'The invoice is already cancelled': 'La facture est déjà annulée.',
  'A deposit a final invoice deducts is not credited: credit the final invoice, or cancel it first':
    'La facture finale déduit cet acompte : faites l’avoir sur la facture finale, ou annulez-la d’abord.',
  'The invoice is already in litigation': 'La facture est déjà en contentieux.',
  'The invoice was written off: its balance is already credited': 'La facture est passée en perte : son reste dû est déjà couvert par un avoir.',
  'The template uses variables that do not exist': 'Le modèle utilise des variables qui n’existent pas.',
  'The template mentions penalties and would reach a consumer': 'Le modèle cite des pénalités et partirait vers un particulier.',
  "The template claims the late-payment penalties or the €40 indemnity that the running payment plan waives: send the plan's own reminder (leave templateId out), or end the plan first (DELETE /invoices/{id}/payment-plan)":
    'Ce modèle réclame les pénalités de retard ou l’indemnité de 40 € auxquelles l’échéancier en cours renonce : envoyez le rappel de l’échéancier (sans choisir de modèle), ou mettez d’abord fin à l’échéancier.',
  'The template is sent as a text message: it must stay short': 'Ce modèle part en SMS : il doit rester court.',
  'A template of this scenario mentions penalties and would reach a consumer': 'Un modèle de ce scénario cite des pénalités et partirait vers un particulier.',
  'The promised date is out of range': 'Cette date de paiement promise n’est pas acceptée.',
  'The invoice changed or already got a reminder today: reload it and try again': 'La facture a changé ou a déjà été relancée aujourd’hui : rechargez la page et réessayez.',
  'Another message to this client went out meanwhile: the minimum gap applies. Send with "force": true to send anyway.':
    'Un autre message vient de partir vers ce client : l’écart minimum s’applique. Vous pouvez tout de même envoyer.',
  'No template to send': 'Aucun modèle à envoyer.',
  'The email could not be sent; nothing counts against today or the client gap: try again': 'L’e-mail n’a pas pu partir ; rien n’est compté : réessayez.',
  // Met through the screens (scenario and template editors, payments, simulation, sending), found in a browser review.
  'must come at least 1 day after the step before it': 'Au moins 1 jour après l’étape précédente',
  'an offset from the previous step must be at least 1 day': 'Au moins 1 jour après l’étape précédente',
  'a letter (mise en demeure by registered post) can only go after the due date: at least 1 day after it': 'Un courrier (mise en demeure en recommandé) part après l’échéance : au moins J+1',
  'A letter step sends this template: it stays a formal notice': 'Un courrier de vos scénarios envoie ce modèle : il reste une mise en demeure',
  'must stay formal-notice: a letter step sends this template (the letter is the mise en demeure)':
    'doit rester « Mise en demeure » : un courrier de vos scénarios envoie ce modèle (le courrier est la mise en demeure)',
  'is not a formal notice: a letter step sends the mise en demeure by registered post (choose formal-notice, or a template of yours with the tone formal-notice)':
    'n’est pas une mise en demeure : un courrier envoie la mise en demeure en recommandé (choisissez « Mise en demeure » ou un de vos modèles au ton « mise en demeure »)',
  'the first step cannot be relative to a previous step': 'La première étape ne peut pas dépendre d’une étape précédente',
  'offset must be a whole number of days': 'Un nombre entier de jours',
  'missing template': 'Choisissez un modèle',
  'missing id': 'Identifiant manquant',
  'The scenario cannot be used as is': 'Le scénario ne peut pas être enregistré tel quel : corrigez les étapes signalées.',
  'is used by clients; change their scenario first': 'Des clients l’utilisent : changez d’abord leur scénario',
  'is the default scenario of the settings': 'C’est le scénario par défaut des réglages',
  'is a built-in scenario: it can be changed, not deleted': 'Scénario fourni : il peut être modifié, pas supprimé',
  'is a built-in template: it can be changed, not deleted': 'Modèle fourni : il peut être modifié, pas supprimé',
  'the invoice has nothing left to pay': 'La facture n’a plus rien à payer',
  'the invoice is in litigation': 'La facture est en contentieux',
  'the invoice has a payment plan running': 'Un échéancier est en cours pour cette facture',
  'the payment plan request was already declined': 'La demande d’échéancier a déjà été refusée',
  'the payment plan request was already accepted': 'La demande d’échéancier a déjà été acceptée',
  'the invoice was settled more than 12 months ago': 'La facture est réglée depuis plus de 12 mois',
  'the quote has been sent': 'Le devis a été envoyé',
  'the quote has not been sent': 'Le devis n’a pas été envoyé',
  'a deposit invoice of the quote is still a draft': 'Une facture d’acompte du devis est encore en brouillon',
  'the deposits of the quote exceed its total': 'Les acomptes du devis dépassent son total',
  'is a built-in template': 'Identifiant d’un modèle fourni : modifiez celui-ci plutôt',
  'is a built-in scenario': 'Identifiant d’un scénario fourni : modifiez celui-ci plutôt',
  'is already used by a template': 'Déjà pris par un autre modèle',
  'is already used by a scenario': 'Déjà pris par un autre scénario',
  'the invoice was already sent': 'La facture est déjà envoyée',
  'the credit note is being sent: try again in a minute': 'L’avoir est en cours d’envoi : réessayez dans une minute',
  'the quote already has its final invoice': 'Le devis a déjà sa facture finale',
  'is not a letter step': 'Cette étape n’est pas un courrier',
  'differs from the tracking number already recorded': 'Diffère du numéro de suivi déjà noté',
  'the letter is produced when the step is due': 'Le courrier sera produit le jour de cette étape',
  'the invoice was already reminded today': 'La facture a déjà été relancée aujourd’hui',
  'must be true to send within the client’s minimum gap': 'Le client a reçu un message il y a moins que l’écart minimal : envoyez quand même pour passer outre',
  // What the portal's 409s refuse (errors[]): the invoice behind the link, in words its client may read.
  'the invoice takes no more action': 'Plus aucune action possible sur cette facture',
  'the invoice is handled by the litigation procedure': 'La facture est suivie en recouvrement contentieux',
  'the invoice is disputed': 'La facture est contestée',
  'a payment plan is already agreed for the invoice': 'Un échéancier est déjà convenu pour cette facture',
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
  'is a deposit deducted by the final invoice': 'Acompte déduit par la facture finale',
  'Invalid dates': 'Dates invalides.',
  'is required': 'Obligatoire',
  bounced: 'Adresse rejetée (en erreur)',
  'no working address': 'Aucune adresse valide',
  "Every address of this client hard-bounced: correct the client's email first": 'Toutes les adresses de ce client sont en erreur : corrigez d’abord son e-mail.',
  "Every address of this client hard-bounced: correct the client's email or give `to`": 'Toutes les adresses de ce client sont en erreur : corrigez son e-mail ou indiquez un destinataire.',
  'Complete the company identity in settings before sending an invoice': 'Avant d’envoyer, complétez votre entreprise dans les réglages.',
  'is required to issue an invoice': 'Obligatoire pour émettre une facture',
  'An invoice exempt from VAT has every line at 0 %': 'Une facture sans TVA (franchise, autoliquidation, intracommunautaire) a toutes ses lignes à 0 %.',
  'must be 0 when vatExemption is set: the invoice charges no VAT': 'Doit être 0 % : la facture est sans TVA',
  'must be a business: a consumer never pays the VAT itself (reverse charge, intra-EU exemption)': 'Le client doit être un professionnel : un particulier n’autoliquide jamais la TVA',
  "must be the client's VAT number in another EU country for an intra-EU invoice": 'Indiquez le n° de TVA intracommunautaire du client, dans un autre pays de l’UE',
  'is required on an intra-EU invoice': 'Obligatoire sur une facture intracommunautaire (votre n° de TVA)',
  'A payment plan already runs on this invoice: end it first (DELETE /invoices/{id}/payment-plan)': 'Un échéancier est déjà en cours sur cette facture : terminez-le d’abord.',
  'A payment plan is already agreed for this invoice': 'Un échéancier est déjà convenu pour cette facture.',
  'already has a running payment plan': 'Un échéancier est déjà en cours',
  "Nothing is left to pay on this invoice: the client's payment plan request no longer needs an answer": 'Plus rien n’est dû sur cette facture : la demande d’échéancier du client n’appelle plus de réponse.',
  "The client's payment plan request was already declined": 'La demande d’échéancier du client a déjà été refusée.',
  "The client's payment plan request was already accepted": 'La demande d’échéancier du client a déjà été acceptée.',
  // Found by test/unit/api-messages-coverage.test.ts, which reads every message the API can send from its source.
  // Two writes at once (a double click, two tabs): nothing was recorded, the page is out of date.
  'The client was changed by another request; retry': 'Ce client vient d’être modifié entre-temps : rechargez la page et réessayez.',
  "The client's invoices keep changing while the reminder is prepared: reload them and try again": 'Les factures de ce client changent pendant la préparation de la relance : rechargez la page et réessayez.',
  'The invoice was changed by another request; retry with its latest state': 'La facture vient d’être modifiée entre-temps : rechargez la page et réessayez.',
  'The quote was changed by another request; retry with its latest state': 'Le devis vient d’être modifié entre-temps : rechargez la page et réessayez.',
  'The document was changed by another request; retry with its latest state': 'Le document vient d’être modifié entre-temps : rechargez la page et réessayez.',
  'Could not allocate a number under contention; retry': 'Aucun numéro n’a pu être attribué pour l’instant : réessayez.',
  'An invoice with this id already exists': 'Cette facture existe déjà.',
  'A quote with this id already exists': 'Ce devis existe déjà.',
  'Idempotency-Key is being processed; retry': 'Cette opération est déjà en cours : patientez un instant, puis rechargez la page.',
  'A request with this Idempotency-Key is still in progress; retry later': 'Cette opération est déjà en cours : patientez un instant, puis rechargez la page.',
  'This Idempotency-Key was already used with a different request': 'Cette opération a déjà été enregistrée avec d’autres valeurs : rechargez la page avant de recommencer.',
  'This Idempotency-Key was already used with a different payment': 'Ce paiement a déjà été enregistré avec d’autres valeurs : rechargez la page avant de recommencer.',
  'was already used with a different request': 'Déjà utilisé pour une autre opération : rechargez la page',
  'was already used with a different payment': 'Déjà utilisé pour un autre paiement : rechargez la page',
  // Payments, plans, quotes.
  'The client asked for a payment plan: accept it (POST /invoices/{id}/payment-plan/request/accept) or decline it (POST /invoices/{id}/payment-plan/request/decline) before agreeing another one':
    'Le client a demandé un échéancier : acceptez-le ou refusez-le avant d’en convenir d’un autre.',
  'A payment plan runs on this invoice and was agreed on the balance after this payment: end the plan first (DELETE /invoices/{id}/payment-plan), then remove the payment and agree a new plan if need be':
    'L’échéancier en cours a été convenu sur le reste dû après ce paiement : arrêtez d’abord l’échéancier, puis supprimez le paiement et convenez d’un nouvel échéancier si besoin.',
  'is required to issue a quote': 'Obligatoire pour émettre un devis',
  'Complete the company identity in settings before sending a quote': 'Avant d’envoyer, complétez votre entreprise dans les réglages.',
  'This invoice was settled more than 12 months ago: its portal links have expired': 'Facture soldée depuis plus de 12 mois : son lien client a expiré et n’est plus délivré.',
  // The client's portal (the client reads these, in the invoice's language).
  'The invoice is disputed: the seller answers the dispute first': 'Cette facture est contestée : l’entreprise doit d’abord répondre à la contestation.',
  'Too many requests on this invoice today: try again tomorrow, or contact the company': 'Trop de demandes aujourd’hui pour cette facture : réessayez demain ou contactez l’entreprise.',
  'must not be in the past': 'Pas avant aujourd’hui',
  // Templates and scenarios.
  'The subject or body uses variables that do not exist': 'L’objet ou le texte utilise des variables qui n’existent pas.',
  'The subject or body mentions penalties or the €40 indemnity: it cannot be sent to a consumer (CPCE L111-8)':
    'L’objet ou le texte cite des pénalités ou l’indemnité de 40 € : il ne peut pas partir vers un particulier (art. L111-8 du code de la consommation).',
  'the scenario has no steps': 'Ajoutez au moins une étape',
  'the id "escalate" is reserved for the move to litigation after the last step': 'L’identifiant « escalate » est réservé au passage en contentieux après la dernière étape',
  'must be a scenario or template id': 'Identifiant invalide : lettres minuscules, chiffres et tirets',
  'must be 1-48 lowercase letters, digits or dashes': '1 à 48 lettres minuscules, chiffres ou tirets',
  'must be 1-16 lowercase letters, digits, dashes or plus signs': '1 à 16 lettres minuscules, chiffres, tirets ou signes +',
  'give at least one of name, steps, tags': 'Modifiez au moins le nom, les étapes ou les catégories',
  'give either invoiceIds or filter': 'Choisissez des factures ou un filtre, l’un ou l’autre',
  // Other input refusals.
  'must be a step id': 'Identifiant d’étape invalide',
  // A line's quantity (MAX_QUANTITY in shared/http/schemas/invoices.ts).
  'must be at most 1000000': `Au plus ${formatNumber(1_000_000, 'fr')}`,
  // A count of days in a list's filters (queryDays in shared/http/schemas/common.ts).
  'must be a whole number of days': 'Un nombre entier de jours',
  'must be 0 or more': 'Zéro ou plus',
  'must be at most 3650': `Au plus ${formatNumber(3650, 'fr')} jours`,
  'must be fr or en': 'Français (fr) ou anglais (en)',
  'must be true or false': 'Oui (true) ou non (false)',
  'must be a date YYYY-MM-DD (a whole day in your time zone) or an ISO-8601 instant': 'Date invalide',
  'must be a CSV (sent as text/csv, or { "csv": "…" }) or JSON { "invoices": [...] }': 'Fichier CSV attendu',
  // Text pasted with an invisible character in it (shared/http/http-handler.ts).
  'must not contain control characters (only tabs and line breaks)': 'Contient un caractère invisible non autorisé : retapez le texte',
  'is not valid Unicode text (a lone surrogate)': 'Contient un caractère invalide : retapez le texte',
};

const EN: Record<string, string> = {
  "The template claims the late-payment penalties or the €40 indemnity that the running payment plan waives: send the plan's own reminder (leave templateId out), or end the plan first (DELETE /invoices/{id}/payment-plan)":
    "The template claims the late-payment penalties or the €40 indemnity that the running payment plan waives: send the plan's own reminder (choose no template), or end the plan first.",
  'must not be before issueDate': 'Must not be before the invoice date',
  'must not be before serviceDate': 'Must not be before the first day of the service',
  'needs serviceDate, the first day of the service': 'Give the date (the first day) of the service first',
  'The due date is past the legal maximum payment term (C. com. L441-10)': 'The due date is past the legal maximum payment term between businesses (French Commercial Code, art. L441-10)',
  'is not a valid SIREN (check digit)': 'Not a valid SIREN (check digit)',
  'must be a VAT number: a 2-letter country code then 2 to 13 letters or digits (FR 32 123456789)': 'Not a VAT number: a country code, then 2 to 13 letters or digits (e.g. FR 32 123456789)',
  'is not a valid French VAT number (FR, a 2-character key, then the SIREN: check the key and the SIREN)': 'Not a valid French VAT number: FR, a 2-character key, then the SIREN (check the key and the SIREN)',
  'dueDate or paymentTermsDays is required': 'Give a due date or payment terms',
  'give exactly one of percent or amountCents': 'Give a percentage or an amount, not both',
  'must be an E.164 phone number (+33612345678), a sender id (3-11 letters or digits, one letter at least), a phone-number or pool id, or the ARN of one':
    'A phone number in international format (+33612345678), a sender id (3 to 11 letters or digits, one a letter), a phone-number or pool id, or an ARN',
  'must not be shorter than planLateDays': 'Not shorter than the late-instalment reminder delay: the plan would end before it',
  'must not be longer than planMissedDays': 'Not longer than the plan-ending delay: the plan would end before this reminder',
  'A payment plan would end before its late-instalment reminder': 'The payment plan would end before its late-instalment reminder.',
  'is required when settings.paymentUrl is not set': 'Required without an online payment link',
  'must be between 2000-01-01 and 2099-12-31': 'Between 1 January 2000 and 31 December 2099',
  // Developer English (routes, JSON fields, cents) said plainly.
  'must be an integer number of cents': 'Invalid amount',
  'A payment plan already runs on this invoice: end it first (DELETE /invoices/{id}/payment-plan)': 'A payment plan already runs on this invoice: end it first.',
  'Another message to this client went out meanwhile: the minimum gap applies. Send with "force": true to send anyway.':
    'Another message to this client went out meanwhile: the minimum gap applies. You may still send.',
  "Every address of this client hard-bounced: correct the client's email or give `to`": "Every address of this client bounced: correct the client's email, or give another recipient.",
  'No address to send the test to: give `to`, or set company.email in /settings': "No address to send the test to: set your company's email in the settings.",
  'The client asked for a payment plan: accept it (POST /invoices/{id}/payment-plan/request/accept) or decline it (POST /invoices/{id}/payment-plan/request/decline) before agreeing another one':
    'The client asked for a payment plan: accept or decline it before agreeing another one.',
  'A payment plan runs on this invoice and was agreed on the balance after this payment: end the plan first (DELETE /invoices/{id}/payment-plan), then remove the payment and agree a new plan if need be':
    'The running payment plan was agreed on the balance after this payment: end the plan first, then remove the payment and agree a new plan if need be.',
  'The client was changed by another request; retry': 'This client was just changed elsewhere: reload the page and try again.',
  "The client's invoices keep changing while the reminder is prepared: reload them and try again": "The client's invoices keep changing while the reminder is prepared: reload the page and try again.",
  'The invoice was changed by another request; retry with its latest state': 'This invoice was just changed elsewhere: reload the page and try again.',
  'The quote was changed by another request; retry with its latest state': 'This quote was just changed elsewhere: reload the page and try again.',
  'The document was changed by another request; retry with its latest state': 'This document was just changed elsewhere: reload the page and try again.',
  'Idempotency-Key is being processed; retry': 'This action is already under way: wait a moment, then reload the page.',
  'A request with this Idempotency-Key is still in progress; retry later': 'This action is already under way: wait a moment, then reload the page.',
  'This Idempotency-Key was already used with a different request': 'This action was already recorded with other values: reload the page before trying again.',
  'This Idempotency-Key was already used with a different payment': 'This payment was already recorded with other values: reload the page before trying again.',
  'give either invoiceIds or filter': 'Choose invoices or a filter, one or the other',
  'must be at most 1000000': `At most ${formatNumber(1_000_000, 'en')}`,
  'must be a whole number of days': 'A whole number of days',
  'must be 0 or more': '0 or more',
  'must be at most 3650': `At most ${formatNumber(3650, 'en')} days`,
  'The subject or body mentions penalties or the €40 indemnity: it cannot be sent to a consumer (CPCE L111-8)':
    'The subject or body mentions penalties or the €40 indemnity: it cannot be sent to a consumer (French consumer code, L111-8).',
  'must be a calendar date YYYY-MM-DD': 'Invalid date',
  'must be a date YYYY-MM-DD (a whole day in your time zone) or an ISO-8601 instant': 'Invalid date',
  'must be an IANA time zone': 'Unknown time zone (e.g. Europe/Paris)',
  'must be an ISO 3166 alpha-2 code': 'Two-letter country code (e.g. FR)',
  'must be an E.164 phone number, e.g. +33612345678': 'Invalid phone number, e.g. 06 12 34 56 78 or +33 6 12 34 56 78',
  'must be a BIC (bank, country, location, optional branch: 8 or 11 characters)': 'Invalid BIC (8 or 11 characters, e.g. BNPAFRPP)',
  'must be a phone number of 6 to 15 digits, e.g. 01 23 45 67 89': 'Invalid phone number (e.g. 01 23 45 67 89)',
  'must be a scenario or template id': 'Invalid id: lowercase letters, digits and dashes',
  'must be a step id': 'Invalid step id',
  'must be fr or en': 'French (fr) or English (en)',
  'must be true or false': 'Yes (true) or no (false)',
  'give at least one of name, steps, tags': 'Change at least the name, the steps or the categories',
  'must not be before from': 'Must not be before the start date',
  'is required when the account has no email address': 'Give an address: your company has no email in the settings',
  'the scenario has no steps': 'Add at least one step',
  // Field fragments written for developers, said as the English screens say a field's problem.
  'is required': 'Required',
  'no such client': 'Client not found',
  'no such template': 'Template not found',
  'no such scenario': 'Scenario not found',
  'must say why': 'Give the reason',
  'was given for another sort, order or filter of this list: start again without a cursor': 'The list’s sort or filter changed: start again from the first page',
  'is a draft': 'Draft invoice',
  bounced: 'Address bounced',
  'no working address': 'No working address',
  'missing template': 'Choose a template',
  'missing id': 'Id missing',
  'offset must be a whole number of days': 'A whole number of days',
  'an offset from the previous step must be at least 1 day': 'At least 1 day after the previous step',
  'a letter (mise en demeure by registered post) can only go after the due date: at least 1 day after it': 'A letter (formal notice by registered post) goes after the due date: at least D+1',
  'A letter step sends this template: it stays a formal notice': 'A letter step of your scenarios sends this template: it stays a formal notice',
  'must stay formal-notice: a letter step sends this template (the letter is the mise en demeure)':
    'must stay “Formal notice”: a letter step of your scenarios sends this template (the letter is the formal notice)',
  'is not a formal notice: a letter step sends the mise en demeure by registered post (choose formal-notice, or a template of yours with the tone formal-notice)':
    'is not a formal notice: a letter step sends the formal notice by registered post (choose “Formal notice” or one of your templates with the formal-notice tone)',
  'must come at least 1 day after the step before it': 'At least 1 day after the previous step',
  'the first step cannot be relative to a previous step': 'The first step cannot depend on a previous step',
  'is after today': 'Not after today',
  'cannot change once the invoice is sent': 'Cannot change once the invoice is sent',
  'can only change while the invoice awaits payment': 'Can only change while the invoice awaits payment',
  'is required to issue an invoice': 'Required to issue an invoice',
  'An invoice exempt from VAT has every line at 0 %': 'An invoice without VAT (franchise, reverse charge, intra-EU) has every line at 0%.',
  'must be 0 when vatExemption is set: the invoice charges no VAT': 'Must be 0%: the invoice charges no VAT',
  'must be a business: a consumer never pays the VAT itself (reverse charge, intra-EU exemption)': 'The client must be a business: a consumer never self-accounts for VAT',
  "must be the client's VAT number in another EU country for an intra-EU invoice": "Give the client's VAT number in another EU country",
  'is required on an intra-EU invoice': 'Required on an intra-EU invoice (your VAT number)',
  'is required to issue a quote': 'Required to issue a quote',
  'is required to cancel an issued invoice': 'Required to cancel an issued invoice',
  'is a deposit deducted by the final invoice': 'A deposit the final invoice deducts',
  'already has a running payment plan': 'A payment plan is already running',
  'has a payment plan request waiting for an answer': 'The client asked for a payment plan: accept or decline it first',
  'was recorded before the running payment plan': 'Recorded before the running payment plan: end the plan first',
  'is used by clients; change their scenario first': 'Used by clients: change their scenario first',
  'is the default scenario of the settings': 'The default scenario in the settings',
  'is a built-in scenario: it can be changed, not deleted': 'A built-in scenario: it can be changed, not deleted',
  'is a built-in template: it can be changed, not deleted': 'A built-in template: it can be changed, not deleted',
  'the invoice has nothing left to pay': 'The invoice has nothing left to pay',
  'the invoice is in litigation': 'The invoice is in litigation',
  'the invoice has a payment plan running': 'A payment plan is running for this invoice',
  'the payment plan request was already declined': 'The payment plan request was already declined',
  'the payment plan request was already accepted': 'The payment plan request was already accepted',
  'the invoice was settled more than 12 months ago': 'The invoice was settled more than 12 months ago',
  'the quote has been sent': 'The quote has been sent',
  'the quote has not been sent': 'The quote has not been sent',
  'a deposit invoice of the quote is still a draft': 'A deposit invoice of the quote is still a draft',
  'the deposits of the quote exceed its total': 'The quote’s deposits exceed its total',
  'is a built-in template': 'The id of a built-in template: change that one instead',
  'is a built-in scenario': 'The id of a built-in scenario: change that one instead',
  'is already used by a template': 'Already used by another template',
  'is already used by a scenario': 'Already used by another scenario',
  'the invoice was already sent': 'The invoice was already sent',
  'the credit note is being sent: try again in a minute': 'The credit note is being sent: try again in a minute',
  'the quote already has its final invoice': 'The quote already has its final invoice',
  'is not a letter step': 'This step is not a letter',
  'differs from the tracking number already recorded': 'Differs from the tracking number already recorded',
  'the letter is produced when the step is due': 'The letter is produced on the day of its step',
  'the invoice was already reminded today': 'The invoice was already reminded today',
  'must be true to send within the client’s minimum gap': 'The client got a message within the minimum gap: send anyway to override it',
  'the invoice takes no more action': 'No more action is possible on this invoice',
  'the invoice is handled by the litigation procedure': 'The invoice is handled by the collection procedure',
  'the invoice is disputed': 'The invoice is disputed',
  'a payment plan is already agreed for the invoice': 'A payment plan is already agreed for this invoice',
  'needs at least one instalment': 'At least one instalment',
  'must not be in the past': 'Not before today',
  'a contact needs an email or a phone': 'A contact needs an email or a phone',
  'the id "escalate" is reserved for the move to litigation after the last step': 'The id "escalate" is reserved for the move to litigation after the last step',
  'was already used with a different payment': 'Already used for another payment: reload the page',
  'was already used with a different request': 'Already used for another action: reload the page',
  'is not a valid IBAN (check digits)': 'Not a valid IBAN (check digits)',
  'must not repeat a tag': 'Category listed twice',
  'must not repeat an invoice': 'An invoice is listed twice in the selection',
  'must have at most 3 decimals': 'At most 3 decimals',
  'must be a CSV (sent as text/csv, or { "csv": "…" }) or JSON { "invoices": [...] }': 'A CSV file is expected',
  'must not contain control characters (only tabs and line breaks)': 'Contains an invisible character that is not allowed: retype the text',
  'is not valid Unicode text (a lone surrogate)': 'Contains an invalid character: retype the text',
};

type Pattern = { re: RegExp; fr: (m: RegExpExecArray) => string; en: (m: RegExpExecArray) => string };
const eurFr = (cents: string) => formatMoney(Number(cents), 'fr');
const eurEn = (cents: string) => formatMoney(Number(cents), 'en');
const dayFr = (iso: string) => (/^\d{4}-\d\d-\d\d$/.test(iso) ? formatDate(iso, 'fr') : iso);
const dayEn = (iso: string) => (/^\d{4}-\d\d-\d\d$/.test(iso) ? formatDate(iso, 'en') : iso);

/**
 * What a 404 names (`<thing> not found`), in the user's words, and why it may be gone: a thing may have been
 * deleted (said in its gender in French), a plan or a request may have moved on (`why` says it).
 */
const NOT_FOUND: Record<string, { fr: string; en: string; feminine?: true; why?: { fr: string; en: string } }> = {
  Client: { fr: 'Ce client est introuvable', en: 'This client cannot be found' },
  'Credit note': { fr: 'Cet avoir est introuvable', en: 'This credit note cannot be found' },
  Import: { fr: 'Cet import est introuvable', en: 'This import cannot be found' },
  Invoice: { fr: 'Cette facture est introuvable', en: 'This invoice cannot be found', feminine: true },
  Notification: { fr: 'Cette alerte est introuvable', en: 'This alert cannot be found', feminine: true },
  'Payment plan': { fr: 'Aucun échéancier sur cette facture', en: 'No payment plan on this invoice', why: { fr: 'rechargez la page.', en: 'reload the page.' } },
  Payment: { fr: 'Ce paiement est introuvable', en: 'This payment cannot be found' },
  'Pending payment plan request': {
    fr: 'Aucune demande d’échéancier en attente',
    en: 'No payment plan request waiting',
    why: { fr: 'elle a peut-être déjà reçu une réponse. Rechargez la page.', en: 'it may have been answered already. Reload the page.' },
  },
  'Portal link': { fr: 'Ce lien est introuvable', en: 'This link cannot be found' },
  Quote: { fr: 'Ce devis est introuvable', en: 'This quote cannot be found' },
  'Reminder step': { fr: 'Cette étape de relance est introuvable', en: 'This reminder step cannot be found', feminine: true },
  'Running payment plan': { fr: 'Aucun échéancier en cours', en: 'No running payment plan', why: { fr: 'il a peut-être déjà été arrêté. Rechargez la page.', en: 'it may have ended already. Reload the page.' } },
  Scenario: { fr: 'Ce scénario est introuvable', en: 'This scenario cannot be found' },
  Template: { fr: 'Ce modèle est introuvable', en: 'This template cannot be found' },
};
const gone = (what: string, lang: Lang) => {
  const named = NOT_FOUND[what] ?? (what.startsWith('Template ') ? NOT_FOUND.Template : undefined);
  const text = named ? named[lang] : lang === 'fr' ? 'Introuvable' : 'Not found';
  if (named?.why) return `${text}${lang === 'fr' ? ' : ' : ': '}${named.why[lang]}`;
  if (lang === 'en') return `${text}: it may have been deleted, or the link is wrong.`;
  return `${text} : ${named?.feminine ? 'elle a peut-être été supprimée' : 'il a peut-être été supprimé'}, ou le lien est erroné.`;
};

const VAT_EXEMPTION_FR: Record<string, string> = { franchise: 'franchise en base', construction_subcontracting: 'autoliquidation, sous-traitance BTP', eu_services: 'autoliquidation, prestation intracommunautaire', eu_goods: 'livraison intracommunautaire' };
const VAT_EXEMPTION_EN: Record<string, string> = { franchise: 'VAT franchise', construction_subcontracting: 'reverse charge, construction subcontracting', eu_services: 'reverse charge, intra-EU service', eu_goods: 'intra-EU supply of goods' };
const STATUS_FR: Record<string, string> = {
  draft: 'en brouillon', sent: 'envoyée', partially_paid: 'partiellement payée', paid: 'payée', cancelled: 'annulée', litigation: 'en contentieux', written_off: 'passée en perte',
  pending: 'en attente', accepted: 'accepté', refused: 'refusé', expired: 'expiré', converted: 'facturé',
};
const statusFr = (s: string) => STATUS_FR[s] ?? s;
const STATUS_EN: Record<string, string> = { partially_paid: 'partially paid', written_off: 'written-off' };
const statusEn = (s: string) => STATUS_EN[s] ?? s;
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
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
const STEP_FR: Record<string, string> = { gone: 'retirée du plan', sending: 'en cours d’envoi', sent: 'partie', to_post: 'à poster', failed: 'en échec', skipped: 'sautée', cancelled: 'annulée', done: 'faite', scheduled: 'programmée' };
const stepFr = (s: string) => STEP_FR[s] ?? s;
const STEP_EN: Record<string, string> = { gone: 'gone from the plan', sending: 'being sent', to_post: 'waiting to be posted', done: 'done' };
const stepEn = (s: string) => STEP_EN[s] ?? s;

/** How the client's portal says an invoice that takes no more action (`This invoice is paid: nothing is left to pay`). */
const CLOSED_FR: Record<string, string> = {
  'is paid': 'est payée',
  'was cancelled': 'a été annulée',
  'is closed': 'est close',
  'is now handled by the litigation procedure: please contact the company': 'est désormais suivie en recouvrement contentieux : contactez l’entreprise',
  'was not issued': 'n’a pas été émise',
  'is settled': 'est réglée',
};

/** Why an invoice of a grouped reminder does not go (shared/app/reminders/client-reminders.ts), as the client screen says it. */
const SKIP: Record<string, { fr: string; en: string }> = {
  same_day: { fr: 'déjà relancée aujourd’hui', en: 'already reminded today' },
  paused: { fr: 'relances suspendues', en: 'reminders paused' },
  disputed: { fr: 'facture contestée', en: 'disputed invoice' },
  paid: { fr: 'déjà payée', en: 'already paid' },
  litigation: { fr: 'en contentieux', en: 'in litigation' },
  written_off: { fr: 'passée en perte', en: 'written off' },
  draft: { fr: 'brouillon', en: 'draft' },
  cancelled: { fr: 'annulée', en: 'cancelled' },
  other_client: { fr: 'facture d’un autre client', en: 'another client’s invoice' },
  not_found: { fr: 'facture introuvable', en: 'invoice not found' },
  group_full: { fr: 'trop de factures pour un seul message', en: 'too many invoices for one message' },
  payment_plan: { fr: 'échéancier en cours : relancez-la seule', en: 'payment plan running: remind it on its own' },
  complained: { fr: 'le client a signalé une relance comme spam', en: 'the client reported a reminder as spam' },
  template_mentions_penalties: { fr: 'le modèle cite des pénalités, interdit envers un particulier', en: 'the template mentions penalties, not for a consumer' },
  gap: { fr: 'un message est parti il y a peu vers ce client', en: 'a message went to this client recently' },
  changed: { fr: 'la facture vient de changer', en: 'the invoice just changed' },
};

const CHANNEL_FR: Record<string, string> = { email: 'e-mail', sms: 'SMS', letter: 'courrier' };
/** `a, b, c` → `a, b ou c`. */
const orFr = (items: string[]) => (items.length > 1 ? `${items.slice(0, -1).join(', ')} ou ${items.at(-1)}` : (items[0] ?? ''));
/** `"Martin", "Durand"` (names as the API quotes them) → `« Martin », « Durand »`. */
const guillemets = (text: string) => text.replace(/"([^"]*)"/g, '« $1 »');

/** What a penalty template was found to mention (shared/domain/penalty-mentions.ts names them). */
const MENTION: Record<string, { fr: string; en: string }> = {
  penalties: { fr: 'pénalités', en: 'penalties' },
  indemnity: { fr: 'indemnité forfaitaire', en: 'recovery indemnity' },
  '€40': { fr: '40 €', en: '€40' },
};
/** The variables found (`{{penaltyRate}}`…) said once, as words: the owner reads no `{{…}}` in a refusal. */
const PENALTY_VARIABLES = { fr: 'variables de pénalités', en: 'penalty variables' };
const mentioned = (list: string, lang: Lang) =>
  [...new Set(list.split(', ').map((name) => (/^\{\{\w+\}\}$/.test(name) ? PENALTY_VARIABLES[lang] : (MENTION[name]?.[lang] ?? name))))].join(', ');

/** How a scenario reaches a consumer, said after a penalty refusal (`…; the scenario is the default scenario for consumers`). */
type Reach = { re: RegExp; fr: (m: RegExpExecArray, subject: string) => string; en: (m: RegExpExecArray, subject: string) => string };
const REACH: Reach[] = [
  { re: /^is the default scenario for consumers$/, fr: (_, s) => `${s} est celui des particuliers par défaut.`, en: (_, s) => `${s} is the default one for consumers.` },
  { re: /^is the scenario of consumer client\(s\) (.+)$/, fr: (m, s) => `${s} est celui de clients particuliers : ${guillemets(m[1]!)}.`, en: (m, s) => `${s} is the one of consumer clients: ${m[1]}.` },
  { re: /^is the scenario of the tagged consumer client\(s\) (.+)$/, fr: (m, s) => `${s} s’applique, par leur catégorie, à des clients particuliers : ${m[1]}.`, en: (m, s) => `${s} applies, through their category, to consumer clients: ${m[1]}.` },
  { re: /^would be the scenario of this consumer client$/, fr: (_, s) => `${s} serait celui de ce client particulier.`, en: (_, s) => `${s} would be the one of this consumer client.` },
  { re: /^tag "(.+)" chooses the scenario of this consumer client$/, fr: (m) => `La catégorie « ${m[1]} » donne ce scénario à ce client particulier.`, en: (m) => `Category "${m[1]}" gives this scenario to this consumer client.` },
];
/** `reach` said as a sentence about `scenarioId` (or "this scenario"), or undefined when not known. */
const reachSaid = (reach: string, lang: Lang, scenarioId?: string): string | undefined => {
  const name = scenarioId && nameOf('scenario', scenarioId);
  const subject = name ? (lang === 'fr' ? `Le scénario « ${name} »` : `Scenario "${name}"`) : lang === 'fr' ? 'Ce scénario' : 'This scenario';
  for (const r of REACH) {
    const m = r.re.exec(reach);
    if (m) return r[lang](m, subject);
  }
  return undefined;
};
/** Why a consumer would get a penalty template (shared/app/reminders/consumer-templates.ts `consumerTemplateErrors`). */
const consumerWhy = (why: string | undefined, lang: Lang): string | undefined => {
  if (why === undefined) return '';
  if (why === 'it is a template for consumers') return lang === 'fr' ? ' C’est un modèle pour les particuliers.' : ' It is a template for consumers.';
  const scenario = /^scenario "(.+?)" (.+)$/.exec(why);
  const said = scenario ? reachSaid(scenario[2]!, lang, scenario[1]) : undefined;
  return said === undefined ? undefined : ` ${said}`;
};

const REFUSAL = /^(?:template "(.+?)"|the template) mentions penalties or the €40 indemnity \((.*?)\): it cannot be sent to a consumer \(CPCE L111-8\)$/;
/**
 * A template refused for a consumer (shared/domain/penalty-mentions.ts `templateRefusalFor`), alone or as
 * a scenario step's refusals (`refusal; refusal; the scenario <reach>`, prefixed `steps.N.templateId: ` for a client).
 */
const penaltyRefusal = (message: string, lang: Lang): string | undefined => {
  const step = /^steps\.(\d+)\.templateId: /.exec(message);
  let rest = step ? message.slice(step[0].length) : message;
  const at = rest.indexOf('; the scenario ');
  const reach = at === -1 ? undefined : rest.slice(at + '; the scenario '.length);
  if (at !== -1) rest = rest.slice(0, at);
  const parsed = rest.split('; ').map((r) => REFUSAL.exec(r));
  if (parsed.some((r) => r === null)) return undefined;
  // A template and its English variant (`firm`, `firm-en`) refused alike: said once, "and its English version".
  const ids = new Set((parsed as RegExpExecArray[]).map((r) => r[1]));
  const refusals = (parsed as RegExpExecArray[]).filter((r) => !(r[1]?.endsWith('-en') && ids.has(r[1].slice(0, -3))));
  const twin = (r: RegExpExecArray) => r[1] !== undefined && ids.has(`${r[1]}-en`);
  const said = refusals.map((r) =>
    lang === 'fr'
      ? `${r[1] ? `Le modèle « ${nameOf('template', r[1])} »${twin(r) ? ' (et sa version anglaise)' : ''}` : 'Le modèle'} cite des pénalités ou l’indemnité de 40 € (${mentioned(r[2]!, 'fr')}) : il ne peut pas partir vers un particulier (art. L111-8 du code de la consommation)`
      : `${r[1] ? `Template "${nameOf('template', r[1])}"${twin(r) ? ' (and its English version)' : ''}` : 'The template'} mentions penalties or the €40 indemnity (${mentioned(r[2]!, 'en')}): it cannot be sent to a consumer (French consumer code, L111-8)`,
  );
  const reached = reach === undefined ? '' : reachSaid(reach, lang);
  if (reached === undefined) return undefined;
  const prefix = step ? (lang === 'fr' ? `Étape ${Number(step[1]) + 1} : ` : `Step ${Number(step[1]) + 1}: `) : '';
  return `${prefix}${said.join(lang === 'fr' ? ' ; ' : '; ')}.${reached ? ` ${reached}` : ''}`;
};

/** Messages carrying cents or ISO dates: said with euros and dates as people write them. */
const WITH_VALUES: Pattern[] = [
  { re: /^A credit note can reduce the balance due \((\d+) cents\), not exceed it$/, fr: (m) => `Un avoir peut réduire le reste dû (${eurFr(m[1]!)}), pas le dépasser.`, en: (m) => `A credit note can reduce the balance due (${eurEn(m[1]!)}), not exceed it.` },
  { re: /^A (\w+) invoice cannot receive payments$/, fr: (m) => `Une facture ${statusFr(m[1]!)} ne peut pas recevoir de paiement.`, en: (m) => `A ${statusEn(m[1]!)} invoice cannot receive payments.` },
  {
    re: /^The invoice's VAT exemption \((\w+)\) does not fit its client or the company$/,
    fr: (m) => `La raison de l’absence de TVA (${VAT_EXEMPTION_FR[m[1]!] ?? m[1]}) ne convient pas à ce client ou à votre entreprise.`,
    en: (m) => `The invoice's reason for no VAT (${VAT_EXEMPTION_EN[m[1]!] ?? m[1]}) does not fit this client or your company.`,
  },
  { re: /^A (\w+) invoice cannot be sent$/, fr: (m) => `Une facture ${statusFr(m[1]!)} ne peut pas être envoyée.`, en: (m) => `A ${statusEn(m[1]!)} invoice cannot be sent.` },
  { re: /^A (\w+) invoice cannot get a payment plan$/, fr: (m) => `Une facture ${statusFr(m[1]!)} ne peut pas avoir d’échéancier.`, en: (m) => `A ${statusEn(m[1]!)} invoice cannot get a payment plan.` },
  { re: /^A (\w+) invoice has no reminders to (\w+)$/, fr: (m) => `Une facture ${statusFr(m[1]!)} n’a pas de relances à ${m[2] === 'pause' ? 'suspendre' : m[2] === 'stop' ? 'arrêter' : 'reprendre'}.`, en: (m) => `A ${statusEn(m[1]!)} invoice has no reminders to ${m[2]}.` },
  { re: /^A (\w+) invoice with nothing left to pay cannot be credited$/, fr: (m) => `Une facture ${statusFr(m[1]!)} sans reste dû ne peut pas recevoir d’avoir.`, en: (m) => `A ${statusEn(m[1]!)} invoice with nothing left to pay cannot be credited.` },
  { re: /^A (\w+) invoice with nothing left to pay cannot be cancelled$/, fr: (m) => `Une facture ${statusFr(m[1]!)} sans reste dû ne peut pas être annulée.`, en: (m) => `A ${statusEn(m[1]!)} invoice with nothing left to pay cannot be cancelled.` },
  // Why a reminder cannot go now, as the invoice's own field error (`errors[].message` of reminder-not-allowed).
  { re: /^(the invoice has not been sent|the invoice was written off|the invoice is in litigation: .*|reminders are paused for this invoice|the client reported a reminder as spam)$/, fr: (m) => capitalised(BLOCK_FR[m[1]!] ?? m[1]!), en: (m) => capitalised(m[1]!.replace(' (DELETE /invoices/{id}/litigation)', '')) },
  { re: /^the reminder is (\w+)$/, fr: (m) => `La relance est ${stepFr(m[1]!)}`, en: (m) => `The reminder is ${stepEn(m[1]!)}` },
  { re: /^the quote is (\w+)$/, fr: (m) => `Le devis est ${statusFr(m[1]!)}`, en: (m) => `The quote is ${m[1]}` },
  { re: /^the invoice is (\w+)$/, fr: (m) => `La facture est ${statusFr(m[1]!)}`, en: (m) => `The invoice is ${m[1] === 'litigation' ? 'in litigation' : statusEn(m[1]!)}` },
  { re: /^The quote is (\w+)$/, fr: (m) => `Le devis est ${statusFr(m[1]!)}.`, en: (m) => `The quote is ${m[1]}.` },
  { re: /^The quote is (\w+): deposits and the final invoice need an accepted quote$/, fr: (m) => `Le devis est ${statusFr(m[1]!)} : les acomptes et la facture finale demandent un devis accepté.`, en: (m) => m[0] },
  { re: /^Deposits would total (\d+) cents, more than the quote's (\d+)$/, fr: (m) => `Les acomptes feraient ${eurFr(m[1]!)}, plus que le devis (${eurFr(m[2]!)}).`, en: (m) => `Deposits would total ${eurEn(m[1]!)}, more than the quote's ${eurEn(m[2]!)}.` },
  { re: /^Deposits \((\d+) cents\) exceed the quote total \((\d+) cents\)$/, fr: (m) => `Les acomptes (${eurFr(m[1]!)}) dépassent le total du devis (${eurFr(m[2]!)}).`, en: (m) => `Deposits (${eurEn(m[1]!)}) exceed the quote total (${eurEn(m[2]!)}).` },
  {
    re: /^instalments add up to (\d+) cents? but the balance is (\d+) cents? \((?:(\d+) cents? (too much|missing)|.*)\)$/,
    // Under 2 € the French verb stays singular ("0,01 € manque").
    fr: (m) => `Les échéances font ${eurFr(m[1]!)} mais le reste dû est de ${eurFr(m[2]!)}${m[3] ? ` : ${eurFr(m[3])} ${m[4] === 'missing' ? (Number(m[3]) < 200 ? 'manque' : 'manquent') : 'de trop'}` : ''}`,
    en: (m) => `The instalments add up to ${eurEn(m[1]!)} but the balance is ${eurEn(m[2]!)}${m[3] ? `: ${eurEn(m[3])} ${m[4] === 'missing' ? 'missing' : 'too much'}` : ''}`,
  },
  { re: /^must be after instalment (\d+) \((\d{4}-\d\d-\d\d)\)$/, fr: (m) => `Après l’échéance ${m[1]} (${dayFr(m[2]!)})`, en: (m) => `After instalment ${m[1]} (${dayEn(m[2]!)})` },
  { re: /^at most (\d+) instalments$/, fr: (m) => `${m[1]} échéances au plus`, en: (m) => `At most ${m[1]} instalments` },
  {
    re: /^is past the legal maximum payment term for a business client \(60 days from the invoice date, or 45 days end of month: (\d{4}-\d\d-\d\d) at the latest\)$/,
    fr: (m) => `Dépasse le délai de paiement maximal entre professionnels (60 jours après la date de facture, ou 45 jours fin de mois) : au plus tard le ${dayFr(m[1]!)}`,
    en: (m) => `Past the legal maximum payment term for a business client (60 days from the invoice date, or 45 days end of month): ${dayEn(m[1]!)} at the latest`,
  },
  { re: /^is after today \((\d{4}-\d\d-\d\d)\)$/, fr: (m) => `Pas après aujourd’hui (${dayFr(m[1]!)})`, en: (m) => `Not after today (${dayEn(m[1]!)})` },
  { re: /^is after today \((\d{4}-\d\d-\d\d)\): send the quote on that day, or change its date$/, fr: (m) => `Postérieure à aujourd’hui (${dayFr(m[1]!)}) : envoyez le devis ce jour-là, ou changez sa date`, en: (m) => `After today (${dayEn(m[1]!)}): send the quote on that day, or change its date` },
  { re: /^is after today \((\d{4}-\d\d-\d\d)\): send it on that day, or change its date$/, fr: (m) => `Postérieure à aujourd’hui (${dayFr(m[1]!)}) : envoyez-la ce jour-là, ou changez sa date`, en: (m) => `After today (${dayEn(m[1]!)}): send it on that day, or change its date` },
  { re: /^must be within (\d+) days of from$/, fr: (m) => `Au plus ${m[1]} jours après la date de début`, en: (m) => `Within ${m[1]} days of the start date` },
  { re: /^no template "(.*)"$/, fr: (m) => `Modèle introuvable (${m[1]})`, en: (m) => `No template "${m[1]}"` },
  { re: /^duplicate step id "(.*)"$/, fr: (m) => `Étape en double (${m[1]})`, en: (m) => `Duplicate step (${m[1]})` },
  { re: /^offset (-?\d+) is outside (-?\d+)\.\.\+(\d+) days$/, fr: (m) => `Entre ${m[2]} et +${m[3]} jours`, en: (m) => `Between ${m[2]} and +${m[3]} days` },
  { re: /^"(.*)" is already bound to scenario "(.*)"$/, fr: (m) => `« ${m[1]} » est déjà liée au scénario « ${m[2]} »`, en: (m) => `"${m[1]}" is already bound to scenario "${m[2]}"` },
  {
    re: /^is too long for a text message \((\d+) characters, at most (\d+)\): use a short template such as sms-reminder$/,
    fr: (m) => `Trop long pour un SMS (${m[1]} caractères, ${m[2]} au plus) : choisissez un modèle court, comme « SMS de relance »`,
    en: (m) => `Too long for a text message (${m[1]} characters, at most ${m[2]}): choose a short template such as "Reminder text"`,
  },
  {
    re: /^is too long for a text message \((\d+) characters, at most (\d+)\)$/,
    fr: (m) => `Trop long pour un SMS (${m[1]} caractères, ${m[2]} au plus)`,
    en: (m) => `Too long for a text message (${m[1]} characters, at most ${m[2]})`,
  },
  // A template's `{{` or `}}` without its other half (it went out as typed).
  {
    re: /^has a variable without its braces: (.*)$/,
    fr: (m) => `Variable mal écrite : ${m[1]} (une variable s’écrit entre {{ et }}, ex. {{invoiceNumber}} : choisissez-la dans la liste)`,
    en: (m) => `Variable not written right: ${m[1]} (a variable goes between {{ and }}, e.g. {{invoiceNumber}}: pick it from the list)`,
  },
  // The payment link's (the template editor says its own "unknown variables: …" with a hint).
  { re: /^unknown variable (\{\{.*?\}\}(?:, \{\{.*?\}\})*); use (.*)$/, fr: (m) => `${m[1]!.includes(',') ? 'Variables inconnues' : 'Variable inconnue'} : ${m[1]} ; utilisez ${m[2]}`, en: (m) => `${m[1]!.includes(',') ? 'Unknown variables' : 'Unknown variable'}: ${m[1]}; use ${m[2]}` },
  {
    re: /^mentions penalties or the €40 indemnity \((.*?)\), which a consumer must never receive(?: \(CPCE L111-8\))?(?:: (.*))?$/,
    fr: (m) => {
      const why = consumerWhy(m[2], 'fr');
      return `Cite des pénalités ou l’indemnité de 40 € (${mentioned(m[1]!, 'fr')}) : interdit envers un particulier (art. L111-8 du code de la consommation)${why ? `.${why}` : ''}`;
    },
    en: (m) => {
      const why = consumerWhy(m[2], 'en');
      return `Mentions penalties or the €40 indemnity (${mentioned(m[1]!, 'en')}), which a consumer must never receive${why ? `.${why}` : ''}`;
    },
  },
  { re: /^"(.*)" is a built-in (scenario|template): it cannot be deleted$/, fr: (m) => `« ${m[1]} » est ${m[2] === 'scenario' ? 'un scénario fourni' : 'un modèle fourni'} : il ne peut pas être supprimé.`, en: (m) => m[0] },
  // Said on the scenario's own page: "this scenario", never its id (a scenario made on screen has a generated one, 01m8…).
  { re: /^"(.*)" is the default scenario: choose another default in \/settings first$/, fr: () => `Ce scénario est celui des réglages par défaut : choisissez-en un autre dans les réglages d’abord.`, en: () => `This scenario is the default one in the settings: choose another there first.` },
  { re: /^"(.*)" is the scenario of (\d+) client\(s\): (.*)$/, fr: (m) => `Ce scénario est celui ${m[2] === '1' ? 'd’un client' : `de ${m[2]} clients`} : ${m[3]}. Changez d’abord ${m[2] === '1' ? 'son' : 'leur'} scénario.`, en: (m) => `This scenario is the one of ${m[2] === '1' ? 'a client' : `${m[2]} clients`}: ${m[3]}. Change ${m[2] === '1' ? 'its' : 'their'} scenario first.` },
  { re: /^The template is used by (.*): change those scenarios first$/, fr: (m) => `Le modèle est utilisé par ${m[1]!.replace(/"([^"]*)"/g, '« $1 »')} : modifiez d’abord ces scénarios.`, en: (m) => m[0] },
  // One per scenario, each named by its id (01m8… for one made on screen): the detail names them; said once, without it.
  { re: /^used by scenario (.*)$/, fr: () => `Un scénario l’envoie encore`, en: () => `A scenario still sends it` },
  { re: /^No reminder can be sent: (.*)$/, fr: (m) => `Aucune relance possible : ${BLOCK_FR[m[1]!] ?? m[1]}.`, en: (m) => `No reminder can be sent: ${m[1]!.replace(' (DELETE /invoices/{id}/litigation)', '')}.` },
  { re: /^The filter matches more than (\d+) invoices: narrow it$/, fr: (m) => `Plus de ${m[1]} factures correspondent : affinez la sélection.`, en: (m) => m[0] },
  { re: /^Scenario "(.*)" sends templates that mention penalties: a consumer client cannot have it$/, fr: (m) => `Le scénario « ${nameOf('scenario', m[1]!)} » envoie des modèles qui citent des pénalités : un client particulier ne peut pas l’avoir.`, en: (m) => `Scenario "${nameOf('scenario', m[1]!)}" sends templates that mention penalties: a consumer client cannot have it` },
  { re: /^matches more than (\d+) invoices$/, fr: (m) => `Plus de ${m[1]} factures`, en: (m) => `More than ${m[1]} invoices` },
  // A page left open while the engine moved on (a step went out, a letter was posted meanwhile).
  { re: /^The step is (\w+): only a scheduled step (?:or a letter not posted yet )?can be cancelled$/, fr: (m) => `Cette relance est déjà ${stepFr(m[1]!)} : seule une relance programmée ou une lettre pas encore postée peut être annulée. Rechargez la page.`, en: (m) => `This reminder is already ${stepEn(m[1]!)}: only a scheduled one or a letter not posted yet can be cancelled. Reload the page.` },
  { re: /^This letter was already recorded as posted(?: with tracking number (.+))?$/, fr: (m) => `Ce courrier est déjà noté comme posté${m[1] ? ` (n° ${m[1]})` : ''}.`, en: (m) => `This letter is already recorded as posted${m[1] ? ` (no. ${m[1]})` : ''}.` },
  { re: /^The letter of step \S+ is (\w+), not to_post: only a produced letter can be posted$/, fr: (m) => `Ce courrier n’est pas à poster (étape ${stepFr(m[1]!)}) : rechargez la page.`, en: (m) => `This letter is ${stepEn(m[1]!)}: only a letter waiting to be posted can be marked posted. Reload the page.` },
  { re: /^The letter of step \S+ is produced when the step is due \(it is (\w+)\)$/, fr: () => 'Le courrier sera produit le jour de cette étape.', en: () => 'The letter is produced on the day of this step.' },
  { re: /^The letter changed meanwhile: try again$/, fr: () => 'Le courrier vient de changer : réessayez.', en: () => 'The letter changed meanwhile: try again.' },
  { re: /^The reminder plan of this invoice is being recorded: try again in a moment$/, fr: () => 'Le plan de relance de cette facture est en cours d’enregistrement : réessayez dans un instant.', en: (m) => `${m[0]}.` },
  // The same credit note sent again twice at once (two taps, two tabs): the first is under way.
  { re: /^Credit note (\S+) is being sent$/, fr: (m) => `L’avoir ${m[1]} est en cours d’envoi : il part dans un instant.`, en: (m) => `Credit note ${m[1]} is being sent: it leaves in a moment.` },
  { re: /^(Invoice|Quote) (\S+) was already sent$/, fr: (m) => `${m[1] === 'Invoice' ? 'La facture' : 'Le devis'} ${m[2]} est déjà ${m[1] === 'Invoice' ? 'envoyée' : 'envoyé'}.`, en: (m) => `${m[0]}.` },
  // The client portal's web address is a setting of the deployment, not something deleted.
  { re: /^Portal \(no web address configured\) not found$/, fr: () => 'Le portail client n’est pas disponible : aucune adresse web n’est configurée.', en: () => 'The client portal is not available: no web address is configured.' },
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
    // `the same day` when the client's last message has no date of its own.
    re: /^This client received a message on (\S+?|the same day);(?: with a minimum gap of \d+ days)? the next one is (?:due|allowed) on (\S+?)\. Send with "force": true to send anyway\.$/,
    fr: (m) => `Ce client a déjà reçu un message ${m[1] === 'the same day' ? 'récemment' : `le ${dayFr(m[1]!)}`} : l’écart minimum entre deux messages mène au ${dayFr(m[2]!)}. Vous pouvez tout de même envoyer.`,
    en: (m) => `This client already received a message ${m[1] === 'the same day' ? 'recently' : `on ${dayEn(m[1]!)}`}: the minimum gap between messages leads to ${dayEn(m[2]!)}. You may still send.`,
  },
  // Found by test/unit/api-messages-coverage.test.ts.
  {
    re: new RegExp(`^This invoice (${Object.keys(CLOSED_FR).join('|')})(: nothing is left to pay)?$`),
    fr: (m) => `Cette facture ${CLOSED_FR[m[1]!]}${m[2] ? ' : il ne reste rien à payer' : ''}.`,
    en: (m) => `${m[0]}.`,
  },
  { re: /^A (\w+) invoice cannot go to litigation: only an invoice awaiting payment can$/, fr: (m) => `Une facture ${statusFr(m[1]!)} ne peut pas passer en contentieux : seule une facture en attente de paiement le peut.`, en: (m) => `A ${statusEn(m[1]!)} invoice cannot go to litigation: only an invoice awaiting payment can.` },
  { re: /^The invoice is not in litigation \(it is (\w+)\)$/, fr: (m) => `La facture n’est pas en contentieux (elle est ${statusFr(m[1]!)}) : rechargez la page.`, en: (m) => `The invoice is not in litigation (it is ${statusEn(m[1]!)}): reload the page.` },
  {
    re: /^Only an invoice in litigation can be written off \(this one is (\w+)\): POST \/invoices\/\{id\}\/litigation first$/,
    fr: (m) => `Seule une facture en contentieux peut passer en perte (celle-ci est ${statusFr(m[1]!)}) : passez-la d’abord en contentieux.`,
    en: (m) => `Only an invoice in litigation can be written off (this one is ${statusEn(m[1]!)}): move it to litigation first.`,
  },
  {
    re: /^The invoice was (cancelled|written off): its balance was closed by a credit note, so its payments can no longer be removed \(a payment that bounced is owed on a new invoice\)$/,
    fr: (m) => `La facture est ${m[1] === 'cancelled' ? 'annulée' : 'passée en perte'} : un avoir a soldé son reste dû, ses paiements ne peuvent plus être supprimés (un paiement rejeté se réclame sur une nouvelle facture).`,
    en: (m) => `${m[0]}.`,
  },
  { re: /^No free number after (\S+)$/, fr: (m) => `Plus aucun numéro disponible après ${m[1]}.`, en: (m) => `${m[0]}.` },
  {
    re: /^is before the date of (\S+) \((\d{4}-\d\d-\d\d)\), the last (invoice|credit note) numbered: date it \d{4}-\d\d-\d\d or later$/,
    fr: (m) => `Antérieure à ${m[3] === 'invoice' ? 'la facture' : 'l’avoir'} ${m[1]} du ${dayFr(m[2]!)}, ${m[3] === 'invoice' ? 'la dernière numérotée' : 'le dernier numéroté'} : datez-${m[3] === 'invoice' ? 'la' : 'le'} du ${dayFr(m[2]!)} ou après (aujourd’hui par exemple)`,
    en: (m) => `Before ${m[1]}, dated ${dayEn(m[2]!)}, the last ${m[3]} numbered: date it ${dayEn(m[2]!)} or later (today, for instance)`,
  },
  {
    re: /^(Invoices|Credit notes) are numbered in date order: this one cannot be dated before (\S+) \((\d{4}-\d\d-\d\d)\)$/,
    fr: (m) =>
      m[1] === 'Invoices'
        ? `Les factures sont numérotées dans l’ordre de leurs dates : celle-ci ne peut pas être datée d’avant ${m[2]} (${dayFr(m[3]!)}).`
        : `Les avoirs sont numérotés dans l’ordre de leurs dates : celui-ci ne peut pas être daté d’avant ${m[2]} (${dayFr(m[3]!)}).`,
    en: (m) => `${m[1]} are numbered in date order: this one cannot be dated before ${m[2]} (${dayEn(m[3]!)}).`,
  },
  { re: /^must not be before the invoice date \((\d{4}-\d\d-\d\d)\)$/, fr: (m) => `Pas avant la date de la facture (${dayFr(m[1]!)})`, en: (m) => `Not before the invoice date (${dayEn(m[1]!)})` },
  { re: /^must be within three years, on (\d{4}-\d\d-\d\d) at the latest$/, fr: (m) => `Dans les trois ans : le ${dayFr(m[1]!)} au plus tard`, en: (m) => `Within three years: ${dayEn(m[1]!)} at the latest` },
  { re: /^Step \S+ is not a letter step \(channel (\w+)\)$/, fr: (m) => `Cette étape part par ${CHANNEL_FR[m[1]!] ?? m[1]} : ce n’est pas un courrier.`, en: (m) => `This step goes by ${m[1]}: it is not a letter.` },
  {
    re: /^"(.*)" is a built-in (scenario|template): PUT \/(?:scenarios|templates)\/\S+ to customise it$/,
    fr: (m) => `« ${m[1]} » est ${m[2] === 'scenario' ? 'un scénario fourni' : 'un modèle fourni'} : modifiez-le plutôt que d’en créer un du même nom.`,
    en: (m) => `"${m[1]}" is a built-in ${m[2]}: edit it rather than create one with the same name.`,
  },
  { re: /^A (scenario|template) "(.*)" already exists$/, fr: (m) => `${m[1] === 'scenario' ? 'Un scénario' : 'Un modèle'} « ${m[2]} » existe déjà : choisissez un autre identifiant.`, en: (m) => `${m[0]}: choose another id.` },
  { re: /^channel must be one of (.+)$/, fr: (m) => `Canal inconnu : ${orFr(m[1]!.split(', ').map((c) => CHANNEL_FR[c] ?? c))}`, en: (m) => `Channel must be one of ${m[1]}` },
  {
    re: /^must be one of ((?:\d+(?:\.\d+)?, )*\d+(?:\.\d+)?)$/,
    fr: (m) => `Taux de TVA : ${orFr(m[1]!.split(', ').map((r) => formatVatRate(Number(r), 'fr')))}`,
    en: (m) => `VAT rate: ${m[1]!.split(', ').map((r) => formatVatRate(Number(r), 'en')).join(', ')}`,
  },
  {
    re: /^(?:(line|document) total \(VAT included\) )?must be at most (\d+) cents \(.*\)$/,
    fr: (m) => `${m[1] === 'line' ? 'Total TTC de la ligne : ' : m[1] === 'document' ? 'Total TTC : ' : ''}${eurFr(m[2]!)} au plus`,
    en: (m) => `${m[1] === 'line' ? 'Line total (incl. VAT): at' : m[1] === 'document' ? 'Total (incl. VAT): at' : 'At'} most ${eurEn(m[2]!)}`,
  },
  { re: /^must be at least minDaysLate \((-?\d+)\)$/, fr: (m) => `Au moins le retard minimum (${m[1]} jours)`, en: (m) => `At least the minimum days late (${m[1]})` },
  { re: /^must be on or after dueFrom \((\d{4}-\d\d-\d\d)\)$/, fr: (m) => `À partir du ${dayFr(m[1]!)}`, en: (m) => `On or after ${dayEn(m[1]!)}` },
  {
    re: /^is not UTF-8 text \(line (\d+)\): save the file as « CSV UTF-8 \(délimité par des virgules\) » in Excel, or (?:UTF-8 in LibreOffice|send it as application\/octet-stream)$/,
    fr: (m) => `Le fichier n’est pas en UTF-8 (ligne ${m[1]}) : dans Excel, enregistrez-le en « CSV UTF-8 (délimité par des virgules) », ou en UTF-8 dans LibreOffice.`,
    en: (m) => `The file is not UTF-8 text (line ${m[1]}): in Excel, save it as "CSV UTF-8 (Comma delimited)", or as UTF-8 in LibreOffice.`,
  },
  // A template that is no reminder email, chosen for a manual reminder (shared/domain/default-templates.ts `manualTemplateRefusal`).
  { re: /^"(.*)" is a text message template: a reminder email needs an email template$/, fr: (m) => `« ${m[1]} » est un modèle de SMS : une relance par e-mail demande un modèle d’e-mail.`, en: (m) => `${m[0]}.` },
  { re: /^"(.*)" thanks the client for a payment: it is not a reminder$/, fr: (m) => `« ${m[1]} » remercie le client d’un paiement : ce n’est pas une relance.`, en: (m) => `${m[0]}.` },
  { re: /^"(.*)" reminds an instalment of a payment plan, and no payment plan is running$/, fr: (m) => `« ${m[1]} » rappelle une échéance d’échéancier, et aucun échéancier n’est en cours.`, en: (m) => `${m[0]}.` },
  // The owner's own subject or body to a consumer.
  {
    re: /^mentions (.+): a consumer owes no penalties nor the €40 indemnity \(CPCE L111-8\)$/,
    fr: (m) => `Cite des pénalités ou l’indemnité de 40 € (${mentioned(m[1]!, 'fr')}) : un particulier ne les doit pas (art. L111-8 du code de la consommation)`,
    en: (m) => `Mentions ${mentioned(m[1]!, 'en')}: a consumer owes no penalties nor the €40 indemnity (French consumer code, L111-8)`,
  },
  // A grouped reminder with nothing to send: each invoice and why (`F-2026-0001: paid`).
  { re: new RegExp(`^(\\S+): (${Object.keys(SKIP).join('|')})$`), fr: (m) => `${m[1]} ne partira pas : ${SKIP[m[2]!]!.fr}`, en: (m) => `${m[1]} will not go: ${SKIP[m[2]!]!.en}` },
  // A refusal whose detail lists its fields (`body.instalments.1.dueDate: must be …; body.x: …`): the fields are said one by one below it.
  { re: /^(?:body|query|path|headers|settings)(?:\.[\w-]+)*: .+$/, fr: () => 'Vérifiez les champs signalés.', en: () => 'Check the fields shown.' },
];

/** What a field of the wrong type expects (zod's `Invalid input: expected number, received string`). */
const TYPE_FR: Record<string, string> = { number: 'Nombre attendu', int: 'Nombre entier attendu', string: 'Texte attendu', boolean: 'Oui ou non attendu', array: 'Liste attendue' };
const TYPE_EN: Record<string, string> = { number: 'A number', int: 'A whole number', string: 'A text', boolean: 'Yes or no', array: 'A list' };

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
  // Found by test/unit/api-messages-coverage.test.ts probing the route table's schemas. A value of another type or outside
  // the options mostly means a request not made by the screens; still said in plain words.
  { re: /^Too (?:small|big): expected string to have exactly (\d+) characters$/, fr: (m) => `${m[1]} caractères exactement`, en: (m) => `Exactly ${m[1]} characters` },
  { re: /^Invalid input: expected (\w+), received \w+$/, fr: (m) => TYPE_FR[m[1]!] ?? 'Valeur invalide', en: (m) => TYPE_EN[m[1]!] ?? 'Invalid value' },
  { re: /^Invalid input: expected "(.*)"$/, fr: (m) => `Valeur attendue : ${m[1]}`, en: (m) => `Expected: ${m[1]}` },
  { re: /^Invalid option: expected one of .+$/, fr: () => 'Choix invalide', en: () => 'Invalid choice' },
  { re: /^Invalid ISO date(time)?$/, fr: (m) => (m[1] ? 'Date et heure invalides' : 'Date invalide'), en: (m) => (m[1] ? 'Invalid date and time' : 'Invalid date') },
  { re: /^Invalid email address$/, fr: () => 'Adresse e-mail invalide', en: () => 'Invalid email address' },
  { re: /^Invalid string: must match pattern .+$/, fr: () => 'Format invalide', en: () => 'Invalid format' },
  { re: /^Invalid input$/, fr: () => 'Valeur invalide', en: () => 'Invalid value' },
];

/** A message in the user's language; a French one with its narrow no-break spaces (lib/french-spacing.ts), one not listed as the API wrote it. */
export const apiMessage = (message: string, lang: Lang): string => {
  const text = said(message, lang);
  return lang === 'fr' && text !== message ? frenchSpacing(text) : text;
};

const said = (message: string, lang: Lang): string => {
  const listed = (lang === 'fr' ? FR : EN)[message];
  if (listed) return listed;
  const refusal = penaltyRefusal(message, lang);
  if (refusal) return refusal;
  for (const p of [...WITH_VALUES, ...PATTERNS]) {
    const m = p.re.exec(message);
    if (m) return lang === 'fr' ? p.fr(m) : p.en(m);
  }
  return message;
};

import { describe, expect, it } from 'vitest';
import { apiMessage } from './api-messages';
import { plain } from '../test/plain';

describe('the API’s field messages for the user', () => {
  it('says the known ones in French', () => {
    expect(plain(apiMessage('must be a postal code', 'fr'))).toBe('Code postal invalide');
    expect(plain(apiMessage('must be an E.164 phone number, e.g. +33612345678', 'fr'))).toBe('Numéro invalide, ex. 06 12 34 56 78 ou +33 6 12 34 56 78');
    expect(plain(apiMessage('is not a valid IBAN (check digits)', 'fr'))).toBe('IBAN invalide (clé de contrôle)');
    expect(plain(apiMessage('is not a valid SIREN (check digit)', 'fr'))).toBe('SIREN invalide (clé de contrôle)');
    expect(plain(apiMessage('has 5001 rows: at most 5000 per import, split the file', 'fr'))).toBe('Le fichier a 5001 lignes : 5000 au plus par import, découpez-le');
    expect(plain(apiMessage('Send or delete the draft deposit invoices first: a final invoice deducts issued deposits only', 'fr'))).toBe(
      'Envoyez ou supprimez d’abord la facture d’acompte en brouillon : la facture finale ne déduit que les acomptes émis.',
    );
    expect(apiMessage('Send or delete the draft deposit invoices first: a final invoice deducts issued deposits only', 'en')).toBe(
      'Send or delete the draft deposit invoices first: a final invoice deducts issued deposits only',
    );
  });

  it('reads zod’s own messages: an empty required text, a length, a bound', () => {
    expect(plain(apiMessage('Too small: expected string to have >=1 characters', 'fr'))).toBe('Obligatoire');
    expect(apiMessage('Too small: expected string to have >=1 characters', 'en')).toBe('Required');
    expect(plain(apiMessage('Invalid input: expected string, received undefined', 'fr'))).toBe('Obligatoire');
    expect(plain(apiMessage('Too big: expected string to have <=200 characters', 'fr'))).toBe('200 caractères au plus');
    expect(plain(apiMessage('Too big: expected number to be <=23', 'fr'))).toBe('Au plus 23');
    expect(apiMessage('Too small: expected number to be >=0', 'en')).toBe('At least 0');
  });

  it('says cents as euros and ISO dates as dates', () => {
    const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
    expect(plain(apiMessage('must not exceed the balance of 120000 cents', 'fr'))).toBe('Ne peut pas dépasser le reste dû (1 200,00 €)');
    expect(plain(apiMessage('The payment exceeds the balance due (120000 cents)', 'fr'))).toBe('Le paiement dépasse le reste dû (1 200,00 €).');
    expect(plain(apiMessage('must be within 60 days (2027-01-24 at the latest)', 'fr'))).toBe('Au plus tard le 24 janv. 2027');
    expect(plain(apiMessage('is after today (2026-11-26): send it on that day, or change its date', 'fr'))).toBe('Postérieure à aujourd’hui (26 nov. 2026) : envoyez-la ce jour-là, ou changez sa date');
    expect(plain(apiMessage('An invoice cannot be sent before its issue date', 'fr'))).toBe('Une facture ne peut pas être envoyée avant sa date d’émission.');
    expect(
      plain(apiMessage('This client received a message on 2026-11-25; with a minimum gap of 3 days the next one is due on 2026-11-28. Send with "force": true to send anyway.', 'fr')),
    ).toBe('Ce client a déjà reçu un message le 25 nov. 2026 : l’écart minimum entre deux messages mène au 28 nov. 2026. Vous pouvez tout de même envoyer.');
    expect(apiMessage('This client received a message on 2026-11-25; the next one is allowed on 2026-11-28. Send with "force": true to send anyway.', 'en')).toBe(
      'This client already received a message on 25 Nov 2026: the minimum gap between messages leads to 28 Nov 2026. You may still send.',
    );
  });

  it('says in French the field refusals a screen can meet that were left in English: a French postal code, a category, a payment before a plan', () => {
    expect(plain(apiMessage('must be 5 digits in France (e.g. 75011)', 'fr'))).toBe('5 chiffres en France (ex. 75011)');
    expect(plain(apiMessage('must be 1-40 lowercase letters, digits, dashes or underscores', 'fr'))).toBe('1 à 40 lettres minuscules, chiffres, tirets ou soulignés');
    expect(plain(apiMessage('was recorded before the running payment plan', 'fr'))).toBe('Enregistré avant l’échéancier en cours : arrêtez d’abord l’échéancier');
    expect(plain(apiMessage('has a payment plan request waiting for an answer', 'fr'))).toBe('Le client a demandé un échéancier : acceptez-le ou refusez-le d’abord');
    expect(apiMessage('is required when settings.paymentUrl is not set', 'en')).toBe('Required without an online payment link');
  });

  it('keeps a message it does not know, and English ones already meant for people', () => {
    expect(plain(apiMessage('exceeds the balance (820,00 €)', 'fr'))).toBe('exceeds the balance (820,00 €)');
    expect(apiMessage('must be an email address', 'en')).toBe('must be an email address');
  });

  it('says in French what the screens meet: scenario steps, payments, plans, credit notes, statuses — never cents', () => {
    const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
    expect(plain(apiMessage('must come at least 1 day after the step before it', 'fr'))).toBe('Au moins 1 jour après l’étape précédente');
    expect(plain(apiMessage('is too long for a text message (812 characters, at most 320): use a short template such as sms-reminder', 'fr'))).toBe(
      'Trop long pour un SMS (812 caractères, 320 au plus) : choisissez un modèle court, comme « SMS de relance »',
    );
    expect(plain(apiMessage('is after today', 'fr'))).toBe('Pas après aujourd’hui');
    expect(plain(apiMessage('is after today (2026-11-26)', 'fr'))).toBe('Pas après aujourd’hui (26 nov. 2026)');
    expect(plain(apiMessage('A paid invoice cannot receive payments', 'fr'))).toBe('Une facture payée ne peut pas recevoir de paiement.');
    expect(apiMessage('A partially_paid invoice cannot be sent', 'en')).toBe('A partially paid invoice cannot be sent.');
    expect(plain(apiMessage('A credit note can reduce the balance due (43900 cents), not exceed it', 'fr'))).toBe('Un avoir peut réduire le reste dû (439,00 €), pas le dépasser.');
    expect(plain(apiMessage('instalments add up to 40000 cents but the balance is 43900 cents (3900 cents missing)', 'fr'))).toBe('Les échéances font 400,00 € mais le reste dû est de 439,00 € : 39,00 € manquent');
    expect(plain(apiMessage('instalments add up to 45000 cents but the balance is 43900 cents (1100 cents too much)', 'en'))).toBe('The instalments add up to €450.00 but the balance is €439.00: €11.00 too much');
    // One cent: "1 cent" in the API's text; in French, under 2 € the verb stays singular.
    expect(plain(apiMessage('instalments add up to 43899 cents but the balance is 43900 cents (1 cent missing)', 'fr'))).toBe('Les échéances font 438,99 € mais le reste dû est de 439,00 € : 0,01 € manque');
    expect(plain(apiMessage('instalments add up to 43901 cents but the balance is 43900 cents (1 cent too much)', 'en'))).toBe('The instalments add up to €439.01 but the balance is €439.00: €0.01 too much');
    expect(plain(apiMessage('must be after instalment 1 (2026-12-10)', 'fr'))).toBe('Après l’échéance 1 (10 déc. 2026)');
    expect(plain(apiMessage('No reminder can be sent: the invoice is disputed', 'fr'))).toBe('Aucune relance possible : la facture est contestée.');
    expect(plain(apiMessage('The quote is refused', 'fr'))).toBe('Le devis est refusé.');
    expect(plain(apiMessage('unknown variable {{total}}; use {{invoiceNumber}}, {{balance}}', 'fr'))).toBe('Variable inconnue : {{total}} ; utilisez {{invoiceNumber}}, {{balance}}');
    expect(plain(apiMessage('unknown variable {{total}}, {{tva}}; use {{invoiceNumber}}', 'fr'))).toBe('Variables inconnues : {{total}}, {{tva}} ; utilisez {{invoiceNumber}}');
    expect(plain(apiMessage('"relance-pro" is the scenario of 1 client(s): Martin', 'fr'))).toBe('Ce scénario est celui d’un client : Martin. Changez d’abord son scénario.');
    expect(plain(apiMessage('"relance-pro" is the scenario of 2 client(s): Martin, Durand', 'fr'))).toBe('Ce scénario est celui de 2 clients : Martin, Durand. Changez d’abord leur scénario.');
    // The template editor adds its own hint to the API's "unknown variables: …": left for it to say.
    expect(plain(apiMessage('unknown variables: {{foo}}', 'fr'))).toBe('unknown variables: {{foo}}');
    for (const lang of ['fr', 'en'] as const) {
      expect(apiMessage('A credit note can reduce the balance due (43900 cents), not exceed it', lang)).not.toMatch(/cents/);
      expect(apiMessage('Deposits (165000 cents) exceed the quote total (150000 cents)', lang)).not.toMatch(/cents/);
    }
  });

  it('says a refusal met on a page left open while the engine moved on, never the API’s English', () => {
    expect(plain(apiMessage('The step is sent: only a scheduled step or a letter not posted yet can be cancelled', 'fr'))).toBe('Cette relance est déjà partie : seule une relance programmée ou une lettre pas encore postée peut être annulée. Rechargez la page.');
    expect(plain(apiMessage('"vip" is already bound to scenario "Clients fidèles"', 'fr'))).toBe('« vip » est déjà liée au scénario « Clients fidèles »');
    expect(apiMessage('The step is sending: only a scheduled step or a letter not posted yet can be cancelled', 'en')).toBe('This reminder is already being sent: only a scheduled one or a letter not posted yet can be cancelled. Reload the page.');
    expect(plain(apiMessage('This letter was already recorded as posted with tracking number 1A234', 'fr'))).toBe('Ce courrier est déjà noté comme posté (n° 1A234).');
    expect(plain(apiMessage('The letter of step j+15 is cancelled, not to_post: only a produced letter can be posted', 'fr'))).toBe('Ce courrier n’est pas à poster (étape annulée) : rechargez la page.');
    expect(plain(apiMessage('Invoice F-2026-0001 was already sent', 'fr'))).toBe('La facture F-2026-0001 est déjà envoyée.');
    expect(plain(apiMessage('The reminder plan of this invoice is being recorded: try again in a moment', 'fr'))).toBe('Le plan de relance de cette facture est en cours d’enregistrement : réessayez dans un instant.');
  });

  it('says the refusals found by reading the API’s source (test/unit/api-messages-coverage.test.ts): the portal, litigation, concurrent writes', () => {
    expect(plain(apiMessage('This invoice is paid: nothing is left to pay', 'fr'))).toBe('Cette facture est payée : il ne reste rien à payer.');
    expect(plain(apiMessage('This invoice is now handled by the litigation procedure: please contact the company', 'fr'))).toBe(
      'Cette facture est désormais suivie en recouvrement contentieux : contactez l’entreprise.',
    );
    // A closing the portal does not know stays as the API wrote it (the coverage test then fails).
    expect(plain(apiMessage('This invoice is somewhere else', 'fr'))).toBe('This invoice is somewhere else');
    expect(plain(apiMessage('A draft invoice cannot go to litigation: only an invoice awaiting payment can', 'fr'))).toBe(
      'Une facture en brouillon ne peut pas passer en contentieux : seule une facture en attente de paiement le peut.',
    );
    expect(apiMessage('Only an invoice in litigation can be written off (this one is partially_paid): POST /invoices/{id}/litigation first', 'en')).toBe(
      'Only an invoice in litigation can be written off (this one is partially paid): move it to litigation first.',
    );
    expect(plain(apiMessage('The invoice was changed by another request; retry with its latest state', 'fr'))).toBe('La facture vient d’être modifiée entre-temps : rechargez la page et réessayez.');
    expect(plain(apiMessage('"relance-pro" is a built-in template: PUT /templates/relance-pro to customise it', 'fr'))).toBe(
      '« relance-pro » est un modèle fourni : modifiez-le plutôt que d’en créer un du même nom.',
    );
  });

  it('says a 404 with the right gender, and what a plan or a request that moved on means', () => {
    expect(plain(apiMessage('Invoice not found', 'fr'))).toBe('Cette facture est introuvable : elle a peut-être été supprimée, ou le lien est erroné.');
    expect(plain(apiMessage('Client not found', 'fr'))).toBe('Ce client est introuvable : il a peut-être été supprimé, ou le lien est erroné.');
    expect(plain(apiMessage('Pending payment plan request not found', 'fr'))).toBe('Aucune demande d’échéancier en attente : elle a peut-être déjà reçu une réponse. Rechargez la page.');
    expect(plain(apiMessage('Portal (no web address configured) not found', 'fr'))).toBe('Le portail client n’est pas disponible : aucune adresse web n’est configurée.');
  });

  it('says a penalty template refused for a consumer, with what it mentions and how the scenario reaches the consumer', () => {
    const refusal = 'template "relance-ferme" mentions penalties or the €40 indemnity (penalties, €40): it cannot be sent to a consumer (CPCE L111-8)';
    expect(plain(apiMessage(refusal, 'fr'))).toBe(
      'Le modèle « relance-ferme » cite des pénalités ou l’indemnité de 40 € (pénalités, 40 €) : il ne peut pas partir vers un particulier (art. L111-8 du code de la consommation).',
    );
    expect(plain(apiMessage(`${refusal}; the scenario is the scenario of consumer client(s) "Martin", "Durand"`, 'fr'))).toMatch(
      /\. Ce scénario est celui de clients particuliers : « Martin », « Durand »\.$/,
    );
    expect(plain(apiMessage(`steps.2.templateId: ${refusal}; the scenario would be the scenario of this consumer client`, 'fr'))).toMatch(/^Étape 3 : Le modèle « relance-ferme » cite .*\. Ce scénario serait celui de ce client particulier\.$/);
    expect(plain(apiMessage(`${refusal}; the scenario is somewhere else`, 'fr'))).toBe(`${refusal}; the scenario is somewhere else`);
    // A built-in template and its English variant, refused alike with their variables: said once, in words, never `{{penaltyRate}}`.
    const firm = (id: string) => `template "${id}" mentions penalties or the €40 indemnity ({{penaltiesAmount}}, {{penaltyRate}}, {{indemnityAmount}}, penalties, indemnity): it cannot be sent to a consumer (CPCE L111-8)`;
    expect(plain(apiMessage(`${firm('firm')}; ${firm('firm-en')}; the scenario is the scenario of the tagged consumer client(s) "Marie Martin"`, 'fr'))).toBe(
      'Le modèle « firm » (et sa version anglaise) cite des pénalités ou l’indemnité de 40 € (variables de pénalités, pénalités, indemnité forfaitaire) : il ne peut pas partir vers un particulier (art. L111-8 du code de la consommation). Ce scénario s’applique, par leur catégorie, à des clients particuliers : "Marie Martin".',
    );
    expect(apiMessage(`${firm('firm')}; ${firm('firm-en')}`, 'en')).toBe(
      'Template "firm" (and its English version) mentions penalties or the €40 indemnity (penalty variables, penalties, recovery indemnity): it cannot be sent to a consumer (French consumer code, L111-8).',
    );
    expect(plain(apiMessage('mentions penalties or the €40 indemnity ({{penaltyRate}}), which a consumer must never receive (CPCE L111-8): scenario "b2c" is the default scenario for consumers', 'fr'))).toBe(
      'Cite des pénalités ou l’indemnité de 40 € (variables de pénalités) : interdit envers un particulier (art. L111-8 du code de la consommation). Le scénario « b2c » est celui des particuliers par défaut.',
    );
  });

  it('says amounts, rates and dates of the input refusals as people write them', () => {
    const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
    expect(plain(apiMessage('line total (VAT included) must be at most 99999999999 cents (999 999 999,99 €)', 'fr'))).toBe('Total TTC de la ligne : 999 999 999,99 € au plus');
    expect(plain(apiMessage('must be one of 0, 2.1, 5.5, 10, 20', 'fr'))).toBe('Taux de TVA : 0 %, 2,1 %, 5,5 %, 10 % ou 20 %');
    expect(plain(apiMessage('must be on or after dueFrom (2026-12-01)', 'fr'))).toBe('À partir du 1 déc. 2026');
    expect(apiMessage('must be within three years, on 2029-11-26 at the latest', 'en')).toBe('Within three years: 26 Nov 2029 at the latest');
    expect(plain(apiMessage('channel must be one of email, sms, letter', 'fr'))).toBe('Canal inconnu : e-mail, SMS ou courrier');
  });

  it('says why each invoice of a grouped reminder with nothing to send does not go', () => {
    expect(plain(apiMessage('F-2026-0001: paid', 'fr'))).toBe('F-2026-0001 ne partira pas : déjà payée');
    expect(apiMessage('F-2026-0002: same_day', 'en')).toBe('F-2026-0002 will not go: already reminded today');
    expect(plain(apiMessage('F-2026-0003: something_new', 'fr'))).toBe('F-2026-0003: something_new');
  });

  it('says a refusal whose detail lists its fields as a sentence, the fields being said one by one', () => {
    expect(plain(apiMessage('body.instalments.1.dueDate: must be after instalment 1 (2026-12-10); body.instalments: at most 24 instalments', 'fr'))).toBe('Vérifiez les champs signalés.');
    expect(apiMessage('body.lines.0.unitPriceCents: must be at most 99999999999 cents (999 999 999,99 €)', 'en')).toBe('Check the fields shown.');
  });

  it('says zod’s own refusals of a wrong type, an unknown option or an exact length in plain words', () => {
    expect(plain(apiMessage('Invalid input: expected int, received number', 'fr'))).toBe('Nombre entier attendu');
    expect(apiMessage('Invalid input: expected number, received NaN', 'en')).toBe('A number');
    expect(plain(apiMessage('Invalid input: expected string, received undefined', 'fr'))).toBe('Obligatoire');
    expect(plain(apiMessage('Invalid option: expected one of "transfer"|"card"|"cheque"', 'fr'))).toBe('Choix invalide');
    expect(plain(apiMessage('Too big: expected string to have exactly 2 characters', 'fr'))).toBe('2 caractères exactement');
    expect(plain(apiMessage('Invalid input: expected "EUR"', 'fr'))).toBe('Valeur attendue : EUR');
  });

  it('says each word a refusal is given: a dispute stops reminders, a step withdrawn meanwhile is gone from the plan', () => {
    expect(plain(apiMessage('A paid invoice has no reminders to stop', 'fr'))).toBe('Une facture payée n’a pas de relances à arrêter.');
    expect(plain(apiMessage('A paid invoice has no reminders to pause', 'fr'))).toBe('Une facture payée n’a pas de relances à suspendre.');
    expect(plain(apiMessage('The step is gone: only a scheduled step or a letter not posted yet can be cancelled', 'fr'))).toBe(
      'Cette relance est déjà retirée du plan : seule une relance programmée ou une lettre pas encore postée peut être annulée. Rechargez la page.',
    );
  });
});

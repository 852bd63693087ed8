import { registerTexts } from '../../lib/texts';

const fr = {
  timeline: 'Historique',
  noTimeline: 'Rien encore.',
  events: {
    created: 'Devis créé',
    updated: 'Devis modifié',
    numbered: 'Devis numéroté',
    sent: 'Devis envoyé par e-mail',
    accepted: 'Devis accepté',
    refused: 'Devis refusé',
    expired: 'Devis expiré',
    converted: 'Devis facturé',
    deposit_created: 'Facture d’acompte créée',
    follow_up_sent: 'Relance du devis envoyée',
    follow_up_failed: 'Échec de la relance du devis',
  },
  edit: 'Modifier le devis',
  validUntil: 'Valable jusqu’au',
  notes: 'Notes',
  save: 'Enregistrer le devis',
  validBeforeIssue: 'La validité ne peut pas précéder la date du devis.',
  validityRange: 'De 1 à 365 jours',
};

export const quoteTexts = registerTexts('quoteMore', fr, {
  timeline: 'History',
  noTimeline: 'Nothing yet.',
  events: {
    created: 'Quote created',
    updated: 'Quote edited',
    numbered: 'Quote numbered',
    sent: 'Quote sent by email',
    accepted: 'Quote accepted',
    refused: 'Quote refused',
    expired: 'Quote expired',
    converted: 'Quote invoiced',
    deposit_created: 'Deposit invoice created',
    follow_up_sent: 'Quote follow-up sent',
    follow_up_failed: 'Quote follow-up failed',
  },
  edit: 'Edit the quote',
  validUntil: 'Valid until',
  notes: 'Notes',
  save: 'Save the quote',
  validBeforeIssue: 'The validity cannot be before the quote date.',
  validityRange: 'From 1 to 365 days',
});

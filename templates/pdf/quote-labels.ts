import type { Language } from './format.js';
import { invoiceLabels, type InvoiceLabels } from './invoice-labels.js';

const fr = {
  quote: 'Devis',
  draftQuote: 'Devis (brouillon)',
  validUntil: "Valable jusqu'au",
  recipient: 'Client',
  acceptance: 'Bon pour accord — date et signature du client',
  acceptanceHint: 'Faire précéder la signature de la mention manuscrite « Bon pour accord ».',
  date: 'Date :',
  signature: 'Signature :',
};

const en: typeof fr = {
  quote: 'Quote',
  draftQuote: 'Quote (draft)',
  validUntil: 'Valid until',
  recipient: 'Customer',
  acceptance: "Accepted (bon pour accord) — date and customer's signature",
  acceptanceHint: 'Please write "accepted" by hand above your signature.',
  date: 'Date:',
  signature: 'Signature:',
};

export type QuoteLabels = InvoiceLabels & typeof fr;

export const quoteLabels = (language: Language): QuoteLabels => ({ ...invoiceLabels(language), ...(language === 'en' ? en : fr) });

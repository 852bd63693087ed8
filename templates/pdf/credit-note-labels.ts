import { shortDate, type Language } from './format.js';
import { invoiceLabels, type InvoiceLabels } from './invoice-labels.js';

interface CreditNoteText {
  readonly creditNote: string;
  readonly against: (invoiceNumber: string, invoiceDate: string) => string;
  readonly reason: (reason: string) => string;
  readonly full: string;
  readonly partial: string;
  readonly recipient: string;
  readonly amountsByRate: string;
  readonly creditTotal: string;
  /** A write-off's credit note: the rectifying invoice that recovers the VAT of an irrecoverable debt (CGI art. 272-1). */
  readonly badDebt: string;
  /** The same credit note on an invoice that charged no VAT (franchise en base, reverse charge): nothing to regularise. */
  readonly badDebtNoVat: string;
}

const fr: CreditNoteText = {
  creditNote: 'Avoir',
  against: (n, d) => `Avoir sur la facture ${n} du ${shortDate(d)}`,
  reason: (reason) => `Motif : ${reason}`,
  full: 'Annulation totale',
  partial: 'Avoir partiel',
  recipient: 'Client',
  amountsByRate: 'Montants par taux de TVA',
  creditTotal: "Montant de l'avoir TTC",
  badDebt: 'Facture rectificative : régularisation de la TVA sur créance irrécouvrable (CGI art. 272-1). La TVA de la facture d’origine est réduite du montant ci-dessous.',
  badDebtNoVat: 'Avoir pour créance irrécouvrable : la facture d’origine ne portait pas de TVA, aucune TVA à régulariser.',
};

const en: CreditNoteText = {
  creditNote: 'Credit note',
  against: (n, d) => `Credit note against invoice ${n} of ${shortDate(d)}`,
  reason: (reason) => `Reason: ${reason}`,
  full: 'Full cancellation',
  partial: 'Partial credit',
  recipient: 'Customer',
  amountsByRate: 'Amounts by VAT rate',
  creditTotal: 'Credit note total incl. VAT',
  badDebt: 'Rectifying invoice: VAT regularisation for an irrecoverable debt (French tax code, CGI art. 272-1). The VAT of the original invoice is reduced by the amount below.',
  badDebtNoVat: 'Credit note for an irrecoverable debt: the original invoice charged no VAT, there is no VAT to regularise.',
};

export type CreditNoteLabels = InvoiceLabels & CreditNoteText;

export const creditNoteLabels = (language: Language): CreditNoteLabels => ({ ...invoiceLabels(language), ...(language === 'en' ? en : fr) });

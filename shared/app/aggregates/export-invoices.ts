import type { InvoiceListQuery, InvoiceView } from '../../domain/invoice-types.js';
import type { Page } from '../ports.js';

const HEADER = ['Numéro', 'Client', 'Date', 'Échéance', 'HT', 'TVA', 'TTC', 'Réglé', 'Avoirs', 'Solde', 'Statut', 'Jours de retard', 'Dernière relance', 'Importée'];

/** `123456` → `1234,56`: what French spreadsheets and accounting tools read as a number. */
export const frenchAmount = (cents: number) => `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)},${String(Math.abs(cents) % 100).padStart(2, '0')}`;

const cell = (value: string) => (/[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
/** A text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) is kept as text: a `'` before it. */
const text = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** The status as the accountant reads it (the web app's words). */
const STATUS_FR: Record<InvoiceView['status'], string> = {
  draft: 'brouillon', sent: 'envoyée', partially_paid: 'partiellement payée', paid: 'payée', cancelled: 'annulée', litigation: 'contentieux', written_off: 'passée en perte',
};

export const invoiceCsvRow = (i: InvoiceView) =>
  [
    text(i.number ?? ''),
    text(i.clientName ?? ''),
    i.issueDate,
    i.dueDate,
    frenchAmount(i.totals.netCents),
    frenchAmount(i.totals.vatCents),
    frenchAmount(i.totals.grossCents),
    frenchAmount(i.paidCents),
    frenchAmount(i.creditedCents),
    frenchAmount(i.balanceCents),
    STATUS_FR[i.status],
    String(i.daysLate),
    i.lastReminder?.at.slice(0, 10) ?? '',
    i.imported ? 'oui' : '',
  ].map(cell).join(';');

/**
 * The follow-up list as CSV for the accountant: the same filters and sort, every page,
 * `;`-separated with French decimals and a BOM (Excel opens it as UTF-8).
 */
export const makeExportInvoices = (list: (tenantId: string, q: InvoiceListQuery) => Promise<Page<InvoiceView>>) =>
  async (tenantId: string, q: Omit<InvoiceListQuery, 'limit' | 'cursor'>): Promise<string> => {
    const lines = [HEADER.join(';')];
    let cursor: string | undefined;
    do {
      const page = await list(tenantId, { ...q, limit: 100, ...(cursor ? { cursor } : {}) });
      lines.push(...page.items.map(invoiceCsvRow));
      cursor = page.nextCursor;
    } while (cursor);
    return `\ufeff${lines.join('\r\n')}\r\n`;
  };

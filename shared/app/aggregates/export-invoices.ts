import type { Client } from '../../domain/client.js';
import { localDate } from '../../domain/dates.js';
import type { Settings } from '../../domain/settings.js';
import type { InvoiceListQuery, InvoiceView } from '../../domain/invoice-types.js';
import type { ClientRepository } from '../ports.js';
import type { Page } from '../ports.js';

/**
 * The columns, named as `POST /imports/invoices` reads them (shared/domain/invoice-import.ts):
 * the accountant's file goes back in as it came out, with the client identity the import matches on.
 */
const HEADER_FR = ['Numéro', 'Client', 'E-mail', 'SIREN', 'Type', 'Date facture', 'Échéance', 'HT', 'TVA', 'TTC', 'Réglé', 'Avoirs', 'Solde', 'Statut', 'Jours de retard', 'Dernière relance', 'Importée'];
/** In English, as the import reads them too (`Balance` is what is owed, read only without `Paid`). */
const HEADER_EN = ['Number', 'Customer', 'Email', 'SIREN', 'Type', 'Invoice date', 'Due date', 'Net', 'VAT', 'Gross', 'Paid', 'Credited', 'Balance', 'Status', 'Days late', 'Last reminder', 'Imported'];

/**
 * How the file is written for a language: French Excel (`;`, decimal comma, JJ/MM/AAAA) or English
 * spreadsheets (`,`, decimal point, ISO dates, which read one way only).
 */
export type ExportLanguage = 'fr' | 'en';

/** `123456` → `1234,56`: what French spreadsheets and accounting tools read as a number. */
export const frenchAmount = (cents: number) => decimalAmount(cents, ',');
const decimalAmount = (cents: number, point: string) => `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}${point}${String(Math.abs(cents) % 100).padStart(2, '0')}`;

/** `2026-03-01` → `01/03/2026`: French Excel reads it as a date (an ISO date stays text in some versions). */
export const frenchDate = (iso: string) => (/^\d{4}-\d{2}-\d{2}/.test(iso) ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : iso);

/** A cell quoted when it holds the separator (`;` in French, `,` in English), a quote or a line break. */
const cell = (value: string, separator = ';') => (value.includes(separator) || /["\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
/** A text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) is kept as text: a `'` before it (the import drops it). */
const text = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** The status as the accountant reads it (the web app's words). */
const STATUS_FR: Record<InvoiceView['status'], string> = {
  draft: 'brouillon', sent: 'envoyée', partially_paid: 'partiellement payée', paid: 'payée', cancelled: 'annulée', litigation: 'contentieux', written_off: 'passée en perte',
};
/** In English: words the import reads back (`paid`, `cancelled`, `litigation`, `draft`). */
const STATUS_EN: Record<InvoiceView['status'], string> = {
  draft: 'draft', sent: 'sent', partially_paid: 'partially paid', paid: 'paid', cancelled: 'cancelled', litigation: 'litigation', written_off: 'written off',
};

const FORMATS = {
  fr: { header: HEADER_FR, separator: ';', amount: frenchAmount, date: (iso: string) => frenchDate(iso), status: STATUS_FR, business: 'professionnel', consumer: 'particulier', yes: 'oui' },
  en: { header: HEADER_EN, separator: ',', amount: (cents: number) => decimalAmount(cents, '.'), date: (iso: string) => iso, status: STATUS_EN, business: 'business', consumer: 'consumer', yes: 'yes' },
} as const;

type ClientIdentity = Pick<Client, 'email' | 'kind'> & { readonly siren?: string | undefined; readonly name?: string };

/**
 * What the invoice itself bills: a final invoice less the deposits it deducts (they have rows of
 * their own), so its row adds up (TTC − Réglé − Avoirs = Solde) and an import does not bill them twice.
 */
const billed = (i: InvoiceView) => {
  const less = (pick: (d: NonNullable<InvoiceView['deductions']>[number]) => number) => (i.deductions ?? []).reduce((s, d) => s + pick(d), 0);
  const grossCents = i.totals.grossCents - (i.deductedCents ?? 0);
  const netCents = i.totals.netCents - less((d) => d.netCents);
  return { netCents, vatCents: grossCents - netCents, grossCents };
};

export const invoiceCsvRow = (i: InvoiceView, client?: ClientIdentity, timeZone = 'Europe/Paris', language: ExportLanguage = 'fr') => {
  const who = client ?? i.issued?.client;
  const amounts = billed(i);
  const f = FORMATS[language];
  return [
    text(i.number ?? ''),
    // The row's name comes with the aggregates consumer: an invoice just imported or sent has none yet.
    text(i.clientName ?? client?.name ?? i.issued?.client.name ?? ''),
    text(who?.email ?? ''),
    who?.siren ?? '',
    who ? (who.kind === 'consumer' ? f.consumer : f.business) : '',
    f.date(i.issueDate),
    f.date(i.dueDate),
    f.amount(amounts.netCents),
    f.amount(amounts.vatCents),
    f.amount(amounts.grossCents),
    f.amount(i.paidCents),
    f.amount(i.creditedCents),
    f.amount(i.balanceCents),
    f.status[i.status],
    String(i.daysLate),
    // The day it went out where the tenant is (09:00 in Nouméa is the day before in UTC).
    i.lastReminder ? f.date(localDate(new Date(i.lastReminder.at), timeZone)) : '',
    i.imported ? f.yes : '',
  ].map((v) => cell(v, f.separator)).join(f.separator);
};

/**
 * The follow-up list as CSV for the accountant: the same filters and sort, every page, in French
 * (`;`-separated with French decimals and dates) or English (`,`, decimal points, ISO dates) and a
 * BOM (Excel opens it as UTF-8). Each client is
 * read once for its email, SIREN and kind, so the file can be imported again.
 */
export const makeExportInvoices = (
  list: (tenantId: string, q: InvoiceListQuery) => Promise<Page<InvoiceView>>,
  clients: Pick<ClientRepository, 'get'>,
  settings: { get(tenantId: string): Promise<Pick<Settings, 'timezone'> & { readonly language?: ExportLanguage }> },
) =>
  /** `language`: asked for (`?lang=`), else the tenant's (settings), else French. */
  async (tenantId: string, q: Omit<InvoiceListQuery, 'limit' | 'cursor'>, language?: ExportLanguage): Promise<{ csv: string; language: ExportLanguage }> => {
    const s = await settings.get(tenantId);
    const timezone = s.timezone;
    const lang: ExportLanguage = language ?? s.language ?? 'fr';
    const f = FORMATS[lang];
    const lines = [f.header.join(f.separator)];
    const known = new Map<string, Client | undefined>();
    let cursor: string | undefined;
    do {
      const page = await list(tenantId, { ...q, limit: 100, ...(cursor ? { cursor } : {}) });
      const missing = [...new Set(page.items.map((i) => i.clientId))].filter((id) => !known.has(id));
      (await Promise.all(missing.map((id) => clients.get(tenantId, id)))).forEach((c, n) => known.set(missing[n]!, c));
      lines.push(...page.items.map((i) => invoiceCsvRow(i, known.get(i.clientId), timezone, lang)));
      cursor = page.nextCursor;
    } while (cursor);
    return { csv: `\ufeff${lines.join('\r\n')}\r\n`, language: lang };
  };

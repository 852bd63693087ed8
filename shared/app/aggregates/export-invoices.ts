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
const HEADER = ['Numéro', 'Client', 'E-mail', 'SIREN', 'Type', 'Date facture', 'Échéance', 'HT', 'TVA', 'TTC', 'Réglé', 'Avoirs', 'Solde', 'Statut', 'Jours de retard', 'Dernière relance', 'Importée'];

/** `123456` → `1234,56`: what French spreadsheets and accounting tools read as a number. */
export const frenchAmount = (cents: number) => `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)},${String(Math.abs(cents) % 100).padStart(2, '0')}`;

/** `2026-03-01` → `01/03/2026`: French Excel reads it as a date (an ISO date stays text in some versions). */
export const frenchDate = (iso: string) => (/^\d{4}-\d{2}-\d{2}/.test(iso) ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : iso);

const cell = (value: string) => (/[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
/** A text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) is kept as text: a `'` before it (the import drops it). */
const text = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** The status as the accountant reads it (the web app's words). */
const STATUS_FR: Record<InvoiceView['status'], string> = {
  draft: 'brouillon', sent: 'envoyée', partially_paid: 'partiellement payée', paid: 'payée', cancelled: 'annulée', litigation: 'contentieux', written_off: 'passée en perte',
};

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

export const invoiceCsvRow = (i: InvoiceView, client?: ClientIdentity, timeZone = 'Europe/Paris') => {
  const who = client ?? i.issued?.client;
  const amounts = billed(i);
  return [
    text(i.number ?? ''),
    // The row's name comes with the aggregates consumer: an invoice just imported or sent has none yet.
    text(i.clientName ?? client?.name ?? i.issued?.client.name ?? ''),
    text(who?.email ?? ''),
    who?.siren ?? '',
    who ? (who.kind === 'consumer' ? 'particulier' : 'professionnel') : '',
    frenchDate(i.issueDate),
    frenchDate(i.dueDate),
    frenchAmount(amounts.netCents),
    frenchAmount(amounts.vatCents),
    frenchAmount(amounts.grossCents),
    frenchAmount(i.paidCents),
    frenchAmount(i.creditedCents),
    frenchAmount(i.balanceCents),
    STATUS_FR[i.status],
    String(i.daysLate),
    // The day it went out where the tenant is (09:00 in Nouméa is the day before in UTC).
    i.lastReminder ? frenchDate(localDate(new Date(i.lastReminder.at), timeZone)) : '',
    i.imported ? 'oui' : '',
  ].map(cell).join(';');
};

/**
 * The follow-up list as CSV for the accountant: the same filters and sort, every page,
 * `;`-separated with French decimals and dates and a BOM (Excel opens it as UTF-8). Each client is
 * read once for its email, SIREN and kind, so the file can be imported again.
 */
export const makeExportInvoices = (
  list: (tenantId: string, q: InvoiceListQuery) => Promise<Page<InvoiceView>>,
  clients: Pick<ClientRepository, 'get'>,
  settings: { get(tenantId: string): Promise<Pick<Settings, 'timezone'>> },
) =>
  async (tenantId: string, q: Omit<InvoiceListQuery, 'limit' | 'cursor'>): Promise<string> => {
    const { timezone } = await settings.get(tenantId);
    const lines = [HEADER.join(';')];
    const known = new Map<string, Client | undefined>();
    let cursor: string | undefined;
    do {
      const page = await list(tenantId, { ...q, limit: 100, ...(cursor ? { cursor } : {}) });
      const missing = [...new Set(page.items.map((i) => i.clientId))].filter((id) => !known.has(id));
      (await Promise.all(missing.map((id) => clients.get(tenantId, id)))).forEach((c, n) => known.set(missing[n]!, c));
      lines.push(...page.items.map((i) => invoiceCsvRow(i, known.get(i.clientId), timezone)));
      cursor = page.nextCursor;
    } while (cursor);
    return `\ufeff${lines.join('\r\n')}\r\n`;
  };

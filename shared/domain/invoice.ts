import { divRound, quantityMilli, QUANTITY_SCALE, vatRateBasisPoints, type VatRate } from './money.js';
import { addDays, dateToUtcMs, daysBetween, localDate } from './dates.js';

/**
 * `litigation` (contentieux): still owed, reminders stopped, handed to the owner's recovery steps.
 * `written_off` (créance irrécouvrable): its balance cancelled by a VAT-regularisation credit note.
 */
export type InvoiceStatus = 'draft' | 'sent' | 'partially_paid' | 'paid' | 'cancelled' | 'litigation' | 'written_off';
export const INVOICE_STATUSES = ['draft', 'sent', 'partially_paid', 'paid', 'cancelled', 'litigation', 'written_off'] as const satisfies readonly InvoiceStatus[];
export type ClientKind = 'business' | 'consumer';

export interface InvoiceLine {
  readonly description: string;
  readonly quantity: number;
  readonly unitPriceCents: number;
  readonly vatRate: VatRate;
}

export interface LineTotals {
  readonly netCents: number;
  readonly vatCents: number;
  readonly grossCents: number;
}

export interface VatBreakdownRow {
  readonly vatRate: VatRate;
  readonly netCents: number;
  readonly vatCents: number;
}

export interface InvoiceTotals extends LineTotals {
  readonly vatBreakdown: readonly VatBreakdownRow[];
}

/** One line: net = quantity × unit price, VAT on that net, each rounded to the cent on the line. */
export const lineTotals = (line: InvoiceLine): LineTotals => {
  const net = divRound(BigInt(quantityMilli(line.quantity)) * BigInt(line.unitPriceCents), BigInt(QUANTITY_SCALE));
  const vat = divRound(net * BigInt(vatRateBasisPoints(line.vatRate)), 10_000n);
  return { netCents: Number(net), vatCents: Number(vat), grossCents: Number(net + vat) };
};

/** Invoice totals are sums of per-line rounded amounts, so they always add up on the PDF. */
export const invoiceTotals = (lines: readonly InvoiceLine[]): InvoiceTotals => {
  const byRate = new Map<VatRate, { netCents: number; vatCents: number }>();
  let netCents = 0;
  let vatCents = 0;
  for (const line of lines) {
    const t = lineTotals(line);
    netCents += t.netCents;
    vatCents += t.vatCents;
    const row = byRate.get(line.vatRate) ?? { netCents: 0, vatCents: 0 };
    byRate.set(line.vatRate, { netCents: row.netCents + t.netCents, vatCents: row.vatCents + t.vatCents });
  }
  const vatBreakdown = [...byRate.entries()]
    .sort(([a], [b]) => b - a)
    .map(([vatRate, row]) => ({ vatRate, ...row }));
  return { netCents, vatCents, grossCents: netCents + vatCents, vatBreakdown };
};

/** A deposit as a final invoice deducts it: its amounts and, when recorded, its rows per VAT rate. */
export interface DeductedAmounts {
  readonly netCents: number;
  readonly vatCents: number;
  readonly vatBreakdown?: readonly VatBreakdownRow[];
}

/**
 * What a final invoice still bills at each VAT rate once the deposit invoices it deducts are taken off
 * (CGI 289: their VAT was invoiced with them): the job's rows less each deposit's, rate by rate, adding up
 * to the total less the deposits. A deposit recorded without its rows (final invoices made before they were
 * kept) can only be placed on a single-rate job; otherwise, or if a base would go negative, undefined.
 */
export const vatNetOfDeductions = (breakdown: readonly VatBreakdownRow[], deductions: readonly DeductedAmounts[]): VatBreakdownRow[] | undefined => {
  const rows = breakdown.map((r) => ({ vatRate: r.vatRate, netCents: r.netCents, vatCents: r.vatCents }));
  for (const d of deductions) {
    const taken = d.vatBreakdown ?? (rows.length === 1 ? [{ vatRate: rows[0]!.vatRate, netCents: d.netCents, vatCents: d.vatCents }] : undefined);
    if (!taken) return undefined;
    for (const t of taken) {
      const row = rows.find((r) => r.vatRate === t.vatRate);
      if (!row) {
        if (t.netCents === 0 && t.vatCents === 0) continue;
        return undefined;
      }
      row.netCents -= t.netCents;
      row.vatCents -= t.vatCents;
    }
  }
  return rows.every((r) => r.netCents >= 0 && r.vatCents >= 0) ? rows : undefined;
};

/**
 * The single balance function: screen, PDF and email all use it.
 * Credits (credit notes) reduce what is due like payments do.
 */
export const balanceCents = (grossCents: number, paidCents: number, creditedCents = 0): number =>
  Math.max(0, grossCents - paidCents - creditedCents);

/** Status after a payment change, for an invoice that has left draft. */
export const settledStatus = (
  current: InvoiceStatus,
  grossCents: number,
  paidCents: number,
  creditedCents = 0,
): InvoiceStatus => {
  if (current === 'draft' || current === 'cancelled' || current === 'written_off') return current;
  if (balanceCents(grossCents, paidCents, creditedCents) === 0) return 'paid';
  // An invoice in litigation stays there until it is paid or the owner takes it back.
  if (current === 'litigation') return current;
  return paidCents > 0 ? 'partially_paid' : 'sent';
};

/** Awaiting payment under the reminder program (the follow-up list's `open` group). */
export const isOpen = (status: InvoiceStatus): boolean => status === 'sent' || status === 'partially_paid';

/** Still owed: open or in litigation. Outstanding figures (cockpit, client balances) count these; a written-off invoice is not. */
export const isOutstanding = (status: InvoiceStatus): boolean => isOpen(status) || status === 'litigation';

export interface Lateness {
  readonly overdue: boolean;
  readonly daysLate: number;
}

/**
 * Overdue is derived, never stored: an open invoice is late from the day after its due date,
 * counted in the tenant's time zone (an invoice due on the 31st is not late at 23:30 in Paris).
 */
export const lateness = (status: InvoiceStatus, dueDate: string, now: Date, timeZone: string): Lateness => {
  if (!isOutstanding(status)) return { overdue: false, daysLate: 0 };
  const days = daysBetween(dueDate, localDate(now, timeZone));
  return days > 0 ? { overdue: true, daysLate: days } : { overdue: false, daysLate: 0 };
};

/** What an invoice's balance depends on (a final invoice deducts its deposit invoices). */
export interface Settlement {
  readonly status: InvoiceStatus;
  readonly totals: { readonly grossCents: number };
  readonly paidCents: number;
  readonly creditedCents: number;
  readonly deductedCents?: number;
}

/** The one balance of an invoice: gross − deposits deducted − payments − credit notes, never negative. */
export const invoiceBalanceCents = (i: Omit<Settlement, 'status'>): number =>
  balanceCents(i.totals.grossCents - (i.deductedCents ?? 0), i.paidCents, i.creditedCents);

/**
 * What the client has settled on one deposit a final invoice deducts: paid on the deposit invoice, plus what a credit note
 * took off it after the deduction (a write-off: the deduction already excludes what was credited before), never more
 * than the deduction. The deposit not found (never expected): counted whole, as the deduction.
 */
export const depositSettledCents = (
  deduction: { readonly grossCents: number },
  deposit: { readonly totals: { readonly grossCents: number }; readonly paidCents: number; readonly creditedCents: number } | undefined,
): number => {
  if (!deposit) return deduction.grossCents;
  const creditedSince = Math.max(0, deposit.creditedCents - (deposit.totals.grossCents - deduction.grossCents));
  return Math.min(deduction.grossCents, deposit.paidCents + creditedSince);
};

/**
 * What an invoice says is already settled (`{{paidAmount}}`, the letter's « Déjà réglé »): its payments and credit notes,
 * and for a final invoice what was settled on the deposits it deducts (`depositsSettled`, `depositSettledCents` summed),
 * not the deposits invoiced: a deposit the client still owes part of is claimed on its own invoice, not paid.
 * Without `depositsSettled` (not read), the deposits deducted count whole.
 */
export const settledCents = (i: Pick<Settlement, 'paidCents' | 'creditedCents' | 'deductedCents'>, depositsSettled?: number): number =>
  i.paidCents + i.creditedCents + (depositsSettled ?? i.deductedCents ?? 0);

/**
 * Status after a payment or credit note. A sent invoice fully cancelled by credit notes is
 * `cancelled`; one settled by payments (with or without a partial credit) is `paid`.
 */
export const settledStatusOf = (i: Settlement): InvoiceStatus => {
  if (i.status === 'draft' || i.status === 'cancelled' || i.status === 'written_off') return i.status;
  const due = i.totals.grossCents - (i.deductedCents ?? 0);
  if (i.creditedCents >= due && i.paidCents === 0) return 'cancelled';
  return settledStatus(i.status, due, i.paidCents, i.creditedCents);
};

/** The last day of the month of a `YYYY-MM-DD` date. */
const endOfMonth = (date: string): string => {
  const d = new Date(dateToUtcMs(date));
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
};

/**
 * The latest due date a business client may be given (C. com. L441-10 I): 60 days from the invoice
 * date, or 45 days end of month when stipulated, whichever is later. The DGCCRF accepts both ways of
 * counting "45 days end of month" (the end of the month of issue plus 45 days, or the issue date plus
 * 45 days then the end of that month), so the later of the two is allowed. Consumers have no legal cap.
 */
export const latestB2BDueDate = (issueDate: string): string => {
  const candidates = [
    addDays(issueDate, 60),
    addDays(endOfMonth(issueDate), 45),
    endOfMonth(addDays(issueDate, 45)),
  ];
  return candidates.reduce((latest, date) => (date > latest ? date : latest));
};

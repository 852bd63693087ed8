import { addDays, localDate } from '../domain/dates.js';
import { invoiceTotals } from '../domain/invoice.js';
import { depositLines, quoteStatusView } from '../domain/quote.js';
import type { InvoiceView } from '../domain/invoice-types.js';
import type { DepositInput, FinalInvoiceInput } from '../domain/quote-types.js';
import { BusinessRuleError, ConflictError, NotFoundError } from './errors.js';
import { assertLegalPaymentTerm, draftInvoice } from './invoices.js';
import { toInvoiceView } from './invoice-view.js';
import type { DepositDeduction, InvoiceRecord, QuoteRecord } from './ports.js';
import { loadQuote, type QuoteDeps } from './quotes.js';

const draftFromQuote = (
  quote: QuoteRecord,
  clientKind: InvoiceRecord['clientKind'],
  input: FinalInvoiceInput,
  today: string,
  fields: Pick<InvoiceRecord, 'id' | 'lines'> & Partial<Pick<InvoiceRecord, 'kind' | 'deductions' | 'deductedCents' | 'totals'>> & { at: string },
): InvoiceRecord => {
  const issueDate = input.issueDate ?? today;
  if (input.dueDate !== undefined) assertLegalPaymentTerm(clientKind, issueDate, input.dueDate);
  return draftInvoice({
    tenantId: quote.tenantId,
    clientId: quote.clientId,
    clientKind,
    quoteId: quote.id,
    ...(quote.number ? { quoteNumber: quote.number } : {}),
    // The quote's reason for charging no VAT: its deposit and final invoices print the same mention.
    ...(quote.vatExemption ? { vatExemption: quote.vatExemption } : {}),
    issueDate,
    dueDate: input.dueDate ?? addDays(issueDate, input.paymentTermsDays ?? 30),
    ...fields,
  });
};

const linkedInvoices = async (deps: Pick<QuoteDeps, 'invoices'>, quote: QuoteRecord) =>
  (await Promise.all(quote.depositInvoiceIds.map((id) => deps.invoices.get(quote.tenantId, id)))).filter((i): i is InvoiceRecord => i !== undefined);

const acceptedQuote = async (deps: QuoteDeps, tenantId: string, quoteId: string) => {
  const [quote, settings] = await Promise.all([loadQuote(deps.quotes, tenantId, quoteId), deps.settings.get(tenantId)]);
  const today = localDate(deps.clock.now(), settings.timezone);
  const status = quoteStatusView(quote.status, quote.validUntil, today);
  if (status === 'converted') throw new ConflictError('The final invoice of this quote already exists', [{ path: 'path.id', message: 'the quote already has its final invoice' }]);
  if (status !== 'accepted') {
    throw new BusinessRuleError('quote-not-accepted', `The quote is ${status}: deposits and the final invoice need an accepted quote`, [{ path: 'path.id', message: `the quote is ${status}` }]);
  }
  const client = await deps.clients.get(tenantId, quote.clientId);
  if (!client) throw new NotFoundError('Client');
  return { quote, settings, today, client };
};

/**
 * A deposit invoice (facture d'acompte) from an accepted quote, as a percentage or an amount:
 * a normal draft invoice in the invoice numbering, marked with the quote, sent, paid and
 * reminded like any other. Deposits together may not exceed the quote.
 */
export const makeCreateDeposit = (deps: QuoteDeps) =>
  async (tenantId: string, quoteId: string, input: DepositInput): Promise<InvoiceView> => {
    const { quote, settings, today, client } = await acceptedQuote(deps, tenantId, quoteId);
    const request = input.percent !== undefined ? { percent: input.percent } : { amountCents: input.amountCents! };
    const lines = depositLines(quote.totals, request, quote.number ?? quote.id);
    const totals = invoiceTotals(lines);
    const already = (await linkedInvoices(deps, quote)).filter((i) => i.status !== 'cancelled').reduce((s, i) => s + i.totals.grossCents - i.creditedCents, 0);
    if (totals.grossCents <= 0 || already + totals.grossCents > quote.totals.grossCents) {
      throw new BusinessRuleError('deposit-exceeds-quote', `Deposits would total ${already + totals.grossCents} cents, more than the quote's ${quote.totals.grossCents}`, [
        { path: input.percent !== undefined ? 'body.percent' : 'body.amountCents', message: `must leave deposits within the quote total (${quote.totals.grossCents - already} cents left)` },
      ]);
    }
    const at = deps.clock.now().toISOString();
    const invoice = draftFromQuote(quote, client.kind, input, today, { id: deps.ids.next(), kind: 'deposit', lines, totals, at });
    const next: QuoteRecord = { ...quote, depositInvoiceIds: [...quote.depositInvoiceIds, invoice.id], updatedAt: at };
    // Quote first: if it changed meanwhile (another deposit), nothing is created and the caller retries.
    await deps.quotes.save(next, [{ at, type: 'quote.deposit_created', data: { invoiceId: invoice.id, grossCents: totals.grossCents } }]);
    await deps.invoices.create(invoice, { at, type: 'invoice.created', data: { grossCents: totals.grossCents, kind: 'deposit', quoteId } });
    return toInvoiceView(invoice, deps.clock.now(), settings.timezone);
  };

/**
 * The final invoice (solde): the quote's lines, listing every issued deposit invoice (number,
 * date, amounts) and deducting it (CGI 289). Its balance is what is still due on the job.
 */
export const makeCreateFinalInvoice = (deps: QuoteDeps) =>
  async (tenantId: string, quoteId: string, input: FinalInvoiceInput): Promise<InvoiceView> => {
    const { quote, settings, today, client } = await acceptedQuote(deps, tenantId, quoteId);
    if (quote.finalInvoiceId) throw new ConflictError('The final invoice of this quote already exists', [{ path: 'path.id', message: 'the quote already has its final invoice' }]);
    const deposits = (await linkedInvoices(deps, quote)).filter((i) => i.status !== 'cancelled');
    const drafts = deposits.filter((i) => i.status === 'draft');
    if (drafts.length > 0) {
      throw new BusinessRuleError('deposit-not-issued', 'Send or delete the draft deposit invoices first: a final invoice deducts issued deposits only', [
        { path: 'path.id', message: 'a deposit invoice of the quote is still a draft' },
      ]);
    }
    // A deposit reduced by a credit note is deducted for what it still bills, net and VAT alike.
    const deductions: DepositDeduction[] = await Promise.all(
      deposits.map(async (d) => {
        const credits = d.creditedCents > 0 ? await deps.invoices.creditNotes(tenantId, d.id) : [];
        const credited = (key: 'netCents' | 'vatCents') => credits.reduce((s, c) => s + c[key], 0);
        // Its rows per rate, less its credit notes' rows: the final invoice prints the VAT per rate it still bills.
        const creditedAt = (rate: number, key: 'netCents' | 'vatCents') =>
          credits.flatMap((c) => c.vatBreakdown).filter((b) => b.vatRate === rate).reduce((s, b) => s + b[key], 0);
        return {
          invoiceId: d.id,
          number: d.number!,
          issueDate: d.issueDate,
          netCents: d.totals.netCents - credited('netCents'),
          vatCents: d.totals.vatCents - credited('vatCents'),
          grossCents: d.totals.grossCents - d.creditedCents,
          vatBreakdown: d.totals.vatBreakdown.map((r) => ({
            vatRate: r.vatRate,
            netCents: r.netCents - creditedAt(r.vatRate, 'netCents'),
            vatCents: r.vatCents - creditedAt(r.vatRate, 'vatCents'),
          })),
        };
      }),
    );
    const deductedCents = deductions.reduce((s, d) => s + d.grossCents, 0);
    if (deductedCents > quote.totals.grossCents) {
      throw new BusinessRuleError('deposits-exceed-total', `Deposits (${deductedCents} cents) exceed the quote total (${quote.totals.grossCents} cents)`, [
        { path: 'path.id', message: 'the deposits of the quote exceed its total' },
      ]);
    }
    const at = deps.clock.now().toISOString();
    const invoice = draftFromQuote(quote, client.kind, input, today, {
      id: deps.ids.next(),
      kind: 'final',
      lines: quote.lines,
      totals: quote.totals,
      deductions,
      deductedCents,
      at,
    });
    const next: QuoteRecord = { ...quote, status: 'converted', convertedAt: at, finalInvoiceId: invoice.id, updatedAt: at };
    await deps.quotes.save(next, [{ at, type: 'quote.converted', data: { invoiceId: invoice.id, deductedCents } }]);
    await deps.invoices.create(invoice, { at, type: 'invoice.created', data: { grossCents: quote.totals.grossCents, kind: 'final', quoteId, deductedCents } });
    return toInvoiceView(invoice, deps.clock.now(), settings.timezone);
  };

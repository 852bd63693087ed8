import { addDays, localDate } from '../domain/dates.js';
import { invoiceBalanceCents, invoiceTotals } from '../domain/invoice.js';
import { date, emailTexts, money } from '../../templates/email/index.js';
import { quoteStatusView } from '../domain/quote.js';
import type { QuoteInput, QuotePatch, QuoteView } from '../domain/quote-types.js';
import { BusinessRuleError, ConflictError, NotFoundError, type FieldError } from './errors.js';
import { replyToOf, PLACEHOLDER_COMPANY_NAME, type Settings } from '../domain/settings.js';
import type { ClientRepository, Clock, IdGenerator, InvoiceRecord, InvoiceRepository, Mailer, QuotePdfRenderer, QuoteRecord, QuoteRepository, SettingsRepository } from './ports.js';
import { assertExemptLines } from './invoices.js';

export interface QuoteDeps {
  readonly quotes: QuoteRepository;
  readonly invoices: InvoiceRepository;
  readonly clients: ClientRepository;
  readonly settings: SettingsRepository;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

export const loadQuote = async (quotes: QuoteRepository, tenantId: string, id: string): Promise<QuoteRecord> => {
  const quote = await quotes.get(tenantId, id);
  if (!quote) throw new NotFoundError('Quote');
  return quote;
};

/**
 * The job (chantier) seen from its quote: what was quoted, invoiced (deposits plus what the
 * final invoice adds, net of credit notes), paid and credited, and what remains to be paid.
 */
export const jobView = async (invoices: InvoiceRepository, quote: QuoteRecord, today: string): Promise<QuoteView> => {
  const ids = [...quote.depositInvoiceIds, ...(quote.finalInvoiceId ? [quote.finalInvoiceId] : [])];
  const linked = (await Promise.all(ids.map((id) => invoices.get(quote.tenantId, id)))).filter((i): i is InvoiceRecord => i !== undefined);
  const final = linked.find((i) => i.kind === 'final');
  // Billed net of credit notes; the final invoice bills what its deductions leave. A draft bills
  // nothing yet (it has no number and the client has not received it).
  const invoicedCents = linked.filter((i) => i.status !== 'draft').reduce((sum, i) => sum + i.totals.grossCents - (i.deductedCents ?? 0) - i.creditedCents, 0);
  const paidCents = linked.reduce((sum, i) => sum + i.paidCents, 0);
  const creditedCents = linked.reduce((sum, i) => sum + i.creditedCents, 0);
  // A credited deposit is not a discount on the job (the final invoice deducts only what the
  // deposit still bills), so only credit notes on the final invoice reduce what remains; except a
  // deposit written off once the final invoice deducted it (the only credit it then takes): that part
  // is no longer claimed by the deposit, nor by the final invoice, which deducted it whole.
  const writtenOffAfterDeduction = (final?.deductions ?? []).reduce((sum, d) => {
    const deposit = linked.find((i) => i.id === d.invoiceId);
    return deposit ? sum + Math.max(0, deposit.creditedCents - (deposit.totals.grossCents - d.grossCents)) : sum;
  }, 0);
  const remainingCents = Math.max(0, quote.totals.grossCents - paidCents - (final?.creditedCents ?? 0) - writtenOffAfterDeduction);
  const { tenantId, depositInvoiceIds, finalInvoiceId, version, emailedAt, convertedAt, followUpSentAt, ...rest } = quote;
  void [tenantId, depositInvoiceIds, finalInvoiceId, version, emailedAt, convertedAt, followUpSentAt];
  return {
    ...rest,
    lines: [...quote.lines],
    totals: { ...quote.totals, vatBreakdown: [...quote.totals.vatBreakdown] },
    status: quoteStatusView(quote.status, quote.validUntil, today),
    job: {
      quotedCents: quote.totals.grossCents,
      invoicedCents,
      paidCents,
      creditedCents,
      remainingCents,
      documents: linked.map((i) => ({
        type: i.kind === 'final' ? ('final' as const) : ('deposit' as const),
        id: i.id,
        ...(i.number ? { number: i.number } : {}),
        issueDate: i.issueDate,
        status: i.status,
        grossCents: i.totals.grossCents - (i.deductedCents ?? 0),
        paidCents: i.paidCents,
        balanceCents: invoiceBalanceCents(i),
      })),
    },
  };
};

const todayFor = async (settings: SettingsRepository, clock: Clock, tenantId: string) => localDate(clock.now(), (await settings.get(tenantId)).timezone);

export const makeCreateQuote = ({ quotes, clients, invoices, settings, clock, ids }: QuoteDeps) =>
  async (tenantId: string, input: QuoteInput): Promise<QuoteView> => {
    const client = await clients.get(tenantId, input.clientId);
    if (!client) throw new BusinessRuleError('unknown-client', 'The client does not exist', [{ path: 'body.clientId', message: 'no such client' }]);
    assertExemptLines(input.vatExemption, input.lines);
    const at = clock.now().toISOString();
    const quote: QuoteRecord = {
      id: ids.next(),
      tenantId,
      clientId: client.id,
      issueDate: input.issueDate,
      validUntil: input.validUntil ?? addDays(input.issueDate, input.validityDays ?? 30),
      lines: input.lines,
      ...(input.notes ? { notes: input.notes } : {}),
      ...(input.vatExemption ? { vatExemption: input.vatExemption } : {}),
      currency: 'EUR',
      totals: invoiceTotals(input.lines),
      status: 'pending',
      depositInvoiceIds: [],
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    await quotes.create(quote, { at, type: 'quote.created', data: { grossCents: quote.totals.grossCents } });
    return jobView(invoices, quote, await todayFor(settings, clock, tenantId));
  };

export const makeGetQuote = ({ quotes, invoices, settings, clock }: Pick<QuoteDeps, 'quotes' | 'invoices' | 'settings' | 'clock'>) =>
  async (tenantId: string, id: string): Promise<QuoteView> =>
    jobView(invoices, await loadQuote(quotes, tenantId, id), await todayFor(settings, clock, tenantId));

export const makeListQuotes = ({ quotes, invoices, settings, clock }: Pick<QuoteDeps, 'quotes' | 'invoices' | 'settings' | 'clock'>) =>
  async (tenantId: string, page: { limit: number; cursor?: string }) => {
    const today = await todayFor(settings, clock, tenantId);
    const result = await quotes.list(tenantId, page);
    return { ...result, items: await Promise.all(result.items.map((q) => jobView(invoices, q, today))) };
  };

/** A quote is editable while pending and not yet sent: once the client has it, a new quote is the honest way. */
export const makeUpdateQuote = ({ quotes, invoices, settings, clock }: Pick<QuoteDeps, 'quotes' | 'invoices' | 'settings' | 'clock'>) =>
  async (tenantId: string, id: string, patch: QuotePatch): Promise<QuoteView> => {
    const current = await loadQuote(quotes, tenantId, id);
    if (current.status !== 'pending' || current.sentAt) {
      throw new BusinessRuleError('quote-locked', 'Only a pending quote not yet sent can be edited', [
        { path: 'path.id', message: current.status === 'pending' ? 'the quote has been sent' : `the quote is ${current.status}` },
      ]);
    }
    const errors: FieldError[] = [];
    const issueDate = patch.issueDate ?? current.issueDate;
    const validUntil = patch.validUntil ?? current.validUntil;
    if (validUntil < issueDate) errors.push({ path: 'body.validUntil', message: 'must not be before issueDate' });
    if (errors.length > 0) throw new BusinessRuleError('invalid-dates', 'Invalid dates', errors);
    if (patch.lines !== undefined || patch.vatExemption !== undefined) {
      assertExemptLines(patch.vatExemption === null ? undefined : (patch.vatExemption ?? current.vatExemption), patch.lines ?? current.lines);
    }
    const at = clock.now().toISOString();
    const { notes, vatExemption, ...rest } = patch;
    const next: QuoteRecord = {
      ...current,
      ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
      ...(patch.lines ? { totals: invoiceTotals(patch.lines) } : {}),
      updatedAt: at,
    };
    if (notes === null) delete (next as { notes?: string }).notes;
    else if (notes !== undefined) (next as { notes?: string }).notes = notes;
    if (vatExemption === null) delete (next as { vatExemption?: string }).vatExemption;
    else if (vatExemption !== undefined) (next as { vatExemption?: string }).vatExemption = vatExemption;
    const saved = await quotes.save(next, [{ at, type: 'quote.updated' }]);
    return jobView(invoices, saved, await todayFor(settings, clock, tenantId));
  };

/** pending → accepted | refused, recorded; an expired quote can no longer be answered. */
export const makeAnswerQuote = ({ quotes, invoices, settings, clock }: Pick<QuoteDeps, 'quotes' | 'invoices' | 'settings' | 'clock'>) =>
  async (tenantId: string, id: string, answer: 'accepted' | 'refused'): Promise<QuoteView> => {
    const current = await loadQuote(quotes, tenantId, id);
    const today = await todayFor(settings, clock, tenantId);
    const status = quoteStatusView(current.status, current.validUntil, today);
    if (status !== 'pending') throw new BusinessRuleError('quote-not-pending', `The quote is ${status}`, [{ path: 'path.id', message: `the quote is ${status}` }]);
    if (!current.number) throw new BusinessRuleError('quote-not-sent', 'Send the quote before recording the answer', [{ path: 'path.id', message: 'the quote has not been sent' }]);
    const at = clock.now().toISOString();
    const next: QuoteRecord = {
      ...current,
      status: answer,
      ...(answer === 'accepted' ? { acceptedAt: at } : { refusedAt: at }),
      updatedAt: at,
    };
    const saved = await quotes.save(next, [{ at, type: `quote.${answer}` }]);
    return jobView(invoices, saved, today);
  };

export interface SendQuoteDeps extends QuoteDeps {
  readonly mailer: Mailer;
  readonly pdf: QuotePdfRenderer;
}

/**
 * A quote (devis) names its seller as an invoice does: name, address, SIREN (no IBAN: nothing is
 * paid on a quote). Without them it went out as "Mon entreprise", the new tenant's placeholder.
 */
export const quoteIdentityGaps = (s: Settings): FieldError[] => {
  const c = s.company;
  const gaps: FieldError[] = [];
  if (!c.name.trim() || c.name === PLACEHOLDER_COMPANY_NAME) gaps.push({ path: 'settings.company.name', message: 'is required to issue a quote' });
  if (!c.address) gaps.push({ path: 'settings.company.address', message: 'is required to issue a quote' });
  if (!c.siren) gaps.push({ path: 'settings.company.siren', message: 'is required to issue a quote' });
  return gaps;
};

/** Numbers the quote in its own gapless sequence (D-<year of its issue date>-NNNN) and emails it with its PDF. */
export const makeSendQuote = ({ quotes, invoices, clients, settings, clock, mailer, pdf }: SendQuoteDeps) =>
  async (tenantId: string, id: string): Promise<QuoteView> => {
    const [current, s] = await Promise.all([loadQuote(quotes, tenantId, id), settings.get(tenantId)]);
    if (current.emailedAt) throw new ConflictError(`Quote ${current.number} was already sent`, [{ path: 'path.id', message: 'the quote has been sent' }]);
    if (current.status !== 'pending') throw new BusinessRuleError('quote-not-pending', `The quote is ${current.status}`, [{ path: 'path.id', message: `the quote is ${current.status}` }]);
    const gaps = quoteIdentityGaps(s);
    if (gaps.length > 0) throw new BusinessRuleError('incomplete-legal-identity', 'Complete the company identity in settings before sending a quote', gaps);
    const client = await clients.get(tenantId, current.clientId);
    if (!client) throw new NotFoundError('Client');
    const now = clock.now();
    let quote = current;
    if (!current.number) {
      // A quote is issued on its date, as an invoice is: numbered and emailed today, it cannot say it was issued later.
      const today = localDate(now, s.timezone);
      if (current.issueDate > today) {
        throw new BusinessRuleError('issue-date-in-future', 'A quote cannot be sent before its issue date', [
          { path: 'quote.issueDate', message: `is after today (${today}): send the quote on that day, or change its date` },
        ]);
      }
      const at = now.toISOString();
      // The series is the year of the quote's own date, as for invoices and credit notes (ADR 0004): dated
      // 30 December and sent on 2 January, it is D-<December's year>, not a number of a year it does not bear.
      quote = await quotes.saveWithNextNumber(
        { ...current, sentAt: at, updatedAt: at },
        Number(current.issueDate.slice(0, 4)),
        (number) => [{ at, type: 'quote.numbered', data: { number } }],
      );
    }
    const bytes = await pdf.quote({ seller: s.company, client, quote, language: client.language });
    const text = emailTexts(client.language).quote({
      clientName: client.name, number: quote.number ?? '', amount: money(quote.totals.grossCents, client.language), validUntil: date(quote.validUntil, client.language), company: s.company.name,
    });
    const { messageId } = await mailer.send({
      to: [client.email],
      cc: client.ccEmails,
      ...(replyToOf(s) ? { replyTo: replyToOf(s)! } : {}),
      fromName: s.company.name,
      subject: text.subject,
      text: text.text,
      attachments: [{ fileName: `${quote.number}.pdf`, contentType: 'application/pdf', content: bytes }],
      tags: { tenant: tenantId, quote: quote.id, kind: 'quote' },
    });
    const at = clock.now().toISOString();
    const emailed = await quotes.save({ ...quote, emailedAt: at, updatedAt: at }, [{ at, type: 'quote.sent', data: { number: quote.number, to: client.email, messageId } }]);
    return jobView(invoices, emailed, localDate(clock.now(), s.timezone));
  };

/** The quote PDF ("Devis", or "Devis (brouillon)" before it is numbered). */
export const makeRenderQuotePdf = (deps: Pick<QuoteDeps, 'quotes' | 'clients' | 'settings'> & { pdf: QuotePdfRenderer }) =>
  async (tenantId: string, id: string): Promise<{ bytes: Uint8Array; fileName: string }> => {
    const quote = await loadQuote(deps.quotes, tenantId, id);
    const [client, s] = await Promise.all([deps.clients.get(tenantId, quote.clientId), deps.settings.get(tenantId)]);
    if (!client) throw new NotFoundError('Client');
    const bytes = await deps.pdf.quote({ seller: s.company, client, quote, language: client.language });
    return { bytes, fileName: `${quote.number ?? `devis-brouillon-${quote.id}`}.pdf` };
  };

export const makeGetQuoteTimeline = ({ quotes }: Pick<QuoteDeps, 'quotes'>) =>
  async (tenantId: string, id: string, page: { limit: number; cursor?: string }) => {
    await loadQuote(quotes, tenantId, id);
    return quotes.timeline(tenantId, id, page);
  };

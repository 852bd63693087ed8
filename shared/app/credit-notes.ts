import { emailTexts } from '../../templates/email/index.js';
import type { Client } from '../domain/client.js';
import type { Settings } from '../domain/settings.js';
import { localDate } from '../domain/dates.js';
import { OutOfChronologyError, seriesYear } from '../domain/numbering.js';
import { invoiceBalanceCents, settledStatusOf, type VatBreakdownRow } from '../domain/invoice.js';
import { divRound } from '../domain/money.js';
import { apportion } from '../domain/quote.js';
import type { CancelInvoiceInput, CreditNoteInput, InvoiceView } from '../domain/invoice-types.js';
import { BusinessRuleError, ConflictError, NotFoundError } from './errors.js';
import { loadInvoice } from './invoices.js';
import { requireLitigation } from './litigation.js';
import { toInvoiceView } from './invoice-view.js';
import { defaultRetryPolicy, retryOnConflict, type RetryPolicy } from './retry-on-conflict.js';
import { partiesOf } from './send-invoice.js';
import type { ClientRepository, Clock, CreditNotePdfRenderer, CreditNoteRecord, IdGenerator, InvoiceLedger, InvoiceRecord, InvoiceRepository, Mailer, SettingsRepository } from './ports.js';

export interface CreditNoteDeps {
  readonly invoices: InvoiceLedger;
  readonly clients: ClientRepository;
  readonly settings: SettingsRepository;
  readonly mailer: Mailer;
  readonly pdf: CreditNotePdfRenderer;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly retry?: RetryPolicy;
}

/**
 * Splits a credited amount (incl. VAT) across the invoice's VAT rates in proportion to their
 * gross (exactly, never a negative row), so the credit note reverses VAT at the rates it was charged.
 */
export const creditSplit = (invoice: Pick<InvoiceRecord, 'totals'>, grossCents: number) => splitRows(invoice.totals.vatBreakdown, grossCents);

type VatRow = { readonly vatRate: VatBreakdownRow['vatRate']; readonly netCents: number; readonly vatCents: number };

const splitRows = (all: readonly VatRow[], grossCents: number) => {
  const rows = all.filter((r) => r.netCents + r.vatCents > 0);
  const shares = apportion(grossCents, rows.map((r) => r.netCents + r.vatCents));
  const breakdown = rows.map((r, i) => {
    const rowGross = shares[i] ?? 0;
    const net = Number(divRound(BigInt(rowGross) * 10_000n, BigInt(10_000 + Math.round(r.vatRate * 100))));
    return { vatRate: r.vatRate, netCents: net, vatCents: rowGross - net };
  });
  return {
    vatBreakdown: breakdown,
    netCents: breakdown.reduce((s, r) => s + r.netCents, 0),
    vatCents: breakdown.reduce((s, r) => s + r.vatCents, 0),
  };
};

/**
 * What an invoice bills at each VAT rate: its rows, less, for a final invoice, what each deposit it
 * deducts billed at that rate (net of that deposit's credit notes). Undefined when the documents do not
 * add up to what the final invoice bills (a deposit missing, credits brought in by an import).
 */
const billedRows = async (invoices: InvoiceRepository, tenantId: string, invoice: InvoiceRecord): Promise<VatRow[] | undefined> => {
  const rows = invoice.totals.vatBreakdown.map((r) => ({ vatRate: r.vatRate, netCents: r.netCents, vatCents: r.vatCents }));
  if (!invoice.deductedCents) return rows;
  for (const d of invoice.deductions ?? []) {
    const deposit = await invoices.get(tenantId, d.invoiceId);
    if (!deposit) return undefined;
    const credits = deposit.creditedCents > 0 ? await invoices.creditNotes(tenantId, deposit.id) : [];
    const taken = [...deposit.totals.vatBreakdown, ...credits.flatMap((c) => c.vatBreakdown.map((b) => ({ ...b, netCents: -b.netCents, vatCents: -b.vatCents })))];
    for (const b of taken) {
      const row = rows.find((r) => r.vatRate === b.vatRate);
      if (!row) return undefined;
      row.netCents -= b.netCents;
      row.vatCents -= b.vatCents;
    }
  }
  const adds = rows.every((r) => r.netCents >= 0 && r.vatCents >= 0) && rows.reduce((t, r) => t + r.netCents + r.vatCents, 0) === invoice.totals.grossCents - invoice.deductedCents;
  return adds ? rows : undefined;
};

/**
 * The split of a credit note over what the invoice bills at each rate (a final invoice: its rows less
 * the deposits it deducts; split over the job's whole rows, cancelling one credited a cent of HT too
 * much at one rate and too little at another). Exact when it completes the credit of a whole unpaid
 * invoice: each rate gets what its row has left after the earlier credit notes, so the invoice's notes
 * reverse its VAT to the cent (each partial note rounds its own rows: five of them left a cancelled
 * invoice 1 cent of VAT due at one rate and 1 cent too much at another). Otherwise, or when the earlier
 * notes do not account for what was credited (credits brought in by an import), in proportion.
 */
const splitOf = async (invoices: InvoiceRepository, tenantId: string, invoice: InvoiceRecord, grossCents: number) => {
  const billed = (await billedRows(invoices, tenantId, invoice)) ?? invoice.totals.vatBreakdown;
  const billedGross = billed.reduce((t, r) => t + r.netCents + r.vatCents, 0);
  const completes = invoice.paidCents === 0 && invoice.creditedCents > 0 && invoice.creditedCents + grossCents === billedGross;
  if (!completes) return splitRows(billed, grossCents);
  const earlier = await invoices.creditNotes(tenantId, invoice.id);
  const rows = billed.filter((r) => r.netCents + r.vatCents > 0).map((r) => {
    const before = earlier.flatMap((n) => n.vatBreakdown).filter((b) => b.vatRate === r.vatRate);
    return { vatRate: r.vatRate, netCents: r.netCents - before.reduce((t, b) => t + b.netCents, 0), vatCents: r.vatCents - before.reduce((t, b) => t + b.vatCents, 0) };
  });
  const exact = rows.every((r) => r.netCents >= 0 && r.vatCents >= 0) && rows.reduce((t, r) => t + r.netCents + r.vatCents, 0) === grossCents;
  if (!exact) return splitRows(billed, grossCents);
  return { vatBreakdown: rows, netCents: rows.reduce((t, r) => t + r.netCents, 0), vatCents: rows.reduce((t, r) => t + r.vatCents, 0) };
};

/**
 * A sent invoice is never deleted: it is reduced or cancelled by a credit note (avoir),
 * numbered in its own gapless sequence A-<year>-NNNN, with a PDF emailed to the client.
 * The invoice's balance, status and reminders follow at once (the stream re-plans them).
 */
/**
 * The final invoice deducting a deposit invoice (same quote, not cancelled), from the client's own
 * invoices: a deposit is read only for a deposit, and a client has few invoices.
 */
const finalDeducting = async (invoices: InvoiceRepository, deposit: InvoiceRecord, today: string): Promise<InvoiceRecord | undefined> => {
  if (deposit.kind !== 'deposit' || !deposit.quoteId) return undefined;
  let cursor: string | undefined;
  do {
    const page = await invoices.list(deposit.tenantId, { today, descending: false, clientId: deposit.clientId }, { limit: 100, ...(cursor ? { cursor } : {}) });
    const final = page.items.find((i) => i.kind === 'final' && i.status !== 'cancelled' && (i.deductions ?? []).some((d) => d.invoiceId === deposit.id));
    if (final) return final;
    cursor = page.nextCursor;
  } while (cursor);
  return undefined;
};

/** CGI 242 nonies A: credit notes too are numbered in date order; one dated before the last numbered is refused, nothing written. */
const saveCreditNoteInOrder = async <T>(save: () => Promise<T>): Promise<T> => {
  try {
    return await save();
  } catch (error) {
    if (!(error instanceof OutOfChronologyError)) throw error;
    const last = error.last;
    throw new BusinessRuleError('issue-date-before-last-numbered', `Credit notes are numbered in date order: this one cannot be dated before ${last.number} (${last.issueDate})`, [
      { path: 'body.issueDate', message: `is before the date of ${last.number} (${last.issueDate}), the last credit note numbered: date it ${last.issueDate} or later` },
    ]);
  }
};

export const makeIssueCreditNote = ({ invoices, clients, settings, mailer, pdf, clock, ids, retry = defaultRetryPolicy }: CreditNoteDeps) =>
  async (
    tenantId: string,
    invoiceId: string,
    input: CreditNoteInput,
    /**
     * `cancel`: the invoice ends `cancelled` (not `paid`) even when part of it was paid.
     * `writeOff`: the invoice (in litigation) ends `written_off`, the credit note is its VAT regularisation.
     */
    options: { readonly cancel?: boolean; readonly writeOff?: { readonly evidence?: string } } = {},
  ): Promise<{ creditNote: CreditNoteRecord; invoice: InvoiceView; emailStatus: 'sent' | 'failed' }> => {
    const s = await settings.get(tenantId);
    // Dated ahead, a credit note would take next year's first number now (A-<year> follows its date) and lower
    // today's balance for a later day; like a payment, it is dated today or before.
    const today = localDate(clock.now(), s.timezone);
    if (input.issueDate && input.issueDate > today) {
      throw new BusinessRuleError('credit-note-in-future', 'A credit note cannot be dated in the future', [{ path: 'body.issueDate', message: `is after today (${today})` }]);
    }
    // A deposit the final invoice deducts is owed through it: crediting the deposit would take its amount off
    // the job twice (the final invoice still deducts it). A write-off (irrecoverable) is a loss either way.
    if (!options.writeOff) {
      const final = await finalDeducting(invoices, await loadInvoice(invoices, tenantId, invoiceId), localDate(clock.now(), s.timezone));
      if (final) {
        throw new BusinessRuleError('deposit-deducted', 'A deposit a final invoice deducts is not credited: credit the final invoice, or cancel it first', [
          { path: 'invoice.kind', message: 'is a deposit deducted by the final invoice' },
        ]);
      }
    }
    const creditNoteId = ids.next();
    // A concurrent change (a payment) re-reads and re-checks the balance, like payments do.
    const { current, client, creditNote, settled, now } = await retryOnConflict(async () => {
      const current = await loadInvoice(invoices, tenantId, invoiceId);
      if (current.status === 'draft' || !current.number) throw new BusinessRuleError('invoice-not-sent', 'A draft is edited or deleted, not credited', [{ path: 'path.id', message: 'the invoice has not been sent' }]);
      if (current.status === 'cancelled') throw new BusinessRuleError('invoice-cancelled', 'The invoice is already cancelled', [{ path: 'path.id', message: 'the invoice is cancelled' }]);
      if (options.writeOff) requireLitigation(current);
      if (current.status === 'written_off') throw new BusinessRuleError('invoice-written-off', 'The invoice was written off: its balance is already credited', [{ path: 'path.id', message: 'the invoice is written_off' }]);
      // Before its invoice, it would credit what was not yet billed (and take a number in a year the invoice is not in).
      if (input.issueDate && input.issueDate < current.issueDate) {
        throw new BusinessRuleError('credit-note-before-invoice', 'A credit note is dated on or after the invoice it credits', [
          { path: 'body.issueDate', message: `must not be before the invoice date (${current.issueDate})` },
        ]);
      }
      const number = current.number;
      const balance = invoiceBalanceCents(current);
      // Nothing left to pay (paid, or paid and credited): there is no balance to credit, whatever the amount asked.
      if (balance === 0) throw new BusinessRuleError('invoice-settled', `A ${current.status} invoice with nothing left to pay cannot be credited`, [{ path: 'path.id', message: 'the invoice has nothing left to pay' }]);
      const amount = input.amountCents ?? balance;
      if (amount <= 0 || amount > balance) {
        throw new BusinessRuleError('credit-exceeds-balance', `A credit note can reduce the balance due (${balance} cents), not exceed it`, [
          { path: 'body.amountCents', message: `must be between 1 and ${balance} cents` },
        ]);
      }
      const client = await clients.get(tenantId, current.clientId);
      if (!client) throw new NotFoundError('Client');
      const now = clock.now();
      const at = now.toISOString();
      const creditedCents = current.creditedCents + amount;
      const next: InvoiceRecord = { ...current, creditedCents, updatedAt: at };
      const settled: InvoiceRecord = { ...next, status: options.writeOff ? 'written_off' : options.cancel ? 'cancelled' : settledStatusOf(next) };
      const issueDate = input.issueDate ?? localDate(now, s.timezone);
      const split = await splitOf(invoices, tenantId, current, amount);
      const creditNote = await saveCreditNoteInOrder(() => invoices.saveWithCreditNote(
        settled,
        {
          id: creditNoteId,
          invoiceId,
          invoiceNumber: number,
          invoiceIssueDate: current.issueDate,
          issueDate,
          reason: input.reason,
          full: current.paidCents === 0 && creditedCents >= current.totals.grossCents - (current.deductedCents ?? 0),
          grossCents: amount,
          ...(options.writeOff ? { purpose: 'bad_debt' as const } : {}),
          ...(current.vatExemption ? { vatExemption: current.vatExemption } : {}),
          ...split,
          createdAt: at,
          // Its email goes out next: a send asked meanwhile (POST …/send) waits for it.
          emailClaimedAt: at,
        },
        seriesYear(issueDate),
        (n) => [
          { at, type: 'credit_note.issued', data: { number: n, amountCents: amount, reason: input.reason } },
          ...(options.cancel ? [{ at, type: 'invoice.cancelled', data: { from: current.status, reason: input.reason, creditNote: n } }] : []),
          ...(options.writeOff
            ? [{ at, type: 'invoice.written_off', data: { reason: input.reason, creditNoteId, creditNote: n, balanceCents: amount, ...(options.writeOff.evidence ? { evidence: options.writeOff.evidence } : {}) } }]
            : []),
          ...(settled.status !== current.status ? [{ at, type: 'invoice.status_changed', data: { from: current.status, to: settled.status } }] : []),
        ],
      ));
      return { current, client, creditNote, settled, now };
    }, retry);
    const sent = await emailCreditNote({ invoices, mailer, pdf, clock }, s, client, current, creditNote);
    return { creditNote: creditNoteView(sent.creditNote), invoice: toInvoiceView(settled, now, s.timezone), emailStatus: sent.emailStatus };
  };

/** A claim older than this is a send that died half-way (an API function runs 29 s at most): another send may take it. */
const EMAIL_CLAIM_MS = 60_000;

/** The credit note as the API shows it: without the claim of an email being sent. */
export const creditNoteView = ({ emailClaimedAt, ...note }: CreditNoteRecord): CreditNoteRecord => (void emailClaimedAt, note);

/**
 * Emails a credit note whose send the caller claimed (PDF attached, to the client and its copies), then records how
 * it went on the credit note, releasing the claim, with its timeline event: `credit_note.sent` with SES's message id
 * (its delivery or bounce carries the same id: the proof file), or `credit_note.email_failed`. The credit note exists
 * legally once numbered: a failed email is recorded, not undone; the answer says so and the event alerts the owner
 * (a `send_failed` notification naming the credit note), who sends it again (POST …/credit-notes/{creditNoteId}/send).
 */
const emailCreditNote = async (
  { invoices, mailer, pdf, clock }: Pick<CreditNoteDeps, 'invoices' | 'mailer' | 'pdf' | 'clock'>,
  s: Settings,
  client: Client,
  invoice: InvoiceRecord,
  creditNote: CreditNoteRecord,
): Promise<{ creditNote: CreditNoteRecord; emailStatus: 'sent' | 'failed' }> => {
  const { seller, client: billed, language } = partiesOf(s, client, invoice);
  const bytes = await pdf.creditNote({ seller, client: billed, creditNote, language });
  const number = creditNote.number;
  let messageId: string;
  try {
    ({ messageId } = await mailer.send({
      to: [client.email],
      cc: client.ccEmails,
      fromName: s.company.name,
      ...emailTexts(client.language).creditNote({ clientName: client.name, number, invoiceNumber: invoice.number ?? '', company: s.company.name }),
      attachments: [{ fileName: `${number}.pdf`, contentType: 'application/pdf', content: bytes }],
      tags: { tenant: invoice.tenantId, invoice: invoice.id, kind: 'credit-note' },
    }));
  } catch {
    const failed = { emailStatus: 'failed' as const };
    await invoices.recordCreditNoteEmail(invoice.tenantId, invoice.id, creditNote.id, failed, [
      { at: clock.now().toISOString(), type: 'credit_note.email_failed', data: { number, creditNote: number } },
    ]);
    return { creditNote: { ...creditNote, ...failed }, emailStatus: 'failed' };
  }
  const at = clock.now().toISOString();
  const sent = { emailStatus: 'sent' as const, emailedAt: at, emailedTo: client.email, messageId };
  await invoices.recordCreditNoteEmail(invoice.tenantId, invoice.id, creditNote.id, sent, [
    { at, type: 'credit_note.sent', data: { creditNote: number, to: client.email, messageId } },
  ]);
  return { creditNote: { ...creditNote, ...sent }, emailStatus: 'sent' };
};

/**
 * `POST /invoices/{id}/credit-notes/{creditNoteId}/send`: emails a credit note again (its email failed, or the owner
 * asks), to the client's address of today, as it was issued (the same number and PDF). The send is claimed on the credit
 * note by a conditional write: a second one while it runs is a 409 naming `path.creditNoteId` and sends nothing.
 */
export const makeSendCreditNote = ({ invoices, clients, settings, mailer, pdf, clock }: Omit<CreditNoteDeps, 'ids' | 'retry'>) =>
  async (tenantId: string, invoiceId: string, creditNoteId: string): Promise<{ creditNote: CreditNoteRecord; invoice: InvoiceView; emailStatus: 'sent' | 'failed' }> => {
    const invoice = await loadInvoice(invoices, tenantId, invoiceId);
    const creditNote = (await invoices.creditNotes(tenantId, invoiceId)).find((c) => c.id === creditNoteId);
    if (!creditNote) throw new NotFoundError('Credit note');
    const [client, s] = await Promise.all([clients.get(tenantId, invoice.clientId), settings.get(tenantId)]);
    if (!client) throw new NotFoundError('Client');
    const now = clock.now();
    if (!(await invoices.claimCreditNoteEmail(tenantId, invoiceId, creditNoteId, now.toISOString(), new Date(now.getTime() - EMAIL_CLAIM_MS).toISOString()))) {
      throw new ConflictError(`Credit note ${creditNote.number} is being sent`, [{ path: 'path.creditNoteId', message: 'the credit note is being sent: try again in a minute' }]);
    }
    const sent = await emailCreditNote({ invoices, mailer, pdf, clock }, s, client, invoice, creditNote);
    return { creditNote: creditNoteView(sent.creditNote), invoice: toInvoiceView(invoice, clock.now(), s.timezone), emailStatus: sent.emailStatus };
  };

/**
 * `POST /invoices/{id}/cancel`. An issued invoice is never erased: a credit note for its balance
 * (with the reason) cancels it, and it ends `cancelled`, which stops its reminders. A draft has
 * no legal existence yet: it is voided.
 */
export const makeCancelInvoice = (deps: CreditNoteDeps) => {
  const issueCreditNote = makeIssueCreditNote(deps);
  return async (tenantId: string, invoiceId: string, input: CancelInvoiceInput): Promise<InvoiceView & { creditNote?: CreditNoteRecord; emailStatus?: 'sent' | 'failed' }> => {
    const current = await loadInvoice(deps.invoices, tenantId, invoiceId);
    if (current.status === 'cancelled') throw new BusinessRuleError('already-cancelled', 'The invoice is already cancelled', [{ path: 'path.id', message: 'the invoice is cancelled' }]);
    if (current.status === 'draft') {
      const now = deps.clock.now();
      const at = now.toISOString();
      const voided: InvoiceRecord = { ...current, status: 'cancelled', updatedAt: at };
      await deps.invoices.save(voided, {
        events: [{ at, type: 'invoice.voided', data: { from: 'draft', ...(input.reason ? { reason: input.reason } : {}) } }, { at, type: 'invoice.status_changed', data: { from: 'draft', to: 'cancelled' } }],
      });
      return toInvoiceView(voided, now, (await deps.settings.get(tenantId)).timezone);
    }
    if (invoiceBalanceCents(current) === 0) throw new BusinessRuleError('invoice-settled', `A ${current.status} invoice with nothing left to pay cannot be cancelled`, [{ path: 'path.id', message: 'the invoice has nothing left to pay' }]);
    if (!input.reason) {
      throw new BusinessRuleError('reason-required', 'Cancelling an issued invoice issues a credit note, which must say why', [
        { path: 'body.reason', message: 'is required to cancel an issued invoice' },
      ]);
    }
    // The invoice, with the credit note that cancelled it and how its email went (as POST …/credit-notes says it).
    const { invoice, creditNote, emailStatus } = await issueCreditNote(tenantId, invoiceId, { reason: input.reason }, { cancel: true });
    return { ...invoice, creditNote, emailStatus };
  };
};

export const makeListCreditNotes = ({ invoices }: { readonly invoices: InvoiceRepository }) =>
  async (tenantId: string, invoiceId: string) => {
    await loadInvoice(invoices, tenantId, invoiceId);
    return (await invoices.creditNotes(tenantId, invoiceId)).map(creditNoteView);
  };

export const makeRenderCreditNotePdf = ({ invoices, clients, settings, pdf }: Pick<CreditNoteDeps, 'clients' | 'settings' | 'pdf'> & { readonly invoices: InvoiceRepository }) =>
  async (tenantId: string, invoiceId: string, creditNoteId: string) => {
    const invoice = await loadInvoice(invoices, tenantId, invoiceId);
    const creditNote = (await invoices.creditNotes(tenantId, invoiceId)).find((c) => c.id === creditNoteId);
    if (!creditNote) throw new NotFoundError('Credit note');
    const [client, s] = await Promise.all([clients.get(tenantId, invoice.clientId), settings.get(tenantId)]);
    if (!client) throw new NotFoundError('Client');
    const { seller, client: billed, language } = partiesOf(s, client, invoice);
    return { bytes: await pdf.creditNote({ seller, client: billed, creditNote, language }), fileName: `${creditNote.number}.pdf` };
  };

/**
 * `POST /invoices/{id}/write-off` (créance irrécouvrable): only for an invoice in litigation. The
 * credit note for its balance is the rectifying invoice that lets the seller recover the VAT
 * (CGI art. 272-1, DOMAIN.md); the invoice ends `written_off`, out of every outstanding figure,
 * and the timeline keeps the reason and the evidence.
 */
export const makeWriteOff = (deps: CreditNoteDeps) => {
  const issueCreditNote = makeIssueCreditNote(deps);
  return async (tenantId: string, invoiceId: string, input: { readonly reason: string; readonly evidence?: string | undefined }) => {
    requireLitigation(await loadInvoice(deps.invoices, tenantId, invoiceId));
    return issueCreditNote(tenantId, invoiceId, { reason: input.reason }, { writeOff: input.evidence ? { evidence: input.evidence } : {} });
  };
};

import { addDays, localDate } from '../domain/dates.js';
import { invoiceTotals, isOpen, latestB2BDueDate } from '../domain/invoice.js';
import type { InvoiceInput, InvoiceListQuery, InvoicePatch, InvoiceView } from '../domain/invoice-types.js';
import { exemptionLineProblems } from '../domain/vat-exemption.js';
import { BusinessRuleError, NotFoundError, ValidationError, type FieldError } from './errors.js';
import { toInvoiceView } from './invoice-view.js';
import type { ClientRepository, Clock, IdGenerator, InvoiceLedger, InvoiceRecord, InvoiceRepository, Page, PageRequest, SettingsRepository, TimelineRecord } from './ports.js';

export interface InvoiceDeps {
  readonly invoices: InvoiceRepository;
  readonly clients: ClientRepository;
  readonly settings: SettingsRepository;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

export const loadInvoice = async (invoices: InvoiceRepository, tenantId: string, id: string): Promise<InvoiceRecord> => {
  const invoice = await invoices.get(tenantId, id);
  if (!invoice) throw new NotFoundError('Invoice');
  return invoice;
};

/** A new draft: totals from its lines, nothing paid, credited or reminded yet. */
export const draftInvoice = (
  fields: Pick<InvoiceRecord, 'id' | 'tenantId' | 'clientId' | 'clientKind' | 'issueDate' | 'dueDate' | 'lines'> &
    Partial<Pick<InvoiceRecord, 'notes' | 'serviceDate' | 'serviceEndDate' | 'vatExemption' | 'kind' | 'quoteId' | 'quoteNumber' | 'deductions' | 'deductedCents' | 'totals'>> & { at: string },
): InvoiceRecord => {
  const { at, ...rest } = fields;
  return {
    currency: 'EUR',
    totals: invoiceTotals(fields.lines),
    paidCents: 0,
    creditedCents: 0,
    status: 'draft',
    remindersPaused: false,
    disputed: false,
    reminderCount: 0,
    version: 1,
    createdAt: at,
    updatedAt: at,
    ...rest,
  };
};

/**
 * A business client's payment term is capped by law (L441-10 I); a due date past it is refused where
 * it is agreed, on the draft. Once sent, moving the due date later is a delay granted to a late payer,
 * not the term of the contract, and stays free.
 */
export const assertLegalPaymentTerm = (kind: InvoiceRecord['clientKind'], issueDate: string, dueDate: string): void => {
  if (kind !== 'business') return;
  const latest = latestB2BDueDate(issueDate);
  if (dueDate <= latest) return;
  throw new BusinessRuleError('payment-term-too-long', 'The due date is past the legal maximum payment term (C. com. L441-10)', [
    { path: 'body.dueDate', message: `is past the legal maximum payment term for a business client (60 days from the invoice date, or 45 days end of month: ${latest} at the latest)` },
  ]);
};

/** An invoice saying why it charges no VAT charges none: a line at another rate is refused, named. */
export const assertExemptLines = (exemption: InvoiceRecord['vatExemption'], lines: InvoiceRecord['lines']): void => {
  const problems = exemptionLineProblems(exemption, lines);
  if (problems.length > 0) throw new BusinessRuleError('vat-exemption-with-vat', 'An invoice exempt from VAT has every line at 0 %', problems);
};

export const makeCreateInvoice = ({ invoices, clients, settings, clock, ids }: InvoiceDeps) =>
  async (tenantId: string, input: InvoiceInput): Promise<InvoiceView> => {
    const client = await clients.get(tenantId, input.clientId);
    if (!client) {
      throw new BusinessRuleError('unknown-client', 'The client does not exist', [{ path: 'body.clientId', message: 'no such client' }]);
    }
    if (input.dueDate !== undefined) assertLegalPaymentTerm(client.kind, input.issueDate, input.dueDate);
    assertExemptLines(input.vatExemption, input.lines);
    const now = clock.now();
    const at = now.toISOString();
    const invoice = draftInvoice({
      id: ids.next(),
      tenantId,
      clientId: client.id,
      clientKind: client.kind,
      issueDate: input.issueDate,
      dueDate: input.dueDate ?? addDays(input.issueDate, input.paymentTermsDays ?? 30),
      lines: input.lines,
      ...(input.notes ? { notes: input.notes } : {}),
      ...(input.serviceDate ? { serviceDate: input.serviceDate } : {}),
      ...(input.serviceEndDate ? { serviceEndDate: input.serviceEndDate } : {}),
      ...(input.vatExemption ? { vatExemption: input.vatExemption } : {}),
      at,
    });
    await invoices.create(invoice, { at, type: 'invoice.created', data: { grossCents: invoice.totals.grossCents } });
    return toInvoiceView(invoice, now, (await settings.get(tenantId)).timezone);
  };

export const makeGetInvoice = ({ invoices, settings, clock }: Pick<InvoiceDeps, 'invoices' | 'settings' | 'clock'>) =>
  async (tenantId: string, id: string): Promise<InvoiceView> => {
    const [invoice, s] = await Promise.all([loadInvoice(invoices, tenantId, id), settings.get(tenantId)]);
    return toInvoiceView(invoice, clock.now(), s.timezone);
  };

const DRAFT_ONLY = ['issueDate', 'lines', 'vatExemption', 'serviceDate', 'serviceEndDate'] as const;

/**
 * A draft is freely editable. Once sent the invoice is a legal document: only its due date
 * (an agreed delay, while open), notes, and the pause / dispute flags that stop reminders change.
 */
export const makeUpdateInvoice = ({ invoices, settings, clock }: Pick<InvoiceDeps, 'invoices' | 'settings' | 'clock'>) =>
  async (tenantId: string, id: string, patch: InvoicePatch): Promise<InvoiceView> => {
    const current = await loadInvoice(invoices, tenantId, id);
    const locked: FieldError[] = [];
    if (current.status !== 'draft') {
      for (const field of DRAFT_ONLY) if (patch[field] !== undefined) locked.push({ path: `body.${field}`, message: 'cannot change once the invoice is sent' });
      if (patch.dueDate !== undefined && !isOpen(current.status)) locked.push({ path: 'body.dueDate', message: 'can only change while the invoice awaits payment' });
      // As POST /invoices/{id}/pause and /dispute: nothing to stop on an invoice that awaits no payment.
      for (const flag of ['remindersPaused', 'disputed'] as const) {
        if (patch[flag] === true && !current[flag] && !isOpen(current.status)) locked.push({ path: `body.${flag}`, message: 'can only change while the invoice awaits payment' });
      }
    }
    const issueDate = patch.issueDate ?? current.issueDate;
    const dueDate = patch.dueDate ?? current.dueDate;
    if (locked.length > 0) throw new BusinessRuleError('invoice-locked', 'These fields cannot change in the invoice’s current state', locked);
    if (dueDate < issueDate) throw new ValidationError([{ path: 'body.dueDate', message: 'must not be before issueDate' }]);
    if (current.status === 'draft' && (patch.dueDate !== undefined || patch.issueDate !== undefined)) assertLegalPaymentTerm(current.clientKind, issueDate, dueDate);

    const now = clock.now();
    const at = now.toISOString();
    const events: TimelineRecord[] = [];
    const timezone = (await settings.get(tenantId)).timezone;
    const dueMoved = patch.dueDate !== undefined && patch.dueDate !== current.dueDate && current.status !== 'draft';
    if (dueMoved) events.push({ at, type: 'invoice.due_date_changed', data: { from: current.dueDate, to: patch.dueDate } });
    for (const flag of ['remindersPaused', 'disputed'] as const) {
      if (patch[flag] !== undefined && patch[flag] !== current[flag]) {
        events.push({ at, type: `invoice.${flag === 'disputed' ? (patch[flag] ? 'disputed' : 'dispute_resolved') : patch[flag] ? 'reminders_paused' : 'reminders_resumed'}` });
      }
    }
    if (current.status === 'draft' && (patch.lines !== undefined || patch.vatExemption !== undefined)) {
      assertExemptLines(patch.vatExemption === null ? undefined : (patch.vatExemption ?? current.vatExemption), patch.lines ?? current.lines);
    }
    // The service period as it will stand: an end needs its first day, and is not before it.
    const serviceDate = patch.serviceDate === null ? undefined : (patch.serviceDate ?? current.serviceDate);
    const serviceEndDate = patch.serviceEndDate === null ? undefined : (patch.serviceEndDate ?? current.serviceEndDate);
    if (serviceEndDate !== undefined && (serviceDate === undefined || serviceEndDate < serviceDate)) {
      throw new ValidationError([{ path: 'body.serviceEndDate', message: serviceDate === undefined ? 'needs serviceDate, the first day of the service' : 'must not be before serviceDate' }]);
    }
    const { notes, vatExemption, serviceDate: _start, serviceEndDate: _end, ...rest } = patch;
    void [_start, _end];
    const next: InvoiceRecord = {
      ...current,
      ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
      ...(patch.lines ? { totals: invoiceTotals(patch.lines) } : {}),
      // The due date of each day kept, for the cockpit's past days (it aged them all by the new one).
      ...(dueMoved ? { dueDateChanges: [...(current.dueDateChanges ?? []), { on: localDate(now, timezone), from: current.dueDate }] } : {}),
      updatedAt: at,
    };
    if (vatExemption === null) delete (next as { vatExemption?: string }).vatExemption;
    else if (vatExemption !== undefined) (next as { vatExemption?: string }).vatExemption = vatExemption;
    if (notes === null) delete (next as { notes?: string }).notes;
    else if (notes !== undefined) (next as { notes?: string }).notes = notes;
    for (const [field, value] of [['serviceDate', serviceDate], ['serviceEndDate', serviceEndDate]] as const) {
      if (value === undefined) delete (next as { serviceDate?: string; serviceEndDate?: string })[field];
      else (next as { serviceDate?: string; serviceEndDate?: string })[field] = value;
    }
    // The owner's PATCH flags a dispute the owner heard of; lifting it forgets who raised it.
    if (patch.disputed === true && !current.disputed) (next as { disputedBy?: string }).disputedBy = 'owner';
    else if (patch.disputed === false) {
      // As POST /invoices/{id}/resolve-dispute: the dispute's reason goes with it.
      delete (next as { disputedBy?: string }).disputedBy;
      delete (next as { disputeReason?: string }).disputeReason;
    }
    // As POST /invoices/{id}/resume: a pause lifted leaves no end date, reason or promised date behind.
    if (patch.remindersPaused === false) for (const field of ['pausedUntil', 'pauseReason', 'promisedFor'] as const) delete (next as Partial<Pick<InvoiceRecord, typeof field>>)[field];
    await invoices.save(next, { events });
    return toInvoiceView(next, now, timezone);
  };

export const makeGetTimeline = ({ invoices }: { readonly invoices: InvoiceLedger }) =>
  async (tenantId: string, id: string, page: PageRequest) => {
    await loadInvoice(invoices, tenantId, id);
    return invoices.timeline(tenantId, id, page);
  };

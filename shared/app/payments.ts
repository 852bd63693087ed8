import { createHash } from 'node:crypto';
import { localDate } from '../domain/dates.js';
import { invoiceBalanceCents, settledStatusOf } from '../domain/invoice.js';
import type { InvoiceView, PaymentInput } from '../domain/invoice-types.js';
import { isPaymentBeforeImport, shownPaymentDate } from '../domain/import-payment.js';
import { BusinessRuleError, NotFoundError } from './errors.js';
import { loadInvoice } from './invoices.js';
import { toInvoiceView } from './invoice-view.js';
import type { Clock, IdGenerator, InvoiceRecord, InvoiceRepository, PaymentRecord, SettingsRepository, TimelineRecord } from './ports.js';
import { defaultRetryPolicy, retryOnConflict, type RetryPolicy } from './retry-on-conflict.js';

export interface PaymentDeps {
  readonly invoices: InvoiceRepository;
  readonly settings: SettingsRepository;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly retry?: RetryPolicy;
}

/**
 * The payment id of a request carrying an Idempotency-Key: the same tenant, invoice and key
 * always give the same id, and the payment is written only if that id is new. So a retry
 * recorded once even if the idempotency record was lost (its completion failed, the Lambda
 * died before it) cannot add a second payment.
 */
export const paymentIdFor = (tenantId: string, invoiceId: string, idempotencyKey: string): string =>
  `pk-${createHash('sha256').update(`${tenantId}\n${invoiceId}\n${idempotencyKey}`).digest('base64url').slice(0, 32)}`;

const statusEvents = (at: string, from: InvoiceRecord, to: InvoiceRecord): TimelineRecord[] =>
  from.status === to.status ? [] : [{ at, type: 'invoice.status_changed', data: { from: from.status, to: to.status } }];

const samePayment = (p: PaymentRecord, input: PaymentInput) =>
  p.amountCents === input.amountCents && p.date === input.date && p.method === input.method && (p.reference ?? undefined) === (input.reference ?? undefined);

/** Payments in the order they were made (keyed ids do not sort by time). */
export const byPaymentDate = (a: PaymentRecord, b: PaymentRecord) => a.date.localeCompare(b.date) || a.createdAt.localeCompare(b.createdAt);

/**
 * Records a payment. Concurrent payments on one invoice are all accepted: a version conflict
 * re-reads and re-checks (the balance rule is evaluated against the version actually written,
 * so racing payments can never overpay) with jittered backoff.
 */
/** A recorded payment with the invoice as it now stands (balance, status): a front end can show both, and remove the payment by its id. */
export type RecordedPayment = PaymentRecord & { readonly invoice: InvoiceView };

export const makeRecordPayment = ({ invoices, settings, clock, ids, retry = defaultRetryPolicy }: PaymentDeps) =>
  async (tenantId: string, invoiceId: string, input: PaymentInput, idempotencyKey?: string): Promise<RecordedPayment> => {
    const s = await settings.get(tenantId);
    const paymentId = idempotencyKey ? paymentIdFor(tenantId, invoiceId, idempotencyKey) : ids.next();
    return retryOnConflict(async () => {
      const current = await loadInvoice(invoices, tenantId, invoiceId);
      const now = clock.now();
      if (idempotencyKey) {
        const already = (await invoices.payments(tenantId, invoiceId)).find((p) => p.id === paymentId);
        if (already && !samePayment(already, input)) {
          throw new BusinessRuleError('idempotency-key-reused', 'This Idempotency-Key was already used with a different payment', [
            { path: 'headers.idempotency-key', message: 'was already used with a different payment' },
          ]);
        }
        if (already) return { ...already, invoice: toInvoiceView(current, now, s.timezone) };
      }
      if (current.status === 'draft' || current.status === 'cancelled' || current.status === 'written_off') {
        throw new BusinessRuleError('invoice-not-payable', `A ${current.status} invoice cannot receive payments`, [{ path: 'path.id', message: `the invoice is ${current.status}` }]);
      }
      if (input.date > localDate(now, s.timezone)) {
        throw new BusinessRuleError('payment-in-future', 'A payment cannot be dated in the future', [{ path: 'body.date', message: `is after today (${localDate(now, s.timezone)})` }]);
      }
      const balance = invoiceBalanceCents(current);
      if (input.amountCents > balance) {
        throw new BusinessRuleError('overpayment', `The payment exceeds the balance due (${balance} cents)`, [
          { path: 'body.amountCents', message: `must not exceed the balance of ${balance} cents` },
        ]);
      }
      const at = now.toISOString();
      const paidCents = current.paidCents + input.amountCents;
      const status = settledStatusOf({ ...current, paidCents });
      const next: InvoiceRecord = {
        ...current,
        paidCents,
        status,
        // Settled in litigation: a payment removed later puts it back there (makeRemovePayment).
        ...(current.status === 'litigation' && status === 'paid' ? { paidInLitigation: true } : {}),
        lastPaymentAt: at,
        updatedAt: at,
      };
      const payment: PaymentRecord = { id: paymentId, invoiceId, ...input, createdAt: at };
      await invoices.save(next, {
        addPayment: payment,
        events: [
          { at, type: 'payment.recorded', data: { paymentId, amountCents: input.amountCents, date: input.date, method: input.method } },
          ...statusEvents(at, current, next),
        ],
      });
      return { ...payment, invoice: toInvoiceView(next, now, s.timezone) };
    }, retry);
  };

/** One payment of an invoice (a removed one too: it says when it was removed). */
export const makeGetPayment = ({ invoices }: Pick<PaymentDeps, 'invoices'>) =>
  async (tenantId: string, invoiceId: string, paymentId: string): Promise<PaymentRecord> => {
    const invoice = await loadInvoice(invoices, tenantId, invoiceId);
    const payment = (await invoices.payments(tenantId, invoiceId)).find((p) => p.id === paymentId);
    if (!payment) throw new NotFoundError('Payment');
    return { ...payment, date: shownPaymentDate(invoice, payment) };
  };

/** A wrong payment is not erased: it is marked removed, and the history keeps both. */
export const makeRemovePayment = ({ invoices, settings, clock, retry = defaultRetryPolicy }: Omit<PaymentDeps, 'ids'>) =>
  async (tenantId: string, invoiceId: string, paymentId: string): Promise<InvoiceView> => {
    const s = await settings.get(tenantId);
    return retryOnConflict(async () => {
      const current = await loadInvoice(invoices, tenantId, invoiceId);
      const payments = await invoices.payments(tenantId, invoiceId);
      const payment = payments.find((p) => p.id === paymentId);
      if (!payment || payment.removedAt) throw new NotFoundError('Payment');
      // A cancelled or written-off invoice's balance was closed by a credit note for what was left
      // then: removing a payment would bring back a balance no credit note covers, on an invoice
      // nobody pursues any more.
      if (current.status === 'cancelled' || current.status === 'written_off') {
        const state = current.status === 'cancelled' ? 'cancelled' : 'written off';
        throw new BusinessRuleError('invoice-closed', `The invoice was ${state}: its balance was closed by a credit note, so its payments can no longer be removed (a payment that bounced is owed on a new invoice)`, [
          { path: 'path.id', message: `the invoice is ${current.status}` },
        ]);
      }
      // A running payment plan splits the balance left after this payment: removing it would leave
      // a balance the instalments no longer add up to. The plan ends first (then a new one fits).
      const plan = current.paymentPlan;
      if (plan?.status === 'active' && payment.createdAt < plan.createdAt) {
        throw new BusinessRuleError(
          'payment-plan-running',
          'A payment plan runs on this invoice and was agreed on the balance after this payment: end the plan first (DELETE /invoices/{id}/payment-plan), then remove the payment and agree a new plan if need be',
          [{ path: 'path.paymentId', message: 'was recorded before the running payment plan' }],
        );
      }
      const now = clock.now();
      const at = now.toISOString();
      const paidCents = current.paidCents - payment.amountCents;
      // The grace window after a payment (the reminders' `lastPaymentAt`) is the last payment still recorded's:
      // a payment entered by mistake and removed no longer holds the next reminder back.
      const { lastPaymentAt: _removed, paidInLitigation, ...rest } = current;
      // (what was paid before an import is none: it was no payment just made).
      const lastPaymentAt = payments
        .filter((p) => !p.removedAt && p.id !== paymentId && !isPaymentBeforeImport(p.id))
        .map((p) => p.createdAt)
        .sort()
        .at(-1);
      const next: InvoiceRecord = {
        ...rest,
        ...(lastPaymentAt ? { lastPaymentAt } : {}),
        paidCents,
        // Paid while in litigation and owed again (a cheque that bounced): back in litigation, where it stood.
        status: settledStatusOf({ ...current, status: current.status === 'paid' && paidInLitigation ? 'litigation' : current.status, paidCents }),
        updatedAt: at,
      };
      // Still paid (another payment removed, a credit note covering the rest): it keeps where it was settled.
      if (next.status === 'paid' && paidInLitigation) (next as { paidInLitigation?: boolean }).paidInLitigation = true;
      await invoices.save(next, {
        removePayment: { ...payment, removedAt: at },
        events: [{ at, type: 'payment.removed', data: { paymentId, amountCents: payment.amountCents } }, ...statusEvents(at, current, next)],
      });
      return toInvoiceView(next, now, s.timezone);
    }, retry);
  };

export const makeListPayments = ({ invoices }: Pick<PaymentDeps, 'invoices'>) =>
  async (tenantId: string, invoiceId: string): Promise<PaymentRecord[]> => {
    const invoice = await loadInvoice(invoices, tenantId, invoiceId);
    // What was paid before an import at the issue date, as the client statement shows it (it said the import day here).
    return (await invoices.payments(tenantId, invoiceId)).map((p) => ({ ...p, date: shownPaymentDate(invoice, p) })).sort(byPaymentDate);
  };

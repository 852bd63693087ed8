import { localDate } from '../domain/dates.js';
import { invoiceBalanceCents, settledStatusOf } from '../domain/invoice.js';
import type { InvoiceView, PaymentInput } from '../domain/invoice-types.js';
import { BusinessRuleError, ConflictError, NotFoundError } from './errors.js';
import { loadInvoice } from './invoices.js';
import { toInvoiceView } from './invoice-view.js';
import type { Clock, IdGenerator, InvoiceRecord, InvoiceRepository, PaymentRecord, SettingsRepository, TimelineRecord } from './ports.js';

export interface PaymentDeps {
  readonly invoices: InvoiceRepository;
  readonly settings: SettingsRepository;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

const ATTEMPTS = 5;

/**
 * Re-reads and re-checks on a concurrent write: the balance rule is evaluated against the
 * version actually written, so two racing payments can never overpay the invoice.
 */
const withRetry = async <T>(work: () => Promise<T>): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= ATTEMPTS) throw error;
    }
  }
};

const statusEvents = (at: string, from: InvoiceRecord, to: InvoiceRecord): TimelineRecord[] =>
  from.status === to.status ? [] : [{ at, type: 'invoice.status_changed', data: { from: from.status, to: to.status } }];

export const makeRecordPayment = ({ invoices, settings, clock, ids }: PaymentDeps) =>
  async (tenantId: string, invoiceId: string, input: PaymentInput): Promise<InvoiceView> => {
    const s = await settings.get(tenantId);
    const paymentId = ids.next();
    return withRetry(async () => {
      const current = await loadInvoice(invoices, tenantId, invoiceId);
      if (current.status === 'draft' || current.status === 'cancelled') {
        throw new BusinessRuleError('invoice-not-payable', `A ${current.status} invoice cannot receive payments`);
      }
      const now = clock.now();
      if (input.date > localDate(now, s.timezone)) {
        throw new BusinessRuleError('payment-in-future', 'A payment cannot be dated in the future', [{ path: 'body.date', message: 'is after today' }]);
      }
      const balance = invoiceBalanceCents(current);
      if (input.amountCents > balance) {
        throw new BusinessRuleError('overpayment', `The payment exceeds the balance due (${balance} cents)`, [
          { path: 'body.amountCents', message: `must not exceed the balance of ${balance} cents` },
        ]);
      }
      const at = now.toISOString();
      const paidCents = current.paidCents + input.amountCents;
      const next: InvoiceRecord = {
        ...current,
        paidCents,
        status: settledStatusOf({ ...current, paidCents }),
        lastPaymentAt: at,
        version: current.version + 1,
        updatedAt: at,
      };
      const payment: PaymentRecord = { id: paymentId, invoiceId, ...input, createdAt: at };
      await invoices.save(next, {
        putPayment: payment,
        events: [
          { at, type: 'payment.recorded', data: { paymentId, amountCents: input.amountCents, date: input.date, method: input.method } },
          ...statusEvents(at, current, next),
        ],
      });
      return toInvoiceView(next, now, s.timezone);
    });
  };

/** A wrong payment is not erased: it is marked removed, and the history keeps both. */
export const makeRemovePayment = ({ invoices, settings, clock }: Omit<PaymentDeps, 'ids'>) =>
  async (tenantId: string, invoiceId: string, paymentId: string): Promise<InvoiceView> => {
    const s = await settings.get(tenantId);
    return withRetry(async () => {
      const current = await loadInvoice(invoices, tenantId, invoiceId);
      const payment = (await invoices.payments(tenantId, invoiceId)).find((p) => p.id === paymentId);
      if (!payment || payment.removedAt) throw new NotFoundError('Payment');
      const now = clock.now();
      const at = now.toISOString();
      const paidCents = current.paidCents - payment.amountCents;
      const next: InvoiceRecord = {
        ...current,
        paidCents,
        status: settledStatusOf({ ...current, paidCents }),
        version: current.version + 1,
        updatedAt: at,
      };
      await invoices.save(next, {
        putPayment: { ...payment, removedAt: at },
        events: [{ at, type: 'payment.removed', data: { paymentId, amountCents: payment.amountCents } }, ...statusEvents(at, current, next)],
      });
      return toInvoiceView(next, now, s.timezone);
    });
  };

export const makeListPayments = ({ invoices }: Pick<PaymentDeps, 'invoices'>) =>
  async (tenantId: string, invoiceId: string): Promise<PaymentRecord[]> => {
    await loadInvoice(invoices, tenantId, invoiceId);
    return invoices.payments(tenantId, invoiceId);
  };

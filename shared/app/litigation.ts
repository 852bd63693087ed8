/**
 * Litigation (contentieux): an invoice the reminders did not recover. It moves there by itself
 * when its escalation step fires (`litigationAfterDays` after the scenario's last step, see
 * shared/domain/escalation.ts) or by the owner's hand; reminders stop like for a dispute. Taking it
 * back puts the status the balance says and lets the reconciler re-plan from where it stood.
 */
import { invoiceBalanceCents, isOpen, settledStatusOf } from '../domain/invoice.js';
import type { InvoiceView } from '../domain/invoice-types.js';
import { BusinessRuleError, StateConflictError } from './errors.js';
import { loadInvoice } from './invoices.js';
import { toInvoiceView } from './invoice-view.js';
import type { Clock, InvoiceRecord, InvoiceRepository, SettingsRepository } from './ports.js';
import { defaultRetryPolicy, retryOnConflict, type RetryPolicy } from './retry-on-conflict.js';

export interface LitigationDeps {
  readonly invoices: InvoiceRepository;
  readonly settings: SettingsRepository;
  readonly clock: Clock;
  readonly retry?: RetryPolicy;
}

export interface LitigationMove {
  /** The escalation step fired (the owner is notified from the `invoice.litigation` event), or the owner did it. */
  readonly auto: boolean;
  readonly reason?: string;
  readonly stepId?: string;
  /** The plan of that escalation step. */
  readonly plan?: number;
}

/** The outcome of a move: the invoice, and whether this call changed it (an automatic move on a settled invoice does nothing). */
export interface LitigationResult {
  readonly invoice: InvoiceView;
  readonly moved: boolean;
}

export const makeMoveToLitigation = ({ invoices, settings, clock, retry = defaultRetryPolicy }: LitigationDeps) =>
  async (tenantId: string, invoiceId: string, move: LitigationMove): Promise<LitigationResult> => {
    const s = await settings.get(tenantId);
    return retryOnConflict(async () => {
      const current = await loadInvoice(invoices, tenantId, invoiceId);
      const now = clock.now();
      const unchanged = { invoice: toInvoiceView(current, now, s.timezone), moved: false };
      if (current.status === 'litigation') {
        if (move.auto) return unchanged;
        throw new StateConflictError('already-in-litigation', 'The invoice is already in litigation', [{ path: 'path.id', message: 'the invoice is in litigation' }]);
      }
      if (!isOpen(current.status) || invoiceBalanceCents(current) <= 0) {
        if (move.auto) return unchanged;
        throw new StateConflictError('not-litigable', `A ${current.status} invoice cannot go to litigation: only an invoice awaiting payment can`, [
          { path: 'path.id', message: isOpen(current.status) ? 'the invoice has nothing left to pay' : `the invoice is ${current.status}` },
        ]);
      }
      const at = now.toISOString();
      const next: InvoiceRecord = { ...current, status: 'litigation', updatedAt: at, ...(move.auto && move.plan !== undefined ? { escalatedPlan: move.plan } : {}) };
      await invoices.save(next, {
        events: [
          {
            at,
            type: 'invoice.litigation',
            data: { auto: move.auto, from: current.status, balanceCents: invoiceBalanceCents(current), ...(move.reason ? { reason: move.reason } : {}), ...(move.stepId ? { stepId: move.stepId } : {}) },
          },
          { at, type: 'invoice.status_changed', data: { from: current.status, to: 'litigation' } },
        ],
      });
      return { invoice: toInvoiceView(next, now, s.timezone), moved: true };
    }, retry);
  };

export const makeLeaveLitigation = ({ invoices, settings, clock, retry = defaultRetryPolicy }: LitigationDeps) =>
  async (tenantId: string, invoiceId: string): Promise<InvoiceView> => {
    const s = await settings.get(tenantId);
    return retryOnConflict(async () => {
      const current = await loadInvoice(invoices, tenantId, invoiceId);
      if (current.status !== 'litigation') {
        throw new StateConflictError('not-in-litigation', `The invoice is not in litigation (it is ${current.status})`, [{ path: 'path.id', message: `the invoice is ${current.status}` }]);
      }
      const now = clock.now();
      const at = now.toISOString();
      // What the balance says: sent or partially paid (a paid one has already left litigation).
      const status = settledStatusOf({ ...current, status: 'sent' });
      const next: InvoiceRecord = { ...current, status, updatedAt: at };
      await invoices.save(next, {
        events: [
          { at, type: 'invoice.litigation_left', data: { to: status } },
          { at, type: 'invoice.status_changed', data: { from: 'litigation', to: status } },
        ],
      });
      return toInvoiceView(next, now, s.timezone);
    }, retry);
  };

/** Write-off needs litigation first: the debt must have been pursued before it is declared lost. */
export const requireLitigation = (invoice: InvoiceRecord): void => {
  if (invoice.status === 'written_off') throw new BusinessRuleError('invoice-written-off', 'The invoice was written off: its balance is already credited', [{ path: 'path.id', message: 'the invoice is written_off' }]);
  if (invoice.status !== 'litigation') {
    throw new StateConflictError('not-in-litigation', `Only an invoice in litigation can be written off (this one is ${invoice.status}): POST /invoices/{id}/litigation first`, [
      { path: 'path.id', message: `the invoice is ${invoice.status}` },
    ]);
  }
};

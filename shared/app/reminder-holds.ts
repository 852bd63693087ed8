/**
 * The owner stops and restarts an invoice's reminders: a pause (until a date, or until resumed),
 * a dispute (until resolved). Each change is one versioned write with its timeline event; the
 * reconciler then cancels the pending steps, or, once the hold clears, records a new plan.
 * A dated pause resumes by itself: the reconciler keeps a one-time `resume` schedule for it.
 */
import { addDays, localDate } from '../domain/dates.js';
import { promiseDateProblem } from '../domain/portal.js';
import { isOpen } from '../domain/invoice.js';
import type { InvoiceView } from '../domain/invoice-types.js';
import { BusinessRuleError, StateConflictError } from './errors.js';
import { loadInvoice } from './invoices.js';
import { toInvoiceView } from './invoice-view.js';
import { retryOnConflict } from './retry-on-conflict.js';
import type { Clock, InvoiceRecord, InvoiceRepository, SettingsRepository, TimelineRecord } from './ports.js';

export interface HoldDeps {
  readonly invoices: InvoiceRepository;
  readonly settings: SettingsRepository;
  readonly clock: Clock;
}

type Change = { readonly next: InvoiceRecord; readonly events: readonly TimelineRecord[] } | undefined;

/** Re-reads, decides and writes under optimistic concurrency; `decide` returns nothing when there is nothing to change. */
export const changeHold = async (
  deps: HoldDeps,
  tenantId: string,
  id: string,
  decide: (current: InvoiceRecord, ctx: { at: string; today: string }) => Change,
): Promise<InvoiceView> => {
  const settings = await deps.settings.get(tenantId);
  return retryOnConflict(async () => {
    const current = await loadInvoice(deps.invoices, tenantId, id);
    const now = deps.clock.now();
    const change = decide(current, { at: now.toISOString(), today: localDate(now, settings.timezone) });
    if (!change) return toInvoiceView(current, now, settings.timezone);
    return toInvoiceView(await deps.invoices.save(change.next, { events: change.events }), now, settings.timezone);
  });
};

export const requireOpen = (invoice: InvoiceRecord, what: string): void => {
  if (!isOpen(invoice.status)) throw new BusinessRuleError('invoice-not-open', `A ${invoice.status} invoice has no reminders to ${what}`, [{ path: 'path.id', message: `the invoice is ${invoice.status}` }]);
};

/** The invoice with its reminders running again: every field of a pause cleared. */
export const withoutPause = (invoice: InvoiceRecord, at: string): InvoiceRecord => {
  const { pausedUntil, pauseReason, promisedFor, ...rest } = invoice;
  void [pausedUntil, pauseReason, promisedFor];
  return { ...rest, remindersPaused: false, updatedAt: at };
};

export const makePauseInvoice = (deps: HoldDeps) =>
  (tenantId: string, id: string, input: { until?: string; reason: string }) =>
    changeHold(deps, tenantId, id, (current, { at, today }) => {
      requireOpen(current, 'pause');
      if (input.until !== undefined && input.until <= today) {
        throw new BusinessRuleError('pause-until-past', 'A pause ends on a later day', [{ path: 'body.until', message: `must be after today (${today})` }]);
      }
      const { pausedUntil, promisedFor, ...rest } = current;
      void [pausedUntil, promisedFor];
      return {
        next: { ...rest, remindersPaused: true, ...(input.until ? { pausedUntil: input.until } : {}), pauseReason: input.reason, updatedAt: at },
        events: [{ at, type: 'invoice.paused', data: { ...(input.until ? { until: input.until } : {}), reason: input.reason } }],
      };
    });

/**
 * A payment date the client promised the owner (a phone call, a letter): the same hold as a promise made on
 * the portal (`promisedFor`, reminders paused until the day after it, resuming by themselves if still unpaid),
 * dated within 60 days. It replaces a pause in place, as the owner's pause does: the owner decides. Not while a payment
 * plan runs (409 `payment-plan-agreed`): its instalments are the agreed dates.
 */
export const makeRecordPromise = (deps: HoldDeps) =>
  (tenantId: string, id: string, input: { date: string; note?: string }) =>
    changeHold(deps, tenantId, id, (current, { at, today }) => {
      requireOpen(current, 'pause');
      const problem = promiseDateProblem(input.date, today);
      if (problem) throw new BusinessRuleError('promise-date', 'The promised date is out of range', [{ path: 'body.date', message: problem }]);
      // A running plan's instalments are the dates the client agreed to: a promise would pause its reminders up to 60 days
      // while its check still ends it `missed` (as on the portal). The owner ends the plan first.
      if (current.paymentPlan?.status === 'active') throw new StateConflictError('payment-plan-agreed', 'A payment plan is already agreed for this invoice', [{ path: 'path.id', message: 'the invoice has a payment plan running' }]);
      const until = addDays(input.date, 1);
      if (current.remindersPaused && current.promisedFor === input.date && current.pausedUntil === until && input.note === undefined) return undefined;
      const { pauseReason, ...rest } = current;
      void pauseReason;
      return {
        next: { ...rest, remindersPaused: true, pausedUntil: until, pauseReason: 'promise', promisedFor: input.date, updatedAt: at },
        events: [{ at, type: 'invoice.promised', data: { date: input.date, ...(input.note ? { note: input.note } : {}) } }],
      };
    });

export const makeResumeInvoice = (deps: HoldDeps) =>
  (tenantId: string, id: string) =>
    changeHold(deps, tenantId, id, (current, { at }) =>
      current.remindersPaused ? { next: withoutPause(current, at), events: [{ at, type: 'invoice.resumed', data: { auto: false } }] } : undefined,
    );

export const makeDisputeInvoice = (deps: HoldDeps) =>
  (tenantId: string, id: string, input: { reason: string }) =>
    changeHold(deps, tenantId, id, (current, { at }) => {
      requireOpen(current, 'stop');
      return { next: { ...current, disputed: true, disputeReason: input.reason, disputedBy: 'owner', updatedAt: at }, events: [{ at, type: 'invoice.disputed', data: { reason: input.reason } }] };
    });

export const makeResolveDispute = (deps: HoldDeps) =>
  (tenantId: string, id: string) =>
    changeHold(deps, tenantId, id, (current, { at }) => {
      if (!current.disputed) return undefined;
      const { disputeReason, disputedBy, ...rest } = current;
      void [disputeReason, disputedBy];
      return { next: { ...rest, disputed: false, updatedAt: at }, events: [{ at, type: 'invoice.dispute_resolved' }] };
    });

export interface AutoResumeResult {
  readonly outcome: 'resumed' | 'skipped';
  readonly reason?: string;
}

/**
 * Fired by the `resume` schedule of a dated pause: resumes only the pause it was created for (the
 * same `pausedUntil`); a pause since lifted, moved or replaced leaves it nothing to do.
 */
export const makeAutoResume = (deps: Pick<HoldDeps, 'invoices' | 'clock'>) =>
  (tenantId: string, id: string, until: string): Promise<AutoResumeResult> =>
    retryOnConflict(async () => {
      const current = await deps.invoices.get(tenantId, id);
      if (!current) return { outcome: 'skipped', reason: 'not_found' };
      if (!current.remindersPaused || current.pausedUntil !== until) return { outcome: 'skipped', reason: 'stale' };
      const at = deps.clock.now().toISOString();
      await deps.invoices.save(withoutPause(current, at), { events: [{ at, type: 'invoice.resumed', data: { auto: true, ...(current.pauseReason ? { reason: current.pauseReason } : {}) } }] });
      return { outcome: 'resumed' };
    });

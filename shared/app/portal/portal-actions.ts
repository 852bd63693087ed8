/**
 * What the client does from the portal. Each action is one versioned write with its timeline
 * event (the owner's notifications are derived from those events by the `notify` consumer):
 * - "j'ai payé": reminders pause 5 business days while the owner checks the bank;
 * - a promise to pay by a date (≤ 60 days): reminders pause and resume the day after, if unpaid;
 * - a dispute: reminders stop until the owner resolves it.
 * A pause never shortens a longer one already in place, but the client's own earlier promise. Repeating an action (same claim, same
 * date, same reason) while it still holds writes nothing: the owner is told once.
 */
import { addDays, localDate } from '../../domain/dates.js';
import { invoiceBalanceCents, isOpen } from '../../domain/invoice.js';
import { addBusinessDays, lengthenPause, PAID_CLAIM_PAUSE_BUSINESS_DAYS, promiseDateProblem } from '../../domain/portal.js';
import { AppError, BusinessRuleError, type FieldError } from '../errors.js';
import { retryOnConflict } from '../retry-on-conflict.js';
import type { InvoiceRecord, TimelineRecord } from '../ports.js';
import { resolvePortalToken, type PortalResolveDeps } from './portal-links.js';
import { countPortalAction } from './portal-rate.js';
import type { Settings } from '../../domain/settings.js';

export interface PortalActionResult {
  readonly remindersPaused: boolean;
  readonly pausedUntil?: string;
  readonly disputed: boolean;
}

/**
 * 409 for an action the invoice's state forbids (paid, disputed). Not a ConflictError: that one
 * means "another writer got there first" and makes the use case retry.
 */
export class PortalStateError extends AppError {
  readonly status = 409;
  readonly title = 'Conflict';
  override readonly type = 'https://relances.dev/problems/portal-state';
  /** `errors`: what is refused, the invoice behind the link (`path.token`), in words a client may read. */
  constructor(detail: string, readonly errors: readonly FieldError[] = []) {
    super(detail);
  }
}

/** The invoice behind the link, refused in the client's terms (no internal status: « written off » reads « closed »). */
export const onTheLink = (message: string): FieldError[] => [{ path: 'path.token', message }];

/** What the client reads when the invoice takes no more action (the public page shows no internal status). */
const CLOSED_WORDS: Partial<Record<InvoiceRecord['status'], string>> = {
  paid: 'is paid',
  cancelled: 'was cancelled',
  written_off: 'is closed',
  litigation: 'is now handled by the litigation procedure: please contact the company',
  draft: 'was not issued',
};

/** A 409 in the client's words when the invoice takes no more action from the portal (every portal action and the plan request). */
export const assertPortalActionable = (invoice: InvoiceRecord): void => {
  if (!isOpen(invoice.status) || invoiceBalanceCents(invoice) <= 0) {
    // In litigation the balance is still owed: the company handles it, the portal takes no action.
    const owed = invoice.status === 'litigation' && invoiceBalanceCents(invoice) > 0;
    throw new PortalStateError(
      `This invoice ${CLOSED_WORDS[invoice.status] ?? 'is settled'}${owed ? '' : ': nothing is left to pay'}`,
      onTheLink(owed ? 'the invoice is handled by the litigation procedure' : 'the invoice takes no more action'),
    );
  }
};

/** The write an action makes, or `undefined` when it repeats what the invoice already records (a double click, a page reloaded). */
type Decide = (current: InvoiceRecord, ctx: { at: string; today: string; settings: Settings }) => { next: InvoiceRecord; events: TimelineRecord[] } | undefined;

const resultOf = (invoice: InvoiceRecord): PortalActionResult => ({ remindersPaused: invoice.remindersPaused, ...(invoice.pausedUntil ? { pausedUntil: invoice.pausedUntil } : {}), disputed: invoice.disputed });

const act = (deps: PortalResolveDeps, token: string, decide: Decide) =>
  retryOnConflict(async (): Promise<PortalActionResult> => {
    const { invoice, settings, now } = await resolvePortalToken(deps, token);
    assertPortalActionable(invoice);
    const today = localDate(now, settings.timezone);
    const write = decide(invoice, { at: now.toISOString(), today, settings });
    // A repeat changes nothing: no write, no timeline event, so the owner is not alerted twice.
    if (!write) return resultOf(invoice);
    const next = { ...write.next, ...countPortalAction(invoice, today) };
    await deps.invoices.save(next, { events: write.events });
    return resultOf(next);
  });

/** The pause fields after a client action that pauses until `until` (kept as they are when a longer pause holds). */
const pausedUntil = (current: InvoiceRecord, until: string, reason: string): Partial<InvoiceRecord> => {
  const resumeOn = lengthenPause(current, until);
  return resumeOn ? { remindersPaused: true, pausedUntil: resumeOn, pauseReason: reason } : {};
};

/**
 * The pause of a promise. A longer pause stays (the owner's, a "j'ai payé" being checked), but not the
 * client's own earlier promise: promising an earlier date brings the reminders back the day after it
 * (they stayed paused until the day after the first date, the new one recorded and shown to the owner
 * but not kept), never before a "j'ai payé" still being checked.
 */
const promisePause = (current: InvoiceRecord, until: string, settings: Settings): Partial<InvoiceRecord> => {
  if (!(current.remindersPaused && current.pauseReason === 'promise' && current.promisedFor !== undefined)) return pausedUntil(current, until, 'promise');
  const claimUntil = current.paidClaim ? addBusinessDays(localDate(new Date(current.paidClaim.at), settings.timezone), PAID_CLAIM_PAUSE_BUSINESS_DAYS, settings) : undefined;
  return claimUntil !== undefined && claimUntil > until
    ? { remindersPaused: true, pausedUntil: claimUntil, pauseReason: 'paid_claimed' }
    : { remindersPaused: true, pausedUntil: until, pauseReason: 'promise' };
};

export const makeClaimPaid = (deps: PortalResolveDeps) =>
  (token: string, input: { date: string; reference?: string }) =>
    act(deps, token, (current, { at, today, settings }) => {
      if (input.date > today) throw new BusinessRuleError('paid-in-future', 'A payment already made has a date up to today', [{ path: 'body.date', message: `must not be after today (${today})` }]);
      // Dated before the invoice is the same rule as the owner's `POST /invoices/{id}/payments`: a client
      // who paid on the day of the job (or an advance) before the invoice was written did pay then. The
      // claim books nothing: it pauses reminders, and the owner records the payment (README "Decisions").
      const until = addBusinessDays(today, PAID_CLAIM_PAUSE_BUSINESS_DAYS, settings);
      const claim = { date: input.date, ...(input.reference ? { reference: input.reference } : {}) };
      const pause = pausedUntil(current, until, 'paid_claimed');
      if (current.paidClaim?.date === claim.date && current.paidClaim.reference === claim.reference && !pause.pausedUntil) return undefined;
      return {
        next: { ...current, ...pause, paidClaim: { ...claim, at }, updatedAt: at },
        events: [{ at, type: 'portal.paid_claimed', data: claim }],
      };
    });

export const makePromisePayment = (deps: PortalResolveDeps) =>
  (token: string, input: { date: string }) =>
    act(deps, token, (current, { at, today, settings }) => {
      const problem = promiseDateProblem(input.date, today);
      if (problem) throw new BusinessRuleError('promise-date', 'The promised date is out of range', [{ path: 'body.date', message: problem }]);
      if (current.disputed) throw new PortalStateError('The invoice is disputed: the seller answers the dispute first', onTheLink('the invoice is disputed'));
      // A running plan's instalments are the dates the client agreed to: a promise would pause its reminders up to 60 days
      // while its check still ends it `missed`.
      if (current.paymentPlan?.status === 'active') throw new PortalStateError('A payment plan is already agreed for this invoice', onTheLink('a payment plan is already agreed for the invoice'));
      // Reminders resume the day after the promised date if the invoice is still unpaid.
      const pause = promisePause(current, addDays(input.date, 1), settings);
      if (current.promisedFor === input.date && (!pause.pausedUntil || pause.pausedUntil === current.pausedUntil)) return undefined;
      return {
        next: { ...current, ...pause, promisedFor: input.date, updatedAt: at },
        events: [{ at, type: 'portal.promised', data: { date: input.date } }],
      };
    });

export const makePortalDispute = (deps: PortalResolveDeps) =>
  (token: string, input: { reason: string }) =>
    act(deps, token, (current, { at }) =>
      current.disputed && current.disputeReason === input.reason && current.disputedBy === 'client'
        ? undefined
        : {
            next: { ...current, disputed: true, disputeReason: input.reason, disputedBy: 'client', updatedAt: at },
            events: [{ at, type: 'portal.disputed', data: { reason: input.reason } }],
          },
    );

import { localDateTimeOf } from '../../domain/zoned-time.js';
import type { Clock } from '../ports.js';
import { noMetrics, type Metrics } from '../metrics.js';
import { alertOwner } from './owner-alert.js';
import { retryAfterFailure } from './failure-retry.js';
import { loadSendContext, sendCalendarFor, type ReminderReadDeps } from './reminder-context.js';

/** A reminder schedule's input (shared/adapters/scheduler/eventbridge-reminder-scheduler.ts): the step it fires. */
export interface UndeliveredFire {
  readonly tenantId: string;
  readonly invoiceId: string;
  readonly plan: number;
  readonly index: number;
  readonly scheduledAt: string;
  readonly kind?: 'step' | 'lease';
}

export type UndeliveredOutcome =
  | { readonly outcome: 'failed'; readonly reason: string; readonly retryAt?: string; readonly stepId: string }
  | { readonly outcome: 'ignored'; readonly reason: string; readonly stepId?: string };

export interface UndeliveredFireDeps extends Omit<ReminderReadDeps, 'scenarios'> {
  readonly clock: Clock;
  readonly metrics?: Metrics;
}

/** What the step's `lastError` says: the fire never ran to its end (Lambda errors past its retries, throttles, the Scheduler). */
export const INVOKE_FAILED = 'invoke_failed';

/**
 * A reminder schedule's fire ended in the reminder dead-letter queue (DESIGN.md §1; the Scheduler's DLQ or
 * Lambda's async `onFailure`): send-reminder never finished, and the step it names would stay `scheduled`
 * in the past, nobody told. It takes the send path's failure path (send-reminder.ts `recordFailure`): a
 * step still `scheduled` at that time is rescheduled with the same backoff within 24 h of its first failure
 * (reason `retry`, `lastError: invoke_failed`), else `failed` (`invoke_failed`) and the owner told; a step
 * still `sending` past its lease is `failed: unknown_outcome` (never resent), as its lease check does.
 * Anything else (sent, skipped, moved, retried already, in flight) is left alone: the same message twice
 * changes nothing.
 */
export const makeRecordUndeliveredFire = (deps: UndeliveredFireDeps) =>
  async (fire: UndeliveredFire): Promise<UndeliveredOutcome> => {
    const now = deps.clock.now();
    const at = now.toISOString();
    const ctx = await loadSendContext(deps, fire.tenantId, fire.invoiceId);
    if (!ctx) return { outcome: 'ignored', reason: 'invoice_not_found' };
    const record = ctx.records.find((r) => r.plan === fire.plan && r.index === fire.index);
    if (!record) return { outcome: 'ignored', reason: 'stale' };
    const { stepId } = record;
    const { tenantId, id } = ctx.invoice;
    const metrics = deps.metrics ?? noMetrics;

    if (record.state === 'sending') {
      if (!record.leaseUntil || Date.parse(record.leaseUntil) > now.getTime()) return { outcome: 'ignored', reason: 'in_flight', stepId };
      if (!(await deps.steps.transition(tenantId, id, record, { state: 'sending' }, { state: 'failed', reason: 'unknown_outcome', at, leaseUntil: undefined }))) {
        return { outcome: 'ignored', reason: 'stale', stepId };
      }
      await deps.invoices.appendEvents(tenantId, id, [{ at, type: 'reminder.failed', data: { stepId, reason: 'unknown_outcome' } }]);
      await alertOwner(deps, ctx, 'unknown_outcome', stepId, now);
      metrics.reminderOutcomeUnknown();
      return { outcome: 'failed', reason: 'unknown_outcome', stepId };
    }
    // A lease check's fire names a step that was `sending`: anything else moved on since.
    if (fire.kind === 'lease' || record.state !== 'scheduled') return { outcome: 'ignored', reason: `already_${record.state}`, stepId };
    // Rescheduled since (a retry recorded, a move), or not yet due: its own schedule fires for it.
    if (record.scheduledAt !== fire.scheduledAt) return { outcome: 'ignored', reason: 'stale', stepId };
    if (Date.parse(record.scheduledAt) > now.getTime()) return { outcome: 'ignored', reason: 'not_due', stepId };

    const { firstFailedAt, failures, retry } = retryAfterFailure(ctx, record, now);
    const calendar = sendCalendarFor(ctx.settings, ctx.client);
    const moved = await deps.steps.transition(
      tenantId,
      id,
      record,
      { state: 'scheduled', scheduledAt: record.scheduledAt },
      retry
        ? { state: 'scheduled', at, scheduledAt: retry.toISOString(), localTime: localDateTimeOf(retry, calendar.timeZone), reason: 'retry', lastError: INVOKE_FAILED, firstFailedAt, attempts: failures }
        : { state: 'failed', at, reason: INVOKE_FAILED, lastError: INVOKE_FAILED, firstFailedAt, attempts: failures },
    );
    if (!moved) return { outcome: 'ignored', reason: 'stale', stepId };
    metrics.reminderFailed();
    await deps.invoices.appendEvents(tenantId, id, [
      { at, type: 'reminder.failed', data: { stepId, error: INVOKE_FAILED, ...(retry ? { retryAt: retry.toISOString() } : { final: true }) } },
    ]);
    if (!retry && !record.manual) await alertOwner(deps, ctx, 'send_failed', stepId, now);
    return { outcome: 'failed', reason: retry ? 'retry' : INVOKE_FAILED, stepId, ...(retry ? { retryAt: retry.toISOString() } : {}) };
  };

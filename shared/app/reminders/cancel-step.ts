import { NotFoundError, ConflictError } from '../errors.js';
import type { Clock, InvoiceRepository, ReminderStepRepository } from '../ports.js';
import { stepRecordView, type PlannedStepView } from './reminder-plan-view.js';

/**
 * The owner cancels one scheduled step (from the daily overview or the invoice): it becomes
 * `cancelled` (`owner_cancelled`) by a conditional write, and the reconciler drops its schedule.
 * The step is the live one of that scenario step (the latest plan); a step already sent, skipped,
 * cancelled, failed or being sent cannot be cancelled (409).
 */
export const makeCancelReminderStep = ({ invoices, steps, clock }: { invoices: InvoiceRepository; steps: ReminderStepRepository; clock: Clock }) =>
  async (tenantId: string, invoiceId: string, stepId: string): Promise<PlannedStepView> => {
    const [invoice, records] = await Promise.all([invoices.get(tenantId, invoiceId), steps.list(tenantId, invoiceId)]);
    if (!invoice) throw new NotFoundError('Invoice');
    const step = records.filter((r) => r.stepId === stepId && !r.manual).sort((a, b) => b.plan - a.plan)[0];
    // Sent a moment ago, its plan is still being recorded (the stream lags a second): the step shown
    // (projected) exists but cannot be cancelled yet.
    if (!step && invoice.status !== 'draft' && !records.some((r) => !r.manual)) throw new ConflictError('The reminder plan of this invoice is being recorded: try again in a moment');
    if (!step) throw new NotFoundError('Reminder step');
    const refuse = (state: string) => new ConflictError(`The step is ${state}: only a scheduled step can be cancelled`);
    if (step.state !== 'scheduled') throw refuse(step.state);
    const at = clock.now().toISOString();
    const moved = await steps.transition(tenantId, invoiceId, step, { state: 'scheduled', ...(step.scheduledAt ? { scheduledAt: step.scheduledAt } : {}) }, { state: 'cancelled', reason: 'owner_cancelled', at });
    if (!moved) {
      const now = (await steps.list(tenantId, invoiceId)).find((r) => r.plan === step.plan && r.index === step.index);
      throw refuse(now?.state ?? 'gone');
    }
    await invoices.appendEvents(tenantId, invoiceId, [{ at, type: 'reminder.cancelled', data: { stepId, plan: step.plan, reason: 'owner_cancelled' } }]);
    return stepRecordView({ ...step, state: 'cancelled', reason: 'owner_cancelled', at });
  };

import { NotFoundError, ConflictError } from '../errors.js';
import type { Clock, InvoiceRepository, StepRecords } from '../ports.js';
import type { StepRecordItem } from '../ports/reminder-steps.js';
import { stepRecordView, type PlannedStepView } from './reminder-plan-view.js';
import { releaseWithdrawnLetterGap } from './letter-gap.js';
import type { ShownPlan } from './letters.js';

/**
 * The owner cancels one scheduled step (from the daily overview or the invoice): it becomes
 * `cancelled` (`owner_cancelled`) by a conditional write, and the reconciler drops its schedule.
 * The step is the live one of that scenario step (the latest plan); a step already sent, skipped,
 * cancelled, failed or being sent cannot be cancelled (409). A letter produced and not posted yet
 * (`to_post`) can: the owner decides not to send it by registered post (see withdrawLetter).
 */
export const makeCancelReminderStep = ({ invoices, steps, clock, shownPlan }: { invoices: InvoiceRepository; steps: StepRecords; clock: Clock; shownPlan?: ShownPlan }) =>
  async (tenantId: string, invoiceId: string, stepId: string): Promise<PlannedStepView> => {
    const [invoice, records] = await Promise.all([invoices.get(tenantId, invoiceId), steps.list(tenantId, invoiceId)]);
    if (!invoice) throw new NotFoundError('Invoice');
    const step = records.filter((r) => r.stepId === stepId && !r.manual).sort((a, b) => b.plan - a.plan)[0];
    // Sent a moment ago, its plan is still being recorded (the stream lags a second): the step shown
    // (projected, scheduled) exists but cannot be cancelled yet. A plan that will never be recorded
    // (reminders off for the client: its steps computed `cancelled`), or a step it has not, is a 404:
    // it answered "try again" forever.
    if (!step && invoice.status !== 'draft' && !records.some((r) => !r.manual)) {
      const computed = !shownPlan || (await shownPlan(tenantId, invoiceId)).some((s) => s.projected && s.stepId === stepId && s.state === 'scheduled');
      if (computed) throw new ConflictError('The reminder plan of this invoice is being recorded: try again in a moment');
    }
    if (!step) throw new NotFoundError('Reminder step');
    const refuse = (state: string) =>
      new ConflictError(`The step is ${state}: only a scheduled step or a letter not posted yet can be cancelled`, [{ path: 'path.stepId', message: `the reminder is ${state}` }]);
    const at = clock.now().toISOString();
    if (step.state === 'to_post') return withdrawLetter({ invoices, steps }, tenantId, invoice.clientId, invoiceId, step, at, refuse);
    if (step.state !== 'scheduled') throw refuse(step.state);
    const moved = await steps.transition(tenantId, invoiceId, step, { state: 'scheduled', ...(step.scheduledAt ? { scheduledAt: step.scheduledAt } : {}) }, { state: 'cancelled', reason: 'owner_cancelled', at });
    if (!moved) {
      const now = (await steps.list(tenantId, invoiceId)).find((r) => r.plan === step.plan && r.index === step.index);
      throw refuse(now?.state ?? 'gone');
    }
    await invoices.appendEvents(tenantId, invoiceId, [{ at, type: 'reminder.cancelled', data: { stepId, plan: step.plan, reason: 'owner_cancelled' } }]);
    return stepRecordView({ ...step, state: 'cancelled', reason: 'owner_cancelled', at });
  };

/**
 * The owner will not post a letter: its step `to_post → cancelled` (`owner_cancelled`), off the
 * letters to post. A letter listing several invoices of the client is one envelope: every step it
 * answers is cancelled with it (as posting one closes them all).
 */
const withdrawLetter = async (
  { invoices, steps }: { invoices: InvoiceRepository; steps: StepRecords },
  tenantId: string,
  clientId: string,
  invoiceId: string,
  step: StepRecordItem,
  at: string,
  refuse: (state: string) => Error,
): Promise<PlannedStepView> => {
  // Leaves the to-post index (GSI1) with its state.
  const withdrawn = { state: 'cancelled' as const, reason: 'owner_cancelled', at, ...({ GSI1PK: undefined, GSI1SK: undefined } as object) };
  const cancelOne = async (id: string, record: StepRecordItem): Promise<boolean> => {
    if (!(await steps.transition(tenantId, id, record, { state: 'to_post' }, withdrawn))) return false;
    await invoices.appendEvents(tenantId, id, [
      { at, type: 'reminder.cancelled', data: { stepId: record.stepId, plan: record.plan, reason: 'owner_cancelled', letter: 'withdrawn', ...(record.letterId ? { letterId: record.letterId } : {}) } },
    ]);
    return true;
  };
  if (!(await cancelOne(invoiceId, step))) {
    const now = (await steps.list(tenantId, invoiceId)).find((r) => r.plan === step.plan && r.index === step.index);
    throw refuse(now?.state ?? 'gone');
  }
  const others = step.letterId ? (step.letterMembers ?? []).filter((m) => !(m.invoiceId === invoiceId && m.stepId === step.stepId)) : [];
  await Promise.all(
    others.map(async (m) => {
      const member = (await steps.list(tenantId, m.invoiceId)).find((r) => r.plan === m.plan && r.index === m.index);
      // Regrouped since, posted or closed: not this envelope any more.
      if (member && member.state === 'to_post' && member.letterId === step.letterId) await cancelOne(m.invoiceId, member);
    }),
  );
  // Not posted, it never reached the client: the client's gap it took is given back.
  await releaseWithdrawnLetterGap(steps, tenantId, clientId, invoiceId, step);
  return stepRecordView({ ...step, state: 'cancelled', reason: 'owner_cancelled', at });
};

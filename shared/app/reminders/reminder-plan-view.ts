import { NotFoundError } from '../errors.js';
import type { Clock, StepRecordItem } from '../ports.js';
import { loadReminderContext, planFor, type ReminderReadDeps } from './reminder-context.js';

export interface PlannedStepView {
  readonly stepId: string;
  readonly templateId: string;
  readonly state: 'scheduled' | 'sending' | 'sent' | 'skipped' | 'cancelled' | 'failed';
  readonly scheduledAt?: string;
  readonly reason?: string;
  readonly messageId?: string;
  readonly manual?: boolean;
}

export const stepRecordView = (r: StepRecordItem): PlannedStepView => ({
  stepId: r.stepId,
  templateId: r.templateId,
  state: r.state,
  scheduledAt: r.scheduledAt ?? r.at,
  ...(r.reason ? { reason: r.reason } : {}),
  ...(r.messageId ? { messageId: r.messageId } : {}),
  ...(r.manual ? { manual: true } : {}),
});

/** GET /invoices/{id}/reminders: the scenario's steps as planned now, with what already happened, then manual reminders. */
export const makeGetReminderPlan = (deps: ReminderReadDeps & { clock: Clock }) =>
  async (tenantId: string, invoiceId: string): Promise<PlannedStepView[]> => {
    const ctx = await loadReminderContext(deps, tenantId, invoiceId);
    if (!ctx) throw new NotFoundError('Invoice');
    const records = new Map(ctx.records.map((r) => [r.stepId, r]));
    const planned = planFor(ctx, deps.clock.now()).map((s): PlannedStepView => {
      const record = records.get(s.stepId);
      if (record) return stepRecordView(record);
      return {
        stepId: s.stepId,
        templateId: s.templateId,
        state: s.state,
        ...(s.scheduledAt ? { scheduledAt: s.scheduledAt } : {}),
        ...(s.reason ? { reason: s.reason } : {}),
      };
    });
    const manual = ctx.records.filter((r) => r.manual).map(stepRecordView);
    return [...planned, ...manual];
  };

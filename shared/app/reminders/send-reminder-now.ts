import { localDate } from '../../domain/dates.js';
import { BusinessRuleError, ConflictError, NotFoundError } from '../errors.js';
import { loadReminderContext, planFor, stopReason } from './reminder-context.js';
import { deliver, type SendReminderDeps } from './send-reminder.js';
import { stepRecordView, type PlannedStepView } from './reminder-plan-view.js';

/**
 * POST /invoices/{id}/reminders: a reminder now, from the invoice. It obeys the same guards as
 * the automatic ones (not paid, not paused or disputed, client not opted out) and the rule of at
 * most one reminder per invoice per day, enforced by the step claim `manual-<local date>`.
 */
export const makeSendReminderNow = (deps: SendReminderDeps) =>
  async (tenantId: string, invoiceId: string, input: { templateId?: string }): Promise<PlannedStepView> => {
    const ctx = await loadReminderContext(deps, tenantId, invoiceId);
    if (!ctx) throw new NotFoundError('Invoice');
    const stop = stopReason(ctx);
    if (stop) throw new BusinessRuleError('reminder-not-allowed', `No reminder can be sent: ${stop}`);
    const now = deps.clock.now();
    const today = localDate(now, ctx.settings.timezone);
    if (ctx.records.some((r) => (r.state === 'sent' || r.state === 'sending') && localDate(new Date(r.at), ctx.settings.timezone) === today)) {
      throw new ConflictError('A reminder already went out for this invoice today');
    }
    const plan = planFor(ctx, now);
    // Default template: the next step due, else the last step of the scenario (the firmest).
    const templateId = input.templateId ?? plan.find((s) => s.state === 'scheduled')?.templateId ?? ctx.scenario.steps.at(-1)?.templateId;
    if (!templateId) throw new BusinessRuleError('no-template', 'No template to send', [{ path: 'body.templateId', message: 'is required' }]);
    const stepId = `manual-${today}`;
    const at = now.toISOString();
    const claimed = await deps.steps.claim(tenantId, invoiceId, { stepId, templateId, at, manual: true }, 1);
    if (!claimed) throw new ConflictError('A reminder already went out for this invoice today');
    await deliver(deps, ctx, { stepId, templateId, firedAt: now, manual: true });
    const record = (await deps.steps.list(tenantId, invoiceId)).find((r) => r.stepId === stepId);
    return record ? stepRecordView(record) : { stepId, templateId, state: 'sent' };
  };

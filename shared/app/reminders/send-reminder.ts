import type { ReminderTemplate } from '../../domain/default-templates.js';
import type { PlannedStep } from '../../domain/reminder-plan.js';
import type { Clock, InvoiceRepository, Mailer, PdfRenderer, ReminderInput, TenantDocuments } from '../ports.js';
import { composeReminder, resolveTemplate } from './compose-reminder.js';
import { loadReminderContext, planFor, stopReason, type ReminderContext, type ReminderReadDeps } from './reminder-context.js';

export interface SendReminderDeps extends ReminderReadDeps {
  readonly invoices: InvoiceRepository;
  readonly templates: TenantDocuments<ReminderTemplate>;
  readonly mailer: Mailer;
  readonly pdf: PdfRenderer;
  readonly clock: Clock;
}

export type ReminderOutcome =
  | { readonly outcome: 'sent'; readonly messageId: string; readonly stepId: string }
  | { readonly outcome: 'skipped'; readonly reason: string; readonly stepId: string }
  | { readonly outcome: 'failed'; readonly reason: string; readonly stepId: string };

/** Attempts per step (Scheduler retries + Lambda async retries share this budget). */
export const MAX_SEND_ATTEMPTS = 3;

/** The plan is evaluated just before the firing time: the planner counts a step at `now` as missed. */
const PLAN_LEAD_MS = 60_000;

/**
 * A reminder schedule fired. Re-reads the invoice and its plan, skips (and records why) when
 * it must, claims the step with a conditional write, then renders and sends. Whatever the
 * number of deliveries, one step yields at most one email.
 */
export const makeSendReminder = (deps: SendReminderDeps) =>
  async (input: ReminderInput & { readonly scheduledTime?: string }): Promise<ReminderOutcome> => {
    const { tenantId, invoiceId, stepId } = input;
    const firedAt = input.scheduledTime && !Number.isNaN(Date.parse(input.scheduledTime)) ? new Date(input.scheduledTime) : deps.clock.now();
    const at = sentAt(deps.clock, firedAt);
    const ctx = await loadReminderContext(deps, tenantId, invoiceId);
    if (!ctx) return { outcome: 'skipped', reason: 'invoice-not-found', stepId };

    const record = ctx.records.find((r) => r.stepId === stepId);
    if (record && (record.state === 'sent' || record.state === 'sending')) return { outcome: 'skipped', reason: 'already-sent', stepId };

    const step = planFor(ctx, new Date(firedAt.getTime() - PLAN_LEAD_MS)).find((s) => s.stepId === stepId);
    const skip = stopReason(ctx) ?? skipReason(step, input.scheduledAt, record?.state);
    if (skip) {
      const event = { at, type: 'reminder.skipped', data: { stepId, reason: skip, scheduledAt: input.scheduledAt } };
      // A stale schedule (the step moved) leaves the step to its new schedule; any other skip is final.
      if (skip !== 'stale' && step) {
        await deps.steps.skip(tenantId, invoiceId, { stepId, templateId: step.templateId, scheduledAt: input.scheduledAt, at, reason: skip });
      }
      await deps.invoices.appendEvents(tenantId, invoiceId, [event]);
      return { outcome: 'skipped', reason: skip, stepId };
    }

    const claimed = await deps.steps.claim(tenantId, invoiceId, { stepId, templateId: step!.templateId, scheduledAt: input.scheduledAt, at }, MAX_SEND_ATTEMPTS);
    if (!claimed) return { outcome: 'skipped', reason: 'already-claimed', stepId };
    return deliver(deps, ctx, { stepId, templateId: step!.templateId, firedAt, scheduledAt: input.scheduledAt });
  };

/**
 * The instant a reminder is recorded at: the firing time, or now if later (a retry). On the
 * local stack's simulated clock the firing time is ahead of the wall clock, and the plan must
 * see the step where the simulation put it.
 */
const sentAt = (clock: Clock, firedAt: Date): string => {
  const now = clock.now();
  return (firedAt > now ? firedAt : now).toISOString();
};

const skipReason = (step: PlannedStep | undefined, scheduledAt: string, recorded: string | undefined): string | undefined => {
  if (!step) return 'step-removed-from-scenario';
  if (step.state === 'cancelled' || step.state === 'skipped') return step.reason ?? step.state;
  if (recorded === 'failed' && step.state === 'failed') return undefined; // a retry of a failed attempt
  if (step.state !== 'scheduled') return step.reason ?? step.state;
  if (step.scheduledAt !== scheduledAt) return 'stale';
  return undefined;
};

/** Renders and sends a claimed step, then records the outcome on the step, the invoice and its timeline. */
export const deliver = async (
  deps: SendReminderDeps,
  ctx: ReminderContext,
  step: { stepId: string; templateId: string; firedAt: Date; scheduledAt?: string; manual?: boolean },
): Promise<ReminderOutcome> => {
  const { invoice, client, settings } = ctx;
  const tenantId = invoice.tenantId;
  try {
    const [template, payments] = await Promise.all([
      resolveTemplate(deps.templates, tenantId, step.templateId, client.language),
      deps.invoices.payments(tenantId, invoice.id),
    ]);
    const email = await composeReminder({ invoice, client, settings, payments, template, asOf: step.firedAt }, deps.pdf, [client.email], client.ccEmails);
    const { messageId } = await deps.mailer.send({
      ...email,
      tags: { tenant: tenantId, invoice: invoice.id, client: client.id, step: step.stepId },
    });
    const at = sentAt(deps.clock, step.firedAt);
    await deps.steps.finish(tenantId, invoice.id, step.stepId, { state: 'sent', at, messageId });
    await deps.invoices.recordReminder(tenantId, invoice.id, at);
    // Re-plans the client's other open invoices (stream), so none follows within the minimum gap.
    await deps.clients.recordMessage(tenantId, client.id, at);
    await deps.invoices.appendEvents(tenantId, invoice.id, [
      {
        at,
        type: 'reminder.sent',
        data: { stepId: step.stepId, templateId: template.id, messageId, to: client.email, attachments: email.attachments?.map((a) => a.fileName) ?? [], ...(step.manual ? { manual: true } : {}) },
      },
    ]);
    return { outcome: 'sent', messageId, stepId: step.stepId };
  } catch (error) {
    const at = sentAt(deps.clock, step.firedAt);
    const reason = error instanceof Error ? error.message.slice(0, 300) : 'unknown error';
    await deps.steps.finish(tenantId, invoice.id, step.stepId, { state: 'failed', at, reason });
    await deps.invoices.appendEvents(tenantId, invoice.id, [{ at, type: 'reminder.failed', data: { stepId: step.stepId, reason } }]);
    throw error;
  }
};

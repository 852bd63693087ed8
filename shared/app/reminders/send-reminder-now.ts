import { addDays, localDate } from '../../domain/dates.js';
import { remindedOn, reminderSlot } from '../../domain/reminder-slot.js';
import { SEND_LEASE_MS } from '../../domain/reminder-steps.js';
import { activePlan, fitPlanTemplate, planManualDefault } from './plan-lifecycle.js';
import { manualTemplateId } from '../../domain/grouped-reminder.js';
import { templateRefusalFor, waivedTemplateRefusal } from '../../domain/penalty-mentions.js';
import { penaltiesWaived } from '../../domain/payment-plan.js';
import { fittingTemplateId, manualTemplateRefusal, templatePurpose } from '../../domain/default-templates.js';
import { invoiceBalanceCents } from '../../domain/invoice.js';
import { BusinessRuleError, CLIENT_GAP, ConflictError, NotFoundError, UpstreamError } from '../errors.js';
import type { NewStepRecord } from '../ports/reminder-steps.js';
import { composeReminder, creditNotesOf, depositsSettledOf, resolveTemplate, withDepositsSettled } from './compose-reminder.js';
import { manualIndex, manualStepId, skipPlanStepSentByHand, skipStepsSentByHand } from './manual-coverage.js';
import { loadReminderContext, reminderRecipients, type ReminderContext } from './reminder-context.js';
import { stepRecordView, type PlannedStepView } from './reminder-plan-view.js';
import { deliverClaimed, gapClaim, portalUrlOf, type SendReminderDeps } from './send-reminder.js';

/** A manual reminder is the owner's decision: the program switch and a client's opt-out do not block it, these do. */
const manualBlock = ({ invoice, client }: ReminderContext): string | undefined => {
  if (invoice.status === 'cancelled') return 'the invoice is cancelled';
  if (invoice.status === 'draft') return 'the invoice has not been sent';
  if (invoice.status === 'written_off') return 'the invoice was written off';
  if (invoice.status === 'litigation') return 'the invoice is in litigation: take it back first (DELETE /invoices/{id}/litigation)';
  if (invoice.status === 'paid' || invoiceBalanceCents(invoice) <= 0) return 'the invoice is paid';
  if (invoice.disputed) return 'the invoice is disputed';
  if (invoice.remindersPaused) return 'reminders are paused for this invoice';
  if (client.complained) return 'the client reported a reminder as spam';
  return undefined;
};

/**
 * POST /invoices/{id}/reminders: a reminder now, from the invoice. Same guards and claims as the
 * automatic ones: one reminder per invoice per day, and the client's minimum gap unless the owner
 * says `force: true` (409 explains when the next one is allowed). A failed send gives the day back.
 */
export const makeSendReminderNow = (deps: SendReminderDeps) =>
  async (tenantId: string, invoiceId: string, input: { templateId?: string; force?: boolean }): Promise<PlannedStepView> => {
    const ctx = await loadReminderContext(deps, tenantId, invoiceId);
    if (!ctx) throw new NotFoundError('Invoice');
    const block = manualBlock(ctx);
    if (block) throw new BusinessRuleError('reminder-not-allowed', `No reminder can be sent: ${block}`, [{ path: 'path.id', message: block }]);
    const now = deps.clock.now();
    const { settings, client, invoice } = ctx;
    const today = localDate(now, settings.timezone);
    // What the request itself gets wrong (a template that does not exist, or that a consumer may not receive) comes first:
    // waiting for tomorrow or for the client's gap would not make it right.
    // Default template: the next step due, else the scenario step as late as the invoice (a mise en
    // demeure only once its day has come); the escalation step sends nothing (it moves the invoice
    // to litigation), so it is never the default.
    // Before its due date an invoice is not late: a firmer template (named by the owner or picked from the
    // scenario) would say "échue" or "mise en demeure". The courtesy one goes instead, as for a grouped or
    // mass reminder (grouped-send.ts), and the answer names the template sent.
    const notDue = invoice.dueDate >= today;
    // While a payment plan runs, its next reminder is the default (the scenario's are cancelled: its
    // "as late as the invoice" pick would send a mise en demeure for the whole balance to a client
    // keeping to the plan), and every reminder shows the plan with its instalments.
    const plan = activePlan(ctx);
    const planDefault = planManualDefault(ctx, today);
    const planStep = planDefault?.step;
    const scenarioPick = planDefault?.templateId ?? manualTemplateId(ctx.scenario, ctx.records, invoice.dueDate, today);
    // A plan reminder named by hand fits the instalments today: never "not received" before an instalment's date, nor "due on" a date passed.
    const planFit = input.templateId ? fitPlanTemplate(ctx, today, input.templateId) : undefined;
    const templateId = planFit?.templateId ?? input.templateId ?? scenarioPick;
    if (!templateId) throw new BusinessRuleError('no-template', 'No template to send', [{ path: 'body.templateId', message: 'is required' }]);
    const [chosen, payments, creditNotes, depositsSettled] = await Promise.all([
      resolveTemplate(deps.templates, tenantId, templateId, client.language).catch((error: unknown) => {
        if (error instanceof NotFoundError) throw new BusinessRuleError('unknown-template', 'The template does not exist', [{ path: 'body.templateId', message: 'no such template' }]);
        throw error;
      }),
      deps.invoices.payments(tenantId, invoiceId),
      creditNotesOf(deps.invoices, invoice),
      depositsSettledOf(deps.invoices, invoice),
    ]);
    const refusal = templateRefusalFor(client.kind, chosen);
    if (refusal) throw new BusinessRuleError('penalties-for-consumer', refusal, [{ path: 'body.templateId', message: refusal }]);
    const misuse = input.templateId ? manualTemplateRefusal(input.templateId, plan !== undefined) : undefined;
    if (misuse) throw new BusinessRuleError('not-a-reminder-template', misuse, [{ path: 'body.templateId', message: misuse }]);
    // And past it, the courtesy one named (it would say "arrive à échéance" on a past date) gives way to the first overdue reminder.
    // (A plan's reminder is about its instalments, not the invoice's due date: it keeps its own text.)
    const fitting = templatePurpose(templateId) === 'instalment' ? undefined : fittingTemplateId(chosen.tone, input.templateId, !notDue, client.kind === 'consumer');
    const template = fitting ? await resolveTemplate(deps.templates, tenantId, fitting, client.language) : chosen;
    // The plan's waiver of penalties and the €40 (recorded): a text claiming them would contradict it, and the plan table it prints.
    const waiver = plan && penaltiesWaived(plan, { status: invoice.status, balanceCents: invoiceBalanceCents(invoice) }) ? waivedTemplateRefusal(template) : undefined;
    if (waiver) throw new BusinessRuleError('penalties-waived', waiver, [{ path: 'body.templateId', message: waiver }]);
    if (remindedOn(invoice, today, settings.timezone)) throw new ConflictError('A reminder already went out for this invoice today: the next one can go tomorrow', [{ path: 'path.id', message: 'the invoice was already reminded today' }]);
    const last = ctx.lastClientMessage;
    if (!input.force && last && last.date > addDays(today, -settings.minGapDays)) {
      throw new ConflictError(
        `This client received a message on ${last.date}; with a minimum gap of ${settings.minGapDays} days the next one is due on ${addDays(last.date, settings.minGapDays)}. Send with "force": true to send anyway.`,
        CLIENT_GAP,
      );
    }
    const recipients = reminderRecipients(client);
    if (recipients.to.length === 0) {
      throw new BusinessRuleError('address-failing', "Every address of this client hard-bounced: correct the client's email first", [{ path: 'client.email', message: 'bounced' }]);
    }
    const email = await composeReminder(
      { invoice, client, settings, payments, creditNotes, ...withDepositsSettled(depositsSettled), template, asOf: now, ...(await portalUrlOf(deps, invoice)), ...(plan ? { plan: { plan, instalment: planFit?.instalment ?? planDefault?.instalment ?? 0 } } : {}) },
      deps.pdf,
      recipients.to,
      recipients.cc,
    );

    const at = now.toISOString();
    const record: NewStepRecord = { plan: 0, index: manualIndex(ctx.records, now), stepId: manualStepId(ctx.records, today), templateId: template === chosen ? templateId : template.id, state: 'sending', at, manual: true };
    const gap = gapClaim(ctx, now, `${invoiceId}/manual/${record.index}`, input.force === true);
    const claim = await deps.steps.claimSend(tenantId, invoiceId, { ref: record, manual: record, leaseUntil: new Date(now.getTime() + SEND_LEASE_MS).toISOString(), at }, { paidCents: invoice.paidCents, creditedCents: invoice.creditedCents, ...reminderSlot(today, settings.timezone), at }, gap);
    if (!claim.ok) {
      if (claim.conflict === 'gap') throw new ConflictError('Another message to this client went out meanwhile: the minimum gap applies. Send with "force": true to send anyway.', CLIENT_GAP);
      throw new ConflictError('The invoice changed or already got a reminder today: reload it and try again');
    }
    const outcome = await deliverClaimed(deps, ctx, { ...record, attempts: 0 }, { email, template, now, today, gap, recipients });
    if (outcome.outcome !== 'sent') throw new UpstreamError('The email could not be sent; nothing counts against today or the client gap: try again');
    // The next step(s) it repeats are not sent again a few days later.
    await skipStepsSentByHand(deps, invoice, now);
    await skipPlanStepSentByHand(deps, invoice, planStep, record.templateId, now);
    const sent = (await deps.steps.list(tenantId, invoiceId)).find((r) => r.plan === 0 && r.index === record.index);
    return sent ? stepRecordView(sent) : { stepId: record.stepId, templateId: template === chosen ? templateId : template.id, state: 'sent', channel: 'email', manual: true };
  };

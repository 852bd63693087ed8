import { attachmentFileName } from '../../domain/attachment-name.js';
import { localDate } from '../../domain/dates.js';
import { reminderSlot } from '../../domain/reminder-slot.js';
import { MAX_GROUP_SIZE, mostAdvanced } from '../../domain/grouped-reminder.js';
import { fittingTemplateId, templatePurpose, type ReminderTemplate } from '../../domain/default-templates.js';
import { templateRefusalFor } from '../../domain/penalty-mentions.js';
import { SEND_LEASE_MS } from '../../domain/reminder-steps.js';
import { channelOf, type Channel } from '../../domain/scenario.js';
import { isEscalation } from '../../domain/escalation.js';
import { isPlanStep, type PaymentPlan } from '../../domain/payment-plan.js';
import { activePlan, fitPlanTemplate, planManualDefault } from './plan-lifecycle.js';
import { skipPlanStepSentByHand, skipStepsSentByHand, skipStepsSentInGroup } from './manual-coverage.js';
import type { ClientGapClaim, NewStepRecord, StepRecordItem } from '../ports/reminder-steps.js';
import { noMetrics } from '../metrics.js';
import { composeGroupedReminder, type GroupedEmail } from './compose-grouped.js';
import { composeGroupedSms } from './compose-sms.js';
import { creditNotesOf, depositsSettledOf, resolveTemplate, withDepositsSettled } from './compose-reminder.js';
import type { SendContext } from './reminder-context.js';
import { decide, gapClaim, recordFailure, type GroupSendDeps, type ReminderOutcome, type SendReminderDeps } from './send-reminder.js';

/**
 * The other invoices of a grouped email, as SES message tags (`g0`, `g1`… each holding up to 9 ids
 * joined by `_`: tag values are at most 256 letters, digits, `_` or `-`), so a bounce or complaint
 * of the one message reaches every invoice it was about (email-events.ts).
 */
export const GROUP_TAG_IDS = 9;
export const groupMemberTags = (invoiceIds: readonly string[]): Record<string, string> => {
  const tags: Record<string, string> = {};
  for (let i = 0; i * GROUP_TAG_IDS < invoiceIds.length; i++) tags[`g${i}`] = invoiceIds.slice(i * GROUP_TAG_IDS, (i + 1) * GROUP_TAG_IDS).join('_');
  return tags;
};

/** One invoice of a grouped message and the step it sends: a recorded step, or a new manual record. */
export interface GroupMemberStep {
  readonly ctx: SendContext;
  readonly record: Pick<StepRecordItem, 'plan' | 'index' | 'stepId' | 'templateId' | 'attempts' | 'firstFailedAt' | 'manual' | 'scheduledAt'>;
  /** Set for a manual reminder: the record created `sending` by the claim. */
  readonly manual?: NewStepRecord;
}

/** Fewer reads at once than Lambda's connection pool, enough to read a client's invoices in a few round trips. */
const READ_PARALLELISM = 8;

/**
 * The client's other invoices whose step of `channel` falls on the same local send day and would go out now
 * (not stopped, in scenario order, no reminder today): read from the client's partition of
 * invoices (GSI3), never from the tenant's. The client's gap was checked for the first step.
 */
/** `atOwnTime`: judge each step at its own time today when that is later than now (a text the 08:00 window holds is still due today). */
export const gatherSameDaySteps = async (deps: GroupSendDeps, ctx: SendContext, now: Date, channel: Channel = 'email', atOwnTime = false): Promise<GroupMemberStep[]> => {
  const { invoice, client, settings } = ctx;
  const today = localDate(now, settings.timezone);
  const ids = (await deps.invoices.openInvoiceIds(invoice.tenantId, client.id)).filter((id) => id !== invoice.id).sort();
  const found: GroupMemberStep[] = [];
  for (let i = 0; i < ids.length; i += READ_PARALLELISM) {
    const read = await Promise.all(
      ids.slice(i, i + READ_PARALLELISM).map(async (id): Promise<GroupMemberStep | undefined> => {
        const [other, records] = await Promise.all([deps.invoices.get(invoice.tenantId, id), deps.steps.list(invoice.tenantId, id)]);
        if (!other || other.clientId !== client.id) return undefined;
        const sibling: SendContext = { ...ctx, invoice: other, records };
        const record = records.find((r) => !r.manual && !isEscalation(r) && channelOf(r) === channel && r.state === 'scheduled' && r.scheduledAt && localDate(new Date(r.scheduledAt), settings.timezone) === today);
        // An invoice under a payment plan is chased by its own instalment texts, never in a group.
        if (!record || isPlanStep(record) || activePlan(sibling)) return undefined;
        const when = atOwnTime ? new Date(Math.max(now.getTime(), Date.parse(record.scheduledAt!))) : now;
        return decide(sibling, record, when).kind === 'send' ? { ctx: sibling, record } : undefined;
      }),
    );
    found.push(...read.filter((m): m is GroupMemberStep => m !== undefined));
  }
  return found.slice(0, MAX_GROUP_SIZE - 1);
};

export interface PreparedGroup {
  readonly members: readonly GroupMemberStep[];
  readonly template: ReminderTemplate;
  readonly grouped: GroupedEmail;
  /** A template fitting the invoices replaced the one picked (fittingTemplateId): manual records say so. */
  readonly courtesyInstead?: boolean;
  /** The step template whose tone the message took (absent when the courtesy one or the owner's own words replaced it). */
  readonly leadTemplateId?: string;
}

/** An invoice's running payment plan and the instalment its next plan reminder is about (its plan variables). */
const planOf = (ctx: GroupMemberStep['ctx'], today: string, instalment?: number): { plan?: { plan: PaymentPlan; instalment: number } } => {
  const plan = activePlan(ctx);
  return plan ? { plan: { plan, instalment: instalment ?? planManualDefault(ctx, today)?.instalment ?? 0 } } : {};
};

/**
 * The templates of each member's step; the message takes the most advanced one's tone. Each invoice
 * gets its client-portal link, as a single reminder does: a fresh token per message (`issue`), or for
 * a preview (`links: 'preview'`, a dry run) the same URL with a placeholder token and nothing written.
 */
export const prepareGroup = async (
  deps: GroupSendDeps,
  members: readonly GroupMemberStep[],
  now: Date,
  recipients: { to: string[]; cc: string[] },
  own: { templateId?: string; subject?: string; body?: string } = {},
  links: 'issue' | 'preview' = 'issue',
): Promise<PreparedGroup | undefined> => {
  const { client, settings, invoice } = members[0]!.ctx;
  const today = localDate(now, settings.timezone);
  // A plan reminder named for an invoice under its plan (asked alone) fits its instalments today, as from the invoice (send-reminder-now.ts).
  const planFit = own.templateId && members.length === 1 ? fitPlanTemplate(members[0]!.ctx, today, own.templateId) : undefined;
  const named = planFit?.templateId ?? own.templateId;
  // One read per distinct template, not per invoice.
  const byId = new Map<string, Promise<ReminderTemplate>>();
  const template = (id: string) => byId.get(id) ?? byId.set(id, resolveTemplate(deps.templates, invoice.tenantId, id, client.language)).get(id)!;
  const templates = await Promise.all(members.map((m) => template(named ?? m.record.templateId)));
  // Last safeguard (scenarios and templates already refuse it): no penalty text to a consumer.
  const allowed = members.map((m, i) => ({ m, template: templates[i]! })).filter(({ template }) => !templateRefusalFor(client.kind, template));
  if (allowed.length === 0) return undefined;
  const lead = mostAdvanced(allowed.map((a) => ({ ...a, tone: a.template.tone, position: a.m.record.index })));
  // A message about invoices none of which is overdue on the send day (a manual or mass send may choose a
  // firmer template) takes the courtesy template: it never says "échue", "impayée" or "mise en demeure"; and
  // the courtesy one named for overdue invoices, the first overdue reminder (fittingTemplateId).
  // (A plan's reminder is about its instalments, not the invoice's due date: it keeps its own text.)
  const fitting = named && templatePurpose(named) === 'instalment' ? undefined : fittingTemplateId(lead.template.tone, own.templateId, allowed.some(({ m }) => m.ctx.invoice.dueDate < today), client.kind === 'consumer');
  const used = fitting && !own.subject && !own.body ? await resolveTemplate(deps.templates, invoice.tenantId, fitting, client.language) : lead.template;
  const linkOf = async (member: GroupMemberStep): Promise<string | undefined> =>
    links === 'preview' ? deps.portalLinks?.preview(member.ctx.invoice) : deps.portalLinks?.issue(member.ctx.invoice);
  const [payments, creditNotes, portalUrls, depositsSettled] = await Promise.all([
    // Payments are positive: an invoice with nothing paid has none to list (one read less per invoice of a mass send).
    Promise.all(allowed.map(({ m }) => (m.ctx.invoice.paidCents > 0 ? deps.invoices.payments(invoice.tenantId, m.ctx.invoice.id) : []))),
    Promise.all(allowed.map(({ m }) => creditNotesOf(deps.invoices, m.ctx.invoice))),
    Promise.all(allowed.map(({ m }) => linkOf(m))),
    Promise.all(allowed.map(({ m }) => depositsSettledOf(deps.invoices, m.ctx.invoice))),
  ]);
  const grouped = await composeGroupedReminder(
    { members: allowed.map(({ m }, i) => ({ invoice: m.ctx.invoice, payments: payments[i]!, creditNotes: creditNotes[i]!, ...withDepositsSettled(depositsSettled[i]), ...(portalUrls[i] ? { portalUrl: portalUrls[i] } : {}), ...planOf(m.ctx, today, planFit?.instalment) })), client, settings, template: used, asOf: now, ...(own.subject ? { subject: own.subject } : {}), ...(own.body ? { body: own.body } : {}) },
    deps.pdf,
    recipients.to,
    recipients.cc,
  );
  return {
    members: allowed.map((a) => a.m),
    template: used,
    grouped,
    // The manual record names the template sent (the plan's fitted one too), never the one named.
    ...(used !== lead.template || named !== own.templateId ? { courtesyInstead: true } : !own.subject && !own.body ? { leadTemplateId: own.templateId ?? lead.m.record.templateId } : {}),
  };
};

/**
 * Claims every member's step, invoice day slot and the client's gap in one transaction, then sends
 * the one message and records each step `sent` with the shared message id. `changed` when the
 * claim fails (a member moved, was paid or was taken by a concurrent fire): the caller re-reads.
 */
export const sendPreparedGroup = async (
  deps: GroupSendDeps,
  prepared: PreparedGroup,
  now: Date,
  recipients: { to: string[]; cc: string[]; bcc?: string[] },
  force = false,
): Promise<{ claim: 'ok' | 'step' | 'invoice' | 'gap'; outcomes: ReminderOutcome[]; messageId?: string }> => {
  const [first] = prepared.members;
  const { invoice, client, settings } = first!.ctx;
  const { tenantId } = invoice;
  const at = now.toISOString();
  const today = localDate(now, settings.timezone);
  const leaseUntil = new Date(now.getTime() + SEND_LEASE_MS).toISOString();
  // The manual record names what the invoice was told: the template sent, or the courtesy one for an invoice not due
  // yet that rode along ("à échéance le …") in a firmer message about the client's late ones, so its own overdue
  // reminders are not taken as sent (manual coverage reads this record).
  const manualRecord = (manual: NewStepRecord, dueDate: string): NewStepRecord =>
    prepared.courtesyInstead
      ? { ...manual, templateId: prepared.template.id }
      : prepared.members.length > 1 && dueDate >= today && prepared.template.tone !== 'courtesy'
        ? { ...manual, templateId: fittingTemplateId(prepared.template.tone, undefined, false, client.kind === 'consumer') ?? manual.templateId }
        : manual;
  const gap: ClientGapClaim = gapClaim(first!.ctx, now, `group/${invoice.id}/${first!.record.plan}.${first!.record.index}`, force);
  const claim = await deps.steps.claimGroupSend(
    tenantId,
    prepared.members.map((m) => ({
      invoiceId: m.ctx.invoice.id,
      step: { ref: m.record, ...(m.manual ? { manual: manualRecord(m.manual, m.ctx.invoice.dueDate) } : { expectedScheduledAt: m.record.scheduledAt! }), leaseUntil, at },
      invoice: { paidCents: m.ctx.invoice.paidCents, creditedCents: m.ctx.invoice.creditedCents, ...reminderSlot(today, settings.timezone), at },
    })),
    gap,
  );
  if (!claim.ok) return { claim: claim.conflict, outcomes: [] };
  const metrics = deps.metrics ?? noMetrics;
  const numbers = prepared.members.map((m) => m.ctx.invoice.number ?? m.ctx.invoice.id);
  let messageId: string;
  try {
    ({ messageId } = await deps.mailer.send({
      ...prepared.grouped.email,
      tags: {
        tenant: tenantId,
        invoice: invoice.id,
        client: client.id,
        step: first!.record.stepId,
        ...(prepared.members.length > 1 ? { group: String(prepared.members.length), ...groupMemberTags(prepared.members.slice(1).map((m) => m.ctx.invoice.id)) } : {}),
      },
    }));
  } catch (error) {
    metrics.reminderFailed();
    const outcomes: ReminderOutcome[] = [];
    for (const m of prepared.members) outcomes.push(await recordFailure(deps, m.ctx, m.record, { now, today, gap }, error));
    return { claim: 'ok', outcomes };
  }
  metrics.reminderSent();
  const to = [...recipients.to, ...recipients.cc];
  // An overdue invoice's gentler step that goes out in a firmer tone: its next gentler ones would take the tone back.
  const covers = (m: GroupMemberStep): string | undefined =>
    !m.manual && prepared.leadTemplateId && m.record.templateId !== prepared.leadTemplateId && m.ctx.invoice.dueDate < today ? prepared.leadTemplateId : undefined;
  // Every member recorded `sent` with the message id in one write, or none (a crash or a throttled write
  // leaves them all `sending`: their lease checks mark them `unknown_outcome`, never a resend, never half).
  await deps.steps.finishGroupSend(
    tenantId,
    prepared.members.map((m) => ({
      invoiceId: m.ctx.invoice.id,
      ref: m.record,
      dueDate: m.ctx.invoice.dueDate,
      ...(covers(m) ? { groupCovers: covers(m) } : {}),
      event: {
        type: 'reminder.sent',
        data: {
          stepId: m.record.stepId,
          templateId: prepared.template.id,
          messageId,
          to: recipients.to.join(', '),
          attachments: prepared.grouped.email.attachments?.map((a) => attachmentFileName(a.fileName)) ?? [],
          ...(prepared.members.length > 1 ? { grouped: numbers } : {}),
          ...(m.record.manual ? { manual: true } : { plan: m.record.plan }),
        },
      },
    })),
    { at, messageId, recipients: to },
  );
  const record = async (m: GroupMemberStep): Promise<ReminderOutcome> => {
    // A manual reminder: the next step(s) of the invoice it repeats are not sent again a few days later.
    // While a payment plan runs (an invoice asked alone), the plan's next reminder it repeats.
    if (m.manual) {
      await skipStepsSentByHand(deps, m.ctx.invoice, now);
      await skipPlanStepSentByHand(deps, m.ctx.invoice, planManualDefault(m.ctx, today)?.step, prepared.template.id, now);
    }
    // Its pending steps the firmer text stands for (the re-plan does it too, should this write fail: `groupCovers`).
    else if (covers(m)) await skipStepsSentInGroup(deps, m.ctx.invoice, covers(m)!, now);
    return { outcome: 'sent', messageId, stepId: m.record.stepId, ...(prepared.members.length > 1 ? { grouped: prepared.members.map((x) => x.ctx.invoice.id) } : {}) };
  };
  // Each invoice's steps are its own partition: the coverage is written side by side.
  const outcomes = await Promise.all(prepared.members.map(record));
  return { claim: 'ok', outcomes, messageId };
};

/**
 * The fire of the first step of the day for a client: gathers the client's other steps due today and
 * sends them all in one message. `single` when there is nothing to group (the ordinary send goes on).
 */
export const sendWithSameDaySteps = async (
  deps: SendReminderDeps,
  ctx: SendContext,
  record: StepRecordItem,
  now: Date,
  recipients: { to: string[]; cc: string[] },
): Promise<ReminderOutcome | 'single' | 'invoice_changed'> => {
  // Only emails are grouped: an SMS or a letter step goes on its own.
  if (channelOf(record) !== 'email' || isPlanStep(record) || activePlan(ctx)) return 'single';
  const siblings = await gatherSameDaySteps(deps, ctx, now);
  if (siblings.length === 0) return 'single';
  const prepared = await prepareGroup(deps, [{ ctx, record }, ...siblings], now, recipients);
  if (!prepared || prepared.members.length < 2 || prepared.members[0]!.ctx !== ctx) return 'single';
  const result = await sendPreparedGroup(deps, prepared, now, recipients);
  // Whatever changed (a member taken by a concurrent fire, a payment, the gap), the caller re-reads and decides again.
  if (result.claim !== 'ok') return 'invoice_changed';
  return result.outcomes[0]!;
};

/**
 * The fire of the first sms step of the day for a client: the client's other sms steps due today go
 * in the same text (settings `groupByClient`), claimed together (steps, day slots, the client gap)
 * and each recorded `sent` with the shared message id. Without this each invoice got its own text,
 * the client gap pushing the next ones days later. `single` when there is nothing to group.
 */
export const sendSmsWithSameDaySteps = async (
  deps: SendReminderDeps,
  ctx: SendContext,
  record: StepRecordItem,
  now: Date,
  to: string,
): Promise<ReminderOutcome | 'single' | 'invoice_changed'> => {
  if (!deps.sms || !ctx.settings.groupByClient || channelOf(record) !== 'sms' || isPlanStep(record) || activePlan(ctx)) return 'single';
  const siblings = await gatherSameDaySteps(deps, ctx, now, 'sms');
  if (siblings.length === 0) return 'single';
  const members = [{ ctx, record }, ...siblings];
  const { invoice, client, settings } = ctx;
  const { tenantId } = invoice;
  const at = now.toISOString();
  const today = localDate(now, settings.timezone);
  const leaseUntil = new Date(now.getTime() + SEND_LEASE_MS).toISOString();
  const sms = composeGroupedSms({ invoices: members.map((m) => m.ctx.invoice), client, settings, asOf: now }, to);
  const gap: ClientGapClaim = gapClaim(ctx, now, `group/${invoice.id}/${record.plan}.${record.index}`);
  const claim = await deps.steps.claimGroupSend(
    tenantId,
    members.map((m) => ({
      invoiceId: m.ctx.invoice.id,
      step: { ref: m.record, expectedScheduledAt: m.record.scheduledAt!, leaseUntil, at },
      invoice: { paidCents: m.ctx.invoice.paidCents, creditedCents: m.ctx.invoice.creditedCents, ...reminderSlot(today, settings.timezone), at },
    })),
    gap,
  );
  // A member taken by a concurrent fire, a payment, the gap: the caller re-reads and decides again.
  if (!claim.ok) return 'invoice_changed';
  const metrics = deps.metrics ?? noMetrics;
  const numbers = members.map((m) => m.ctx.invoice.number ?? m.ctx.invoice.id);
  let messageId: string;
  try {
    ({ messageId } = await deps.sms.send({ ...sms, tags: { tenant: tenantId, invoice: invoice.id, client: client.id, step: record.stepId, group: String(members.length) } }));
  } catch (error) {
    metrics.reminderFailed();
    const outcomes: ReminderOutcome[] = [];
    for (const m of members) outcomes.push(await recordFailure(deps, m.ctx, { ...m.record, channel: 'sms' }, { now, today, gap }, error));
    return outcomes[0]!;
  }
  metrics.reminderSent();
  // One text, every member recorded with its id in one write, or none (all left `sending`, then `unknown_outcome`).
  await deps.steps.finishGroupSend(
    tenantId,
    members.map((m) => ({
      invoiceId: m.ctx.invoice.id,
      ref: m.record,
      dueDate: m.ctx.invoice.dueDate,
      event: { type: 'sms.sent', data: { stepId: m.record.stepId, plan: m.record.plan, templateId: m.record.templateId, messageId, to, grouped: numbers } },
    })),
    { at, messageId, recipients: [to] },
  );
  return { outcome: 'sent', messageId, stepId: record.stepId, grouped: members.map((x) => x.ctx.invoice.id) };
};

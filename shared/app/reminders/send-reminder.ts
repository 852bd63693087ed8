import type { ReminderTemplate } from '../../domain/default-templates.js';
import { attachmentFileName } from '../../domain/attachment-name.js';
import { addDays, localDate } from '../../domain/dates.js';
import { remindedOn, reminderSlot } from '../../domain/reminder-slot.js';
import { gapWindow } from '../../domain/client-gap.js';
import { SEND_LEASE_MS, type StepRef } from '../../domain/reminder-steps.js';
import { nextSendDay, sendInstant, type SendCalendar } from '../../domain/send-calendar.js';
import { EMAIL_FIRST_DELAY_MS, isInSmsWindow, nextSmsSlot } from '../../domain/sms-window.js';
import { templateRefusalFor } from '../../domain/penalty-mentions.js';
import { localDateTimeOf } from '../../domain/zoned-time.js';
import type { Clock, InvoiceRepository, Mailer, PdfRenderer, ReminderInput, SmsSender, TenantDocuments } from '../ports.js';
import { SmsOptedOutError } from '../ports.js';
import { composeSms, smsRecipient } from './compose-sms.js';
import { produceLetter, produceLetterWithSameDaySteps } from './letter-step.js';
import { letterGapHolder } from '../../domain/letter.js';
import type { ClientGapClaim, NewStepRecord, ReminderStepRepository, StepRecordItem } from '../ports/reminder-steps.js';
import { composeReminder, creditNotesOf, depositsSettledOf, paymentsOf, resolveTemplate, withDepositsSettled } from './compose-reminder.js';
import type { PortalLinks } from '../portal/portal-links.js';
import { noMetrics, type Metrics } from '../metrics.js';
import { alertOwner } from './owner-alert.js';
import { retryAfterFailure } from './failure-retry.js';
import { gatherSameDaySteps, sendSmsWithSameDaySteps, sendWithSameDaySteps } from './grouped-send.js';
import { isEscalation } from '../../domain/escalation.js';
import { compareSendRank, rankDate, type SendRank } from '../../domain/grouped-reminder.js';
import { channelOf } from '../../domain/scenario.js';
import { channelBlock } from '../../domain/client.js';
import { makeMoveToLitigation } from '../litigation.js';
import { activePlan, settlePaymentPlan } from './plan-lifecycle.js';
import { instalmentViews, isPlanStep, nextMissedCheck, planSeqOf } from '../../domain/payment-plan.js';
import { invoiceBalanceCents } from '../../domain/invoice.js';
import { batchDocuments } from '../batch-reads.js';
import { loadSendContext, reminderRecipients, sendCalendarFor, stopReason, type SendContext, type ReminderReadDeps } from './reminder-context.js';

/**
 * What a message about several invoices of a client needs (the sends by hand for a client or a batch,
 * client-reminders): its steps are claimed, recorded and released as a group (StepRecords), so it writes
 * no plan, no single step's claim, no letter.
 */
export interface GroupSendDeps extends ReminderReadDeps {
  readonly templates: TenantDocuments<ReminderTemplate>;
  readonly mailer: Mailer;
  readonly pdf: PdfRenderer;
  readonly clock: Clock;
  /** Gives each reminder email its client-portal link (none without it). */
  readonly portalLinks?: PortalLinks;
  /** Counts sent, skipped (by reason), failed and unknown-outcome reminders; none by default. */
  readonly metrics?: Metrics;
  /** Sends the texts of `sms` steps; without it they are skipped (`sms_unavailable`). */
  readonly sms?: SmsSender;
}

export interface SendReminderDeps extends GroupSendDeps {
  /** A new plan (a payment plan's round), one step's claim and outcome, a letter: DynamoStepRepository. */
  readonly steps: ReminderStepRepository;
  /** A payment plan ended (its instalment missed), an invoice moved to litigation: DynamoInvoiceRepository. */
  readonly invoices: InvoiceRepository;
}

export type ReminderOutcome =
  | { readonly outcome: 'sent'; readonly messageId: string; readonly stepId: string; readonly grouped?: readonly string[] }
  | { readonly outcome: 'to_post'; readonly letterSha256: string; readonly stepId: string; readonly letterId?: string; readonly grouped?: readonly string[] }
  | { readonly outcome: 'skipped'; readonly reason: string; readonly stepId: string }
  | { readonly outcome: 'moved'; readonly reason: string; readonly stepId: string; readonly scheduledAt: string }
  | { readonly outcome: 'ignored'; readonly reason: string; readonly stepId: string }
  | { readonly outcome: 'failed'; readonly reason: string; readonly stepId: string; readonly retryAt?: string }
  | { readonly outcome: 'escalated'; readonly stepId: string }
  | { readonly outcome: 'plan_ended'; readonly reason: string; readonly stepId: string };

/** Rounds of re-reading when the invoice changed between the read and the claim (a payment mid-render). */
const MAX_ROUNDS = 3;

/**
 * The instant the fire acts at: the wall clock, or the schedule's time when later (the local
 * stack's simulated clock runs ahead of the wall clock and replays a month in a second).
 */
export const effectiveNow = (clock: Clock, scheduledTime?: string): Date => {
  const now = clock.now();
  const fired = scheduledTime && !Number.isNaN(Date.parse(scheduledTime)) ? new Date(scheduledTime) : undefined;
  return fired && fired > now ? fired : now;
};

/**
 * A reminder schedule fired (at least once, maybe late, maybe twice). It acts only on the recorded
 * step it names: a step that moved, finished or is being sent is left alone. Otherwise the step is
 * skipped (with why), moved (the client's gap, the invoice's daily slot, an earlier step still
 * pending) or sent: the email is rendered, then one transaction claims the step, re-checks the
 * invoice (a payment during the render wins) and takes the client's gap claim, right before SES.
 */
export const makeSendReminder = (deps: SendReminderDeps) =>
  async (input: ReminderInput & { readonly scheduledTime?: string }): Promise<ReminderOutcome> => {
    const { tenantId, invoiceId, stepId } = input;
    const ref: StepRef = { plan: input.plan, index: input.index };
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const now = effectiveNow(deps.clock, input.scheduledTime);
      // The step's template is read with the client (one request, not two); the send takes it from here.
      const templates = batchDocuments(deps.templates);
      const prefetchTemplate = (_: unknown, records: readonly StepRecordItem[]) => {
        const templateId = records.find((r) => r.plan === ref.plan && r.index === ref.index && r.state === 'scheduled')?.templateId;
        if (templateId && input.kind !== 'plan-check' && input.kind !== 'lease') templates.get(tenantId, templateId).catch(() => undefined);
      };
      const ctx = await loadSendContext(deps, tenantId, invoiceId, prefetchTemplate);
      if (!ctx) return { outcome: 'ignored', reason: 'invoice_not_found', stepId };
      if (input.kind === 'plan-check') return checkPlan(deps, ctx, now);
      const record = ctx.records.find((r) => r.plan === ref.plan && r.index === ref.index);
      if (!record) return { outcome: 'ignored', reason: 'stale', stepId };
      if (input.kind === 'lease' || record.state === 'sending') return checkLease(deps, ctx, record, now);
      if (record.state !== 'scheduled') return { outcome: 'ignored', reason: `already_${record.state}`, stepId };
      if (record.scheduledAt !== input.scheduledAt) return { outcome: 'ignored', reason: 'stale', stepId };
      if (isEscalation(record)) return escalate(deps, ctx, record, now);

      const decision = decide(ctx, record, now);
      if (decision.kind === 'skip') return skip(deps, ctx, record, decision.reason, now);
      if (decision.kind === 'move') return move(deps, ctx, record, decision.date, decision.reason, now);
      if (decision.kind === 'wait') return moveTo(deps, ctx, record, decision.at, decision.reason, now);

      // This fire's reads (the template read with the client above).
      const fire: SendReminderDeps = { ...deps, templates };
      const channel = record.channel ?? 'email';
      let result: ReminderOutcome | 'invoice_changed';
      // The client's email due today goes first; the text then follows the client's gap (moved, or sent after it).
      // A letter, posted by hand, goes last: after the client's email and text due today (the simulation's order).
      const first = channel === 'sms' || channel === 'letter' ? await messageDueFirst(fire, ctx, record, now) : undefined;
      if (first) return moveTo(fire, ctx, record, first.at, first.reason, now);
      // Not grouped: a more overdue invoice of the client due now takes the window; this one goes past the gap it takes.
      if (await outrankingStep(fire, ctx, record, now)) {
        return move(fire, ctx, record, nextSendDay(addDays(localDate(now, ctx.settings.timezone), ctx.settings.minGapDays), sendCalendarFor(ctx.settings, ctx.client)), 'gap', now);
      }
      if (channel === 'sms') {
        // Other invoices of the client with a text due today go in the same text (settings `groupByClient`).
        const grouped = await sendSmsWithSameDaySteps(fire, ctx, record, now, decision.recipients.to[0]!);
        result = grouped === 'single' ? await sendSms(fire, ctx, record, now, decision.recipients.to[0]!) : grouped;
      }
      else if (channel === 'letter') {
        // Other invoices of the client with a letter due today go in the same letter (settings `groupByClient`).
        const grouped = await produceLetterWithSameDaySteps(fire, ctx, record, now);
        result = grouped === 'single' ? await produceLetter(fire, ctx, record, now, gapClaim(ctx, now, letterGapHolder(ctx.invoice.id, { plan: record.plan, index: record.index }))) : grouped;
      }
      else {
        // Other invoices of the client due today go in the same message (settings `groupByClient`).
        const grouped = ctx.settings.groupByClient ? await sendWithSameDaySteps(fire, ctx, record, now, decision.recipients) : 'single';
        result = grouped === 'single' ? await send(fire, ctx, record, now, decision.recipients) : grouped;
      }
      if (result !== 'invoice_changed') return result;
    }
    return { outcome: 'ignored', reason: 'invoice_keeps_changing', stepId };
  };

type Decision =
  | { kind: 'skip'; reason: string }
  | { kind: 'move'; date: string; reason: string }
  | { kind: 'wait'; at: Date; reason: string }
  | { kind: 'send'; recipients: { to: string[]; cc: string[] } };

export const decide = (ctx: SendContext, record: StepRecordItem, now: Date): Decision => {
  const { invoice, settings } = ctx;
  const calendar = sendCalendarFor(settings, ctx.client);
  const today = localDate(now, settings.timezone);
  const stop = stopReason(ctx);
  if (stop) return { kind: 'skip', reason: stop };
  const plan = activePlan(ctx);
  if (isPlanStep(record)) {
    // A plan step goes out only while its plan runs and its instalment still has something due.
    if (!plan || planSeqOf(record) !== plan.seq) return { kind: 'skip', reason: 'plan_ended' };
    const views = instalmentViews(plan, invoiceBalanceCents(invoice), today);
    const instalment = views[record.instalment ?? 0];
    if (!instalment || instalment.dueCents === 0) return { kind: 'skip', reason: 'instalment_paid' };
    // The plan check that ends a missed plan is due (its schedule fires at the same time on AWS, in any order):
    // the plan is over whichever fires first, as the dry run shows (simulation.ts `cancelFrom`).
    const check = nextMissedCheck(views, settings.planMissedDays);
    if (check && sendInstant(check, calendar) <= now) return { kind: 'skip', reason: 'plan_ended' };
  } else if (plan && !record.manual) return { kind: 'skip', reason: 'payment_plan' };
  if (record.beforeDue && today >= dueBoundary(record, invoice)) return { kind: 'skip', reason: 'due_passed' };
  const recipients = recipientsFor(ctx, record);
  if ('skip' in recipients) return { kind: 'skip', reason: recipients.skip };
  // Scenario order: an earlier step still pending (its fire is late) goes first.
  const later = orderMove(ctx, record, now);
  if (later) return { kind: 'move', date: later, reason: 'order' };
  // The invoice's slot: its last reminder dated in the tenant's zone of now, as the claim compares it.
  if (remindedOn(invoice, today, settings.timezone)) return { kind: 'move', date: nextSendDay(addDays(today, 1), calendar), reason: 'same_day' };
  const last = ctx.lastClientMessage?.date;
  if (last && last > addDays(today, -settings.minGapDays)) {
    return { kind: 'move', date: nextSendDay(addDays(last, settings.minGapDays), calendar), reason: 'gap' };
  }
  // A late fire (a retry, a catch-up) never texts at night, on a Sunday or a holiday.
  if (record.channel === 'sms' && !isInSmsWindow(now, calendar)) return { kind: 'wait', at: nextSmsSlot(now, calendar), reason: 'sms_window' };
  return { kind: 'send', recipients };
};

/** A text stops waiting for an email this long past the email's time (a lost or failing fire). */
export const EMAIL_FIRST_PATIENCE_MS = 30 * 60_000;

/**
 * One client, one send day, an email step and an sms step (of two invoices): the email goes first,
 * whichever schedule fires first (on AWS they fire in any order). The text waits a minute past that
 * email's time (reason `email_first`), again while the email is still due, for half an hour at most;
 * its next fire then meets the client's gap like any message: moved past `minGapDays`, or sent the
 * same day when the gap is 0. A letter waits the same way for the client's email and text due that
 * day (`email_first`, or `text_first` when only a text is due): the order email, text, letter that
 * `GET /reminders/simulation` shows (the first fire used to take the client's window). Undefined: no
 * such message of the client still due today.
 */
const messageDueFirst = async (deps: SendReminderDeps, ctx: SendContext, record: StepRecordItem, now: Date): Promise<{ at: Date; reason: 'email_first' | 'text_first' } | undefined> => {
  if (record.manual) return undefined;
  const emails = await gatherSameDaySteps(deps, ctx, now, 'email');
  // A text of the day the 08:00 window still holds counts: the letter waits for it too (the simulation's order).
  const texts = channelOf(record) === 'letter' ? await gatherSameDaySteps(deps, ctx, now, 'sms', true) : [];
  const ahead = [...emails, ...texts];
  if (ahead.length === 0) return undefined;
  const latest = Math.max(...ahead.map((m) => Date.parse(m.record.scheduledAt!)));
  if ((record.reason === 'email_first' || record.reason === 'text_first') && now.getTime() > latest + EMAIL_FIRST_PATIENCE_MS) return undefined;
  // From the minute it fires in (a schedule fires a few milliseconds after its time): a minute past the message, as the simulation shows, not two.
  const fired = Math.floor(now.getTime() / 60_000) * 60_000;
  return { at: new Date(Math.ceil((Math.max(fired, latest) + EMAIL_FIRST_DELAY_MS) / 60_000) * 60_000), reason: emails.length > 0 ? 'email_first' : 'text_first' };
};

/**
 * Settings `groupByClient` off: the client's invoices whose steps fall due in one send window each
 * want their own message, and the client's gap lets one through. The first fire to claim the client
 * used to win (on AWS they fire concurrently), the others moved past the gap, again at the next
 * window: nothing ordered them by lateness. Now the window goes to the highest-ranked step due now
 * (`compareSendRank`: the earliest due date, a plan's reminder its instalment's, then the more advanced
 * step, then the invoice number): this returns another invoice's step of the same channel, due now (scheduled at or before now)
 * and ready to send as its own fire would decide it, that outranks `record`, if any. Its own fire
 * sends it (it finds nothing above it); this one goes past the gap that send takes (ADR 0005).
 *
 * Grouping on, the scenario steps due together go as one message, but a payment plan's reminder is
 * never grouped: it and that message contend for the window the same way (ADR 0006), the message
 * ranking as its best member. A plan's reminder yields to any step that outranks it; a scenario step
 * yields to a plan's reminder that outranks every scenario step of the client due now, its own included.
 * Nothing to do when the gap is 0 (every invoice goes the same day).
 */
export const outrankingStep = async (deps: SendReminderDeps, ctx: SendContext, record: StepRecordItem, now: Date): Promise<StepRecordItem | undefined> => {
  const { invoice, client, settings } = ctx;
  if (settings.minGapDays <= 0 || record.manual) return undefined;
  const grouped = settings.groupByClient;
  const channel = channelOf(record);
  // Grouped, only a payment plan's reminder contends, and plans remind by email (a text or letter of the day goes in one message).
  if (grouped && channel !== 'email') return undefined;
  // A plan's reminder ranks by its instalment's date, the money it speaks of (`rankDate`, ADR 0006 addendum).
  const mine: SendRank = { dueDate: rankDate(record, invoice.dueDate), position: record.index, label: invoice.number ?? invoice.id };
  const ids = (await deps.invoices.openInvoiceIds(invoice.tenantId, client.id)).filter((id) => id !== invoice.id).sort();
  if (ids.length === 0) return undefined;
  const contenders: { record: StepRecordItem; rank: SendRank }[] = [];
  for (let i = 0; i < ids.length; i += RANK_READ_PARALLELISM) {
    const found = await Promise.all(
      ids.slice(i, i + RANK_READ_PARALLELISM).map(async (id): Promise<{ record: StepRecordItem; rank: SendRank } | undefined> => {
        const [other, records] = await Promise.all([deps.invoices.get(invoice.tenantId, id), deps.steps.list(invoice.tenantId, id)]);
        if (!other || other.clientId !== client.id) return undefined;
        const rankOf = (r: StepRecordItem): SendRank => ({ dueDate: rankDate(r, other.dueDate), position: r.index, label: other.number ?? other.id });
        // Cheap test first: not grouped, only a step that would outrank this one is worth deciding.
        const due = records.filter((r) => !r.manual && !isEscalation(r) && r.state === 'scheduled' && channelOf(r) === channel && r.scheduledAt && Date.parse(r.scheduledAt) <= now.getTime() && (grouped || compareSendRank(rankOf(r), mine) < 0));
        const sibling: SendContext = { ...ctx, invoice: other, records };
        const ready = due.find((r) => decide(sibling, r, now).kind === 'send');
        return ready && { record: ready, rank: rankOf(ready) };
      }),
    );
    if (!grouped) {
      const ahead = found.find((c) => c !== undefined);
      if (ahead) return ahead.record;
    }
    contenders.push(...found.filter((c): c is { record: StepRecordItem; rank: SendRank } => c !== undefined));
  }
  if (!grouped) return undefined;
  // This step's side: a plan's reminder alone, a scenario step with the scenario steps its message takes (those of
  // today, gatherSameDaySteps: a late step of an earlier day goes in a message of its own, not in this one).
  const plan = isPlanStep(record);
  const today = localDate(now, ctx.settings.timezone);
  const inMessage = (r: StepRecordItem) => !isPlanStep(r) && localDate(new Date(r.scheduledAt!), ctx.settings.timezone) === today;
  const side = plan ? mine : [mine, ...contenders.filter((c) => inMessage(c.record)).map((c) => c.rank)].reduce((best, r) => (compareSendRank(r, best) < 0 ? r : best));
  return contenders.find((c) => (plan || isPlanStep(c.record)) && compareSendRank(c.rank, side) < 0)?.record;
};

/** Reads of the client's other invoices at once (as grouped-send.ts): under Lambda's connection pool. */
const RANK_READ_PARALLELISM = 8;

/** The send day after the latest earlier step of the same plan still pending (scheduled or being sent), if any. */
const orderMove = (ctx: SendContext, record: StepRecordItem, now: Date): string | undefined => {
  const { timezone } = ctx.settings;
  const today = localDate(now, timezone);
  const earlier = ctx.records.filter((r) => !r.manual && r.plan === record.plan && r.index < record.index && (r.state === 'scheduled' || r.state === 'sending'));
  const latestEarlier = earlier.map((r) => localDate(new Date(r.scheduledAt ?? r.at), timezone)).sort().at(-1);
  return latestEarlier ? nextSendDay(addDays(latestEarlier > today ? latestEarlier : today, 1), sendCalendarFor(ctx.settings, ctx.client)) : undefined;
};

/** Who the step goes to on its channel, or why it cannot go at all. */
const recipientsFor = (ctx: SendContext, record: StepRecordItem): { to: string[]; cc: string[] } | { skip: string } => {
  // No mobile for a text, no postal address for registered post, every address bounced for an email
  // (the daily overview tells the owner the same with `channelBlock`).
  const skip = channelBlock(ctx.client, record.channel);
  if (skip) return { skip };
  if (record.channel === 'sms') return { to: [smsRecipient(ctx.client)!], cc: [] };
  if (record.channel === 'letter') return { to: [], cc: [] };
  return reminderRecipients(ctx.client);
};


/** The step's send instant on `date`: a text keeps to its window (08:00–20:00, no Sunday or holiday). */
export const slotOf = (record: Pick<StepRecordItem, 'channel'>, instant: Date, calendar: SendCalendar): Date =>
  record.channel === 'sms' ? nextSmsSlot(instant, calendar) : instant;

/** The date a before-due step must go before: its instalment's for a payment-plan courtesy step, else the invoice's. */
const dueBoundary = (record: Pick<StepRecordItem, 'instalmentDue'>, invoice: { readonly dueDate: string }): string => record.instalmentDue ?? invoice.dueDate;

/** The plan-check schedule fired: ends the plan if an instalment is missed at the schedule's time. */
const checkPlan = async (deps: SendReminderDeps, ctx: SendContext, now: Date): Promise<ReminderOutcome> => {
  const before = activePlan(ctx);
  const after = await settlePaymentPlan(deps, ctx, now);
  const ended = before && after.invoice.paymentPlan?.status === 'ended' ? after.invoice.paymentPlan.endReason : undefined;
  return ended ? { outcome: 'plan_ended', reason: ended, stepId: 'plan-check' } : { outcome: 'ignored', reason: before ? 'plan_on_track' : 'no_plan', stepId: 'plan-check' };
};

const skip = async (deps: SendReminderDeps, ctx: SendContext, record: StepRecordItem, reason: string, now: Date): Promise<ReminderOutcome> => {
  const at = now.toISOString();
  const { tenantId, id } = ctx.invoice;
  if (await deps.steps.transition(tenantId, id, record, { state: 'scheduled', scheduledAt: record.scheduledAt! }, { state: 'skipped', reason, at })) {
    await deps.invoices.appendEvents(tenantId, id, [{ at, type: 'reminder.skipped', data: { stepId: record.stepId, plan: record.plan, reason } }]);
    (deps.metrics ?? noMetrics).reminderSkipped(reason);
  }
  return { outcome: 'skipped', reason, stepId: record.stepId };
};

const move = (deps: SendReminderDeps, ctx: SendContext, record: StepRecordItem, date: string, reason: string, now: Date): Promise<ReminderOutcome> => {
  const calendar = sendCalendarFor(ctx.settings, ctx.client);
  return moveTo(deps, ctx, record, slotOf(record, sendInstant(date, calendar), calendar), reason, now);
};

const moveTo = async (deps: SendReminderDeps, ctx: SendContext, record: StepRecordItem, instant: Date, reason: string, now: Date): Promise<ReminderOutcome> => {
  const calendar = sendCalendarFor(ctx.settings, ctx.client);
  // A before-due step that would move onto the due date is skipped instead.
  if (record.beforeDue && localDate(instant, calendar.timeZone) >= dueBoundary(record, ctx.invoice)) return skip(deps, ctx, record, 'due_passed', now);
  const at = now.toISOString();
  const scheduledAt = instant.toISOString();
  const { tenantId, id } = ctx.invoice;
  const moved = await deps.steps.transition(
    tenantId,
    id,
    record,
    { state: 'scheduled', scheduledAt: record.scheduledAt! },
    { state: 'scheduled', scheduledAt, localTime: localDateTimeOf(instant, calendar.timeZone), reason, at },
  );
  if (moved) await deps.invoices.appendEvents(tenantId, id, [{ at, type: 'reminder.rescheduled', data: { stepId: record.stepId, plan: record.plan, from: record.scheduledAt, scheduledAt, reason } }]);
  return { outcome: 'moved', reason, stepId: record.stepId, scheduledAt };
};

/**
 * The client's gap claim for a send at `now`; `force` (an owner's manual send) ignores the gap. Its condition bounds
 * the last message's instant by the start of a day in the tenant's zone of now, as `decide` and the planner date it.
 */
export const gapClaim = (ctx: SendContext, now: Date, holder: string, force = false): ClientGapClaim => {
  const { timezone, minGapDays } = ctx.settings;
  const date = localDate(now, timezone);
  return { clientId: ctx.client.id, date, at: now.toISOString(), holder, ...(force ? {} : { window: gapWindow(date, minGapDays, timezone) }) };
};

const send = async (
  deps: SendReminderDeps,
  ctx: SendContext,
  record: StepRecordItem,
  now: Date,
  recipients: { to: string[]; cc: string[] },
): Promise<ReminderOutcome | 'invoice_changed'> => {
  const { invoice, client, settings } = ctx;
  const at = now.toISOString();
  const today = localDate(now, settings.timezone);
  const [stepTemplate, payments, creditNotes, depositsSettled] = await Promise.all([
    resolveTemplate(deps.templates, invoice.tenantId, record.templateId, client.language),
    paymentsOf(deps.invoices, invoice),
    creditNotesOf(deps.invoices, invoice),
    depositsSettledOf(deps.invoices, invoice),
  ]);
  // Last safeguard (the scenario and template routes already refuse this): no penalty text to a consumer.
  if (templateRefusalFor(client.kind, stepTemplate)) return skip(deps, ctx, record, 'template_mentions_penalties', now);
  // Up to its due date an invoice is not late: a firmer step a scenario puts there (a mise en demeure at
  // J-3, "échue" at J-0) goes out in the courtesy template, as a manual or grouped reminder does. A
  // payment plan's steps speak of their instalment, not of the invoice's due date: they keep theirs.
  const template = !isPlanStep(record) && invoice.dueDate >= today && stepTemplate.tone !== 'courtesy'
    ? await resolveTemplate(deps.templates, invoice.tenantId, client.kind === 'consumer' ? 'courtesy-consumer' : 'courtesy', client.language)
    : stepTemplate;
  const plan = invoice.paymentPlan;
  const email = await composeReminder(
    { invoice, client, settings, payments, creditNotes, ...withDepositsSettled(depositsSettled), template, asOf: now, ...(await portalUrlOf(deps, invoice)), ...(plan ? { plan: { plan, ...(isPlanStep(record) ? { instalment: record.instalment ?? 0 } : {}) } } : {}) },
    deps.pdf,
    recipients.to,
    recipients.cc,
  );
  const gap = gapClaim(ctx, now, `${invoice.id}/${record.plan}.${record.index}`);
  const claim = await deps.steps.claimSend(
    invoice.tenantId,
    invoice.id,
    { ref: record, expectedScheduledAt: record.scheduledAt!, leaseUntil: new Date(now.getTime() + SEND_LEASE_MS).toISOString(), at },
    { paidCents: invoice.paidCents, creditedCents: invoice.creditedCents, ...reminderSlot(today, settings.timezone), at },
    gap,
  );
  // Whatever changed (a duplicate fire took the step, a payment, another reminder today, the client's
  // gap taken meanwhile), the next round re-reads and decides again.
  if (!claim.ok) return 'invoice_changed';
  return deliverClaimed(deps, ctx, record, { email, template, now, today, gap, recipients });
};

/** Sends a claimed step's email and records the outcome; a failure releases the claims and schedules a retry. */
export const deliverClaimed = async (
  deps: SendReminderDeps,
  ctx: SendContext,
  record: Pick<StepRecordItem, 'plan' | 'index' | 'stepId' | 'attempts' | 'firstFailedAt' | 'manual' | 'beforeDue' | 'instalmentDue' | 'scheduledAt'>,
  send: {
    email: Awaited<ReturnType<typeof composeReminder>>;
    template: ReminderTemplate;
    now: Date;
    today: string;
    gap: ClientGapClaim;
    recipients: { to: string[]; cc: string[] };
  },
): Promise<ReminderOutcome> => {
  const { invoice, client } = ctx;
  const { tenantId, id } = invoice;
  let messageId: string;
  try {
    ({ messageId } = await deps.mailer.send({ ...send.email, tags: { tenant: tenantId, invoice: id, client: client.id, step: record.stepId } }));
  } catch (error) {
    (deps.metrics ?? noMetrics).reminderFailed();
    return recordFailure(deps, ctx, record, send, error);
  }
  (deps.metrics ?? noMetrics).reminderSent();
  // A crash here leaves the step `sending`: its lease check marks it `unknown_outcome`, never a resend.
  const at = send.now.toISOString();
  await deps.steps.finishSend(tenantId, id, record, {
    at,
    messageId,
    recipients: [...send.recipients.to, ...send.recipients.cc],
    dueDate: invoice.dueDate,
    event: {
      type: 'reminder.sent',
      data: {
        stepId: record.stepId,
        templateId: send.template.id,
        messageId,
        to: send.recipients.to.join(', '),
        attachments: send.email.attachments?.map((a) => attachmentFileName(a.fileName)) ?? [],
        ...(record.manual ? { manual: true } : { plan: record.plan }),
      },
    },
  });
  return { outcome: 'sent', messageId, stepId: record.stepId };
};

/** The email was not sent: gives back the claims, schedules a retry (or fails for good and tells the owner). */
export const recordFailure = async (
  deps: GroupSendDeps,
  ctx: SendContext,
  record: Pick<StepRecordItem, 'plan' | 'index' | 'stepId' | 'attempts' | 'firstFailedAt' | 'manual' | 'channel' | 'beforeDue' | 'instalmentDue' | 'scheduledAt'>,
  send: { now: Date; today: string; gap: ClientGapClaim },
  error: unknown,
): Promise<ReminderOutcome> => {
  const { tenantId, id } = ctx.invoice;
  const at = send.now.toISOString();
  const lastError = error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : 'unknown error';
  // A number that opted out (STOP) refuses every retry too: the step fails now and the owner is told the same day.
  const optedOut = error instanceof SmsOptedOutError;
  const [firstFailedAt, retry, calendar] = retryAfterFailure(ctx, record, send.now, optedOut);
  await deps.steps.releaseSend(
    tenantId,
    id,
    record,
    { today: send.today, gap: send.gap, ...(ctx.invoice.lastReminderAt ? { previousReminderAt: ctx.invoice.lastReminderAt } : {}) },
    retry
      ? { state: 'scheduled', at, scheduledAt: retry.toISOString(), localTime: localDateTimeOf(retry, calendar.timeZone), reason: 'retry', lastError, firstFailedAt }
      : { state: 'failed', at, reason: optedOut ? 'sms_opted_out' : 'send_failed', lastError, firstFailedAt },
  );
  await deps.invoices.appendEvents(tenantId, id, [
    { at, type: 'reminder.failed', data: { stepId: record.stepId, error: lastError, ...(retry ? { retryAt: retry.toISOString() } : { final: true }) } },
  ]);
  if (!retry && !record.manual) await alertOwner(deps, ctx, 'send_failed', record.stepId, send.now, optedOut ? 'sms_opted_out' : undefined);
  return { outcome: 'failed', reason: retry ? 'retry' : optedOut ? 'sms_opted_out' : 'send_failed', stepId: record.stepId, ...(retry ? { retryAt: retry.toISOString() } : {}) };
};

/**
 * The escalation step fired: nothing is sent. The step is claimed first (`scheduled → done`, so a
 * duplicate fire does nothing), then the invoice moves to `litigation` unless it was settled
 * meanwhile (the move re-checks it). The owner hears of it from the `invoice.litigation` event.
 */
const escalate = async (deps: SendReminderDeps, ctx: SendContext, record: StepRecordItem, now: Date): Promise<ReminderOutcome> => {
  const stop = stopReason(ctx) ?? (activePlan(ctx) ? 'payment_plan' : undefined);
  if (stop) return skip(deps, ctx, record, stop, now);
  // Litigation comes after the reminders it follows: one still pending (a late fire, a retry, a
  // send whose outcome is not known yet) goes first, and the escalation waits a send day behind it.
  const later = orderMove(ctx, record, now);
  if (later) return move(deps, ctx, record, later, 'order', now);
  const { tenantId, id } = ctx.invoice;
  const at = now.toISOString();
  const claimed = await deps.steps.transition(tenantId, id, record, { state: 'scheduled', scheduledAt: record.scheduledAt! }, { state: 'done', reason: 'litigation', at });
  if (!claimed) return { outcome: 'ignored', reason: 'stale', stepId: record.stepId };
  await makeMoveToLitigation({ invoices: deps.invoices, settings: deps.settings, clock: { now: () => now } })(tenantId, id, { auto: true, stepId: record.stepId, plan: record.plan });
  return { outcome: 'escalated', stepId: record.stepId };
};

/** A step still `sending` after its lease was caught between SES and the table: never resent, always told. */
const checkLease = async (deps: SendReminderDeps, ctx: SendContext, record: StepRecordItem, now: Date): Promise<ReminderOutcome> => {
  if (record.state !== 'sending') return { outcome: 'ignored', reason: `already_${record.state}`, stepId: record.stepId };
  if (!record.leaseUntil || Date.parse(record.leaseUntil) > now.getTime()) return { outcome: 'ignored', reason: 'in_flight', stepId: record.stepId };
  const at = now.toISOString();
  const { tenantId, id } = ctx.invoice;
  if (await deps.steps.transition(tenantId, id, record, { state: 'sending' }, { state: 'failed', reason: 'unknown_outcome', at, leaseUntil: undefined })) {
    await deps.invoices.appendEvents(tenantId, id, [{ at, type: 'reminder.failed', data: { stepId: record.stepId, reason: 'unknown_outcome' } }]);
    await alertOwner(deps, ctx, 'unknown_outcome', record.stepId, now);
    (deps.metrics ?? noMetrics).reminderOutcomeUnknown();
  }
  return { outcome: 'failed', reason: 'unknown_outcome', stepId: record.stepId };
};

/** An sms step: the text is composed, then claimed like an email, then handed to the SMS provider. */
const sendSms = async (deps: SendReminderDeps, ctx: SendContext, record: StepRecordItem, now: Date, to: string): Promise<ReminderOutcome | 'invoice_changed'> => {
  const { invoice, client, settings } = ctx;
  if (!deps.sms) return skip(deps, ctx, record, 'sms_unavailable', now);
  const [template, payments, creditNotes, depositsSettled] = await Promise.all([
    resolveTemplate(deps.templates, invoice.tenantId, record.templateId, client.language),
    paymentsOf(deps.invoices, invoice),
    creditNotesOf(deps.invoices, invoice),
    depositsSettledOf(deps.invoices, invoice),
  ]);
  if (templateRefusalFor(client.kind, template)) return skip(deps, ctx, record, 'template_mentions_penalties', now);
  const sms = composeSms({ invoice, client, settings, payments, creditNotes, ...withDepositsSettled(depositsSettled), template, asOf: now }, to);
  const at = now.toISOString();
  const today = localDate(now, settings.timezone);
  const gap = gapClaim(ctx, now, `${invoice.id}/${record.plan}.${record.index}`);
  const claim = await deps.steps.claimSend(
    invoice.tenantId,
    invoice.id,
    { ref: record, expectedScheduledAt: record.scheduledAt!, leaseUntil: new Date(now.getTime() + SEND_LEASE_MS).toISOString(), at },
    { paidCents: invoice.paidCents, creditedCents: invoice.creditedCents, ...reminderSlot(today, settings.timezone), at },
    gap,
  );
  if (!claim.ok) return 'invoice_changed';
  let messageId: string;
  try {
    ({ messageId } = await deps.sms.send({ ...sms, tags: { tenant: invoice.tenantId, invoice: invoice.id, client: client.id, step: record.stepId } }));
  } catch (error) {
    (deps.metrics ?? noMetrics).reminderFailed();
    return recordFailure(deps, ctx, record, { now, today, gap }, error);
  }
  (deps.metrics ?? noMetrics).reminderSent();
  await deps.steps.finishSend(invoice.tenantId, invoice.id, record, {
    at, messageId, recipients: [to], dueDate: invoice.dueDate,
    event: { type: 'sms.sent', data: { stepId: record.stepId, plan: record.plan, templateId: template.id, messageId, to } },
  });
  return { outcome: 'sent', messageId, stepId: record.stepId };
};

export type { NewStepRecord };

/** A fresh portal link for this email, when the invoice has links on. */
export const portalUrlOf = async (deps: Pick<SendReminderDeps, 'portalLinks'>, invoice: Parameters<PortalLinks['issue']>[0]): Promise<{ portalUrl?: string }> => {
  const portalUrl = await deps.portalLinks?.issue(invoice);
  return portalUrl ? { portalUrl } : {};
};

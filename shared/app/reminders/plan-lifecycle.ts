/**
 * The engine's side of payment plans (shared/domain/payment-plan.ts): ending a plan when the
 * invoice is paid or an instalment is missed, and recording the plan's own reminder steps.
 * Called by the reconciler (on every change of the invoice) and by the plan-check schedule
 * (at the day an unpaid instalment becomes missed, with the schedule's time as `now`).
 */
import { localDate } from '../../domain/dates.js';
import { invoiceBalanceCents } from '../../domain/invoice.js';
import {
  endedPlan,
  instalmentViews,
  isPlanStep,
  nextMissedCheck,
  planEnd,
  planInstalmentSteps,
  planSeqOf,
  planStepKey,
  planStepsNumber,
  PLAN_STEPS_BASE,
  PLAN_TEMPLATES,
  replanPlanSteps,
  type PaymentPlan,
} from '../../domain/payment-plan.js';
import { isTerminal } from '../../domain/reminder-steps.js';
import { sendInstant } from '../../domain/send-calendar.js';
import { ConflictError } from '../errors.js';
import type { InvoiceRepository, TimelineRecord } from '../ports.js';
import type { NewStepRecord, ReminderStepRepository, StepRecordItem } from '../ports/reminder-steps.js';
import { sendCalendarFor, type ReminderContext, type SendContext } from './reminder-context.js';

/** The invoice's active plan, if any. */
export const activePlan = (ctx: Pick<ReminderContext, 'invoice'>): PaymentPlan | undefined =>
  ctx.invoice.paymentPlan?.status === 'active' ? ctx.invoice.paymentPlan : undefined;

/**
 * Ends the active plan if it must end at `now` (paid, cancelled, an instalment missed by more
 * than `planMissedDays`), with its timeline events. Returns the invoice's fresh context when it
 * wrote, else `ctx`. A concurrent write wins: the stream brings the invoice back here anyway.
 */
export const settlePaymentPlan = async <C extends SendContext>(
  deps: { readonly invoices: InvoiceRepository },
  ctx: C,
  now: Date,
): Promise<C> => {
  const plan = activePlan(ctx);
  if (!plan) return ctx;
  const today = localDate(now, ctx.settings.timezone);
  const end = planEnd(plan, { status: ctx.invoice.status, balanceCents: invoiceBalanceCents(ctx.invoice) }, today, ctx.settings.planMissedDays);
  if (!end) return ctx;
  const at = now.toISOString();
  const events: TimelineRecord[] = [
    // `held`: nothing resumes after the plan (the invoice in litigation, disputed, or paused: until its date if it has one): the owner is told so.
    ...(end.missed ? [{ at, type: 'instalment.missed', data: { dueDate: end.missed.dueDate, instalment: end.missed.index, dueCents: end.missed.dueCents, ...heldOf(ctx.invoice) } }] : []),
    { at, type: 'plan.ended', data: { seq: plan.seq, reason: end.reason } },
  ];
  try {
    await deps.invoices.save({ ...ctx.invoice, paymentPlan: endedPlan(plan, end.reason, at), updatedAt: at }, { events });
  } catch (error) {
    if (error instanceof ConflictError) return ctx;
    throw error;
  }
  const invoice = await deps.invoices.get(ctx.invoice.tenantId, ctx.invoice.id);
  return invoice ? { ...ctx, invoice } : ctx;
};

/** Why no reminder resumes when the plan ends, if so: a pause resumes them only when lifted, or on its date (`until`). */
const heldOf = (invoice: SendContext['invoice']): { held?: 'litigation' | 'disputed' | 'paused'; until?: string } =>
  invoice.status === 'litigation' ? { held: 'litigation' }
  : invoice.disputed ? { held: 'disputed' }
  : invoice.remindersPaused ? { held: 'paused', ...(invoice.pausedUntil ? { until: invoice.pausedUntil } : {}) }
  : {};

/** The recorded steps of one payment plan (all its rounds). */
const stepsOfPlan = (records: readonly StepRecordItem[], seq: number) => records.filter((r) => isPlanStep(r) && planSeqOf(r) === seq);

/**
 * Stops after which the plan's steps start again (a new round) once the cause clears: litigation
 * too, when the owner takes the invoice back with its plan still running (else the plan would run
 * on with no reminder at all).
 */
const REENTRANT = new Set(['paused', 'disputed', 'opt_out', 'program_off', 'complained', 'paid', 'litigation']);

/**
 * The active plan's steps to record now, if its current round is over because of a stop that
 * has cleared (or it has none yet): the steps of instalments still unpaid, minus those already
 * sent in an earlier round. Also when the live round left out an instalment paid then, owed again
 * since (the payment removed: a cheque that bounced): a new round takes it in, else it would go
 * unreminded until the plan ends missed.
 */
export const newPlanRound = (ctx: ReminderContext, plan: PaymentPlan, now: Date): NewStepRecord[] => {
  const mine = stepsOfPlan(ctx.records, plan.seq);
  const round = mine.length === 0 ? 0 : Math.max(...mine.map((r) => r.plan)) - planStepsNumber(plan) + 1;
  const live = mine.filter((r) => r.plan === planStepsNumber(plan, round - 1));
  const stopped = live.every((r) => isTerminal(r.state)) && live.some((r) => r.state === 'cancelled' && REENTRANT.has(r.reason ?? ''));
  const today = localDate(now, ctx.settings.timezone);
  const views = instalmentViews(plan, invoiceBalanceCents(ctx.invoice), today);
  const paid = new Set(views.flatMap((v, i) => (v.dueCents === 0 ? [i] : [])));
  const done = new Set(mine.filter((r) => r.state === 'sent' || r.state === 'sending').map((r) => planStepKey(r.instalment ?? 0, r.planStep ?? 'late')));
  if (mine.length > 0 && !stopped) {
    // A stop still on (a pause, a dispute…) holds every step: nothing to add until it clears.
    if (live.some((r) => r.state === 'cancelled' && REENTRANT.has(r.reason ?? ''))) return [];
    const inRound = new Set(live.map((r) => planStepKey(r.instalment ?? 0, r.planStep ?? 'late')));
    const owedAgain = plan.instalments.some((_, i) => !paid.has(i) && (['courtesy', 'late'] as const).some((k) => !inRound.has(planStepKey(i, k)) && !done.has(planStepKey(i, k))));
    if (!owedAgain) return [];
  }
  const at = now.toISOString();
  return planInstalmentSteps({
    plan,
    round,
    paid,
    done,
    calendar: sendCalendarFor(ctx.settings, ctx.client),
    now,
    courtesyDays: ctx.settings.planCourtesyDays,
    lateDays: ctx.settings.planLateDays,
  }).map((s) => ({ ...s, at }));
};

/** The stop reasons of an invoice with nothing left to claim. */
const CLOSED: ReadonlySet<string> = new Set(['paid', 'cancelled', 'written_off']);

/** Scenario steps only (not manual, not a payment plan's). */
export const isScenarioStep = (r: Pick<StepRecordItem, 'manual' | 'plan'>): boolean => !r.manual && r.plan > 0 && r.plan < PLAN_STEPS_BASE;

/**
 * Records the active plan's steps when due (see newPlanRound), and cancels pending steps of plans
 * that ended or of an earlier round. Returns the timeline events of what it wrote.
 */
export const settlePlanSteps = async (
  deps: { readonly steps: ReminderStepRepository },
  ctx: ReminderContext,
  now: Date,
  stop: string | undefined,
): Promise<TimelineRecord[]> => {
  const { tenantId, id } = ctx.invoice;
  const at = now.toISOString();
  const events: TimelineRecord[] = [];
  const plan = activePlan(ctx);
  const current = plan && Math.max(planStepsNumber(plan), ...stepsOfPlan(ctx.records, plan.seq).map((r) => r.plan));
  for (const r of ctx.records) {
    if (!isPlanStep(r) || r.state !== 'scheduled') continue;
    // An ended plan's steps: cancelled `plan_ended`, or like any step of an invoice that closed (paid, cancelled, written off).
    const reason = r.plan !== current ? (stop && CLOSED.has(stop) ? stop : 'plan_ended') : stop;
    if (!reason) continue;
    if (await deps.steps.transition(tenantId, id, r, { state: 'scheduled', ...(r.scheduledAt ? { scheduledAt: r.scheduledAt } : {}) }, { state: 'cancelled', reason, at })) {
      events.push({ at, type: 'reminder.cancelled', data: { stepId: r.stepId, plan: r.plan, reason } });
    }
  }
  if (!plan || stop) return events;
  const steps = newPlanRound(ctx, plan, now);
  if (steps.length === 0) {
    // The live round's pending steps follow the send calendar (send hour, time zone, weekends, holidays),
    // as the scenario's do (reconcile-schedules `replanScheduled`): a settings change moves them too.
    const live = ctx.records.filter((r) => isPlanStep(r) && r.plan === current);
    for (const change of replanPlanSteps({ calendar: sendCalendarFor(ctx.settings, ctx.client), now }, live)) {
      const r = live.find((x) => x.index === change.ref.index)!;
      const next =
        change.kind === 'move'
          ? { state: 'scheduled' as const, scheduledAt: change.scheduledAt, localTime: change.localTime, at }
          : { state: 'skipped' as const, reason: change.reason, at, scheduledAt: undefined, localTime: undefined };
      if (await deps.steps.transition(tenantId, id, r, { state: 'scheduled', scheduledAt: change.from }, next)) {
        events.push(
          change.kind === 'move'
            ? { at, type: 'reminder.rescheduled', data: { stepId: r.stepId, plan: r.plan, from: change.from, scheduledAt: change.scheduledAt } }
            : { at, type: 'reminder.skipped', data: { stepId: r.stepId, plan: r.plan, reason: change.reason } },
        );
      }
    }
    return events;
  }
  if (await deps.steps.createPlan(tenantId, id, steps)) {
    // The round it replaces, when it still had steps to send (an instalment owed again): they go again in the new one.
    for (const r of stepsOfPlan(ctx.records, plan.seq)) {
      if (r.state !== 'scheduled') continue;
      if (await deps.steps.transition(tenantId, id, r, { state: 'scheduled', ...(r.scheduledAt ? { scheduledAt: r.scheduledAt } : {}) }, { state: 'cancelled', reason: 'replanned', at })) {
        events.push({ at, type: 'reminder.cancelled', data: { stepId: r.stepId, plan: r.plan, reason: 'replanned' } });
      }
    }
    for (const s of steps) {
      events.push(
        s.state === 'scheduled'
          ? { at, type: 'reminder.scheduled', data: { stepId: s.stepId, plan: s.plan, templateId: s.templateId, scheduledAt: s.scheduledAt } }
          : { at, type: 'reminder.skipped', data: { stepId: s.stepId, plan: s.plan, reason: s.reason } },
      );
    }
  }
  return events;
};

/** When the plan check must fire (an unpaid instalment becomes missed that day, at the send hour), if later than `now`. */
export const planCheckAt = (ctx: ReminderContext, now: Date): Date | undefined => {
  const plan = activePlan(ctx);
  if (!plan) return undefined;
  const today = localDate(now, ctx.settings.timezone);
  const date = nextMissedCheck(instalmentViews(plan, invoiceBalanceCents(ctx.invoice), today), ctx.settings.planMissedDays);
  const at = date && sendInstant(date, sendCalendarFor(ctx.settings, ctx.client));
  return at && at > now ? at : undefined;
};

/**
 * What a reminder sent by hand defaults to while a payment plan runs: the plan's next reminder
 * (its template and instalment), else the late or courtesy one as the instalments stand. The
 * scenario's pick (as late as the invoice) would send a mise en demeure for the whole balance to a
 * client keeping to the plan. Undefined without a running plan.
 */
export const planManualDefault = (
  ctx: Pick<ReminderContext, 'invoice' | 'records'>,
  today: string,
): { readonly templateId: string; readonly instalment: number; readonly step?: StepRecordItem } | undefined => {
  const plan = activePlan(ctx);
  if (!plan) return undefined;
  const step = ctx.records.find((r) => !r.manual && isPlanStep(r) && planSeqOf(r) === plan.seq && r.state === 'scheduled');
  const views = instalmentViews(plan, invoiceBalanceCents(ctx.invoice), today);
  const view = step ? views[step.instalment ?? 0] : undefined;
  if (step && view && view.dueCents > 0) {
    // Before its instalment's date, the late reminder would say "not received" too early: the courtesy one until then.
    const early = step.templateId === PLAN_TEMPLATES.late && view.status !== 'late';
    return { templateId: early ? PLAN_TEMPLATES.courtesy : step.templateId, instalment: step.instalment ?? 0, step };
  }
  return { templateId: views.some((v) => v.status === 'late') ? PLAN_TEMPLATES.late : PLAN_TEMPLATES.courtesy, instalment: Math.max(0, views.findIndex((v) => v.dueCents > 0)) };
};

/**
 * A plan reminder the owner names by hand (`instalment-late` or `instalment-courtesy`, either language), fitted to the plan
 * today as an invoice's firmer template before its due date gives way to the courtesy one: the late one says an instalment
 * "ne nous est pas parvenue", so it is about the first instalment late, and while none is late the courtesy one about the
 * next instalment goes instead; the courtesy one says an instalment "arrive le" its date, so about an instalment whose date
 * passed with something due the late one goes. Undefined for any other template (the owner's own keep his words), or
 * without a running plan.
 */
export const fitPlanTemplate = (
  ctx: Pick<ReminderContext, 'invoice' | 'records'>,
  today: string,
  named: string,
): { readonly templateId: string; readonly instalment: number } | undefined => {
  const plan = activePlan(ctx);
  const kind = new RegExp(`^${PLAN_TEMPLATES.late}(-en)?$`).test(named) ? 'late' : new RegExp(`^${PLAN_TEMPLATES.courtesy}(-en)?$`).test(named) ? 'courtesy' : undefined;
  if (!plan || !kind) return undefined;
  const suffix = named.endsWith('-en') ? '-en' : '';
  const views = instalmentViews(plan, invoiceBalanceCents(ctx.invoice), today);
  const about = planManualDefault(ctx, today)?.instalment ?? 0;
  if (kind === 'late') {
    const firstLate = views.findIndex((v) => v.status === 'late');
    return firstLate >= 0 ? { templateId: named, instalment: firstLate } : { templateId: `${PLAN_TEMPLATES.courtesy}${suffix}`, instalment: about };
  }
  return views[about]?.status === 'late' ? { templateId: `${PLAN_TEMPLATES.late}${suffix}`, instalment: about } : { templateId: named, instalment: about };
};

import { courtesyCanGoAgain, GROUP_SENT, isTerminal, MANUAL_SENT, planNewSteps, replanScheduled, type PlannedStepRecord, type StepPlanInput } from '../../domain/reminder-steps.js';
import { localDateTimeOf } from '../../domain/zoned-time.js';
import { invoiceBalanceCents, isOpen } from '../../domain/invoice.js';
import { addDays, localDate } from '../../domain/dates.js';
import { nextSendDay, sendInstant, sendLocalTime } from '../../domain/send-calendar.js';
import { ESCALATE_STEP_ID, ESCALATE_TEMPLATE_ID, isEscalation } from '../../domain/escalation.js';
import type { Clock, InvoiceRepository, ReminderScheduler, ScheduleDefinition, SettingsRepository, TimelineRecord } from '../ports.js';
import { countSkipped, type Metrics } from '../metrics.js';
import type { LeaseStep } from './stream-targets.js';
import type { ReminderStepRepository, StepRecordItem } from '../ports/reminder-steps.js';
import { stepsSentByHand, stepsSentInGroup, withManualCoverage } from './manual-coverage.js';
import { releaseWithdrawnLetterGap } from './letter-gap.js';
import { activePlan, isScenarioStep, planCheckAt, settlePaymentPlan, settlePlanSteps } from './plan-lifecycle.js';
import { loadReminderContext, pauseEndsAt, resumeScheduleName, scheduleName, schedulePrefix, sendCalendarFor, stopReason, type ReminderContext, type ReminderReadDeps } from './reminder-context.js';

export interface ReconcileDeps extends ReminderReadDeps {
  /** It records plans (and produces a letter again without an invoice withdrawn from it): DynamoStepRepository. */
  readonly steps: ReminderStepRepository;
  readonly scheduler: ReminderScheduler;
  readonly invoices: InvoiceRepository;
  readonly clock: Clock;
  /** Counts the steps it records `skipped` (a plan's past courtesy step, those a manual or grouped message stood for); none by default. */
  readonly metrics?: Metrics;
}

export interface ReconcileResult {
  readonly created: string[];
  readonly deleted: string[];
}

/**
 * Stops after which the invoice re-enters its plan once the cause clears (a removed payment, a
 * resume…, a payment plan that ended without being paid: the escalation resumes where it stood;
 * litigation taken back by the owner), and `replanned`: the scenario's steps changed (edited, or
 * its scenario deleted and another one applies), the steps it no longer has were cancelled and a
 * new plan holds the new scenario's steps after the last one sent (else the invoice would stay
 * without any reminder).
 */
const REENTRANT = new Set(['paid', 'paused', 'disputed', 'opt_out', 'program_off', 'complained', 'payment_plan', 'litigation', 'replanned', 'due_date_moved']);

export const stepPlanInput = (ctx: ReminderContext, now: Date): StepPlanInput => ({
  scenario: ctx.scenario,
  dueDate: ctx.invoice.dueDate,
  calendar: sendCalendarFor(ctx.settings, ctx.client),
  now,
  minGapDays: ctx.settings.minGapDays,
  graceDaysAfterPayment: ctx.settings.graceDaysAfterPayment,
  ...(ctx.invoice.lastPaymentAt ? { lastPaymentAt: ctx.invoice.lastPaymentAt } : {}),
  ...(ctx.lastClientMessage ? { lastMessageToClientAt: ctx.lastClientMessage.at } : {}),
});

/**
 * Brings the invoice's recorded plan up to date, then makes the Scheduler hold exactly one
 * schedule per `scheduled` step (and a lease check per step left `sending`). Runs on every
 * change of the invoice or its steps (the stream), idempotent, and safe against a concurrent run:
 * every step write is conditional on the state it read.
 *
 * - invoice paid, cancelled, paused, disputed, client opted out or program off: pending steps are
 *   `cancelled` with that reason;
 * - invoice open with no live plan (first send, import, or after such a stop cleared): a new plan
 *   is computed once and recorded (missed before-due steps `skipped: due_passed`);
 * - otherwise the pending steps are re-planned (due date, calendar, grace after a payment, the
 *   client's last message), never before an earlier step.
 */
export const makeReconcileSchedules = (deps: ReconcileDeps) =>
  async (tenantId: string, invoiceId: string): Promise<ReconcileResult> => {
    const now = deps.clock.now();
    const [read, existing] = await Promise.all([loadReminderContext(deps, tenantId, invoiceId), deps.scheduler.list(schedulePrefix(invoiceId))]);
    const ctx = read && (await settlePaymentPlan(deps, read, now));
    let records = ctx?.records ?? [];
    if (ctx && (await settlePlan(deps, ctx, now))) records = await deps.steps.list(tenantId, invoiceId);

    const timeZone = ctx?.settings.timezone ?? 'Europe/Paris';
    const desired = new Map<string, ScheduleDefinition>();
    for (const r of records) {
      if (r.state === 'scheduled' && r.scheduledAt && r.localTime) {
        const name = scheduleName(invoiceId, r, r.scheduledAt);
        desired.set(name, {
          name,
          localTime: r.localTime,
          timeZone,
          input: { tenantId, invoiceId, stepId: r.stepId, plan: r.plan, index: r.index, scheduledAt: r.scheduledAt, kind: 'step' },
          description: `Relances ${ctx?.invoice.number ?? invoiceId} step ${r.stepId}`,
        });
      } else if (r.state === 'sending' && r.leaseUntil) {
        const lease = leaseSchedule(tenantId, invoiceId, { ...r, leaseUntil: r.leaseUntil }, timeZone);
        desired.set(lease.name, lease);
      }
    }
    const resume = ctx && resumeSchedule(ctx, now);
    if (resume) desired.set(resume.name, resume);
    // A running payment plan is checked the day its oldest unpaid instalment becomes missed.
    const checkAt = ctx && planCheckAt(ctx, now);
    if (ctx && checkAt) {
      const plan = activePlan(ctx)!;
      const ref = { plan: plan.seq * 1000, index: 0 };
      const name = scheduleName(invoiceId, ref, checkAt.toISOString(), 'check');
      desired.set(name, {
        name,
        localTime: localDateTimeOf(checkAt, timeZone),
        timeZone,
        input: { tenantId, invoiceId, stepId: 'plan-check', ...ref, scheduledAt: checkAt.toISOString(), kind: 'plan-check' },
        description: `Relances ${ctx.invoice.number ?? invoiceId} payment plan check`,
      });
    }
    const existingNames = new Set(existing.map((s) => s.name));
    const deleted = [...existingNames].filter((name) => !desired.has(name));
    const toCreate = [...desired.values()].filter((d) => !existingNames.has(d.name));
    await Promise.all(deleted.map((name) => deps.scheduler.delete(name)));
    await Promise.all(toCreate.map((d) => deps.scheduler.create(d)));
    return { created: toCreate.map((d) => d.name), deleted };
  };

/** Fires just after a send's lease: a step still `sending` then was caught by a crash (its outcome is unknown). */
export const leaseSchedule = (tenantId: string, invoiceId: string, step: LeaseStep, timeZone: string): ScheduleDefinition => {
  const checkAt = new Date(Math.ceil((Date.parse(step.leaseUntil) + 60_000) / 60_000) * 60_000);
  return {
    name: scheduleName(invoiceId, step, step.leaseUntil, 'lease'),
    localTime: localDateTimeOf(checkAt, timeZone),
    timeZone,
    input: { tenantId, invoiceId, stepId: step.stepId, plan: step.plan, index: step.index, scheduledAt: step.leaseUntil, kind: 'lease' },
    description: `Relances ${invoiceId} lease check ${step.stepId}`,
  };
};

/**
 * A step just claimed for sending (stream): its lease check is created from the step's own image,
 * without re-reading the invoice. When the send is recorded, the re-plan of that record deletes it.
 */
export const makeScheduleLeaseCheck = (deps: { readonly scheduler: ReminderScheduler; readonly settings: SettingsRepository }) =>
  async (tenantId: string, invoiceId: string, step: LeaseStep): Promise<string> => {
    const { timezone } = await deps.settings.get(tenantId);
    const lease = leaseSchedule(tenantId, invoiceId, step, timezone);
    await deps.scheduler.create(lease);
    return lease.name;
  };

/**
 * A dated pause of an open invoice resumes by itself: one schedule at 00:00 of `pausedUntil`
 * (tenant time; a little before when the send hour is 0, `pauseEndsAt`), or in the next minute when
 * that moment has passed (a late stream record).
 */
export const resumeSchedule = (ctx: ReminderContext, now: Date): ScheduleDefinition | undefined => {
  const { invoice, settings } = ctx;
  if (!invoice.remindersPaused || !invoice.pausedUntil || !isOpen(invoice.status)) return undefined;
  const timeZone = settings.timezone;
  const planned = pauseEndsAt(invoice.pausedUntil, settings);
  const soon = new Date(Math.ceil((now.getTime() + 60_000) / 60_000) * 60_000);
  const localTime = localDateTimeOf(planned > now ? planned : soon, timeZone);
  return {
    name: resumeScheduleName(invoice.id, invoice.pausedUntil),
    localTime,
    timeZone,
    input: { tenantId: invoice.tenantId, invoiceId: invoice.id, kind: 'resume', until: invoice.pausedUntil },
    description: `Relances ${invoice.number ?? invoice.id} resume reminders on ${invoice.pausedUntil}`,
  };
};

/** Stops after which a letter waiting to be posted must not go: nothing left to claim, or a dispute to answer first. */
const WITHDRAWS_LETTERS: ReadonlySet<string> = new Set(['paid', 'cancelled', 'written_off', 'disputed']);

/**
 * Letters produced (`to_post`) whose claimed balance is no longer the invoice's: each goes back to
 * `scheduled` at the next send window (its PDF data and to-post index entry removed), so it is
 * produced again with what is due then and never posted claiming too much. True when one moved.
 */
const redoStaleLetters = async (deps: ReconcileDeps, ctx: ReminderContext, steps: readonly StepRecordItem[], now: Date, events: TimelineRecord[]): Promise<boolean> => {
  const { invoice } = ctx;
  const balance = invoiceBalanceCents(invoice);
  const stale = steps.filter((r) => r.state === 'to_post' && r.letter && r.letter.invoices.find((i) => i.number === (invoice.number ?? invoice.id))?.balanceCents !== balance);
  if (stale.length === 0) return false;
  const at = now.toISOString();
  let moved = false;
  for (const r of stale) {
    const { next, scheduledAt } = letterRedo(ctx, now, 'balance_changed');
    if (await deps.steps.transition(invoice.tenantId, invoice.id, r, { state: 'to_post' }, next)) {
      moved = true;
      events.push({ at, type: 'reminder.rescheduled', data: { stepId: r.stepId, plan: r.plan, from: r.scheduledAt, scheduledAt, reason: 'balance_changed', letter: 'withdrawn' } });
      // The letter's other invoices are produced again with it (their letter listed the old balance).
      await regroupLetter(deps, ctx, r, now);
      // It never went: the client's gap it took is given back.
      await releaseWithdrawnLetterGap(deps.steps, invoice.tenantId, invoice.clientId, invoice.id, r);
    }
  }
  return moved;
};

/** A produced letter step back to `scheduled` at the next send window: its letter (data, hash, group, to-post index entry) removed. */
const letterRedo = (ctx: ReminderContext, now: Date, reason: string): { next: Partial<StepRecordItem> & { state: 'scheduled'; at: string }; scheduledAt: string } => {
  const calendar = sendCalendarFor(ctx.settings, ctx.client);
  let day = nextSendDay(localDate(now, calendar.timeZone), calendar);
  if (sendInstant(day, calendar) <= now) day = nextSendDay(addDays(day, 1), calendar);
  const instant = sendInstant(day, calendar);
  return {
    scheduledAt: instant.toISOString(),
    next: {
      state: 'scheduled',
      at: now.toISOString(),
      scheduledAt: instant.toISOString(),
      localTime: localDateTimeOf(instant, calendar.timeZone),
      reason,
      ...({ letter: undefined, letterSha256: undefined, letterId: undefined, letterMembers: undefined, GSI1PK: undefined, GSI1SK: undefined } as object),
    },
  };
};

/**
 * A letter listing several invoices lost one of them (paid, cancelled, disputed) or one of its
 * balances changed: the other steps it answered go back to `scheduled` at the next send window
 * (reason `letter_regrouped`), all at the same instant, so they are produced again as one letter
 * listing what is due then; with none left, nothing is to post. Each move re-plans its invoice
 * (the stream), which creates its schedule.
 */
const regroupLetter = async (deps: ReconcileDeps, ctx: ReminderContext, left: StepRecordItem, now: Date): Promise<void> => {
  if (!left.letterId) return;
  const { tenantId } = ctx.invoice;
  const others = (left.letterMembers ?? []).filter((m) => m.invoiceId !== ctx.invoice.id);
  await Promise.all(
    others.map(async (m) => {
      const member = (await deps.steps.list(tenantId, m.invoiceId)).find((r) => r.plan === m.plan && r.index === m.index);
      if (!member || member.state !== 'to_post' || member.letterId !== left.letterId) return;
      const { next, scheduledAt } = letterRedo(ctx, now, 'letter_regrouped');
      if (await deps.steps.transition(tenantId, m.invoiceId, member, { state: 'to_post' }, next)) {
        await deps.invoices.appendEvents(tenantId, m.invoiceId, [
          { at: next.at, type: 'reminder.rescheduled', data: { stepId: m.stepId, plan: m.plan, from: member.scheduledAt, scheduledAt, reason: 'letter_regrouped', letter: 'withdrawn', without: ctx.invoice.number ?? ctx.invoice.id } },
        ]);
      }
    }),
  );
};

/** Writes what the plan must become; true when something was written. */
const LITIGATION_LEFT = 'litigation_left';
/** The escalation alone, `litigationAfterDays` after `now` on a send day: a new plan of one step (reason `litigation_left`). */
const reEscalation = (ctx: ReminderContext, plan: number, now: Date) => {
  const index = ctx.scenario.steps.findIndex((s) => s.id === ESCALATE_STEP_ID);
  const calendar = sendCalendarFor(ctx.settings, ctx.client);
  const nominalDate = addDays(localDate(now, ctx.settings.timezone), ctx.settings.litigationAfterDays);
  const day = nextSendDay(nominalDate, calendar);
  return {
    plan,
    index,
    stepId: ESCALATE_STEP_ID,
    templateId: ESCALATE_TEMPLATE_ID,
    beforeDue: false,
    nominalDate,
    state: 'scheduled' as const,
    scheduledAt: sendInstant(day, calendar).toISOString(),
    localTime: sendLocalTime(day, calendar),
    reason: LITIGATION_LEFT,
  };
};

/**
 * An invoice taken back from litigation waits for its own escalation, `litigationAfterDays` from the day it was
 * taken back (its step's `nominalDate`). Paused, disputed or paid-then-unpaid meanwhile, the plan recorded when the
 * stop clears keeps that date (as a scenario's escalation keeps its own), never the scenario's escalation date, long
 * past, which put it at the next send window: back in litigation the next morning. Once that date has passed it
 * goes at the next send window, as any escalation due.
 */
const keepRetakenEscalation = (planned: PlannedStepRecord[], ctx: ReminderContext, live: readonly StepRecordItem[], steps: readonly StepRecordItem[], now: Date): PlannedStepRecord[] => {
  const [only] = live;
  if (live.length !== 1 || !only || !isEscalation(only) || !only.nominalDate) return planned;
  if (!steps.some((r) => isEscalation(r) && r.state === 'done')) return planned;
  const calendar = sendCalendarFor(ctx.settings, ctx.client);
  const day = nextSendDay(only.nominalDate, calendar);
  const at = sendInstant(day, calendar).toISOString();
  return planned.map((p) =>
    isEscalation(p) && p.state === 'scheduled' && p.scheduledAt !== undefined && p.scheduledAt < at
      ? { ...p, nominalDate: only.nominalDate!, scheduledAt: at, localTime: sendLocalTime(day, calendar), reason: LITIGATION_LEFT }
      : p,
  );
};

/**
 * Where the re-plan puts the invoice's later steps once its pending courtesy steps are skipped `due_passed` (the client's
 * gap pushes one onto its due date when it fires, send-reminder.ts `moveTo`): nothing went out, so they no longer keep
 * the gap nor the day after it that the plan left them (reminder-plan.ts counts a step still to go as a message). What
 * `settlePlan` below does after that skip, computed at the latest courtesy step's time for the dry run
 * (simulation-client-rules.ts), which sends the client's other messages and their gap itself. Keyed
 * `stepId|scheduledAt` as recorded: the steps it moves and their new instant. Empty when no courtesy step is pending.
 */
export const courtesySkippedReplan = (ctx: ReminderContext): Map<string, string> => {
  const moved = new Map<string, string>();
  const steps = ctx.records.filter(isScenarioStep);
  const latestPlan = Math.max(0, ...steps.map((r) => r.plan));
  const courtesy = steps.filter((r) => r.plan === latestPlan && r.state === 'scheduled' && r.beforeDue && r.scheduledAt);
  if (courtesy.length === 0) return moved;
  const skippedAt = courtesy.map((r) => r.scheduledAt!).sort().at(-1)!;
  const kept = steps
    .filter((r) => (ctx.scenario.steps[r.index]?.id === r.stepId || r.state !== 'scheduled') && !(r.state === 'scheduled' && r.reason === LITIGATION_LEFT))
    .map((r): StepRecordItem => (courtesy.includes(r) ? { ...r, state: 'skipped', reason: 'due_passed', at: skippedAt } : r));
  for (const change of replanScheduled(stepPlanInput(ctx, new Date(skippedAt)), kept)) {
    const r = kept.find((s) => s.plan === change.ref.plan && s.index === change.ref.index);
    if (r && change.kind === 'move') moved.set(`${r.stepId}|${change.from}`, change.scheduledAt);
  }
  return moved;
};

const settlePlan = async (deps: ReconcileDeps, ctx: ReminderContext, now: Date): Promise<boolean> => {
  const { invoice } = ctx;
  const tenantId = invoice.tenantId;
  const at = now.toISOString();
  const steps = ctx.records.filter(isScenarioStep);
  const latestPlan = Math.max(0, ...steps.map((r) => r.plan));
  const live = steps.filter((r) => r.plan === latestPlan);
  const pending = live.filter((r) => r.state === 'scheduled');
  // The scenario's steps are no longer the live plan's: one removed, moved or added (the escalation
  // switched on with litigationAfterDays after the plan was recorded, a step appended).
  // Or a pending step's text is no longer the scenario's: the client's kind corrected (business ⇄
  // consumer: both built-ins name their steps j-5…j+15) or a step given another template. The plan
  // recorded with the old text would send it (or, a business text to a consumer, skip every step).
  const scenarioChanged =
    live.length > 0 &&
    (live.some((r) => ctx.scenario.steps[r.index]?.id !== r.stepId) ||
      Math.max(...live.map((r) => r.index)) < ctx.scenario.steps.length - 1 ||
      live.some((r) => r.state === 'scheduled' && ctx.scenario.steps[r.index]!.templateId !== r.templateId));
  const events: TimelineRecord[] = [];
  // On the timeline, and each step recorded `skipped` counted by its reason, as a skipped fire is.
  const record = async (written: readonly TimelineRecord[]) => {
    if (written.length === 0) return;
    await deps.invoices.appendEvents(tenantId, invoice.id, written);
    countSkipped(deps.metrics, written);
  };
  const cancel = async (r: StepRecordItem, reason: string) => {
    if (await deps.steps.transition(tenantId, invoice.id, r, { state: 'scheduled', ...(r.scheduledAt ? { scheduledAt: r.scheduledAt } : {}) }, { state: 'cancelled', reason, at })) {
      events.push({ at, type: 'reminder.cancelled', data: { stepId: r.stepId, plan: r.plan, reason } });
    }
  };

  // A letter produced but not posted yet, withdrawn: it leaves the letters to post, and posting it is refused (409).
  const withdrawLetters = async (reason: string) => {
    for (const r of steps.filter((x) => x.state === 'to_post')) {
      const withdrawn: Partial<StepRecordItem> & { state: 'cancelled'; at: string } = { state: 'cancelled', reason, at, ...({ GSI1PK: undefined, GSI1SK: undefined } as object) };
      if (await deps.steps.transition(tenantId, invoice.id, r, { state: 'to_post' }, withdrawn)) {
        events.push({ at, type: 'reminder.cancelled', data: { stepId: r.stepId, plan: r.plan, reason, letter: 'withdrawn' } });
        // The same letter listed other invoices of the client: produced again without this one.
        await regroupLetter(deps, ctx, r, now);
        await releaseWithdrawnLetterGap(deps.steps, tenantId, invoice.clientId, invoice.id, r);
      }
    }
  };

  const stop = stopReason(ctx);
  events.push(...(await settlePlanSteps(deps, ctx, now, stop)));
  if (stop) {
    for (const r of pending) await cancel(r, stop);
    // Once there is nothing to claim (paid, cancelled, written off) or the client disputes it.
    if (WITHDRAWS_LETTERS.has(stop)) await withdrawLetters(stop);
  } else if (await redoStaleLetters(deps, ctx, steps, now, events)) {
    // A letter not posted yet claimed a balance that changed (a partial payment, a credit note): it goes
    // back to `scheduled` at the next send window and is produced again with the amount due then.
  } else if (activePlan(ctx)) {
    // While a payment plan runs, its steps replace the scenario's (which resume when it ends unpaid), and a
    // mise en demeure not posted yet would demand at once, penalties included, what the plan spreads (or waives).
    for (const r of pending) await cancel(r, 'payment_plan');
    await withdrawLetters('payment_plan');
  } else if (invoice.sentAt && live.every((r) => isTerminal(r.state)) && (latestPlan === 0 || live.some((r) => r.state === 'cancelled' && REENTRANT.has(r.reason ?? '')) || scenarioChanged)) {
    const plan = latestPlan + 1;
    const fresh = keepRetakenEscalation(planNewSteps(stepPlanInput(ctx, now), plan, steps), ctx, live, steps, now);
    // Manual reminders sent before the first plan was recorded stand for the steps they repeat; for a later
    // plan, those sent once the live one had stopped (a payment plan ran, the client opted out): no plan
    // counted them, and the escalation resumes where it stood, a mise en demeure sent by hand included.
    const stoppedAt = live.reduce((latest, r) => (r.at > latest ? r.at : latest), '');
    const planned = withManualCoverage(fresh, plan === 1 ? ctx.records : ctx.records.filter((r) => r.manual && (r.sentAt ?? r.at) > stoppedAt));
    // Nothing left after the last step sent (an escalation done): no new plan.
    const written = planned.length > 0 && await deps.steps.createPlan(
      tenantId,
      invoice.id,
      planned.map((s) => ({ ...s, at })),
    );
    if (written) {
      for (const s of planned) {
        events.push(
          s.state === 'scheduled'
            ? { at, type: 'reminder.scheduled', data: { stepId: s.stepId, plan, templateId: s.templateId, scheduledAt: s.scheduledAt, ...(s.reason ? { reason: s.reason } : {}) } }
            : { at, type: 'reminder.skipped', data: { stepId: s.stepId, plan, reason: s.reason } },
        );
      }
    }
  } else if (invoice.sentAt && live.length > 0 && live.every((r) => isTerminal(r.state)) && live.some((r) => isEscalation(r) && r.state === 'done' && invoice.escalatedPlan === r.plan) && ctx.scenario.steps.some((s) => s.id === ESCALATE_STEP_ID)) {
    // Taken back from litigation after its escalation (not in litigation any more, nothing left to
    // send): it goes back there `litigationAfterDays` from now unless paid, never left open and silent.
    // Only once the escalation's move landed (`escalatedPlan`), not in the instant between the step
    // recorded `done` and the invoice moved, which a re-plan may see.
    const planned = reEscalation(ctx, latestPlan + 1, now);
    if (await deps.steps.createPlan(tenantId, invoice.id, [{ ...planned, at }])) {
      events.push({ at, type: 'reminder.scheduled', data: { stepId: planned.stepId, plan: planned.plan, templateId: planned.templateId, scheduledAt: planned.scheduledAt, reason: planned.reason } });
    }
  } else {
    // A manual reminder sent while this plan was being recorded stands for the steps it repeats.
    const byHand = stepsSentByHand(ctx.records);
    for (const r of byHand) {
      if (await deps.steps.transition(tenantId, invoice.id, r, { state: 'scheduled', ...(r.scheduledAt ? { scheduledAt: r.scheduledAt } : {}) }, { state: 'skipped', reason: MANUAL_SENT, at })) {
        events.push({ at, type: 'reminder.skipped', data: { stepId: r.stepId, plan: r.plan, reason: MANUAL_SENT } });
      }
    }
    if (byHand.length > 0) {
      await record(events);
      return true; // its own stream record re-plans the rest
    }
    // A firmer grouped message stood for this invoice's gentler steps, and the send path could not record it.
    const inGroup = stepsSentInGroup(ctx.records);
    for (const r of inGroup) {
      if (await deps.steps.transition(tenantId, invoice.id, r, { state: 'scheduled', ...(r.scheduledAt ? { scheduledAt: r.scheduledAt } : {}) }, { state: 'skipped', reason: GROUP_SENT, at })) {
        events.push({ at, type: 'reminder.skipped', data: { stepId: r.stepId, plan: r.plan, reason: GROUP_SENT } });
      }
    }
    if (inGroup.length > 0) {
      await record(events);
      return true;
    }
    // The scenario's steps changed (one removed, added or moved): the pending steps are cancelled
    // `replanned`, and the next re-plan records the new scenario's steps after the last one sent.
    // Cancelling only those the scenario no longer has at their position left a later one (the
    // escalation) pending: no new plan, the new scenario's steps never recorded nor sent.
    if (scenarioChanged) {
      for (const r of pending) await cancel(r, 'replanned');
    } else if (!ctx.records.some((r) => r.manual) && courtesyCanGoAgain(stepPlanInput(ctx, now), latestPlan, steps)) {
      // The due date was moved back later with nothing sent yet (no manual reminder either): the
      // pending steps are cancelled `due_date_moved` and the next re-plan records a new plan from
      // the first step, the courtesy reminder skipped for the wrong date included.
      for (const r of pending) await cancel(r, 'due_date_moved');
      await record(events);
      return events.length > 0;
    }
    // The escalation planned when the owner took the invoice back from litigation keeps its own date
    // (`litigationAfterDays` from that day): re-planned from the scenario it fell back on the first
    // escalation's past date, so the next send window, and the invoice was back in litigation the
    // next morning instead of `litigationAfterDays` later.
    const kept = steps.filter((r) => (ctx.scenario.steps[r.index]?.id === r.stepId || r.state !== 'scheduled') && !(r.state === 'scheduled' && r.reason === LITIGATION_LEFT));
    for (const change of replanScheduled(stepPlanInput(ctx, now), kept)) {
      const r = live.find((s) => s.index === change.ref.index)!;
      // A step moved while it waited for its retry no longer waits for it: left `retry`, later re-plans kept
      // holding it at the moved time (a payment removed did not bring it back from the grace it had moved past).
      const next =
        change.kind === 'move'
          ? { state: 'scheduled' as const, scheduledAt: change.scheduledAt, localTime: change.localTime, at, ...(r.reason === 'retry' ? { reason: undefined } : {}) }
          : { state: 'skipped' as const, reason: change.reason, at, scheduledAt: undefined, localTime: undefined, nominalDate: change.nominalDate };
      if (await deps.steps.transition(tenantId, invoice.id, r, { state: 'scheduled', scheduledAt: change.from }, next)) {
        events.push(
          change.kind === 'move'
            ? { at, type: 'reminder.rescheduled', data: { stepId: r.stepId, plan: r.plan, from: change.from, scheduledAt: change.scheduledAt } }
            : { at, type: 'reminder.skipped', data: { stepId: r.stepId, plan: r.plan, reason: change.reason } },
        );
      }
    }
  }
  await record(events);
  return events.length > 0;
};

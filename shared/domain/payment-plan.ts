/**
 * Payment plans (échéanciers): the invoice's balance split into instalments agreed with the
 * client. Pure rules: validation, allocation of what was paid (oldest instalment first), the
 * status of each instalment at a date, the plan's own reminder steps and when a missed
 * instalment ends the plan.
 *
 * A plan is a contractual arrangement (DOMAIN.md §4): penalties and the €40 indemnity (B2B) keep
 * running unless the owner waives them on the plan (`waivePenalties`, recorded). The waiver holds
 * while the plan is honoured: a plan ended because an instalment was missed waives nothing.
 */
import { addDays, daysBetween } from './dates.js';
import { allocate, paidTowardsPlan, type Instalment } from './plan-allocation.js';
import { IMMINENT_MS, isOut, type StepChange, type StepRef, type StepState } from './reminder-steps.js';
import { lastSendDayBefore, nextSendDay, sendInstant, type SendCalendar } from './send-calendar.js';
import { localDateTimeOf, utcToZoned } from './zoned-time.js';

export type { Instalment } from './plan-allocation.js';
export { allocate, paidTowardsPlan };

export type PlanEndReason = 'paid' | 'missed' | 'deleted' | 'cancelled' | 'written_off';

/** The plan as stored on the invoice (the latest one; earlier ones stay on the timeline and their steps). */
export interface PaymentPlan {
  /** 1, 2, … per invoice: its reminder steps are recorded as plans `seq × 1000 + round` (see planStepsNumber). */
  readonly seq: number;
  readonly createdAt: string;
  readonly instalments: readonly Instalment[];
  /** The balance the instalments add up to when the plan was made. */
  readonly totalCents: number;
  readonly note?: string;
  readonly waivePenalties: boolean;
  /** `client` when the client asked for it from the portal and the owner accepted. */
  readonly source: 'owner' | 'client';
  readonly status: 'active' | 'ended';
  readonly endedAt?: string;
  readonly endReason?: PlanEndReason;
}

/** A plan the client asked for (portal), until the owner accepts or declines it. */
export interface PlanRequest {
  readonly instalments: readonly Instalment[];
  readonly requestedAt: string;
  readonly note?: string;
  readonly status: 'pending' | 'accepted' | 'declined';
  readonly decidedAt?: string;
  readonly declineReason?: string;
}

/**
 * A client's request still pending on an invoice that no longer awaits payment (paid, cancelled, written off):
 * nothing is left to answer; the portal no longer shows it waiting and the owner can no longer accept or decline it.
 */
export const isPlanRequestMoot = (invoice: { readonly status: string; readonly planRequest?: Pick<PlanRequest, 'status'> }): boolean =>
  invoice.planRequest?.status === 'pending' && (invoice.status === 'paid' || invoice.status === 'cancelled' || invoice.status === 'written_off');

export type InstalmentStatus = 'pending' | 'paid' | 'late';

export interface InstalmentView extends Instalment {
  readonly paidCents: number;
  /** What is still due on this instalment. */
  readonly dueCents: number;
  readonly status: InstalmentStatus;
}

/** A payment plan as a reminder's PDF shows it: each instalment with what is still due and its status. */
export interface PlanOnDocument {
  readonly rows: readonly InstalmentView[];
  /** Penalties and the €40 waived by the owner on the plan (recorded): said under the table. */
  readonly waivePenalties: boolean;
}

export const MAX_INSTALMENTS = 24;
/** How far ahead the last instalment may fall: three years (a date in 2099 is a typo, not a plan). */
export const MAX_PLAN_DAYS = 3 * 365 + 1;
/**
 * Recorded plan numbers from 1000 on are payment-plan steps: `seq × 1000 + round`, where a new
 * round starts when the plan's steps were stopped (a pause, a dispute) and the stop cleared.
 * Scenario plans (1, 2, …) never get near 1000, so both tracks live side by side on the invoice.
 */
export const PLAN_STEPS_BASE = 1000;
export const isPlanStep = (ref: { plan: number }): boolean => ref.plan >= PLAN_STEPS_BASE;
export const planStepsNumber = (plan: Pick<PaymentPlan, 'seq'>, round = 0): number => PLAN_STEPS_BASE * plan.seq + round;
/** The payment plan (`seq`) a recorded plan step belongs to. */
export const planSeqOf = (ref: { plan: number }): number => Math.floor(ref.plan / PLAN_STEPS_BASE);

export interface PlanProblem {
  readonly path: string;
  readonly message: string;
  /** 422 (a business rule) rather than 400 (a malformed request). */
  readonly rule?: boolean;
}

/**
 * What is wrong with proposed instalments, or nothing: they must add up to the balance exactly,
 * come in strictly ascending order of date, the first on or after `today` (tenant's zone), the
 * last within three years.
 */
export const planProblems = (instalments: readonly Instalment[], balanceCents: number, today: string): PlanProblem[] => {
  const problems: PlanProblem[] = [];
  if (instalments.length === 0) return [{ path: 'body.instalments', message: 'needs at least one instalment' }];
  if (instalments.length > MAX_INSTALMENTS) problems.push({ path: 'body.instalments', message: `at most ${MAX_INSTALMENTS} instalments` });
  const first = instalments[0]!;
  if (first.dueDate < today) problems.push({ path: 'body.instalments.0.dueDate', message: `must be today (${today}) or later`, rule: true });
  const latest = addDays(today, MAX_PLAN_DAYS);
  instalments.forEach((inst, i) => {
    const previous = instalments[i - 1];
    if (previous && inst.dueDate <= previous.dueDate) problems.push({ path: `body.instalments.${i}.dueDate`, message: `must be after instalment ${i} (${previous.dueDate})`, rule: true });
    if (inst.dueDate > latest) problems.push({ path: `body.instalments.${i}.dueDate`, message: `must be within three years, on ${latest} at the latest`, rule: true });
  });
  const sum = instalments.reduce((s, inst) => s + inst.amountCents, 0);
  const cents = (n: number) => `${n} ${n === 1 ? 'cent' : 'cents'}`;
  if (sum !== balanceCents) {
    const difference = sum - balanceCents;
    problems.push({
      path: 'body.instalments',
      message: `instalments add up to ${cents(sum)} but the balance is ${cents(balanceCents)} (${difference > 0 ? `${cents(difference)} too much` : `${cents(-difference)} missing`})`,
      rule: true,
    });
  }
  return problems;
};

/** Each instalment with what was paid on it, what is still due, and `pending | paid | late` at `today`. */
export const instalmentViews = (plan: Pick<PaymentPlan, 'instalments' | 'totalCents'>, balanceCents: number, today: string): InstalmentView[] => {
  const allocation = allocate(plan.instalments, paidTowardsPlan(plan, balanceCents));
  return plan.instalments.map((inst, i) => {
    const { paidCents, dueCents } = allocation[i]!;
    const status: InstalmentStatus = dueCents === 0 ? 'paid' : inst.dueDate < today ? 'late' : 'pending';
    return { ...inst, paidCents, dueCents, status };
  });
};

/**
 * The plan ends `missed` once an instalment is still unpaid more than `missedDays` days after
 * its due date (local dates): returns that instalment, or nothing.
 */
export const missedInstalment = (views: readonly InstalmentView[], today: string, missedDays: number): InstalmentView | undefined =>
  views.find((v) => v.dueCents > 0 && daysBetween(v.dueDate, today) > missedDays);

/** The local date on which the oldest unpaid instalment becomes missed (the plan check's day), if any. */
export const nextMissedCheck = (views: readonly InstalmentView[], missedDays: number): string | undefined => {
  const unpaid = views.find((v) => v.dueCents > 0);
  return unpaid ? addDays(unpaid.dueDate, missedDays + 1) : undefined;
};

export type PlanStepKind = 'courtesy' | 'late';
export const PLAN_TEMPLATES: Record<PlanStepKind, string> = { courtesy: 'instalment-courtesy', late: 'instalment-late' };

/** One reminder step of a plan, in send order (`index`). */
export interface PlannedPlanStep {
  readonly plan: number;
  readonly index: number;
  readonly stepId: string;
  readonly templateId: string;
  readonly instalment: number;
  readonly planStep: PlanStepKind;
  /** The instalment's due date: a courtesy step is never sent on or after it. */
  readonly instalmentDue: string;
  readonly beforeDue: boolean;
  readonly nominalDate: string;
  readonly state: 'scheduled' | 'skipped';
  readonly scheduledAt?: string;
  readonly localTime?: string;
  readonly reason?: string;
}

export interface PlanStepsInput {
  readonly plan: Pick<PaymentPlan, 'seq' | 'instalments'>;
  /** 0 for the plan's first steps, then 1, 2… when they start again after a stop cleared. */
  readonly round?: number;
  /** `instalment/kind` of steps already sent in an earlier round: never sent twice. */
  readonly done?: ReadonlySet<string>;
  /** Instalments already paid in full: no step for them. */
  readonly paid?: ReadonlySet<number>;
  readonly calendar: SendCalendar;
  readonly now: Date;
  /** Courtesy reminder this many days before each instalment. */
  readonly courtesyDays: number;
  /** Reminder this many days after an instalment left unpaid. */
  readonly lateDays: number;
}

/**
 * The plan's steps, computed once when the plan starts: a courtesy reminder `courtesyDays` before
 * each instalment and a reminder `lateDays` after it (sent only if it is still unpaid then).
 * Steps are ordered by their send day and never share one (a later one moves to the next send
 * day); a courtesy step whose day falls on a weekend or holiday running into its instalment's
 * date goes on the last send day before it; one whose day is past, or with no free send day left
 * before the instalment, is `skipped` (`due_passed`), like a scenario's J-5.
 */
export const planInstalmentSteps = (input: PlanStepsInput): PlannedPlanStep[] => {
  const { plan, calendar, now } = input;
  const plan_ = planStepsNumber(plan, input.round ?? 0);
  const today = utcToZoned(now, calendar.timeZone).date;
  const wanted = plan.instalments
    .flatMap((inst, i) => [
      { instalment: i, kind: 'courtesy' as const, nominal: addDays(inst.dueDate, -input.courtesyDays), due: inst.dueDate },
      { instalment: i, kind: 'late' as const, nominal: addDays(inst.dueDate, input.lateDays), due: inst.dueDate },
    ])
    .filter((w) => !input.paid?.has(w.instalment) && !input.done?.has(planStepKey(w.instalment, w.kind)));
  // Stable by nominal date, courtesy before late on a tie (the courtesy of a later instalment comes first only if earlier).
  wanted.sort((a, b) => a.nominal.localeCompare(b.nominal) || a.instalment - b.instalment);
  let lastDay = '';
  return wanted.map((w, index): PlannedPlanStep => {
    const common = {
      plan: plan_,
      index,
      stepId: `p${plan.seq}-${w.kind === 'courtesy' ? 'c' : 'l'}${w.instalment + 1}`,
      templateId: PLAN_TEMPLATES[w.kind],
      instalment: w.instalment,
      planStep: w.kind,
      instalmentDue: w.due,
      beforeDue: w.kind === 'courtesy',
      nominalDate: w.nominal,
    };
    let day = nextSendDay(w.nominal > today ? w.nominal : today, calendar);
    if (lastDay && day <= lastDay) day = nextSendDay(addDays(lastDay, 1), calendar);
    let instant = sendInstant(day, calendar);
    if (instant <= now) {
      day = nextSendDay(addDays(day, 1), calendar);
      instant = sendInstant(day, calendar);
    }
    if (w.kind === 'courtesy' && day >= w.due) {
      // Its day is a weekend or holiday running into the instalment's date: the last send day
      // before it, when still ahead and after the previous step's day; else skipped.
      const before = lastSendDayBefore(w.due, lastDay ? addDays(lastDay, 1) : today, calendar);
      if (!before || sendInstant(before, calendar) <= now) return { ...common, state: 'skipped', reason: 'due_passed' };
      day = before;
      instant = sendInstant(day, calendar);
    }
    lastDay = day;
    return { ...common, state: 'scheduled', scheduledAt: instant.toISOString(), localTime: localDateTimeOf(instant, calendar.timeZone) };
  });
};

/** What a re-plan of a plan's steps needs to know of each recorded step of its live round. */
export interface RecordedPlanStep extends StepRef {
  readonly stepId: string;
  readonly state: StepState;
  readonly at: string;
  readonly scheduledAt?: string;
  readonly localTime?: string;
  readonly sentAt?: string;
  readonly reason?: string;
  readonly nominalDate?: string;
  readonly planStep?: PlanStepKind;
  readonly instalmentDue?: string;
}

/**
 * Re-plans the `scheduled` steps of a plan's live round after the send calendar changed (send hour,
 * time zone, weekends, holidays, region), as replanScheduled does a scenario's: each goes at the send
 * hour of the first send day on or after its day (its nominal date; the day the send path moved it to,
 * for a step it moved: the client's gap, one reminder a day, scenario order), never before now, never
 * on or before the day of an earlier step (sent, being sent, imminent or waiting for its retry: those
 * stay where they are); a courtesy step whose day runs into its instalment's date goes on the last send
 * day before it, else it is skipped `due_passed` (planInstalmentSteps' rules). With the calendar the
 * steps were planned with, nothing changes. Terminal steps never change. Returns only the steps that do.
 */
export const replanPlanSteps = (input: { readonly calendar: SendCalendar; readonly now: Date }, records: readonly RecordedPlanStep[]): StepChange[] => {
  const { calendar, now } = input;
  const today = utcToZoned(now, calendar.timeZone).date;
  const dayOf = (instant: string) => utcToZoned(new Date(instant), calendar.timeZone).date;
  const soon = now.getTime() + IMMINENT_MS;
  const changes: StepChange[] = [];
  let lastDay = '';
  for (const r of [...records].sort((a, b) => a.index - b.index)) {
    const movable = r.state === 'scheduled' && r.scheduledAt !== undefined && Date.parse(r.scheduledAt) > soon && r.reason !== 'retry';
    if (!movable) {
      const at = r.state === 'scheduled' || (r.state === 'cancelled' && r.reason === 'owner_cancelled') ? r.scheduledAt : isOut(r.state) ? r.sentAt ?? r.at : undefined;
      if (at && dayOf(at) > lastDay) lastDay = dayOf(at);
      continue;
    }
    // A step the send path moved keeps the day it was moved to; the others their nominal day.
    const base = (r.reason !== undefined ? r.localTime?.slice(0, 10) : undefined) ?? r.nominalDate ?? r.localTime?.slice(0, 10) ?? dayOf(r.scheduledAt!);
    let day = nextSendDay(base > today ? base : today, calendar);
    if (lastDay && day <= lastDay) day = nextSendDay(addDays(lastDay, 1), calendar);
    let instant = sendInstant(day, calendar);
    if (instant <= now) {
      day = nextSendDay(addDays(day, 1), calendar);
      instant = sendInstant(day, calendar);
    }
    const due = r.planStep === 'courtesy' ? r.instalmentDue : undefined;
    if (due && day >= due) {
      const before = lastSendDayBefore(due, lastDay ? addDays(lastDay, 1) : today, calendar);
      if (!before || sendInstant(before, calendar) <= now) {
        changes.push({ ref: r, kind: 'skip', from: r.scheduledAt!, reason: 'due_passed', nominalDate: r.nominalDate ?? base });
        continue;
      }
      day = before;
      instant = sendInstant(day, calendar);
    }
    lastDay = day;
    const scheduledAt = instant.toISOString();
    if (scheduledAt !== r.scheduledAt) changes.push({ ref: r, kind: 'move', from: r.scheduledAt!, scheduledAt, localTime: localDateTimeOf(instant, calendar.timeZone) });
  }
  return changes;
};

export const planStepKey = (instalment: number, kind: PlanStepKind): string => `${instalment}/${kind}`;

/**
 * Whether the owner's waiver of penalties and the €40 applies (only while the plan is honoured): not once
 * it ended missed or deleted, nor once it ended paid but the invoice is owed again (the payment that settled
 * it removed, a cheque that bounced) or was written off since (owed again, then unpaid for good), nor once
 * the invoice was written off while the plan ran (`written_off`: the instalments will never be paid).
 */
export const penaltiesWaived = (
  plan: Pick<PaymentPlan, 'waivePenalties' | 'status' | 'endReason'> | undefined,
  invoice: { readonly status: string; readonly balanceCents: number },
): boolean =>
  plan !== undefined &&
  plan.waivePenalties &&
  !(plan.status === 'ended' && plan.endReason === 'missed') &&
  plan.endReason !== 'deleted' &&
  plan.endReason !== 'written_off' &&
  invoice.status !== 'written_off' &&
  !(plan.endReason === 'paid' && (invoice.balanceCents > 0 || invoice.status === 'written_off'));

export type PlanEnd = { readonly reason: PlanEndReason; readonly missed?: InstalmentView & { readonly index: number } };

/**
 * Whether an active plan must end now: the invoice is paid (`paid`), cancelled or written off, or an
 * instalment is unpaid more than `missedDays` after its due date (`missed`).
 */
export const planEnd = (
  plan: PaymentPlan,
  invoice: { readonly status: string; readonly balanceCents: number },
  today: string,
  missedDays: number,
): PlanEnd | undefined => {
  if (plan.status !== 'active') return undefined;
  if (invoice.status === 'cancelled') return { reason: 'cancelled' };
  // Its balance credited away by the bad-debt credit note: nothing was paid.
  if (invoice.status === 'written_off') return { reason: 'written_off' };
  if (invoice.status === 'paid' || invoice.balanceCents <= 0) return { reason: 'paid' };
  const views = instalmentViews(plan, invoice.balanceCents, today);
  const missed = missedInstalment(views, today, missedDays);
  return missed ? { reason: 'missed', missed: { ...missed, index: views.indexOf(missed) } } : undefined;
};

export const endedPlan = (plan: PaymentPlan, reason: PlanEndReason, at: string): PaymentPlan => ({
  ...plan,
  status: 'ended',
  endedAt: at,
  endReason: reason,
});

/**
 * The reminder plan as recorded state (DESIGN.md §5). Steps are computed once when an invoice
 * enters its plan and stored; afterwards only events move them:
 *
 *   scheduled ──fire──▶ sending ──SES ok──▶ sent
 *       │                  │ └─error──▶ scheduled again (retry with backoff ≤ 24 h) … ▶ failed
 *       │                  └─lease expired──▶ failed (unknown_outcome)
 *       ├──▶ skipped   (due_passed, paid, paused, disputed, address_failing, …)
 *       └──▶ cancelled (paid, cancelled, paused, disputed, opt_out, program_off, replanned, owner)
 *
 * Terminal states never change. A later plan (the invoice reopened after a payment was removed,
 * or resumed) only ever holds the scenario steps after the last one sent, so tone never goes back.
 */
import { addDays, daysBetween } from './dates.js';
import { isEscalation } from './escalation.js';
import { planReminders, type StepRecord as HistoryRecord } from './reminder-plan.js';
import { channelOf, nominalOffsets, type Channel, type Scenario } from './scenario.js';
import { nextSendDay, sendInstant, type SendCalendar } from './send-calendar.js';
import { nextSmsSlot } from './sms-window.js';
import { localDateTimeOf, utcToZoned } from './zoned-time.js';

/**
 * `to_post`: a letter step whose PDF is produced and waits for the owner to post it (registered
 * mail); posting closes it `sent`. For ordering, gaps and re-plans it counts as sent already:
 * the client is about to receive it, and nothing may go back in tone behind it.
 * `done`: an action step (the escalation to litigation) carried out; it sent nothing.
 */
export type StepState = 'scheduled' | 'sending' | 'to_post' | 'sent' | 'failed' | 'skipped' | 'cancelled' | 'done';
export const TERMINAL_STATES: readonly StepState[] = ['sent', 'failed', 'skipped', 'cancelled', 'done'];
export const isTerminal = (state: StepState): boolean => TERMINAL_STATES.includes(state);
/** The step reached the client or is on its way (sending, waiting to be posted): never sent again. */
export const isOut = (state: StepState): state is 'sent' | 'sending' | 'to_post' => state === 'sent' || state === 'sending' || state === 'to_post';

/** Where a recorded step sits: its plan (1, 2, … as the invoice re-enters its plan) and scenario position. */
export interface StepRef {
  readonly plan: number;
  readonly index: number;
}

/** What the planner decides for one step of a new plan. */
export interface PlannedStepRecord extends StepRef {
  readonly stepId: string;
  readonly templateId: string;
  /** Meant for before the due date (J-5): never sent on or after it. */
  readonly beforeDue: boolean;
  readonly nominalDate: string;
  readonly state: 'scheduled' | 'skipped';
  readonly scheduledAt?: string;
  readonly localTime?: string;
  readonly reason?: string;
  /** Recorded with the step so a later scenario edit cannot change how it goes out; absent = email. */
  readonly channel?: Channel;
}

/** The minimum a re-plan needs to know of a recorded step. */
export interface RecordedStep extends StepRef {
  readonly stepId: string;
  readonly state: StepState;
  readonly scheduledAt?: string;
  readonly sentAt?: string;
  readonly at: string;
  /** A step that failed: when its first attempt failed (its own slot; `at` is its last retry's). */
  readonly firstFailedAt?: string;
  /** Why it was cancelled or skipped (`owner_cancelled` keeps its slot in re-plans). */
  readonly reason?: string;
  /** Due date + the step's offset when it was planned. */
  readonly nominalDate?: string;
  readonly templateId?: string;
}

/**
 * A pending step a manual reminder stood for (`skipped`, reason `manual_sent`): the client got its
 * text by hand, so re-plans count it as gone out (a new plan starts after it) and the later steps
 * keep their spacing from its slot.
 */
export const MANUAL_SENT = 'manual_sent';
/**
 * A pending step of an overdue invoice that went out in a client's grouped message in a firmer tone
 * (`skipped`, reason `group_sent`): like `manual_sent`, the client got that text (or a firmer one).
 */
export const GROUP_SENT = 'group_sent';
const sentByHand = (r: Pick<RecordedStep, 'state' | 'reason'>): boolean => r.state === 'skipped' && (r.reason === MANUAL_SENT || r.reason === GROUP_SENT);

/** A manual reminder stands for the step with its text only when that step was due within this time. */
export const MANUAL_COVER_MS = 8 * 86_400_000;

/**
 * The pending steps a manual reminder (sent at `sentAt`) stands for, in scenario order: the first
 * pending email step whose template is the one the manual reminder used, when it was to go out
 * within 8 days (the client would get the same text again a few days later), and every pending
 * email step before it, whenever (a gentler text after a firmer one would take the tone back).
 * None when no pending step uses that template (an owner's own template, a gentler one than the
 * next step's). The escalation, SMS and letter steps are never covered: they are not the email
 * the client got.
 */
export const coveredByManual = <T extends { readonly index: number; readonly stepId: string; readonly templateId: string; readonly state: StepState; readonly channel?: Channel; readonly scheduledAt?: string }>(
  pending: readonly T[],
  templateId: string,
  sentAt: string,
): T[] => {
  const emails = pending.filter((s) => s.state === 'scheduled' && channelOf(s) === 'email' && !isEscalation(s)).sort((a, b) => a.index - b.index);
  const match = emails.findIndex((s) => s.templateId === templateId);
  if (match < 0) return [];
  const soon = (s: T) => s.scheduledAt !== undefined && Date.parse(s.scheduledAt) <= Date.parse(sentAt) + MANUAL_COVER_MS;
  return emails.slice(0, soon(emails[match]!) ? match + 1 : match);
};

/**
 * The invoice's first plan, recorded after manual reminders already went out (a reminder sent by
 * hand right after the invoice, before the stream recorded its plan): the steps they stood for are
 * recorded `skipped: manual_sent` from the start, so a gentler step never follows a firmer manual one.
 * The projection of a plan not recorded yet (GET /invoices/{id}/reminders, the dry run) says the same.
 */
export const withManualCoverage = <T extends { readonly index: number; readonly stepId: string; readonly templateId: string; readonly state: StepState; readonly channel?: Channel; readonly scheduledAt?: string }>(
  planned: readonly T[],
  records: readonly { readonly manual?: boolean; readonly state: StepState; readonly templateId: string; readonly at: string; readonly sentAt?: string }[],
): T[] => {
  const manual = records.filter((r) => r.manual && (r.state === 'sent' || r.state === 'sending')).sort((a, b) => a.at.localeCompare(b.at));
  let steps = [...planned];
  for (const m of manual) {
    const covered = new Set(coveredByManual(steps, m.templateId, m.sentAt ?? m.at).map((s) => s.index));
    steps = steps.map((s) => (covered.has(s.index) ? { ...s, state: 'skipped' as const, reason: MANUAL_SENT } : s));
  }
  return steps;
};

/** A step the owner cancelled holds its slot: the later steps keep their spacing from it (see reminder-plan.ts). */
const ownerCancelled = (r: RecordedStep): boolean => r.state === 'cancelled' && r.reason === 'owner_cancelled';

export interface StepPlanInput {
  readonly scenario: Scenario;
  readonly dueDate: string;
  readonly calendar: SendCalendar;
  readonly now: Date;
  readonly minGapDays: number;
  readonly graceDaysAfterPayment: number;
  readonly lastPaymentAt?: string;
  /** Last message to the client for any invoice (the per-client claim). */
  readonly lastMessageToClientAt?: string;
}

/** The latest record of each scenario position, across plans. */
export const latestByIndex = <T extends StepRef>(records: readonly T[]): Map<number, T> => {
  const latest = new Map<number, T>();
  for (const r of records) {
    const seen = latest.get(r.index);
    if (!seen || r.plan > seen.plan) latest.set(r.index, r);
  }
  return latest;
};

const toHistory = (r: RecordedStep, scenario: Scenario): HistoryRecord | undefined => {
  const stepId = scenario.steps[r.index]?.id;
  if (!stepId) return undefined;
  // A step caught mid-send counts as sent: never risk a second message for it.
  // An escalation done never repeats: for re-plans it stands where a sent step would.
  if (isOut(r.state) || r.state === 'done') return { stepId, state: 'sent', at: r.sentAt ?? r.at };
  if (r.state === 'scheduled') return { stepId, state: 'sent', at: r.scheduledAt ?? r.at };
  // Failed after its retries: spaced from its first failure (its slot), not its last retry. A J+1 retried
  // into the next morning leaves the J+8 where it was: the client received nothing more.
  if (r.state === 'failed') return { stepId, state: 'failed', at: r.firstFailedAt ?? r.at };
  if (ownerCancelled(r)) return { stepId, state: 'cancelled', at: r.scheduledAt ?? r.at, reason: 'owner_cancelled' };
  // Skipped when it fired (address failing…): the later steps keep their spacing from its time.
  if (r.state === 'skipped') return { stepId, state: 'skipped', ...(r.scheduledAt ? { at: r.scheduledAt } : {}) };
  return r.state === 'cancelled' ? { stepId, state: r.state } : undefined;
};

const planInput = (input: StepPlanInput, history: HistoryRecord[]) => ({
  invoice: {
    dueDate: input.dueDate,
    status: 'sent' as const,
    remindersPaused: false,
    disputed: false,
    balanceCents: 1,
    ...(input.lastPaymentAt ? { lastPaymentAt: input.lastPaymentAt } : {}),
  },
  scenario: input.scenario,
  calendar: input.calendar,
  history,
  now: input.now,
  minGapDays: input.minGapDays,
  graceDaysAfterPayment: input.graceDaysAfterPayment,
  ...(input.lastMessageToClientAt ? { lastMessageToClientAt: input.lastMessageToClientAt } : {}),
});

/** A before-due step whose send day is on or after the due date is skipped, never sent. */
const dueGuard = (step: PlannedStepRecord, dueDate: string, timeZone: string): PlannedStepRecord => {
  if (step.state !== 'scheduled' || !step.beforeDue || !step.scheduledAt) return step;
  if (utcToZoned(new Date(step.scheduledAt), timeZone).date < dueDate) return step;
  const { scheduledAt: _at, localTime: _local, ...rest } = step;
  return { ...rest, state: 'skipped', reason: 'due_passed' };
};

/**
 * The steps of a new plan (`plan`), from the scenario position after the last step sent in an
 * earlier plan. Missed before-due steps are `skipped` (`due_passed`); missed after-due steps
 * follow the catch-up rule (PRODUCT.md): the first goes out at the next send window, the later
 * ones keep their spacing from it.
 */
export const planNewSteps = (input: StepPlanInput, plan: number, recorded: readonly RecordedStep[]): PlannedStepRecord[] => {
  // Earlier plans may follow another version of the scenario (edited since): each record stands at
  // its step's position in this one.
  const earlier = recorded.map((r) => ({ ...r, index: positionIn(input, r) }));
  const latest = latestByIndex(earlier);
  const lastSent = Math.max(-1, ...[...latest.values()].filter((r) => isOut(r.state) || r.state === 'done' || sentByHand(r)).map((r) => r.index));
  const fromIndex = lastSent + 1;
  const history: HistoryRecord[] = [];
  // A step the owner cancelled after the last one sent stays cancelled (a terminal state): a pause resumed
  // or a payment removed does not bring it back. It keeps its slot for the later steps' spacing, and the new
  // plan holds no record for it (its cancelled record in the earlier plan stands).
  const cancelledByOwner = new Set<number>();
  input.scenario.steps.forEach((step, index) => {
    const record = latest.get(index);
    if (index >= fromIndex) {
      if (record && ownerCancelled(record)) {
        const h = toHistory(record, input.scenario);
        if (h) history.push(h);
        cancelledByOwner.add(index);
      }
      return;
    }
    const h = record && toHistory(record, input.scenario);
    history.push(h && h.state === 'sent' ? h : { stepId: step.id, state: 'skipped' });
  });
  const offsets = nominalOffsets(input.scenario.steps);
  return planReminders(planInput(input, history))
    .map((s, index): PlannedStepRecord => ({
      plan,
      index,
      stepId: s.stepId,
      templateId: s.templateId,
      beforeDue: (offsets[index] ?? 0) < 0,
      nominalDate: s.nominalDate,
      state: s.state === 'scheduled' ? 'scheduled' : 'skipped',
      ...(s.channel ? { channel: s.channel } : {}),
      ...(s.state === 'scheduled' ? { scheduledAt: s.scheduledAt, localTime: s.localTime } : { reason: 'due_passed' }),
      ...(s.state === 'scheduled' && s.reason ? { reason: s.reason } : {}),
    }))
    .filter((s) => s.index >= fromIndex && !cancelledByOwner.has(s.index))
    .map((s) => dueGuard(s, input.dueDate, input.calendar.timeZone));
};

/**
 * A before-due step skipped `due_passed` can go again: the due date was moved back later (a typo
 * corrected) and nothing of the invoice has gone out or been handled since (every step of the live
 * plan still `scheduled` or skipped `due_passed`, none sent, done or sent by hand in any plan), and a
 * new plan would now schedule it. Then the live plan is set aside and a new one recorded from the
 * first step, so the client reads "your invoice will soon be due" before the due date, as planned.
 * Only for a due date moved later than the one the step was planned for (its `nominalDate`).
 * Terminal records stay as they are: the new plan holds new records.
 */
export const courtesyCanGoAgain = (input: StepPlanInput, plan: number, recorded: readonly RecordedStep[]): boolean => {
  const live = recorded.filter((r) => r.plan === plan);
  const offsets = nominalOffsets(input.scenario.steps);
  // Skipped for a due date earlier than today's: the date was moved later since (not a step pushed past
  // the due date by the client gap or a holiday, which a new plan would only push again).
  const movedLater = (r: RecordedStep) => r.nominalDate !== undefined && r.nominalDate < addDays(input.dueDate, offsets[r.index] ?? 0);
  const skipped = live.filter((r) => r.state === 'skipped' && r.reason === 'due_passed' && (offsets[r.index] ?? 0) < 0 && input.scenario.steps[r.index]?.id === r.stepId && movedLater(r));
  if (skipped.length === 0) return false;
  if (!live.every((r) => r.state === 'scheduled' || (r.state === 'skipped' && r.reason === 'due_passed'))) return false;
  if (recorded.some((r) => isOut(r.state) || r.state === 'done' || sentByHand(r))) return false;
  const fresh = planNewSteps(input, plan + 1, recorded);
  return skipped.some((r) => fresh.some((s) => s.index === r.index && s.state === 'scheduled'));
};

/**
 * Where a recorded step stands in the scenario: its step's position when the scenario still has it
 * (an edit may have moved it); else (an edit removed it, or another scenario applies now) the last
 * step planned no later than it or, if further, the next one with the same text, so a new plan
 * neither drops a step nor repeats the text the client got.
 */
const positionIn = (input: Pick<StepPlanInput, 'scenario' | 'dueDate'>, r: RecordedStep): number => {
  const steps = input.scenario.steps;
  if (steps[r.index]?.id === r.stepId) return r.index;
  const own = steps.findIndex((s) => s.id === r.stepId);
  if (own >= 0) return own;
  const offset = r.nominalDate === undefined ? undefined : daysBetween(input.dueDate, r.nominalDate);
  const byDate = offset === undefined ? Math.min(r.index, steps.length - 1) : nominalOffsets(steps).filter((o) => o <= offset).length - 1;
  // The same text a little later in this scenario (a firm reminder the client already got): that one.
  const byText = steps.findIndex((s, i) => i >= byDate && r.templateId !== undefined && s.templateId === r.templateId);
  return Math.max(byDate, byText);
};

/** A step firing within this margin is left to its schedule: moving it would race the fire. */
export const IMMINENT_MS = 2 * 60_000;

export type StepChange =
  | { readonly ref: StepRef; readonly kind: 'move'; readonly from: string; readonly scheduledAt: string; readonly localTime: string }
  /** `nominalDate`: the step's date for the due date that made it pass (so a due date put back later can plan it again). */
  | { readonly ref: StepRef; readonly kind: 'skip'; readonly from: string; readonly reason: 'due_passed'; readonly nominalDate: string };

/**
 * Re-plans the `scheduled` steps of the live plan after an input changed (due date, scenario
 * timing, calendar, a payment's grace window, the client's last message). Terminal, sending and
 * imminent steps stay where they are and bound the others, so a later step never moves before an
 * earlier one and never shares its day. Returns only the steps that change.
 */
export const replanScheduled = (input: StepPlanInput, records: readonly RecordedStep[]): StepChange[] => {
  const latest = latestByIndex(records);
  const soon = input.now.getTime() + IMMINENT_MS;
  const pending = (r: RecordedStep) => r.state === 'scheduled' && r.scheduledAt !== undefined && Date.parse(r.scheduledAt) > soon;
  const historyOf = (keep: (r: RecordedStep) => boolean): HistoryRecord[] =>
    [...latest.values()].filter(keep).flatMap((r) => toHistory(r, input.scenario) ?? []);
  // A step waiting for its retry after a failed send (`retry`, 15 min, 2 h, 8 h … later) keeps that
  // time while its calendar place is already past: planned from `now` it would go to the next send
  // window (the next morning, Monday for a Friday failure), past the 24 h the retries have. It moves
  // only when its place itself moved later (the due date, the client's gap) or a payment's grace
  // window now covers it.
  const retrying = [...latest.values()].some((r) => pending(r) && r.reason === 'retry');
  const unhurried = retrying ? planReminders(planInput({ ...input, now: new Date(0) }, historyOf((r) => !pending(r)))) : [];
  const paidOn = input.lastPaymentAt ? utcToZoned(new Date(input.lastPaymentAt), input.calendar.timeZone).date : undefined;
  const inGrace = (at: string) => {
    const day = utcToZoned(new Date(at), input.calendar.timeZone).date;
    return paidOn !== undefined && day >= paidOn && day < addDays(paidOn, input.graceDaysAfterPayment);
  };
  const holdsRetry = (r: RecordedStep) =>
    r.reason === 'retry' && Date.parse(unhurried[r.index]?.scheduledAt ?? '') <= Date.parse(r.scheduledAt!) && !inGrace(r.scheduledAt!);
  const movable = (r: RecordedStep) => pending(r) && !holdsRetry(r);
  const history = historyOf((r) => !movable(r));
  const offsets = nominalOffsets(input.scenario.steps);
  const changes: StepChange[] = [];
  let floor = ''; // local date after which the next movable step must go (its predecessors' days)
  const pendingIds = new Set([...latest.values()].filter(movable).flatMap((r) => input.scenario.steps[r.index]?.id ?? []));
  const planned = planReminders({ ...planInput(input, history), pending: pendingIds });
  input.scenario.steps.forEach((_, index) => {
    const r = latest.get(index);
    if (!r) return;
    if (!movable(r)) {
      const at = r.state === 'scheduled' || ownerCancelled(r) ? r.scheduledAt : isOut(r.state) ? r.sentAt ?? r.at : undefined;
      if (at) floor = maxString(floor, utcToZoned(new Date(at), input.calendar.timeZone).date);
      return;
    }
    const p = planned[index];
    const beforeDue = (offsets[index] ?? 0) < 0;
    // The due date moved earlier and this before-due step's time is now past: skipped, never left
    // where it was (after the new due date, it would hold the overdue reminders back behind it).
    const nominalDate = addDays(input.dueDate, offsets[index] ?? 0);
    if (p && p.state === 'skipped' && beforeDue) {
      changes.push({ ref: r, kind: 'skip', from: r.scheduledAt!, reason: 'due_passed', nominalDate });
      return;
    }
    if (!p || p.state !== 'scheduled' || !p.scheduledAt || !p.localTime) return;
    let scheduledAt = p.scheduledAt;
    const day = utcToZoned(new Date(scheduledAt), input.calendar.timeZone).date;
    // Cannot happen with the planner's own ordering; kept so that order is a property of this function.
    if (floor && day <= floor) {
      const next = sendInstant(nextSendDay(addDays(floor, 1), input.calendar), input.calendar);
      scheduledAt = (channelOf(input.scenario.steps[index] ?? {}) === 'sms' ? nextSmsSlot(next, input.calendar) : next).toISOString();
    }
    const newDay = utcToZoned(new Date(scheduledAt), input.calendar.timeZone).date;
    if (beforeDue && newDay >= input.dueDate) {
      changes.push({ ref: r, kind: 'skip', from: r.scheduledAt!, reason: 'due_passed', nominalDate });
      return;
    }
    floor = maxString(floor, newDay);
    if (scheduledAt !== r.scheduledAt) changes.push({ ref: r, kind: 'move', from: r.scheduledAt!, scheduledAt, localTime: localDateTimeOf(new Date(scheduledAt), input.calendar.timeZone) });
  });
  return changes;
};

const maxString = (a: string, b: string): string => (b > a ? b : a);

/** Failed sends are retried after 15 min, 2 h, 8 h, … but never past 24 h after the first failure. */
export const RETRY_WINDOW_MS = 24 * 3_600_000;
const RETRY_DELAYS_MS = [15 * 60_000, 2 * 3_600_000, 8 * 3_600_000, 12 * 3_600_000];

export const nextRetryAt = (failures: number, firstFailedAt: Date, now: Date): Date | undefined => {
  const delay = RETRY_DELAYS_MS[Math.min(failures - 1, RETRY_DELAYS_MS.length - 1)] ?? RETRY_DELAYS_MS[0]!;
  const at = new Date(Math.ceil((now.getTime() + delay) / 60_000) * 60_000);
  return at.getTime() - firstFailedAt.getTime() <= RETRY_WINDOW_MS ? at : undefined;
};

/** The lease of a step being sent: longer than the sender can run, so an expired one means a crash. */
export const SEND_LEASE_MS = 5 * 60_000;

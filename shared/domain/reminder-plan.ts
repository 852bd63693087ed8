import { addDays, daysBetween } from './dates.js';
import type { InvoiceStatus } from './invoice.js';
import { ESCALATE_STEP_ID } from './escalation.js';
import { channelOf, nominalOffsets, type Channel, type Scenario } from './scenario.js';
import { lastSendDayBefore, nextSendDay, sendInstant, type SendCalendar } from './send-calendar.js';
import { nextSmsSlot } from './sms-window.js';
import { localDateTimeOf, utcToZoned } from './zoned-time.js';

/** `done` only comes from a recorded action step (the escalation), never from the planner. */
export type StepState = 'scheduled' | 'skipped' | 'sent' | 'failed' | 'cancelled' | 'done';
export type CancelReason = 'paid' | 'cancelled' | 'paused' | 'disputed' | 'draft' | 'litigation' | 'written_off';

export interface PlanInvoice {
  dueDate: string;
  status: InvoiceStatus;
  remindersPaused: boolean;
  disputed: boolean;
  balanceCents: number;
  /** ISO instant the plan started (invoice sent or imported); absent = `now`. */
  sentAt?: string;
  lastPaymentAt?: string;
}

export interface StepRecord {
  stepId: string;
  state: 'sent' | 'skipped' | 'failed' | 'cancelled';
  at?: string;
  /** Why it was cancelled or skipped; `owner_cancelled` keeps its slot (`at` = when it was due to go out). */
  reason?: string;
}

/**
 * A step the owner cancelled (from the daily overview or the invoice) still holds its place in
 * the plan: the later steps keep their spacing from its slot, as if it had gone out, without it
 * counting as a message to the client. Otherwise cancelling today's catch-up reminder would bring
 * the next, firmer one forward to the same hour ("second reminder" with no first one).
 */
const holdsItsSlot = (record: StepRecord): boolean => record.state === 'cancelled' && record.reason === 'owner_cancelled' && record.at !== undefined;

export interface PlanInput {
  invoice: PlanInvoice;
  scenario: Scenario;
  calendar: SendCalendar;
  history: readonly StepRecord[];
  now: Date;
  /** Days between two messages to the client (any invoice); default 3. */
  minGapDays?: number;
  /** No step within this many days after a payment; default 3. */
  graceDaysAfterPayment?: number;
  /** Last message sent to this client for any invoice, ISO instant. */
  lastMessageToClientAt?: string;
  /**
   * A re-plan: the steps still pending in the recorded plan. One of them whose new time today has already
   * passed (the owner moved the send hour earlier, or the zone east, after it was planned) was never
   * missed: a courtesy step goes at the next send window while that is before the due date, not skipped.
   */
  pending?: ReadonlySet<string>;
}

export interface PlannedStep {
  stepId: string;
  templateId: string;
  state: StepState;
  /** UTC ISO instant, whole minutes. */
  scheduledAt?: string;
  /** `YYYY-MM-DDTHH:mm:ss` in the calendar's zone, for the Scheduler's `at()`. */
  localTime?: string;
  /** Why a step is cancelled (`paid`…), skipped (`due_passed`) or moved (`catch-up`). */
  reason?: string;
  /** Due date + the scenario's offsets, before any move. */
  nominalDate: string;
  /** Present when not `email`. */
  channel?: Channel;
  /**
   * A recorded step: meant for before the due date (it was planned with a negative offset), so never sent
   * on or after the due date. Its `nominalDate` is the one of the due date it was planned for: a due date
   * moved later since leaves the overdue steps' nominal dates before the new due date, yet they are not courtesy steps.
   */
  beforeDue?: boolean;
}

const cancelReason = (invoice: PlanInvoice): CancelReason | undefined => {
  if (invoice.status === 'cancelled') return 'cancelled';
  if (invoice.status === 'draft') return 'draft';
  if (invoice.status === 'written_off') return 'written_off';
  if (invoice.status === 'paid' || invoice.balanceCents <= 0) return 'paid';
  if (invoice.status === 'litigation') return 'litigation';
  if (invoice.disputed) return 'disputed';
  if (invoice.remindersPaused) return 'paused';
  return undefined;
};

const maxDate = (...dates: (string | undefined)[]): string =>
  dates.filter((d): d is string => d !== undefined).reduce((a, b) => (b > a ? b : a));

/**
 * The reminder plan of one invoice: which step goes out when, and which are skipped or cancelled.
 * Rules (PRODUCT.md catch-up rule, DOMAIN.md §1):
 * - a step's date is the due date + offset, or the previous step's date + offset; when a step goes
 *   out later than its calendar date (catch-up, minimum gap, grace window), the later steps move
 *   with it so they keep the scenario's spacing and the tone escalates at the scenario's pace (an
 *   after-due step: a courtesy step delayed before the due date moves nothing after it);
 * - it goes out at `sendHour` local on the first send day on or after that date;
 * - a step whose time passed before the plan started (or before `now`) is skipped if it was meant
 *   for before the due date; otherwise it goes out at the next send window after that moment;
 * - one step per local day per invoice, `minGapDays` between two messages to the client, nothing
 *   within `graceDaysAfterPayment` days after a payment (in the calendar's local dates);
 * - steps in `history` keep their recorded state.
 * Replanning with the firing step recorded gives the same dates for the steps after it (tested),
 * so schedules only move when an input really changed. A step whose time is not after `now` counts
 * as missed: at send time, record the step as sent/sending before replanning.
 */
export const planReminders = (input: PlanInput): PlannedStep[] => {
  const { invoice, scenario, calendar, now, minGapDays = 3, graceDaysAfterPayment = 3 } = input;
  const tz = calendar.timeZone;
  const recorded = new Map(input.history.map((r) => [r.stepId, r]));
  const offsets = nominalOffsets(scenario.steps);
  const cancel = cancelReason(invoice);
  const start = invoice.sentAt ? new Date(invoice.sentAt) : now;
  const earliest = start > now ? start : now;
  const earliestDate = utcToZoned(earliest, tz).date;
  const paidOn = invoice.lastPaymentAt ? utcToZoned(new Date(invoice.lastPaymentAt), tz).date : undefined;
  const grace = paidOn ? { from: paidOn, until: addDays(paidOn, graceDaysAfterPayment) } : undefined;

  // Messages from steps the scenario no longer has still count for the minimum gap.
  const stepIds = new Set(scenario.steps.map((s) => s.id));
  const earlierMessages = [input.lastMessageToClientAt]
    .concat(input.history.filter((r) => r.state === 'sent' && !stepIds.has(r.stepId)).map((r) => r.at))
    .filter((at): at is string => at !== undefined)
    .map((at) => new Date(at));
  let lastSent: Date | undefined = earlierMessages.reduce<Date | undefined>((a, b) => (a && a > b ? a : b), undefined);
  let lastStepDate: string | undefined; // local date of this invoice's latest step out or scheduled
  let previousDate: string | undefined;
  let shift = 0; // days later steps move so they keep their spacing from a delayed step

  /**
   * A step that went out (or will) later than its calendar date carries later steps with it. Not a
   * before-due (courtesy) step: the overdue reminders keep their pace from the due date, so a J-5
   * pushed a few days by the client gap does not hold the J+1 back by as many days after the due
   * date (the gap from it and one step a day still apply).
   */
  const carry = (actual: string, base: string, nominal: string, channel: Channel): void => {
    if (nominal < invoice.dueDate) return;
    // A text's own window (21:00 → 08:00 the next day, a Sunday) is where it goes anyway, not a delay: carried, every
    // text of a 21:00 tenant moved the later ones a day more.
    if (actual > utcToZoned(slotOn(nextSendDay(base, calendar), channel), tz).date) shift = daysBetween(nominal, actual);
  };

  /**
   * When a step on `channel` would go out on `date`: the send hour, or for a text the first slot of the SMS
   * window from it (08:00 when the send hour is earlier): a re-plan at 07:30 with a 07:00 send hour still has
   * that day's 08:00 for a text, not only the next day's.
   */
  const slotOn = (date: string, channel: Channel): Date => {
    const instant = sendInstant(date, calendar);
    return channel === 'sms' ? nextSmsSlot(instant, calendar) : instant;
  };

  /** First send day on or after `floor` outside the grace window and, if given, whose slot is after `notBefore`. */
  const placeFrom = (floor: string, notBefore?: Date, channel: Channel = 'email'): string => {
    let date = nextSendDay(floor, calendar);
    for (let i = 0; i < 10; i++) {
      if (grace && date >= grace.from && date < grace.until) date = nextSendDay(grace.until, calendar);
      else if (notBefore && slotOn(date, channel) <= notBefore) date = nextSendDay(addDays(date, 1), calendar);
      else break;
    }
    return date;
  };

  return scenario.steps.map((step, index): PlannedStep => {
    const nominalDate = addDays(invoice.dueDate, offsets[index] ?? step.offsetDays);
    const anchored =
      step.anchor === 'previous' && previousDate !== undefined
        ? addDays(previousDate, step.offsetDays)
        : addDays(nominalDate, shift);
    // The escalation follows the last step that went (or goes) out. When none of the scenario's steps could (a courtesy
    // J-5 alone, missed by an invoice sent overdue), it counts from the day the invoice was sent: it was caught up at
    // once, the invoice in litigation the next send day with no reminder ever sent.
    const base = step.id === ESCALATE_STEP_ID && lastStepDate === undefined ? maxDate(anchored, addDays(utcToZoned(start, tz).date, step.offsetDays)) : anchored;
    const calendarDate = nextSendDay(base, calendar);
    const channel = channelOf(step);
    const common = { stepId: step.id, templateId: step.templateId, nominalDate, ...(channel !== 'email' ? { channel } : {}) };

    const record = recorded.get(step.id);
    if (record) {
      const at = record.at ? new Date(record.at) : undefined;
      const date = at ? utcToZoned(at, tz).date : calendarDate;
      previousDate = date;
      if (record.state === 'sent' || (record.state === 'failed' && at) || holdsItsSlot(record)) {
        carry(date, base, nominalDate, channel);
        lastStepDate = lastStepDate && lastStepDate > date ? lastStepDate : date;
      }
      // A step skipped when it fired (its address failing) sent nothing, but the later steps keep
      // their spacing from its time: without it they would fall back to the due date's calendar
      // and catch up at once (J+8 the day after a caught-up J+1, the whole scenario in a few days).
      if (record.state === 'skipped' && at) carry(date, base, nominalDate, channel);
      if (record.state === 'sent' && at && (!lastSent || at > lastSent)) lastSent = at;
      return { ...common, state: record.state, ...(at && { scheduledAt: at.toISOString(), localTime: localDateTimeOf(at, tz) }) };
    }

    previousDate = calendarDate;
    if (cancel) return { ...common, state: 'cancelled', reason: cancel };

    // The catch-up rule: a before-due step whose own time (its calendar day, or the last send day before the
    // due date when that day runs into it) passed before the invoice entered its plan was missed, and is
    // skipped. The client's gap or an earlier step may push a step later, never bring a missed one back: it
    // once put a J-5 missed while a payment plan ran on the day the gap allowed, where the dry run skipped it.
    // A step still pending in a re-plan was not missed (its own time is where the plan had put it).
    if (nominalDate < invoice.dueDate && !input.pending?.has(step.id)) {
      const own = calendarDate < invoice.dueDate ? calendarDate : lastSendDayBefore(invoice.dueDate, earliestDate, calendar);
      if (!own || slotOn(own, channel) <= earliest) return { ...common, state: 'skipped', reason: 'due_passed' };
    }

    // Where the step would go, ignoring the clock; "missed" when that moment is already past.
    const floor = maxDate(base, lastStepDate && addDays(lastStepDate, 1), lastSent && addDays(utcToZoned(lastSent, tz).date, minGapDays));
    let wanted = placeFrom(floor);
    // A before-due step whose day is a weekend or holiday running into the due date (J-1 of an
    // invoice due on a Monday) goes on the last send day before the due date, when that day is
    // still ahead and free; else it would be skipped, the client never getting the courtesy.
    if (nominalDate < invoice.dueDate && wanted >= invoice.dueDate) {
      const before = lastSendDayBefore(invoice.dueDate, maxDate(lastStepDate && addDays(lastStepDate, 1), lastSent && addDays(utcToZoned(lastSent, tz).date, minGapDays), earliestDate), calendar);
      if (before && sendInstant(before, calendar) > earliest && !(grace && before >= grace.from && before < grace.until)) wanted = before;
    }
    const missed = slotOn(wanted, channel) <= earliest;
    // Pending in a re-plan, on today's date, only its hour past: not missed, it goes at the next window.
    const hourPassed = missed && wanted >= earliestDate && (input.pending?.has(step.id) ?? false);
    // Missed, or pushed (by the client gap, an earlier step) onto or past the due date: skipped. It
    // sends nothing, so it carries no delay to the later steps (a J-5 pushed past the due date by
    // the gap once moved the caught-up J+1 a week further).
    if (nominalDate < invoice.dueDate && ((missed && !hourPassed) || wanted >= invoice.dueDate)) return { ...common, state: 'skipped', reason: 'due_passed' };
    let date = missed ? placeFrom(maxDate(wanted, earliestDate), earliest, channel) : wanted;
    if (nominalDate < invoice.dueDate && date >= invoice.dueDate) return { ...common, state: 'skipped', reason: 'due_passed' };
    let instant = sendInstant(date, calendar);
    if (channel === 'sms') {
      // A text outside 08:00–20:00, on a Sunday or a holiday waits for the next allowed slot.
      instant = nextSmsSlot(instant, calendar);
      date = utcToZoned(instant, tz).date;
    }
    carry(date, base, nominalDate, channel);
    previousDate = date;
    lastStepDate = date;
    lastSent = instant;
    return {
      ...common,
      state: 'scheduled',
      scheduledAt: instant.toISOString(),
      localTime: localDateTimeOf(instant, tz),
      ...(missed && { reason: 'catch-up' }),
    };
  });
};

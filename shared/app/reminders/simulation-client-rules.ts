/**
 * The client rules of the send path, replayed over a dry run's planned sends (PRODUCT.md item 7:
 * what the program *would* send). Each invoice's plan places its own steps; at fire time the engine
 * then (send-reminder.ts `decide`, grouped-send.ts):
 * - sends an invoice's steps in scenario order, at most one per invoice per local day (`order`, `same_day`);
 * - groups a client's steps of one channel due the same send day into one message (`groupByClient`); not
 *   grouped, gives a window several of them contend for to the most overdue invoice (`compareSendRank`; a payment
 *   plan's reminder by its instalment's date); grouped, a plan's reminder (never grouped) and the message of the
 *   scenario steps contend the same way;
 * - sends a text after the same day's email to the client (`email_first`): a minute past it, inside the
 *   texts' window (08:00–20:00, no Sunday or holiday), else at the next slot allowed for texts;
 * - moves a message within `minGapDays` of the client's previous one past the gap (`gap`);
 * - skips an overdue member's gentler steps that a firmer grouped message stood for (`group_sent`);
 * - skips a courtesy step a move would put on or past its due date (`due_passed`), then re-plans its invoice's later
 *   steps without the gap their plan kept after it (`courtesy_skipped`: earlier than recorded);
 * then re-plans the invoice from the step sent (reminder-plan.ts): an after-due step that went out
 * later than its schedule carries the invoice's later steps with it, which keep their spacing from
 * it (a courtesy step delayed before the due date moves nothing after it); a step anchored on the
 * step before it follows that one's day.
 * Pure: the same rules on the same inputs, so the simulation matches what goes out.
 */
import { addDays, daysBetween, localDate } from '../../domain/dates.js';
import type { Channel } from '../../domain/scenario.js';
import { nextSendDay, sendInstant, type SendCalendar } from '../../domain/send-calendar.js';
import { PLAN_TEMPLATES } from '../../domain/payment-plan.js';
import type { TemplateTone } from '../../domain/default-templates.js';
import { compareSendRank, mostAdvanced, rankDate, type SendRank } from '../../domain/grouped-reminder.js';
import { MANUAL_COVER_MS } from '../../domain/reminder-steps.js';
import { EMAIL_FIRST_DELAY_MS, nextSmsSlot } from '../../domain/sms-window.js';

export interface PlannedSend {
  readonly invoiceId: string;
  readonly invoiceLabel: string;
  /** The step's rank in its invoice's plan (scenario order). */
  readonly rank: number;
  readonly channel: Channel;
  readonly templateId: string;
  /** When its own schedule puts it. */
  readonly at: string;
  /** A before-due step: never sent on or after this local date (its due date). */
  readonly noSendFrom?: string;
  /** A payment plan's step: the plan's end (its plan check, an instant), when its steps still to go are cancelled. */
  readonly cancelFrom?: string;
  /** Its template's tone: a grouped message takes its most advanced member's (absent: not known, nothing covered). */
  readonly tone?: TemplateTone;
  /** The invoice's due date: overdue members of a firmer grouped message have their gentler steps covered; ungrouped, the most overdue goes first. */
  readonly dueDate?: string;
  /**
   * A payment plan's step: its instalment's due date, which it ranks by instead of its invoice's (the money it speaks of:
   * grouped-reminder.ts `rankDate`, ADR 0006 addendum).
   */
  readonly instalmentDue?: string;
  /** The step's position in its scenario (the engine's record index; `rank` when absent): ungrouped, the more advanced step of two invoices due the same day goes first. */
  readonly position?: number;
  /**
   * A scenario step's nominal date (due date + its offset) and, for one anchored on the step before it,
   * its offset from that step: what the engine re-plans it from once an earlier step went out late.
   */
  readonly nominalDate?: string;
  readonly afterPreviousDays?: number;
  /**
   * A scenario step after a courtesy step still to go: where the engine re-plans it once that courtesy step is skipped
   * `due_passed` (reconcile-schedules.ts `courtesySkippedReplan`), earlier than recorded when the plan kept it the gap
   * after the courtesy step. Absent: the same time.
   */
  readonly courtesySkippedAt?: string;
}

export interface ClientRules {
  readonly calendar: SendCalendar;
  readonly minGapDays: number;
  readonly groupByClient: boolean;
  /** Local date of the client's last message, if any. */
  readonly lastMessageDate?: string;
  /**
   * Each invoice's last reminder, dated in the tenant's zone of now (reminder-slot.ts `lastReminderDayIn`): a send
   * planned on that day waits for the next (`same_day`), as the send path's slot holds it.
   */
  readonly lastReminderDays?: ReadonlyMap<string, string>;
}

export interface ReplayedSend {
  /** When it would go out (a grouped step: with the first of its message). */
  readonly at: string;
  /** Why it goes later than its own schedule (the last rule that moved it). */
  readonly movedBy?: 'gap' | 'same_day' | 'order' | 'email_first' | 'text_first' | 'courtesy_skipped';
  /** The same message's other invoices (their numbers), when grouped. */
  readonly groupedWith?: readonly string[];
  /**
   * A before-due step moved onto or past its due date is not sent; a step a firmer grouped message stood for neither
   * (grouped-send.ts), nor a payment plan's step moved past the plan's end (`plan_ended`).
   */
  readonly skipped?: 'due_passed' | 'group_sent' | 'plan_ended';
}

const PLAN_TEMPLATE_IDS: ReadonlySet<string> = new Set(Object.values(PLAN_TEMPLATES));
/** An instalment reminder of a payment plan (never grouped with scenario steps). */
export const isPlanTemplate = (templateId: string): boolean => PLAN_TEMPLATE_IDS.has(templateId);
// The email of a day goes first, the text waits for it (email_first), the letter, posted by hand, for both (text_first).
const CHANNEL_ORDER: Record<Channel, number> = { email: 0, sms: 1, letter: 2 };
/** Far more moves than any plan needs; guards against a calendar without send days. */
const MAX_MOVES = 1000;

/** One client's planned sends, in the order and on the days the engine would send them (same index as `sends`). */
export const replayClientRules = (sends: readonly PlannedSend[], rules: ClientRules): ReplayedSend[] => {
  const { calendar, minGapDays, groupByClient } = rules;
  // Memoised: the sort below compares by day on every round, and a client's sends share a few instants. Formatting each
  // time (Intl) made a dry run over 30 ungrouped invoices take 28 s (GET /invoices/{id}/reminders, the overview).
  const dayCache = new Map<string, string>();
  const dayOf = (at: string) => {
    let day = dayCache.get(at);
    if (day === undefined) dayCache.set(at, (day = localDate(new Date(at), calendar.timeZone)));
    return day;
  };
  const onDay = (date: string) => sendInstant(nextSendDay(date, calendar), calendar).toISOString();
  // A text keeps to its window wherever a rule moves it (send-reminder.ts `slotOf`).
  const slot = (channel: Channel, iso: string) => (channel === 'sms' ? nextSmsSlot(new Date(iso), calendar).toISOString() : iso);
  // `carriedFrom`: the day the re-plan after an earlier late step put it on (before the send calendar), see `carry`.
  // `planned`: where its invoice's plan puts it, `at` until a courtesy step skipped before it re-plans it earlier.
  const pending = sends.map((s, index) => ({ ...s, index, current: s.at, planned: s.at, movedBy: undefined as ReplayedSend['movedBy'], carriedFrom: undefined as string | undefined }));
  const result: ReplayedSend[] = new Array(sends.length);
  const messages = new Map<string, { at: string; members: number[]; plan: boolean; covered?: (typeof pending)[number][] }>();
  const invoiceDays = new Map<string, Set<string>>([...(rules.lastReminderDays ?? [])].map(([id, day]) => [id, new Set([day])]));
  let lastDay = rules.lastMessageDate;
  // Steps of one channel due at the same instant contend for the client's window: the most overdue invoice takes it
  // (send-reminder.ts `outrankingStep`, ADR 0005), whatever order their schedules fire in. Grouped, the scenario steps
  // the first of them takes along go as one message, so they rank as their best member, and a payment plan's reminder
  // (never grouped) goes before them or waits for the gap by that rank (ADR 0006).
  // A plan's reminder ranks by its instalment's date, as the engine does (`rankDate`).
  const rankOf = (p: PlannedSend): SendRank => ({ dueDate: rankDate(p, p.dueDate ?? ''), position: p.position ?? p.rank, label: p.invoiceLabel });
  const earliest = (a: (typeof pending)[number], b: (typeof pending)[number]) =>
    dayOf(a.current).localeCompare(dayOf(b.current)) || CHANNEL_ORDER[a.channel] - CHANNEL_ORDER[b.channel] || a.current.localeCompare(b.current) ||
    compareSendRank(rankOf(a), rankOf(b)) || a.index - b.index;
  // Not sent after all: out of the replay, so it holds no later step of its invoice back (`order`). `firedAt`: when its
  // schedule fires and the engine skips it (before the move that would put it on its due date).
  const drop = (item: (typeof pending)[number], skipped: NonNullable<ReplayedSend['skipped']>, firedAt = item.current) => {
    pending.splice(pending.indexOf(item), 1);
    result[item.index] = { at: item.current, skipped, ...(item.movedBy ? { movedBy: item.movedBy } : {}) };
    if (skipped === 'due_passed' && !isPlanTemplate(item.templateId)) bringForward(item, firedAt);
  };
  // A courtesy step skipped when it fires sent nothing: the engine's re-plan then (reconcile-schedules.ts
  // `courtesySkippedReplan`) no longer keeps the invoice's later steps the gap after it that their plan left them, and
  // they go earlier than recorded (J+1 on its own day, not the day after that gap), at the next send window after the
  // fire at the earliest (a re-plan places a step whose time passed there). The client rules then apply to them as to any.
  const bringForward = (skipped: (typeof pending)[number], firedAt: string) => {
    for (const p of pending) {
      if (p.invoiceId !== skipped.invoiceId || p.rank <= skipped.rank || !p.courtesySkippedAt) continue;
      let at = p.courtesySkippedAt;
      if (at <= firedAt) {
        at = onDay(dayOf(firedAt));
        if (at <= firedAt) at = onDay(addDays(dayOf(firedAt), 1));
      }
      at = slot(p.channel, at);
      if (at >= p.current) continue;
      p.current = at;
      p.planned = at;
      p.carriedFrom = undefined;
      p.movedBy = 'courtesy_skipped';
    }
  };
  // Why a step at its current time is not sent: a before-due step on or past its due date, a plan's step at or past the plan's end.
  const stale = (item: (typeof pending)[number]): NonNullable<ReplayedSend['skipped']> | undefined =>
    item.noSendFrom && dayOf(item.current) >= item.noSendFrom ? 'due_passed' : item.cancelFrom && item.current >= item.cancelFrom ? 'plan_ended' : undefined;
  const move = (item: (typeof pending)[number], date: string, why: NonNullable<ReplayedSend['movedBy']>) => {
    const firedAt = item.current;
    item.current = slot(item.channel, onDay(date));
    item.movedBy = why;
    // The engine skips a step the move would put on or past its due date instead of moving it (send-reminder.ts
    // `moveTo`), and the plan check cancels a plan's step still pending: neither then waits in front of the later steps.
    const skipped = stale(item);
    if (skipped) {
      drop(item, skipped, firedAt);
      return;
    }
    // The engine re-plans the invoice's later steps as soon as a fire moves a step (not only once it went out):
    // a firmer grouped message in between then finds them where the move put them (group_sent covers a step due
    // within 8 days of it, not one the move carried past that).
    if (why === 'gap' || why === 'same_day') {
      const day = dayOf(item.current);
      if (day > dayOf(item.planned)) carry(item, day, day > (item.carriedFrom ? dayOf(onDay(item.carriedFrom)) : dayOf(item.planned)));
    }
  };
  // An overdue member of a firmer grouped message: its pending email steps that text stands for are skipped,
  // as the engine records them (manual-coverage.ts `skipStepsSentInGroup`, reminder-steps.ts `coveredByManual`).
  // Applied again as each invoice joins the message (its lead may get firmer): the steps it already skipped count as
  // pending, so it stands for the same ones, never the next step with that text too (manual-coverage.ts `stepsSentInGroup`).
  const cover = (message: { at: string; members: number[]; covered?: (typeof pending)[number][] }, day: string) => {
    const members = message.members.map((i) => sends[i]!);
    if (members.length < 2 || members.some((m) => !m.tone || m.channel !== 'email')) return;
    const lead = mostAdvanced(members.map((m) => ({ tone: m.tone!, position: m.rank, templateId: m.templateId })));
    const covered = (message.covered ??= []);
    for (const m of members) {
      if (m.templateId === lead.templateId || !m.dueDate || m.dueDate >= day) continue;
      const later = [...pending, ...covered].filter((p) => p.invoiceId === m.invoiceId && p.rank > m.rank && p.channel === 'email' && !isPlanTemplate(p.templateId)).sort((a, b) => a.rank - b.rank);
      const match = later.findIndex((p) => p.templateId === lead.templateId);
      if (match < 0) continue;
      const soon = Date.parse(later[match]!.current) <= Date.parse(message.at) + MANUAL_COVER_MS;
      for (const p of later.slice(0, soon ? match + 1 : match)) {
        if (covered.includes(p)) continue;
        pending.splice(pending.indexOf(p), 1);
        covered.push(p);
        result[p.index] = { at: p.current, skipped: 'group_sent', ...(p.movedBy ? { movedBy: p.movedBy } : {}) };
      }
    }
  };
  // What the engine's re-plan does once a step went out on `day`, later than its schedule: the invoice's
  // later steps anchored on the due date move by as many days as it went out after its nominal date (an
  // after-due step only: reminder-plan.ts `carry`), the next one anchored on it goes its offset after it.
  // `late`: it went out later than the day its plan (or an earlier carry) put it on, the engine's `actual > nextSendDay(base)`.
  // Step by step, as the planner walks the scenario: each later step at least a day, and the client's gap, after
  // the one before it (its own previous message), at the send hour, a text in its window; one that lands later
  // than its own base day carries the next ones in turn (a gap of 10 days pushes J+8, then J+15, not J+8 alone).
  const carry = (sent: (typeof pending)[number], day: string, late: boolean) => {
    const overdue = (p: typeof sent) => p.nominalDate !== undefined && p.dueDate !== undefined && p.nominalDate >= p.dueDate;
    let shift = late && overdue(sent) ? daysBetween(sent.nominalDate!, day) : undefined;
    let previous = day;
    let previousMoved = true;
    const later = pending.filter((p) => p.invoiceId === sent.invoiceId && p.rank > sent.rank).sort((a, b) => a.rank - b.rank);
    for (const p of later) {
      const from = p.afterPreviousDays !== undefined ? (previousMoved ? addDays(previous, p.afterPreviousDays) : undefined) : shift !== undefined && p.nominalDate ? addDays(p.nominalDate, shift) : undefined;
      previousMoved = false;
      if (from !== undefined) {
        const floor = addDays(previous, Math.max(1, minGapDays));
        const at = slot(p.channel, onDay(floor > from ? floor : from));
        if (at > p.current) {
          p.current = at;
          p.movedBy = sent.movedBy;
          p.carriedFrom = from;
          previousMoved = true;
        }
        const landed = dayOf(p.current);
        if (overdue(p) && landed > nextSendDay(from, calendar)) shift = daysBetween(p.nominalDate!, landed);
      }
      previous = dayOf(p.current);
    }
  };
  for (let guard = 0; pending.length > 0 && guard < sends.length * MAX_MOVES; guard++) {
    pending.sort(earliest);
    const item = pending[0]!;
    const day = dayOf(item.current);
    // Scenario order: an earlier step of the invoice still to go goes first.
    const before = pending.find((p) => p.invoiceId === item.invoiceId && p.rank < item.rank);
    if (before) {
      move(item, addDays(dayOf(before.current), 1), 'order');
      continue;
    }
    const skipped = stale(item);
    if (skipped) {
      drop(item, skipped);
      continue;
    }
    const days = invoiceDays.get(item.invoiceId) ?? new Set<string>();
    if (days.has(day)) {
      move(item, addDays(day, 1), 'same_day');
      continue;
    }
    // The client's email of the day goes first: a text due before it waits a minute past it, a letter a minute
    // past the day's email and text (send-reminder.ts `messageDueFirst`).
    const email = item.channel === 'sms' || item.channel === 'letter' ? messages.get(`${day}|email`) : undefined;
    const text = item.channel === 'letter' ? messages.get(`${day}|sms`) : undefined;
    const ahead = Math.max(...[email, text].map((m) => (m ? Date.parse(m.at) : -Infinity)));
    if (ahead > -Infinity && Date.parse(item.current) < ahead + EMAIL_FIRST_DELAY_MS) {
      const after = new Date(Math.ceil((ahead + EMAIL_FIRST_DELAY_MS) / 60_000) * 60_000).toISOString();
      item.current = slot(item.channel, after);
      item.movedBy = email ? 'email_first' : 'text_first';
      continue;
    }
    const plan = isPlanTemplate(item.templateId);
    const key = `${day}|${item.channel}`;
    const message = messages.get(key);
    if (message && groupByClient && !plan && !message.plan) {
      message.members.push(item.index);
    } else if (lastDay && lastDay > addDays(day, -minGapDays)) {
      move(item, addDays(lastDay, minGapDays), 'gap');
      continue;
    } else {
      messages.set(key, { at: item.current, members: [item.index], plan });
      lastDay = day;
    }
    days.add(day);
    invoiceDays.set(item.invoiceId, days);
    pending.shift();
    result[item.index] = { at: messages.get(key)!.at, ...(item.movedBy ? { movedBy: item.movedBy } : {}) };
    cover(messages.get(key)!, day);
    // Later than its plan said: the step anchored on it follows; later than its plan's (or a carry's) day, the others too.
    if (day > dayOf(item.planned)) carry(item, day, day > (item.carriedFrom ? dayOf(onDay(item.carriedFrom)) : dayOf(item.planned)));
  }
  for (const { members } of messages.values()) {
    if (members.length < 2) continue;
    // Named in the order the sends were given, whichever of them the rank put first.
    const listed = [...members].sort((a, b) => a - b);
    for (const i of members) result[i] = { ...result[i]!, groupedWith: listed.filter((j) => j !== i).map((j) => sends[j]!.invoiceLabel) };
  }
  // A send the guard stopped keeps its own time (never reached with a calendar that has send days).
  return result.map((r, i) => r ?? { at: sends[i]!.at });
};

/**
 * Pure rules of the grouped reminder (several invoices of one client in one message): its rows,
 * its tone, and which PDFs fit in it.
 */
import { daysBetween } from './dates.js';
import type { TemplateTone } from './default-templates.js';
import { isEscalation } from './escalation.js';
import { isPlanStep } from './payment-plan.js';
import { channelOf, nominalOffsets, type Channel, type ScenarioStep } from './scenario.js';

/**
 * Attachments of one message stay under 7 MB of PDF: SES accepts 40 MB per message, base64 makes
 * 7 MB about 9.5 MB, and many receiving servers refuse messages above 10–25 MB.
 */
export const MAX_ATTACHMENT_BYTES = 7 * 1024 * 1024;

/** At most this many invoices in one message (one transaction claims them all: 2 items each + the client, ≤ 100). */
export const MAX_GROUP_SIZE = 40;

export interface GroupRow {
  readonly number: string;
  readonly dueDate: string;
  readonly balanceCents: number;
  /** Days past the due date at `asOf` (0 before it). */
  readonly daysLate: number;
}

export const groupRows = (invoices: readonly { number: string; dueDate: string; balanceCents: number }[], asOf: string): GroupRow[] =>
  invoices.map((i) => ({ ...i, daysLate: Math.max(0, daysBetween(i.dueDate, asOf)) }));

const TONE_RANK: Record<TemplateTone, number> = { courtesy: 0, reminder: 1, firm: 2, 'formal-notice': 3 };

/**
 * The template a grouped message takes its tone from: the firmest tone, then the step furthest in its
 * scenario, then the latest due date first listed. Never empty input.
 */
export const mostAdvanced = <T extends { tone: TemplateTone; position: number }>(candidates: readonly T[]): T =>
  candidates.reduce((best, c) => (TONE_RANK[c.tone] > TONE_RANK[best.tone] || (TONE_RANK[c.tone] === TONE_RANK[best.tone] && c.position > best.position) ? c : best));

/**
 * Which attachments (sizes in bytes, in order of importance) go in a message of at most `budget`
 * bytes: each one that still fits, in order; one that does not is left out and the next tried.
 */
export const fitAttachments = (sizes: readonly number[], budget: number): boolean[] => {
  let left = budget;
  return sizes.map((size) => {
    if (size > left) return false;
    left -= size;
    return true;
  });
};

/** What the default template of a manual reminder reads of a recorded step. */
export interface RecordedStepRef {
  readonly stepId: string;
  readonly templateId: string;
  readonly state: string;
  readonly plan: number;
  readonly index: number;
  readonly manual?: boolean;
  readonly channel?: Channel;
}

/**
 * The template of a reminder the owner sends by hand without naming one: the invoice's next email
 * or letter step when its plan has one scheduled; else the scenario step that matches how late the
 * invoice is (the last one whose nominal day has come, the first one before the due date), never
 * below the furthest step already sent (a manual reminder counts where its template stands), and
 * never more than one step past it (the client never reminded gets the first overdue reminder, as
 * the catch-up rule sends it). Never the escalation step (it sends nothing) nor an SMS step's short
 * text (the manual reminder is an email). Undefined for a scenario with no such step.
 *
 * Without this, an invoice whose plan is not recorded (reminders switched off for the client or the
 * tenant, or an invoice sent a second ago) got the scenario's last step: a mise en demeure saying
 * "despite our reminders" for an invoice two days late.
 */
export const manualTemplateId = (
  scenario: { readonly steps: readonly ScenarioStep[] },
  records: readonly RecordedStepRef[],
  dueDate: string,
  today: string,
): string | undefined => {
  const usable = (s: { stepId: string; channel?: Channel }) => !isEscalation(s) && channelOf(s) !== 'sms';
  const scenarioRecords = records.filter((r) => !r.manual && r.plan > 0 && !isPlanStep(r));
  const pending = scenarioRecords.find((r) => usable(r) && r.state === 'scheduled');
  if (pending) return pending.templateId;
  const offsets = nominalOffsets(scenario.steps);
  const candidates = scenario.steps.map((step, i) => ({ step, i, offset: offsets[i]! })).filter(({ step }) => usable({ stepId: step.id, ...(step.channel ? { channel: step.channel } : {}) }));
  if (candidates.length === 0) return undefined;
  const late = daysBetween(dueDate, today);
  const out = (r: RecordedStepRef) => r.state === 'sent' || r.state === 'to_post' || r.state === 'sending';
  // A reminder sent by hand stands where its template stands in the scenario.
  const manualPositions = records.filter((r) => r.manual && out(r)).map((r) => Math.max(-1, ...candidates.filter((c) => c.step.templateId === r.templateId).map((c) => c.i)));
  const furthestSent = Math.max(-1, ...scenarioRecords.filter(out).map((r) => r.index), ...manualPositions);
  const reached = candidates.filter((c) => c.offset <= late || c.i <= furthestSent);
  const pick = reached.at(-1) ?? candidates[0]!;
  // Never more than one step past what the client received (the catch-up rule): a client never
  // reminded gets the first overdue reminder, not a mise en demeure "despite our reminders".
  const next = candidates.find((c) => c.i > furthestSent && (late <= 0 || c.offset > 0));
  return (next && pick.i > next.i ? next : pick).step.templateId;
};

/** What orders a client's invoices contending for one send window (ADR 0005; grouped, a plan's reminder and the message, ADR 0006). */
export interface SendRank {
  /** The date the money the step speaks of is due (`rankDate`): the most overdue goes first. */
  readonly dueDate: string;
  /** The step's position in its scenario: on the same due date, the more advanced step goes first. */
  readonly position: number;
  /** The invoice's number (else its id): the last tie-break, so the order is total. */
  readonly label: string;
}

/**
 * Negative when `a` goes before `b`: earliest due date, then the more advanced step, then the invoice
 * number. The engine (send-reminder.ts `outrankingStep`) and the dry run (simulation-client-rules.ts)
 * both order by it, so the pick does not depend on which schedule fires first.
 */
export const compareSendRank = (a: SendRank, b: SendRank): number =>
  (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0) || b.position - a.position || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);

/**
 * The date a step ranks by: the date the client must pay the money it speaks of. A payment plan's reminder
 * (`instalment-courtesy`, `instalment-late`) speaks of one instalment, so its instalment's date; any other step its
 * invoice's due date. Ranked by its invoice's due date, a courtesy reminder of an instalment due 01/12 on an invoice
 * due 17/12 lost the window to another invoice's J-5 (due 03/12), went past the gap onto its instalment's date and
 * was skipped `due_passed` (ADR 0006, addendum).
 */
export const rankDate = (step: { readonly instalmentDue?: string | undefined }, invoiceDueDate: string): string => step.instalmentDue ?? invoiceDueDate;

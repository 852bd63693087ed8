/**
 * A manual reminder stands for the next planned step(s) it repeats (shared/domain/reminder-steps.ts,
 * `coveredByManual`): once it is sent, those steps are recorded `skipped` (reason `manual_sent`),
 * keeping their slot, so the client does not get the same text again a few days later from the
 * step, nor a gentler one after it.
 */
import { coveredByManual, GROUP_SENT, isOut, MANUAL_COVER_MS, MANUAL_SENT, withManualCoverage } from '../../domain/reminder-steps.js';
import type { InvoiceRepository, TimelineRecord } from '../ports.js';
import { countSkipped, type Metrics } from '../metrics.js';
import type { StepRecordItem, StepRecords } from '../ports/reminder-steps.js';
import { isScenarioStep } from './plan-lifecycle.js';

/** The steps of the invoice's live scenario plan (the latest one). */
export const liveScenarioSteps = (records: readonly StepRecordItem[]): StepRecordItem[] => {
  const steps = records.filter(isScenarioStep);
  const latest = Math.max(0, ...steps.map((r) => r.plan));
  return steps.filter((r) => r.plan === latest);
};

/**
 * Right after a manual reminder went out: the steps it stands for, read again (the stream may have
 * recorded the plan while the email was composed), are recorded `skipped: manual_sent`.
 */
export const skipStepsSentByHand = async (
  deps: { readonly steps: StepRecords; readonly invoices: Pick<InvoiceRepository, 'appendEvents'>; readonly metrics?: Metrics },
  invoice: { readonly tenantId: string; readonly id: string },
  now: Date,
): Promise<void> => {
  const records = await deps.steps.list(invoice.tenantId, invoice.id);
  const at = now.toISOString();
  const events: TimelineRecord[] = [];
  for (const r of stepsSentByHand(records)) {
    const expected = { state: 'scheduled' as const, ...(r.scheduledAt ? { scheduledAt: r.scheduledAt } : {}) };
    if (await deps.steps.transition(invoice.tenantId, invoice.id, r, expected, { state: 'skipped', reason: MANUAL_SENT, at })) {
      events.push({ at, type: 'reminder.skipped', data: { stepId: r.stepId, plan: r.plan, reason: MANUAL_SENT } });
    }
  }
  if (events.length > 0) await deps.invoices.appendEvents(invoice.tenantId, invoice.id, events);
  countSkipped(deps.metrics, events);
};

/**
 * Right after a manual reminder went out while a payment plan runs: the plan's next reminder it repeats
 * (`step`, from `planManualDefault`: same template, due within `MANUAL_COVER_MS`) is recorded `skipped:
 * manual_sent`, with its `reminder.skipped` event on the timeline as for a scenario step, so the client
 * does not get the same instalment text again a few days later.
 */
export const skipPlanStepSentByHand = async (
  deps: { readonly steps: StepRecords; readonly invoices: Pick<InvoiceRepository, 'appendEvents'>; readonly metrics?: Metrics },
  invoice: { readonly tenantId: string; readonly id: string },
  step: StepRecordItem | undefined,
  templateId: string,
  now: Date,
): Promise<void> => {
  if (!step || step.templateId !== templateId || !step.scheduledAt || Date.parse(step.scheduledAt) > now.getTime() + MANUAL_COVER_MS) return;
  const at = now.toISOString();
  if (!(await deps.steps.transition(invoice.tenantId, invoice.id, step, { state: 'scheduled', scheduledAt: step.scheduledAt }, { state: 'skipped', reason: MANUAL_SENT, at }))) return;
  const events: TimelineRecord[] = [{ at, type: 'reminder.skipped', data: { stepId: step.stepId, plan: step.plan, reason: MANUAL_SENT } }];
  await deps.invoices.appendEvents(invoice.tenantId, invoice.id, events);
  countSkipped(deps.metrics, events);
};

/**
 * Right after a client's grouped message took an overdue invoice's step along in the firmer tone of
 * another invoice's step (`leadTemplateId`, a mise en demeure with its first reminder): the invoice's
 * pending steps that text stands for, as for a manual one, are recorded `skipped: group_sent`, so the
 * client never gets a gentler reminder about it next week ("Malgré notre précédente relance" after a
 * mise en demeure).
 */
export const skipStepsSentInGroup = async (
  deps: { readonly steps: StepRecords; readonly invoices: Pick<InvoiceRepository, 'appendEvents'>; readonly metrics?: Metrics },
  invoice: { readonly tenantId: string; readonly id: string },
  leadTemplateId: string,
  now: Date,
): Promise<void> => {
  const at = now.toISOString();
  const events: TimelineRecord[] = [];
  for (const r of coveredByManual(liveScenarioSteps(await deps.steps.list(invoice.tenantId, invoice.id)), leadTemplateId, at)) {
    const expected = { state: 'scheduled' as const, ...(r.scheduledAt ? { scheduledAt: r.scheduledAt } : {}) };
    if (await deps.steps.transition(invoice.tenantId, invoice.id, r, expected, { state: 'skipped', reason: GROUP_SENT, at })) {
      events.push({ at, type: 'reminder.skipped', data: { stepId: r.stepId, plan: r.plan, reason: GROUP_SENT } });
    }
  }
  if (events.length > 0) await deps.invoices.appendEvents(invoice.tenantId, invoice.id, events);
  countSkipped(deps.metrics, events);
};

/** The first plan's steps that manual reminders sent before it was recorded stand for (shared/domain/reminder-steps.ts). */
export { withManualCoverage };

const sentAt = (r: StepRecordItem): string => r.sentAt ?? r.at;

/**
 * For the reconciler (every change of the invoice): the pending steps of the live plan a grouped
 * message in a firmer tone stands for (`groupCovers` of the step that went out in it), when the send
 * path's own `skipStepsSentInGroup` did not write them (a throttled write after the message went:
 * the fire's retry finds its step `sent` and does nothing). Only while that step is the last one
 * sent of the live plan; none once they are skipped (the step with that text, weeks away, stays).
 */
export const stepsSentInGroup = (records: readonly StepRecordItem[]): StepRecordItem[] => {
  const live = liveScenarioSteps(records);
  const sent = live.filter((r) => r.state === 'sent' && r.sentAt).sort((a, b) => a.sentAt!.localeCompare(b.sentAt!)).at(-1);
  if (!sent?.groupCovers) return [];
  if (live.some((s) => isOut(s.state) && s !== sent && sentAt(s) > sent.sentAt!)) return [];
  // Steps already skipped for it count as still pending, so what it stands for stays the same: once the send path
  // skipped J+1, the next step with that text (J+2, a week on) is not taken too (as in `stepsSentByHand`).
  const view = live.map((s) => (s.state === 'skipped' && s.reason === GROUP_SENT && s.index > sent.index && s.at >= sent.sentAt! ? { ...s, state: 'scheduled' as const, inGroup: true } : s));
  return coveredByManual(view, sent.groupCovers, sent.sentAt!).filter((s) => !('inGroup' in s));
};

/**
 * For the reconciler (every change of the invoice): pending steps of the live plan that a manual
 * reminder stands for, and that were not skipped for it yet (a plan recorded while the manual
 * email was being composed). A manual reminder counts once: not after a step went out or was
 * skipped for it since, nor for a later plan (after a pause, a dispute…) recorded after it.
 */
export const stepsSentByHand = (records: readonly StepRecordItem[]): StepRecordItem[] => {
  const live = liveScenarioSteps(records);
  if (live.length === 0) return [];
  // The first plan counts every manual reminder (each went out after the invoice, maybe before the
  // plan was written); a later plan only those sent after it was recorded.
  const planStart = live[0]!.plan === 1 ? '' : live.map((r) => r.at).reduce((a, b) => (b < a ? b : a));
  const manual = records.filter((r) => r.manual && r.state === 'sent' && sentAt(r) >= planStart).sort((a, b) => sentAt(a).localeCompare(sentAt(b)));
  for (const m of manual) {
    const since = sentAt(m);
    // A step gone out since: the manual reminder is history, the plan went on after it.
    if (live.some((s) => isOut(s.state) && sentAt(s) > since)) continue;
    // Steps already skipped for it count as still pending, so what it stands for stays the same
    // (a second "reminder" step of the scenario is not taken once the first one was).
    const view = live.map((s) => (s.state === 'skipped' && s.reason === MANUAL_SENT && s.at >= since ? { ...s, state: 'scheduled' as const, byHand: true } : s));
    const covered = coveredByManual(view, m.templateId, since).filter((s) => !('byHand' in s));
    if (covered.length > 0) return covered; // one manual reminder at a time: the next re-plan sees the others
  }
  return [];
};

/**
 * Where a manual reminder sent at `now` is recorded (plan 0): the second it is sent in, or, when a manual
 * record of the invoice already holds that second or a later one (a failed send retried at once), the next
 * free one. Keyed by the second alone, such a retry found its own failed record in the way and was refused
 * (409). One reminder per invoice a day is a rule of its own (the invoice's slot, reminder-slot.ts, checked by the claim).
 */
export const manualIndex = (records: readonly Pick<StepRecordItem, 'plan' | 'index' | 'manual'>[], now: Date): number =>
  Math.max(Math.floor(now.getTime() / 1000), ...records.filter((r) => r.manual && r.plan === 0).map((r) => r.index + 1));

/**
 * The step id of a manual reminder sent on `today`: `manual-<date>`, or `manual-<date>-2`, `-3` … when a failed
 * attempt of the same day holds it already (a retry after SES refused), so each record of
 * `GET /invoices/{id}/reminders` has an id of its own.
 */
export const manualStepId = (records: readonly Pick<StepRecordItem, 'stepId'>[], today: string): string => {
  const base = `manual-${today}`;
  const taken = new Set(records.map((r) => r.stepId));
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
};
